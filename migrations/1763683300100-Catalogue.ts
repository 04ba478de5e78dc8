import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offerings, their iterations and relations, and search: stored tsvector columns per language (title
 * and codes weighted A, summary B, description C) with GIN indexes, and a trigram-indexed text of
 * codes and titles for short, partial or misspelt terms.
 */
export class Catalogue1763683300100 implements MigrationInterface {
  name = 'Catalogue1763683300100';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (its dictionary could change), so it cannot feed a generated column or an
    // index. This wrapper pins the dictionary and is declared IMMUTABLE; the SQL-standard body binds the
    // function at creation, so it does not depend on the caller's search_path.
    const [{ schema }] = (await q.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    )) as { schema: string }[];
    const ns = `"${schema.replace(/"/g, '""')}"`;
    await q.query(`
      CREATE FUNCTION pcp_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ${ns}.unaccent('${schema.replace(/'/g, "''")}.unaccent'::regdictionary, $1)`);

    const codes = `coalesce(code, '') || ' ' || coalesce(etoc_code, '') || ' ' || coalesce(eprime_reference, '')`;
    const vector = (config: string, lang: string) => `
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(title_${lang}, ''))), 'A') ||
      setweight(to_tsvector('simple'::regconfig, pcp_unaccent(${codes})), 'A') ||
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(summary_${lang}, ''))), 'B') ||
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(description_${lang}, ''))), 'C')`;

    await q.query(`
      CREATE TABLE offering (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT offering_code_key UNIQUE,
        kind text NOT NULL CONSTRAINT offering_kind_check CHECK (kind IN (
          'TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME',
          'STAFF_TALKS', 'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE')),
        subtype text,
        title_en text,
        title_fr text,
        summary_en text,
        summary_fr text,
        description_en text,
        description_fr text,
        owning_section_id uuid NOT NULL REFERENCES section(id) ON DELETE RESTRICT,
        provider_section_id uuid REFERENCES section(id) ON DELETE RESTRICT,
        delivery_mode text NOT NULL CONSTRAINT offering_delivery_mode_check CHECK (delivery_mode IN ('RESIDENT', 'REMOTE', 'MOBILE_TEAM', 'HYBRID')),
        delivery_languages text[] NOT NULL DEFAULT '{}',
        prerequisites text,
        cost_notes text,
        lead_time_days int NOT NULL DEFAULT 0 CONSTRAINT offering_lead_time_check CHECK (lead_time_days >= 0),
        eprime_reference text,
        etoc_code text,
        releasability text NOT NULL DEFAULT 'NATO UNCLASSIFIED',
        status text NOT NULL DEFAULT 'DRAFT' CONSTRAINT offering_status_check CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        is_sample boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_en tsvector GENERATED ALWAYS AS (${vector('english', 'en')}) STORED,
        search_fr tsvector GENERATED ALWAYS AS (${vector('french', 'fr')}) STORED,
        search_text text GENERATED ALWAYS AS (lower(pcp_unaccent(
          ${codes} || ' ' || coalesce(title_en, '') || ' ' || coalesce(title_fr, '')))) STORED,
        CONSTRAINT offering_has_title CHECK (coalesce(title_en, title_fr) IS NOT NULL)
      )`);
    await q.query('CREATE INDEX offering_search_en_idx ON offering USING gin (search_en)');
    await q.query('CREATE INDEX offering_search_fr_idx ON offering USING gin (search_fr)');
    await q.query('CREATE INDEX offering_search_text_trgm_idx ON offering USING gin (search_text gin_trgm_ops)');
    await q.query('CREATE INDEX offering_status_code_idx ON offering (status, code)');
    await q.query('CREATE INDEX offering_owning_section_idx ON offering (owning_section_id)');
    await q.query('CREATE INDEX offering_provider_section_idx ON offering (provider_section_id)');

    const link = (table: string, column: string, target: string) => `
      CREATE TABLE ${table} (
        offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
        ${column} uuid NOT NULL REFERENCES ${target}(id) ON DELETE CASCADE,
        PRIMARY KEY (offering_id, ${column})
      )`;
    await q.query(link('offering_area', 'area_id', 'cooperation_area'));
    await q.query('CREATE INDEX offering_area_area_idx ON offering_area (area_id)');
    await q.query(link('offering_topic', 'topic_id', 'topic'));
    await q.query('CREATE INDEX offering_topic_topic_idx ON offering_topic (topic_id)');
    await q.query(link('offering_eligible_framework', 'framework_id', 'partnership_framework'));
    await q.query(link('offering_eligible_partner', 'partner_id', 'partner'));
    await q.query('CREATE INDEX offering_eligible_partner_partner_idx ON offering_eligible_partner (partner_id)');

    await q.query(`
      CREATE TABLE offering_iteration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
        start_date date NOT NULL,
        end_date date NOT NULL,
        location text NOT NULL,
        capacity int CONSTRAINT offering_iteration_capacity_check CHECK (capacity IS NULL OR capacity >= 0),
        seats_allocated int NOT NULL DEFAULT 0 CONSTRAINT offering_iteration_seats_check CHECK (seats_allocated >= 0),
        application_deadline date,
        status text NOT NULL DEFAULT 'PLANNED' CONSTRAINT offering_iteration_status_check CHECK (status IN ('PLANNED', 'OPEN', 'FULL', 'CANCELLED', 'COMPLETED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offering_iteration_dates_check CHECK (end_date >= start_date),
        CONSTRAINT offering_iteration_not_over_allocated CHECK (capacity IS NULL OR seats_allocated <= capacity)
      )`);
    await q.query('CREATE INDEX offering_iteration_offering_start_idx ON offering_iteration (offering_id, start_date)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE offering_iteration');
    await q.query('DROP TABLE offering_eligible_partner');
    await q.query('DROP TABLE offering_eligible_framework');
    await q.query('DROP TABLE offering_topic');
    await q.query('DROP TABLE offering_area');
    await q.query('DROP TABLE offering');
    await q.query('DROP FUNCTION pcp_unaccent(text)');
  }
}
