import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sliding-window rate limits as one row per key (e.g. a sign-in account or address) holding the times of
 * its hits in the window. A hit is reserved with one INSERT … ON CONFLICT DO UPDATE … WHERE count < limit,
 * which locks the key's row, so the limit holds at any concurrency and across instances; the row-per-failure
 * login_failure table it replaces was counted first and written after the password check, which let
 * concurrent attempts all pass.
 */
export class RateLimitWindows1764100000000 implements MigrationInterface {
  name = 'RateLimitWindows1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_window (
        key text PRIMARY KEY,
        hits timestamptz[] NOT NULL,
        -- the limit the last hit was reserved under, read by the next reservation's ON CONFLICT branch
        max_hits int NOT NULL CHECK (max_hits > 0),
        -- when the newest hit leaves the window: the row is useless after that and is pruned
        expires_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX rate_limit_window_expires_idx ON rate_limit_window (expires_at)');
    await q.query('DROP TABLE login_failure');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email citext NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX login_failure_email_idx ON login_failure (email, at)');
    await q.query('CREATE INDEX login_failure_ip_idx ON login_failure (ip, at)');
    await q.query('CREATE INDEX login_failure_at_idx ON login_failure (at)');
    await q.query('DROP TABLE rate_limit_window');
  }
}
