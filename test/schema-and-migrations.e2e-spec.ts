import { readdirSync, readFileSync } from 'node:fs';
import { migrations } from '../migrations/index.js';
import { printAppSchema, SCHEMA_FILE } from '../src/common/graphql/schema-printer.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { adminQuery } from './support/test-database.js';

describe('schema drift', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('schema.gql is exactly what the code serves (run `npm run schema:print` after an API change)', () => {
    expect(printAppSchema(t.app)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('applied every registered migration, in order', async () => {
    const rows = await adminQuery<{ name: string }>(t.databaseUrl, 'SELECT name FROM typeorm_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });

  it('created the extensions the search relies on', async () => {
    const rows = await adminQuery<{ extname: string }>(t.databaseUrl, 'SELECT extname FROM pg_extension');
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent', 'citext']));
  });
});

describe('migrations folder', () => {
  const files = readdirSync('migrations').filter((f) => /^\d{13}-[A-Z][A-Za-z0-9]+\.ts$/.test(f));

  it('registers every migration file in migrations/index.ts, in timestamp order', () => {
    const timestamps = files.map((f) => f.slice(0, 13)).sort();
    expect(migrations.map((m) => String(m.name).slice(-13))).toEqual(timestamps);
  });

  it('holds only <timestamp>-<PascalCaseName>.ts files besides the index', () => {
    expect(readdirSync('migrations').filter((f) => f !== 'index.ts' && !files.includes(f))).toEqual([]);
  });
});
