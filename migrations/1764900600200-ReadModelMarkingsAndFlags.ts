import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model's change triggers (migration ReadModelChanges) on the tables that programme flags and releasability added. */
const TABLES = ['programme_flag', 'releasability_marking', 'offering_releasable_partner', 'offering_releasable_framework'] as const;

export class ReadModelMarkingsAndFlags1764900600200 implements MigrationInterface {
  name = 'ReadModelMarkingsAndFlags1764900600200';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER ${table}_read_model_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION pcp_read_model_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER ${table}_read_model_changed ON ${table}`);
  }
}
