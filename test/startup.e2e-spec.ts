import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { runApp, startAppProcess } from './support/app-process.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';

const logLines = (output: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; initialised?: boolean });

describe('npm start (the compiled app as a process)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-start-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory, serves, and stops cleanly on SIGTERM', async () => {
    const app = await startAppProcess({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    const health = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
    expect(health.status).toBe(200);
    const gql = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { environment } }' }),
    });
    expect(await gql.json()).toEqual({ data: { serverInfo: { environment: 'development' } } });
    expect(logLines(app.output()).find((l) => l.msg.startsWith('embedded PostgreSQL'))).toMatchObject({ initialised: true });

    expect(await app.stop()).toBe(0);
    // PostgreSQL stopped with the app: its pid file is removed on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  });

  it('reuses the existing data directory on the next start, with the data intact', async () => {
    const app = await startAppProcess({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    expect(logLines(app.output()).find((l) => l.msg.startsWith('embedded PostgreSQL'))).toMatchObject({ initialised: false });
    expect(await app.stop()).toBe(0);

    // What the first start wrote (migrations, seeded reference data) is still there.
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const [migrations] = await adminQuery<{ n: string }>(server.url, 'SELECT count(*) AS n FROM typeorm_migrations');
      expect(Number(migrations!.n)).toBeGreaterThan(0);
      const [partners] = await adminQuery<{ n: string }>(server.url, 'SELECT count(*) AS n FROM partner');
      expect(Number(partners!.n)).toBeGreaterThan(40);
    } finally {
      await server.stop();
    }
  });

  it('uses DATABASE_URL when set and never starts an embedded PostgreSQL', async () => {
    const database = await createTestDatabase();
    const otherDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-url-'));
    try {
      const app = await startAppProcess({ DATABASE_URL: database.url, DATA_DIR: otherDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) });
      expect((await fetch(`http://127.0.0.1:${app.port}/health/ready`)).status).toBe(200);
      expect(await app.stop()).toBe(0);
      expect(existsSync(path.join(otherDir, 'postgres'))).toBe(false);
      expect(logLines(app.output()).some((l) => l.msg.startsWith('embedded PostgreSQL'))).toBe(false);
    } finally {
      await database.drop();
      await fs.rm(otherDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a bad configuration value and names it', async () => {
    const { exited, output } = runApp({ DATA_DIR: dataDir, PORT: 'eighty', DB_POOL_SIZE: '0' });
    expect(await exited).toBe(78);
    expect(output()).toMatch(/PORT="eighty"/);
    expect(output()).toMatch(/DB_POOL_SIZE="0": DB_POOL_SIZE must not be less than 1/);
  });
});
