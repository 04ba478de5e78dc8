import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API key's explicit grant to read participants' personal data (names, emails, clearances) of the requests
 * in its reach. Existing keys keep working without it: they see participantCount, not the participants.
 */
export class ApiKeyPersonalData1764600000000 implements MigrationInterface {
  name = 'ApiKeyPersonalData1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE api_key ADD COLUMN personal_data boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE api_key DROP COLUMN personal_data');
  }
}
