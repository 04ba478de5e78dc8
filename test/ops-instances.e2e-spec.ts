// Many instances (issue #20, item 5): two apps on one database behind a local round-robin load balancer
// behave as one — sessions, sign-in throttles, reads after writes, and jobs (each once).
import { print } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Role } from '../src/common/auth/role.js';
import { JobQueue } from '../src/notifications/job-queue.service.js';
import { MAIL_QUEUE } from '../src/notifications/queues.js';
import { Actors, refreshCookie, type TestUser } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { startLoadBalancer, type LoadBalancer } from './support/load-balancer.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LOGIN = graphql('mutation InstancesLogin($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }');
const REFRESH = graphql('mutation InstancesRefresh { refreshSession { accessToken } }');
const LOGOUT = graphql('mutation InstancesLogout { logout }');
const ME = graphql('query InstancesMe { me { email } }');
const TOPICS = graphql('query InstancesTopics { topics { code nameEn } }');
const UPSERT_TOPIC = graphql('mutation InstancesUpsertTopic($input: TopicInput!) { upsertTopic(input: $input) { code } }');

describe('two instances behind a load balancer', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let lb: LoadBalancer;
  let smtp: SMTPServer;
  const received: string[] = [];
  let admin: TestUser;

  /** A typed document through the load balancer; returns the body, the headers and which instance served it. */
  async function via<R, V>(document: TadaDocumentNode<R, V>, variables: V | Record<string, never>, headers: Record<string, string> = {}) {
    const res = await fetch(`${lb.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: print(document), variables }) });
    const body = (await res.json()) as { data?: R | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    return { ...body, headers: res.headers, upstream: Number(res.headers.get('x-upstream')) };
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          received.push(/^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    const env = {
      JWT_SECRET: 'both-instances-share-this-secret-0123456789',
      WORKERS_ENABLED: 'true',
      WORKER_POLL_SECONDS: '1',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      TRUST_PROXY: 'loopback',
    };
    a = await startTestApp({ databaseUrl: database.url, env });
    b = await startTestApp({ databaseUrl: database.url, env: { ...env, MIGRATIONS_RUN: 'false' } });
    lb = await startLoadBalancer([a.baseUrl, b.baseUrl]);
    admin = await new Actors(a).user({ role: Role.ADMIN });
  });
  afterAll(async () => {
    await lb?.close();
    await a?.close();
    await b?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.drop();
  });

  it('alternates between the instances', async () => {
    const served = [];
    for (let i = 0; i < 4; i++) served.push((await via(ME, {}, admin.headers)).upstream);
    expect(served).toEqual([served[0], 1 - served[0]!, served[0], 1 - served[0]!]);
  });

  it('keeps a session across instances: signed in on one, refreshed on the other, signed out everywhere', async () => {
    const login = await via(LOGIN, { e: admin.email, p: admin.password });
    const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
    const cookie = refreshCookie(login.headers);
    const first = await via(ME, {}, headers);
    const second = await via(ME, {}, headers);
    expect(new Set([first.upstream, second.upstream])).toEqual(new Set([0, 1]));
    expect([first.data, second.data]).toEqual([{ me: { email: admin.email } }, { me: { email: admin.email } }]);

    const refreshed = await via(REFRESH, {}, { cookie });
    expect(refreshed.upstream).not.toBe(login.upstream);
    const fresh = { authorization: `Bearer ${refreshed.data!.refreshSession.accessToken}`, cookie: refreshCookie(refreshed.headers) };
    expect((await via(LOGOUT, {}, fresh)).data).toEqual({ logout: true });
    // Signed out on one instance: the token is refused by both.
    const after = [await via(ME, {}, fresh), await via(ME, {}, fresh)];
    expect(new Set(after.map((r) => r.upstream))).toEqual(new Set([0, 1]));
    for (const r of after) expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts sign-in failures of one account over both instances', async () => {
    const target = await new Actors(b).user({ role: Role.ADMIN });
    const codes: string[] = [];
    const upstreams = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const r = await via(LOGIN, { e: target.email, p: 'not the password at all' }, { 'x-forwarded-for': `198.51.100.${10 + i}` });
      upstreams.add(r.upstream);
      codes.push(String(r.errors?.[0]?.extensions?.code));
    }
    expect(upstreams).toEqual(new Set([0, 1]));
    // LOGIN_MAX_FAILURES_PER_ACCOUNT=3: the fourth attempt is refused before the password is checked, whichever instance gets it.
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
  });

  it('shows a change made through one instance on the other at once (no stale cache)', async () => {
    const headers = admin.headers;
    const created = await via(UPSERT_TOPIC, { input: { code: 'TWO_INSTANCES', nameEn: 'First name', nameFr: 'Premier nom' } }, headers);
    expect(created.data).toEqual({ upsertTopic: { code: 'TWO_INSTANCES' } });
    const readBack = await via(TOPICS, {}, headers);
    expect(readBack.upstream).not.toBe(created.upstream);
    expect(readBack.data!.topics).toContainEqual({ code: 'TWO_INSTANCES', nameEn: 'First name' });
    const renamed = await via(UPSERT_TOPIC, { input: { code: 'TWO_INSTANCES', nameEn: 'Second name', nameFr: 'Second nom' } }, headers);
    expect(renamed.upstream).toBe(created.upstream);
    for (let i = 0; i < 2; i++) expect((await via(TOPICS, {}, headers)).data!.topics).toContainEqual({ code: 'TWO_INSTANCES', nameEn: 'Second name' });
  });

  it('delivers each queued mail exactly once with workers on both instances', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [row] = await adminQuery<{ id: string }>(
        database.url,
        `INSERT INTO mail_message (to_address, subject, body, status, attempts, created_at) VALUES ('lo@example.org', $1, 'Body', 'PENDING', 0, now()) RETURNING id`,
        [`instances-${i}`],
      );
      ids.push(row!.id);
    }
    // Queued half through each instance; both instances' workers take jobs from the one queue.
    const jobIds: string[] = [];
    for (const [i, id] of ids.entries()) jobIds.push((await (i % 2 ? b : a).app.get(JobQueue).boss.send(MAIL_QUEUE, { mailId: id }))!);
    for (let i = 0; i < 300; i++) {
      const [{ pending }] = await adminQuery<{ pending: number }>(database.url, "SELECT count(*)::int AS pending FROM mail_message WHERE subject LIKE 'instances-%' AND status <> 'SENT'");
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would arrive by now
    const ours = received.filter((s) => s.startsWith('instances-')).sort();
    expect(ours).toEqual(ids.map((_, i) => `instances-${i}`).sort());
    expect(await adminQuery(database.url, "SELECT DISTINCT status, attempts FROM mail_message WHERE subject LIKE 'instances-%'")).toEqual([{ status: 'SENT', attempts: 1 }]);
    // Each job ran once: completed, never retried.
    expect(await adminQuery(database.url, 'SELECT state::text, retry_count FROM pgboss.job WHERE id = ANY($1::uuid[]) GROUP BY 1, 2', [jobIds])).toEqual([{ state: 'completed', retry_count: 0 }]);
  });
});
