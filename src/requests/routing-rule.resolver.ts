import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import { Topic } from '../catalogue/topic.entity.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { Section } from '../organisation/section.entity.js';
import { CreateRoutingRuleInput, UpdateRoutingRuleInput } from './dto/routing-rule.inputs.js';
import { RequestLoaders } from './request-loaders.js';
import { RequestRoutingService } from './request-routing.service.js';
import { RoutingRule } from './routing-rule.entity.js';

@Resolver(() => RoutingRule)
export class RoutingRuleResolver {
  constructor(
    private readonly routing: RequestRoutingService,
    private readonly loaders: RequestLoaders,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ManageRoutingRules)
  @Query(() => [RoutingRule], { description: 'Routing rules in the order they are tried.' })
  routingRules(@Ctx() ctx: RequestContext): Promise<RoutingRule[]> {
    return this.routing.list(ctx);
  }

  @Allow(Permission.ManageRoutingRules)
  @Mutation(() => RoutingRule)
  createRoutingRule(@Ctx() ctx: RequestContext, @Args('input') input: CreateRoutingRuleInput): Promise<RoutingRule> {
    return this.routing.create(ctx, input);
  }

  @Allow(Permission.ManageRoutingRules)
  @Mutation(() => RoutingRule)
  updateRoutingRule(@Ctx() ctx: RequestContext, @Args('input') input: UpdateRoutingRuleInput): Promise<RoutingRule> {
    return this.routing.update(ctx, input);
  }

  @Allow(Permission.ManageRoutingRules)
  @Mutation(() => [RoutingRule], { description: 'Sets the order: ids lists every rule once, first tried first.' })
  reorderRoutingRules(@Ctx() ctx: RequestContext, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<RoutingRule[]> {
    return this.routing.reorder(ctx, ids);
  }

  @Allow(Permission.ManageRoutingRules)
  @Mutation(() => Boolean)
  deleteRoutingRule(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.routing.delete(ctx, id);
  }

  @ResolveField(() => Section)
  async targetSection(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<Section> {
    return (await this.organisation.sectionById(ctx).load(r.targetSectionId))!;
  }

  @ResolveField(() => Offering, { nullable: true })
  offering(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<Offering | null> | null {
    return r.offeringId ? this.loaders.offeringById(ctx).load(r.offeringId) : null;
  }

  @ResolveField(() => CooperationArea, { nullable: true })
  area(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<CooperationArea | null> | null {
    return r.areaId ? this.loaders.areaById(ctx).load(r.areaId) : null;
  }

  @ResolveField(() => Topic, { nullable: true })
  topic(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<Topic | null> | null {
    return r.topicId ? this.loaders.topicById(ctx).load(r.topicId) : null;
  }

  @ResolveField(() => Partner, { nullable: true })
  partner(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<Partner | null> | null {
    return r.partnerId ? this.organisation.partnerById(ctx).load(r.partnerId) : null;
  }

  @ResolveField(() => PartnershipFramework, { nullable: true })
  framework(@Parent() r: RoutingRule, @Ctx() ctx: RequestContext): Promise<PartnershipFramework | null> | null {
    return r.frameworkId ? this.loaders.frameworkById(ctx).load(r.frameworkId) : null;
  }
}
