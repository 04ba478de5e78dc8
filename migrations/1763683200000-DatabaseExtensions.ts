import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions later work relies on: trigram search, accent-insensitive search, case-insensitive text. */
export class DatabaseExtensions1763683200000 implements MigrationInterface {
  name = 'DatabaseExtensions1763683200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await q.query('CREATE EXTENSION IF NOT EXISTS citext');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP EXTENSION IF EXISTS citext');
    await q.query('DROP EXTENSION IF EXISTS unaccent');
    await q.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
