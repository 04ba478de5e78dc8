import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import { Permission } from '../common/auth/permission.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { byKeys, groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { RequestStatus } from '../requests/request.enums.js';
import { RequestQueryService } from '../requests/request-query.service.js';
import {
  type CreateSupportOfferInput,
  type LinkSupportMatchInput,
  type OfferCandidate,
  type RequestCandidate,
  type SupportMatch,
  type SupportOffer,
  SupportOfferStatus,
  SupportProviderKind,
} from './dto/matching.types.js';
import { type MatchFacts, scoreMatch } from './match-score.js';
import { SupportOfferRepository } from './support-offer.repository.js';

/** Requests still open to support: submitted and not yet decided against, completed, withdrawn or cancelled. */
const OPEN: RequestStatus[] = [RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW, RequestStatus.INFORMATION_REQUESTED, RequestStatus.APPROVED, RequestStatus.SCHEDULED];
/** Candidates shown per ranking (the query cost counts on it). */
export const CANDIDATES_SHOWN = 20;

/**
 * Two-sided matching (issue #17 item 3). Offers of support are NATO-internal until linked: NATO staff (section staff,
 * coordinators, administrators) read the board; section staff post for their section or COE, coordinators and
 * administrators also on behalf of an Ally. Requests are read through the requests context (its access rule), their
 * area, topics and languages through the catalogue's loaders, and ranked by `scoreMatch` with the reasons. A
 * coordinator covering the partner links a match (audited); the partner sees it on its request, the offer's side
 * on the offer.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly offers: SupportOfferRepository,
    private readonly requests: RequestQueryService,
    private readonly catalogue: CatalogueLoaders,
    private readonly taxonomy: OfferingEligibility,
    private readonly audit: AuditService,
  ) {}

  isNatoStaff(ctx: RequestContext): boolean {
    return ctx.actor?.kind === 'user' && (ctx.can(Permission.TriageRequests) || ctx.can(Permission.ManageCatalogue));
  }

  list(ctx: RequestContext, status: SupportOfferStatus | null | undefined): Promise<SupportOffer[]> {
    this.assertStaff(ctx);
    return this.offers.list(ctx, status ?? null);
  }

  create(ctx: RequestContext, input: CreateSupportOfferInput): Promise<SupportOffer> {
    this.assertStaff(ctx);
    const actor = ctx.actor!;
    const sectionStaff = actor.role === Role.SECTION_STAFF;
    if (sectionStaff && input.providerKind === SupportProviderKind.ALLY) {
      throw DomainError.forbidden("Section staff post their own section's or COE's offers; an Ally's offer is posted by a coordinator or an administrator.");
    }
    if (input.availableTo < input.availableFrom) throw DomainError.badInput('availableTo must be on or after availableFrom.', 'availableTo');
    return this.uow.run(ctx, async (tx) => {
      const areaId = await this.taxonomy.areaId(tx, input.areaCode, 'areaCode');
      const topicIds: string[] = [];
      for (const code of input.topicCodes) {
        const { topicId } = await this.taxonomy.references(tx, { topicCode: code });
        if (!topicId) throw DomainError.badInput(`topicCodes: "${code}" is not a topic; see topics for the codes.`, 'topicCodes');
        topicIds.push(topicId);
      }
      const offer = await this.offers.insert(tx, actor.id, {
        provider_kind: input.providerKind,
        provider_name: input.providerName.trim(),
        section_id: sectionStaff ? (actor.sectionIds[0] ?? null) : null,
        support_type: input.supportType,
        title: input.title.trim(),
        description: input.description ?? null,
        area_id: areaId,
        topic_ids: topicIds,
        languages: input.languages,
        available_from: input.availableFrom,
        available_to: input.availableTo,
      });
      await this.audit.record(tx, 'support.offer.create', { type: 'support_offer', id: offer.id }, { providerKind: offer.providerKind, providerName: offer.providerName });
      return offer;
    });
  }

  close(ctx: RequestContext, id: string): Promise<SupportOffer> {
    this.assertStaff(ctx);
    if (!isUUID(id)) throw DomainError.badInput(`id must be an offer id (a UUID); got ${JSON.stringify(id.slice(0, 60))}.`, 'id');
    return this.uow.run(ctx, async (tx) => {
      const offer = await this.offers.setStatus(tx, id, SupportOfferStatus.CLOSED);
      if (!offer) throw DomainError.notFound('Offer of support');
      await this.audit.record(tx, 'support.offer.close', { type: 'support_offer', id }, {});
      return offer;
    });
  }

  /** Open offers ranked for a request the caller reaches (NATO staff), best first, with the reasons. */
  async offersForRequest(ctx: RequestContext, requestId: string): Promise<OfferCandidate[]> {
    this.assertStaff(ctx);
    if (!isUUID(requestId)) throw DomainError.badInput(`requestId must be a request id (a UUID); got ${JSON.stringify(requestId.slice(0, 60))}.`, 'requestId');
    const request = await this.requests.find(ctx, requestId);
    if (!request) throw DomainError.notFound('Request');
    const [facts, offers, linked] = await Promise.all([this.requestFacts(ctx, request), this.offers.open(ctx), this.matchesByRequestId(ctx).load(request.id)]);
    return offers
      .map((offer) => ({ offer, ...scoreMatch(this.offerFacts(offer), facts), linked: linked.some((m) => m.offerId === offer.id) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.offer.availableFrom.localeCompare(b.offer.availableFrom))
      .slice(0, CANDIDATES_SHOWN);
  }

  /** The open requests the caller reaches, ranked for an offer (the 100 most recent are considered). */
  async requestsForOffer(ctx: RequestContext, offerId: string): Promise<RequestCandidate[]> {
    this.assertStaff(ctx);
    if (!isUUID(offerId)) throw DomainError.badInput(`offerId must be an offer id (a UUID); got ${JSON.stringify(offerId.slice(0, 60))}.`, 'offerId');
    const offer = await this.offers.byId(ctx, offerId);
    if (!offer) throw DomainError.notFound('Offer of support');
    const page = await this.requests.list(ctx, { first: 100, filter: { statuses: OPEN } });
    const requests = page.edges.map((e) => e.node);
    const facts = await Promise.all(requests.map((r) => this.requestFacts(ctx, r)));
    return requests
      .map((request, i) => ({ request, ...scoreMatch(this.offerFacts(offer), facts[i]!) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.request.reference.localeCompare(b.request.reference))
      .slice(0, CANDIDATES_SHOWN);
  }

  link(ctx: RequestContext, input: LinkSupportMatchInput): Promise<SupportMatch> {
    const actor = ctx.actor;
    if (actor?.kind !== 'user' || actor.role !== Role.COORDINATOR) throw DomainError.forbidden('Coordinators covering the partner link an offer to a request.');
    return this.uow.run(ctx, async (tx) => {
      const request = await this.requests.find(tx, input.requestId);
      if (!request) throw DomainError.notFound('Request');
      const offer = await this.offers.byId(tx, input.offerId);
      if (!offer) throw DomainError.notFound('Offer of support');
      if (offer.status !== SupportOfferStatus.OPEN) throw DomainError.conflict('This offer is closed; it can no longer be linked.');
      const { score, reasons } = scoreMatch(this.offerFacts(offer), await this.requestFacts(tx, request));
      const match = await this.offers.linkMatch(tx, { offerId: offer.id, requestId: request.id, reference: request.reference, score, reasons, note: input.note ?? null, linkedBy: actor.id });
      if (!match) throw DomainError.conflict(`This offer is already linked to ${request.reference}.`);
      await this.audit.record(tx, 'support.match.link', { type: 'support_match', id: match.id }, { offerId: offer.id, requestId: request.id, score, reasons });
      return match;
    });
  }

  /** Linked matches of requests the caller already reaches (one statement per response). */
  matchesByRequestId(ctx: RequestContext): DataLoader<string, SupportMatch[]> {
    return ctx.loaders.get('matching.byRequestId', async (ids: readonly string[]) => groupByKeys(ids, await this.offers.matchesByRequestIds(ctx, ids), (m) => m.requestId));
  }

  matchesByOfferId(ctx: RequestContext): DataLoader<string, SupportMatch[]> {
    return ctx.loaders.get('matching.byOfferId', async (ids: readonly string[]) => groupByKeys(ids, await this.offers.matchesByOfferIds(ctx, ids), (m) => m.offerId));
  }

  /** Offers by id: a linked match shows its offer to both sides. */
  offerById(ctx: RequestContext): DataLoader<string, SupportOffer | null> {
    return ctx.loaders.get('matching.offerById', async (ids: readonly string[]) => byKeys(ids, await this.offers.byIds(ctx, ids), (o) => o.id, null));
  }

  private offerFacts(o: SupportOffer): MatchFacts {
    return { areaIds: [o.areaId], topicIds: o.topicIds, languages: o.languages, from: o.availableFrom, to: o.availableTo };
  }

  /** A request's area (an open request's own, else its offering's), topics and languages of delivery, through the catalogue's loaders. */
  private async requestFacts(ctx: RequestContext, r: CooperationRequest): Promise<MatchFacts> {
    const [areas, topics, offering] = r.offeringId
      ? await Promise.all([this.catalogue.areasByOfferingId(ctx).load(r.offeringId), this.catalogue.topicsByOfferingId(ctx).load(r.offeringId), this.catalogue.offeringById(ctx).load(r.offeringId)])
      : [[], [], null];
    return {
      areaIds: r.areaId ? [r.areaId] : areas.map((a) => a.id),
      topicIds: topics.map((t) => t.id),
      languages: offering?.deliveryLanguages ?? [],
      from: r.desiredStart,
      to: r.desiredEnd,
    };
  }

  private assertStaff(ctx: RequestContext): void {
    if (!this.isNatoStaff(ctx)) throw DomainError.forbidden('Offers of support are for NATO staff: section staff, coordinators and administrators.');
  }
}
