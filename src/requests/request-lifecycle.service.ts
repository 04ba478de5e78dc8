import { Injectable } from '@nestjs/common';
import { SeatLedger, type NomineeDecision } from '../catalogue/seat-ledger.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import { isRequestPartner } from './request-access.js';
import { described, EventTextKind, type EventParams } from './event-params.js';
import { RequestJournal, type TimelineEntry } from './request-journal.js';
import { allowedTransitions, HOLDS_SEATS, PRIORITY_RANK, STATUS_EFFECTS } from './request-lifecycle.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import { RequestRepository, type RequestChanges } from './request.repository.js';
import { RequestEventType, RequestStatus } from './request.enums.js';

/** The lifecycle role the caller plays on this request (already known to be in their reach). */
export function lifecycleRole(ctx: RequestContext, request: { partnerId: string }): string | undefined {
  if (isRequestPartner(ctx, request)) return Role.PARTNER_LIAISON;
  const role = ctx.actor?.kind === 'user' ? ctx.actor.role : undefined;
  return role === Role.SECTION_STAFF || role === Role.COORDINATOR ? role : undefined;
}

/** A request not stored yet: a submission without a draft, which the lifecycle treats as a DRAFT being submitted. */
export interface UnsavedRequest {
  unsaved: true;
  partnerId: string;
  submitterId: string;
}

export interface TransitionOptions {
  /** The version the caller read: the write must still find it, or the change is a CONFLICT. Ignored for an unsaved request. */
  expectedVersion: number;
  /** Columns written together with the status (a submission's checked fields, routing and service-target due dates). */
  set?: RequestChanges;
  /** Timeline entries before the status entry (an answer's COMMENTED) and after it (a submission's ROUTED). */
  before?: TimelineEntry[];
  after?: TimelineEntry[];
  /** The audit event's details, from the request as written; by default from, to, reason and seats allocated. */
  auditDetails?: (request: CooperationRequest) => Record<string, unknown>;
  /**
   * An approval's seats and nominee decisions (approveRequest); without it an approval takes every seat asked for
   * and accepts every nominee.
   */
  seats?: { count: number; nominees: readonly NomineeDecision[] };
  /** When the reason is a system text (e.g. "Information provided"): its kind and parameters for the status entry. */
  reasonParams?: EventParams;
}

/**
 * The one door for request status changes: submission (DRAFT → SUBMITTED, saved draft or not), withdrawal,
 * information requests and answers, approval, scheduling, completion, decline and cancellation all call
 * `transition`. It checks the move against TRANSITIONS for the caller's lifecycle role, then applies what
 * STATUS_EFFECTS declares for the target status — seats through the catalogue's SeatLedger, the clocks, the
 * timeline entry, one audit event and the notices — in the caller's unit of work, so they commit or roll back
 * together.
 */
@Injectable()
export class RequestLifecycle {
  constructor(
    private readonly requests: RequestRepository,
    private readonly journal: RequestJournal,
    private readonly seats: SeatLedger,
    private readonly organisation: OrganisationLoaders,
  ) {}

