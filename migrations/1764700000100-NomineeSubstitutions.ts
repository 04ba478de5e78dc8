import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14 item 7: inside the change window before an iteration starts, a partner may only substitute a nominee,
 * and only with staff approval. A substitution waits here (the proposed nominee is personal data, shown only to
 * those who may read the request's participants) until staff approve or reject it.
 */
export class NomineeSubstitutions1764700000100 implements MigrationInterface {
  name = 'NomineeSubstitutions1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nominee_substitution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        nominee int NOT NULL CONSTRAINT nominee_substitution_nominee_check CHECK (nominee >= 0),
        proposed jsonb NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CONSTRAINT nominee_substitution_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        requested_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decision_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    // One open substitution per nominee at a time.
    await q.query(`CREATE UNIQUE INDEX nominee_substitution_pending_idx ON nominee_substitution (request_id, nominee) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX nominee_substitution_request_idx ON nominee_substitution (request_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE nominee_substitution');
  }
}
