import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data: partnership frameworks, partners, the section tree, areas of cooperation, topics. */
export class OrganisationAndTaxonomy1763683300000 implements MigrationInterface {
  name = 'OrganisationAndTaxonomy1763683300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partnership_framework (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT partnership_framework_code_key UNIQUE,
        name_en text NOT NULL,
        name_fr text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT partner_code_key UNIQUE,
        kind text NOT NULL CONSTRAINT partner_kind_check CHECK (kind IN ('NATION', 'ORGANISATION')),
        name_en text NOT NULL,
        name_fr text NOT NULL,
        programme_flags text[] NOT NULL DEFAULT '{}',
        suspended boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partner_framework (
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        framework_id uuid NOT NULL REFERENCES partnership_framework(id) ON DELETE CASCADE,
        PRIMARY KEY (partner_id, framework_id)
      )`);
    await q.query('CREATE INDEX partner_framework_framework_idx ON partner_framework (framework_id)');
    await q.query(`
      CREATE TABLE section (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT section_code_key UNIQUE,
        name_en text NOT NULL,
        name_fr text NOT NULL,
        kind text NOT NULL CONSTRAINT section_kind_check
          CHECK (kind IN ('DIVISION', 'DIRECTORATE', 'SECTION', 'COMMAND', 'SCHOOL', 'CENTRE', 'COE', 'AGENCY', 'STAFF')),
        parent_id uuid REFERENCES section(id) ON DELETE RESTRICT,
        mailbox text NOT NULL,
        time_zone text NOT NULL,
        acknowledge_target_days int NOT NULL CONSTRAINT section_ack_target_check CHECK (acknowledge_target_days > 0),
        decide_target_days int NOT NULL CONSTRAINT section_decide_target_check CHECK (decide_target_days > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT section_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query('CREATE INDEX section_parent_idx ON section (parent_id)');
    await q.query(`
      CREATE TABLE cooperation_area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT cooperation_area_code_key UNIQUE,
        position int NOT NULL,
        name_en text NOT NULL,
        name_fr text NOT NULL,
        description_en text,
        description_fr text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE topic (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT topic_code_key UNIQUE,
        name_en text NOT NULL,
        name_fr text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE topic');
    await q.query('DROP TABLE cooperation_area');
    await q.query('DROP TABLE section');
    await q.query('DROP TABLE partner_framework');
    await q.query('DROP TABLE partner');
    await q.query('DROP TABLE partnership_framework');
  }
}
