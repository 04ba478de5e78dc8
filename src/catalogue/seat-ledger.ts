import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AppConfig } from '../config/app-config.js';
import { WebhookEvents } from '../integrations/webhook-events.js';
import { JobQueue, SEAT_OFFER_QUEUE } from '../notifications/job-queue.service.js';
import { SeatRepository, type LockedIterationRow, type NewClaimRow, type SeatClaimRow } from './seat.repository.js';

/** Who asks for seats: a request (the holder), for its partner, with the partner's priority (higher waits less). */
export interface SeatHolder {
  iterationId: string;
  holderId: string;
  partnerId: string;
  /** For the quota's message only: the partner's code. */
  partnerCode: () => Promise<string>;
  priorityRank: number;
}

export type NomineeDecisionKind = 'ACCEPTED' | 'WAITLISTED' | 'DECLINED';

export interface NomineeDecision {
  nominee: number;
  decision: NomineeDecisionKind;
  reason: string | null;
}

/** What happened to a nominee's claim besides the caller's own change; the requests context journals them. */
export interface SeatEvent {
  kind: 'OFFERED' | 'LAPSED';
  holderId: string;
  nominee: number;
  iterationId: string;
  expiresAt: Date | null;
}

/** Called in the unit of work that caused the events (RequestsModule journals and notifies them). */
export type SeatEventListener = (tx: RequestContext, events: readonly SeatEvent[]) => Promise<void>;

export interface SeatOfferJob {
  claimId: string;
}

/**
 * Seats on an iteration, for other contexts (requests' approvals, withdrawals and cancellations). Runs in the
 * caller's unit of work: the iteration row is locked (SELECT … FOR UPDATE) until it commits, so concurrent
 * approvals, releases, confirmations and lapsed offers queue up and each sees what the others did; the
 * iteration's CHECK (seats_allocated <= capacity) is the last line of defence.
 *
 * The ledger keeps its own rows: `seat_holding` (seats per request and partner: the per-partner quota is summed
 * from them) and `seat_claim` (each nominee's decision; the waiting list in order of the partner's priority,
 * then the time it joined; offers of freed seats with their deadline). Every change re-derives the iteration's
 * status (OPEN / FULL / CLOSED) in the statement that moves its seats. A freed seat goes to the next waiting
 * nominee at once, under the same lock, with a pg-boss job due when the offer lapses: so each freed seat is
 * offered exactly once, however many transactions or app instances release seats at the same time.
 *
 * When a change of seats moves the iteration's status (OPEN ⇄ FULL, → CLOSED), ITERATION_CHANGED goes out in the
 * same unit of work, once: the status read under the lock before is compared with the one after, so a seat
 * freed and offered on at once (still FULL) sends nothing. Administrators' edits (`rebalance`) send their own.
 */
@Injectable()
export class SeatLedger {
  private readonly listeners: SeatEventListener[] = [];

