import { seedPartners, seedSections } from '../src/database/seed-data/index.js';
import { seedDatabase } from '../src/database/seed/seed.js';
import { actors } from './support/actors.js';
import { graphql, type VariablesOf } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', CATALOGUE_PUBLIC: 'true' } });
  admin = await actors(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const counts = async (url: string) =>
  (await adminQuery<Record<string, number>>(
    url,
    `SELECT (SELECT count(*) FROM partnership_framework)::int AS frameworks, (SELECT count(*) FROM partner)::int AS partners,
            (SELECT count(*) FROM partner_framework)::int AS partner_frameworks, (SELECT count(*) FROM section)::int AS sections,
            (SELECT count(*) FROM cooperation_area)::int AS areas, (SELECT count(*) FROM topic)::int AS topics,
            (SELECT count(*) FROM offering)::int AS offerings, (SELECT count(*) FROM offering_iteration)::int AS iterations,
            (SELECT count(*) FROM offering_topic)::int AS offering_topics, (SELECT count(*) FROM offering_eligible_partner)::int AS eligible_partners`,
  ))[0];

describe('seed', () => {
  it('loads every partner, section and at least 40 sample offerings of every kind on start', async () => {
    const c = await counts(t.databaseUrl);
    expect(c).toMatchObject({ partners: seedPartners.length, sections: seedSections.length, areas: 6 });
    expect(c.offerings).toBeGreaterThanOrEqual(40);
    const kinds = await adminQuery(t.databaseUrl, 'SELECT DISTINCT kind FROM offering WHERE is_sample');
    expect(kinds).toHaveLength(11);
    // Course iterations fall within the next 12 months (the seed's relative dates).
    const [range] = await adminQuery(t.databaseUrl, 'SELECT min(start_date) >= CURRENT_DATE AS future, max(start_date) <= CURRENT_DATE + 400 AS within FROM offering_iteration');
    expect(range).toEqual({ future: true, within: true });
  });

  it('is idempotent: running it again (as npm run seed does) adds nothing', async () => {
    const before = await counts(t.databaseUrl);
    const again = await seedDatabase(t.databaseUrl, { sampleCatalogue: true });
    expect(again).toEqual({ skipped: false, referenceRows: 0, offerings: 0 });
    expect(await counts(t.databaseUrl)).toEqual(before);
    // Start-up seeding leaves a database that already has reference data alone.
    expect(await seedDatabase(t.databaseUrl, { sampleCatalogue: true, onlyIfEmpty: true })).toMatchObject({ skipped: true });
  });

  it('leaves the sample catalogue out when SEED_SAMPLE_CATALOGUE=false', async () => {
    const bare = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', CATALOGUE_PUBLIC: 'true' } });
    try {
      const c = await counts(bare.databaseUrl);
      expect(c).toMatchObject({ partners: seedPartners.length, sections: seedSections.length, offerings: 0 });
      const res = await bare.gql(graphql('{ offerings { totalCount } partners { code } }'));
      expect(res.data).toMatchObject({ offerings: { totalCount: 0 } });
      expect(res.data!.partners).toHaveLength(seedPartners.length);
    } finally {
      await bare.close();
    }
  });
});

describe('partners and frameworks', () => {
  it('lists partners with frameworks, flags and names in the content language', async () => {
    const res = await t.gql(graphql('{ partners(filter: { programmeFlags: ["DCB"] }) { code name kind suspended programmeFlags frameworks { code name } } }'), {}, { 'accept-language': 'fr' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.partners.map((p: { code: string }) => p.code).sort()).toEqual(['BIH', 'GEO', 'IRQ', 'JOR', 'MDA', 'MRT', 'TUN', 'UN']);
    const georgia = res.data!.partners.find((p: { code: string }) => p.code === 'GEO');
    expect(georgia).toMatchObject({ name: 'Géorgie', kind: 'NATION', suspended: false, frameworks: [{ code: 'EAPC_PFP', name: 'Conseil de partenariat euro-atlantique / Partenariat pour la paix' }] });
  });

  it('filters by framework, kind and suspension, and rejects unknown frameworks', async () => {
    const md = await t.gql(graphql('{ partners(filter: { frameworkCodes: ["MD"] }) { code } }'));
    expect(md.data!.partners).toHaveLength(7);
    const suspended = await t.gql(graphql('{ partners(filter: { suspended: true }) { code } }'));
    expect(suspended.data!.partners.map((p: { code: string }) => p.code)).toEqual(['AFG', 'BLR', 'RUS']);
    const orgs = await t.gql(graphql('{ partners(filter: { kinds: [ORGANISATION] }) { code } }'));
    expect(orgs.data!.partners).toHaveLength(5);
    const bad = await t.gql(graphql('{ partners(filter: { frameworkCodes: ["NOPE"] }) { code } }'));
    expect(bad.errors![0]).toMatchObject({ message: 'Unknown framework code(s) in filter.frameworkCodes: NOPE', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await t.gql(graphql('{ partner(code: "JOR") { name } }'))).data!.partner).toEqual({ name: 'Jordan' });
    expect((await t.gql(graphql('{ partner(code: "XXX") { name } }'))).data!.partner).toBeNull();
    expect((await t.gql(graphql('{ partnershipFrameworks { code } }'))).data!.partnershipFrameworks).toHaveLength(5);
  });

  it('upserts a partner and replaces its frameworks', async () => {
    const M = graphql('mutation($input: PartnerInput!) { upsertPartner(input: $input) { code name suspended programmeFlags frameworks { code } } }');
    const input: VariablesOf<typeof M>['input'] = { code: 'ZZA', kind: 'NATION', nameEn: 'Zedland', nameFr: 'Zédlande', frameworkCodes: ['PAG'], programmeFlags: ['DEEP'], suspended: false };
    expect((await t.gql(M, { input }, admin)).data!.upsertPartner).toEqual({ code: 'ZZA', name: 'Zedland', suspended: false, programmeFlags: ['DEEP'], frameworks: [{ code: 'PAG' }] });
    const moved = await t.gql(M, { input: { ...input, frameworkCodes: ['MD', 'ICI'], suspended: true } }, admin);
    expect(moved.data!.upsertPartner).toMatchObject({ suspended: true, frameworks: [{ code: 'ICI' }, { code: 'MD' }] });
    // Suspended: eligible for nothing.
    const offered = await t.gql(graphql('{ offerings(filter: { eligibleForPartner: "ZZA" }) { totalCount } }'));
    expect(offered.data!.offerings.totalCount).toBe(0);
    const bad = await t.gql(M, { input: { ...input, frameworkCodes: ['XX'] } }, admin);
    expect(bad.errors![0]).toMatchObject({ message: 'Unknown framework code(s) in input.frameworkCodes: XX', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('sections', () => {
  it('exposes the tree through parent and children', async () => {
    const res = await t.gql(graphql('{ section(code: "CTS") { code name kind mailbox timeZone acknowledgeTargetDays parent { code parent { code } } } sections { code } }'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.section).toMatchObject({ code: 'CTS', name: 'Counter-Terrorism Section', parent: { code: 'ESC', parent: { code: 'IS' } } });
    expect(res.data!.sections).toHaveLength(seedSections.length);
    const children = await t.gql(graphql('{ section(code: "PASP_PARTNERSHIPS") { children { code } } }'));
    expect(children.data!.section!.children.map((c: { code: string }) => c.code)).toEqual(['PASP_DESK_EAST', 'PASP_DESK_GLOBAL', 'PASP_DESK_SOUTH', 'PASP_DESK_WEST']);
    expect((await t.gql(graphql('{ section(code: "NOPE") { code } }'))).data!.section).toBeNull();
  });

  it('upserts a section, refusing unknown parents and cycles', async () => {
    const M = graphql('mutation($input: SectionInput!) { upsertSection(input: $input) { code parent { code } } }');
    const input: VariablesOf<typeof M>['input'] = { code: 'CTS_POLICY', nameEn: 'CT Policy Unit', nameFr: 'Unité Politique LCT', kind: 'SECTION', parentCode: 'CTS', mailbox: 'ct-policy@example.nato.int', timeZone: 'Europe/Brussels', acknowledgeTargetDays: 5, decideTargetDays: 30 };
    expect((await t.gql(M, { input }, admin)).data!.upsertSection).toEqual({ code: 'CTS_POLICY', parent: { code: 'CTS' } });
    const cycle = await t.gql(M, { input: { ...input, code: 'CTS', parentCode: 'CTS_POLICY' } }, admin);
    expect(cycle.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(cycle.errors![0].message).toMatch(/cannot be its own ancestor/);
    const unknown = await t.gql(M, { input: { ...input, parentCode: 'NOPE' } }, admin);
    expect(unknown.errors![0].message).toBe('Unknown section code in input.parentCode: NOPE');
    const invalid = await t.gql(M, { input: { ...input, timeZone: 'Mars/Olympus', mailbox: 'nope' } }, admin);
    expect(invalid.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors![0].message).toMatch(/mailbox/);
  });
});
