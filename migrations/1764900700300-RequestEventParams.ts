import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18: timeline texts the server writes become data. request_event.params holds the text's kind and
 * parameters (src/requests/event-params.ts) so the web app renders them in the reader's language; reason keeps
 * the English text for API clients. Older rows are backfilled where their text parses as one of the server's
 * own texts; anything else (a person's reason, or a text that does not parse) keeps params NULL and shows as
 * written.
 */
export class RequestEventParams1764900700300 implements MigrationInterface {
  name = 'RequestEventParams1764900700300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE request_event ADD COLUMN params jsonb');
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object('kind', 'SEATS', 'seats', (substring(reason FROM '^(\\d+) seats$'))::int)
       WHERE type IN ('SEATS_ALLOCATED', 'SEATS_RELEASED') AND reason ~ '^\\d+ seats$'`);
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object(
               'kind', 'DECISIONS',
               'accepted', (regexp_match(reason, '^(\\d+) accepted, (\\d+) waitlisted, (\\d+) declined$'))[1]::int,
               'waitlisted', (regexp_match(reason, '^(\\d+) accepted, (\\d+) waitlisted, (\\d+) declined$'))[2]::int,
               'declined', (regexp_match(reason, '^(\\d+) accepted, (\\d+) waitlisted, (\\d+) declined$'))[3]::int)
       WHERE type = 'NOMINEES_DECIDED' AND reason ~ '^\\d+ accepted, \\d+ waitlisted, \\d+ declined$'`);
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object('kind', 'CLASH_OVERRIDDEN', 'note', substring(reason FROM 19))
       WHERE type = 'NOMINEES_DECIDED' AND reason LIKE 'Clash overridden: %'`);
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object(
               'kind', 'SEAT_OFFER',
               'index', (regexp_match(reason, '^Nominee (\\d+), confirm by (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) UTC$'))[1]::int - 1,
               'expiresAt', (regexp_match(reason, '^Nominee (\\d+), confirm by (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) UTC$'))[2] || 'T' ||
                            (regexp_match(reason, '^Nominee (\\d+), confirm by (\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) UTC$'))[3] || ':00.000Z')
       WHERE type = 'SEAT_OFFERED' AND reason ~ '^Nominee \\d+, confirm by \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$'`);
    const nomineeTypes = `('SEAT_CONFIRMED', 'SEAT_OFFER_LAPSED', 'SEAT_OFFER_DECLINED', 'SUBSTITUTION_REQUESTED', 'SUBSTITUTION_APPROVED', 'SUBSTITUTION_REJECTED')`;
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object('kind', 'NOMINEE', 'index', (substring(reason FROM '^Nominee (\\d+)$'))::int - 1)
       WHERE type IN ${nomineeTypes} AND reason ~ '^Nominee \\d+$'`);
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object(
               'kind', 'NOMINEE_NOTE',
               'index', (substring(reason FROM '^Nominee (\\d+): '))::int - 1,
               'note', substring(reason FROM length(substring(reason FROM '^Nominee \\d+: ')) + 1))
       WHERE type IN ${nomineeTypes} AND reason ~ '^Nominee \\d+: '`);
    await q.query(`
      UPDATE request_event SET params = '{"kind": "INFORMATION_PROVIDED"}'::jsonb
       WHERE type = 'STATUS_CHANGED' AND from_status = 'INFORMATION_REQUESTED' AND to_status = 'UNDER_REVIEW' AND reason = 'Information provided'`);
    // The SPS context's entries: peer review, the committee, and its decision "<batch> (<date>): <outcome>. <reasons>".
    await q.query(`
      UPDATE request_event SET params = jsonb_build_object('kind', CASE reason WHEN 'Taken under SPS peer review.' THEN 'SPS_PEER_REVIEW' ELSE 'SPS_COMMITTEE' END)
       WHERE type = 'STATUS_CHANGED' AND reason IN ('Taken under SPS peer review.', 'Taken to the SPS committee.')`);
    await q.query(`
      UPDATE request_event e SET params = jsonb_build_object('kind', 'SPS_DECISION', 'batch', m[1], 'meetingDate', m[2], 'outcomeEn', o.label_en, 'outcomeFr', o.label_fr, 'note', m[4])
        FROM (SELECT id, regexp_match(reason, '^(.*) \\((\\d{4}-\\d{2}-\\d{2})\\): ([^.]+)\\. (.*)$') AS m FROM request_event
               WHERE type = 'STATUS_CHANGED' AND reason ~ ' \\(\\d{4}-\\d{2}-\\d{2}\\): ') d
        JOIN sps_decision_outcome o ON o.label_en = d.m[3]
       WHERE e.id = d.id AND e.params IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE request_event DROP COLUMN params');
  }
}
