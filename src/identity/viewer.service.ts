import { Injectable } from '@nestjs/common';
import type { ApiKeyScope, Role } from '../common/auth/role.js';
import type { Actor, RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ViewerKind, type Viewer } from './dto/viewer.type.js';
import { SecondFactorService } from './second-factor.service.js';
import { UserRepository } from './user.repository.js';

/** Describes the caller for `me` and for the payload of a sign-in. */
@Injectable()
export class ViewerService {
  constructor(
    private readonly users: UserRepository,
    private readonly keys: ApiKeyRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Sets the language of the caller's mail (notices, digests, account mail); users only. */
  async setLanguage(ctx: RequestContext, language: string): Promise<Viewer> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user') throw DomainError.forbidden('Only people have a mail language; API keys receive no mail.');
    if (language !== 'en' && language !== 'fr') throw DomainError.badInput('language must be en or fr.', 'language');
    await this.unitOfWork.run(ctx, async (tx) => {
      await this.users.setLanguage(tx, actor.id, language);
      await this.audit.record(tx, 'user.language', { type: 'User', id: actor.id }, { language });
    });
    return this.describe(ctx, actor);
  }

  async of(ctx: RequestContext): Promise<Viewer> {
    const actor = ctx.actor;
    if (!actor || actor.kind === 'system') throw DomainError.unauthenticated();
    return this.describe(ctx, actor);
  }

  async describe(ctx: RequestContext, actor: Actor): Promise<Viewer> {
    const base = {
      id: actor.id,
      permissions: [...actor.permissions].sort(),
      partnerId: actor.partnerId ?? null,
      sectionIds: actor.sectionIds,
      coveredPartnerIds: actor.coveredPartnerIds,
    };
    if (actor.kind === 'apiKey') {
      const name = await this.keys.nameOf(ctx, actor.id);
      return { ...base, kind: ViewerKind.API_KEY, displayName: name ?? '', email: null, role: null, scope: actor.role as ApiKeyScope, language: null, secondFactorEnabled: null, secondFactorRequired: false };
    }
    const user = await this.users.describe(ctx, actor.id);
    return {
      ...base, kind: ViewerKind.USER, displayName: user?.displayName ?? '', email: user?.email ?? null, role: actor.role as Role, scope: null, language: user?.language ?? 'en',
      secondFactorEnabled: user?.secondFactor ?? false, secondFactorRequired: SecondFactorService.requiredFor(actor.role),
    };
  }
}
