import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { PartnerService } from '../organisation/partner.service.js';
import { SectionService } from '../organisation/section.service.js';
import type { CreateUserInput, UpdateUserInput, UserAccountPayload } from './dto/user-admin.dto.js';
import { checkPassword } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { PasswordTokenService } from './password-token.service.js';
import { SessionService } from './session.service.js';
import type { User } from './user.entity.js';
import { UserRepository, type UserChanges } from './user.repository.js';

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

/** Administrators' work on accounts. Every change is one unit of work with its audit event. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserRepository,
    private readonly partners: PartnerService,
    private readonly sections: SectionService,
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

    return this.unitOfWork.run(ctx, async (tx) => {
      const memberships = await this.resolve(tx, codes);
      await this.assertEmailFree(tx, email);
      const userId = await this.users.insert(tx, { email, displayName, role: input.role, passwordHash: hash, partnerId: memberships.partnerId });
      await this.users.replaceMemberships(tx, userId, memberships.sectionIds, memberships.coveredPartnerIds);
      // Without a password, the person is invited by mail to choose one.
      const token = hash ? undefined : await this.passwordTokens.issueAndMail(tx, userId, 'INVITE');
      await this.audit.record(tx, 'user.create', { type: 'User', id: userId }, { email, role: input.role, ...codes, passwordSet: Boolean(hash) });
      return { user: await this.reload(tx, userId), setPasswordToken: token?.token ?? null, setPasswordTokenExpiresAt: token?.expiresAt ?? null };
    });
  }

  /**
   * Just-in-time provisioning of a person signing in with single sign-on, in the caller's unit of work: the role and
   * memberships come from the provider's claims (checked like an administrator's input), there is no local password,
   * and the account is linked to the provider's subject.
   */
  async provisionFromSso(
    tx: RequestContext,
    input: { email: string; displayName: string; role: Role; partnerCode: string | null; sectionCodes: string[]; coveredPartnerCodes: string[]; issuer: string; subject: string },
  ): Promise<string> {
    const codes = { partnerCode: input.partnerCode, sectionCodes: input.sectionCodes, coveredPartnerCodes: input.coveredPartnerCodes };
    this.checkShape(input.role, codes);
    const memberships = await this.resolve(tx, codes);
    const userId = await this.users.insert(tx, { email: input.email, displayName: input.displayName.slice(0, 200), role: input.role, passwordHash: null, partnerId: memberships.partnerId });
    await this.users.replaceMemberships(tx, userId, memberships.sectionIds, memberships.coveredPartnerIds);
    await this.users.linkSso(tx, userId, input.issuer, input.subject);
    await this.audit.record(tx, 'user.sso_provisioned', { type: 'User', id: userId }, { email: input.email, role: input.role, ...codes, issuer: input.issuer });
    return userId;
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<User> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.lock(tx, id);
      const current = await this.currentCodes(tx, user);
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
      if (user.role === Role.ADMIN && role !== Role.ADMIN) await this.assertAnotherAdmin(tx, user);

      const changes: UserChanges = {};
      if (input.email && input.email.trim().toLowerCase() !== user.email) {
        const email = input.email.trim().toLowerCase();
        await this.assertEmailFree(tx, email, user.id);
        changes.email = email;
      }
      if (input.displayName && input.displayName.trim() !== user.displayName) changes.displayName = input.displayName.trim();
      if (role !== user.role) changes.role = role;
      const memberships = await this.resolve(tx, codes);
      if (memberships.partnerId !== user.partnerId) changes.partnerId = memberships.partnerId;
      await this.users.update(tx, user.id, changes);
      await this.users.replaceMemberships(tx, user.id, memberships.sectionIds, memberships.coveredPartnerIds);
      await this.audit.record(tx, 'user.update', { type: 'User', id: user.id }, { before: { role: user.role, ...current }, after: { role, ...codes }, changed: Object.keys(changes) });
      return this.reload(tx, user.id);
    });
  }

  async deactivate(ctx: RequestContext, id: string): Promise<User> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.lock(tx, id);
      if (ctx.actor?.kind === 'user' && ctx.actor.id === user.id) throw DomainError.badInput('You cannot deactivate your own account.', 'id');
      if (user.active) {
        if (user.role === Role.ADMIN) await this.assertAnotherAdmin(tx, user);
        await this.users.setActive(tx, user.id, false);
        const sessions = await this.sessions.revokeAllOfUser(tx, user.id, 'deactivated');
        await this.audit.record(tx, 'user.deactivate', { type: 'User', id: user.id }, { email: user.email, sessionsRevoked: sessions });
      }
      return this.reload(tx, user.id);
    });
  }

  async reactivate(ctx: RequestContext, id: string): Promise<User> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.lock(tx, id);
      if (!user.active) {
        await this.users.setActive(tx, user.id, true);
        await this.audit.record(tx, 'user.reactivate', { type: 'User', id: user.id }, { email: user.email });
      }
      return this.reload(tx, user.id);
    });
  }

  /** The old password stops working at once and every session ends; the token lets the person choose a new one. */
  async resetPassword(ctx: RequestContext, id: string): Promise<UserAccountPayload> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const user = await this.lock(tx, id);
      if (!user.active) throw DomainError.badInput('Reactivate the user before resetting their password.', 'id');
      await this.users.setPasswordHash(tx, user.id, null);
      const sessions = await this.sessions.revokeAllOfUser(tx, user.id, 'password_reset');
      const token = await this.passwordTokens.issueAndMail(tx, user.id, 'ADMIN_RESET');
      await this.audit.record(tx, 'user.password_reset', { type: 'User', id: user.id }, { email: user.email, sessionsRevoked: sessions });
      return { user: await this.reload(tx, user.id), setPasswordToken: token.token, setPasswordTokenExpiresAt: token.expiresAt };
    });
  }

  async get(ctx: RequestContext, id: string): Promise<User> {
    const user = isUUID(id) ? await this.users.byId(ctx, id) : null;
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

  /** Codes to ids, through the organisation's services; an unknown code is named in the message. */
  private async resolve(tx: RequestContext, codes: MembershipCodes): Promise<Memberships> {
    const partnerCodes = [...new Set([...(codes.partnerCode ? [codes.partnerCode] : []), ...codes.coveredPartnerCodes])];
    const sectionCodes = [...new Set(codes.sectionCodes)];
    const partners = await this.partners.byCodes(tx, partnerCodes);
    const sections = await this.sections.byCodes(tx, sectionCodes);
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

  /** The codes of the user's memberships, each list by code. */
  private async currentCodes(tx: RequestContext, user: User): Promise<MembershipCodes> {
    const ids = await this.users.membershipIds(tx, user.id);
    const partners = await this.partners.byIds(tx, [...(user.partnerId ? [user.partnerId] : []), ...ids.coveredPartnerIds]);
    const sections = await this.sections.byIds(tx, ids.sectionIds);
    const covered = new Set(ids.coveredPartnerIds);
    const byCode = (a: string, b: string) => a.localeCompare(b);
    return {
      partnerCode: partners.find((p) => p.id === user.partnerId)?.code ?? null,
      sectionCodes: sections.map((s) => s.code).sort(byCode),
      coveredPartnerCodes: partners.filter((p) => covered.has(p.id)).map((p) => p.code).sort(byCode),
    };
  }

  private async assertEmailFree(tx: RequestContext, email: string, exceptId?: string): Promise<void> {
    const existing = await this.users.idByEmail(tx, email);
    if (existing && existing !== exceptId) throw DomainError.conflict(`Another account already uses ${email}.`, { argument: 'email' });
  }

  /** The platform must keep at least one active administrator. */
  private async assertAnotherAdmin(tx: RequestContext, user: User): Promise<void> {
    if ((await this.users.countActiveAdminsExcept(tx, user.id)) === 0) throw DomainError.conflict('This is the last active administrator; make another administrator first.');
  }

  private async lock(tx: RequestContext, id: string): Promise<User> {
    const user = isUUID(id) ? await this.users.lock(tx, id) : null;
    if (!user) throw DomainError.notFound('The user');
    return user;
  }

  private async reload(tx: RequestContext, id: string): Promise<User> {
    return (await this.users.byId(tx, id))!;
  }
}
