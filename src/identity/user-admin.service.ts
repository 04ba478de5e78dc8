import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import type { CreateUserInput, UpdateUserInput, UserAccountPayload } from './dto/user-admin.dto.js';
import { checkPassword } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { PasswordTokenService } from './password-token.service.js';
import { SessionService } from './session.service.js';
import { User } from './user.entity.js';

interface Memberships {
  partnerId: string | null;
  sectionIds: string[];
  coveredPartnerIds: string[];
}

interface MembershipCodes {
  partnerCode: string | null;
  sectionCodes: string[];
  coveredPartnerCodes: string[];
}

/** Which membership each role must have, and may not have. */
const NEEDS: Record<Role, keyof MembershipCodes | null> = {
  [Role.PARTNER_LIAISON]: 'partnerCode',
  [Role.SECTION_STAFF]: 'sectionCodes',
  [Role.COORDINATOR]: 'coveredPartnerCodes',
  [Role.ADMIN]: null,
};

function isEmpty(v: string | string[] | null | undefined): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/** Administrators' work on accounts. Every change is one transaction with its audit event. */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly passwordTokens: PasswordTokenService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserAccountPayload> {
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    const codes = { partnerCode: input.partnerCode ?? null, sectionCodes: input.sectionCodes ?? [], coveredPartnerCodes: input.coveredPartnerCodes ?? [] };
    this.checkShape(input.role, codes);
    if (input.password !== undefined && input.password !== null) checkPassword(input.password, { email, displayName });
    const hash = input.password ? await this.passwords.hash(input.password) : null;

    return this.dataSource.transaction(async (m) => {
      const memberships = await this.resolve(m, codes);
      await this.assertEmailFree(m, email);
      const user = await m.save(m.create(User, { email, displayName, role: input.role, passwordHash: hash, partnerId: memberships.partnerId, active: true }));
      await this.writeMemberships(m, user.id, memberships);
      const token = hash ? undefined : await this.passwordTokens.issue(m, user.id, 'INVITE');
      await this.audit.record(ctx.withTransaction(m), 'user.create', { type: 'User', id: user.id }, { email, role: input.role, ...codes, passwordSet: Boolean(hash) });
      return { user: await this.reload(m, user.id), setPasswordToken: token?.token ?? null, setPasswordTokenExpiresAt: token?.expiresAt ?? null };
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      const current = await this.currentCodes(m, user);
      const role = input.role ?? user.role;
      // A membership not given keeps its value when the role still uses it, and is dropped when it does not.
      const pick = <K extends keyof MembershipCodes>(key: K, given: MembershipCodes[K] | null | undefined, empty: MembershipCodes[K]): MembershipCodes[K] =>
        given !== undefined && given !== null ? given : NEEDS[role] === key ? current[key] : empty;
      const given: MembershipCodes = {
        partnerCode: input.partnerCode ?? null,
        sectionCodes: input.sectionCodes ?? [],
        coveredPartnerCodes: input.coveredPartnerCodes ?? [],
      };
      this.checkShape(role, given, true);
      const codes: MembershipCodes = {
        partnerCode: pick('partnerCode', input.partnerCode, null),
        sectionCodes: pick('sectionCodes', input.sectionCodes, []),
        coveredPartnerCodes: pick('coveredPartnerCodes', input.coveredPartnerCodes, []),
      };
      this.checkShape(role, codes);
      if (user.role === Role.ADMIN && role !== Role.ADMIN) await this.assertAnotherAdmin(m, user);

      const changes: Record<string, unknown> = {};
      if (input.email && input.email.trim().toLowerCase() !== user.email) {
        const email = input.email.trim().toLowerCase();
        await this.assertEmailFree(m, email, user.id);
        changes.email = email;
      }
      if (input.displayName && input.displayName.trim() !== user.displayName) changes.displayName = input.displayName.trim();
      if (role !== user.role) changes.role = role;
      const memberships = await this.resolve(m, codes);
      if (memberships.partnerId !== user.partnerId) changes.partnerId = memberships.partnerId;
      await m.update(User, { id: user.id }, { ...changes, updatedAt: () => 'now()' });
      await this.writeMemberships(m, user.id, memberships);
      await this.audit.record(ctx.withTransaction(m), 'user.update', { type: 'User', id: user.id }, { before: { role: user.role, ...current }, after: { role, ...codes }, changed: Object.keys(changes) });
      return this.reload(m, user.id);
    });
  }

  async deactivate(ctx: RequestContext, id: string): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      if (ctx.actor?.kind === 'user' && ctx.actor.id === user.id) throw DomainError.badInput('You cannot deactivate your own account.', 'id');
      if (user.active) {
        if (user.role === Role.ADMIN) await this.assertAnotherAdmin(m, user);
        await m.update(User, { id: user.id }, { active: false });
        const sessions = await this.sessions.revokeAllOfUser(m, user.id, 'deactivated');
        await this.audit.record(ctx.withTransaction(m), 'user.deactivate', { type: 'User', id: user.id }, { email: user.email, sessionsRevoked: sessions });
      }
      return this.reload(m, user.id);
    });
  }

  async reactivate(ctx: RequestContext, id: string): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      if (!user.active) {
        await m.update(User, { id: user.id }, { active: true });
        await this.audit.record(ctx.withTransaction(m), 'user.reactivate', { type: 'User', id: user.id }, { email: user.email });
      }
      return this.reload(m, user.id);
    });
  }

  /** The old password stops working at once and every session ends; the token lets the person choose a new one. */
  async resetPassword(ctx: RequestContext, id: string): Promise<UserAccountPayload> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lock(m, id);
      if (!user.active) throw DomainError.badInput('Reactivate the user before resetting their password.', 'id');
      await m.update(User, { id: user.id }, { passwordHash: null });
      const sessions = await this.sessions.revokeAllOfUser(m, user.id, 'password_reset');
      const token = await this.passwordTokens.issue(m, user.id, 'RESET');
      await this.audit.record(ctx.withTransaction(m), 'user.password_reset', { type: 'User', id: user.id }, { email: user.email, sessionsRevoked: sessions });
      return { user: await this.reload(m, user.id), setPasswordToken: token.token, setPasswordTokenExpiresAt: token.expiresAt };
    });
  }

  async get(_ctx: RequestContext, id: string): Promise<User> {
    const user = isUUID(id) ? await this.dataSource.getRepository(User).findOneBy({ id }) : null;
    if (!user) throw DomainError.notFound('The user');
    return user;
  }

  /** Roles that need a membership have it; nobody has one their role does not use. */
  private checkShape(role: Role, codes: MembershipCodes, partial = false): void {
    const needed = NEEDS[role];
    for (const key of ['partnerCode', 'sectionCodes', 'coveredPartnerCodes'] as const) {
      if (key === needed) {
        if (!partial && isEmpty(codes[key])) throw DomainError.badInput(`${key} is required for a ${role} user.`, key);
      } else if (!isEmpty(codes[key])) {
        throw DomainError.badInput(`${key} does not apply to a ${role} user; leave it out.`, key);
      }
    }
  }

  private async resolve(m: EntityManager, codes: MembershipCodes): Promise<Memberships> {
    const partnerCodes = [...new Set([...(codes.partnerCode ? [codes.partnerCode] : []), ...codes.coveredPartnerCodes])];
    const sectionCodes = [...new Set(codes.sectionCodes)];
    const partners = partnerCodes.length ? await m.findBy(Partner, { code: In(partnerCodes) }) : [];
    const sections = sectionCodes.length ? await m.findBy(Section, { code: In(sectionCodes) }) : [];
    const partnerIds = new Map(partners.map((p) => [p.code, p.id]));
    const sectionIds = new Map(sections.map((s) => [s.code, s.id]));
    if (codes.partnerCode && !partnerIds.has(codes.partnerCode)) throw DomainError.badInput(`partnerCode: no partner has the code ${codes.partnerCode}.`, 'partnerCode');
    const unknownSections = sectionCodes.filter((c) => !sectionIds.has(c));
    if (unknownSections.length) throw DomainError.badInput(`sectionCodes: unknown section code(s) ${unknownSections.join(', ')}.`, 'sectionCodes');
    const unknownPartners = codes.coveredPartnerCodes.filter((c) => !partnerIds.has(c));
    if (unknownPartners.length) throw DomainError.badInput(`coveredPartnerCodes: unknown partner code(s) ${[...new Set(unknownPartners)].join(', ')}.`, 'coveredPartnerCodes');
    return {
      partnerId: codes.partnerCode ? partnerIds.get(codes.partnerCode)! : null,
      sectionIds: sectionCodes.map((c) => sectionIds.get(c)!),
      coveredPartnerIds: [...new Set(codes.coveredPartnerCodes)].map((c) => partnerIds.get(c)!),
    };
  }

  private async writeMemberships(m: EntityManager, userId: string, memberships: Memberships): Promise<void> {
    await m.query('DELETE FROM user_section WHERE user_id = $1', [userId]);
    await m.query('DELETE FROM user_covered_partner WHERE user_id = $1', [userId]);
    if (memberships.sectionIds.length) {
      await m.query('INSERT INTO user_section (user_id, section_id) SELECT $1, unnest($2::uuid[])', [userId, memberships.sectionIds]);
    }
    if (memberships.coveredPartnerIds.length) {
      await m.query('INSERT INTO user_covered_partner (user_id, partner_id) SELECT $1, unnest($2::uuid[])', [userId, memberships.coveredPartnerIds]);
    }
  }

  private async currentCodes(m: EntityManager, user: User): Promise<MembershipCodes> {
    const [row]: Array<{ partner_code: string | null; section_codes: string[]; covered_codes: string[] }> = await m.query(
      `SELECT (SELECT p.code FROM partner p WHERE p.id = $2) AS partner_code,
              ARRAY(SELECT s.code FROM user_section us JOIN section s ON s.id = us.section_id WHERE us.user_id = $1 ORDER BY s.code) AS section_codes,
              ARRAY(SELECT p.code FROM user_covered_partner uc JOIN partner p ON p.id = uc.partner_id WHERE uc.user_id = $1 ORDER BY p.code) AS covered_codes`,
      [user.id, user.partnerId],
    );
    return { partnerCode: row!.partner_code, sectionCodes: row!.section_codes, coveredPartnerCodes: row!.covered_codes };
  }

  private async assertEmailFree(m: EntityManager, email: string, exceptId?: string): Promise<void> {
    const existing = await m.findOneBy(User, { email });
    if (existing && existing.id !== exceptId) throw DomainError.conflict(`Another account already uses ${email}.`, { argument: 'email' });
  }

  /** The platform must keep at least one active administrator. */
  private async assertAnotherAdmin(m: EntityManager, user: User): Promise<void> {
    const [row]: Array<{ n: number }> = await m.query("SELECT count(*)::int AS n FROM app_user WHERE role = 'ADMIN' AND active AND id <> $1", [user.id]);
    if (row!.n === 0) throw DomainError.conflict('This is the last active administrator; make another administrator first.');
  }

  private async lock(m: EntityManager, id: string): Promise<User> {
    const user = isUUID(id) ? await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!user) throw DomainError.notFound('The user');
    return user;
  }

  private async reload(m: EntityManager, id: string): Promise<User> {
    return m.findOneByOrFail(User, { id });
  }
}
