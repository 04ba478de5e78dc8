import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import type { Partner } from '../organisation/partner.entity.js';
import type { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import type { CooperationArea } from './cooperation-area.entity.js';
import type { OfferingIteration } from './offering-iteration.entity.js';
import { OfferingReadRepository } from './offering-read.repository.js';
import { referencedStatuses, viewerOf } from './offering-visibility.js';
import type { Offering } from './offering.entity.js';
import { TaxonomyRepository } from './taxonomy.repository.js';
import type { Topic } from './topic.entity.js';

/**
 * Per-request DataLoaders for the catalogue: an offering's relations, and offerings, iterations, areas and
 * topics by id for other contexts (a request's offering, a routing rule's). One query per relation, whatever
 * the page size. Loaders of offerings (and their iterations) by id apply the catalogue's visibility rule
 * (referencedStatuses): a DRAFT offering is null to whoever may not manage the catalogue; and releasability by
 * the viewer's partner (viewerConditions 'referenced'): an offering no longer released to it is null.
 */
@Injectable()
export class CatalogueLoaders {
  constructor(
    private readonly offerings: OfferingReadRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  offeringById(ctx: RequestContext): DataLoader<string, Offering | null> {
    return ctx.loaders.get('catalogue.offeringById', async (ids: readonly string[]) =>
      byKeys(ids, await this.offerings.offeringsByIds(ctx, ids, referencedStatuses(ctx), viewerOf(ctx)), (o) => o.id, null),
    );
  }

  iterationById(ctx: RequestContext): DataLoader<string, OfferingIteration | null> {
    return ctx.loaders.get('catalogue.iterationById', async (ids: readonly string[]) =>
      byKeys(ids, await this.offerings.iterationsByIds(ctx, ids, referencedStatuses(ctx), viewerOf(ctx)), (i) => i.id, null),
    );
  }

  areaById(ctx: RequestContext): DataLoader<string, CooperationArea | null> {
    return ctx.loaders.get('catalogue.areaById', async (ids: readonly string[]) => byKeys(ids, await this.taxonomy.areasByIds(ctx, ids), (a) => a.id, null));
  }

  topicById(ctx: RequestContext): DataLoader<string, Topic | null> {
    return ctx.loaders.get('catalogue.topicById', async (ids: readonly string[]) => byKeys(ids, await this.taxonomy.topicsByIds(ctx, ids), (t) => t.id, null));
  }

  iterationsByOfferingId(ctx: RequestContext): DataLoader<string, OfferingIteration[]> {
    return ctx.loaders.get('catalogue.iterationsByOfferingId', async (ids: readonly string[]) =>
      groupByKeys(ids, await this.offerings.iterationsOf(ctx, ids), (i) => i.offeringId),
    );
  }

  areasByOfferingId(ctx: RequestContext): DataLoader<string, CooperationArea[]> {
    return ctx.loaders.get('catalogue.areasByOfferingId', (ids: readonly string[]) => this.offerings.linkedOf<CooperationArea>(ctx, 'areas', ids));
  }

  topicsByOfferingId(ctx: RequestContext): DataLoader<string, Topic[]> {
    return ctx.loaders.get('catalogue.topicsByOfferingId', (ids: readonly string[]) => this.offerings.linkedOf<Topic>(ctx, 'topics', ids));
  }

  eligibleFrameworksByOfferingId(ctx: RequestContext): DataLoader<string, PartnershipFramework[]> {
    return ctx.loaders.get('catalogue.eligibleFrameworksByOfferingId', (ids: readonly string[]) =>
      this.offerings.linkedOf<PartnershipFramework>(ctx, 'eligibleFrameworks', ids),
    );
  }

  eligiblePartnersByOfferingId(ctx: RequestContext): DataLoader<string, Partner[]> {
    return ctx.loaders.get('catalogue.eligiblePartnersByOfferingId', (ids: readonly string[]) => this.offerings.linkedOf<Partner>(ctx, 'eligiblePartners', ids));
  }

  releasableFrameworksByOfferingId(ctx: RequestContext): DataLoader<string, PartnershipFramework[]> {
    return ctx.loaders.get('catalogue.releasableFrameworksByOfferingId', (ids: readonly string[]) =>
      this.offerings.linkedOf<PartnershipFramework>(ctx, 'releasableFrameworks', ids),
    );
  }

  releasablePartnersByOfferingId(ctx: RequestContext): DataLoader<string, Partner[]> {
    return ctx.loaders.get('catalogue.releasablePartnersByOfferingId', (ids: readonly string[]) => this.offerings.linkedOf<Partner>(ctx, 'releasablePartners', ids));
  }
}
