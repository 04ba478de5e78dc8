import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { ResolveDirectly } from '../common/graphql/resolve-directly.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { Section } from '../organisation/section.entity.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import {
  AddCommentInput,
  RequestFilter,
  RespondToInformationRequestInput,
  SaveRequestDraftInput,
  SubmitRequestInput,
  TransitionRequestInput,
  WithdrawRequestInput,
} from './dto/request.inputs.js';
import { CooperationRequestConnection, RequestParticipant, RequestPerson, RequestStatistics, SubmitRequestPayload } from './dto/request.types.js';
import { canReadRequest, mayLinkObjective, personalDataAccess, seesInternalNotes } from './request-access.js';
import { RequestComment } from './request-comment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { allowedTransitions } from './request-lifecycle.js';
import { RequestLoaders } from './request-loaders.js';
import { AuditService } from '../audit/audit.service.js';
import { participantsOf, RequestQueryService } from './request-query.service.js';
import { RequestStatisticsService } from './request-statistics.service.js';
import { RequestSubmissionService } from './request-submission.service.js';
import { lifecycleRole } from './request-lifecycle.service.js';
import { RequestTriageService } from './request-triage.service.js';
import { isOverdue, RequestOrder, RequestStatus } from './request.enums.js';
import { RoutingRule } from './routing-rule.entity.js';
import { PartnerObjective } from '../plans/dto/objective.types.js';
import { PlanService } from '../plans/plan.service.js';
import { PeopleService } from '../identity/people.service.js';
import { CannedReply } from './canned-reply.js';
import { CannedReplyService } from './canned-reply.service.js';
import { AssignRequestsRow } from './dto/bulk-assign.types.js';
import { RequestEventParams } from './dto/event-params.types.js';

@Resolver(() => CooperationRequest)
export class RequestResolver {
  constructor(
    private readonly queries: RequestQueryService,
    private readonly submission: RequestSubmissionService,
    private readonly triage: RequestTriageService,
    private readonly statisticsService: RequestStatisticsService,
    private readonly loaders: RequestLoaders,
    private readonly organisation: OrganisationLoaders,
    private readonly audit: AuditService,
    private readonly plans: PlanService,
    private readonly people: PeopleService,
    private readonly cannedReplyService: CannedReplyService,
  ) {}

