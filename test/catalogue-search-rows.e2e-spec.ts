// Issue #19, item 4: a search's total and facets are counted on `offering_search`, narrow rows kept in step with
// `offering` and its area and topic links by triggers. These tests hold the two together: after every kind of
// write the mirror equals what it mirrors (its area and topic bit sets name exactly the linked areas and topics),
// and the counts equal counts taken on `offering` itself.
import { actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', CATALOGUE_PUBLIC: 'true', CATALOGUE_RESPONSE_CACHE: 'false' } });
});
afterAll(async () => {
  await t?.close();
});

/** Offerings whose mirror row is missing, left over or different from what the offering and its links say. */
async function outOfStep(): Promise<string[]> {
  const rows = await adminQuery<{ id: string }>(t.databaseUrl, `
    WITH expected AS (
      SELECT o.id, o.status, o.releasability, o.kind, o.delivery_mode, o.owning_section_id, o.required_programme_flags,
             o.search_en, o.search_fr, o.search_title_en, o.search_title_fr, o.search_text,
             coalesce((SELECT array_agg(area_id ORDER BY area_id) FROM offering_area WHERE offering_id = o.id), '{}') AS area_ids,
             coalesce((SELECT array_agg(topic_id ORDER BY topic_id) FROM offering_topic WHERE offering_id = o.id), '{}') AS topic_ids
        FROM offering o)
    , mirrored AS (
      SELECT s.*,
             coalesce((SELECT array_agg(a.id ORDER BY a.id) FROM cooperation_area a WHERE pcp_has_bit(s.area_bits, a.facet_bit)), '{}') AS area_ids,
             coalesce((SELECT array_agg(t.id ORDER BY t.id) FROM topic t WHERE pcp_has_bit(s.topic_bits, t.facet_bit)), '{}') AS topic_ids
        FROM offering_search s)
    SELECT coalesce(e.id, s.id)::text AS id FROM expected e FULL JOIN mirrored s ON s.id = e.id
     WHERE e.id IS NULL OR s.id IS NULL
        OR (e.status, e.releasability, e.kind, e.delivery_mode, e.owning_section_id, e.required_programme_flags, e.search_en, e.search_fr,
            e.search_title_en, e.search_title_fr, e.search_text, e.area_ids, e.topic_ids)
           IS DISTINCT FROM
           (s.status, s.releasability, s.kind, s.delivery_mode, s.owning_section_id, s.required_programme_flags, s.search_en, s.search_fr,
            s.search_title_en, s.search_title_fr, s.search_text, s.area_ids, s.topic_ids)`);
  return rows.map((r) => r.id);
}

const ONE = `(SELECT id FROM offering WHERE status = 'PUBLISHED' ORDER BY code LIMIT 1)`;
const OTHER = `(SELECT id FROM offering WHERE status = 'PUBLISHED' ORDER BY code DESC LIMIT 1)`;

