import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor for local accounts (TOTP, RFC 6238): the confirmed secret, one being enrolled, when it was
 * turned on, and the last time step accepted (a code is never accepted twice). Recovery codes are stored as
 * their SHA-256 and used once each.
 */
export class SecondFactor1764800100000 implements MigrationInterface {
  name = 'SecondFactor1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint`);
    await q.query(`
      CREATE TABLE recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        code_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        CONSTRAINT recovery_code_user_hash_key UNIQUE (user_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE recovery_code');
    await q.query('ALTER TABLE app_user DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step');
  }
}
