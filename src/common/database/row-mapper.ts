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
  /** Compiled readers of object rows, per prefix. */
  private readonly byName = new Map<string, (row: Record<string, unknown>) => T | undefined>();
  /** Compiled readers of array rows, per prefix and column layout. */
  private readonly byPosition = new Map<string, (row: readonly unknown[]) => T | undefined>();

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
    let read = this.byName.get(prefix);
    if (!read) this.byName.set(prefix, (read = this.compile((c) => JSON.stringify(`${prefix}${c.column}`))));
    return read(row);
  }

  /**
   * The reader of this entity out of array rows (`Sql.table`) whose columns are `columns` (`layout`: them joined,
   * the cache key): the same entity as `map`, by position.
   */
  reader(columns: readonly string[], prefix: string, layout = columns.join('\u0000')): (row: readonly unknown[]) => T | undefined {
    const key = `${prefix}\u0000${layout}`;
    let read = this.byPosition.get(key);
    if (!read) {
      read = this.compile((c) => {
        const index = columns.indexOf(`${prefix}${c.column}`);
        if (index < 0) throw new Error(`RowMapper: no column ${prefix}${c.column} in the statement's rows`);
        return String(index);
      });
      // Layouts are per statement shape; the cap only guards against dynamic SQL.
      if (this.byPosition.size >= 1_000) this.byPosition.clear();
      this.byPosition.set(key, read);
    }
    return read;
  }

  /**
   * A function copying the row's values (at `key(column)`, a JavaScript property key) onto a new entity,
   * generated once: stores to constant property names stay monomorphic where a loop over the names does not
   * (about 3× less CPU for a page of 50 requests with their joined rows). Keys and names come from the entity
   * metadata, never from input.
   */
  private compile<R>(key: (column: MappedColumn) => string): (row: R) => T | undefined {
    const copies = this.columns.map((c) => `entity[${JSON.stringify(c.property)}] = row[${key(c)}];`).join('\n');
    const id = key(this.columns[this.idIndex]!);
    const factory = new Function('Target', `return function read(row) {
      if (row[${id}] === null || row[${id}] === undefined) return undefined;
      const entity = new Target();
      ${copies}
      return entity;
    }`) as (target: new () => T) => (row: R) => T | undefined;
    return factory(this.target);
  }
}

/** A statement's rows as arrays (`Sql.table`), read by position: no object per row keyed by column name. */
export class RowTable {
  private layout?: string;

  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly (readonly unknown[])[],
  ) {}

  /** Each row's entity of `mapper` (selected with `select(…, prefix)`); undefined where an outer join missed. */
  entities<T extends ObjectLiteral>(mapper: RowMapper<T>, prefix: string): Array<T | undefined> {
    if (this.rows.length === 0) return [];
    // Joined once per table, not once per entity read from it (a request page reads five).
    this.layout ??= this.columns.join('\u0000');
    return this.rows.map(mapper.reader(this.columns, prefix, this.layout));
  }

  /** Each row's value of one column. */
  values<V>(column: string): V[] {
    if (this.rows.length === 0) return [];
    const index = this.columns.indexOf(column);
    if (index < 0) throw new Error(`RowTable: no column ${column} in the statement's rows`);
    return this.rows.map((row) => row[index] as V);
  }
}
