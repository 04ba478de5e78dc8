import { seedOfferings as allSeedOfferings } from '../src/database/seed-data/index.js';
import { ApiKeyScope } from '../src/common/auth/role.js';
import { actors } from './support/actors.js';
import { graphql, type ResultOf, type VariablesOf } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { countSql } from './support/sql-counter.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// One seeded app for the whole file; every test here only reads.
let t: TestApp;
/** A catalogue-scoped API key (an integration): it reads what every partner may see (PUBLIC and NATO UNCLASSIFIED). */
let integration: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', CATALOGUE_PUBLIC: 'true' } });
  integration = await actors(t).asApiKey(ApiKeyScope.CATALOGUE);
});
afterAll(async () => {
  await t?.close();
});

const LIST = graphql(`query List($first: Int, $after: String, $search: String, $filter: OfferingFilter, $orderBy: OfferingOrder, $language: Language) {
  offerings(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy, language: $language) {
    totalCount
    edges { cursor node { id code title kind deliveryMode owningSection { code } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`);

type Variables = VariablesOf<typeof LIST>;
type Node = ResultOf<typeof LIST>['offerings']['edges'][number]['node'];

async function list(variables: Variables, headers?: Record<string, string>) {
  const res = await t.gql(LIST, variables, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.offerings;
}

/**
 * Most reads here are anonymous (CATALOGUE_PUBLIC): they see the PUBLIC offerings only (releasability, issue #15),
 * so the expectations count those.
 */
const seedOfferings = allSeedOfferings.filter((o) => o.releasability === 'PUBLIC');

async function codes(variables: Variables, headers?: Record<string, string>): Promise<string[]> {
  return (await list({ first: 100, ...variables }, headers)).edges.map((e) => e.node.code);
}

/** Sends LIST with variables the schema or the validation must refuse (so unchecked). */
async function badInput(variables: Record<string, unknown>): Promise<string> {
  const res = await t.rawGql(LIST, variables);
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  return res.errors![0].message;
}

/** Follows endCursor until the last page; returns every node in order. */
async function walk(variables: Variables, first: number): Promise<{ nodes: Node[]; totals: number[]; pages: number }> {
  const nodes: Node[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await list({ ...variables, first, after });
    pages++;
    totals.push(page.totalCount);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { nodes, totals, pages };
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(100);
  }
}

const titleMentions = (n: Node, word: RegExp) => word.test(n.title);

describe('search', () => {
  it('finds "terrorism" in English and ranks title matches first', async () => {
    const { edges, totalCount } = await list({ first: 100, search: 'terrorism', language: 'EN' });
    expect(totalCount).toBeGreaterThan(5);
    const inTitle = edges.map((e) => titleMentions(e.node, /terroris/i));
    expect(inTitle[0]).toBe(true);
    // Every title hit comes before every offering that mentions the word only in its text.
    const lastTitleHit = inTitle.lastIndexOf(true);
    const firstTextOnly = inTitle.indexOf(false);
    expect(firstTextOnly === -1 || lastTitleHit < firstTextOnly).toBe(true);
    expect(edges.map((e) => e.node.code)).toEqual(expect.arrayContaining(['NSO-CT-101', 'CT-BRIEF-ALLIES']));
  });

  it('finds "terrorisme" in French, titles in French, title matches first', async () => {
    const { edges } = await list({ first: 100, search: 'terrorisme', language: 'FR' });
    expect(edges[0].node.title).toMatch(/terroris/i);
    expect(edges.map((e) => e.node.code)).toContain('NSO-CT-101');
    const nso = edges.find((e) => e.node.code === 'NSO-CT-101')!;
    expect(nso.node.title).toBe("Cours de lutte contre le terrorisme (École de l'OTAN d'Oberammergau)");
  });

  it('finds the NATO School courses for "Oberammergau", accents and case aside', async () => {
    const found = await codes({ search: 'oberammergau' });
    expect(found).toContain('NSO-CT-101');
    expect(await codes({ search: 'École' })).toContain('NSO-CT-101');
    expect(await codes({ search: 'ecole oberammergau' })).toContain('NSO-CT-101');
  });

  it('puts the offering with an exact course code first, and finds ETOC codes', async () => {
    expect((await codes({ search: 'NSO-CT-101' }))[0]).toBe('NSO-CT-101');
    expect((await codes({ search: 'nso-ct-101' }))[0]).toBe('NSO-CT-101');
    const etoc = seedOfferings.find((o) => o.etocCode === 'ADL-CT-171')!;
    expect((await codes({ search: 'ADL-CT-171' }))[0]).toBe(etoc.code);
  });

  it('finds titles and codes from the beginnings of their words, as a search box is typed', async () => {
    expect(await codes({ search: 'cyber def' })).toContain('ELN-CYBER-AWARENESS');
    expect((await codes({ search: 'cyber defence aware' }))[0]).toBe('ELN-CYBER-AWARENESS');
    expect(await codes({ search: 'oberammer' })).toContain('NSO-CT-101');
    const nso = await codes({ search: 'nso-ct' });
    expect(nso).toEqual(expect.arrayContaining(['NSO-CT-101', 'NSO-CT-MENA-MTT', 'NSO-CT-BORDER-PFP']));
    // Search syntax in the term is not tsquery syntax: quotes and operators are only separators there.
    expect(await codes({ search: "cyber' & !def:*" })).toContain('ELN-CYBER-AWARENESS');
  });

  it('finds a fragment from the middle of a code or title when words and beginnings find nothing', async () => {
    expect(await codes({ search: 'ct-101' })).toContain('NSO-CT-101');
    expect(await codes({ search: 'ammergau' })).toContain('NSO-CT-101');
  });

  it('matches misspelt words and fragments through trigrams', async () => {
    expect(await codes({ search: 'terorism' })).toEqual(expect.arrayContaining(['NSO-CT-101']));
    expect(await codes({ search: 'Oberamergau' })).toContain('NSO-CT-101');
    const cyber = await codes({ search: 'cyb' });
    expect(cyber.length).toBeGreaterThan(0);
  });

  it('finds "tallin" for the CCDCOE course in Tallinn: the beginning of any word, when whole words find nothing', async () => {
    expect(await codes({ search: 'Tallinn' })).toEqual(['COE-CCD-LAW']);
    expect(await codes({ search: 'tallin' })).toEqual(['COE-CCD-LAW']);
  });

  it('finds nothing for a word in no offering', async () => {
    expect(await list({ search: 'xylophonequartet' })).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('pagination', () => {
  it('walks the whole catalogue in disjoint, complete pages whose totalCount matches', async () => {
    const all = await adminQuery<{ count: number }>(t.databaseUrl, `SELECT count(*)::int AS count FROM offering WHERE status = 'PUBLISHED' AND releasability = 'PUBLIC'`);
    const { nodes, totals, pages } = await walk({}, 7);
    expect(nodes.length).toBe(all[0].count);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(new Set(totals)).toEqual(new Set([all[0].count]));
    expect(pages).toBe(Math.ceil(all[0].count / 7));
    const sorted = [...nodes.map((n) => n.code)].sort();
    expect(nodes.map((n) => n.code)).toEqual(sorted);
  });

  it.each([['TITLE'], ['NEWEST'], ['CODE']] as const)('walks completely when ordered by %s', async (orderBy) => {
    const { nodes, totals } = await walk({ orderBy, language: 'FR' }, 9);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(nodes.length).toBe(totals[0]);
  });

  it('walks search results by relevance (cursor carries rank and id) without gaps or repeats', async () => {
    const { edges } = await list({ first: 100, search: 'terrorism' });
    const { nodes } = await walk({ search: 'terrorism' }, 4);
    expect(nodes.map((n) => n.id)).toEqual(edges.map((e) => e.node.id));
  });

  it('orders by the next start date, soonest first and offerings with nothing coming up last, across pages', async () => {
    const expected = await adminQuery<{ code: string }>(
      t.databaseUrl,
      // What an anonymous reader sees: published and PUBLIC (releasability).
      `SELECT o.code FROM offering o WHERE o.status = 'PUBLISHED' AND o.releasability = 'PUBLIC'
        ORDER BY coalesce((SELECT min(i.start_date) FROM offering_iteration i WHERE i.offering_id = o.id AND i.status <> 'CANCELLED' AND i.start_date >= CURRENT_DATE), 'infinity'::date), o.id`,
    );
    const { nodes, totals } = await walk({ orderBy: 'START_DATE' }, 7);
    expect(nodes.map((n) => n.code)).toEqual(expected.map((r) => r.code));
    expect(new Set(totals)).toEqual(new Set([expected.length]));
  });

  it('caps the page size at 100 and names the argument', async () => {
    expect((await list({ first: 100 })).edges.length).toBeLessThanOrEqual(100);
    expect(await badInput({ first: 101 })).toMatch(/^first must be at most 100/);
    expect(await badInput({ first: -1 })).toMatch(/^first must be a whole number/);
  });

  it('rejects malformed cursors and cursors of another order or search, naming after', async () => {
    expect(await badInput({ after: 'not-a-cursor!' })).toMatch(/Malformed cursor in after/);
    const byCode = await list({ first: 2 });
    expect(await badInput({ after: byCode.pageInfo.endCursor, orderBy: 'TITLE' })).toMatch(/Malformed cursor in after/);
    const searched = await list({ first: 2, search: 'terrorism' });
    expect(await badInput({ after: searched.pageInfo.endCursor, search: 'cyber' })).toMatch(/Malformed cursor in after/);
    const forged = Buffer.from(JSON.stringify(['CODE', 'X', 'not-a-uuid'])).toString('base64url');
    expect(await badInput({ after: forged })).toMatch(/Malformed cursor in after/);
  });
});

describe('filters', () => {
  it('filters by kinds, delivery modes and owning sections', async () => {
    const dcb = await list({ first: 100, filter: { kinds: ['DCB_PACKAGE'] } });
    expect(dcb.totalCount).toBe(seedOfferings.filter((o) => o.kind === 'DCB_PACKAGE').length);
    expect(dcb.edges.every((e) => e.node.kind === 'DCB_PACKAGE')).toBe(true);

    const remote = await list({ first: 100, filter: { deliveryModes: ['REMOTE', 'HYBRID'] } });
    expect(remote.totalCount).toBe(seedOfferings.filter((o) => ['REMOTE', 'HYBRID'].includes(o.deliveryMode)).length);

    const cts = await list({ first: 100, filter: { sectionCodes: ['CTS'] } });
    expect(cts.totalCount).toBe(seedOfferings.filter((o) => o.owningSectionCode === 'CTS').length);
    expect(cts.edges.every((e) => e.node.owningSection.code === 'CTS')).toBe(true);
  });

  it('filters by areas and topics (any of the codes)', async () => {
    const expected = seedOfferings.filter((o) => o.areaCodes.includes('SCIENCE') || o.topicCodes.includes('CBRN')).length;
    const areas = await list({ filter: { areaCodes: ['SCIENCE'] } });
    expect(areas.totalCount).toBe(seedOfferings.filter((o) => o.areaCodes.includes('SCIENCE')).length);
    const topics = await list({ filter: { topicCodes: ['CBRN', 'WPS'] } });
    expect(topics.totalCount).toBe(seedOfferings.filter((o) => o.topicCodes.includes('CBRN') || o.topicCodes.includes('WPS')).length);
    const both = await list({ filter: { areaCodes: ['SCIENCE'], topicCodes: ['CBRN'] } });
    expect(both.totalCount).toBe(seedOfferings.filter((o) => o.areaCodes.includes('SCIENCE') && o.topicCodes.includes('CBRN')).length);
    expect(both.totalCount).toBeLessThanOrEqual(expected);
  });

  it('combines filters with search', async () => {
    const found = await list({ first: 100, search: 'terrorism', filter: { kinds: ['TRAINING_COURSE'] } });
    expect(found.totalCount).toBeGreaterThan(0);
    expect(found.edges.every((e) => e.node.kind === 'TRAINING_COURSE')).toBe(true);
  });

  it('filters by iteration start dates and open seats', async () => {
    const today = new Date();
    const day = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + n)).toISOString().slice(0, 10);
    const startsWithin = (from: number, to: number) =>
      seedOfferings.filter((o) => o.iterations.some((i) => i.startInDays >= from && i.startInDays <= to)).map((o) => o.code).sort();
    expect(await codes({ filter: { startsAfter: day(30), startsBefore: day(90) } })).toEqual(startsWithin(30, 90));
    expect(await codes({ filter: { startsAfter: day(200) } })).toEqual(startsWithin(200, 100_000));

    const open = await codes({ filter: { hasOpenSeats: true } });
    expect(open).toContain('NSO-CT-101');
    expect(open).not.toContain('CT-BRIEF-ALLIES'); // no iterations
    const none = await codes({ filter: { hasOpenSeats: false } });
    expect(none).toContain('CT-BRIEF-ALLIES');
    expect(open.filter((c) => none.includes(c))).toEqual([]);
  });

  it('reports unknown codes and dates as bad input naming the argument', async () => {
    expect(await badInput({ filter: { topicCodes: ['CBRN', 'FOO', 'BAR'] } })).toBe('Unknown topic code(s) in filter.topicCodes: FOO, BAR');
    expect(await badInput({ filter: { areaCodes: ['NOPE'] } })).toBe('Unknown area code(s) in filter.areaCodes: NOPE');
    expect(await badInput({ filter: { sectionCodes: ['XX'] } })).toBe('Unknown section code(s) in filter.sectionCodes: XX');
    expect(await badInput({ filter: { eligibleForPartner: 'ATL' } })).toBe('Unknown partner code in filter.eligibleForPartner: ATL');
    expect(await badInput({ filter: { startsAfter: '2026-02-30' } })).toMatch(/startsAfter/);
    expect(await badInput({ filter: { kinds: ['PICNIC'] } })).toMatch(/kinds/);
  });

  it('rejects an unknown language naming it', async () => {
    expect(await badInput({ language: 'DE' })).toMatch(/language/i);
    const inline = await t.rawGql('{ offerings(language: DE) { totalCount } }');
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(inline.errors?.[0].message).toMatch(/Language/);
  });
});

describe('eligibility', () => {
  it('shows DCB packages only to DCB partners, each its own', async () => {
    const georgia = await codes({ filter: { kinds: ['DCB_PACKAGE'], eligibleForPartner: 'GEO' } }, integration);
    expect(georgia).toEqual(expect.arrayContaining(['DCB-GEO-PKG', 'DCB-CT-MODULE']));
    expect(georgia).not.toContain('DCB-JOR-PKG');
    expect(await codes({ filter: { kinds: ['DCB_PACKAGE'], eligibleForPartner: 'AUT' } }, integration)).toEqual([]);
    expect(await codes({ filter: { kinds: ['DCB_PACKAGE'], eligibleForPartner: 'JPN' } }, integration)).toEqual([]);
  });

  it('applies framework eligibility and open offerings', async () => {
    const mdOnly = seedOfferings.filter((o) => o.eligibleFrameworkCodes.length && !o.eligibleFrameworkCodes.includes('EAPC_PFP') && !o.eligiblePartnerCodes.length);
    expect(mdOnly.length).toBeGreaterThan(0);
    const austria = await codes({ filter: { eligibleForPartner: 'AUT' } });
    for (const o of mdOnly) expect(austria).not.toContain(o.code);
    expect(austria).toContain('CT-BRIEF-ALLIES'); // open to every active partner
    const jordan = await codes({ filter: { eligibleForPartner: 'JOR' } });
    for (const o of mdOnly.filter((x) => x.eligibleFrameworkCodes.includes('MD'))) expect(jordan).toContain(o.code);
  });

  it('gives a suspended partner nothing at all', async () => {
    expect(await list({ filter: { eligibleForPartner: 'RUS' } })).toMatchObject({ totalCount: 0, edges: [] });
    expect(await list({ filter: { eligibleForPartner: 'AFG' } })).toMatchObject({ totalCount: 0 });
  });
});

describe('facets', () => {
  const FACETS = graphql(`query($search: String, $filter: OfferingFilter) { offerings(first: 1, search: $search, filter: $filter) {
    totalCount facets { kinds { value count } areas { value count } topics { value count } sections { value count } deliveryModes { value count } } } }`);

  it('counts every dimension for the current search and filter', async () => {
    const res = await t.gql(FACETS, { filter: { areaCodes: ['TRAINING'] } });
    expect(res.errors).toBeUndefined();
    const { totalCount, facets } = res.data!.offerings;
    const training = seedOfferings.filter((o) => o.areaCodes.includes('TRAINING'));
    expect(totalCount).toBe(training.length);
    const sum = (list: { count: number }[]) => list.reduce((s, x) => s + x.count, 0);
    expect(sum(facets.kinds)).toBe(totalCount);
    expect(sum(facets.sections)).toBe(totalCount);
    expect(sum(facets.deliveryModes)).toBe(totalCount);
    expect(facets.areas.find((a: { value: string }) => a.value === 'TRAINING')!.count).toBe(totalCount);
    const courses = training.filter((o) => o.kind === 'COE_COURSE').length;
    expect(facets.kinds).toContainEqual({ value: 'COE_COURSE', count: courses });
    const cbrn = training.filter((o) => o.topicCodes.includes('CBRN')).length;
    if (cbrn) expect(facets.topics).toContainEqual({ value: 'CBRN', count: cbrn });
    expect(facets.kinds.map((k: { count: number }) => k.count)).toEqual([...facets.kinds.map((k: { count: number }) => k.count)].sort((a, b) => b - a));
  });

  it('computes only what the document reads: the total alone, or just the facets selected (fragments and aliases too)', async () => {
    const filter = { areaCodes: ['TRAINING'] };
    const whole = (await t.gql(FACETS, { filter })).data!.offerings;
    const summaryOf = (sql: string[]) => sql.filter((s) => /WITH matched AS/.test(s));

    const TOTAL = graphql(`query($filter: OfferingFilter) { offerings(first: 1, filter: $filter) { totalCount } }`);
    const total = await countSql(() => t.gql(TOTAL, { filter }));
    expect(total.result.data!.offerings.totalCount).toBe(whole.totalCount);
    const [totalStatement] = summaryOf(total.sql);
    expect(totalStatement).toMatch(/'total'/);
    expect(totalStatement).not.toMatch(/GROUP BY/);

    const SOME = graphql(`query($filter: OfferingFilter) { offerings(first: 1, filter: $filter) { ...Kinds byMode: facets { deliveryModes { value count } } } }
      fragment Kinds on OfferingConnection { facets { kinds { value count } } }`);
    const some = await countSql(() => t.gql(SOME, { filter }));
    expect(some.result.data!.offerings.facets.kinds).toEqual(whole.facets.kinds);
    expect(some.result.data!.offerings.byMode.deliveryModes).toEqual(whole.facets.deliveryModes);
    const [someStatement] = summaryOf(some.sql);
    // One scan, grouped by the two facets read, and no total (the empty set).
    expect(someStatement).toMatch(/GROUP BY GROUPING SETS \(\(o\.kind\), \(o\.delivery_mode\)\)/);
    expect(someStatement).not.toMatch(/'total'|'areas'|'topics'|'sections'/);

    const PAGE = graphql(`{ offerings(first: 1) { edges { node { code } } } }`);
    expect(summaryOf((await countSql(() => t.gql(PAGE, {}))).sql)).toEqual([]);
  });

  it('counts a filtered dimension without its own filter, so a second kind can be added to the first', async () => {
    const all = (await t.gql(FACETS, {})).data!.offerings.facets.kinds;
    const [first, second] = all;
    const one = (await t.gql(FACETS, { filter: { kinds: [first!.value as never] } })).data!.offerings;
    expect(one.totalCount).toBe(first!.count);
    // Every kind is still offered, with the count it would add; the other dimensions follow the filter.
    expect(one.facets.kinds).toEqual(all);
    expect(one.facets.deliveryModes.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(first!.count);
    const both = (await t.gql(FACETS, { filter: { kinds: [first!.value as never, second!.value as never] } })).data!.offerings;
    expect(both.totalCount).toBe(first!.count + second!.count);
    expect(both.facets.kinds).toEqual(all);
    // With two dimensions filtered, each one's counts follow the other.
    const withArea = (await t.gql(FACETS, { filter: { kinds: [first!.value as never], areaCodes: ['TRAINING'] } })).data!.offerings;
    const inTraining = (await t.gql(FACETS, { filter: { areaCodes: ['TRAINING'] } })).data!.offerings;
    expect(withArea.facets.kinds).toEqual(inTraining.facets.kinds);
    expect(withArea.facets.areas).toEqual(one.facets.areas);
  });

  it('follows the search', async () => {
    const res = await t.gql(FACETS, { search: 'Oberammergau' });
    const { totalCount, facets } = res.data!.offerings;
    expect(totalCount).toBeGreaterThan(0);
    expect(facets.kinds.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(totalCount);
  });
});

describe('prepared statements', () => {
  it('sends the loader batches of a page as named statements, and the search itself unnamed', async () => {
    const PAGE = graphql(`query($search: String) { offerings(first: 5, search: $search) { edges { node { code areas { code } topics { code } iterations { startDate } owningSection { code } } } } }`);
    const { result, sql, prepared } = await countSql(() => t.gql(PAGE, { search: 'course' }));
    expect(result.errors).toBeUndefined();
    expect(prepared.some((s) => /FROM offering_iteration/.test(s))).toBe(true);
    expect(prepared.some((s) => /offering_area/.test(s))).toBe(true);
    // A generic plan made for one search term can be wrong for the next: the page statement stays unnamed.
    const page = sql.find((s) => /INNER JOIN \(/.test(s) || /ORDER BY p\.sort_key/.test(s));
    expect(page).toBeDefined();
    expect(prepared).not.toContain(page);
  });
});

describe('single offering and language', () => {
  const ONE = graphql(`query($id: ID, $code: String, $language: Language) { offering(id: $id, code: $code, language: $language) {
    id code title summary description titleEn titleFr owningSection { code name } areas { name } iterations { capacity seatsAllocated seatsAvailable startDate endDate applicationDeadline status } } }`);

  it('reads by code or id, in the requested language', async () => {
    const fr = await t.gql(ONE, { code: 'NSO-CT-101', language: 'FR' });
    expect(fr.data!.offering!.title).toMatch(/^Cours de lutte contre le terrorisme/);
    expect(fr.data!.offering!.owningSection.name).toBe('Section Lutte contre le terrorisme');
    expect(fr.data!.offering!.titleEn).toBe('Counter-Terrorism Course (NATO School Oberammergau)');
    const byId = await t.gql(ONE, { id: fr.data!.offering!.id });
    expect(byId.data!.offering!.title).toBe('Counter-Terrorism Course (NATO School Oberammergau)');
    const it0 = byId.data!.offering!.iterations[0]!;
    expect(it0.seatsAvailable).toBe(it0.capacity! - it0.seatsAllocated);
    expect(it0.startDate <= it0.endDate).toBe(true);
  });

  it('uses Accept-Language when no language argument is given', async () => {
    const res = await t.gql(ONE, { code: 'NSO-CT-101' }, { 'accept-language': 'fr-BE,fr;q=0.9' });
    expect(res.data!.offering!.title).toMatch(/^Cours/);
    expect(res.data!.offering!.areas[0].name).toBe('Formation, enseignement et exercices');
  });

  it('falls back to the other language where a text is missing', async () => {
    await adminQuery(t.databaseUrl, `UPDATE offering SET summary_fr = NULL, title_fr = NULL WHERE code = 'CT-STAFF-TALKS'`);
    const res = await t.gql(ONE, { code: 'CT-STAFF-TALKS', language: 'FR' });
    expect(res.data!.offering!.title).toBe('Counter-Terrorism Staff-to-Staff Talks');
    expect(res.data!.offering!.summary).toMatch(/^Staff-to-staff talks/);
    expect(res.data!.offering!.description).toMatch(/^Les délégations/);
  });

  it('returns null for an unknown code, and rejects a call without id or code', async () => {
    expect((await t.gql(ONE, { code: 'NOPE' })).data!.offering).toBeNull();
    const none = await t.gql(ONE, {});
    expect(none.errors![0]).toMatchObject({ message: 'Give the offering id or its code.', extensions: { code: 'BAD_USER_INPUT' } });
    const badId = await t.gql(ONE, { id: '42' });
    expect(badId.errors![0].message).toMatch(/^id is not an offering id/);
  });

  it('hides drafts and archived offerings from non-administrators', async () => {
    await adminQuery(t.databaseUrl, `UPDATE offering SET status = 'DRAFT' WHERE code = 'DCB-UN-PKG'`);
    expect((await t.gql(ONE, { code: 'DCB-UN-PKG' })).data!.offering).toBeNull();
    expect(await codes({ filter: { kinds: ['DCB_PACKAGE'] } })).not.toContain('DCB-UN-PKG');
    expect(await codes({ filter: { statuses: ['DRAFT'] } })).toEqual([]);
    await adminQuery(t.databaseUrl, `UPDATE offering SET status = 'PUBLISHED' WHERE code = 'DCB-UN-PKG'`);
  });
});

describe('SQL statements', () => {
  const FULL = graphql(`query($first: Int) { offerings(first: $first) {
    totalCount
    facets { kinds { value count } areas { value count } topics { value count } sections { value count } deliveryModes { value count } }
    edges { cursor node {
      id code title summary description
      iterations { id startDate seatsAvailable }
      owningSection { code name } provider { code name }
      areas { code name } topics { code name }
      eligibleFrameworks { code name } eligiblePartners { code name }
    } }
  } }`);

  it('costs the same small number of statements for 50 offerings as for 5', async () => {
    const five = await countSql(() => t.gql(FULL, { first: 5 }));
    const fifty = await countSql(() => t.gql(FULL, { first: 50 }));
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.data!.offerings.edges).toHaveLength(50);
    expect(fifty.statements).toBe(five.statements);
    // page + total/facets + iterations + sections + areas + topics + eligibility (frameworks, partners)
    expect(fifty.statements).toBeLessThanOrEqual(8);
  });

  it('runs no total/facets query unless asked for', async () => {
    const { statements } = await countSql(() => t.gql(graphql('{ offerings(first: 50) { edges { node { code } } } }')));
    expect(statements).toBe(1);
  });
});
