import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading the audit trail (auditEvents, newest first by id): an index per filter that the existing ones
 * (target, actor, time) do not serve — the action, exact or as a family prefix (text_pattern_ops for LIKE 'auth.%').
 */
export class AuditTrailReads1764800000000 implements MigrationInterface {
  name = 'AuditTrailReads1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_event_action_idx');
  }
}
