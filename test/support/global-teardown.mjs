import fs from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  const embedded = globalThis.__PCP_EMBEDDED__;
  if (embedded) {
    await embedded.server.stop();
    await fs.rm(embedded.dir, { recursive: true, force: true });
    return;
  }
  const adminUrl = process.env.PCP_TEST_ADMIN_URL;
  const template = process.env.PCP_TEST_TEMPLATE;
  if (!adminUrl || !template) return;
  // On a shared server, leave nothing behind: the template and any database a crashed test file left.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${template}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
