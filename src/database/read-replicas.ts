import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../config/config.module.js';
import { appPgTypes } from './pg-types.js';

/** How long a replica that refused a connection is left out before it is tried again. */
const DOWN_FOR_MS = 5_000;
const MAX_TRACKED_CALLERS = 100_000;

interface Replica {
  pool: pg.Pool;
  host: string;
  downUntil: number;
}

/**
 * Streaming replicas for reads (issue #20, item 4; README, "Read replicas"). `Sql` sends a statement here
 * only when all of these hold: it runs outside a unit of work, it is a plain SELECT, and its request is a
 * GraphQL query whose caller has not made a mutation in the last DATABASE_REPLICA_STICKY_SECONDS (read your
 * own writes). Anything else, and any statement a replica cannot run or answer, goes to the primary.
 *
 * Replicas are reached as the role the app serves as on the primary (roles and passwords replicate with
 * everything else): a URL in DATABASE_REPLICA_URLS gives the host, port and database only.
 */
@Injectable()
export class ReadReplicas implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly replicas: Replica[];
  private next = 0;
  /** Caller → until when its reads stay on the primary (this instance's memory). */
  private readonly writers = new Map<string, number>();
  private readonly stickyMs: number;

  constructor(@Inject(AppConfig) config: AppConfig, @Inject(DATABASE_URL) servedUrl: string) {
    this.stickyMs = config.DATABASE_REPLICA_STICKY_SECONDS * 1000;
    this.replicas = config.replicaUrls.map((location) => {
      const url = new URL(servedUrl);
      const at = new URL(location);
      url.hostname = at.hostname;
      url.port = at.port;
      if (at.pathname.length > 1) url.pathname = at.pathname;
      for (const [k, v] of at.searchParams) url.searchParams.set(k, v);
      const pool = new pg.Pool({ connectionString: url.toString(), max: config.DB_POOL_SIZE, application_name: 'partner-cooperation-portal-replica', connectionTimeoutMillis: 2_000, types: appPgTypes });
      pool.on('error', () => undefined); // an idle client lost: the pool replaces it
      return { pool, host: `${at.hostname}:${at.port || 5432}`, downUntil: 0 };
    });
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** A caller's mutation: its reads go to the primary until the replicas have surely replayed it. */
  wrote(caller: string): void {
    if (!this.enabled) return;
    if (this.writers.size >= MAX_TRACKED_CALLERS) {
      const now = Date.now();
      for (const [key, until] of this.writers) if (until <= now) this.writers.delete(key);
      if (this.writers.size >= MAX_TRACKED_CALLERS) this.writers.clear();
    }
    this.writers.set(caller, Date.now() + this.stickyMs);
  }

  /** Whether this caller's reads may go to a replica now. */
  mayRead(caller: string): boolean {
    if (!this.enabled) return false;
    const until = this.writers.get(caller);
    if (until === undefined) return true;
    if (until > Date.now()) return false;
    this.writers.delete(caller);
    return true;
  }

  /**
   * Runs a read on a replica; undefined when none could answer (down, or refused the statement), for the
   * caller to use the primary instead.
   */
  async query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<T> | undefined> {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length]!;
      if (replica.downUntil > now) continue;
      this.next = (this.next + i + 1) % this.replicas.length;
      let client: pg.PoolClient;
      try {
        client = await replica.pool.connect();
      } catch (e) {
        replica.downUntil = Date.now() + DOWN_FOR_MS;
        this.logger.warn(`read replica ${replica.host} unreachable, reading from the primary for ${DOWN_FOR_MS / 1000} s: ${(e as Error).message}`);
        continue;
      }
      try {
        const result = await client.query<T>(text, values);
        client.release();
        return result;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
        client.release(sqlState ? undefined : (e as Error));
        // 25006 read_only_sql_transaction: a statement with side effects. 40001: a standby query cancelled
        // by replay (recovery conflict). Both are retried on the primary; other errors are the statement's own.
        if (sqlState && code !== '25006' && code !== '40001' && code !== '57P01') throw e;
        if (!sqlState) replica.downUntil = Date.now() + DOWN_FOR_MS;
        return undefined;
      }
    }
    return undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}
