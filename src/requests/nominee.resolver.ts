import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import { NomineeRequirements } from '../catalogue/nominee-requirements.service.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import {
  CourseSurvey,
  CourseSurveyConnection,
  DeleteNomineeInput,
  Nominee,
  NomineeAttendance,
  NomineeCheck,
  NomineeConnection,
  NomineeInput,
  RecordAttendanceInput,
  SubmitCourseSurveyInput,
  SurveyResults,
  SurveyStatus,
  TrainingRecord,
  TrainingRecordConnection,
  UpdateNomineeInput,
} from './dto/nominee.types.js';
import { CourseSurveyService } from './course-survey.service.js';
import { shortfallsOf } from './nominee-check.js';
import { NomineeAttendanceService } from './nominee-attendance.service.js';
import { NomineeDirectoryService } from './nominee-directory.service.js';
import { personalDataAccess } from './request-access.js';

/** Issue #14 items 5 and 8: the nominee directory, nominee checks, attendance, history and surveys. */
@Resolver(() => CooperationRequest)
export class NomineeResolver {
  constructor(
    private readonly directory: NomineeDirectoryService,
    private readonly attendanceService: NomineeAttendanceService,
    private readonly surveys: CourseSurveyService,
    private readonly requirements: NomineeRequirements,
    private readonly audit: AuditService,
  ) {}