  constructor(
    private readonly seats: SeatRepository,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** Another context hears of offers made and lapsed (in the unit of work that made them). */
  subscribe(listener: SeatEventListener): void {
    this.listeners.push(listener);
  }

  /**
   * Takes `seats` on the iteration for the holder and records the nominees' decisions (ACCEPTED ones take seats
   * among those; WAITLISTED ones join the line). CAPACITY_EXCEEDED when too few seats are left or the partner's
   * quota would be passed: the message says how many can still be given.
   */
  async allocate(tx: RequestContext, holder: SeatHolder, seats: number, decisions: readonly NomineeDecision[] = []): Promise<number> {
    const it = await this.lock(tx, holder.iterationId);
    if (seats > 0) {
      const available = it.capacity === null ? null : Math.max(it.capacity - it.seats_allocated, 0);
      if (available !== null && seats > available) {
        throw new DomainError(
          ErrorCode.CAPACITY_EXCEEDED,
          available === 0
            ? `All ${it.capacity} seats of this iteration are taken or offered. Approve the request with 0 seats and put its nominees on the waiting list (approveRequest with decision WAITLISTED), or decline it.`
            : `Only ${available} of ${it.capacity} seats are left on this iteration and the request asks for ${seats}. Approve it with at most ${available} seats and put the other nominees on the waiting list (approveRequest with decision WAITLISTED), or decline it.`,
          { seatsAvailable: available, seatsRequested: seats },
        );
      }
      if (it.partner_quota !== null) {
        const used = await this.seats.partnerUsed(tx, holder.iterationId, holder.partnerId);
        if (used + seats > it.partner_quota) {
          const left = Math.max(it.partner_quota - used, 0);
          throw new DomainError(
            ErrorCode.CAPACITY_EXCEEDED,
            `${await holder.partnerCode()} may hold at most ${it.partner_quota} seats on this iteration (its quota) and already holds or has been offered ${used}. ` +
              `Approve the request with at most ${left} seats and put the other nominees on the waiting list, or decline it.`,
            { partnerQuota: it.partner_quota, partnerSeats: used, seatsRequested: seats },
          );
        }
      }
    }
    let after = await this.seats.holdAndCount(tx, holder.iterationId, holder, seats, decisions.map(toClaim));
    // Nominees put on the line while seats are still free (e.g. held back by the quota) get them as soon as they can.
    if (decisions.some((d) => d.decision === 'WAITLISTED')) after = await this.offerFreed(tx, after);
    await this.announce(tx, it, after);
    return seats;
  }

  /** Gives back every seat, offer and place in line of the holder (withdrawn or cancelled); freed seats go to the waiting list. */
  async release(tx: RequestContext, iterationId: string, holderId: string): Promise<number> {
    const it = await this.lock(tx, iterationId);
    const held = await this.seats.dropHolding(tx, iterationId, holderId);
    const offers = await this.seats.releaseClaims(tx, holderId);
    const freed = held + offers;
    const after = freed > 0 ? await this.seats.changeSeats(tx, iterationId, -freed) : it;
    await this.announce(tx, it, await this.offerFreed(tx, after));
    return held;
  }

  /** The partner confirms a seat offered to its nominee: the seat becomes the request's. CONFLICT when there is no open offer. */
  async confirmOffer(tx: RequestContext, iterationId: string, holder: { holderId: string; partnerId: string }, nominee: number): Promise<void> {
    await this.lock(tx, iterationId);
    const claim = await this.seats.confirm(tx, holder.holderId, nominee);
    if (!claim) {
      throw DomainError.conflict(`There is no open seat offer for nominee ${nominee + 1} of this request: it was confirmed, declined or has lapsed. See the request's nominations.`);
    }
    // The offer already counted in seats_allocated: the status does not move, nothing to announce.
    await this.seats.hold(tx, iterationId, holder.holderId, holder.partnerId, 1);
  }

  /** The partner turns an offer down: the seat goes to the next nominee in line. */
  async declineOffer(tx: RequestContext, iterationId: string, holderId: string, nominee: number, reason: string | null): Promise<void> {
    const it = await this.lock(tx, iterationId);
    const claim = await this.seats.endOffer(tx, { holderId, nominee }, 'DECLINED', reason);
    if (!claim) throw DomainError.conflict(`There is no open seat offer for nominee ${nominee + 1} of this request: it was confirmed, declined or has lapsed.`);
    await this.announce(tx, it, await this.offerFreed(tx, await this.seats.changeSeats(tx, iterationId, -1)));
  }

  /**
   * The timer job: an offer not confirmed by its deadline lapses and its seat goes to the next in line. Does
   * nothing when the offer was confirmed, declined or released meanwhile, or is not due yet, so a job delivered
   * twice (or to two instances) changes nothing the second time. Returns whether the offer lapsed.
   */
  async lapse(tx: RequestContext, claimId: string): Promise<boolean> {
    const iterationId = await this.seats.iterationOfClaim(tx, claimId);
    if (!iterationId) return false;
    const it = await this.lock(tx, iterationId);
    const claim = await this.seats.endOffer(tx, { claimId }, 'LAPSED', `Not confirmed within ${this.config.SEAT_OFFER_CONFIRM_DAYS} days`);
    if (!claim) return false;
    await this.emit(tx, [{ kind: 'LAPSED', holderId: claim.holder_id, nominee: claim.nominee, iterationId, expiresAt: null }]);
    await this.announce(tx, it, await this.offerFreed(tx, await this.seats.changeSeats(tx, iterationId, -1)));
    return true;
  }

  /**
   * After an administrator's change of capacity, quota or status: the status follows the seats, and new room goes to
   * the line. Announces nothing: the administrator's edit sends ITERATION_CHANGED with the final status itself.
   */
  async rebalance(tx: RequestContext, iterationId: string): Promise<void> {
    await this.lock(tx, iterationId);
    await this.offerFreed(tx, await this.seats.changeSeats(tx, iterationId, 0));
  }

  /** The iteration's capacity, allocation, quota and status (no lock). */
  iteration(ctx: RequestContext, iterationId: string): Promise<LockedIterationRow | undefined> {
    return this.seats.iteration(ctx, iterationId);
  }

  /** The claims of these requests (nominee decisions, places in line, offers), for a DataLoader. */
  claimsOf(ctx: RequestContext, holderIds: readonly string[]): Promise<SeatClaimRow[]> {
    return this.seats.claimsOf(ctx, holderIds);
  }

  /** The iteration's seat board: seats per partner and the line (offers, then the waiting list in order). */
  async board(ctx: RequestContext, iterationId: string): Promise<{ perPartner: Awaited<ReturnType<SeatRepository['perPartner']>>; line: SeatClaimRow[] }> {
    const [perPartner, line] = await Promise.all([this.seats.perPartner(ctx, iterationId), this.seats.line(ctx, iterationId)]);
    return { perPartner, line };
  }

  /** The iteration's dates and every iteration overlapping them (for clash checks on nominees). */
  overlapping(ctx: RequestContext, iterationId: string): Promise<{ startDate: string; endDate: string; ids: string[] } | undefined> {
    return this.seats.overlapping(ctx, iterationId);
  }

  /** Days until the iteration starts, by the database's clock (for the nominee change window). */
  daysUntilStart(ctx: RequestContext, iterationId: string): Promise<{ days: number; startDate: string } | undefined> {
    return this.seats.daysUntilStart(ctx, iterationId);
  }

  /** OPEN iterations past their application deadline become CLOSED (the sweep), each announced; returns how many. */
  async closePastDeadline(tx: RequestContext): Promise<number> {
    if (!tx.transaction) throw new Error('SeatLedger runs in a unit of work');
    const closed = await this.seats.closePastDeadline(tx);
    for (const id of closed) await this.announceIteration(tx, id);
    return closed.length;
  }

  private async lock(tx: RequestContext, iterationId: string): Promise<LockedIterationRow> {
    if (!tx.transaction) throw new Error('SeatLedger runs in a unit of work');
    const it = await this.seats.lockIteration(tx, iterationId);
    if (!it) throw DomainError.notFound('Iteration');
    return it;
  }

  /** ITERATION_CHANGED when the change moved the status (both rows read under the iteration's lock); nothing otherwise. */
  private async announce(tx: RequestContext, before: LockedIterationRow, after: LockedIterationRow): Promise<void> {
    if (before.status !== after.status) await this.announceIteration(tx, after.id);
  }

  private async announceIteration(tx: RequestContext, iterationId: string): Promise<void> {
    const facts = await this.seats.eventFacts(tx, iterationId);
    if (facts) await this.webhooks.iterationChanged(tx, facts.offering, facts.iteration, false);
  }

  /** While seats are free and someone waits (within the quota), offer the next seat; one offer per seat, under the lock. Returns the row after. */
  private async offerFreed(tx: RequestContext, start: LockedIterationRow): Promise<LockedIterationRow> {
    let it = start;
    const events: SeatEvent[] = [];
    const seconds = this.config.SEAT_OFFER_CONFIRM_DAYS * 86_400;
    while (it.capacity === null || it.seats_allocated < it.capacity) {
      const next = await this.seats.nextWaiting(tx, it.id, it.partner_quota);
      if (!next) break;
      const offered = await this.seats.offer(tx, next.id, seconds);
      if (!offered) break;
      it = await this.seats.changeSeats(tx, it.id, 1);
      await this.jobs.sendAt(tx, SEAT_OFFER_QUEUE, { claimId: offered.id } satisfies SeatOfferJob, offered.offer_expires_at!);
      events.push({ kind: 'OFFERED', holderId: offered.holder_id, nominee: offered.nominee, iterationId: it.id, expiresAt: offered.offer_expires_at });
    }
    await this.emit(tx, events);
    return it;
  }

  private async emit(tx: RequestContext, events: readonly SeatEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const listener of this.listeners) await listener(tx, events);
  }
}

function toClaim(d: NomineeDecision): NewClaimRow {
  return { nominee: d.nominee, state: d.decision, reason: d.reason };
}
