import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApiKeyScope, Role } from '../common/auth/role.js';
import type { Actor, RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ViewerKind, type Viewer } from './dto/viewer.type.js';

/** Describes the caller for `me` and for the payload of a sign-in. */
@Injectable()
export class ViewerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(ctx: RequestContext): Promise<Viewer> {
    const actor = ctx.actor;
    if (!actor || actor.kind === 'system') throw DomainError.unauthenticated();
    return this.describe(actor);
  }

  async describe(actor: Actor): Promise<Viewer> {
    const base = {
      id: actor.id,
      permissions: [...actor.permissions].sort(),
      partnerId: actor.partnerId ?? null,
      sectionIds: actor.sectionIds,
      coveredPartnerIds: actor.coveredPartnerIds,
    };
    if (actor.kind === 'apiKey') {
      const [key]: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM api_key WHERE id = $1', [actor.id]);
      return { ...base, kind: ViewerKind.API_KEY, displayName: key?.name ?? '', email: null, role: null, scope: actor.role as ApiKeyScope };
    }
    const [user]: Array<{ display_name: string; email: string }> = await this.dataSource.query('SELECT display_name, email FROM app_user WHERE id = $1', [actor.id]);
    return { ...base, kind: ViewerKind.USER, displayName: user?.display_name ?? '', email: user?.email ?? null, role: actor.role as Role, scope: null };
  }
}
