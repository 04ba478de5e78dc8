import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18, the triage console: the service-target clock pauses while the partner is asked for information
 * (service_paused_at: since when; the decision due date moves on by the pause when the request comes back), and
 * each person's own saved views of the queue (a name and the filter it applies, per screen).
 */
export class TriageConsole1764900500000 implements MigrationInterface {
  name = 'TriageConsole1764900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cooperation_request ADD COLUMN service_paused_at timestamptz');
    await q.query(`
      CREATE TABLE saved_view (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        screen text NOT NULL CHECK (screen IN ('queue')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        filter jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT saved_view_name_unique UNIQUE (user_id, screen, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE saved_view');
    await q.query('ALTER TABLE cooperation_request DROP COLUMN service_paused_at');
  }
}
