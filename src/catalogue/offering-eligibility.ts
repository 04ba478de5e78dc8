import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OfferingStatus } from './catalogue.enums.js';
import { OfferingRepository } from './offering.repository.js';
import { TaxonomyRepository } from './taxonomy.repository.js';

/** The partner asking, as the check names it in its messages. */
export interface AskingPartner {
  id: string;
  code: string;
  nameEn: string;
}

/** An offering a partner may request, with what intake checks need of it. */
export interface RequestableOffering {
  id: string;
  code: string;
  kind: string;
  leadTimeDays: number;
  /** The database's CURRENT_DATE and the earliest start the lead time allows, as YYYY-MM-DD. */
  today: string;
  earliestStart: string;
}

export interface RequestableIteration {
  id: string;
  offeringId: string;
  startDate: string;
  location: string;
  capacity: number | null;
  applicationDeadline: string | null;
  status: string;
}

/** The offering's side of a routing decision. */
export interface OfferingRoutingFacts {
  kind: string;
  owningSectionId: string;
  areaIds: string[];
  topicIds: string[];
}

/**
 * What the catalogue tells other contexts about requesting its offerings: "may partner P request offering O"
 * (the same rule as the catalogue's eligibleForPartner filter, ELIGIBLE_SQL), the iterations a request may
 * name, the offering's routing facts, and area codes. Requests call this instead of reading catalogue tables.
 */
@Injectable()
export class OfferingEligibility {
  constructor(
    private readonly offerings: OfferingRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  /**
   * The offering, if the partner may request it: NOT_FOUND when it does not exist or is a DRAFT, NOT_ELIGIBLE
   * (with a message naming who it is open to) when it is archived or not open to the partner.
   */
  async assertRequestable(ctx: RequestContext, partner: AskingPartner, offeringId: string): Promise<RequestableOffering> {
    const offering = await this.offerings.intakeOffering(ctx, offeringId, partner);
    // Not released to the partner: it does not exist for them, as in every read.
    if (!offering || offering.status === OfferingStatus.DRAFT || !offering.released) throw DomainError.notFound('Offering');
    if (offering.status !== OfferingStatus.PUBLISHED) {
      throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${offering.code} is ${offering.status.toLowerCase()} and no longer takes requests. Choose a published offering from the catalogue.`);
    }
    if (!offering.eligible) {
      const open = await this.offerings.openTo(ctx, offering.id);
      const who = [open.frameworks.length ? `partners of ${open.frameworks.join(', ')}` : '', open.partners.length ? open.partners.join(', ') : ''].filter(Boolean).join(' and ') || 'every partner';
      const to = open.flags.length ? `${who} carrying the programme flag${open.flags.length > 1 ? 's' : ''} ${open.flags.join(', ')}` : who;
      throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${partner.nameEn} (${partner.code}) is not eligible for ${offering.code}: it is open to ${to}. Choose another offering, or ask the owning section about an exception.`, {
        offeringCode: offering.code,
      });
    }
    return { id: offering.id, code: offering.code, kind: offering.kind, leadTimeDays: offering.lead_time_days, today: offering.today, earliestStart: offering.earliest_start };
  }

  /** A draft may name any offering its partner can see: NOT_FOUND for a DRAFT offering, one not released to the partner, or none. */
  async assertReferenceable(ctx: RequestContext, offeringId: string, partnerId: string): Promise<void> {
    if (!(await this.offerings.referenceableBy(ctx, offeringId, OfferingStatus.DRAFT, partnerId))) throw DomainError.notFound('Offering');
  }

  async iteration(ctx: RequestContext, iterationId: string): Promise<RequestableIteration | undefined> {
    const it = await this.offerings.intakeIteration(ctx, iterationId);
    return (
      it && { id: it.id, offeringId: it.offering_id, startDate: it.start_date, location: it.location, capacity: it.capacity, applicationDeadline: it.deadline, status: it.status }
    );
  }

  /** The sections owning offerings of a kind, whatever their status (issue #15: who runs the SPS programme's review). */
  owningSectionIdsOfKind(ctx: RequestContext, kind: string): Promise<string[]> {
    return this.offerings.owningSectionIdsOfKind(ctx, kind);
  }

  async routingFacts(ctx: RequestContext, offeringId: string): Promise<OfferingRoutingFacts | undefined> {
    const row = await this.offerings.routing(ctx, offeringId);
    return row && { kind: row.kind, owningSectionId: row.owning_section_id, areaIds: row.area_ids, topicIds: row.topic_ids };
  }

  /** A releasability marking must come from the controlled list: BAD_USER_INPUT naming `field` and the known codes. */
  async assertMarking(ctx: RequestContext, code: string, field: string): Promise<void> {
    if ((await this.offerings.markingScope(ctx, code)) !== undefined) return;
    throw DomainError.badInput(`${field} ${JSON.stringify(code)} is not a releasability marking; use one of: ${(await this.offerings.markingCodes(ctx)).join(', ')}.`, field.split('.')[0]);
  }

  /** The id of an area of cooperation by code; BAD_USER_INPUT naming `argument` when there is none. */
  async areaId(ctx: RequestContext, code: string, argument = 'input'): Promise<string> {
    const id = await this.taxonomy.areaIdByCode(ctx, code);
    if (!id) throw DomainError.badInput(`areaCode ${JSON.stringify(code)} is not an area of cooperation; see cooperationAreas for the codes.`, argument);
    return id;
  }

  /** Ids of an offering, area and topic named by a routing rule; null for each that does not exist. */
  async references(ctx: RequestContext, refs: { offeringId?: string | null; areaCode?: string | null; topicCode?: string | null }) {
    return {
      offeringId: refs.offeringId ? ((await this.offerings.exists(ctx, refs.offeringId)) ? refs.offeringId : null) : null,
      areaId: refs.areaCode ? ((await this.taxonomy.areaIdByCode(ctx, refs.areaCode)) ?? null) : null,
      topicId: refs.topicCode ? ((await this.taxonomy.topicIdByCode(ctx, refs.topicCode)) ?? null) : null,
    };
  }
}
