// Backups that restore (issue #20, item 3): `npm run backup` / `npm run restore` as real processes, as a
// round trip — data written through the app, backup, database wiped, restore, every row back, the app serving it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Role } from '../src/common/auth/role.js';
import { findClientTool } from '../src/database/backup.js';
import { seedDatabase } from '../src/database/seed/seed.js';
import { Actors } from './support/actors.js';
import { startAppProcess } from './support/app-process.js';
import { graphql } from './support/graphql.js';
import { startTestApp } from './support/test-app.js';
import { adminQuery, createTestDatabase, testDatabaseEnv } from './support/test-database.js';

const CLI = path.resolve('dist/src/database/backup-cli.js');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PCP_TEST_') && k !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c; });
  child.stderr.on('data', (c: Buffer) => { output += c; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Every table of the given schemas with its row count and an md5 over its rows in a fixed order. */
async function fingerprint(url: string, schemas: string[]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) ORDER BY 1`,
      [schemas],
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; h: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS h FROM ${name} t`,
      );
      result[name] = `${rows[0]!.n} ${rows[0]!.h ?? '-'}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

const TOPICS = graphql('query Topics { topics { code } }');
const UPSERT_TOPIC = graphql('mutation UpsertTopic($input: TopicInput!) { upsertTopic(input: $input) { code } }');

// pg_dump cannot dump a server newer than itself: the embedded run's PostgreSQL 18 with Debian's pg_dump 15.
const { adminUrl } = testDatabaseEnv();
const serverMajor = Math.floor(Number((await adminQuery<{ v: string }>(adminUrl, "SELECT current_setting('server_version_num') AS v"))[0]!.v) / 10_000);
const dumpMajor = await findClientTool('pg_dump').then((t) => t.major, () => 0);
const dumpable = dumpMajor >= serverMajor;

describe('npm run backup / restore against a server (pg_dump / pg_restore)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-backup-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  // Exactly one of the next two applies to the server under test (pg_dump cannot dump a newer major version), so
  // only that one is declared: nothing is reported as skipped.
  if (dumpable) it(`round trip on PostgreSQL ${serverMajor}: every row of every table back, and the app serves it`, async () => {
    const database = await createTestDatabase();
    try {
      await seedDatabase(database.url, { sampleCatalogue: true });
      const app = await startTestApp({ databaseUrl: database.url });
      const actors = new Actors(app);
      const adminUser = await actors.user({ role: Role.ADMIN });
      expect((await app.gql(UPSERT_TOPIC, { input: { code: 'BACKED_UP', nameEn: 'Backed up', nameFr: 'Sauvegardé' } }, adminUser.headers)).data).toEqual({ upsertTopic: { code: 'BACKED_UP' } });
      await app.close();

      const before = await fingerprint(database.url, ['public', 'pgboss']);
      expect(Number(before['public.offering']!.split(' ')[0])).toBeGreaterThan(0);
      expect(Number(before['public.audit_event']!.split(' ')[0])).toBeGreaterThan(0);

      const file = path.join(dir, 'portal.dump');
      const backup = await runCli(['backup', '--output', file], { DATABASE_URL: database.url });
      expect(backup).toMatchObject({ code: 0 });
      expect((await fs.stat(file)).size).toBeGreaterThan(10_000);

      await database.drop(); // wiped
      const restore = await runCli(['restore', file], { DATABASE_URL: database.url });
      expect(restore).toMatchObject({ code: 0 });
      expect(await fingerprint(database.url, ['public', 'pgboss'])).toEqual(before);

      // A second restore onto the restored database is refused unless --replace says so.
      const again = await runCli(['restore', file], { DATABASE_URL: database.url });
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/already holds tables\. Stop the app and run the restore again with --replace/);
      expect(await runCli(['restore', file, '--replace'], { DATABASE_URL: database.url })).toMatchObject({ code: 0 });
      expect(await fingerprint(database.url, ['public', 'pgboss'])).toEqual(before);

      const restored = await startTestApp({ databaseUrl: database.url });
      try {
        // The admin signs in with the password it had (users, sessions and grants came back).
        const login = await restored.gql(graphql('mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }'), { e: adminUser.email, p: adminUser.password });
        const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
        const topics = await restored.gql(TOPICS, {}, headers);
        expect(topics.data!.topics).toEqual(expect.arrayContaining([{ code: 'BACKED_UP' }]));
      } finally {
        await restored.close();
      }
    } finally {
      await database.drop();
    }
  });

  if (!dumpable) it(`refuses, saying what to install, when pg_dump (${dumpMajor}) is older than the server (${serverMajor})`, async () => {
    const database = await createTestDatabase();
    try {
      const result = await runCli(['backup', '--output', path.join(dir, 'never.dump')], { DATABASE_URL: database.url });
      expect(result.code).toBe(1);
      expect(result.output).toMatch(new RegExp(`is PostgreSQL ${dumpMajor} and the server is PostgreSQL ${serverMajor}: pg_dump cannot dump a newer server\\. Install the client tools of version ${serverMajor}`));
      expect(existsSync(path.join(dir, 'never.dump'))).toBe(false);
    } finally {
      await database.drop();
    }
  });
});

describe('npm run backup / restore of the embedded PostgreSQL (online base backup)', () => {
  let dataDir: string;
  let backupsDir: string;
  const admin = { email: 'backup-admin@example.org', password: 'a long enough passphrase for the backup test' };
  const env = () => ({ DATA_DIR: dataDir, NODE_ENV: 'development', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED_SAMPLE_CATALOGUE: 'true', WORKERS_ENABLED: 'false' });
  const clusterUrl = () => {
    const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
    const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/portal`;
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-backup-embedded-'));
    backupsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-backups-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.rm(backupsDir, { recursive: true, force: true });
  });

  it('is taken while the app runs; after the cluster is wiped and restored every row is back and the app serves it', async () => {
    const backup = path.join(backupsDir, 'cluster-backup');
    const gqlAt = (port: number) => async (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) =>
      (await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })).json()) as {
        data?: Record<string, any>;
        errors?: unknown[];
      };
    const signIn = async (post: ReturnType<typeof gqlAt>) => {
      const login = await post('mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {}, { e: admin.email, p: admin.password });
      return { authorization: `Bearer ${login.data!.login.accessToken as string}` };
    };

    let before: Record<string, string>;
    const app = await startAppProcess(env());
    try {
      const gql = gqlAt(app.port);
      const headers = await signIn(gql);
      expect(await gql('mutation { upsertTopic(input: { code: "IN_BACKUP", nameEn: "In the backup", nameFr: "Dans la sauvegarde" }) { code } }', headers)).toEqual({ data: { upsertTopic: { code: 'IN_BACKUP' } } });
      before = await fingerprint(clusterUrl(), ['public']);
      expect(Number(before['public.offering']!.split(' ')[0])).toBeGreaterThan(0);

      const result = await runCli(['backup', '--output', backup], { DATA_DIR: dataDir });
      expect(result).toMatchObject({ code: 0 });
      expect(result.output).toContain('backing up the running embedded PostgreSQL');
      expect(await fingerprint(clusterUrl(), ['public'])).toEqual(before); // nothing moved meanwhile
      // Written after the backup: must not come back.
      expect((await gql('mutation { upsertTopic(input: { code: "AFTER_BACKUP", nameEn: "After", nameFr: "Après" }) { code } }', headers)).errors).toBeUndefined();

      // Restoring under a running app is refused.
      const refused = await runCli(['restore', backup, '--replace'], { DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('is running: stop the app, then restore');
      expect(await app.stop()).toBe(0);
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }

    const existing = await runCli(['restore', backup], { DATA_DIR: dataDir });
    expect(existing.code).toBe(1);
    expect(existing.output).toContain('already holds a cluster. Run the restore again with --replace');

    await fs.rm(path.join(dataDir, 'postgres'), { recursive: true, force: true }); // wiped
    await fs.rm(path.join(dataDir, 'postgres-password'), { force: true });
    const restore = await runCli(['restore', backup], { DATA_DIR: dataDir });
    expect(restore).toMatchObject({ code: 0 });

    const again = await startAppProcess(env());
    try {
      expect(again.output()).not.toContain('initialised and started'); // the restored cluster, not a new one
      expect(await fingerprint(clusterUrl(), ['public'])).toEqual(before!);
      const gql = gqlAt(again.port);
      const topics = await gql('{ topics { code } }', await signIn(gql));
      const codes = (topics.data!.topics as { code: string }[]).map((t) => t.code);
      expect(codes).toContain('IN_BACKUP');
      expect(codes).not.toContain('AFTER_BACKUP');
      expect(await again.stop()).toBe(0);
    } finally {
      if (again.child.exitCode === null) again.child.kill('SIGKILL');
    }
  });
});
