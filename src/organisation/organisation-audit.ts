import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';

/**
 * The one call site per reference-data mutation for the audit trail: the event is written with the
 * mutation's transaction manager, so it commits or rolls back with the change it describes.
 */
@Injectable()
export class OrganisationAudit {
  constructor(private readonly audit: AuditService) {}

  record(
    manager: EntityManager,
    ctx: RequestContext,
    action: string,
    target: { type: string; id: string },
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(ctx, action, target, details, manager);
  }
}
