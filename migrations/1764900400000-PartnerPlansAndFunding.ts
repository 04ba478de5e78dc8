import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17 items 1 and 2: a partner's plan (ITPP-style objectives: ends, ways, means, owner, target date, status),
 * the link from a request to one objective of ITS partner (a composite foreign key makes a link to another
 * partner's objective impossible), and funding lines on requests and offerings with their sources as data.
 */
export class PartnerPlansAndFunding1764900400000 implements MigrationInterface {
  name = 'PartnerPlansAndFunding1764900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_objective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        title text NOT NULL CONSTRAINT partner_objective_title_check CHECK (length(title) BETWEEN 1 AND 300),
        ends text NOT NULL,
        ways text,
        means text,
        owner text,
        target_date date,
        status text NOT NULL DEFAULT 'PROPOSED'
          CONSTRAINT partner_objective_status_check CHECK (status IN ('PROPOSED', 'AGREED', 'IN_PROGRESS', 'ACHIEVED', 'DROPPED')),
        proposed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partner_objective_id_partner_key UNIQUE (id, partner_id)
      )`);
    await q.query('CREATE INDEX partner_objective_partner_idx ON partner_objective (partner_id, status)');
    await q.query('ALTER TABLE cooperation_request ADD COLUMN objective_id uuid');
    // Only an objective of the request's own partner: the pair must exist in partner_objective.
    await q.query(`ALTER TABLE cooperation_request ADD CONSTRAINT cooperation_request_objective_fkey
      FOREIGN KEY (objective_id, partner_id) REFERENCES partner_objective (id, partner_id)`);
    await q.query('CREATE INDEX cooperation_request_objective_idx ON cooperation_request (objective_id) WHERE objective_id IS NOT NULL');

    await q.query(`
      CREATE TABLE funding_source (
        code text PRIMARY KEY,
        name_en text NOT NULL,
        name_fr text NOT NULL,
        requires_name boolean NOT NULL DEFAULT false,
        position int NOT NULL
      )`);
    await q.query(`INSERT INTO funding_source (code, name_en, name_fr, requires_name, position) VALUES
      ('COMMON_FUNDING', 'NATO common funding', 'Financement commun de l''OTAN', false, 1),
      ('TRUST_FUND', 'Trust fund', 'Fonds d''affectation spéciale', true, 2),
      ('NATIONAL', 'National contribution', 'Contribution nationale', false, 3),
      ('SPS_GRANT', 'Science for Peace and Security grant', 'Subvention du programme pour la science au service de la paix et de la sécurité', false, 4)`);
    await q.query(`
      CREATE TABLE funding_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid REFERENCES cooperation_request(id) ON DELETE CASCADE,
        offering_id uuid REFERENCES offering(id) ON DELETE CASCADE,
        source_code text NOT NULL REFERENCES funding_source(code),
        source_name text,
        fiscal_year int NOT NULL CONSTRAINT funding_line_year_check CHECK (fiscal_year BETWEEN 2000 AND 2100),
        currency text NOT NULL CONSTRAINT funding_line_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        committed numeric(16, 2) NOT NULL CONSTRAINT funding_line_committed_check CHECK (committed >= 0),
        spent numeric(16, 2) NOT NULL DEFAULT 0 CONSTRAINT funding_line_spent_check CHECK (spent >= 0),
        overspend_reason text,
        note text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT funding_line_owner_check CHECK ((request_id IS NULL) <> (offering_id IS NULL)),
        -- Spending past the commitment is allowed only with a reason (recorded, audited).
        CONSTRAINT funding_line_overspend_check CHECK (spent <= committed OR overspend_reason IS NOT NULL)
      )`);
    await q.query('CREATE INDEX funding_line_request_idx ON funding_line (request_id) WHERE request_id IS NOT NULL');
    await q.query('CREATE INDEX funding_line_offering_idx ON funding_line (offering_id) WHERE offering_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE funding_line');
    await q.query('DROP TABLE funding_source');
    await q.query('ALTER TABLE cooperation_request DROP CONSTRAINT cooperation_request_objective_fkey');
    await q.query('ALTER TABLE cooperation_request DROP COLUMN objective_id');
    await q.query('DROP TABLE partner_objective');
  }
}
