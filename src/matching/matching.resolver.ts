import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { Topic } from '../catalogue/topic.entity.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { CreateSupportOfferInput, LinkSupportMatchInput, OfferCandidate, RequestCandidate, SupportMatch, SupportOffer, SupportOfferStatus } from './dto/matching.types.js';
import { MatchingService } from './matching.service.js';

@Resolver(() => SupportOffer)
export class SupportOfferResolver {
  constructor(
    private readonly matching: MatchingService,
    private readonly catalogue: CatalogueLoaders,
  ) {}

  @Allow(Permission.Authenticated)
  @Query(() => [SupportOffer], { description: 'Offers of support (NATO staff), soonest available first, at most 100.' })
  supportOffers(@Ctx() ctx: RequestContext, @Args('status', { type: () => SupportOfferStatus, nullable: true }) status?: SupportOfferStatus | null): Promise<SupportOffer[]> {
    return this.matching.list(ctx, status);
  }

  @Allow(Permission.Authenticated)
  @Query(() => [OfferCandidate], { description: 'Open offers ranked for a request you reach (NATO staff), best first, with the reasons; at most 20.' })
  supportOffersForRequest(@Ctx() ctx: RequestContext, @Args('requestId', { type: () => ID }) requestId: string): Promise<OfferCandidate[]> {
    return this.matching.offersForRequest(ctx, requestId);
  }

  @Allow(Permission.Authenticated)
  @Query(() => [RequestCandidate], { description: 'Open requests you reach ranked for an offer (NATO staff), best first, with the reasons; at most 20.' })
  requestsForSupportOffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string): Promise<RequestCandidate[]> {
    return this.matching.requestsForOffer(ctx, offerId);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => SupportOffer, { description: 'Posts an offer of support: section staff for their section or COE; coordinators and administrators also for an Ally.' })
  createSupportOffer(@Ctx() ctx: RequestContext, @Args('input') input: CreateSupportOfferInput): Promise<SupportOffer> {
    return this.matching.create(ctx, input);
  }

  @Allow(Permission.Authenticated)
  @Mutation(() => SupportOffer)
  closeSupportOffer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<SupportOffer> {
    return this.matching.close(ctx, id);
  }

  @Allow(Permission.TriageRequests)
  @Mutation(() => SupportMatch, { description: "Links an offer to a request (coordinators covering the request's partner); both sides then see it." })
  linkSupportMatch(@Ctx() ctx: RequestContext, @Args('input') input: LinkSupportMatchInput): Promise<SupportMatch> {
    return this.matching.link(ctx, input);
  }

  @ResolveField(() => CooperationArea)
  async area(@Parent() o: SupportOffer, @Ctx() ctx: RequestContext): Promise<CooperationArea> {
    return (await this.catalogue.areaById(ctx).load(o.areaId))!;
  }

  @ResolveField(() => [Topic])
  async topics(@Parent() o: SupportOffer, @Ctx() ctx: RequestContext): Promise<Topic[]> {
    return (await Promise.all(o.topicIds.map((id) => this.catalogue.topicById(ctx).load(id)))).filter((t): t is Topic => t !== null);
  }

  @ResolveField(() => [SupportMatch], { nullable: true, description: 'The requests it was linked to (NATO staff).' })
  matches(@Parent() o: SupportOffer, @Ctx() ctx: RequestContext): Promise<SupportMatch[]> | null {
    return this.matching.isNatoStaff(ctx) ? this.matching.matchesByOfferId(ctx).load(o.id) : null;
  }
}

@Resolver(() => SupportMatch)
export class SupportMatchResolver {
  constructor(private readonly matching: MatchingService) {}

  @ResolveField(() => SupportOffer, { description: 'The offer: both sides of a linked match see it.' })
  async offer(@Parent() m: SupportMatch, @Ctx() ctx: RequestContext): Promise<SupportOffer> {
    return (await this.matching.offerById(ctx).load(m.offerId))!;
  }
}

@Resolver(() => CooperationRequest)
export class RequestSupportResolver {
  constructor(private readonly matching: MatchingService) {}

  @ResolveField(() => [SupportMatch], { description: 'Offers of support a coordinator linked to it (seen by whoever sees the request).' })
  supportMatches(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<SupportMatch[]> {
    return this.matching.matchesByRequestId(ctx).load(r.id);
  }
}
