import { Injectable } from '@nestjs/common';
import { Permission } from '../common/auth/permission.js';
import { Role } from '../common/auth/role.js';
import { permissionsOfRole, permissionsOfScope } from '../common/auth/role-permissions.js';
import { AppConfig } from '../config/app-config.js';
import type { Actor, RequestContext } from '../common/context/request-context.js';
import type { ApiKeyCredentialRow } from './api-key.repository.js';
import { UserRepository } from './user.repository.js';

const ENROL_ONLY: ReadonlySet<Permission> = new Set([Permission.Authenticated]);

/** Builds actors from the database, so role, memberships and deactivation take effect on the next request. */
@Injectable()
export class ActorLoader {
  constructor(
    private readonly users: UserRepository,
    private readonly config: AppConfig,
  ) {}

  /** The user of a live session (not revoked, not expired, user active), in one query; undefined otherwise. */
  async forSession(ctx: RequestContext, userId: string, sessionId: string): Promise<Actor | undefined> {
    const row = await this.users.actorOfSession(ctx, userId, sessionId);
    if (!row) return undefined;
    return {
      kind: 'user',
      id: row.id,
      role: row.role,
      permissions: this.restricted(row.role, row.secondFactor) ? ENROL_ONLY : permissionsOfRole(row.role),
      partnerId: row.partnerId ?? undefined,
      sectionIds: row.sectionIds,
      coveredPartnerIds: row.coveredPartnerIds,
      sessionId,
    };
  }

  /** ADMIN_SECOND_FACTOR=enforce: an administrator without a second factor may only set one up. */
  private restricted(role: Role, secondFactor: boolean): boolean {
    return role === Role.ADMIN && !secondFactor && this.config.ADMIN_SECOND_FACTOR === 'enforce';
  }

  static forApiKey(key: ApiKeyCredentialRow): Actor {
    return {
      kind: 'apiKey',
      id: key.id,
      role: key.scope,
      permissions: permissionsOfScope(key.scope),
      partnerId: key.partnerId ?? undefined,
      sectionIds: key.sectionId ? [key.sectionId] : [],
      coveredPartnerIds: [],
      personalData: key.personalData,
    };
  }
}
