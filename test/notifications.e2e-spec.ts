import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port; `failFirst` refuses that many deliveries before accepting. */
async function startSmtp(failFirst = 0): Promise<{ port: number; received: Received[]; refused: () => number; close(): Promise<void> }> {
  const received: Received[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        if (refusals < failFirst) {
          refusals += 1;
          return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refused: () => refusals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The Subject header, unfolded and with RFC 2047 Q-encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, text: string) => Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

describe('mail over SMTP, from two app instances', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let one: TestApp;
  let two: TestApp;
  let a: Actors;

  beforeAll(async () => {
    // The relay refuses the first two deliveries: those mails must be retried, and still arrive once.
    smtp = await startSmtp(2);
    // One JWT secret for both instances, as in a real deployment behind a load balancer.
    const env = { JWT_SECRET: 'two-instances-share-this-secret-0123456789', SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1', MAIL_RETRY_DELAY_SECONDS: '1', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    one = await startTestApp({ env });
    two = await startTestApp({ env, databaseUrl: one.databaseUrl });
    a = actors(one);
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
    await smtp?.close();
  });

  it('sends the section mailbox each new request and the submitter each status change and comment, once each', async () => {
    const offering = await makeOffering(one, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const refs: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 ? two : one).gql(SUBMIT, { input: submitInput(offering.id, { title: `Mail ${i}` }) }, geo);
      expect(res.errors).toBeUndefined();
      refs.push(res.data!.submitRequest.request.reference);
      if (i === 0) {
        const r = res.data!.submitRequest.request;
        expect((await one.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: 1 } }, staff)).errors).toBeUndefined();
        const c = await one.gql(graphql('mutation($id: ID!) { addComment(input: { requestId: $id, body: "We will confirm the seats next week.", internal: false }) { id } }'), { id: r.id }, staff);
        expect(c.errors).toBeUndefined();
        const note = await one.gql(graphql('mutation($id: ID!) { addComment(input: { requestId: $id, body: "internal", internal: true }) { id } }'), { id: r.id }, staff);
        expect(note.errors).toBeUndefined();
      }
    }
    const total = 6 + 2; // six new requests to the section, one status change and one comment to the submitter
    await until('every mail delivered', async () => {
      const [row] = await adminQuery<{ n: number }>(one.databaseUrl, `SELECT count(*)::int AS n FROM mail_message WHERE status = 'SENT'`);
      return row!.n === total;
    });
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one
    expect(smtp.received).toHaveLength(total);
    expect(smtp.refused()).toBe(2);
    const toSection = smtp.received.filter((m) => m.to.includes('cts@example.nato.int'));
    expect(toSection.map((m) => subjectOf(m.raw).slice(1, 14)).sort()).toEqual([...refs].sort());
    const toSubmitter = smtp.received.filter((m) => !m.to.includes('cts@example.nato.int')).map((m) => subjectOf(m.raw));
    expect(toSubmitter.sort()).toEqual(
      // The submitter's language (English by default, issue #16 item 5); the section's shared mailbox gets both.
      [`[${refs[0]}] New comment on "Mail 0"`, `[${refs[0]}] Status: under review`].sort(),
    );
    expect(smtp.received.some((m) => m.raw.includes('internal'))).toBe(false);
    const retried = await adminQuery<{ n: number }>(one.databaseUrl, `SELECT count(*)::int AS n FROM mail_message WHERE attempts > 1`);
    expect(retried[0]!.n).toBe(2);
  });
});

describe('mail without SMTP_URL', () => {
  it('records the mail and marks it RECORDED instead of sending it', async () => {
    const t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1' } });
    try {
      const offering = await makeOffering(t);
      const res = await t.gql(SUBMIT, { input: submitInput(offering.id) }, await actors(t).asPartner('GEO'));
      const id = res.data!.submitRequest.request.id;
      await until('the mail recorded', async () => {
        const rows = await adminQuery<{ status: string }>(t.databaseUrl, 'SELECT status FROM mail_message WHERE request_id = $1', [id]);
        return rows.length === 1 && rows[0]!.status === 'RECORDED';
      });
    } finally {
      await t.close();
    }
  });
});

describe('the database going away during submissions', () => {
  it('keeps every acknowledged submission exactly once, with its job, when clients retry with their key', async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const t = await startTestApp({ databaseUrl: viaProxy.toString(), env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false', DB_POOL_SIZE: '5' } });
    try {
      const offering = await makeOffering({ ...t, databaseUrl: database.url });
      const geo = await actors(t).asPartner('GEO');
      const acknowledged = new Map<string, string>();
      let failures = 0;
      const client = async (key: string) => {
        // One input per key, resent unchanged: a retry with other nominees would be another request.
        const input = submitInput(offering.id, { idempotencyKey: key, title: `Outage ${key}` });
        for (let attempt = 0; attempt < 100; attempt++) {
          const res = await t.gql(SUBMIT, { input }, geo).catch(() => undefined);
          const id = res?.data?.submitRequest?.request?.id;
          if (id) return acknowledged.set(key, id);
          failures += 1;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`${key} never acknowledged`);
      };
      const keys = Array.from({ length: 40 }, (_, i) => `outage-${i}`);
      const running = Promise.all(keys.map((k, i) => new Promise((r) => setTimeout(r, i * 25)).then(() => client(k))));
      // Cut mid-stream, then also kill the app's server sessions right after the restore (as a restart would).
      await new Promise((r) => setTimeout(r, 300));
      await proxy.cut();
      await new Promise((r) => setTimeout(r, 1000));
      await proxy.restore();
      await adminQuery(database.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await running;

      expect(failures).toBeGreaterThan(0);
      expect(acknowledged.size).toBe(40);
      const rows = await adminQuery<{ title: string; id: string; jobs: number }>(
        database.url,
        `SELECT r.title, r.id, (SELECT count(*)::int FROM pgboss.job j JOIN mail_message m ON m.id = (j.data->>'mailId')::uuid WHERE m.request_id = r.id) AS jobs
           FROM cooperation_request r WHERE r.offering_id = $1`,
        [offering.id],
      );
      expect(rows).toHaveLength(40);
      for (const key of keys) {
        const mine = rows.filter((r) => r.title === `Outage ${key}`);
        expect(mine).toEqual([{ title: `Outage ${key}`, id: acknowledged.get(key), jobs: 1 }]);
      }
    } finally {
      await t.app.close();
      await proxy.close();
      await database.drop();
    }
  });
});