  @Allow(Permission.ReadRequests)
  @Query(() => NomineeConnection, {
    description:
      "Your partner's nominee directory (personal data: the partner's liaison officers, coordinators covering it, and its API keys granted personalData). " +
      'By name; search matches name or email. Every read is audited (nominee.read).',
  })
  nominees(
    @Ctx() ctx: RequestContext,
    @Args('partnerCode', { type: () => String, nullable: true, description: 'Coordinators: one covered partner.' }) partnerCode?: string,
    @Args('search', { type: () => String, nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 20 by default, at most 100.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<NomineeConnection> {
    return this.directory.list(ctx, { partnerCode, search, first, after });
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => Nominee, { description: "Adds a person to your partner's nominee directory, to pick when nominating (participants.nomineeId)." })
  createNominee(@Ctx() ctx: RequestContext, @Args('input') input: NomineeInput): Promise<Nominee> {
    return this.directory.create(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => Nominee, { description: 'Updates a directory entry at expectedVersion. Requests already submitted keep the nominee as nominated.' })
  updateNominee(@Ctx() ctx: RequestContext, @Args('input') input: UpdateNomineeInput): Promise<Nominee> {
    return this.directory.update(ctx, input);
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => Boolean, { description: 'Removes a directory entry. Requests keep the nominee as nominated.' })
  deleteNominee(@Ctx() ctx: RequestContext, @Args('input') input: DeleteNomineeInput): Promise<boolean> {
    return this.directory.remove(ctx, input);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => [NomineeAttendance], {
    description:
      'Staff of the routed section: records attended / completed / no-show per nominee of an approved request, from the course start date. ' +
      'The first attendance sends the partner the course survey. Audited.',
  })
  recordAttendance(@Ctx() ctx: RequestContext, @Args('input') input: RecordAttendanceInput): Promise<NomineeAttendance[]> {
    return this.attendanceService.record(ctx, input);
  }

  @Allow(Permission.ReadRequests)
  @Query(() => TrainingRecordConnection, {
    description: "Your partner's training history: each nominee's recorded outcome per course, most recent first (personal data, like nominees; audited).",
  })
  trainingHistory(
    @Ctx() ctx: RequestContext,
    @Args('partnerCode', { type: () => String, nullable: true, description: 'Coordinators: one covered partner.' }) partnerCode?: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 20 by default, at most 100.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<TrainingRecordConnection> {
    return this.attendanceService.history(ctx, { partnerCode, first, after });
  }

  @Allow(Permission.SubmitRequests)
  @Query(() => CourseSurveyConnection, { description: "Your partner's course surveys, most recent first." })
  courseSurveys(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => SurveyStatus, nullable: true }) status?: SurveyStatus,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 20 by default, at most 100.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<CourseSurveyConnection> {
    return this.surveys.list(ctx, { status, first, after });
  }

  @Allow(Permission.SubmitRequests)
  @Mutation(() => CourseSurvey, { description: 'Answers a course survey of your partner (once). Audited.' })
  submitCourseSurvey(@Ctx() ctx: RequestContext, @Args('input') input: SubmitCourseSurveyInput): Promise<CourseSurvey> {
    return this.surveys.submit(ctx, input);
  }

  @Allow(Permission.ReadStatistics)
  @Query(() => SurveyResults, { description: 'Survey results of an offering, or of one of its iterations: staff of the owning section, coordinators, administrators.' })
  surveyResults(
    @Ctx() ctx: RequestContext,
    @Args('offeringId', { type: () => ID }) offeringId: string,
    @Args('iterationId', { type: () => ID, nullable: true }) iterationId?: string,
  ): Promise<SurveyResults> {
    return this.surveys.results(ctx, offeringId, iterationId ?? null);
  }

  @ResolveField(() => [NomineeCheck], {
    nullable: true,
    description:
      "Each nominee checked against the course's requirement (the iteration's, else the offering's): personal data, for whoever sees participants " +
      '(null for the others). Audited as request.participants.read.',
  })
  async nomineeChecks(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<NomineeCheck[] | null> {
    if (!personalDataAccess(ctx, r)) return null;
    const [own, offering] = await Promise.all([
      r.iterationId ? this.requirements.byIterationId(ctx).load(r.iterationId) : null,
      r.offeringId ? this.requirements.byOfferingId(ctx).load(r.offeringId) : null,
    ]);
    const req = own ?? offering;
    await this.audit.recordRead(ctx, 'request.participants.read', { type: 'CooperationRequest', id: r.id });
    return r.participants.map((p, i) => {
      const shortfalls = shortfallsOf(p, req);
      return { participantIndex: i, name: p.name, meetsRequirements: shortfalls.length === 0, shortfalls };
    });
  }

  @ResolveField(() => [NomineeAttendance], {
    nullable: true,
    description: 'Attendance recorded per nominee after the course: personal data, like participants (null for the others). Audited.',
  })
  async attendance(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<NomineeAttendance[] | null> {
    if (!personalDataAccess(ctx, r)) return null;
    const rows = await this.attendanceService.attendanceByRequestId(ctx).load(r.id);
    await this.audit.recordRead(ctx, 'request.participants.read', { type: 'CooperationRequest', id: r.id });
    return rows;
  }
}

@Resolver(() => TrainingRecord)
export class TrainingRecordResolver {
  constructor(private readonly catalogue: CatalogueLoaders) {}

  @ResolveField(() => Offering, { nullable: true })
  offering(@Parent() r: TrainingRecord, @Ctx() ctx: RequestContext): Promise<Offering | null> {
    return this.catalogue.offeringById(ctx).load(r.offeringId);
  }

  @ResolveField(() => OfferingIteration, { nullable: true })
  iteration(@Parent() r: TrainingRecord, @Ctx() ctx: RequestContext): Promise<OfferingIteration | null> {
    return this.catalogue.iterationById(ctx).load(r.iterationId);
  }
}

@Resolver(() => CourseSurvey)
export class CourseSurveyResolver {
  constructor(private readonly catalogue: CatalogueLoaders) {}

  @ResolveField(() => Offering, { nullable: true })
  offering(@Parent() s: CourseSurvey, @Ctx() ctx: RequestContext): Promise<Offering | null> {
    return this.catalogue.offeringById(ctx).load(s.offeringId);
  }

  @ResolveField(() => OfferingIteration, { nullable: true })
  iteration(@Parent() s: CourseSurvey, @Ctx() ctx: RequestContext): Promise<OfferingIteration | null> {
    return this.catalogue.iterationById(ctx).load(s.iterationId);
  }
}
