import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditEventConnection, AuditEventExport, AuditEventFilter, AuditEventNode } from './dto/audit-trail.dto.js';

@Resolver(() => AuditEventNode)
export class AuditTrailResolver {
  constructor(private readonly trail: AuditTrailService) {}

  @Allow(Permission.ReadAuditTrail)
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first. Administrators only; every read is itself recorded (audit.read).' })
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AuditEventConnection> {
    return this.trail.list(ctx, filter ?? {}, first, after);
  }

  @Allow(Permission.ReadAuditTrail)
  @Query(() => AuditEventExport, { description: 'The filtered audit trail as CSV (at most 10,000 rows, newest first). Administrators only; recorded (audit.export).' })
  auditEventsCsv(@Ctx() ctx: RequestContext, @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter | null): Promise<AuditEventExport> {
    return this.trail.exportCsv(ctx, filter ?? {});
  }
}
