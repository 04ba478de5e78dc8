import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate warning at submission (issue #15 item 7) looks for the partner's open request for the same offering
 * without an iteration, or in the same area: without these it walked every request of the partner in date order
 * (71,000 for the busiest at 1,000,000 requests), which held submitRequest to 30 a second in the bench.
 */
export class DuplicateCheckIndexes1764900600300 implements MigrationInterface {
  name = 'DuplicateCheckIndexes1764900600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX cooperation_request_partner_offering_idx ON cooperation_request (partner_id, offering_id, created_at) WHERE iteration_id IS NULL');
    await q.query('CREATE INDEX cooperation_request_partner_area_idx ON cooperation_request (partner_id, area_id, created_at) WHERE offering_id IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cooperation_request_partner_area_idx');
    await q.query('DROP INDEX cooperation_request_partner_offering_idx');
  }
}
