import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { APP_GROUP_ROLE } from './database-roles.js';
import { ensureRunAsUser, platformBinariesDir, processAlive, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Backups that restore (issue #20, item 3).
 *
 * - A server (DATABASE_URL): a logical backup with PostgreSQL's own `pg_dump --format=custom`, restored with
 *   `pg_restore` into an empty (or re-created) database. The client binaries are taken from PG_BIN_DIR, else
 *   the embedded-postgres package (when it carries them; 18.x carries only initdb, pg_ctl and postgres),
 *   else the newest of /usr/lib/postgresql/N/bin, else PATH. pg_dump refuses a server newer than itself,
 *   so that is checked first and said plainly.
 * - The embedded PostgreSQL (no DATABASE_URL): the package ships no pg_dump, so the cluster is copied with
 *   PostgreSQL's own online-backup API (pg_backup_start / pg_backup_stop, as pg_basebackup does), the WAL
 *   written meanwhile kept by a temporary replication slot and copied after; restoring puts the copy back
 *   and lets PostgreSQL recover from its backup_label. Works while the app runs; restoring needs it stopped.
 */

export class BackupError extends Error {
  override name = 'BackupError';
}

type Log = (message: string) => void;

function pgClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url, application_name: 'partner-cooperation-portal-backup' });
  client.on('error', () => undefined);
  return client;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = pgClient(url);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function majorOf(versionOutput: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput);
  return m ? Number(m[1]) : undefined;
}

/** Where pg_dump/pg_restore are, and their major version. */
export async function findClientTool(tool: 'pg_dump' | 'pg_restore', binDir = process.env.PG_BIN_DIR): Promise<{ path: string; major: number }> {
  const candidates: string[] = [];
  if (binDir) candidates.push(path.join(binDir, tool));
  else {
    try {
      candidates.push(path.join(await platformBinariesDir(), 'bin', tool));
    } catch {
      // no embedded binaries for this platform
    }
    if (existsSync('/usr/lib/postgresql')) {
      const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
      for (const v of versions) candidates.push(path.join('/usr/lib/postgresql', v, 'bin', tool));
    }
    candidates.push(tool); // PATH
  }
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    const major = r.status === 0 ? majorOf(r.stdout) : undefined;
    if (major !== undefined) return { path: candidate, major };
  }
  throw new BackupError(
    `${tool} was not found${binDir ? ` in PG_BIN_DIR (${binDir})` : ' (looked in the embedded-postgres package, /usr/lib/postgresql/*/bin and PATH)'}. ` +
      `Install the PostgreSQL client tools of your server's version (Debian: apt-get install postgresql-client) or set PG_BIN_DIR to their directory.`,
  );
}

async function serverMajor(url: string): Promise<number> {
  const [row] = await query<{ v: string }>(url, "SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(row!.v) / 10_000);
}

function run(cmd: string, args: string[], log: Log, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (c: Buffer) => {
      output = (output + c.toString()).slice(-8000);
      for (const line of c.toString().split('\n')) if (line.trim()) log(`[${path.basename(cmd)}] ${line}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => reject(new BackupError(`Could not run ${cmd}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(cmd)} failed (exit ${code}): ${output.trim()}`))));
  });
}

/** libpq takes the password from the URL; keep it out of the process list by passing it in PGPASSWORD. */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

export interface BackupResult {
  kind: 'logical' | 'physical';
  path: string;
  bytes: number;
}

async function sizeOf(target: string): Promise<number> {
  const stat = await fs.stat(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of await fs.readdir(target)) total += await sizeOf(path.join(target, entry));
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// Logical: pg_dump / pg_restore against a server.

export async function logicalBackup(url: string, file: string, log: Log): Promise<BackupResult> {
  const tool = await findClientTool('pg_dump');
  const server = await serverMajor(url);
  if (tool.major < server) {
    throw new BackupError(
      `${tool.path} is PostgreSQL ${tool.major} and the server is PostgreSQL ${server}: pg_dump cannot dump a newer server. ` +
        `Install the client tools of version ${server} or newer and set PG_BIN_DIR to their directory.`,
    );
  }
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const { url: bare, env } = splitPassword(url);
  await run(tool.path, ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${bare}`], log, env);
  return { kind: 'logical', path: file, bytes: await sizeOf(file) };
}

export interface RestoreOptions {
  /** Replace a database that already holds the portal's tables (it is dropped and created again). */
  replace?: boolean;
}

async function holdsTables(url: string): Promise<boolean> {
  const [row] = await query<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return row!.n > 0;
}