describe('offering_search stays in step with offering, whoever writes', () => {
  it('after the migration and the seed', async () => {
    expect(await outOfStep()).toEqual([]);
  });

  const writes: Array<[string, string]> = [
    ['a title change (search vectors)', `UPDATE offering SET title_en = 'Maritime interdiction operations' WHERE id = ${ONE}`],
    ['a status, kind and marking change', `UPDATE offering SET status = 'ARCHIVED', kind = 'EXERCISE', releasability = 'PUBLIC' WHERE id = ${OTHER}`],
    ['areas added in bulk', `INSERT INTO offering_area (offering_id, area_id) SELECT o.id, a.id FROM offering o CROSS JOIN cooperation_area a
        WHERE o.status = 'PUBLISHED' AND NOT EXISTS (SELECT 1 FROM offering_area x WHERE x.offering_id = o.id AND x.area_id = a.id) AND a.code = (SELECT min(code) FROM cooperation_area)`],
    ['areas removed', `DELETE FROM offering_area WHERE offering_id = ${ONE}`],
    ['a topic moved to another offering', `UPDATE offering_topic SET offering_id = ${OTHER} WHERE offering_id = ${ONE}
        AND topic_id NOT IN (SELECT topic_id FROM offering_topic WHERE offering_id = ${OTHER})`],
    ['a new topic linked to every published offering', `WITH t AS (INSERT INTO topic (code, name_en, name_fr) VALUES ('MIRROR_TOPIC', 'Mirror topic', 'Thème miroir') RETURNING id)
        INSERT INTO offering_topic (offering_id, topic_id) SELECT o.id, t.id FROM offering o, t WHERE o.status = 'PUBLISHED'`],
    ['an area deleted (its links cascade)', `DELETE FROM cooperation_area WHERE code = (SELECT max(code) FROM cooperation_area)`],
    ['a new offering with links', `WITH o AS (INSERT INTO offering (code, kind, title_en, title_fr, owning_section_id, delivery_mode, status)
        SELECT 'MIRROR-1', 'COE_COURSE', 'Mirror course', 'Cours miroir', id, 'RESIDENT', 'PUBLISHED' FROM section ORDER BY code LIMIT 1 RETURNING id)
        INSERT INTO offering_topic (offering_id, topic_id) SELECT o.id, t.id FROM o, topic t WHERE t.code = (SELECT min(code) FROM topic)`],
    ['an offering deleted', `DELETE FROM offering WHERE code = 'MIRROR-1'`],
  ];
  it.each(writes)('after %s', async (_name, sql) => {
    await adminQuery(t.databaseUrl, sql);
    expect(await outOfStep()).toEqual([]);
  });

  it('after an update through the API', async () => {
    const admin = await actors(t).asAdmin();
    const [row] = await adminQuery<{ id: string; version: number }>(t.databaseUrl, `SELECT id, version FROM offering WHERE id = ${ONE}`);
    const UPDATE = graphql('mutation SearchRowsUpdate($input: UpdateOfferingInput!) { updateOffering(input: $input) { code } }');
    const res = await t.gql(UPDATE, { input: { id: row!.id, version: row!.version, summaryEn: 'Boarding and search of suspect vessels.' } }, admin);
    expect(res.errors).toBeUndefined();
    expect(await outOfStep()).toEqual([]);
  });
});

describe('storage', () => {
  /** 60 distinct words: vectors of 1 kB and more in all, under the 2 kB at which PostgreSQL toasts a row by itself. */
  const LONG = Array.from({ length: 60 }, (_, i) => `drill${i.toString(36)}`).join(' ');
  /** The pages holding the search rows of the offerings coded NARROW-*, and the size of their vectors and search text. */
  const layout = async () => (await adminQuery<{ rows: number; pages: number; vector_bytes: number }>(t.databaseUrl, `
    SELECT count(*)::int AS rows, count(DISTINCT (s.ctid::text::point)[0])::int AS pages,
           avg(pg_column_size(s.search_en) + pg_column_size(s.search_fr) + pg_column_size(s.search_text))::int AS vector_bytes
      FROM offering_search s JOIN offering o ON o.id = s.id WHERE o.code LIKE 'NARROW-%'`))[0]!;

  // Inline, 60 rows with such vectors take 10 pages or more; with the vectors out of line, 3 or 4.
  it('keeps the search vectors out of line, for rows written with them and rows updated to have them', async () => {
    const insert = (description: string | null) => adminQuery(t.databaseUrl, `INSERT INTO offering (code, kind, title_en, title_fr, owning_section_id, delivery_mode, status, description_en)
      SELECT 'NARROW-' || n, 'COE_COURSE', 'Narrow row ' || n, 'Rangée étroite ' || n, (SELECT id FROM section ORDER BY code LIMIT 1), 'RESIDENT', 'DRAFT', $1
        FROM generate_series(1, 60) n`, [description]);
    await insert(LONG);
    const written = await layout();
    expect(written.rows).toBe(60);
    expect(written.vector_bytes).toBeGreaterThan(1000);
    expect(written.pages).toBeLessThanOrEqual(5);

    await adminQuery(t.databaseUrl, `DELETE FROM offering WHERE code LIKE 'NARROW-%'`);
    await insert(null);
    await adminQuery(t.databaseUrl, `UPDATE offering SET description_en = $1 WHERE code LIKE 'NARROW-%'`, [LONG]);
    const updated = await layout();
    expect(updated.vector_bytes).toBeGreaterThan(1000);
    expect(updated.pages).toBeLessThanOrEqual(5);
    expect(await outOfStep()).toEqual([]);

    await adminQuery(t.databaseUrl, `DELETE FROM offering WHERE code LIKE 'NARROW-%'`);
  });
});

