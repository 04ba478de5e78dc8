import { createHmac } from 'node:crypto';
import pg from 'pg';

/**
 * Two database roles (issue #11): migrations, pg-boss's schema and the seed run as the owner; requests are
 * served as a login role that owns nothing, cannot create anything and is a member of `pcp_app`, which
 * holds only the row grants of migration AppRole1764200000000. So SQL the app sends, whatever it is, cannot
 * rewrite the audit trail (disable or drop its trigger, replace its function, switch the session
 * replication role, truncate it).
 *
 * - DATABASE_MIGRATION_URL set: it is the owner, DATABASE_URL the app's role, which must own nothing.
 * - Only DATABASE_URL (and the embedded default, whose URL is its superuser's): when that role may create
 *   roles, the app creates and serves as `pcp_app_login`, whose password is derived from the owner's
 *   (HMAC-SHA256), so every instance started with the same URL agrees on it without storing anything
 *   (the embedded cluster's owner password is random, in DATA_DIR/postgres-password, mode 0600).
 *   When it may not, and owns the tables, the app refuses to start in production and warns otherwise.
 * - Only DATABASE_URL of a role that owns nothing: it serves as that role (migrations need an owner).
 */

export const APP_GROUP_ROLE = 'pcp_app';
export const APP_LOGIN_ROLE = 'pcp_app_login';

export class DatabaseRoleError extends Error {
  override name = 'DatabaseRoleError';
}

export interface RoleFacts {
  role: string;
  superuser: boolean;
  createRole: boolean;
  createDb: boolean;
  bypassRls: boolean;
  ownsDatabase: boolean;
  ownsTables: boolean;
  inAppGroup: boolean;
}

/** What a role may do beyond the app's grants; empty for a role fit to serve requests. */
export function privilegesOf(facts: RoleFacts): string[] {
  return [
    facts.superuser && 'is a superuser',
    facts.createRole && 'may create roles',
    facts.createDb && 'may create databases',
    facts.bypassRls && 'bypasses row-level security',
    facts.ownsDatabase && 'owns the database',
    facts.ownsTables && 'owns tables of the app',
  ].filter((p): p is string => typeof p === 'string');
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'partner-cooperation-portal' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function inspectRole(url: string): Promise<RoleFacts> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<RoleFacts>(
      `SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS "createRole", r.rolcreatedb AS "createDb",
              r.rolbypassrls AS "bypassRls", pg_has_role(current_user, d.datdba, 'USAGE') AS "ownsDatabase",
              EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname IN ('public', 'pgboss') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS "ownsTables",
              EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = $1 AND pg_has_role(current_user, g.oid, 'USAGE')) AS "inAppGroup"
         FROM pg_roles r, pg_database d
        WHERE r.rolname = current_user AND d.datname = current_database()`,
      [APP_GROUP_ROLE],
    );
    return rows[0]!;
  });
}

/** The app login role's URL: the owner's, with the role and its derived password. */
export function appLoginUrl(ownerUrl: string): string {
  const owner = new URL(ownerUrl);
  const secret = `${decodeURIComponent(owner.username)}:${decodeURIComponent(owner.password)}`;
  const url = new URL(ownerUrl);
  url.username = APP_LOGIN_ROLE;
  url.password = createHmac('sha256', secret).update(`${APP_LOGIN_ROLE} password`).digest('base64url');
  return url.toString();
}

const RETRYABLE = new Set(['XX000', '23505', '42710', '40001']); // concurrent catalogue updates by another instance

/** Creates (or repairs) the app's login role as the owner, after migrations made the group role. */
async function ensureLoginRole(ownerUrl: string, appUrl: string): Promise<void> {
  const password = decodeURIComponent(new URL(appUrl).password);
  await withClient(ownerUrl, async (owner) => {
    const group = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_GROUP_ROLE]);
    if (group.rowCount === 0) {
      throw new DatabaseRoleError(`The role ${APP_GROUP_ROLE} does not exist: apply the migrations first (MIGRATIONS_RUN=true or \`npm run migration:run\`).`);
    }
    const role = owner.escapeIdentifier(APP_LOGIN_ROLE);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${owner.escapeLiteral(password)}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_LOGIN_ROLE]);
        await owner.query(exists.rowCount === 0 ? `CREATE ROLE ${role} ${attributes}` : `ALTER ROLE ${role} ${attributes}`);
        await owner.query(`GRANT ${owner.escapeIdentifier(APP_GROUP_ROLE)} TO ${role}`);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (attempt >= 5 || !RETRYABLE.has(code)) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  });
}

