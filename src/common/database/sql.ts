import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { ReadReplicas } from '../../database/read-replicas.js';
import { cacheCounter } from '../../observability/counters.js';
import { endSpan, SpanKind, startSpan } from '../../observability/tracing.js';
import { toPositional } from './positional.js';
import { RowTable } from './row-mapper.js';

/** Named parameters of a statement: `:name` in the SQL, `{ name: value }` here (arrays bind as arrays). */
export type SqlParams = Readonly<Record<string, unknown>>;

/**
 * `prepare`: run as a named (prepared) statement, parsed and planned once per connection. For the small
 * lookups every request repeats (loader batches by ids or codes), whose one plan fits every value; never for
 * searches, where a generic plan made for one term can be wrong for the next.
 */
export interface StatementOptions {
  prepare?: boolean;
}

/** How `run` is asked: `arrays`, rows as arrays with their column names where the pool runs it (`table`). */
interface RunOptions extends StatementOptions {
  arrays?: boolean;
}

/** What a statement gave: `columns` only when its rows came as arrays. */
interface Ran<T> {
  rows: T[];
  count: number;
  columns?: string[];
}

interface Bound {
  text: string;
  names: string[];
  /** The statement's name when prepared: from its text, so each connection maps one name to one text. */
  name: string;
  /** A plain SELECT (no locking clause, no data-modifying CTE): a read replica may run it. */
  readOnly: boolean;
}

const SELECT = /^\s*\(*\s*(SELECT|WITH)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE|NEXTVAL|SETVAL|pg_advisory\w*)\b/i;

/**
 * Statements are literals, so their rewrite is cached: by the statement itself (the same string object each
 * time, whose hash V8 keeps), then by its parameter names. A key made by joining the two would be a new
 * string of a few kilobytes to build and hash on every call. The cap only guards against dynamic SQL.
 */
const MAX_CACHED_STATEMENTS = 2_000;
const bound = new Map<string, Map<string, Bound>>();
const boundCount = cacheCounter('sql_statement');

function bind(sql: string, params: SqlParams): { text: string; values: unknown[]; name: string; readOnly: boolean } {
  const names = Object.keys(params).join(',');
  let byNames = bound.get(sql);
  if (!byNames) {
    if (bound.size >= MAX_CACHED_STATEMENTS) bound.clear();
    bound.set(sql, (byNames = new Map()));
  }
  let found = byNames.get(names);
  if (found) boundCount.hits++;
  else {
    boundCount.misses++;
    const { sql: text, names: order } = toPositional(sql, params);
    const name = `pcp_${createHash('sha1').update(text).digest('base64url')}`;
    byNames.set(names, (found = { text, names: order, name, readOnly: SELECT.test(text) && !WRITES.test(text) }));
  }
  return { text: found.text, values: found.names.map((name) => params[name]), name: found.name, readOnly: found.readOnly };
}

/**
 * How repositories talk to PostgreSQL: plain SQL with named parameters and typed rows, run in the context's
 * unit of work when it has one and on the pool otherwise. Only repositories use it; services never see SQL.
 *
 * Outside a unit of work a statement runs on a pooled `pg` client taken through the driver's public
 * `obtainMasterConnection()`, not through a TypeORM query runner: a runner per statement costs more CPU than
 * a small indexed read (measured on the catalogue pages, see bench/).
 */
@Injectable()
export class Sql {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly replicas?: ReadReplicas,
  ) {}

  /** The rows a statement returns. */
  async rows<T extends QueryResultRow>(ctx: RequestContext, sql: string, params: SqlParams = {}, options?: StatementOptions): Promise<T[]> {
    return (await this.run<T>(ctx, sql, params, options)).rows;
  }

  /**
   * The rows as arrays with their column names, for wide rows read through RowMapper (`RowTable.entities`):
   * `pg` then builds no object per row keyed by column name (rowMode 'array').
   */
  async table(ctx: RequestContext, sql: string, params: SqlParams = {}, options?: StatementOptions): Promise<RowTable> {
    const arrays = { ...options, arrays: true };
    const { rows, columns } = ctx.traceSpan ? await this.traced(ctx, sql, params, arrays) : await this.runStatement(ctx, sql, params, arrays);
    // In a unit of work or on a replica the rows come as objects, as the other methods get them.
    return columns ? new RowTable(columns, rows as unknown as unknown[][]) : tableOf(rows);
  }

  /** The first row, or undefined. */
  async one<T extends QueryResultRow>(ctx: RequestContext, sql: string, params: SqlParams = {}, options?: StatementOptions): Promise<T | undefined> {
    return (await this.run<T>(ctx, sql, params, options)).rows[0];
  }

  /** The number of rows an INSERT, UPDATE or DELETE touched. */
  async execute(ctx: RequestContext, sql: string, params: SqlParams = {}): Promise<number> {
    return (await this.run(ctx, sql, params)).count;
  }

  private async run<T extends QueryResultRow>(ctx: RequestContext, sql: string, params: SqlParams, options?: StatementOptions): Promise<{ rows: T[]; count: number }> {
    if (ctx.traceSpan) return this.traced(ctx, sql, params, options);
    return this.runStatement<T>(ctx, sql, params, options);
  }

  /** A span per statement, child of the operation's (tracing on): the statement text, never its values. */
  private async traced<T extends QueryResultRow>(ctx: RequestContext, sql: string, params: SqlParams, options?: RunOptions): Promise<Ran<T>> {
    const span = startSpan('pg.query', { 'db.system': 'postgresql', 'db.statement': sql, 'pcp.request_id': ctx.requestId, 'pcp.in_transaction': ctx.transaction !== undefined }, ctx.traceSpan, SpanKind.CLIENT);
    try {
      const result = await this.runStatement<T>(ctx, sql, params, options);
      span?.setAttribute('db.rows', result.count);
      endSpan(span);
      return result;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  }

  private async runStatement<T extends QueryResultRow>(ctx: RequestContext, sql: string, params: SqlParams, options?: RunOptions): Promise<Ran<T>> {
    const { text, values, name, readOnly } = bind(sql, params);
    const runner = ctx.transaction?.queryRunner;
    if (runner) {
      const result = await runner.query(text, values, true);
      return { rows: result.records as T[], count: result.affected ?? result.records.length };
    }
    if (ctx.readReplica && readOnly && this.replicas) {
      const result = await this.replicas.query<T>(text, values);
      if (result) return { rows: result.rows, count: result.rowCount ?? result.rows.length };
    }
    const [client, release] = (await this.dataSource.driver.obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
    try {
      if (options?.arrays) {
        const result = await client.query<unknown[]>({ text, values, rowMode: 'array', ...(options.prepare ? { name } : {}) });
        release();
        return { rows: result.rows as unknown as T[], count: result.rowCount ?? result.rows.length, columns: result.fields.map((f) => f.name) };
      }
      const result = await (options?.prepare ? client.query<T>({ name, text, values }) : client.query<T>(text, values));
      release();
      return { rows: result.rows, count: result.rowCount ?? result.rows.length };
    } catch (error) {
      release(serverRefused(error) ? undefined : (error as Error));
      throw error;
    }
  }
}

/** A statement the server refused (it carries a SQLSTATE) leaves a healthy connection; anything else may not. */
function serverRefused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** Object rows as a table (their keys are the statement's column names, unique in the statements read this way). */
function tableOf(rows: QueryResultRow[]): RowTable {
  const columns = rows.length ? Object.keys(rows[0]!) : [];
  return new RowTable(columns, rows.map((row) => columns.map((c) => row[c] as unknown)));
}
