import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../context/request-context.js';
import { Sql } from '../database/sql.js';

/** One key to reserve a hit on, e.g. `login.account:ana@example.org` with at most 5 hits in the window. */
export interface RateLimitKey {
  key: string;
  maxHits: number;
}

export type Reservation =
  | { granted: true; /** The hit's time, exact to the microsecond, to release it again. */ at: string; hits: ReadonlyMap<string, number> }
  | { granted: false; /** Keys that were full, with the seconds until their oldest hit leaves the window. */ refused: ReadonlyMap<string, number> };

interface ReservedRow {
  key: string;
  at: string;
  hits: number;
}

interface OldestRow {
  key: string;
  retry_after_seconds: number;
}

/**
 * A hit on each key that has room. The INSERT … ON CONFLICT DO UPDATE locks each key's row and evaluates the
 * WHERE on its latest committed version (not the statement's snapshot), so two reservations on one key are
 * serialised and each sees the other's hit: the limit holds at any concurrency, and across instances on one
 * database. It runs on its own (autocommit), so a row stays locked for microseconds inside PostgreSQL, never
 * across a round trip: a transaction around it held the lock while the client's event loop got to the
 * ROLLBACK, which under a 200-request flood queued the attempts for seconds. Keys are taken in sorted order
 * so two reservations cannot deadlock. Keys that were full are absent from RETURNING.
 */
const RESERVE =
  `INSERT INTO rate_limit_window AS w (key, hits, max_hits, expires_at)
   SELECT k.key, ARRAY[now()], k.max_hits, now() + make_interval(secs => :windowSeconds)
     FROM unnest(:keys::text[], :maxHits::int[]) AS k(key, max_hits)
    ORDER BY k.key
   ON CONFLICT (key) DO UPDATE
      SET hits = ARRAY(SELECT h FROM unnest(w.hits) AS h WHERE h > now() - make_interval(secs => :windowSeconds) ORDER BY h) || now(),
          max_hits = EXCLUDED.max_hits,
          expires_at = EXCLUDED.expires_at
    WHERE (SELECT count(*) FROM unnest(w.hits) AS h WHERE h > now() - make_interval(secs => :windowSeconds)) < EXCLUDED.max_hits
   RETURNING w.key, now()::text AS at, cardinality(w.hits) AS hits`;

/** Seconds until the oldest hit of each full key leaves the window (read after the refused reservation rolled back). */
const RETRY_AFTER =
  `SELECT w.key, GREATEST(1, ceil(extract(epoch FROM min(h) + make_interval(secs => :windowSeconds) - now())))::int AS retry_after_seconds
     FROM rate_limit_window w, unnest(w.hits) AS h
    WHERE w.key = ANY(:keys::text[]) AND h > now() - make_interval(secs => :windowSeconds)
    GROUP BY w.key`;

/** Takes back one hit (the one reserved at `at`) on each key; array_position finds the first equal time only. */
const RELEASE =
  `UPDATE rate_limit_window
      SET hits = hits[:array_position(hits, :at::timestamptz) - 1] || hits[array_position(hits, :at::timestamptz) + 1:]
    WHERE key = ANY(:keys::text[]) AND array_position(hits, :at::timestamptz) IS NOT NULL`;

const CLEAR = 'DELETE FROM rate_limit_window WHERE key = :key';

const PRUNE = 'DELETE FROM rate_limit_window WHERE expires_at < now()';

/**
 * Every statement on rate_limit_window: sliding-window limits shared by all instances (sign-in throttling,
 * the refusal audit's own limit).
 */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Reserves one hit on each key when none is full; otherwise reserves nothing and says which are full. Call it
   * outside any unit of work (see RESERVE).
   */
  async reserve(ctx: RequestContext, keys: readonly RateLimitKey[], windowSeconds: number): Promise<Reservation> {
    const rows = await this.sql.rows<ReservedRow>(ctx, RESERVE, { windowSeconds, keys: keys.map((k) => k.key), maxHits: keys.map((k) => k.maxHits) });
    if (rows.length === keys.length) {
      return { granted: true, at: rows[0]!.at, hits: new Map(rows.map((r) => [r.key, Number(r.hits)])) };
    }
    // The attempt is refused as a whole: the hits it took on keys that had room are given back. Until then
    // they count, which can only refuse a concurrent attempt early, never let one more through.
    if (rows.length > 0) await this.sql.execute(ctx, RELEASE, { keys: rows.map((r) => r.key), at: rows[0]!.at });
    const reserved = new Set(rows.map((r) => r.key));
    const full = keys.map((k) => k.key).filter((k) => !reserved.has(k));
    const retry = new Map((await this.sql.rows<OldestRow>(ctx, RETRY_AFTER, { windowSeconds, keys: full })).map((r) => [r.key, r.retry_after_seconds]));
    return { granted: false, refused: new Map(full.map((k) => [k, retry.get(k) ?? 1])) };
  }

  /** Takes back a hit reserved at `at` (e.g. an attempt that turned out not to count). */
  async release(ctx: RequestContext, key: string, at: string): Promise<void> {
    await this.sql.execute(ctx, RELEASE, { keys: [key], at });
  }

  /** Forgets every hit on the key. */
  async clear(ctx: RequestContext, key: string): Promise<void> {
    await this.sql.execute(ctx, CLEAR, { key });
  }

  /** Deletes the keys whose every hit has left its window; keeps the table small without a job. */
  async prune(ctx: RequestContext): Promise<void> {
    await this.sql.execute(ctx, PRUNE);
  }
}
