import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/common/auth/role.js';
import { DATABASE_URL } from '../src/config/config.module.js';
import { APP_GROUP_ROLE, APP_LOGIN_ROLE, inspectRole } from '../src/database/database-roles.js';
import { Actors } from './support/actors.js';
import { startAppProcess } from './support/app-process.js';
import { graphql } from './support/graphql.js';
import { adminQuery, createTestDatabase, testDatabaseEnv } from './support/test-database.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const UPSERT_TOPIC = graphql('mutation($input: TopicInput!) { upsertTopic(input: $input) { code } }');
const LOGIN = graphql('mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }');

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
    const write = (code: string) => t.gql(UPSERT_TOPIC, { input: { code, nameEn: 'Space', nameFr: 'Espace' } }, admin);
    const read = () => t.gql(graphql('{ offerings(first: 5) { totalCount edges { node { code } } } }'), {}, apiKey);
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
    const write = (code: string) => t.gql(UPSERT_TOPIC, { input: { code, nameEn: 'Space', nameFr: 'Espace' } }, admin);
    await recovered(write, 'BURST_0');
    // A stream of writes, cut while many are inside their transactions: pg ends the session of an idle
    // checked-out client, TypeORM releases its query runner, and the next statement finds it released.
    const errors: Array<{ message: string; extensions?: Record<string, unknown> }> = [];
    // A cut can land while every write of the burst is between its commit and its answer (the read model's barrier):
    // then nothing was cut mid-transaction, so the burst runs again, up to five times, until one was.
    for (let attempt = 0; attempt < 5 && errors.length === 0; attempt++) {
      if (attempt > 0) {
        await proxy.restore();
        await recovered(write, `BURST_AGAIN_${attempt}`);
      }
      let done = 0;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const answer = await write(`BURST_${attempt}_${w}_${i}`);
          if (answer.errors) errors.push(...answer.errors);
          else done += 1;
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      while (done < 20) await new Promise((r) => setTimeout(r, 10));
      await proxy.cut();
      stop = true;
      await Promise.all(workers);
    }
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

