import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { SeatLedger, type NomineeDecision, type SeatEvent } from '../catalogue/seat-ledger.js';
import type { SeatClaimRow } from '../catalogue/seat.repository.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { groupByKeys } from '../common/dataloader/dataloader-registry.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import type { ApproveRequestInput, SeatOfferInput } from './dto/seat.inputs.js';
import { NominationState, type Nomination, type SeatBoard } from './dto/seat.types.js';
import { isRequestPartner } from './request-access.js';
import { described, EventTextKind, nomineeText } from './event-params.js';
import { RequestJournal } from './request-journal.js';
import { HOLDS_SEATS } from './request-lifecycle.js';
import { RequestLifecycle } from './request-lifecycle.service.js';
import { seatLapsedNotice, seatOfferedNotice } from './request-notices.js';
import { RequestRepository } from './request.repository.js';
import { OPEN_STATUSES, RequestEventType, RequestStatus } from './request.enums.js';
import type { IterationStatus } from '../catalogue/catalogue.enums.js';

/** A nominee also on another open request for an overlapping iteration. */
export interface NomineeClash {
  index: number;
  email: string;
  requestId: string;
  reference: string;
  partnerId: string;
  iterationId: string;
}

/**
 * Seats and nominees of requests (issue #14): approval with a chosen number of seats and a decision per nominee,
 * the partner's confirmation or refusal of a freed seat, nominations with their places in line, the seat board,
 * and clash checks. Seats themselves are the catalogue's SeatLedger; status changes go through the lifecycle door.
 * Offers the ledger makes or lets lapse (after someone else's release, or on the timer) are journalled here, on
 * the request they concern, in the unit of work that made them.
 */