describe('counts', () => {
  const FACETS = graphql(`query SearchRowsFacets($search: String, $filter: OfferingFilter) { offerings(first: 1, search: $search, filter: $filter) {
    totalCount facets { kinds { value count } areas { value count } topics { value count } sections { value count } deliveryModes { value count } } } }`);

  /** The same counts taken on `offering` and its link tables, for the anonymous reader's view (PUBLISHED, PUBLIC). */
  async function countedOnOffering(where: string): Promise<Record<string, Record<string, number>>> {
    const rows = await adminQuery<{ facet: string; value: string; n: number }>(t.databaseUrl, `
      WITH m AS (SELECT o.* FROM offering o WHERE o.status = 'PUBLISHED' AND o.releasability = 'PUBLIC' AND ${where})
      SELECT 'total' AS facet, '' AS value, count(*)::int AS n FROM m
      UNION ALL SELECT 'kinds', kind, count(*)::int FROM m GROUP BY kind
      UNION ALL SELECT 'deliveryModes', delivery_mode, count(*)::int FROM m GROUP BY delivery_mode
      UNION ALL SELECT 'sections', s.code, count(*)::int FROM m JOIN section s ON s.id = m.owning_section_id GROUP BY s.code
      UNION ALL SELECT 'areas', a.code, count(*)::int FROM m JOIN offering_area x ON x.offering_id = m.id JOIN cooperation_area a ON a.id = x.area_id GROUP BY a.code
      UNION ALL SELECT 'topics', tp.code, count(*)::int FROM m JOIN offering_topic y ON y.offering_id = m.id JOIN topic tp ON tp.id = y.topic_id GROUP BY tp.code`);
    const out: Record<string, Record<string, number>> = { total: {}, kinds: {}, deliveryModes: {}, sections: {}, areas: {}, topics: {} };
    for (const r of rows) out[r.facet]![r.value] = r.n;
    return out;
  }

  const cases: Array<[string, { search?: string; filter?: Record<string, unknown> }, string]> = [
    ['the whole catalogue', {}, 'true'],
    ['a search word', { search: 'course' }, `(o.search_en @@ websearch_to_tsquery('english', 'course') OR o.search_fr @@ websearch_to_tsquery('french', 'course')
        OR o.search_title_en @@ to_tsquery('english', 'course:*') OR o.search_title_fr @@ to_tsquery('french', 'course:*'))`],
    ['a kind filter (kinds counted without it)', { filter: { kinds: ['COE_COURSE'] } }, `o.kind = 'COE_COURSE'`],
  ];
  it.each(cases)('equal counts taken on offering itself: %s', async (_name, variables, where) => {
    const res = await countSql(() => t.gql(FACETS, variables));
    expect(res.result.errors).toBeUndefined();
    expect(res.sql.find((s) => /WITH matched AS/.test(s))).toMatch(/FROM "?offering_search"? "?o"?/);
    const { totalCount, facets } = res.result.data!.offerings;
    const expected = await countedOnOffering(where);
    const unfiltered = variables.filter?.kinds ? await countedOnOffering('true') : expected;
    const asMap = (list: Array<{ value: string; count: number }>) => Object.fromEntries(list.map((x) => [x.value, x.count]));
    expect(totalCount).toBe(expected.total!['']);
    expect(asMap(facets.kinds)).toEqual(unfiltered.kinds);
    expect(asMap(facets.deliveryModes)).toEqual(expected.deliveryModes);
    expect(asMap(facets.sections)).toEqual(expected.sections);
    expect(asMap(facets.areas)).toEqual(expected.areas);
    expect(asMap(facets.topics)).toEqual(expected.topics);
  });
});
