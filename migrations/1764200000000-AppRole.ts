import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role requests are served as (issue #11): `pcp_app`, a group role that owns nothing and may not log in;
 * the login role the app connects as is made a member (src/database/database-roles.ts). The owner (who
 * runs migrations) keeps the tables, their triggers and functions, so the app's role cannot disable or drop
 * the audit trigger, replace its function, change an owner, create objects, or touch the session
 * replication role. It gets row access only: SELECT/INSERT/UPDATE/DELETE on the tables, SELECT and INSERT
 * on audit_event (append-only), SELECT on the migration bookkeeping, and use of the sequences; default
 * privileges give the same to tables the owner creates later (a later append-only table revokes itself).
 * pg-boss's schema is created here too, so the owner creates (and owns) its tables at migration time.
 */
export class AppRole1764200000000 implements MigrationInterface {
  name = 'AppRole1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster: another database on it may have created the role already.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pcp_app') THEN
          BEGIN
            CREATE ROLE pcp_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'The role running migrations (%) cannot create the role pcp_app', current_user
                USING HINT = 'Have an administrator run: CREATE ROLE pcp_app NOLOGIN; then start again.';
          END;
        END IF;
      END
      $$`);
    // Clusters created before PostgreSQL 15 still let everyone create objects in public.
    await q.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await q.query('CREATE SCHEMA IF NOT EXISTS pgboss');
    for (const schema of ['public', 'pgboss']) {
      await q.query(`GRANT USAGE ON SCHEMA ${schema} TO pcp_app`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO pcp_app`);
      await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO pcp_app`);
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pcp_app`);
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO pcp_app`);
    }
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM pcp_app');
    await q.query('REVOKE INSERT, UPDATE, DELETE ON typeorm_migrations, typeorm_metadata FROM pcp_app');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const schema of ['public', 'pgboss']) {
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON TABLES FROM pcp_app`);
      await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON SEQUENCES FROM pcp_app`);
      await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM pcp_app`);
      await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM pcp_app`);
      await q.query(`REVOKE USAGE ON SCHEMA ${schema} FROM pcp_app`);
    }
    // The role itself stays: other databases of the cluster may use it.
  }
}