  @Allow(Permission.ReadRequests)
  @Query(() => CooperationRequestConnection, {
    description: 'Requests you may see (your partner\'s, your sections\', your covered partners\', or all for administrators), at most 100 per page.',
  })
  requests(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 20 by default, at most 100.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => RequestFilter, nullable: true }) filter?: RequestFilter,
    @Args('orderBy', { type: () => RequestOrder, nullable: true }) orderBy?: RequestOrder,
  ): Promise<CooperationRequestConnection> {
    return this.queries.list(ctx, { first, after, filter, orderBy });
  }

  @Allow(Permission.ReadRequests)
  @Query(() => CooperationRequest, { nullable: true, description: 'One request; null when there is none you may see.' })
  request(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CooperationRequest | null> {
    return this.queries.find(ctx, id);
  }

  @Allow(Permission.ReadStatistics)
  @Query(() => RequestStatistics, { description: 'Counts and service times over the requests you may see.' })
  requestStatistics(@Ctx() ctx: RequestContext, @Args('filter', { type: () => RequestFilter, nullable: true }) filter?: RequestFilter): Promise<RequestStatistics> {
    return this.statisticsService.statistics(ctx, filter);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Creates or updates a draft (liaison officers). Drafts are seen by your partner only.' })
  saveRequestDraft(@Ctx() ctx: RequestContext, @Args('input') input: SaveRequestDraftInput): Promise<CooperationRequest> {
    return this.submission.saveDraft(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => SubmitRequestPayload, { description: 'Submits a request: checked, routed to a section, acknowledged by mail to that section.' })
  submitRequest(@Ctx() ctx: RequestContext, @Args('input') input: SubmitRequestInput): Promise<SubmitRequestPayload> {
    return this.submission.submit(ctx, input);
  }

  @Allow(Permission.SubmitRequests, Permission.TriageRequests)
  @Mutation(() => CooperationRequest, { description: 'Moves a request along its lifecycle; see allowedTransitions for what you may do.' })
  transitionRequest(@Ctx() ctx: RequestContext, @Args('input') input: TransitionRequestInput): Promise<CooperationRequest> {
    return this.triage.transition(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Withdraws your partner\'s request (any time before a decision); its seats return to the pool.' })
  withdrawRequest(@Ctx() ctx: RequestContext, @Args('input') input: WithdrawRequestInput): Promise<CooperationRequest> {
    return this.triage.transition(ctx, { id: input.id, to: RequestStatus.WITHDRAWN, reason: input.reason, expectedVersion: input.expectedVersion });
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, { description: 'Answers the section\'s information request: posts the answer and returns the request to review.' })
  respondToInformationRequest(@Ctx() ctx: RequestContext, @Args('input') input: RespondToInformationRequestInput): Promise<CooperationRequest> {
    return this.triage.respondToInformationRequest(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => CooperationRequest, { description: 'Sends a request to another section, with a reason shown on the timeline.' })
  rerouteRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('sectionCode') sectionCode: string,
    @Args('reason') reason: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<CooperationRequest> {
    return this.triage.reroute(ctx, id, sectionCode, reason, expectedVersion);
  }

  @Allow(Permission.TriageRequests, Permission.SubmitRequests)
  @Mutation(() => CooperationRequest, {
    description:
      "Links a submitted request to another objective of its partner's plan, or unlinks it (objectiveId null); on the timeline and audited. The routed section's staff and covering coordinators at any status; the partner's liaison officers until a decision.",
  })
  linkRequestObjective(
    @Ctx() ctx: RequestContext,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('objectiveId', { type: () => ID, nullable: true }) objectiveId: string | null,
  ): Promise<CooperationRequest> {
    return this.triage.linkObjective(ctx, requestId, objectiveId ?? null);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => CooperationRequest, { description: 'Assigns a request to a staff member of its section (or a covering coordinator); null unassigns.' })
  assignRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('assigneeId', { type: () => ID, nullable: true }) assigneeId: string | null,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<CooperationRequest> {
    return this.triage.assign(ctx, id, assigneeId ?? null, expectedVersion);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => [AssignRequestsRow], {
    description:
      'Assigns up to 100 requests to one person (a colleague from assignableStaff, yourself) or unassigns them (null), in one transaction, ' +
      'each audited. A request that cannot be assigned is refused on its own row (code and message); the others are assigned.',
  })
  assignRequests(
    @Ctx() ctx: RequestContext,
    @Args('ids', { type: () => [ID] }) ids: string[],
    @Args('assigneeId', { type: () => ID, nullable: true }) assigneeId: string | null,
  ): Promise<AssignRequestsRow[]> {
    return this.triage.assignMany(ctx, ids, assigneeId ?? null);
  }

  @Allow(Permission.RevealParticipants)
  @Mutation(() => [RequestParticipant], {
    description:
      "Administrators: a request's participants (personal data), as an audited action. The reason (10 to 1000 characters, e.g. the ticket " +
      'it answers) is recorded with your name in the audit trail (request.participants.reveal).',
  })
  revealParticipants(
    @Ctx() ctx: RequestContext,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('reason') reason: string,
  ): Promise<RequestParticipant[]> {
    return this.queries.revealParticipants(ctx, requestId, reason);
  }

  @Allow(Permission.CommentOnRequests)
  @Mutation(() => RequestComment, { description: 'Comments on a request; internal notes (NATO staff only) are never shown to the partner.' })
  addComment(@Ctx() ctx: RequestContext, @Args('input') input: AddCommentInput): Promise<RequestComment> {
    return this.triage.addComment(ctx, input);
  }

  @ResolveField(() => Partner)
  @ResolveDirectly()
  async partner(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return r.partner ?? (await this.organisation.partnerById(ctx).load(r.partnerId))!;
  }

  @ResolveField(() => RequestPerson, { nullable: true, description: 'The liaison officer who created it.' })
  @ResolveDirectly()
  submitter(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> {
    return this.loaders.personById(ctx).load(r.submitterId);
  }

  @ResolveField(() => RequestPerson, { nullable: true })
  @ResolveDirectly()
  assignee(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> | null {
    return r.assigneeId ? this.loaders.personById(ctx).load(r.assigneeId) : null;
  }

  @ResolveField(() => Offering, { nullable: true })
  @ResolveDirectly()
  offering(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<Offering | null> | Offering | null {
    if (r.offering !== undefined) return r.offering;
    return r.offeringId ? this.loaders.offeringById(ctx).load(r.offeringId) : null;
  }

  @ResolveField(() => OfferingIteration, { nullable: true })
  @ResolveDirectly()
  iteration(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<OfferingIteration | null> | OfferingIteration | null {
    if (r.iteration !== undefined) return r.iteration;
    return r.iterationId ? this.loaders.iterationById(ctx).load(r.iterationId) : null;
  }

  @ResolveField(() => CooperationArea, { nullable: true, description: 'The area of an open request.' })
  @ResolveDirectly()
  area(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<CooperationArea | null> | null {
    return r.areaId ? this.loaders.areaById(ctx).load(r.areaId) : null;
  }

  @ResolveField(() => PartnerObjective, { nullable: true, description: "The objective of the partner's plan it serves (seen by whoever sees the request)." })
  objective(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<PartnerObjective | null> | null {
    return r.objectiveId ? this.plans.objectiveById(ctx).load(r.objectiveId) : null;
  }

  @ResolveField(() => Section, { nullable: true, description: 'The section handling it; null for a draft.' })
  @ResolveDirectly()
  routedSection(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<Section | null> | Section | null {
    if (r.routedSection !== undefined) return r.routedSection;
    return r.routedSectionId ? this.organisation.sectionById(ctx).load(r.routedSectionId) : null;
  }

  @ResolveField(() => RoutingRule, { nullable: true, description: 'The rule that routed it (NATO staff only); null when no rule decided.' })
  routingRule(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RoutingRule | null> | null {
    return r.routingRuleId && seesInternalNotes(ctx) ? this.loaders.ruleById(ctx).load(r.routingRuleId) : null;
  }

  @ResolveField(() => [RequestParticipant], {
    nullable: true,
    description:
      "Nominated participants: personal data, for the partner's users, staff of the routed section, coordinators covering the partner, " +
      'and API keys created with personalData. Null (no error) for everyone else; participantCount still tells how many. ' +
      'Administrators use revealParticipants. Every read is audited (request.participants.read).',
  })
  async participants(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestParticipant[] | null> {
    if (!personalDataAccess(ctx, r)) return null;
    // Recorded before it is shown; one row per request and response, however many fields or pages ask.
    await this.audit.recordRead(ctx, 'request.participants.read', { type: 'CooperationRequest', id: r.id });
    return participantsOf(r);
  }

  @ResolveField(() => Int, { description: 'How many participants are nominated; shown to everyone who sees the request (no personal data).' })
  @ResolveDirectly()
  participantCount(@Parent() r: CooperationRequest): number {
    return r.participants.length;
  }

  @ResolveField(() => Boolean, { description: 'Past the section\'s target to acknowledge or to decide.' })
  @ResolveDirectly()
  overdue(@Parent() r: CooperationRequest): boolean {
    return isOverdue(r);
  }

  @ResolveField(() => [CannedReply], {
    description: "Ready-made texts for a comment or an information request: its section's and every section's, in the content language. Empty unless you triage it. One statement per request: read it on a single request.",
  })
  cannedReplies(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<CannedReply[]> | CannedReply[] {
    if (!ctx.can(Permission.TriageRequests) || !canReadRequest(ctx, r) || r.status === RequestStatus.DRAFT) return [];
    return this.cannedReplyService.forSection(ctx, r.routedSectionId);
  }

  @ResolveField(() => [PartnerObjective], {
    description:
      "The objectives of its partner's plan it may be linked to (linkRequestObjective; not dropped). Empty unless you may relink it. One statement per request: read it on a single request, not on a list.",
  })
  linkableObjectives(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<PartnerObjective[]> | PartnerObjective[] {
    return mayLinkObjective(ctx, r) ? this.plans.linkableObjectives(ctx, r.partnerId) : [];
  }

  @ResolveField(() => [RequestPerson], {
    description: 'Who it can be assigned to (assignRequest): active staff of its section and coordinators covering its partner. Empty unless you triage it. One statement per request: read it on a single request, not on a list.',
  })
  assignableStaff(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestPerson[]> | RequestPerson[] {
    if (!ctx.can(Permission.TriageRequests) || !canReadRequest(ctx, r) || r.status === RequestStatus.DRAFT) return [];
    return this.people.assignable(ctx, r.routedSectionId, r.partnerId);
  }

  @ResolveField(() => [RequestStatus], { description: 'The statuses you may move it to (transitionRequest).' })
  allowedTransitions(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): RequestStatus[] {
    return canReadRequest(ctx, r) ? allowedTransitions(lifecycleRole(ctx, r), r.status) : [];
  }

  @ResolveField(() => [RequestEvent], { description: 'Everything that happened, in order (internal entries for NATO staff only).' })
  timeline(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestEvent[]> | RequestEvent[] {
    return canReadRequest(ctx, r) ? this.loaders.eventsByRequestId(ctx, seesInternalNotes(ctx)).load(r.id) : [];
  }

  @ResolveField(() => [RequestComment], { description: 'Comments, oldest first; internal notes for NATO staff only.' })
  comments(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestComment[]> | RequestComment[] {
    return canReadRequest(ctx, r) ? this.loaders.commentsByRequestId(ctx, seesInternalNotes(ctx)).load(r.id) : [];
  }
}

@Resolver(() => CooperationRequestConnection)
export class CooperationRequestConnectionResolver {
  @ResolveField(() => Int, { description: 'How many requests match, over all pages.' })
  totalCount(@Parent() connection: CooperationRequestConnection): Promise<number> {
    return connection.count();
  }
}

@Resolver(() => RequestEvent)
export class RequestEventResolver {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly organisation: OrganisationLoaders,
    private readonly plans: PlanService,
  ) {}

  @ResolveField(() => PartnerObjective, {
    nullable: true,
    description: "The objective of the partner's plan linked (OBJECTIVE_LINKED) or unlinked (OBJECTIVE_UNLINKED); whoever reads the timeline reaches the request.",
  })
  objective(@Parent() e: RequestEvent, @Ctx() ctx: RequestContext): Promise<PartnerObjective | null> | null {
    return e.objectiveId ? this.plans.objectiveById(ctx).load(e.objectiveId) : null;
  }

  @ResolveField(() => RequestPerson, { nullable: true, description: 'Who did it; null for an API key or the system.' })
  actor(@Parent() e: RequestEvent, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> | null {
    return e.actorId ? this.loaders.personById(ctx).load(e.actorId) : null;
  }

  @ResolveField(() => Section, { nullable: true, description: 'The section routed or rerouted to.' })
  section(@Parent() e: RequestEvent, @Ctx() ctx: RequestContext): Promise<Section | null> | null {
    return e.sectionId ? this.organisation.sectionById(ctx).load(e.sectionId) : null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The routing rule that decided (NATO staff only).' })
  routingRuleId(@Parent() e: RequestEvent, @Ctx() ctx: RequestContext): string | null {
    return seesInternalNotes(ctx) ? e.routingRuleId : null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The comment posted, for COMMENTED entries.' })
  commentId(@Parent() e: RequestEvent): string | null {
    return e.commentId;
  }

  @ResolveField(() => RequestEventParams, { nullable: true, description: 'A system-written text as data: its kind and parameters, to render in any language. Null when reason is what a person wrote.' })
  @ResolveDirectly()
  params(@Parent() e: RequestEvent): RequestEventParams | null {
    return e.params;
  }
}

@Resolver(() => RequestComment)
export class RequestCommentResolver {
  constructor(private readonly loaders: RequestLoaders) {}

  @ResolveField(() => RequestPerson, { nullable: true })
  author(@Parent() c: RequestComment, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> | null {
    return c.authorId ? this.loaders.personById(ctx).load(c.authorId) : null;
  }
}
