import { ApiKeyScope } from '../src/common/auth/role.js';
import { Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { createTestDatabase } from './support/test-database.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('health while the database goes away', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    const target = new URL(database.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    t = await startTestApp({ databaseUrl: viaProxy.toString() });
  });

  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await proxy.close();
    await dropDatabase();
  });

  it('stays live but not ready while the database is unreachable, and recovers', async () => {
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);

    await proxy.cut();
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    const live = await fetch(`${t.baseUrl}/health`);
    expect(live.status).toBe(200);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${t.baseUrl}/health/ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it('answers a read on the hot path (straight on the pool) with SERVICE_UNAVAILABLE while the database is away, then serves it again', async () => {
    const headers = await new Actors(t).asApiKey(ApiKeyScope.CATALOGUE);
    const page = () => t.gql(graphql('{ offerings(first: 5) { totalCount edges { node { code iterations { startDate } } } } }'), {}, headers);
    expect((await page()).errors).toBeUndefined();

    await proxy.cut();
    const refused = await page();
    expect(refused.errors?.[0]).toMatchObject({
      message: 'The service is temporarily unavailable. Please try again in a moment.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });

    await proxy.restore();
    let served = await page();
    for (let i = 0; i < 50 && served.errors; i++) {
      await new Promise((r) => setTimeout(r, 100));
      served = await page();
    }
    expect(served.errors).toBeUndefined();
    expect(served.data?.offerings.totalCount).toEqual(expect.any(Number));
  });
});
