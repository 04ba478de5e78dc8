import { DataSource, type EntityMetadata } from 'typeorm';
import { entities } from '../src/database/entities.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';

/**
 * The entities describe the migrated schema, not the other way round (synchronize is off everywhere): every
 * table and column an entity maps, including the join tables of its many-to-many relations, exists in the
 * database the migrations built, with the same type and nullability. A mismatch is fixed in the entity.
 */

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

/** Array element types as information_schema names them (udt_name of an array is `_<element>`). */
const ELEMENT: Record<string, string> = { text: 'text', uuid: 'uuid', int4: 'integer', int8: 'bigint', bool: 'boolean', varchar: 'character varying' };

/** The type of a database column in the words of TypeORM's normalised types, `[]` marking an array. */
function dbType(c: DbColumn): string {
  if (c.data_type === 'ARRAY') return `${ELEMENT[c.udt_name.slice(1)] ?? c.udt_name.slice(1)}[]`;
  if (c.data_type === 'USER-DEFINED') return c.udt_name; // extension types, e.g. citext
  return c.data_type;
}

describe('entities match the migrated schema', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let source: DataSource;
  let columns: Map<string, DbColumn>;
  let tables: Set<string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await new DataSource({ type: 'postgres', url: database.url, entities, synchronize: false }).initialize();
    const rows = await adminQuery<DbColumn>(
      database.url,
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    tables = new Set(rows.map((r) => r.table_name));
  });
  afterAll(async () => {
    await source?.destroy();
    await database?.drop();
  });

  /** Every entity of src/database/entities.ts and the join tables of their many-to-many relations. */
  const mapped = (): EntityMetadata[] => source.entityMetadatas;
  const expectedType = (c: EntityMetadata['columns'][number]): string => `${source.driver.normalizeType(c)}${c.isArray ? '[]' : ''}`;

  it('knows every entity registered in src/database/entities.ts', () => {
    expect(mapped().filter((m) => m.tableType !== 'junction').map((m) => m.target)).toEqual(expect.arrayContaining(entities));
    expect(mapped().length).toBeGreaterThan(entities.length); // and at least one join table
  });

  it('maps only tables the migrations created', () => {
    const missing = mapped().map((m) => m.tableName).filter((t) => !tables.has(t));
    expect(missing).toEqual([]);
  });

  it('maps only columns that exist, with the type of the database column', () => {
    const wrong = mapped().flatMap((m) =>
      m.columns.flatMap((c) => {
        const db = columns.get(`${m.tableName}.${c.databaseName}`);
        if (!db) return [`${m.tableName}.${c.databaseName}: no such column (entity ${m.name}.${c.propertyName})`];
        const expected = expectedType(c);
        return expected === dbType(db) ? [] : [`${m.tableName}.${c.databaseName}: entity says ${expected}, database has ${dbType(db)}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('gives every column the nullability of the database column', () => {
    const wrong = mapped().flatMap((m) =>
      m.columns.flatMap((c) => {
        const db = columns.get(`${m.tableName}.${c.databaseName}`);
        if (!db) return []; // reported by the column test
        const nullable = db.is_nullable === 'YES';
        return c.isNullable === nullable ? [] : [`${m.tableName}.${c.databaseName}: entity says ${c.isNullable ? 'nullable' : 'NOT NULL'}, database says ${nullable ? 'nullable' : 'NOT NULL'}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('maps every NOT NULL column without a default of the tables it maps (an insert through the entity could not succeed otherwise)', async () => {
    const required = await adminQuery<{ table_name: string; column_name: string }>(
      database.url,
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'`,
    );
    const byTable = new Map(mapped().map((m) => [m.tableName, new Set(m.columns.map((c) => c.databaseName))]));
    const unmapped = required.filter((r) => byTable.get(r.table_name) && !byTable.get(r.table_name)!.has(r.column_name)).map((r) => `${r.table_name}.${r.column_name}`);
    expect(unmapped).toEqual([]);
  });
});
