import pg from 'pg';
import { ApiKeyScope } from '../src/common/auth/role.js';
import { Actors } from './support/actors.js';
import { createTestDatabase } from './support/test-database.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const UNAVAILABLE = { message: 'The service is temporarily unavailable. Please try again in a moment.', extensions: { code: 'SERVICE_UNAVAILABLE' } };

describe('requests in flight when the database goes away (issue #11, item 7)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let ownerUrl: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    ownerUrl = database.url;
    dropDatabase = database.drop;
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    t = await startTestApp({ databaseUrl: viaProxy.toString(), env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'true' } });
  });

  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await proxy.close();
    await dropDatabase();
  });

  it('answers SERVICE_UNAVAILABLE, not INTERNAL_SERVER_ERROR, to requests waiting on the database when it dies, then serves again', async () => {
    const a = new Actors(t);
    const admin = await a.asAdmin();
    const apiKey = await a.asApiKey(ApiKeyScope.CATALOGUE);
    const write = (code: string) => t.gql(`mutation { upsertTopic(input: { code: "${code}", nameEn: "Space", nameFr: "Espace" }) { code } }`, {}, admin);
    const read = () => t.gql('{ offerings(first: 5) { totalCount edges { node { code } } } }', {}, apiKey);
    expect((await write('SPACE_0')).errors).toBeUndefined();

    // A session straight to the server (not through the proxy) holds the tables, so the requests below are
    // in flight, inside their transactions, when the connection between the app and the database is cut.
    const blocker = new pg.Client({ connectionString: ownerUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE topic, offering IN ACCESS EXCLUSIVE MODE');
      let settled = 0;
      const inFlight = [write('SPACE_1'), write('SPACE_2'), read(), read()].map((p) => p.finally(() => { settled += 1; }));
      let waiting = 0;
      for (let i = 0; i < 100 && waiting < 1; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const { rows } = await blocker.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        );
        waiting = Number(rows[0]!.n);
      }
      expect(waiting).toBeGreaterThanOrEqual(1);
      expect(settled).toBe(0);
      await proxy.cut();
      const answers = await Promise.all(inFlight);
      for (const answer of answers) {
        expect(answer.errors?.[0]).toMatchObject(UNAVAILABLE);
      }
      // And the ones after them, while the database is still away.
      const after = await write('SPACE_3');
      expect(after.errors?.[0]).toMatchObject(UNAVAILABLE);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }

    await proxy.restore();
    await recovered(write, 'SPACE_4');
    expect((await read()).errors).toBeUndefined();
  });

  it('answers SERVICE_UNAVAILABLE to writes cut between two statements of their transaction', async () => {
    const admin = await new Actors(t).asAdmin();
    const write = (code: string) => t.gql(`mutation { upsertTopic(input: { code: "${code}", nameEn: "Space", nameFr: "Espace" }) { code } }`, {}, admin);
    await recovered(write, 'BURST_0');
    // A stream of writes, cut while many are inside their transactions: pg ends the session of an idle
    // checked-out client, TypeORM releases its query runner, and the next statement finds it released.
    const errors: Array<{ message: string; extensions?: Record<string, unknown> }> = [];
    let done = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const answer = await write(`BURST_${w}_${i}`);
        if (answer.errors) errors.push(...answer.errors);
        else done += 1;
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (done < 20) await new Promise((r) => setTimeout(r, 10));
    await proxy.cut();
    stop = true;
    await Promise.all(workers);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => e.extensions?.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    await proxy.restore();
    await recovered(write, 'BURST_AFTER');
  });
});

async function recovered(write: (code: string) => Promise<{ errors?: unknown[] }>, code: string): Promise<void> {
  let served = await write(code);
  for (let i = 0; i < 50 && served.errors; i++) {
    await new Promise((r) => setTimeout(r, 100));
    served = await write(code);
  }
  expect(served.errors).toBeUndefined();
}
