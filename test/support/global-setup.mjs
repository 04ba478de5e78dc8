// Runs outside jest's module system, so it uses the compiled app (`npm test` builds first via pretest).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { resolveDatabaseAccess } from '../../dist/src/database/database-roles.js';
import { runMigrations } from '../../dist/src/database/migrate.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set, otherwise an embedded one in a temporary directory.
 * A template database gets the real migrations once; each test file clones it.
 */
export default async function globalSetup() {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pcp-test-'));
    await fs.chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: dir, stagingDir: path.join(dir, 'staging'), database: 'postgres' });
    globalThis.__PCP_EMBEDDED__ = { server, dir };
    adminUrl = server.url;
  }
  const template = `pcp_test_${randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString());
  // The app's login role (cluster-wide), made once here so test files starting apps together need not race.
  await (await resolveDatabaseAccess({ url: templateUrl.toString(), production: false }, console)).appUrl();
  process.env.PCP_TEST_ADMIN_URL = adminUrl;
  process.env.PCP_TEST_TEMPLATE = template;
}
