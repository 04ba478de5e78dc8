import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Offering } from '../catalogue/offering.entity.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { AddFundingLineInput, FundingLine, FundingSource, FundingTotal, FundingTotalsExport, FundingTotalsFilter, UpdateFundingLineInput } from './dto/funding.types.js';
import { FundingService } from './funding.service.js';

@Resolver(() => FundingLine)
export class FundingResolver {
  constructor(private readonly funding: FundingService) {}

  @Allow(Permission.Authenticated)
  @Query(() => [FundingSource], { description: 'Funding sources, in their order.' })
  fundingSources(@Ctx() ctx: RequestContext): Promise<FundingSource[]> {
    return this.funding.sources(ctx);
  }

  @Allow(Permission.ReadRequests)
  @Query(() => [FundingTotal], { description: "Funding per partner, programme, fiscal year, source and currency over the requests you may see (NATO staff: with the offerings' own funding)." })
  fundingTotals(@Ctx() ctx: RequestContext, @Args('filter', { type: () => FundingTotalsFilter, nullable: true }) filter?: FundingTotalsFilter | null): Promise<FundingTotal[]> {
    return this.funding.totals(ctx, filter);
  }

  @Allow(Permission.ReadRequests)
  @Query(() => FundingTotalsExport, { description: 'The funding totals as CSV.' })
  fundingTotalsCsv(@Ctx() ctx: RequestContext, @Args('filter', { type: () => FundingTotalsFilter, nullable: true }) filter?: FundingTotalsFilter | null): Promise<FundingTotalsExport> {
    return this.funding.totalsCsv(ctx, filter);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => FundingLine, { description: "Adds a funding line to a request (its section's staff, its partner's coordinators) or an offering (catalogue administrators)." })
  addFundingLine(@Ctx() ctx: RequestContext, @Args('input') input: AddFundingLineInput): Promise<FundingLine> {
    return this.funding.add(ctx, input);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => FundingLine)
  updateFundingLine(@Ctx() ctx: RequestContext, @Args('input') input: UpdateFundingLineInput): Promise<FundingLine> {
    return this.funding.update(ctx, input);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => Boolean)
  removeFundingLine(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.funding.remove(ctx, id);
  }
}

@Resolver(() => CooperationRequest)
export class RequestFundingResolver {
  constructor(private readonly funding: FundingService) {}

  @ResolveField(() => [FundingLine], { description: 'Its funding lines (seen by whoever sees the request).' })
  fundingLines(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<FundingLine[]> {
    return this.funding.linesByRequestId(ctx).load(r.id);
  }
}

@Resolver(() => Offering)
export class OfferingFundingResolver {
  constructor(private readonly funding: FundingService) {}

  @ResolveField(() => [FundingLine], { nullable: true, description: "The offering's own funding lines (NATO staff only; null for others)." })
  fundingLines(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<FundingLine[]> | null {
    return this.funding.seesOfferingFunding(ctx) ? this.funding.linesByOfferingId(ctx).load(o.id) : null;
  }
}
