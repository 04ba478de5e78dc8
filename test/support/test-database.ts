import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by the global setup: a URL with rights to create databases, and the migrated template's name. */
export function testDatabaseEnv(): { adminUrl: string; template: string } {
  const adminUrl = process.env.PCP_TEST_ADMIN_URL;
  const template = process.env.PCP_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('The jest global setup did not run (PCP_TEST_ADMIN_URL is unset).');
  return { adminUrl, template };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template (same schema, nothing shared). */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const { adminUrl, template } = testDatabaseEnv();
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined),
  };
}
