import pg from 'pg';

/**
 * Counts the SQL statements the in-process app sends while `count` runs, by wrapping pg's
 * Client#query (the pool's query goes through it too). Test-only.
 */
export interface SqlCount<T> {
  result: T;
  statements: number;
  sql: string[];
  /** The statements sent as named (prepared) statements. */
  prepared: string[];
}

let active: string[] | undefined;
let activePrepared: string[] | undefined;
const original = pg.Client.prototype.query;

function install(): void {
  if ((pg.Client.prototype.query as { counting?: boolean }).counting) return;
  const wrapped = function (this: pg.Client, ...args: unknown[]) {
    if (active) {
      const first = args[0] as string | { text?: string; name?: string };
      active.push(typeof first === 'string' ? first : (first?.text ?? '<unknown>'));
      if (typeof first === 'object' && first?.name) activePrepared!.push(first.text ?? '<unknown>');
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  (wrapped as unknown as { counting: boolean }).counting = true;
  pg.Client.prototype.query = wrapped as typeof pg.Client.prototype.query;
}

export async function countSql<T>(work: () => Promise<T>): Promise<SqlCount<T>> {
  install();
  if (active) throw new Error('countSql calls cannot overlap');
  const sql: string[] = [];
  const prepared: string[] = [];
  active = sql;
  activePrepared = prepared;
  try {
    const result = await work();
    return { result, statements: sql.length, sql, prepared };
  } finally {
    active = undefined;
    activePrepared = undefined;
  }
}
