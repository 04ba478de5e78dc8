import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The title and codes of an offering as search vectors of their own, per language (what weight A of
 * search_en/search_fr holds), with GIN indexes. They answer two questions of every search cheaply:
 * - is it a title (or code) hit, the first tier of a relevance search;
 * - does a title or code word start with each search word ("cyb", "georg", "nso-ct"), the fragment
 *   match through the indexes' prefix search.
 * Asked of the full vectors (ts_filter), both had to read every candidate's whole vector back from TOAST,
 * several times per row; and fragments went through a trigram scan of every search, which now runs only
 * when words and prefixes find nothing (with misspellings).
 */
export class OfferingTitleSearch1763684100000 implements MigrationInterface {
  name = 'OfferingTitleSearch1763684100000';

  async up(q: QueryRunner): Promise<void> {
    const codes = `coalesce(code, '') || ' ' || coalesce(etoc_code, '') || ' ' || coalesce(eprime_reference, '')`;
    const vector = (config: string, lang: string) => `
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(title_${lang}, ''))), 'A') ||
      setweight(to_tsvector('simple'::regconfig, pcp_unaccent(${codes})), 'A')`;
    await q.query(`
      ALTER TABLE offering
        ADD COLUMN search_title_en tsvector GENERATED ALWAYS AS (${vector('english', 'en')}) STORED,
        ADD COLUMN search_title_fr tsvector GENERATED ALWAYS AS (${vector('french', 'fr')}) STORED`);
    await q.query('CREATE INDEX offering_search_title_en_idx ON offering USING gin (search_title_en)');
    await q.query('CREATE INDEX offering_search_title_fr_idx ON offering USING gin (search_title_fr)');
    await q.query('DROP INDEX IF EXISTS offering_search_en_title_idx');
    await q.query('DROP INDEX IF EXISTS offering_search_fr_title_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX offering_search_en_title_idx ON offering USING gin (ts_filter(search_en, '{a}'))`);
    await q.query(`CREATE INDEX offering_search_fr_title_idx ON offering USING gin (ts_filter(search_fr, '{a}'))`);
    await q.query('ALTER TABLE offering DROP COLUMN search_title_fr, DROP COLUMN search_title_en');
  }
}
