import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/**
 * Seats on an iteration. The iteration row is locked (SELECT … FOR UPDATE) for the rest of the
 * approving transaction, so concurrent approvals queue up and each sees the seats the others took;
 * the iteration's CHECK (seats_allocated <= capacity) is the last line of defence.
 */
@Injectable()
export class SeatAllocationService {
  /** Takes `seats` on the iteration for the request; returns how many are now allocated to it. */
  async allocate(m: EntityManager, iterationId: string, seats: number): Promise<number> {
    const [it] = (await m.query('SELECT capacity, seats_allocated FROM offering_iteration WHERE id = $1 FOR UPDATE', [iterationId])) as Array<{
      capacity: number | null;
      seats_allocated: number;
    }>;
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
    await m.query('UPDATE offering_iteration SET seats_allocated = seats_allocated + $2, updated_at = now() WHERE id = $1', [iterationId, seats]);
    return seats;
  }

  /** Gives a request's seats back to the pool. */
  async release(m: EntityManager, iterationId: string, seats: number): Promise<void> {
    if (seats <= 0) return;
    await m.query('UPDATE offering_iteration SET seats_allocated = greatest(seats_allocated - $2, 0), updated_at = now() WHERE id = $1', [iterationId, seats]);
  }
}