/** The dump's grants name `pcp_app`; roles belong to the cluster, so a new server needs it made first. */
async function ensureAppGroupRole(url: string): Promise<void> {
  await query(
    url,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_GROUP_ROLE}') THEN
         CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
       END IF;
     END $$`,
  );
}

export async function logicalRestore(url: string, file: string, log: Log, options: RestoreOptions = {}): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`No backup at ${file}.`);
  const tool = await findClientTool('pg_restore');
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const [exists] = await query<{ n: number }>(maintenance.toString(), 'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [database]);
  if (exists!.n > 0 && (await holdsTables(url))) {
    if (!options.replace) {
      throw new BackupError(`Database "${database}" already holds tables. Stop the app and run the restore again with --replace to drop and re-create it from the backup.`);
    }
    log(`dropping database "${database}" (--replace)`);
    await query(maintenance.toString(), `DROP DATABASE ${pg.escapeIdentifier(database)} WITH (FORCE)`).catch((e: Error) => {
      throw new BackupError(`Could not drop database "${database}" (${e.message}). Drop it (or create an empty one) as a role allowed to, then restore again.`);
    });
  }
  const [still] = await query<{ n: number }>(maintenance.toString(), 'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [database]);
  if (still!.n === 0) {
    log(`creating database "${database}"`);
    await query(maintenance.toString(), `CREATE DATABASE ${pg.escapeIdentifier(database)}`).catch((e: Error) => {
      throw new BackupError(`Could not create database "${database}" (${e.message}). Create it empty, owned by the role in the URL, then restore again.`);
    });
  }
  await ensureAppGroupRole(url);
  const { url: bare, env } = splitPassword(url);
  // One transaction: a restore that fails leaves the empty database, never half of one. Objects belong to
  // the restoring role (the owner), grants to pcp_app are kept.
  await run(tool.path, ['--no-owner', '--no-password', '--exit-on-error', '--single-transaction', `--dbname=${bare}`, file], log, env);
}

// ---------------------------------------------------------------------------------------------------------
// Physical: the embedded cluster, with PostgreSQL's online-backup API.

/** Where the embedded cluster of DATA_DIR lives (DATA_DIR/postgres, or where DATA_DIR/postgres-location says). */
export function embeddedClusterDir(dataDir: string): string {
  const pointer = path.join(dataDir, 'postgres-location');
  return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : path.join(dataDir, 'postgres');
}

/** The port of the server running on the cluster, if one is. */
export function runningEmbeddedPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  return Number.isInteger(pid) && processAlive(pid) && Number.isInteger(port) ? port : undefined;
}

/** Directories whose contents a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). */
const SKIP_CONTENTS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

/** Copies a directory of a running cluster: files may vanish while it runs (ENOENT is skipped), modes are kept. */
async function copyTree(from: string, to: string, top: boolean): Promise<void> {
  const stat = await fs.stat(from);
  await fs.mkdir(to, { recursive: true, mode: stat.mode & 0o777 });
  let entries;
  try {
    entries = await fs.readdir(from, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (top && SKIP_FILES.has(entry.name)) continue;
    if (entry.name.startsWith('pgsql_tmp')) continue;
    try {
      if (entry.isDirectory()) {
        if (top && SKIP_CONTENTS.has(entry.name)) {
          await fs.mkdir(target, { recursive: true, mode: 0o700 });
          continue;
        }
        await copyTree(source, target, false);
      } else if (entry.isSymbolicLink()) {
        await fs.symlink(await fs.readlink(source), target);
      } else if (entry.isFile()) {
        await fs.copyFile(source, target);
        await fs.chmod(target, (await fs.stat(source)).mode & 0o777);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export interface EmbeddedTarget {
  dataDir: string;
  stagingDir: string;
}

/**
 * Copies the embedded cluster to `outDir` (a new directory): `cluster/` with its backup_label and WAL,
 * and the superuser's password file the cluster was made with. The server may be running (the app's) or not.
 */
export async function physicalBackup(target: EmbeddedTarget, outDir: string, log: Log): Promise<BackupResult> {
  const clusterDir = embeddedClusterDir(target.dataDir);
  const passwordFile = path.join(target.dataDir, 'postgres-password');
  if (!existsSync(path.join(clusterDir, 'PG_VERSION')) || !existsSync(passwordFile)) {
    throw new BackupError(`There is no embedded PostgreSQL cluster under DATA_DIR (${target.dataDir}). Set DATA_DIR to the app's, or DATABASE_URL for a server.`);
  }
  if (existsSync(outDir)) throw new BackupError(`${outDir} already exists; choose a new --output.`);
  const password = readFileSync(passwordFile, 'utf8').trim();
  let port = runningEmbeddedPort(clusterDir);
  let stop: (() => Promise<void>) | undefined;
  if (port === undefined) {
    log('the embedded PostgreSQL is not running; starting it for the backup');
    const server = await startEmbeddedPostgres({ dataDir: target.dataDir, stagingDir: target.stagingDir, log: () => undefined });
    port = server.port;
    stop = () => server.stop();
  } else {
    log(`backing up the running embedded PostgreSQL on port ${port}`);
  }
  const client = pgClient(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`);
  await fs.mkdir(path.dirname(path.resolve(outDir)), { recursive: true });
  const clusterCopy = path.join(outDir, 'cluster');
  try {
    await client.connect();
    // A temporary slot holds every WAL segment from here on until this session ends, so none that the
    // copy needs is recycled by a checkpoint meanwhile.
    const slot = `pcp_backup_${process.pid}`;
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    await client.query(`SELECT pg_backup_start($1, true)`, [`partner-cooperation-portal ${new Date().toISOString()}`]);
    await copyTree(clusterDir, clusterCopy, true);
    const { rows } = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const stopped = rows[0]!;
    // pg_backup_stop switched to a new segment: every record up to its LSN is in the files copied now.
    await copyTree(path.join(clusterDir, 'pg_wal'), path.join(clusterCopy, 'pg_wal'), false);
    await fs.writeFile(path.join(clusterCopy, 'backup_label'), stopped.labelfile, { mode: 0o600 });
    if (stopped.spcmapfile) await fs.writeFile(path.join(clusterCopy, 'tablespace_map'), stopped.spcmapfile, { mode: 0o600 });
    await fs.writeFile(path.join(outDir, 'postgres-password'), `${password}\n`, { mode: 0o600 });
    await fs.writeFile(
      path.join(outDir, 'manifest.json'),
      `${JSON.stringify({ kind: 'embedded-cluster', stopLsn: stopped.lsn, pgVersion: readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim(), createdAt: new Date().toISOString() }, null, 2)}\n`,
    );
  } catch (e) {
    await fs.rm(outDir, { recursive: true, force: true });
    throw e instanceof BackupError ? e : new BackupError(`The backup failed: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
    await stop?.();
  }
  return { kind: 'physical', path: outDir, bytes: await sizeOf(outDir) };
}

