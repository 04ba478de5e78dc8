// Read replicas (issue #20, item 4): a real streaming replica made by the test from the embedded PostgreSQL
// binaries (the package has no pg_basebackup: an online base backup, standby.signal and primary_conninfo).
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/common/auth/role.js';
import { physicalBackup, physicalRestore } from '../src/database/backup.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { Actors, type TestUser } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TOPICS = graphql('query ReplicaTopics { topics { code } }');
const UPSERT_TOPIC = graphql('mutation ReplicaUpsertTopic($input: TopicInput!) { upsertTopic(input: $input) { code } }');
const STICKY_SECONDS = 2;

describe('DATABASE_REPLICA_URLS with a real streaming replica', () => {
  let dir: string;
  let primary: EmbeddedPostgres;
  let replica: EmbeddedPostgres | undefined;
  let t: TestApp;
  let writer: TestUser;
  let reader: TestUser;
  const replicaAdminUrl = () => replica!.url.replace(/\/portal$/, '/postgres');

  const caughtUp = async () => {
    const [{ lsn }] = await adminQuery<{ lsn: string }>(primary.url, 'SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 200; i++) {
      const [{ behind }] = await adminQuery<{ behind: boolean }>(replicaAdminUrl(), 'SELECT pg_last_wal_replay_lsn() < $1::pg_lsn AS behind', [lsn]);
      if (!behind) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the replica did not catch up within 10 s');
  };
  const topicCodes = async (user: TestUser) => {
    const res = await t.gql(TOPICS, {}, user.headers);
    expect(res.errors).toBeUndefined();
    return res.data!.topics.map((x) => x.code);
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-replica-'));
    await fs.chmod(dir, 0o755);
    const staging = path.join(dir, 'staging');
    primary = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary'), stagingDir: staging, database: 'portal' });
    const password = readFileSync(path.join(dir, 'primary', 'postgres-password'), 'utf8').trim();
    await physicalBackup({ dataDir: path.join(dir, 'primary'), stagingDir: staging }, path.join(dir, 'base'), () => undefined);
    await physicalRestore({ dataDir: path.join(dir, 'replica'), stagingDir: staging }, path.join(dir, 'base'), () => undefined, {
      standbyOf: `host=127.0.0.1 port=${primary.port} user=postgres password=${password}`,
    });
    replica = await startEmbeddedPostgres({ dataDir: path.join(dir, 'replica'), stagingDir: staging, database: 'portal' });
    t = await startTestApp({
      databaseUrl: primary.url,
      // Off: a response cached from the primary would hide which server answered (the cache never stores a replica's answer).
      env: { DATABASE_REPLICA_URLS: replica.url.replace(/\/\/[^@]*@/, '//'), DATABASE_REPLICA_STICKY_SECONDS: String(STICKY_SECONDS), CATALOGUE_RESPONSE_CACHE: 'false' },
    });
    const actors = new Actors(t);
    writer = await actors.user({ role: Role.ADMIN });
    reader = await actors.user({ role: Role.ADMIN });
    await caughtUp();
  });
  afterAll(async () => {
    await t?.close();
    await replica?.stop();
    await primary?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is a streaming standby of the primary', async () => {
    expect(await adminQuery(replicaAdminUrl(), 'SELECT pg_is_in_recovery() AS standby')).toEqual([{ standby: true }]);
    expect(await adminQuery(primary.url, "SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'")).toEqual([{ n: 1 }]);
  });

  it('sends queries to the replica, mutations to the primary, and a caller reads its own writes right after', async () => {
    await adminQuery(replicaAdminUrl(), 'SELECT pg_wal_replay_pause()'); // the replica stops applying changes
    try {
      const written = await t.gql(UPSERT_TOPIC, { input: { code: 'ON_PRIMARY', nameEn: 'On the primary', nameFr: 'Sur le primaire' } }, writer.headers);
      expect(written).toMatchObject({ data: { upsertTopic: { code: 'ON_PRIMARY' } } });
      // The writer reads from the primary: its own write is there.
      expect(await topicCodes(writer)).toContain('ON_PRIMARY');
      // Another caller reads from the replica, which has not replayed it.
      expect(await topicCodes(reader)).not.toContain('ON_PRIMARY');
      // Once the sticky window has passed, the writer reads from the replica too.
      await new Promise((r) => setTimeout(r, STICKY_SECONDS * 1000 + 300));
      expect(await topicCodes(writer)).not.toContain('ON_PRIMARY');
    } finally {
      await adminQuery(replicaAdminUrl(), 'SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    expect(await topicCodes(reader)).toContain('ON_PRIMARY');
  });

  it('reads from the primary while the replica is down', async () => {
    await replica!.stop();
    expect(await topicCodes(reader)).toContain('ON_PRIMARY');
    expect(await topicCodes(reader)).toContain('ON_PRIMARY');
  });
});
