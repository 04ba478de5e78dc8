// The bench database: `pcp_bench` on the configured server (DATABASE_URL), or on an embedded PostgreSQL
// of its own under DATA_DIR (DATA_DIR/bench, so a dev server on DATA_DIR is never disturbed).
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../dist/src/config/app-config.js';
import { provisionDatabase } from '../../dist/src/database/database-provisioner.js';

export const BENCH_DATABASE = process.env.BENCH_DATABASE || 'pcp_bench';
/** The seed data alone (no bench rows), for the checks whose targets are stated on it. */
export const BENCH_SEED_DATABASE = `${BENCH_DATABASE}_seed`;
/** A run's copy of the dataset: every run starts from the generated rows, not from what earlier runs wrote. */
export const BENCH_RUN_DATABASE = `${BENCH_DATABASE}_run`;

const log = { debug: () => undefined, warn: (m) => console.warn(m), info: (m) => console.log(m) };

/** Starts (or finds) the server and creates the bench database on it; `release()` stops what was started. */
export async function openBenchServer() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    // A cluster of its own: the bench's load and its 1–2 GB of data stay out of the dev database.
    config.DATA_DIR = process.env.BENCH_DATA_DIR || path.join(config.DATA_DIR, 'bench');
  }
  const server = await provisionDatabase(config, log);
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${BENCH_DATABASE.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${BENCH_DATABASE}`;
  /** A new empty database of this name on the same server (dropped first if it exists), for a seeded app. */
  const freshDatabase = async (name) => {
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      await db.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
      await db.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await db.end();
    }
    const fresh = new URL(server.url);
    fresh.pathname = `/${name}`;
    return fresh.toString();
  };
  const quoted = (name) => `"${name.replace(/"/g, '""')}"`;
  const onServer = async (sql) => {
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      await db.query(sql);
    } finally {
      await db.end();
    }
  };
  /** A copy of the bench database under this name (dropped first if it exists); its URL. */
  const copyDatabase = async (name) => {
    await onServer(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
    // FILE_COPY: the files as they are, instead of every page through the WAL (PostgreSQL 15 and later).
    await onServer(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(BENCH_DATABASE)} STRATEGY FILE_COPY`);
    const copy = new URL(server.url);
    copy.pathname = `/${name}`;
    return copy.toString();
  };
  const dropDatabase = (name) => onServer(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
  return { url: url.toString(), embedded: Boolean(server.embedded), freshDatabase, copyDatabase, dropDatabase, release: () => server.release() };
}
