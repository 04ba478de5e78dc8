import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { permissionsOfRole, permissionsOfScope } from '../common/auth/role-permissions.js';
import type { ApiKeyScope, Role } from '../common/auth/role.js';
import type { Actor } from '../common/context/request-context.js';

interface UserActorRow {
  id: string;
  role: Role;
  partner_id: string | null;
  section_ids: string[];
  covered_partner_ids: string[];
}

export interface ApiKeyRow {
  id: string;
  scope: ApiKeyScope;
  partner_id: string | null;
  section_id: string | null;
  last_used_at: Date | null;
}

/** Builds actors from the database, so role, memberships and deactivation take effect on the next request. */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user of a live session (not revoked, not expired, user active), in one query; undefined otherwise. */
  async forSession(userId: string, sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<Actor | undefined> {
    const rows: UserActorRow[] = await manager.query(
      `SELECT u.id, u.role, u.partner_id,
              ARRAY(SELECT us.section_id::text FROM user_section us WHERE us.user_id = u.id ORDER BY 1) AS section_ids,
              ARRAY(SELECT uc.partner_id::text FROM user_covered_partner uc WHERE uc.user_id = u.id ORDER BY 1) AS covered_partner_ids
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      kind: 'user',
      id: row.id,
      role: row.role,
      permissions: permissionsOfRole(row.role),
      partnerId: row.partner_id ?? undefined,
      sectionIds: row.section_ids,
      coveredPartnerIds: row.covered_partner_ids,
    };
  }

  static forApiKey(key: ApiKeyRow): Actor {
    return {
      kind: 'apiKey',
      id: key.id,
      role: key.scope,
      permissions: permissionsOfScope(key.scope),
      partnerId: key.partner_id ?? undefined,
      sectionIds: key.section_id ? [key.section_id] : [],
      coveredPartnerIds: [],
    };
  }
}
