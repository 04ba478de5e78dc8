import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications in French too: `title`/`body` keep the English text, these the French one. Notices
 * written before have none, and show in English in either language.
 */
export class BilingualNotifications1763684200000 implements MigrationInterface {
  name = 'BilingualNotifications1763684200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification ADD COLUMN title_fr text, ADD COLUMN body_fr text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notification DROP COLUMN body_fr, DROP COLUMN title_fr');
  }
}
