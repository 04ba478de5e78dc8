import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { DecideSubstitutionInput, NomineeChangeWindow, NomineeSubstitution, RequestSubstitutionInput, SubstitutionStatus, UpdateNomineesInput } from './dto/nominee-change.types.js';
import { personalDataAccess } from './request-access.js';
import { RequestLoaders } from './request-loaders.js';
import { RequestNomineeChangesService } from './request-nominee-changes.service.js';
import { participantsOf } from './request-query.service.js';

/** Nominee changes on submitted requests and substitutions inside the change window (issue #14 item 7). */
@Resolver(() => CooperationRequest)
export class RequestNomineeChangesResolver {
  constructor(
    private readonly changes: RequestNomineeChangesService,
    private readonly loaders: RequestLoaders,
    private readonly audit: AuditService,
  ) {}

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, {
    description: 'Replaces the nominees of your submitted request, before the change window (nomineeChangeWindow); on the timeline. Inside it use requestSubstitution.',
  })
  updateNominees(@Ctx() ctx: RequestContext, @Args('input') input: UpdateNomineesInput): Promise<CooperationRequest> {
    return this.changes.updateNominees(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Inside the change window: asks staff to replace one nominee by another (see substitutions).' })
  requestSubstitution(@Ctx() ctx: RequestContext, @Args('input') input: RequestSubstitutionInput): Promise<CooperationRequest> {
    return this.changes.requestSubstitution(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => CooperationRequest, { description: "Approves (the nominee is replaced) or rejects, with a reason the partner reads, a partner's substitution." })
  decideSubstitution(@Ctx() ctx: RequestContext, @Args('input') input: DecideSubstitutionInput): Promise<CooperationRequest> {
    return this.changes.decideSubstitution(ctx, input);
  }

  @ResolveField(() => NomineeChangeWindow, { nullable: true, description: 'When the nominees may change freely, and from when only by substitution; null without an iteration.' })
  async nomineeChangeWindow(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<NomineeChangeWindow | null> {
    if (!r.iterationId) return null;
    const it = await this.loaders.iterationById(ctx).load(r.iterationId);
    return it ? this.changes.windowOf(it.startDate) : null;
  }

  @ResolveField(() => [NomineeSubstitution], {
    nullable: true,
    description: "Substitutions asked for inside the change window, oldest first: personal data, for those who may read the participants (null for others); reads are audited.",
  })
  async substitutions(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<NomineeSubstitution[] | null> {
    if (!personalDataAccess(ctx, r)) return null;
    const rows = await this.changes.substitutionsByRequest(ctx).load(r.id);
    if (rows.length > 0) await this.audit.recordRead(ctx, 'request.participants.read', { type: 'CooperationRequest', id: r.id });
    return rows.map((s) => ({
      id: s.id,
      index: s.nominee,
      proposed: participantsOf({ participants: [s.proposed] })[0]!,
      reason: s.reason,
      status: s.status as SubstitutionStatus,
      decisionReason: s.decision_reason,
      createdAt: s.created_at,
      decidedAt: s.decided_at,
    }));
  }
}
