import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a table the catalogue's cached responses are built from announces itself on the channel
 * `pcp_read_model` when its transaction commits (NOTIFY is transactional), whichever path wrote it — the app,
 * a migration, a seed, psql. Each app instance listens and drops its cached responses (src/database/read-model-changes.ts).
 * Statement-level, so a bulk change sends one notification per statement, and PostgreSQL folds identical ones
 * of one transaction into one.
 */
export const READ_MODEL_TABLES = [
  'offering',
  'offering_iteration',
  'offering_area',
  'offering_topic',
  'offering_eligible_partner',
  'offering_eligible_framework',
  'nominee_requirement',
  'cooperation_area',
  'topic',
  'section',
  'partner',
  'partner_framework',
  'partnership_framework',
] as const;

export class ReadModelChanges1764900600000 implements MigrationInterface {
  name = 'ReadModelChanges1764900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION pcp_read_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('pcp_read_model', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of READ_MODEL_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_read_model_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION pcp_read_model_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of READ_MODEL_TABLES) await q.query(`DROP TRIGGER ${table}_read_model_changed ON ${table}`);
    await q.query('DROP FUNCTION pcp_read_model_changed()');
  }
}
