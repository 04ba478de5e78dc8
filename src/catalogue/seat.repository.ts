import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { IterationEventFacts, OfferingEventFacts } from '../integrations/webhook-events.js';

/** The iteration's seat facts, read under its row lock. */
export interface LockedIterationRow {
  id: string;
  capacity: number | null;
  seats_allocated: number;
  partner_quota: number | null;
  status: string;
}

export interface SeatClaimRow {
  id: string;
  iteration_id: string;
  holder_id: string;
  partner_id: string;
  nominee: number;
  state: string;
  reason: string | null;
  priority_rank: number;
  queued_at: Date | null;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  decided_at: Date;
  /** For WAITLISTED claims: 1 for the next in line on the iteration. */
  position: number | null;
}

export interface NewClaimRow {
  nominee: number;
  state: 'ACCEPTED' | 'WAITLISTED' | 'DECLINED';
  reason: string | null;
}

interface IterationEventFactsRow {
  offering_id: string;
  code: string;
  offering_status: string;
  owning_section_id: string;
  title_en: string | null;
  title_fr: string | null;
  id: string;
  start_date: string;
  end_date: string;
  location: string | null;
  status: string;
  capacity: number | null;
  application_deadline: string | null;
}

export interface PartnerSeatsRow {
  partner_id: string;
  seats: number;
  offered: number;
  waiting: number;
}

/**
 * The status an OPEN, FULL or CLOSED iteration takes once its allocation is `seats_allocated + :delta`: FULL when
 * every seat is taken or offered, CLOSED past the application deadline, OPEN otherwise. PLANNED, CANCELLED and
 * COMPLETED are the administrators' and stay. Written in the same statement as the seats, under the row lock.
 */
const DERIVED_STATUS = `CASE
  WHEN status NOT IN ('OPEN', 'FULL', 'CLOSED') THEN status
  WHEN capacity IS NOT NULL AND seats_allocated + :delta >= capacity THEN 'FULL'
  WHEN application_deadline IS NOT NULL AND application_deadline < CURRENT_DATE THEN 'CLOSED'
  ELSE 'OPEN' END`;

const CLAIM_COLUMNS = `c.id, c.iteration_id, c.holder_id, c.partner_id, c.nominee, c.state, c.reason, c.priority_rank, c.queued_at, c.offered_at,
  c.offer_expires_at, c.decided_at`;

/** What a partner holds on the iteration: seats of approved requests plus open offers (the quota counts both). */
const PARTNER_USED = `(SELECT coalesce(sum(h.seats), 0) FROM seat_holding h WHERE h.iteration_id = c.iteration_id AND h.partner_id = c.partner_id)
  + (SELECT count(*) FROM seat_claim o WHERE o.iteration_id = c.iteration_id AND o.partner_id = c.partner_id AND o.state = 'OFFERED')`;

/** Statements on the seat ledger's rows: seat_holding, seat_claim, and the seat columns of offering_iteration. */
@Injectable()
export class SeatRepository {
  constructor(private readonly sql: Sql) {}

  lockIteration(ctx: RequestContext, iterationId: string): Promise<LockedIterationRow | undefined> {
    return this.sql.one<LockedIterationRow>(
      ctx,
      'SELECT id, capacity, seats_allocated, partner_quota, status FROM offering_iteration WHERE id = :iterationId FOR UPDATE',
      { iterationId },
    );
  }

  /** The iteration's seat facts, without a lock (the seat board). */
  iteration(ctx: RequestContext, iterationId: string): Promise<LockedIterationRow | undefined> {
    return this.sql.one<LockedIterationRow>(ctx, 'SELECT id, capacity, seats_allocated, partner_quota, status FROM offering_iteration WHERE id = :iterationId', { iterationId });
  }

  /** Moves the allocation by `delta` and derives the status in one statement; returns the new row. */
  async changeSeats(ctx: RequestContext, iterationId: string, delta: number): Promise<LockedIterationRow> {
    const row = await this.sql.one<LockedIterationRow>(
      ctx,
      `UPDATE offering_iteration SET seats_allocated = greatest(seats_allocated + :delta, 0), status = ${DERIVED_STATUS}, updated_at = now()
        WHERE id = :iterationId RETURNING id, capacity, seats_allocated, partner_quota, status`,
      { iterationId, delta },
    );
    return row!;
  }