  /** INVALID_TRANSITION, listing the caller's options, unless the caller's role may move the request to `to`. */
  assertAllowed(ctx: RequestContext, request: CooperationRequest | UnsavedRequest, to: RequestStatus): void {
    const from = 'unsaved' in request ? RequestStatus.DRAFT : request.status;
    const allowed = allowedTransitions(lifecycleRole(ctx, request), from);
    if (!allowed.includes(to)) {
      const options = allowed.length ? `You can move it to: ${allowed.join(', ')}.` : 'You cannot change its status.';
      const name = 'unsaved' in request ? 'A new request' : `Request ${request.reference}`;
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `${name} cannot go from ${from} to ${to}. ${options}`, { allowedTransitions: allowed });
    }
  }

  async transition(
    tx: RequestContext,
    request: CooperationRequest | UnsavedRequest,
    to: RequestStatus,
    reason: string | null,
    options: TransitionOptions,
  ): Promise<CooperationRequest> {
    if (!tx.transaction) throw new Error('RequestLifecycle.transition runs in a unit of work');
    this.assertAllowed(tx, request, to);
    const effects = STATUS_EFFECTS[to as Exclude<RequestStatus, RequestStatus.DRAFT>];
    const saved = 'unsaved' in request ? null : request;
    const iterationId = options.set?.iteration_id !== undefined ? options.set.iteration_id : (saved?.iterationId ?? null);
    const seatsRequested = options.set?.seats_requested ?? saved?.seatsRequested ?? 0;
    const held = saved?.seatsAllocated ?? 0;

    const seatEntries: TimelineEntry[] = [];
    let seatsAllocated = held;
    if (effects.seats === 'allocate' && iterationId && saved) {
      const decided = options.seats ?? {
        count: seatsRequested,
        nominees: saved.participants.map((_, index): NomineeDecision => ({ nominee: index, decision: 'ACCEPTED', reason: null })),
      };
      if (decided.count > 0 || decided.nominees.length > 0) {
        const holder = {
          iterationId,
          holderId: saved.id,
          partnerId: saved.partnerId,
          partnerCode: async () => (await this.organisation.partnerById(tx).load(saved.partnerId))?.code ?? 'The partner',
          priorityRank: PRIORITY_RANK[saved.priority],
        };
        seatsAllocated = await this.seats.allocate(tx, holder, decided.count, decided.nominees);
        if (seatsAllocated > 0) seatEntries.push({ type: RequestEventType.SEATS_ALLOCATED, ...described({ kind: EventTextKind.SEATS, seats: seatsAllocated }) });
        if (options.seats && decided.nominees.length > 0) seatEntries.push({ type: RequestEventType.NOMINEES_DECIDED, ...described(decisionSummary(decided.nominees)) });
      }
    }
    if (effects.seats === 'release' && iterationId && saved && HOLDS_SEATS.has(saved.status)) {
      // Seats, open offers and places in line all go; freed seats are offered to the next nominees waiting.
      await this.seats.release(tx, iterationId, saved.id);
      if (held > 0) seatEntries.push({ type: RequestEventType.SEATS_RELEASED, ...described({ kind: EventTextKind.SEATS, seats: held }) });
      seatsAllocated = 0;
    }

    const changes: RequestChanges = { ...options.set, seats_allocated: seatsAllocated };
    const updated = saved
      ? await this.requests.update(tx, saved.id, options.expectedVersion, { ...changes, status: to }, effects.clocks)
      : await this.requests.insert(tx, request.partnerId, (request as UnsavedRequest).submitterId, to, changes, effects.clocks);
    if (!updated) {
      const current = await this.requests.state(tx, saved!.id);
      throw DomainError.conflict(`Request ${saved!.reference} was changed by someone else (now version ${current?.version}). Reload it and try again.`, {
        currentVersion: current?.version,
      });
    }

    const from = saved ? saved.status : null;
    await this.journal.timeline(tx, updated.id, [
      ...(options.before ?? []),
      { type: effects.entry, fromStatus: from, toStatus: to, reason: effects.entry === RequestEventType.STATUS_CHANGED ? reason : null, params: effects.entry === RequestEventType.STATUS_CHANGED ? (options.reasonParams ?? null) : null },
      ...seatEntries,
      ...(options.after ?? []),
    ]);
    await this.journal.recordAudit(tx, effects.audit, updated.id, options.auditDetails?.(updated) ?? { from, to, reason, seatsAllocated });
    if (effects.notify === 'arrival') await this.journal.arrivedInSection(tx, updated, updated.routedSectionId!, false);
    else await this.journal.statusChanged(tx, updated, to, reason);
    await this.journal.statusEvent(tx, updated, from, reason);
    return updated;
  }
}

/** "2 accepted, 1 waitlisted, 1 declined" for the timeline (the partner reads each nominee's reason on the request). */
export function decisionSummary(nominees: readonly NomineeDecision[]): EventParams {
  const count = (d: NomineeDecision['decision']) => nominees.filter((n) => n.decision === d).length;
  return { kind: EventTextKind.DECISIONS, accepted: count('ACCEPTED'), waitlisted: count('WAITLISTED'), declined: count('DECLINED') };
}
