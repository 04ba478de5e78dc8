import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import type { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import type { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import type { Offering } from '../catalogue/offering.entity.js';
import type { Topic } from '../catalogue/topic.entity.js';
import type { RequestContext } from '../common/context/request-context.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { PeopleService, type Person } from '../identity/people.service.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import type { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import type { RequestComment } from './request-comment.entity.js';
import type { RequestEvent } from './request-event.entity.js';
import { RequestRepository } from './request.repository.js';
import type { RoutingRule } from './routing-rule.entity.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';

/**
 * Per-request DataLoaders for a request's relations: one query per relation, whatever the page size.
 * Offerings, iterations, areas and topics come from the catalogue's loaders (which apply its visibility rule),
 * frameworks from the organisation's, people from identity's (one cache per request, shared with those contexts);
 * a request's own timeline and comments from RequestRepository, for requests the resolver has checked are in reach.
 */
@Injectable()
export class RequestLoaders {
  constructor(
    private readonly requests: RequestRepository,
    private readonly rules: RoutingRuleRepository,
    private readonly organisation: OrganisationLoaders,
    private readonly people: PeopleService,
    private readonly catalogue: CatalogueLoaders,
  ) {}

  personById(ctx: RequestContext): DataLoader<string, Person | null> {
    return this.people.personById(ctx);
  }

  frameworkById(ctx: RequestContext): DataLoader<string, PartnershipFramework | null> {
    return this.organisation.frameworkById(ctx);
  }

  offeringById(ctx: RequestContext): DataLoader<string, Offering | null> {
    return this.catalogue.offeringById(ctx);
  }

  iterationById(ctx: RequestContext): DataLoader<string, OfferingIteration | null> {
    return this.catalogue.iterationById(ctx);
  }

  areaById(ctx: RequestContext): DataLoader<string, CooperationArea | null> {
    return this.catalogue.areaById(ctx);
  }

  topicById(ctx: RequestContext): DataLoader<string, Topic | null> {
    return this.catalogue.topicById(ctx);
  }

  ruleById(ctx: RequestContext): DataLoader<string, RoutingRule | null> {
    return ctx.loaders.get('requests.ruleById', async (ids: readonly string[]) => byKeys(ids, await this.rules.byIds(ctx, ids), (r) => r.id, null));
  }

  /** Timeline entries in order; `withInternal` decides once per caller whether internal ones are included. */
  eventsByRequestId(ctx: RequestContext, withInternal: boolean): DataLoader<string, RequestEvent[]> {
    return ctx.loaders.get(`requests.eventsByRequestId:${withInternal}`, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.requests.eventsOf(ctx, ids, withInternal), (e) => e.requestId),
    );
  }

  commentsByRequestId(ctx: RequestContext, withInternal: boolean): DataLoader<string, RequestComment[]> {
    return ctx.loaders.get(`requests.commentsByRequestId:${withInternal}`, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.requests.commentsOf(ctx, ids, withInternal), (c) => c.requestId),
    );
  }
}
