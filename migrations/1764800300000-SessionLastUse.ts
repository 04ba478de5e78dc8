import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session was last used, for the user's list of their sessions: written at sign-in and at every refresh
 * (every 15 minutes of activity at most), never on an ordinary request, so the hot paths gain no write.
 */
export class SessionLastUse1764800300000 implements MigrationInterface {
  name = 'SessionLastUse1764800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE auth_session ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now()');
    await q.query('UPDATE auth_session SET last_used_at = created_at');
    await q.query('CREATE INDEX auth_session_user_open_idx ON auth_session (user_id, last_used_at DESC) WHERE revoked_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX auth_session_user_open_idx');
    await q.query('ALTER TABLE auth_session DROP COLUMN last_used_at');
  }
}
