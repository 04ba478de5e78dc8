import type { Pool } from 'pg';
import type { DataSource, ObjectLiteral, Repository } from 'typeorm';

/**
 * A read-only statement run straight on the pool, for hot read paths outside transactions (authentication,
 * catalogue pages, DataLoader batches). TypeORM's `query()` creates, connects, broadcasts and releases a
 * query runner for every statement, which costs more CPU than a small indexed read. The rows are pg's, as
 * `query()` returns them; errors are pg's own, which the error mapping reads the same way (SQLSTATE and
 * connection codes).
 */
export async function readRows<T = Record<string, unknown>>(source: DataSource | Repository<ObjectLiteral>, sql: string, parameters?: readonly unknown[]): Promise<T[]> {
  const driver = 'driver' in source ? source.driver : source.manager.connection.driver;
  const pool = (driver as unknown as { master: Pool }).master;
  return (await pool.query(sql, parameters as unknown[] | undefined)).rows as T[];
}