  /** Seats the partner holds or has been offered on the iteration. */
  async partnerUsed(ctx: RequestContext, iterationId: string, partnerId: string): Promise<number> {
    const row = await this.sql.one<{ used: number }>(
      ctx,
      `SELECT ((SELECT coalesce(sum(seats), 0) FROM seat_holding WHERE iteration_id = :iterationId AND partner_id = :partnerId)
        + (SELECT count(*) FROM seat_claim WHERE iteration_id = :iterationId AND partner_id = :partnerId AND state = 'OFFERED'))::int AS used`,
      { iterationId, partnerId },
    );
    return row!.used;
  }

  /**
   * An approval in one statement: the holder's seats (its holding, created or added to), its nominees' claims
   * (replacing earlier ones of the same nominees; WAITLISTED ones join the line now) and the iteration's
   * allocation with its derived status.
   */
  async holdAndCount(
    ctx: RequestContext,
    iterationId: string,
    holder: { holderId: string; partnerId: string; priorityRank: number },
    seats: number,
    claims: readonly NewClaimRow[],
  ): Promise<LockedIterationRow> {
    const row = await this.sql.one<LockedIterationRow>(
      ctx,
      `WITH held AS (
         INSERT INTO seat_holding (iteration_id, holder_id, partner_id, seats) SELECT :iterationId, :holderId, :partnerId, :delta WHERE :delta > 0
         ON CONFLICT (iteration_id, holder_id) DO UPDATE SET seats = seat_holding.seats + EXCLUDED.seats, updated_at = now()),
       claimed AS (
         INSERT INTO seat_claim (iteration_id, holder_id, partner_id, nominee, state, reason, priority_rank, queued_at)
         SELECT :iterationId, :holderId, :partnerId, d.nominee, d.state, d.reason, :priorityRank, CASE WHEN d.state = 'WAITLISTED' THEN clock_timestamp() END
           FROM jsonb_to_recordset(:claims::jsonb) AS d(nominee int, state text, reason text)
         ON CONFLICT (holder_id, nominee) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason, priority_rank = EXCLUDED.priority_rank,
           queued_at = EXCLUDED.queued_at, offered_at = NULL, offer_expires_at = NULL, decided_at = now(), updated_at = now())
       UPDATE offering_iteration SET seats_allocated = seats_allocated + :delta, status = ${DERIVED_STATUS}, updated_at = now()
        WHERE id = :iterationId RETURNING id, capacity, seats_allocated, partner_quota, status`,
      { iterationId, holderId: holder.holderId, partnerId: holder.partnerId, priorityRank: holder.priorityRank, delta: seats, claims: JSON.stringify(claims) },
    );
    return row!;
  }

