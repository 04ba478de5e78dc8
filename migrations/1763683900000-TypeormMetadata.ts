import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table where TypeORM keeps the expressions of generated columns. Our migrations are hand-written, so
 * nothing created it; `npm run migration:generate` needs it to compare entities with the database.
 */
export class TypeormMetadata1763683900000 implements MigrationInterface {
  name = 'TypeormMetadata1763683900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar,
        "schema" varchar,
        "table" varchar,
        "name" varchar,
        "value" text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS typeorm_metadata');
  }
}