describe('the database role requests are served as (issue #11, item 5)', () => {
  let t: TestApp;
  let appUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    appUrl = t.app.get<string>(DATABASE_URL);
  });
  afterAll(() => t.close());

  it('is a login role that owns nothing and may create nothing, and is the one the app serves with', async () => {
    const facts = await inspectRole(appUrl);
    expect(facts).toMatchObject({ role: APP_LOGIN_ROLE, superuser: false, createRole: false, createDb: false, bypassRls: false, ownsDatabase: false, ownsTables: false, inAppGroup: true });
    const owner = await inspectRole(t.databaseUrl);
    expect(facts.role).not.toBe(owner.role);
    expect(await t.app.get(DataSource).query('SELECT current_user AS role')).toEqual([{ role: APP_LOGIN_ROLE }]);
    const owned = await adminQuery(t.databaseUrl, `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname IN ($1, $2)`, [APP_LOGIN_ROLE, APP_GROUP_ROLE]);
    expect(owned).toEqual([{ n: 0 }]);
  });

  it('may read and write every table of the app and pg-boss, but only read and append audit_event', async () => {
    const missing = await adminQuery(
      t.databaseUrl,
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'pgboss')
          AND c.relname NOT IN ('audit_event', 'typeorm_migrations', 'typeorm_metadata')
          AND NOT has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE')`,
      [APP_LOGIN_ROLE],
    );
    expect(missing).toEqual([]);
    const [pgboss] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'pgboss'");
    expect(pgboss!.n).toBeGreaterThan(3);
    const audit = await adminQuery(
      t.databaseUrl,
      `SELECT p AS privilege, has_table_privilege($1, 'audit_event', p) AS granted
         FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p`,
      [APP_LOGIN_ROLE],
    );
    expect(Object.fromEntries(audit.map((r) => [r.privilege, r.granted]))).toEqual({
      SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false, REFERENCES: false, TRIGGER: false,
    });
  });

  // Each attempt runs as the app's role in a transaction of its own and must be refused for lack of privilege.
  const TAMPER: Array<[string, string[]]> = [
    ['switch off triggers with session_replication_role', ["SET LOCAL session_replication_role = replica", "DELETE FROM audit_event"]],
    ['delete audit events', ['DELETE FROM audit_event']],
    ['update audit events', ["UPDATE audit_event SET action = 'nothing happened'"]],
    ['truncate audit_event', ['TRUNCATE audit_event']],
    ['disable the append-only trigger', ['ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete']],
    ['disable every trigger', ['ALTER TABLE audit_event DISABLE TRIGGER ALL']],
    ['drop the append-only trigger', ['DROP TRIGGER audit_event_no_update_delete ON audit_event']],
    ['replace the trigger function', ['CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$']],
    ['take ownership of audit_event', ['ALTER TABLE audit_event OWNER TO CURRENT_USER']],
    ['grant itself UPDATE and DELETE on audit_event, then delete', ['GRANT UPDATE, DELETE ON audit_event TO CURRENT_USER', 'DELETE FROM audit_event']],
    ['drop audit_event', ['DROP TABLE audit_event']],
    ['add a column to audit_event', ['ALTER TABLE audit_event ADD COLUMN forged boolean']],
    ['create a table in public', ['CREATE TABLE public.shadow (id int)']],
    ['create a function in public', ['CREATE FUNCTION public.shadow() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$']],
    ['create a schema', ['CREATE SCHEMA shadow']],
    ['become the owner with SET ROLE', ['SET ROLE postgres']],
    ['make itself a superuser', ['ALTER ROLE CURRENT_USER SUPERUSER']],
    ['alter a pg-boss table', ['ALTER TABLE pgboss.job DISABLE TRIGGER ALL']],
  ];

  it.each(TAMPER)('cannot %s', async (_, statements) => {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      let failure: { code?: string; message?: string } | undefined;
      for (const sql of statements) {
        failure = await client.query(sql).then(() => undefined, (e: { code?: string; message?: string }) => e);
        if (failure) break;
      }
      expect(failure).toBeDefined();
      // 42501 insufficient_privilege ("permission denied", "must be owner of …").
      expect(failure).toMatchObject({ code: '42501' });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('still appends to the audit trail, and the tamper attempts changed nothing in it', async () => {
    const [event] = await adminQuery<{ id: string }>(appUrl, "INSERT INTO audit_event (actor_kind, action) VALUES ('SYSTEM', 'role.test') RETURNING id");
    expect(await adminQuery(appUrl, 'SELECT action FROM audit_event WHERE id = $1', [event!.id])).toEqual([{ action: 'role.test' }]);
    const triggers = await adminQuery(t.databaseUrl, "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal ORDER BY tgname");
    expect(triggers).toEqual([{ tgname: 'audit_event_no_truncate', tgenabled: 'O' }, { tgname: 'audit_event_no_update_delete', tgenabled: 'O' }]);
  });
});