async function canServe(appUrl: string): Promise<RoleFacts | undefined> {
  try {
    const facts = await inspectRole(appUrl);
    return facts.inAppGroup && privilegesOf(facts).length === 0 ? facts : undefined;
  } catch (e) {
    // 28P01: wrong password, 28000: no such role. Anything else (server down) is not ours to hide.
    if (['28P01', '28000'].includes((e as { code?: string }).code ?? '')) return undefined;
    throw e;
  }
}

export interface DatabaseAccess {
  /** Runs migrations, pg-boss's schema and the seed. */
  ownerUrl: string;
  /** After migrations: the URL requests are served with, and how it was chosen (for the start-up log). */
  appUrl(): Promise<{ url: string; role: string; how: string }>;
}

interface Logger {
  warn(message: string): void;
}

export async function resolveDatabaseAccess(
  options: { url: string; migrationUrl?: string; production: boolean },
  log: Logger,
): Promise<DatabaseAccess> {
  const { url, migrationUrl, production } = options;
  if (migrationUrl) {
    return {
      ownerUrl: migrationUrl,
      async appUrl() {
        let facts = await inspectRole(url);
        const extra = privilegesOf(facts);
        if (extra.length > 0) {
          throw new DatabaseRoleError(
            `DATABASE_URL's role ${facts.role} ${extra.join(', ')}; requests must be served by a role that owns nothing and holds only the app's grants. Give DATABASE_URL such a role (see README, "Database roles") and keep the owner in DATABASE_MIGRATION_URL.`,
          );
        }
        if (!facts.inAppGroup) {
          await withClient(migrationUrl, (owner) => owner.query(`GRANT ${owner.escapeIdentifier(APP_GROUP_ROLE)} TO ${owner.escapeIdentifier(facts.role)}`)).catch((e: Error) => {
            throw new DatabaseRoleError(`DATABASE_URL's role ${facts.role} is not a member of ${APP_GROUP_ROLE} and the owner could not grant it (${e.message}). Run: GRANT ${APP_GROUP_ROLE} TO ${facts.role};`);
          });
          facts = await inspectRole(url);
        }
        return { url, role: facts.role, how: 'DATABASE_URL, migrations as DATABASE_MIGRATION_URL' };
      },
    };
  }

  const facts = await inspectRole(url);
  const extra = privilegesOf(facts);
  if (extra.length === 0) {
    return { ownerUrl: url, appUrl: async () => ({ url, role: facts.role, how: 'DATABASE_URL (owns nothing)' }) };
  }
  if (facts.superuser || facts.createRole) {
    const derived = appLoginUrl(url);
    // Without the owner's password the derived one is guessable; but a server that lets the owner in
    // without one lets anyone who can reach it in as the owner anyway, so this adds no way in.
    if (!new URL(url).password && production) {
      log.warn(`DATABASE_URL's role ${facts.role} has no password, so the password of ${APP_LOGIN_ROLE} derived from it is guessable: give the owner a password, or set DATABASE_MIGRATION_URL and DATABASE_URL (see README, "Database roles").`);
    }
    return {
      ownerUrl: url,
      async appUrl() {
        let served = await canServe(derived);
        if (!served) {
          await ensureLoginRole(url, derived);
          served = await canServe(derived);
          if (!served) throw new DatabaseRoleError(`The app role ${APP_LOGIN_ROLE} was set up but cannot be used to serve (check pg_hba.conf allows it to connect with a password).`);
        }
        return { url: derived, role: served.role, how: `created by DATABASE_URL's role ${facts.role}` };
      },
    };
  }
  const message = `DATABASE_URL's role ${facts.role} ${extra.join(', ')} and cannot create a role to serve requests with, so SQL sent by the app could rewrite the audit trail. Set DATABASE_MIGRATION_URL to this owner and DATABASE_URL to a role that owns nothing (see README, "Database roles").`;
  if (production) throw new DatabaseRoleError(message);
  log.warn(message);
  return { ownerUrl: url, appUrl: async () => ({ url, role: facts.role, how: 'DATABASE_URL (owner; refused in production)' }) };
}
