import { Injectable } from '@nestjs/common';
import { permissionsOfRole, permissionsOfScope } from '../common/auth/role-permissions.js';
import type { Actor, RequestContext } from '../common/context/request-context.js';
import type { ApiKeyCredentialRow } from './api-key.repository.js';
import { UserRepository } from './user.repository.js';

/** Builds actors from the database, so role, memberships and deactivation take effect on the next request. */
@Injectable()
export class ActorLoader {
  constructor(private readonly users: UserRepository) {}

  /** The user of a live session (not revoked, not expired, user active), in one query; undefined otherwise. */
  async forSession(ctx: RequestContext, userId: string, sessionId: string): Promise<Actor | undefined> {
    const row = await this.users.actorOfSession(ctx, userId, sessionId);
    if (!row) return undefined;
    return {
      kind: 'user',
      id: row.id,
      role: row.role,
      permissions: permissionsOfRole(row.role),
      partnerId: row.partnerId ?? undefined,
      sectionIds: row.sectionIds,
      coveredPartnerIds: row.coveredPartnerIds,
    };
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