@Injectable()
export class RequestSeatsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: RequestRepository,
    private readonly lifecycle: RequestLifecycle,
    private readonly journal: RequestJournal,
    private readonly ledger: SeatLedger,
    private readonly outbox: NotificationOutbox,
    private readonly organisation: OrganisationLoaders,
  ) {}

  onModuleInit(): void {
    this.ledger.subscribe((tx, events) => this.seatEvents(tx, events));
  }

  approve(ctx: RequestContext, input: ApproveRequestInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.requests.findReachable(tx, input.id, true);
      if (!request) throw DomainError.notFound('Request');
      if (request.version !== input.expectedVersion) {
        throw DomainError.conflict(`Request ${request.reference} was changed by someone else (now version ${request.version}, you sent ${input.expectedVersion}). Reload it and try again.`, {
          currentVersion: request.version,
        });
      }
      this.lifecycle.assertAllowed(tx, request, RequestStatus.APPROVED);
      const nominees = this.checkDecisions(request, input);
      const override = input.clashOverrideReason?.trim() || null;
      const blocking = await this.assertNoClash(tx, request, nominees, override);
      return this.lifecycle.transition(tx, request, RequestStatus.APPROVED, input.reason ?? null, {
        expectedVersion: input.expectedVersion,
        seats: { count: input.seats, nominees },
        after: blocking.length > 0 ? [{ type: RequestEventType.NOMINEES_DECIDED, ...described({ kind: EventTextKind.CLASH_OVERRIDDEN, note: override! }) }] : [],
        auditDetails: (r) => ({
          from: request.status,
          to: RequestStatus.APPROVED,
          reason: input.reason ?? null,
          seatsAllocated: r.seatsAllocated,
          nominees: nominees.map((n) => ({ index: n.nominee, decision: n.decision, reason: n.reason })),
          ...(blocking.length > 0 ? { clashOverride: override, clashes: blocking.map((c) => ({ index: c.index, requestId: c.requestId })) } : {}),
        }),
      });
    });
  }

  /** The partner confirms a seat offered to its waitlisted nominee: the seat becomes the request's. */
  confirmOffer(ctx: RequestContext, input: SeatOfferInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.offerRequest(tx, input);
      await this.ledger.confirmOffer(tx, request.iterationId!, { holderId: request.id, partnerId: request.partnerId }, input.index);
      const updated = (await this.requests.addSeats(tx, request.id, 1))!;
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.SEAT_CONFIRMED, ...nomineeText(input.index, null) }]);
      await this.journal.recordAudit(tx, 'request.seat.confirm', request.id, { index: input.index });
      if (request.routedSectionId) {
        await this.outbox.notifySection(tx, request.routedSectionId, {
          kind: 'SEAT_CONFIRMED',
          requestId: request.id,
          reference: request.reference,
          title: { en: `Seat confirmed: ${request.title}`, fr: `Place confirmée : ${request.title}` },
          body: {
            en: `The partner confirmed the seat offered to nominee ${input.index + 1} of cooperation request ${request.reference}.`,
            fr: `Le partenaire a confirmé la place proposée au candidat ${input.index + 1} de la demande de coopération ${request.reference}.`,
          },
        });
      }
      return updated;
    });
  }

  /** The partner turns an offer down; the seat goes to the next nominee in line. */
  declineOffer(ctx: RequestContext, input: SeatOfferInput): Promise<CooperationRequest> {
    return this.uow.run(ctx, async (tx) => {
      const request = await this.offerRequest(tx, input);
      await this.ledger.declineOffer(tx, request.iterationId!, request.id, input.index, input.reason?.trim() || 'Declined by the partner');
      await this.requests.touch(tx, request.id);
      await this.journal.timeline(tx, request.id, [{ type: RequestEventType.SEAT_OFFER_DECLINED, ...nomineeText(input.index, input.reason) }]);
      await this.journal.recordAudit(tx, 'request.seat.decline', request.id, { index: input.index, reason: input.reason ?? null });
      return (await this.requests.findReachable(tx, request.id))!;
    });
  }

  /** Nominations of requests, by request (a DataLoader: one statement per page). */
  nominationsByRequest(ctx: RequestContext): DataLoader<string, Nomination[]> {
    return ctx.loaders.get('requests.nominationsByRequest', async (ids: readonly string[]) =>
      groupByKeys(ids, (await this.ledger.claimsOf(ctx, ids)).map(toNomination), (n) => n.requestId),
    ) as DataLoader<string, Nomination[]>;
  }

  /** The seat board of an iteration, for NATO staff: seats per partner, quota, open offers and the waiting list (references only of requests in reach). */
  async board(ctx: RequestContext, iterationId: string): Promise<SeatBoard> {
    const it = await this.ledger.iteration(ctx, iterationId);
    if (!it) throw DomainError.notFound('Iteration');
    const { perPartner, line } = await this.ledger.board(ctx, iterationId);
    const references = await this.requests.referencesInReach(ctx, [...new Set(line.map((c) => c.holder_id))]);
    const partners = this.organisation.partnerById(ctx);
    return {
      iterationId,
      status: it.status as IterationStatus,
      capacity: it.capacity,
      seatsAllocated: it.seats_allocated,
      partnerQuota: it.partner_quota,
      perPartner: await Promise.all(perPartner.map(async (p) => ({ partner: (await partners.load(p.partner_id))!, seats: p.seats, offered: p.offered, waiting: p.waiting }))),
      line: await Promise.all(
        line.map(async (c) => ({
          position: c.position,
          state: c.state as NominationState,
          partner: (await partners.load(c.partner_id))!,
          requestId: references.has(c.holder_id) ? c.holder_id : null,
          requestReference: references.get(c.holder_id) ?? null,
          index: c.nominee,
          queuedAt: c.queued_at,
          offerExpiresAt: c.offer_expires_at,
        })),
      ),
    };
  }

  /**
   * The clash rule at approval: a nominee not declined who is also on another open request for an overlapping
   * iteration blocks it (CONFLICT) unless staff give `override`. Returns the clashes overridden.
   */
  async assertNoClash(tx: RequestContext, request: CooperationRequest, nominees: readonly NomineeDecision[] | null, override: string | null): Promise<NomineeClash[]> {
    if (!request.iterationId) return [];
    const clashes = await this.clashes(tx, request.iterationId, request.participants, request.id);
    const blocking = clashes.filter((c) => nominees?.find((n) => n.nominee === c.index)?.decision !== 'DECLINED');
    if (blocking.length > 0 && !override) {
      throw DomainError.conflict(
        `${blocking.map((c) => `Nominee ${c.index + 1} (${c.email}) is also on ${this.otherRequest(request, c)} for an overlapping iteration`).join('; ')}. ` +
          'Decline that nominee, or approve with clashOverrideReason saying why both may stand (approveRequest).',
        { clashes: blocking.map((c) => ({ index: c.index, reference: c.partnerId === request.partnerId ? c.reference : null })) },
      );
    }
    return blocking;
  }

  /** Nominees of this request also on other open requests for overlapping iterations (emails compared case-insensitively). */
  async clashes(tx: RequestContext, iterationId: string, participants: ReadonlyArray<{ email?: string | null }>, requestId: string | null): Promise<NomineeClash[]> {
    const emails = participants.map((p) => p.email?.trim().toLowerCase()).filter((e): e is string => !!e);
    if (emails.length === 0) return [];
    const overlap = await this.ledger.overlapping(tx, iterationId);
    if (!overlap) return [];
    const found = await this.requests.nomineesOnIterations(tx, emails, overlap.ids, requestId, OPEN_STATUSES);
    return found.flatMap((f) =>
      participants.flatMap((p, index) => (p.email?.trim().toLowerCase() === f.email ? [{ index, email: f.email, requestId: f.requestId, reference: f.reference, partnerId: f.partnerId, iterationId: f.iterationId }] : [])),
    );
  }

  /** How a clash names the other request: its reference when it is the same partner's, not otherwise. */
  otherRequest(request: { partnerId: string }, clash: NomineeClash): string {
    return clash.partnerId === request.partnerId ? clash.reference : "another partner's request";
  }

  /** A decision for every nominee, each once; seats between the nominees accepted and the seats asked for. BAD_USER_INPUT otherwise. */
  private checkDecisions(request: CooperationRequest, input: ApproveRequestInput): NomineeDecision[] {
    const count = request.participants.length;
    if (input.seats > request.seatsRequested) {
      throw DomainError.badInput(`seats: the request asks for ${request.seatsRequested} seats; approve at most that many.`, 'seats');
    }
    if (input.seats > 0 && !request.iterationId) throw DomainError.badInput('seats: this request names no iteration, so there are no seats to give; approve with seats 0.', 'seats');
    const seen = new Set<number>();
    for (const n of input.nominees) {
      if (n.index >= count) throw DomainError.badInput(`nominees: index ${n.index} is not a nominee of this request (it has ${count}, indexed from 0).`, 'nominees');
      if (seen.has(n.index)) throw DomainError.badInput(`nominees: nominee ${n.index} is decided twice; give one decision per nominee.`, 'nominees');
      seen.add(n.index);
      if (n.decision === 'DECLINED' && !n.reason?.trim()) throw DomainError.badInput(`nominees: give a reason for declining nominee ${n.index}; the partner reads it.`, 'nominees');
      if (n.decision === 'WAITLISTED' && !request.iterationId) throw DomainError.badInput('nominees: this request names no iteration, so there is no waiting list to join.', 'nominees');
    }
    if (seen.size !== count) {
      const missing = [...Array(count).keys()].filter((i) => !seen.has(i));
      throw DomainError.badInput(`nominees: decide every nominee; missing ${missing.join(', ')} (indexed from 0).`, 'nominees');
    }
    const accepted = input.nominees.filter((n) => n.decision === 'ACCEPTED').length;
    if (accepted > input.seats) throw DomainError.badInput(`seats: ${accepted} nominees are accepted but only ${input.seats} seats granted; grant at least ${accepted} or waitlist some.`, 'seats');
    return input.nominees.map((n) => ({ nominee: n.index, decision: n.decision, reason: n.reason?.trim() || null }));
  }

  /** The request of an offer: in reach, the caller's partner's, holding seats on an iteration. */
  private async offerRequest(tx: RequestContext, input: SeatOfferInput): Promise<CooperationRequest> {
    const request = await this.requests.findReachable(tx, input.requestId, true);
    if (!request) throw DomainError.notFound('Request');
    if (!isRequestPartner(tx, request)) throw DomainError.forbidden("Only the partner's liaison officers answer a seat offer to its nominees.");
    if (!request.iterationId || !HOLDS_SEATS.has(request.status)) {
      throw new DomainError(ErrorCode.CONFLICT, `Request ${request.reference} is ${request.status}: it has no seat offers to answer.`);
    }
    return request;
  }

  /** Offers made and lapsed by the ledger: a timeline entry, an audit event and the submitter's notice on each request concerned. */
  private async seatEvents(tx: RequestContext, events: readonly SeatEvent[]): Promise<void> {
    const facts = new Map((await this.requests.journalFacts(tx, [...new Set(events.map((e) => e.holderId))])).map((r) => [r.id, r]));
    for (const event of events) {
      const request = facts.get(event.holderId);
      if (!request) continue;
      if (event.kind === 'OFFERED') {
        await this.journal.timeline(tx, request.id, [{ type: RequestEventType.SEAT_OFFERED, ...described({ kind: EventTextKind.SEAT_OFFER, index: event.nominee, expiresAt: event.expiresAt!.toISOString() }) }]);
        await this.journal.recordAudit(tx, 'request.seat.offer', request.id, { index: event.nominee, expiresAt: event.expiresAt });
        const notice = seatOfferedNotice(request, event.nominee, event.expiresAt!);
        await this.outbox.mailUser(tx, request.submitterId, notice);
        await this.outbox.notifyUsers(tx, [request.submitterId], notice);
      } else {
        await this.journal.timeline(tx, request.id, [{ type: RequestEventType.SEAT_OFFER_LAPSED, ...nomineeText(event.nominee, null) }]);
        await this.journal.recordAudit(tx, 'request.seat.lapse', request.id, { index: event.nominee });
        await this.outbox.notifyUsers(tx, [request.submitterId], seatLapsedNotice(request, event.nominee));
      }
    }
  }
}

function toNomination(c: SeatClaimRow): Nomination & { requestId: string } {
  return {
    requestId: c.holder_id,
    index: c.nominee,
    state: c.state as NominationState,
    reason: c.reason,
    waitlistPosition: c.state === 'WAITLISTED' ? c.position : null,
    offerExpiresAt: c.offer_expires_at,
    decidedAt: c.decided_at,
  };
}