describe('DATABASE_URL with DATABASE_MIGRATION_URL (issue #11, item 5)', () => {
  it('migrates as the owner and serves as DATABASE_URL\'s role, which it makes a member of pcp_app', async () => {
    const database = await createTestDatabase();
    const role = `pcp_test_app_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await adminQuery(database.url, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    const url = new URL(database.url);
    url.username = role;
    url.password = password;
    try {
      const t = await startTestApp({ databaseUrl: url.toString(), env: { DATABASE_MIGRATION_URL: database.url } });
      try {
        expect(await t.app.get(DataSource).query('SELECT current_user AS role')).toEqual([{ role }]);
        expect(await inspectRole(url.toString())).toMatchObject({ role, superuser: false, ownsTables: false, inAppGroup: true });
        const res = await t.gql(graphql('{ serverInfo { environment } }'));
        expect(res.errors).toBeUndefined();
      } finally {
        await t.close();
      }
    } finally {
      await database.drop();
      await adminQuery(testDatabaseEnv().adminUrl, `DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('refuses to serve as a DATABASE_URL role that could rewrite the audit trail, and says what to set', async () => {
    const database = await createTestDatabase();
    try {
      await expect(startTestApp({ databaseUrl: database.url, env: { DATABASE_MIGRATION_URL: database.url } })).rejects.toThrow(
        /^DATABASE_URL's role \w+ is a superuser, .*requests must be served by a role that owns nothing and holds only the app's grants\. Give DATABASE_URL such a role/,
      );
    } finally {
      await database.drop();
    }
  });
});

describe('a dead embedded PostgreSQL (issue #11, item 8)', () => {
  let dataDir: string;
  const admin = { email: 'root@example.org', password: 'a long enough passphrase for the supervisor test' };
  const env = () => ({ DATA_DIR: dataDir, NODE_ENV: 'development', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED_SAMPLE_CATALOGUE: 'false' });
  const postmasterPid = () => Number.parseInt(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
  const logLines = (output: string) => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; level: number });

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-supervise-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('is restarted after kill -9: readiness turns 503, then 200 again, and an acknowledged write is still there', async () => {
    const app = await startAppProcess(env());
    try {
      const base = `http://127.0.0.1:${app.port}`;
      const gql = async <R, V>(document: TadaDocumentNode<R, V>, variables: V, headers: Record<string, string> = {}) => {
        const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: print(document), variables }) });
        return (await res.json()) as { data?: R | null; errors?: unknown[] };
      };
      const login = await gql(LOGIN, { email: admin.email, password: admin.password });
      const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
      const written = await gql(UPSERT_TOPIC, { input: { code: 'SUPERVISED', nameEn: 'Supervised', nameFr: 'Supervisé' } }, headers);
      expect(written).toEqual({ data: { upsertTopic: { code: 'SUPERVISED' } } });
      expect(logLines(app.output()).some((l) => l.msg === 'serving requests as database role pcp_app_login')).toBe(true);

      const killed = postmasterPid();
      process.kill(killed, 'SIGKILL');
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        status = (await fetch(`${base}/health/ready`)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(503);
      for (let i = 0; i < 600 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await fetch(`${base}/health/ready`)).status;
      }
      expect(status).toBe(200);
      expect(postmasterPid()).not.toBe(killed);

      const topics = await gql(graphql('{ topics { code } }'), {}, headers);
      expect(topics.data?.topics).toEqual(expect.arrayContaining([{ code: 'SUPERVISED' }]));
      const supervisorLines = () => logLines(app.output()).map((l) => l.msg).filter((m) => /embedded PostgreSQL/.test(m));
      // The log reaches us through a pipe that may lag the HTTP answers on a loaded machine.
      for (let i = 0; i < 50 && !supervisorLines().includes('embedded PostgreSQL restarted; the connection pool reconnects'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const messages = supervisorLines();
      // Each step logged (the list is short, so a failure shows all of it).
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringMatching(/^embedded PostgreSQL exited unexpectedly \(killed by SIGKILL\)$/),
        expect.stringMatching(/^restarting the embedded PostgreSQL in \d+ ms \(attempt [1-5] of 5\)$/),
        'embedded PostgreSQL restarted; the connection pool reconnects',
      ]));
      expect(await app.stop()).toBe(0);
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }
  });

  it('exits non-zero, saying why, when it cannot bring it back', async () => {
    const app = await startAppProcess({ ...env(), EMBEDDED_PG_MAX_RESTARTS: '2' });
    // 'close', not 'exit': by then everything the app wrote to its pipes has been read.
    const exited = new Promise<number | null>((resolve) => app.child.once('close', (code) => resolve(code)));
    const clusterDir = path.join(dataDir, 'postgres');
    try {
      // PostgreSQL refuses to start on a data directory others may write to.
      await fs.chmod(clusterDir, 0o777);
      process.kill(postmasterPid(), 'SIGKILL');
      expect(await exited).toBe(69);
      const messages = logLines(app.output()).map((l) => l.msg).filter((m) => /embedded PostgreSQL/.test(m));
      expect(messages).toEqual(expect.arrayContaining([
        'restarting the embedded PostgreSQL in 500 ms (attempt 1 of 2)',
        'restarting the embedded PostgreSQL in 1000 ms (attempt 2 of 2)',
        'embedded PostgreSQL is down and could not be restarted; exiting (code 69) for a supervisor to restart the app',
      ]));
      expect(app.output()).toMatch(/could not be restarted after 2 attempt\(s\): PostgreSQL exited during start-up: .*invalid permissions/s);
    } finally {
      await fs.chmod(clusterDir, 0o700);
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }
  });
});
