import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users and their memberships, sessions and rotating refresh tokens, one-time password tokens, API keys,
 * the login throttle, and the append-only audit trail.
 */
export class IdentityAndAudit1763683400000 implements MigrationInterface {
  name = 'IdentityAndAudit1763683400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL CONSTRAINT app_user_email_key UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CONSTRAINT app_user_role_check CHECK (role IN ('PARTNER_LIAISON', 'SECTION_STAFF', 'COORDINATOR', 'ADMIN')),
        password_hash text,
        partner_id uuid REFERENCES partner(id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A liaison officer represents exactly one partner; nobody else represents one.
        CONSTRAINT app_user_partner_check CHECK ((role = 'PARTNER_LIAISON') = (partner_id IS NOT NULL))
      )`);
    await q.query('CREATE INDEX app_user_partner_idx ON app_user (partner_id)');
    await q.query(`
      CREATE TABLE user_section (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        section_id uuid NOT NULL REFERENCES section(id) ON DELETE RESTRICT,
        PRIMARY KEY (user_id, section_id)
      )`);
    await q.query('CREATE INDEX user_section_section_idx ON user_section (section_id)');
    await q.query(`
      CREATE TABLE user_covered_partner (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE RESTRICT,
        PRIMARY KEY (user_id, partner_id)
      )`);
    await q.query('CREATE INDEX user_covered_partner_partner_idx ON user_covered_partner (partner_id)');

    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await q.query('CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL');
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL CONSTRAINT refresh_token_hash_key UNIQUE CHECK (length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz
      )`);
    await q.query('CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)');
    await q.query(`
      CREATE TABLE password_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL CONSTRAINT password_token_hash_key UNIQUE CHECK (length(token_hash) = 32),
        purpose text NOT NULL CHECK (purpose IN ('INVITE', 'RESET')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query('CREATE INDEX password_token_user_idx ON password_token (user_id) WHERE used_at IS NULL');
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        scope text NOT NULL CONSTRAINT api_key_scope_check CHECK (scope IN ('CATALOGUE', 'PARTNER', 'SECTION')),
        partner_id uuid REFERENCES partner(id) ON DELETE RESTRICT,
        section_id uuid REFERENCES section(id) ON DELETE RESTRICT,
        prefix text NOT NULL CONSTRAINT api_key_prefix_key UNIQUE,
        secret_hash bytea NOT NULL CONSTRAINT api_key_secret_hash_key UNIQUE CHECK (length(secret_hash) = 32),
        created_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_key_scope_target_check CHECK (
          (scope = 'CATALOGUE' AND partner_id IS NULL AND section_id IS NULL) OR
          (scope = 'PARTNER' AND partner_id IS NOT NULL AND section_id IS NULL) OR
          (scope = 'SECTION' AND section_id IS NOT NULL AND partner_id IS NULL))
      )`);

    // Failed sign-ins, counted per account and per address over a sliding window; shared by every instance.
    await q.query(`
      CREATE TABLE login_failure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email citext NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX login_failure_email_idx ON login_failure (email, at)');
    await q.query('CREATE INDEX login_failure_ip_idx ON login_failure (ip, at)');
    await q.query('CREATE INDEX login_failure_at_idx ON login_failure (at)');

    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        ip text,
        request_id text
      )`);
    await q.query('CREATE INDEX audit_event_target_idx ON audit_event (target_type, target_id, at)');
    await q.query('CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at)');
    await q.query('CREATE INDEX audit_event_at_idx ON audit_event (at)');
    // Append-only, for every role: the trigger stops even the owner; the revokes make it plain in the grants.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC');
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_event');
    await q.query('DROP FUNCTION audit_event_append_only()');
    await q.query('DROP TABLE login_failure');
    await q.query('DROP TABLE api_key');
    await q.query('DROP TABLE password_token');
    await q.query('DROP TABLE refresh_token');
    await q.query('DROP TABLE auth_session');
    await q.query('DROP TABLE user_covered_partner');
    await q.query('DROP TABLE user_section');
    await q.query('DROP TABLE app_user');
  }
}
