import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../config/config.module.js';

const CHANNEL = 'pcp_read_model';
const BARRIER = 'barrier:';
const RECONNECT_MS = [100, 500, 2_000, 5_000];
/** A barrier that is not answered in this time gives up: the change is then announced to everyone anyway. */
const BARRIER_TIMEOUT_MS = 2_000;

/**
 * Which generation of the catalogue's data this instance has seen. Triggers on every table the catalogue's
 * cached responses are built from (migration ReadModelChanges) NOTIFY `pcp_read_model` at commit; a dedicated
 * connection LISTENs and each notification starts a new generation, which makes every cached response of an
 * older one a miss. PostgreSQL sends a commit's notification to every listening instance at once.
 *
 * `live` is false while the listening connection is down: no change could be heard then, so nothing may be
 * served from the cache (GraphQLResponseCache checks it) until it is back, and reconnecting starts a new
 * generation.
 *
 * `barrier()` is what makes a mutation's author never read a stale response afterwards, on any instance. It
 * sends a NOTIFY together with the current WAL position and waits to hear it back: PostgreSQL queues a
 * transaction's notifications before writing its commit record and delivers them in queue order, so once the
 * echo is heard, every change committed before that position has been applied here. The mutation returns the
 * position to its author (GraphQLResponseCache: a cookie and a header); an instance that gets a request
 * carrying a position it has not heard up to runs a barrier of its own before serving from memory.
 */
@Injectable()
export class ReadModelChanges implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadModelChanges.name);
  private client: pg.Client | undefined;
  private stopped = false;
  private attempt = 0;
  private readonly barriers = new Map<string, () => void>();
  generation = 0;
  live = false;
  /** The WAL position up to which every committed change has been heard (see barrier). */
  private heardUpTo = 0n;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly url: string,
  ) {}

  get enabled(): boolean {
    return this.config.CATALOGUE_RESPONSE_CACHE;
  }

  async onModuleInit(): Promise<void> {
    if (this.enabled) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.live = false;
    for (const release of this.barriers.values()) release();
    await this.client?.end().catch(() => undefined);
  }

  /**
   * Resolves once this instance has heard every change committed before the call, with the WAL position it has
   * heard up to (as PostgreSQL writes it, e.g. 0/3D239E0); undefined while not listening.
   */
  async barrier(): Promise<string | undefined> {
    const client = this.client;
    if (!this.live || !client) return undefined;
    const nonce = randomUUID();
    const heard = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // Unheard: the listener is stuck or gone; dropping everything is always safe.
        this.barriers.delete(nonce);
        this.advance();
        resolve();
      }, BARRIER_TIMEOUT_MS);
      this.barriers.set(nonce, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    let position: string;
    try {
      const { rows } = await client.query<{ position: string }>(`SELECT pg_notify('${CHANNEL}', $1), pg_current_wal_lsn()::text AS position`, [BARRIER + nonce]);
      position = rows[0]!.position;
    } catch {
      this.barriers.get(nonce)?.();
      this.barriers.delete(nonce);
      this.advance();
      return undefined;
    }
    await heard;
    const reached = parsePosition(position)!;
    if (reached > this.heardUpTo) this.heardUpTo = reached;
    return position;
  }

  /** Returns once every change committed before `position` (a barrier's, from any instance) has been heard here. */
  async catchUp(position: string): Promise<void> {
    const wanted = parsePosition(position);
    if (wanted === undefined || wanted <= this.heardUpTo) return;
    await this.barrier();
  }

  private advance(): void {
    this.generation++;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'partner-cooperation-portal-read-model' });
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      if (payload.startsWith(BARRIER)) {
        const nonce = payload.slice(BARRIER.length);
        this.barriers.get(nonce)?.();
        this.barriers.delete(nonce);
      } else {
        this.advance();
      }
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.live = false;
      this.advance();
      for (const release of this.barriers.values()) release();
      this.barriers.clear();
      if (this.stopped) return;
      this.logger.warn(`The read model's change listener lost its connection${error ? ` (${error.message})` : ''}: cached catalogue responses are off until it is back.`);
      const delay = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)]!;
      setTimeout(() => {
        if (!this.stopped) this.connect().catch((e: Error) => lost(e));
      }, delay).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Whatever changed while nobody listened is unknown: a new generation.
      this.advance();
      this.live = true;
      this.attempt = 0;
    } catch (error) {
      lost(error as Error);
      await client.end().catch(() => undefined);
    }
  }
}

/** A WAL position `X/Y` (two hexadecimal halves) as one number; undefined if it is not one. */
export function parsePosition(text: string): bigint | undefined {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : undefined;
}
