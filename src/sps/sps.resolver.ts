import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { RequestPerson } from '../requests/dto/request.types.js';
import {
  AddSpsApplicationsInput,
  AssignSpsReviewerInput,
  CreateSpsBatchInput,
  RecordSpsDecisionInput,
  SpsApplication,
  SpsApplicationSummary,
  SpsCommitteeBatch,
  SpsDecisionOutcome,
  SpsReview,
  SpsReviewAssignment,
  SpsRubricCriterion,
  SubmitSpsReviewInput,
} from './dto/sps.types.js';
import { SpsCommitteeService } from './sps-committee.service.js';
import { SpsReviewService } from './sps-review.service.js';

/**
 * SPS peer review and committee batches (issue #15 item 2). Every operation needs TriageRequests (NATO staff); the
 * services narrow it: SPS staff for applications and batches, the reviewer for their own reviews. Partners and API
 * keys have no way in.
 */
@Resolver(() => SpsApplication)
export class SpsResolver {
  constructor(
    private readonly reviewing: SpsReviewService,
    private readonly committee: SpsCommitteeService,
  ) {}

  @Allow(Permission.TriageRequests)
  @Query(() => [SpsRubricCriterion], { description: 'The peer-review rubric, in order.' })
  spsRubric(@Ctx() ctx: RequestContext): Promise<SpsRubricCriterion[]> {
    return this.reviewing.rubric(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => [SpsDecisionOutcome], { description: 'What the SPS committee may decide.' })
  spsDecisionOutcomes(@Ctx() ctx: RequestContext): Promise<SpsDecisionOutcome[]> {
    return this.committee.outcomes(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => [RequestPerson], { description: 'SPS staff: the active NATO staff who may be assigned as peer reviewers (at most 500, by name).' })
  spsReviewerCandidates(@Ctx() ctx: RequestContext): Promise<RequestPerson[]> {
    return this.reviewing.candidates(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => [SpsReviewAssignment], { description: 'The SPS applications assigned to you for peer review, newest first (at most 50).' })
  mySpsReviews(@Ctx() ctx: RequestContext): Promise<SpsReviewAssignment[]> {
    return this.reviewing.mine(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => SpsApplication, { description: 'SPS staff: an application with its reviews, batch and decision.' })
  spsApplication(@Ctx() ctx: RequestContext, @Args('requestId', { type: () => ID }) requestId: string): Promise<SpsApplication> {
    return this.committee.application(ctx, requestId);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => [SpsApplication], { description: 'SPS staff: applications with a reviewer and no committee batch yet (at most 100, oldest first).' })
  spsApplicationsToSchedule(@Ctx() ctx: RequestContext): Promise<SpsApplication[]> {
    return this.committee.toSchedule(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => [SpsCommitteeBatch], { description: 'SPS staff: committee batches, latest meeting first (at most 10).' })
  spsCommitteeBatches(@Ctx() ctx: RequestContext): Promise<SpsCommitteeBatch[]> {
    return this.committee.batches(ctx);
  }

  @Allow(Permission.TriageRequests)
  @Query(() => SpsCommitteeBatch, { nullable: true })
  spsCommitteeBatch(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<SpsCommitteeBatch | null> {
    return this.committee.batch(ctx, id);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SpsReview, { description: 'SPS staff: assigns a peer reviewer; a SUBMITTED application is taken under review. Audited (sps.review.assign).' })
  assignSpsReviewer(@Ctx() ctx: RequestContext, @Args('input') input: AssignSpsReviewerInput): Promise<SpsReview> {
    return this.reviewing.assign(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SpsReview, { description: 'The assigned reviewer: scores every rubric criterion, with comments (resubmitting replaces them until the committee decides). Audited.' })
  submitSpsReview(@Ctx() ctx: RequestContext, @Args('input') input: SubmitSpsReviewInput): Promise<SpsReview> {
    return this.reviewing.submit(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SpsCommitteeBatch, { description: 'SPS staff: a committee batch with its meeting date. Audited.' })
  createSpsCommitteeBatch(@Ctx() ctx: RequestContext, @Args('input') input: CreateSpsBatchInput): Promise<SpsCommitteeBatch> {
    return this.committee.create(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SpsCommitteeBatch, { description: 'SPS staff: adds applications to a batch (a deferred one moves from its earlier batch). Audited.' })
  addApplicationsToSpsBatch(@Ctx() ctx: RequestContext, @Args('input') input: AddSpsApplicationsInput): Promise<SpsCommitteeBatch> {
    return this.committee.add(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SpsApplication, {
    description: "SPS staff: records the committee's decision with reasons; ENDORSED approves and NOT_ENDORSED declines the request through its lifecycle, DEFERRED leaves it under review. Audited.",
  })
  recordSpsDecision(@Ctx() ctx: RequestContext, @Args('input') input: RecordSpsDecisionInput): Promise<SpsApplication> {
    return this.committee.decide(ctx, input);
  }

  @ResolveField(() => [SpsReview], { description: 'Peer reviews, oldest assignment first.' })
  reviews(@Parent() a: SpsApplication, @Ctx() ctx: RequestContext): Promise<SpsReview[]> {
    return this.reviewing.reviewsOf(ctx, a.id);
  }

  @ResolveField(() => SpsApplicationSummary)
  async reviewSummary(@Parent() a: SpsApplication, @Ctx() ctx: RequestContext): Promise<SpsApplicationSummary> {
    const all = await this.reviewing.reviewsOf(ctx, a.id);
    const done = all.filter((r) => r.total !== null);
    return { reviewsAssigned: all.length, reviewsSubmitted: done.length, averageTotal: done.length ? done.reduce((s, r) => s + r.total!, 0) / done.length : null };
  }
}

@Resolver(() => SpsReview)
export class SpsReviewResolver {
  constructor(private readonly reviews: SpsReviewService) {}

  @ResolveField(() => RequestPerson, { nullable: true })
  reviewer(@Parent() r: SpsReview, @Ctx() ctx: RequestContext): Promise<RequestPerson | null> {
    return this.reviews.reviewer(ctx, r);
  }
}

@Resolver(() => SpsCommitteeBatch)
export class SpsCommitteeBatchResolver {
  constructor(private readonly committee: SpsCommitteeService) {}

  @ResolveField(() => [SpsApplication], { description: 'In the order they were added (at most 40).' })
  applications(@Parent() b: SpsCommitteeBatch, @Ctx() ctx: RequestContext): Promise<SpsApplication[]> {
    return this.committee.ofBatch(ctx, b.id);
  }
}