  /** Adds seats to a holder's holding (creating it). */
  async hold(ctx: RequestContext, iterationId: string, holderId: string, partnerId: string, seats: number): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO seat_holding (iteration_id, holder_id, partner_id, seats) VALUES (:iterationId, :holderId, :partnerId, :seats)
       ON CONFLICT (iteration_id, holder_id) DO UPDATE SET seats = seat_holding.seats + EXCLUDED.seats, updated_at = now()`,
      { iterationId, holderId, partnerId, seats },
    );
  }

  /** Removes a holder's holding; returns the seats it held. */
  async dropHolding(ctx: RequestContext, iterationId: string, holderId: string): Promise<number> {
    const row = await this.sql.one<{ seats: number }>(ctx, 'DELETE FROM seat_holding WHERE iteration_id = :iterationId AND holder_id = :holderId RETURNING seats', {
      iterationId,
      holderId,
    });
    return row?.seats ?? 0;
  }

  /** Releases every live claim of a holder (withdrawn or cancelled); returns how many were open offers. */
  async releaseClaims(ctx: RequestContext, holderId: string): Promise<number> {
    const rows = await this.sql.rows<{ was: string }>(
      ctx,
      `UPDATE seat_claim c SET state = 'RELEASED', offer_expires_at = NULL, updated_at = now()
         FROM seat_claim old WHERE old.id = c.id AND c.holder_id = :holderId AND c.state IN ('ACCEPTED', 'WAITLISTED', 'OFFERED')
       RETURNING old.state AS was`,
      { holderId },
    );
    return rows.filter((r) => r.was === 'OFFERED').length;
  }

  /**
   * The next waitlisted claim on the iteration whose partner is under the quota: the partner's priority first,
   * then the time it joined the list. Read under the iteration's row lock, so no two transactions pick the same.
   */
  nextWaiting(ctx: RequestContext, iterationId: string, quota: number | null): Promise<SeatClaimRow | undefined> {
    return this.sql.one<SeatClaimRow>(
      ctx,
      `SELECT ${CLAIM_COLUMNS}, NULL::int AS position FROM seat_claim c
        WHERE c.iteration_id = :iterationId AND c.state = 'WAITLISTED' AND (:quota::int IS NULL OR ${PARTNER_USED} < :quota::int)
        ORDER BY c.priority_rank DESC, c.queued_at, c.holder_id, c.nominee LIMIT 1`,
      { iterationId, quota },
    );
  }

  /** WAITLISTED → OFFERED until now + `seconds`; the guard on the state makes a second attempt touch nothing. */
  offer(ctx: RequestContext, claimId: string, seconds: number): Promise<SeatClaimRow | undefined> {
    return this.sql.one<SeatClaimRow>(
      ctx,
      `UPDATE seat_claim c SET state = 'OFFERED', offered_at = now(), offer_expires_at = now() + make_interval(secs => :seconds::double precision), updated_at = now()
        WHERE c.id = :claimId AND c.state = 'WAITLISTED' RETURNING ${CLAIM_COLUMNS}, NULL::int AS position`,
      { claimId, seconds },
    );
  }

  /** OFFERED → ACCEPTED while the offer stands. */
  confirm(ctx: RequestContext, holderId: string, nominee: number): Promise<SeatClaimRow | undefined> {
    return this.sql.one<SeatClaimRow>(
      ctx,
      `UPDATE seat_claim c SET state = 'ACCEPTED', offer_expires_at = NULL, reason = NULL, decided_at = now(), updated_at = now()
        WHERE c.holder_id = :holderId AND c.nominee = :nominee AND c.state = 'OFFERED' AND c.offer_expires_at > now()
        RETURNING ${CLAIM_COLUMNS}, NULL::int AS position`,
      { holderId, nominee },
    );
  }

  /** OFFERED → DECLINED (the partner turned it down) or LAPSED (not confirmed in time: only once the deadline passed). */
  endOffer(ctx: RequestContext, where: { claimId?: string; holderId?: string; nominee?: number }, state: 'DECLINED' | 'LAPSED', reason: string | null): Promise<SeatClaimRow | undefined> {
    return this.sql.one<SeatClaimRow>(
      ctx,
      `UPDATE seat_claim c SET state = :state, offer_expires_at = NULL, reason = :reason, decided_at = now(), updated_at = now()
        WHERE c.state = 'OFFERED'
          AND (:claimId::uuid IS NULL OR c.id = :claimId::uuid)
          AND (:holderId::uuid IS NULL OR (c.holder_id = :holderId::uuid AND c.nominee = :nominee::int))
          AND (:state <> 'LAPSED' OR c.offer_expires_at <= now())
        RETURNING ${CLAIM_COLUMNS}, NULL::int AS position`,
      { claimId: where.claimId ?? null, holderId: where.holderId ?? null, nominee: where.nominee ?? null, state, reason },
    );
  }

  /** One claim's iteration (to lock it before changing the claim). */
  async iterationOfClaim(ctx: RequestContext, claimId: string): Promise<string | undefined> {
    return (await this.sql.one<{ iteration_id: string }>(ctx, 'SELECT iteration_id FROM seat_claim WHERE id = :claimId', { claimId }))?.iteration_id;
  }

  /** The claims of the holders (a DataLoader batch), with each waitlisted claim's place in its iteration's line. */
  claimsOf(ctx: RequestContext, holderIds: readonly string[]): Promise<SeatClaimRow[]> {
    return this.sql.rows<SeatClaimRow>(
      ctx,
      `WITH mine AS (SELECT ${CLAIM_COLUMNS} FROM seat_claim c WHERE c.holder_id = ANY(:ids::uuid[])),
            line AS (
              SELECT c.id, row_number() OVER (PARTITION BY c.iteration_id ORDER BY c.priority_rank DESC, c.queued_at, c.holder_id, c.nominee)::int AS position
                FROM seat_claim c WHERE c.state = 'WAITLISTED' AND c.iteration_id IN (SELECT iteration_id FROM mine))
       SELECT mine.*, line.position FROM mine LEFT JOIN line ON line.id = mine.id ORDER BY mine.holder_id, mine.nominee`,
      { ids: [...holderIds] },
    );
  }

  /** The iteration's waiting list and open offers, in line order (offers first). */
  line(ctx: RequestContext, iterationId: string): Promise<SeatClaimRow[]> {
    return this.sql.rows<SeatClaimRow>(
      ctx,
      `SELECT ${CLAIM_COLUMNS},
              CASE WHEN c.state = 'WAITLISTED' THEN row_number() OVER (PARTITION BY c.state ORDER BY c.priority_rank DESC, c.queued_at, c.holder_id, c.nominee)::int END AS position
         FROM seat_claim c WHERE c.iteration_id = :iterationId AND c.state IN ('WAITLISTED', 'OFFERED')
        ORDER BY c.state = 'WAITLISTED', c.offered_at, position`,
      { iterationId },
    );
  }

  /** Seats, open offers and waiting nominees per partner on the iteration. */
  perPartner(ctx: RequestContext, iterationId: string): Promise<PartnerSeatsRow[]> {
    return this.sql.rows<PartnerSeatsRow>(
      ctx,
      `SELECT p.partner_id,
              coalesce((SELECT sum(h.seats) FROM seat_holding h WHERE h.iteration_id = :iterationId AND h.partner_id = p.partner_id), 0)::int AS seats,
              (SELECT count(*) FROM seat_claim c WHERE c.iteration_id = :iterationId AND c.partner_id = p.partner_id AND c.state = 'OFFERED')::int AS offered,
              (SELECT count(*) FROM seat_claim c WHERE c.iteration_id = :iterationId AND c.partner_id = p.partner_id AND c.state = 'WAITLISTED')::int AS waiting
         FROM (SELECT partner_id FROM seat_holding WHERE iteration_id = :iterationId
               UNION SELECT partner_id FROM seat_claim WHERE iteration_id = :iterationId AND state IN ('WAITLISTED', 'OFFERED')) p
        ORDER BY seats DESC, p.partner_id`,
      { iterationId },
    );
  }

  /** The iteration's dates, and the ids of every iteration whose dates overlap them (itself included). */
  async overlapping(ctx: RequestContext, iterationId: string): Promise<{ startDate: string; endDate: string; ids: string[] } | undefined> {
    const row = await this.sql.one<{ start_date: string; end_date: string; ids: string[] }>(
      ctx,
      `SELECT i.start_date::text AS start_date, i.end_date::text AS end_date,
              array(SELECT o.id FROM offering_iteration o WHERE o.start_date <= i.end_date AND o.end_date >= i.start_date AND o.status <> 'CANCELLED') AS ids
         FROM offering_iteration i WHERE i.id = :iterationId`,
      { iterationId },
    );
    return row && { startDate: row.start_date, endDate: row.end_date, ids: row.ids };
  }

  /** Days from the database's today to the iteration's start (negative once it started). */
  async daysUntilStart(ctx: RequestContext, iterationId: string): Promise<{ days: number; startDate: string } | undefined> {
    return this.sql.one(ctx, 'SELECT (start_date - CURRENT_DATE)::int AS days, start_date::text AS "startDate" FROM offering_iteration WHERE id = :iterationId', { iterationId });
  }

  /** OPEN iterations whose application deadline has passed become CLOSED (FULL ones stay FULL); returns their ids. */
  async closePastDeadline(ctx: RequestContext): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      ctx,
      `UPDATE offering_iteration SET status = 'CLOSED', updated_at = now()
        WHERE status = 'OPEN' AND application_deadline IS NOT NULL AND application_deadline < CURRENT_DATE RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /** What ITERATION_CHANGED carries of the iteration and its offering (the administrators' edits send the same), in one statement. */
  async eventFacts(ctx: RequestContext, iterationId: string): Promise<{ offering: OfferingEventFacts; iteration: IterationEventFacts } | undefined> {
    const row = await this.sql.one<IterationEventFactsRow>(
      ctx,
      `SELECT o.id AS offering_id, o.code, o.status AS offering_status, o.owning_section_id, o.title_en, o.title_fr,
              i.id, i.start_date::text AS start_date, i.end_date::text AS end_date, i.location, i.status, i.capacity, i.application_deadline::text AS application_deadline
         FROM offering_iteration i JOIN offering o ON o.id = i.offering_id WHERE i.id = :iterationId`,
      { iterationId },
    );
    return (
      row && {
        offering: { id: row.offering_id, code: row.code, status: row.offering_status, owningSectionId: row.owning_section_id, titleEn: row.title_en, titleFr: row.title_fr },
        iteration: {
          id: row.id,
          startDate: row.start_date,
          endDate: row.end_date,
          location: row.location,
          status: row.status,
          capacity: row.capacity,
          applicationDeadline: row.application_deadline,
        },
      }
    );
  }
}
