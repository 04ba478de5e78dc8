import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { OfferingRepository } from './offering.repository.js';

/**
 * Seats on an iteration, for other contexts (requests' approvals, withdrawals and cancellations). Runs in the
 * caller's unit of work: the iteration row is locked (SELECT … FOR UPDATE) until it commits, so concurrent
 * approvals queue up and each sees the seats the others took; the iteration's CHECK (seats_allocated <=
 * capacity) is the last line of defence. Quotas and waiting lists belong here too.
 */
@Injectable()
export class SeatLedger {
  constructor(private readonly offerings: OfferingRepository) {}

  /** Takes `seats` on the iteration; returns how many are now allocated to the caller. CAPACITY_EXCEEDED when too few are left. */
  async allocate(tx: RequestContext, iterationId: string, seats: number): Promise<number> {
    const it = await this.offerings.lockSeats(tx, iterationId);
    if (!it) throw DomainError.notFound('Iteration');
    if (seats === 0) return 0;
    const available = it.capacity === null ? null : Math.max(it.capacity - it.seats_allocated, 0);
    if (available !== null && seats > available) {
      throw new DomainError(
        ErrorCode.CAPACITY_EXCEEDED,
        `Only ${available} of ${it.capacity} seats are left on this iteration and the request asks for ${seats}. Reduce the seats with the partner, or decline or waitlist the request.`,
        { seatsAvailable: available, seatsRequested: seats },
      );
    }
    await this.offerings.changeSeats(tx, iterationId, seats);
    return seats;
  }

  /** Gives seats back to the pool. */
  async release(tx: RequestContext, iterationId: string, seats: number): Promise<void> {
    if (seats <= 0) return;
    await this.offerings.changeSeats(tx, iterationId, -seats);
  }
}
