import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every request event type before this migration, then the two it adds. */
const EVENT_TYPES = [
  'CREATED', 'UPDATED', 'SUBMITTED', 'ROUTED', 'REROUTED', 'STATUS_CHANGED', 'ASSIGNED', 'COMMENTED', 'SEATS_ALLOCATED', 'SEATS_RELEASED',
  'NOMINEES_DECIDED', 'SEAT_OFFERED', 'SEAT_CONFIRMED', 'SEAT_OFFER_LAPSED', 'SEAT_OFFER_DECLINED', 'NOMINEES_CHANGED',
  'SUBSTITUTION_REQUESTED', 'SUBSTITUTION_APPROVED', 'SUBSTITUTION_REJECTED', 'ATTACHMENT_ADDED', 'ATTACHMENT_REMOVED',
];
const OBJECTIVE_EVENT_TYPES = ['OBJECTIVE_LINKED', 'OBJECTIVE_UNLINKED'];

const typeCheck = (types: string[]) => `ALTER TABLE request_event ADD CONSTRAINT request_event_type_check CHECK (type IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * Issue #17 item 1, after submission: staff (and the partner, until a decision) link a request to another objective of
 * its partner's plan, or unlink it (linkRequestObjective). The timeline names the objective linked (or the one
 * unlinked); the entry keeps no objective once the objective itself is deleted.
 */
export class RequestObjectiveRelink1764900700200 implements MigrationInterface {
  name = 'RequestObjectiveRelink1764900700200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE request_event ADD COLUMN objective_id uuid REFERENCES partner_objective(id) ON DELETE SET NULL');
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(typeCheck([...EVENT_TYPES, ...OBJECTIVE_EVENT_TYPES]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM request_event WHERE type IN (${OBJECTIVE_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`);
    await q.query('ALTER TABLE request_event DROP CONSTRAINT request_event_type_check');
    await q.query(typeCheck(EVENT_TYPES));
    await q.query('ALTER TABLE request_event DROP COLUMN objective_id');
  }
}
