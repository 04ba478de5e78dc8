import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { CreateObjectiveInput, ObjectiveStatus, PartnerObjective, UpdateObjectiveInput } from './dto/objective.types.js';
import { PlanService } from './plan.service.js';

@Resolver(() => PartnerObjective)
export class PlanResolver {
  constructor(
    private readonly plans: PlanService,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ReadRequests)
  @Query(() => [PartnerObjective], {
    description: "A partner's plan (ITPP objectives): your own partner's, or those of the partners you cover (administrators: any). Without partnerCode, every plan you reach.",
  })
  partnerObjectives(
    @Ctx() ctx: RequestContext,
    @Args('partnerCode', { type: () => String, nullable: true }) partnerCode?: string | null,
    @Args('statuses', { type: () => [ObjectiveStatus], nullable: true }) statuses?: ObjectiveStatus[] | null,
  ): Promise<PartnerObjective[]> {
    return this.plans.list(ctx, partnerCode, statuses);
  }

  @Allow(Permission.ReadRequests)
  @Query(() => PartnerObjective, { nullable: true })
  partnerObjective(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<PartnerObjective | null> {
    return this.plans.get(ctx, id);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => PartnerObjective, { description: "Adds an objective: coordinators covering the partner and administrators; a liaison officer proposes one (PROPOSED) for their partner." })
  createObjective(@Ctx() ctx: RequestContext, @Args('input') input: CreateObjectiveInput): Promise<PartnerObjective> {
    return this.plans.create(ctx, input);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => PartnerObjective, { description: 'Edits an objective: coordinators covering the partner and administrators; a liaison officer only while it is PROPOSED.' })
  updateObjective(@Ctx() ctx: RequestContext, @Args('input') input: UpdateObjectiveInput): Promise<PartnerObjective> {
    return this.plans.update(ctx, input);
  }

  @ResolveField(() => Partner)
  async partner(@Parent() o: PartnerObjective, @Ctx() ctx: RequestContext): Promise<Partner> {
    return (await this.organisation.partnerById(ctx).load(o.partnerId))!;
  }
}
