import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES = ['CREATED', 'UPDATED', 'SUBMITTED', 'ROUTED', 'REROUTED', 'STATUS_CHANGED', 'ASSIGNED', 'COMMENTED', 'SEATS_ALLOCATED', 'SEATS_RELEASED'];
/** Timeline entries of nominee decisions, offers of freed seats and nominee changes. */
const SEAT_EVENT_TYPES = [
  'NOMINEES_DECIDED', 'SEAT_OFFERED', 'SEAT_CONFIRMED', 'SEAT_OFFER_LAPSED', 'SEAT_OFFER_DECLINED',
  'NOMINEES_CHANGED', 'SUBSTITUTION_REQUESTED', 'SUBSTITUTION_APPROVED', 'SUBSTITUTION_REJECTED',
];

/**
 * Issue #14 (seats): the seat ledger's own records. An iteration gets a per-partner quota and a CLOSED status
 * (the application deadline passed); `seat_holding` is who holds how many seats on an iteration (one row per
 * approved request, with its partner, so quotas are summed from the ledger's rows, not from requests); and
 * `seat_claim` is each nominee's decision on an iteration — accepted, waitlisted (with the partner's priority
 * and the time it joined), offered a freed seat until a deadline, declined with a reason, lapsed or released.
 * offering_iteration.seats_allocated stays the total the CHECK guards: holdings plus outstanding offers.
 */
export class SeatsAndWaitingLists1764700000000 implements MigrationInterface {
  name = 'SeatsAndWaitingLists1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE offering_iteration ADD COLUMN partner_quota int CONSTRAINT offering_iteration_partner_quota_check CHECK (partner_quota IS NULL OR partner_quota >= 1)');
    await q.query('ALTER TABLE offering_iteration DROP CONSTRAINT offering_iteration_status_check');
    await q.query(
      `ALTER TABLE offering_iteration ADD CONSTRAINT offering_iteration_status_check CHECK (status IN ('PLANNED', 'OPEN', 'FULL', 'CLOSED', 'CANCELLED', 'COMPLETED'))`,
    );
    await q.query(`
      CREATE TABLE seat_holding (
        iteration_id uuid NOT NULL REFERENCES offering_iteration(id) ON DELETE CASCADE,
        holder_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner(id),
        seats int NOT NULL CONSTRAINT seat_holding_seats_check CHECK (seats >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (iteration_id, holder_id)
      )`);
    await q.query('CREATE INDEX seat_holding_partner_idx ON seat_holding (iteration_id, partner_id)');
    await q.query(`
      CREATE TABLE seat_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        iteration_id uuid NOT NULL REFERENCES offering_iteration(id) ON DELETE CASCADE,
        holder_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner(id),
        nominee int NOT NULL CONSTRAINT seat_claim_nominee_check CHECK (nominee >= 0),
        state text NOT NULL CONSTRAINT seat_claim_state_check CHECK (state IN ('ACCEPTED', 'WAITLISTED', 'OFFERED', 'DECLINED', 'LAPSED', 'RELEASED')),
        reason text,
        priority_rank int NOT NULL DEFAULT 0,
        queued_at timestamptz,
        offered_at timestamptz,
        offer_expires_at timestamptz,
        decided_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT seat_claim_nominee_unique UNIQUE (holder_id, nominee),
        CONSTRAINT seat_claim_offer_check CHECK ((state = 'OFFERED') = (offer_expires_at IS NOT NULL)),
        CONSTRAINT seat_claim_queue_check CHECK (state NOT IN ('WAITLISTED', 'OFFERED') OR queued_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX seat_claim_waiting_idx ON seat_claim (iteration_id, priority_rank DESC, queued_at, holder_id, nominee) WHERE state = 'WAITLISTED'`,
    );
    await q.query(`CREATE INDEX seat_claim_offered_idx ON seat_claim (iteration_id) WHERE state = 'OFFERED'`);
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(`ALTER TABLE request_event ADD CONSTRAINT request_event_type_check CHECK (type IN (${[...EVENT_TYPES, ...SEAT_EVENT_TYPES].map((t) => `'${t}'`).join(', ')}))`);
    // Seats approved before the ledger kept its own rows.
    await q.query(
      `INSERT INTO seat_holding (iteration_id, holder_id, partner_id, seats)
       SELECT iteration_id, id, partner_id, seats_allocated FROM cooperation_request WHERE iteration_id IS NOT NULL AND seats_allocated > 0`,
    );
    // Iterations already full say so.
    await q.query(`UPDATE offering_iteration SET status = 'FULL' WHERE status = 'OPEN' AND capacity IS NOT NULL AND seats_allocated >= capacity`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM request_event WHERE type IN (${SEAT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`);
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(`ALTER TABLE request_event ADD CONSTRAINT request_event_type_check CHECK (type IN (${EVENT_TYPES.map((t) => `'${t}'`).join(', ')}))`);
    await q.query('DROP TABLE seat_claim');
    await q.query('DROP TABLE seat_holding');
    await q.query(`UPDATE offering_iteration SET status = 'OPEN' WHERE status = 'CLOSED'`);
    await q.query('ALTER TABLE offering_iteration DROP CONSTRAINT offering_iteration_status_check');
    await q.query(
      `ALTER TABLE offering_iteration ADD CONSTRAINT offering_iteration_status_check CHECK (status IN ('PLANNED', 'OPEN', 'FULL', 'CANCELLED', 'COMPLETED'))`,
    );
    await q.query('ALTER TABLE offering_iteration DROP COLUMN partner_quota');
  }
}
