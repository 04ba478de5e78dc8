import type { EntityMetadata, ObjectLiteral } from 'typeorm';

/** Column types whose TypeORM hydration differs from what `pg` returns; `date` is selected as text instead. */
const UNSUPPORTED = new Set(['simple-array', 'simple-json', 'simple-enum']);

interface MappedColumn {
  property: string;
  column: string;
  /** The selected SQL expression for alias `a` (a `date` as its `YYYY-MM-DD` text, as TypeORM hydrates it). */
  expression: (alias: string) => string;
}

/**
 * Hand-rolled hydration for hot read paths: the columns of an entity selected under a prefix with plain
 * SQL and copied onto a new instance, with the values TypeORM's own hydration would give (no transformers,
 * no relations), without its query builder and result transformer.
 */
export class RowMapper<T extends ObjectLiteral> {
  private static readonly cache = new WeakMap<EntityMetadata, RowMapper<ObjectLiteral>>();

  static of<T extends ObjectLiteral>(metadata: EntityMetadata): RowMapper<T> {
    let mapper = RowMapper.cache.get(metadata);
    if (!mapper) RowMapper.cache.set(metadata, (mapper = new RowMapper(metadata)));
    return mapper as unknown as RowMapper<T>;
  }

  private readonly target: new () => T;
  private readonly columns: MappedColumn[];
  /** Index of the primary key column: null in a row an outer join did not match. */
  private readonly idIndex: number;
  private readonly selects = new Map<string, string>();
  private readonly keys = new Map<string, string[]>();

  private constructor(metadata: EntityMetadata) {
    this.target = metadata.target as new () => T;
    this.columns = metadata.columns.map((c) => {
      const type = typeof c.type === 'string' ? c.type : '';
      if (c.embeddedMetadata || c.transformer || UNSUPPORTED.has(type)) {
        throw new Error(`RowMapper cannot map ${metadata.name}.${c.propertyName}`);
      }
      const column = c.databaseName;
      const expression = type === 'date' ? (a: string) => `${a}.${column}::text` : (a: string) => `${a}.${column}`;
      return { property: c.propertyName, column, expression };
    });
    this.idIndex = metadata.columns.indexOf(metadata.primaryColumns[0]!);
    if (this.idIndex < 0 || metadata.primaryColumns.length !== 1) throw new Error(`RowMapper needs one primary column in ${metadata.name}`);
  }

  /** `a.col AS "<prefix>col", …` for a select list. */
  select(alias: string, prefix = `${alias}_`): string {
    const key = `${alias}\u0000${prefix}`;
    let sql = this.selects.get(key);
    if (sql === undefined) {
      sql = this.columns.map((c) => `${c.expression(alias)} AS "${prefix}${c.column}"`).join(', ');
      this.selects.set(key, sql);
    }
    return sql;
  }

  /** The entity of a row selected with `select(…, prefix)`; undefined when its id is null (an outer join missed). */
  map(row: Record<string, unknown>, prefix: string): T | undefined {
    let keys = this.keys.get(prefix);
    if (!keys) this.keys.set(prefix, (keys = this.columns.map((c) => `${prefix}${c.column}`)));
    const id = row[keys[this.idIndex]!];
    if (id === null || id === undefined) return undefined;
    const entity = new this.target() as Record<string, unknown>;
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) entity[columns[i]!.property] = row[keys[i]!];
    return entity as T;
  }
}