async function chownTree(target: string, uid: number, gid: number): Promise<void> {
  await fs.lchown(target, uid, gid);
  const stat = await fs.lstat(target);
  if (stat.isDirectory()) for (const entry of await fs.readdir(target)) await chownTree(path.join(target, entry), uid, gid);
}

/**
 * Puts a physical backup back as the embedded cluster of DATA_DIR, then starts it once so PostgreSQL replays
 * the backup's WAL (and checks it), and stops it. The app must be stopped. The cluster it replaces is kept
 * beside it (`postgres.replaced-<time>`) unless `discardReplaced`.
 */
export async function physicalRestore(
  target: EmbeddedTarget,
  backupDir: string,
  log: Log,
  options: RestoreOptions & {
    discardReplaced?: boolean;
    /** Make the copy a streaming standby of this primary (libpq conninfo) instead of starting it once. */
    standbyOf?: string;
  } = {},
): Promise<{ replacedKeptAt?: string }> {
  const manifestFile = path.join(backupDir, 'manifest.json');
  if (!existsSync(manifestFile) || !existsSync(path.join(backupDir, 'cluster', 'backup_label'))) {
    throw new BackupError(`${backupDir} is not a backup of the embedded PostgreSQL (no manifest.json or cluster/backup_label).`);
  }
  const clusterDir = embeddedClusterDir(target.dataDir);
  if (runningEmbeddedPort(clusterDir) !== undefined) {
    throw new BackupError(`The embedded PostgreSQL of ${target.dataDir} is running: stop the app, then restore.`);
  }
  let replacedKeptAt: string | undefined;
  if (existsSync(clusterDir) && (await fs.readdir(clusterDir)).length > 0) {
    if (!options.replace) throw new BackupError(`DATA_DIR ${target.dataDir} already holds a cluster. Run the restore again with --replace to put the backup in its place.`);
    if (options.discardReplaced) await fs.rm(clusterDir, { recursive: true, force: true });
    else {
      replacedKeptAt = `${clusterDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(clusterDir, replacedKeptAt);
      log(`the cluster it replaces is kept at ${replacedKeptAt}`);
    }
  }
  await fs.mkdir(target.dataDir, { recursive: true });
  await copyTree(path.join(backupDir, 'cluster'), clusterDir, false);
  await fs.chmod(clusterDir, 0o700);
  await fs.copyFile(path.join(backupDir, 'postgres-password'), path.join(target.dataDir, 'postgres-password'));
  await fs.chmod(path.join(target.dataDir, 'postgres-password'), 0o600);
  if (options.standbyOf) {
    await fs.writeFile(path.join(clusterDir, 'standby.signal'), '', { mode: 0o600 });
    await fs.appendFile(path.join(clusterDir, 'postgresql.auto.conf'), `\nprimary_conninfo = '${options.standbyOf.replace(/'/g, "''")}'\nhot_standby = on\n`);
  }
  const runAs = ensureRunAsUser();
  if (runAs) await chownTree(clusterDir, runAs.uid, runAs.gid);
  if (options.standbyOf) return { replacedKeptAt };
  log('starting the restored cluster once: PostgreSQL replays the WAL of the backup');
  const server = await startEmbeddedPostgres({ dataDir: target.dataDir, stagingDir: target.stagingDir, log: () => undefined });
  await server.stop();
  return { replacedKeptAt };
}
