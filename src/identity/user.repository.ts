import { Injectable } from '@nestjs/common';
import type { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import type { PasswordTokenPurpose } from './password-token.entity.js';
import { SecretBox } from './secret-box.js';
import { User } from './user.entity.js';

/** A user as its row, without the password hash (read only to sign in). */
export type UserRow = Omit<User, 'passwordHash' | 'partner' | 'sections' | 'coveredPartners' | 'totpSecret' | 'totpPendingSecret' | 'totpEnabledAt' | 'totpLastStep' | 'ssoIssuer' | 'ssoSubject'>;

/** What sign-in needs: the hash, and whether the account may sign in at all. */
export interface LoginUserRow {
  id: string;
  active: boolean;
  passwordHash: string | null;
  email: string;
  role: Role;
  /** Set when the second factor is on: sign-in then needs a code. */
  totpSecret: string | null;
  /** Provisioned by single sign-on and without a local password: signs in only through its organisation. */
  ssoOnly: boolean;
  totpLastStep: string | null;
}

/** A user with the memberships that scope what they see: one row per live session, on every bearer request. */
export interface ActorRow {
  id: string;
  role: Role;
  /** The second factor is on (administrators without one may be restricted, see ADMIN_SECOND_FACTOR). */
  secondFactor: boolean;
  partnerId: string | null;
  sectionIds: string[];
  coveredPartnerIds: string[];
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  partnerId: string | null;
}

/** Columns an administrator may change; the ones absent stay as they are. */
export interface UserChanges {
  email?: string;
  displayName?: string;
  role?: Role;
  partnerId?: string | null;
}

export interface UserListConditions {
  role?: Role;
  active?: boolean;
  /** Part of the email or display name, matched without regard to case. */
  search?: string;
  /** Strictly after this (email, id) position. */
  after?: { email: string; id: string };
}

/** A usable one-time password token with the account it sets the password of. */
export interface PasswordTokenRow {
  id: string;
  userId: string;
  email: string;
  displayName: string;
}

const USER = `u.id, u.email, u.display_name AS "displayName", u.role, u.partner_id AS "partnerId", u.active,
  u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/** The advisory lock key of account bootstrap (any constant no other lock uses). */
const ACCOUNT_BOOTSTRAP_LOCK_KEY = 7_311_911_043;

const toUser = (row: UserRow): User => Object.assign(new User(), row);

/**
 * Every statement on a user and what hangs off it: the account (app_user), its memberships (user_section,
 * user_covered_partner) and its one-time password tokens. Sessions and API keys have their own repositories.
 * Every UPDATE of app_user sets updated_at, as TypeORM's update did.
 */
@Injectable()
export class UserRepository {
  constructor(
    private readonly sql: Sql,
    private readonly secrets: SecretBox,
  ) {}

  async byId(ctx: RequestContext, id: string): Promise<User | null> {
    const row = await this.sql.one<UserRow>(ctx, `SELECT ${USER} FROM app_user u WHERE u.id = :id`, { id });
    return row ? toUser(row) : null;
  }

  /** The user, row-locked until the unit of work ends (administrators' changes to one account run one at a time). */
  async lock(ctx: RequestContext, id: string): Promise<User | null> {
    const row = await this.sql.one<UserRow>(ctx, `SELECT ${USER} FROM app_user u WHERE u.id = :id FOR UPDATE`, { id });
    return row ? toUser(row) : null;
  }

  /** The id of the account with this email (citext: any case), if any. */
  async idByEmail(ctx: RequestContext, email: string): Promise<string | undefined> {
    return (await this.sql.one<{ id: string }>(ctx, 'SELECT id FROM app_user WHERE email = :email', { email }))?.id;
  }

  async forLogin(ctx: RequestContext, email: string): Promise<LoginUserRow | undefined> {
    const row = await this.sql.one<LoginUserRow>(
      ctx,
      `SELECT id, active, email, role, password_hash AS "passwordHash", totp_secret AS "totpSecret", totp_last_step::text AS "totpLastStep",
              (sso_subject IS NOT NULL AND password_hash IS NULL) AS "ssoOnly"
         FROM app_user WHERE email = :email`,
      { email },
    );
    return row && { ...row, totpSecret: this.openSecret(row.totpSecret) };
  }

  async describe(ctx: RequestContext, id: string): Promise<{ displayName: string; email: string; secondFactor: boolean; language: string } | undefined> {
    return this.sql.one(ctx, 'SELECT display_name AS "displayName", email, totp_enabled_at IS NOT NULL AS "secondFactor", language FROM app_user WHERE id = :id', { id });
  }

  /** The language of the user's mail (en or fr). */
  async setLanguage(ctx: RequestContext, id: string, language: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET language = :language, updated_at = now() WHERE id = :id', { id, language });
  }

  // --- Second factor (TOTP) ---

  async secondFactorOf(ctx: RequestContext, id: string): Promise<{ email: string; role: Role; totpSecret: string | null; totpPendingSecret: string | null; totpLastStep: string | null } | undefined> {
    const row = await this.sql.one<{ email: string; role: Role; totpSecret: string | null; totpPendingSecret: string | null; totpLastStep: string | null }>(
      ctx,
      `SELECT email, role, totp_secret AS "totpSecret", totp_pending_secret AS "totpPendingSecret", totp_last_step::text AS "totpLastStep"
         FROM app_user WHERE id = :id AND active FOR UPDATE`,
      { id },
    );
    return row && { ...row, totpSecret: this.openSecret(row.totpSecret), totpPendingSecret: this.openSecret(row.totpPendingSecret) };
  }

  async setPendingTotp(ctx: RequestContext, id: string, secret: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET totp_pending_secret = :secret WHERE id = :id', { id, secret: this.secrets.seal(secret) });
  }

  async enableTotp(ctx: RequestContext, id: string, step: number): Promise<void> {
    await this.sql.execute(
      ctx,
      'UPDATE app_user SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = :step WHERE id = :id',
      { id, step },
    );
  }

  async disableTotp(ctx: RequestContext, id: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id', { id });
    await this.sql.execute(ctx, 'DELETE FROM recovery_code WHERE user_id = :id', { id });
  }

  /**
   * Accepts a TOTP time step once: false when this step (or a later one) was already used, e.g. by a concurrent
   * sign-in. The secret is sealed again with the first of SECRETS_KEYS, which completes a key rotation (and
   * seals a secret stored before sealing) as people sign in.
   */
  async acceptTotpStep(ctx: RequestContext, id: string, step: number, secret: string): Promise<boolean> {
    return (
      (await this.sql.execute(
        ctx,
        'UPDATE app_user SET totp_last_step = :step, totp_secret = :sealed WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)',
        { id, step, sealed: this.secrets.seal(secret) },
      )) === 1
    );
  }

  private openSecret(value: string | null): string | null {
    return value === null ? null : this.secrets.open(value);
  }

  async replaceRecoveryCodes(ctx: RequestContext, id: string, hashes: Buffer[]): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM recovery_code WHERE user_id = :id', { id });
    await this.sql.execute(ctx, 'INSERT INTO recovery_code (user_id, code_hash) SELECT :id, unnest(:hashes::bytea[])', { id, hashes });
  }

  // --- Single sign-on ---

  /** The account linked to this subject, or else the account of this email: what an SSO sign-in finds. */
  async forSso(ctx: RequestContext, issuer: string, subject: string, email: string): Promise<{ id: string; active: boolean; linked: boolean; ssoSubject: string | null } | undefined> {
    return this.sql.one(
      ctx,
      `SELECT id, active, (sso_issuer = :issuer AND sso_subject = :subject) AS linked, sso_subject AS "ssoSubject"
         FROM app_user WHERE (sso_issuer = :issuer AND sso_subject = :subject) OR email = :email
        ORDER BY (sso_issuer = :issuer AND sso_subject = :subject) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
      { issuer, subject, email },
    );
  }

  async linkSso(ctx: RequestContext, id: string, issuer: string, subject: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET sso_issuer = :issuer, sso_subject = :subject, updated_at = now() WHERE id = :id', { id, issuer, subject });
  }

  async recordSsoLogin(ctx: RequestContext, id: string): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET last_login_at = now() WHERE id = :id', { id });
  }

  /** Uses an unused recovery code of the user; false when none matches. */
  async useRecoveryCode(ctx: RequestContext, id: string, hash: Buffer): Promise<boolean> {
    return (await this.sql.execute(ctx, 'UPDATE recovery_code SET used_at = now() WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL', { id, hash })) === 1;
  }

  async unusedRecoveryCodes(ctx: RequestContext, id: string): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM recovery_code WHERE user_id = :id AND used_at IS NULL', { id }))!.n;
  }

  /** The user of a live session (not revoked, not expired, user active) with their memberships, in one statement. */
  async actorOfSession(ctx: RequestContext, userId: string, sessionId: string): Promise<ActorRow | undefined> {
    return this.sql.one<ActorRow>(
      ctx,
      `SELECT u.id, u.role, u.partner_id AS "partnerId", (u.totp_enabled_at IS NOT NULL OR s.method = 'oidc') AS "secondFactor",
              ARRAY(SELECT us.section_id::text FROM user_section us WHERE us.user_id = u.id ORDER BY 1) AS "sectionIds",
              ARRAY(SELECT uc.partner_id::text FROM user_covered_partner uc WHERE uc.user_id = u.id ORDER BY 1) AS "coveredPartnerIds"
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = :sessionId AND s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      { sessionId, userId },
    );
  }

  /**
   * Waits for, then holds until the unit of work ends, the lock under which instances starting together create
   * the first accounts (a transaction-scoped advisory lock: nothing to release by hand).
   */
  async lockAccountBootstrap(ctx: RequestContext): Promise<void> {
    await this.sql.rows(ctx, 'SELECT pg_advisory_xact_lock(:key::bigint)', { key: ACCOUNT_BOOTSTRAP_LOCK_KEY });
  }

  async exists(ctx: RequestContext, where: { role?: Role } = {}): Promise<boolean> {
    const row = await this.sql.one<{ found: boolean }>(
      ctx,
      where.role ? 'SELECT EXISTS (SELECT 1 FROM app_user WHERE role = :role) AS found' : 'SELECT EXISTS (SELECT 1 FROM app_user) AS found',
      where.role ? { role: where.role } : {},
    );
    return row!.found;
  }

  async countActiveAdminsExcept(ctx: RequestContext, id: string): Promise<number> {
    return (await this.sql.one<{ n: number }>(ctx, "SELECT count(*)::int AS n FROM app_user WHERE role = 'ADMIN' AND active AND id <> :id", { id }))!.n;
  }

  /** A page of accounts by email (keyset), `limit` rows at most, and how many match without the position. */
  async page(ctx: RequestContext, where: UserListConditions, limit: number): Promise<{ rows: User[]; total: number }> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (where.role) {
      conditions.push('u.role = :role');
      params.role = where.role;
    }
    if (where.active !== undefined) {
      conditions.push('u.active = :active');
      params.active = where.active;
    }
    if (where.search) {
      conditions.push('(u.email ILIKE :like OR u.display_name ILIKE :like)');
      params.like = `%${where.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (await this.sql.one<{ n: number }>(ctx, `SELECT count(*)::int AS n FROM app_user u ${filter}`, params))!.n;
    if (where.after) {
      conditions.push(keysetAfter('u.email', 'ASC', 'u.id', ':afterEmail::citext', ':afterId::uuid'));
      params.afterEmail = where.after.email;
      params.afterId = where.after.id;
    }
    const paged = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.sql.rows<UserRow>(ctx, `SELECT ${USER} FROM app_user u ${paged} ORDER BY u.email, u.id LIMIT :limit`, { ...params, limit });
    return { rows: rows.map(toUser), total };
  }

  async insert(ctx: RequestContext, user: NewUser): Promise<string> {
    const row = await this.sql.one<{ id: string }>(
      ctx,
      `INSERT INTO app_user (email, display_name, role, password_hash, partner_id, active)
       VALUES (:email, :displayName, :role, :passwordHash, :partnerId, true) RETURNING id`,
      { ...user },
    );
    return row!.id;
  }

  /** Sets the given columns (and updated_at, even when none is given). */
  async update(ctx: RequestContext, id: string, changes: UserChanges): Promise<void> {
    const columns = { email: 'email', displayName: 'display_name', role: 'role', partnerId: 'partner_id' } as const;
    const given = (Object.keys(columns) as (keyof UserChanges)[]).filter((key) => changes[key] !== undefined);
    const sets = given.map((key) => `${columns[key]} = :${key}`);
    await this.sql.execute(ctx, `UPDATE app_user SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = :id`, { ...changes, id });
  }

  async setActive(ctx: RequestContext, id: string, active: boolean): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET active = :active, updated_at = now() WHERE id = :id', { id, active });
  }

  /** A null hash voids the password: nobody can sign in with one until it is set again. */
  async setPasswordHash(ctx: RequestContext, id: string, passwordHash: string | null): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE app_user SET password_hash = :passwordHash, updated_at = now() WHERE id = :id', { id, passwordHash });
  }

  /** A sign-in: its time, and the upgraded hash when the stored one used weaker parameters. */
  async recordLogin(ctx: RequestContext, id: string, upgradedHash: string | undefined): Promise<void> {
    await this.sql.execute(
      ctx,
      upgradedHash
        ? 'UPDATE app_user SET last_login_at = now(), password_hash = :upgradedHash, updated_at = now() WHERE id = :id'
        : 'UPDATE app_user SET last_login_at = now(), updated_at = now() WHERE id = :id',
      upgradedHash ? { id, upgradedHash } : { id },
    );
  }

  /** The ids of a user's memberships: the partner they represent, their sections, the partners they cover. */
  async membershipIds(ctx: RequestContext, id: string): Promise<{ partnerId: string | null; sectionIds: string[]; coveredPartnerIds: string[] }> {
    const row = await this.sql.one<{ partnerId: string | null; sectionIds: string[]; coveredPartnerIds: string[] }>(
      ctx,
      `SELECT u.partner_id AS "partnerId",
              ARRAY(SELECT us.section_id::text FROM user_section us WHERE us.user_id = u.id) AS "sectionIds",
              ARRAY(SELECT uc.partner_id::text FROM user_covered_partner uc WHERE uc.user_id = u.id) AS "coveredPartnerIds"
         FROM app_user u WHERE u.id = :id`,
      { id },
    );
    return row ?? { partnerId: null, sectionIds: [], coveredPartnerIds: [] };
  }

  /** The user works in exactly these sections and covers exactly these partners. */
  async replaceMemberships(ctx: RequestContext, userId: string, sectionIds: readonly string[], coveredPartnerIds: readonly string[]): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM user_section WHERE user_id = :userId', { userId });
    await this.sql.execute(ctx, 'DELETE FROM user_covered_partner WHERE user_id = :userId', { userId });
    if (sectionIds.length) {
      await this.sql.execute(ctx, 'INSERT INTO user_section (user_id, section_id) SELECT :userId, unnest(:sectionIds::uuid[])', { userId, sectionIds });
    }
    if (coveredPartnerIds.length) {
      await this.sql.execute(ctx, 'INSERT INTO user_covered_partner (user_id, partner_id) SELECT :userId, unnest(:coveredPartnerIds::uuid[])', { userId, coveredPartnerIds });
    }
  }

  /** Display names of these users that exist, in any order (a DataLoader batch: one indexed read). */
  async displayNames(ctx: RequestContext, ids: readonly string[]): Promise<{ id: string; displayName: string }[]> {
    if (ids.length === 0) return [];
    return this.sql.rows(ctx, 'SELECT id, display_name AS "displayName" FROM app_user WHERE id = ANY(:ids::uuid[])', { ids });
  }

  /** Active NATO staff (section staff and coordinators), by name: the people who may peer-review (issue #15). */
  async activeStaff(ctx: RequestContext, ids: readonly string[] | null, limit: number): Promise<{ id: string; displayName: string }[]> {
    return this.sql.rows(
      ctx,
      `SELECT id, display_name AS "displayName" FROM app_user
        WHERE active AND role IN ('SECTION_STAFF', 'COORDINATOR') AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
        ORDER BY display_name, id LIMIT :limit`,
      { ids: ids ? [...ids] : null, limit },
    );
  }

  /** Whether the user is active SECTION_STAFF of the section, or an active COORDINATOR covering the partner: one statement. */
  async isStaffOfSectionOrCoordinatorOf(ctx: RequestContext, userId: string, sectionId: string | null, partnerId: string): Promise<boolean> {
    const row = await this.sql.one(
      ctx,
      `SELECT 1 AS ok FROM app_user u WHERE u.id = :userId AND u.active AND (
         (u.role = 'SECTION_STAFF' AND EXISTS (SELECT 1 FROM user_section us WHERE us.user_id = u.id AND us.section_id = :sectionId::uuid))
         OR (u.role = 'COORDINATOR' AND EXISTS (SELECT 1 FROM user_covered_partner uc WHERE uc.user_id = u.id AND uc.partner_id = :partnerId::uuid)))`,
      { userId, sectionId, partnerId },
    );
    return row !== undefined;
  }

  /** Every active user isStaffOfSectionOrCoordinatorOf accepts for this section and partner, by name. */
  async assignable(ctx: RequestContext, sectionId: string | null, partnerId: string): Promise<{ id: string; displayName: string }[]> {
    return this.sql.rows(
      ctx,
      `SELECT u.id, u.display_name AS "displayName" FROM app_user u WHERE u.active AND (
         (u.role = 'SECTION_STAFF' AND EXISTS (SELECT 1 FROM user_section us WHERE us.user_id = u.id AND us.section_id = :sectionId::uuid))
         OR (u.role = 'COORDINATOR' AND EXISTS (SELECT 1 FROM user_covered_partner uc WHERE uc.user_id = u.id AND uc.partner_id = :partnerId::uuid)))
       ORDER BY u.display_name, u.id`,
      { sectionId, partnerId },
    );
  }

  /** (user, section) pairs of these users (a DataLoader batch). */
  async sectionLinks(ctx: RequestContext, userIds: readonly string[]): Promise<{ userId: string; sectionId: string }[]> {
    return this.sql.rows(ctx, 'SELECT user_id::text AS "userId", section_id::text AS "sectionId" FROM user_section WHERE user_id = ANY(:userIds::uuid[])', { userIds });
  }

  /** (user, covered partner) pairs of these users (a DataLoader batch). */
  async coveredPartnerLinks(ctx: RequestContext, userIds: readonly string[]): Promise<{ userId: string; partnerId: string }[]> {
    return this.sql.rows(ctx, 'SELECT user_id::text AS "userId", partner_id::text AS "partnerId" FROM user_covered_partner WHERE user_id = ANY(:userIds::uuid[])', { userIds });
  }

  /** Voids the user's unused tokens, then stores the new one's hash. */
  async replacePasswordToken(ctx: RequestContext, token: { userId: string; tokenHash: Buffer; purpose: PasswordTokenPurpose; expiresAt: Date }): Promise<void> {
    await this.sql.execute(ctx, 'UPDATE password_token SET used_at = now() WHERE user_id = :userId AND used_at IS NULL', { userId: token.userId });
    await this.sql.execute(ctx, 'INSERT INTO password_token (user_id, token_hash, purpose, expires_at) VALUES (:userId, :tokenHash, :purpose, :expiresAt)', { ...token });
  }

  /** The unused, unexpired token of this hash, with its account, when the account is active. */
  async usablePasswordToken(ctx: RequestContext, tokenHash: Buffer): Promise<PasswordTokenRow | undefined> {
    return this.sql.one<PasswordTokenRow>(
      ctx,
      `SELECT t.id, u.id AS "userId", u.email, u.display_name AS "displayName" FROM password_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = :tokenHash AND t.used_at IS NULL AND t.expires_at > now() AND u.active`,
      { tokenHash },
    );
  }

  /** Marks the token used; false when another use got there first. */
  async usePasswordToken(ctx: RequestContext, id: string): Promise<boolean> {
    return (await this.sql.execute(ctx, 'UPDATE password_token SET used_at = now() WHERE id = :id AND used_at IS NULL', { id })) === 1;
  }
}
