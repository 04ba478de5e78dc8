import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17 item 3: offers of support (mobile training teams, trainers, expertise) posted by sections and COEs, or
 * by coordinators on behalf of an Ally, and the matches coordinators link between an offer and a request. A match
 * keeps the request's reference so the offer's side sees what it was linked to without reaching the request.
 */
export class SupportOffers1764900400200 implements MigrationInterface {
  name = 'SupportOffers1764900400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_kind text NOT NULL CONSTRAINT support_offer_provider_kind_check CHECK (provider_kind IN ('ALLY', 'COE', 'SECTION')),
        provider_name text NOT NULL,
        section_id uuid REFERENCES section(id) ON DELETE SET NULL,
        support_type text NOT NULL CONSTRAINT support_offer_type_check CHECK (support_type IN ('MOBILE_TRAINING_TEAM', 'TRAINERS', 'EXPERTISE')),
        title text NOT NULL,
        description text,
        area_id uuid NOT NULL REFERENCES cooperation_area(id),
        topic_ids uuid[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        available_from date NOT NULL,
        available_to date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CONSTRAINT support_offer_status_check CHECK (status IN ('OPEN', 'CLOSED')),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT support_offer_period_check CHECK (available_to >= available_from)
      )`);
    await q.query('CREATE INDEX support_offer_open_idx ON support_offer (status, available_to)');
    await q.query(`
      CREATE TABLE support_match (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offer_id uuid NOT NULL REFERENCES support_offer(id) ON DELETE CASCADE,
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        request_reference text NOT NULL,
        score int NOT NULL,
        reasons text[] NOT NULL DEFAULT '{}',
        note text,
        linked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT support_match_pair_key UNIQUE (offer_id, request_id)
      )`);
    await q.query('CREATE INDEX support_match_request_idx ON support_match (request_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE support_match');
    await q.query('DROP TABLE support_offer');
  }
}
