import { Args, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { ResolveDirectly } from '../common/graphql/resolve-directly.js';
import { selectionOf } from '../common/graphql/selection.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Language, useContentLanguage } from '../common/i18n/language.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { Section } from '../organisation/section.entity.js';
import { CatalogueLoaders } from './catalogue-loaders.js';
import { OfferingOrder } from './catalogue.enums.js';
import { CooperationArea } from './cooperation-area.entity.js';
import { OfferingFilter } from './dto/offering-filter.input.js';
import { FACET_NAMES, OfferingConnection, OfferingFacets, type SummaryParts } from './offering-connection.type.js';
import { OfferingIteration } from './offering-iteration.entity.js';
import { OfferingSearchService } from './offering-search.service.js';
import { Offering } from './offering.entity.js';
import { OfferingService } from './offering.service.js';
import { Topic } from './topic.entity.js';

@Resolver(() => Offering)
export class OfferingResolver {
  constructor(
    private readonly search: OfferingSearchService,
    private readonly offeringsService: OfferingService,
    private readonly loaders: CatalogueLoaders,
    private readonly organisation: OrganisationLoaders,
  ) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => OfferingConnection, { description: 'The catalogue: search, filter and page through offerings (at most 100 per page).' })
  offerings(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 20 by default, at most 100.' }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'A cursor from the previous page.' }) after?: string,
    @Args('search', { type: () => String, nullable: true, description: 'Words in English or French, a code, or part of a title.' }) search?: string,
    @Args('filter', { type: () => OfferingFilter, nullable: true }) filter?: OfferingFilter,
    @Args('orderBy', { type: () => OfferingOrder, nullable: true }) orderBy?: OfferingOrder,
    @Args('language', { type: () => Language, nullable: true, description: 'Content language; Accept-Language otherwise.' }) language?: Language,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<OfferingConnection> {
    useContentLanguage(ctx, language);
    return this.search.list(ctx, { first, after, search, filter, orderBy }, info && summaryPartsOf(info));
  }

  @Allow(Permission.ReadCatalogue)
  @Query(() => Offering, { nullable: true, description: 'One offering by id or by code; null when there is none you can see.' })
  offering(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('code', { type: () => String, nullable: true }) code?: string,
    @Args('language', { type: () => Language, nullable: true }) language?: Language,
  ): Promise<Offering | null> {
    useContentLanguage(ctx, language);
    return this.offeringsService.find(ctx, id, code);
  }

  @ResolveField(() => [OfferingIteration], { description: 'Dated runs, earliest first.' })
  @ResolveDirectly()
  iterations(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<OfferingIteration[]> {
    return this.loaders.iterationsByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => Section, { description: 'The section responsible for requests.' })
  @ResolveDirectly()
  async owningSection(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<Section> {
    return (await this.organisation.sectionById(ctx).load(o.owningSectionId))!;
  }

  @ResolveField(() => Section, { nullable: true, description: 'Who delivers it: a section, school, COE or agency.' })
  @ResolveDirectly()
  async provider(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<Section | null> {
    return o.providerSectionId ? this.organisation.sectionById(ctx).load(o.providerSectionId) : null;
  }

  @ResolveField(() => [CooperationArea])
  @ResolveDirectly()
  areas(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<CooperationArea[]> {
    return this.loaders.areasByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => [Topic])
  @ResolveDirectly()
  topics(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<Topic[]> {
    return this.loaders.topicsByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => [PartnershipFramework], { description: 'Partners of these frameworks may request it. Empty with eligiblePartners empty: every partner that is not suspended.' })
  @ResolveDirectly()
  eligibleFrameworks(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.loaders.eligibleFrameworksByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => [Partner], { description: 'These partners may request it (in addition to eligibleFrameworks).' })
  @ResolveDirectly()
  eligiblePartners(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return this.loaders.eligiblePartnersByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => [PartnershipFramework], { description: 'With releasability RELEASABLE TO: the frameworks whose partners may see it.' })
  @ResolveDirectly()
  releasableToFrameworks(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.loaders.releasableFrameworksByOfferingId(ctx).load(o.id);
  }

  @ResolveField(() => [Partner], { description: 'With releasability RELEASABLE TO: the partners that may see it (in addition to releasableToFrameworks).' })
  @ResolveDirectly()
  releasableToPartners(@Parent() o: Offering, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return this.loaders.releasablePartnersByOfferingId(ctx).load(o.id);
  }
}

@Resolver(() => OfferingConnection)
export class OfferingConnectionResolver {
  @ResolveField(() => Int, { description: 'How many offerings match, over all pages.' })
  async totalCount(@Parent() connection: OfferingConnection): Promise<number> {
    return (await connection.summary()).totalCount;
  }

  @ResolveField(() => OfferingFacets, { description: 'Counts per kind, area, topic, owning section and delivery mode over all matches.' })
  async facets(@Parent() connection: OfferingConnection): Promise<OfferingFacets> {
    return (await connection.summary()).facets;
  }
}

/** The total and the facets the document reads, so the summary statement computes nothing else. */
function summaryPartsOf(info: GraphQLResolveInfo): SummaryParts {
  const selected = selectionOf(info);
  const facets = selected.get('facets');
  return { total: selected.has('totalCount'), facets: new Set(FACET_NAMES.filter((name) => facets?.has(name))) };
}
