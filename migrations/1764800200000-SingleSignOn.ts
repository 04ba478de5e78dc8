import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on: an account linked to a person at an OpenID Connect provider (issuer and subject, unique), and how
 * each session started (password or oidc), so that rules that depend on it (an administrator's second factor) can
 * read it with the session.
 */
export class SingleSignOn1764800200000 implements MigrationInterface {
  name = 'SingleSignOn1764800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN sso_issuer text, ADD COLUMN sso_subject text');
    await q.query('ALTER TABLE app_user ADD CONSTRAINT app_user_sso_key UNIQUE (sso_issuer, sso_subject)');
    await q.query("ALTER TABLE auth_session ADD COLUMN method text NOT NULL DEFAULT 'password' CONSTRAINT auth_session_method_check CHECK (method IN ('password', 'oidc'))");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE auth_session DROP COLUMN method');
    await q.query('ALTER TABLE app_user DROP CONSTRAINT app_user_sso_key');
    await q.query('ALTER TABLE app_user DROP COLUMN sso_issuer, DROP COLUMN sso_subject');
  }
}
