import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * The one call site per reference-data mutation for the audit trail, inside the mutation's transaction.
 * Identity's AuditService writes the row: replace the body with
 * `await this.audit.record(ctx, action, target, details, manager)` once its module is in AppModule.
 */
@Injectable()
export class OrganisationAudit {
  async record(
    _manager: EntityManager,
    _ctx: RequestContext,
    _action: string,
    _target: { type: string; id: string },
    _details: Record<string, unknown> = {},
  ): Promise<void> {}
}
