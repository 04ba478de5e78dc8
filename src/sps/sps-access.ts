import { Injectable } from '@nestjs/common';
import { OfferingKind } from '../catalogue/catalogue.enums.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { RequestQueryService } from '../requests/request-query.service.js';

/**
 * Who may do what in SPS peer review (issue #15 item 2). SPS staff: section staff of a section that owns SPS_GRANT
 * offerings (the SPS Programme as seeded; ownership is catalogue data, so a reorganisation needs no release). They
 * reach an application when it is an SPS_GRANT request routed to one of their sections, read through the requests
 * context's own access rule. Reviewers reach only their own reviews. Partners reach nothing here.
 */
@Injectable()
export class SpsAccess {
  constructor(
    private readonly catalogue: OfferingEligibility,
    private readonly requests: RequestQueryService,
  ) {}

  /** The caller's SPS sections; FORBIDDEN for anyone else. */
  async staffSections(ctx: RequestContext): Promise<string[]> {
    const actor = ctx.actor;
    if (actor?.kind === 'user' && actor.role === Role.SECTION_STAFF && actor.sectionIds.length) {
      const owning = await ctx.loaders
        .get('sps.owningSections', async (kinds: readonly string[]) => Promise.all(kinds.map((k) => this.catalogue.owningSectionIdsOfKind(ctx, k))))
        .load(OfferingKind.SPS_GRANT);
      const mine = actor.sectionIds.filter((id) => owning.includes(id));
      if (mine.length) return mine;
    }
    throw DomainError.forbidden('Only staff of the section that runs the SPS programme (the owner of SPS grant offerings) can manage peer review and committee batches.');
  }

  /** The application, if the caller is SPS staff and reaches it; NOT_FOUND otherwise, BAD_USER_INPUT when it is not an SPS application. */
  async application(ctx: RequestContext, requestId: string): Promise<CooperationRequest> {
    const sections = await this.staffSections(ctx);
    const request = await this.requests.find(ctx, requestId);
    if (!request || !request.routedSectionId || !sections.includes(request.routedSectionId)) throw DomainError.notFound('SPS application');
    if (request.offeringKind !== OfferingKind.SPS_GRANT) {
      throw DomainError.badInput(`${request.reference} is not an SPS grant application (its offering kind is ${request.offeringKind ?? 'none: an open request'}).`, 'requestId');
    }
    return request;
  }

  /** Whether SPS staff see this (already loaded) request as an application: routed to one of their sections. */
  inReach(sections: readonly string[], request: CooperationRequest): boolean {
    return request.offeringKind === OfferingKind.SPS_GRANT && request.routedSectionId !== null && sections.includes(request.routedSectionId);
  }
}
