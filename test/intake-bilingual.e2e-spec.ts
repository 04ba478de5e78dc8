import { missingTranslations } from '../src/catalogue/bilingual-publishing.js';
import { actors } from './support/actors.js';
import { graphql, type ResultOf } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

// Issue #15 item 5 (bilingual publishing), the seed catalogue it must hold for, the DCB/DEEP seed on flags
// (item 3), and item 6 (partnership frameworks editable).
let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', WORKERS_ENABLED: 'false' } });
  admin = await actors(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (res: GraphQLResponse<unknown>) => {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions!.code as string, message: res.errors![0].message, missing: res.errors![0].extensions!.missing };
};
const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

const TEXTS = graphql(`query($after: String) { offerings(first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
  code status titleEn titleFr summaryEn summaryFr descriptionEn descriptionFr prerequisitesEn prerequisitesFr costNotesEn costNotesFr
  iterations { startDate locationEn locationFr }
} } } }`);
const FLAGS = graphql('query($code: String!) { offering(code: $code) { requiredProgrammeFlags eligiblePartners { code } } }');
const DEEP = graphql('{ offerings(first: 10, filter: { kinds: [DEEP_PROGRAMME] }) { totalCount edges { node { code requiredProgrammeFlags eligiblePartners { code } } } } }');

/** Every offering an administrator sees, page by page (a page's cost stays under the limit). */
type TextsPage = ResultOf<typeof TEXTS>['offerings'];
async function everyOffering(): Promise<Array<TextsPage['edges'][number]['node']>> {
  const nodes: Array<TextsPage['edges'][number]['node']> = [];
  let after: string | null = null;
  for (;;) {
    const offerings: TextsPage = ok(await t.gql(TEXTS, { after }, admin)).offerings;
    nodes.push(...offerings.edges.map((e) => e.node));
    if (!offerings.pageInfo.hasNextPage) return nodes;
    after = offerings.pageInfo.endCursor;
  }
}
const CREATE = graphql('mutation($input: CreateOfferingInput!) { createOffering(input: $input) { id version } }');
const UPDATE = graphql('mutation($input: UpdateOfferingInput!) { updateOffering(input: $input) { id version } }');
const ITERATION = graphql('mutation($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id } }');
const PUBLISH = graphql('mutation($id: ID!) { publishOffering(id: $id) { status } }');
const ONE = graphql('query($code: String!, $language: Language) { offering(code: $code, language: $language) { title prerequisites costNotes iterations { location } } }');

describe('the seed catalogue', () => {
  it('publishes every sample offering in both languages, every text and every iteration location', async () => {
    const offerings = await everyOffering();
    expect(offerings.length).toBeGreaterThan(50);
    expect(offerings.every((o) => o.status === 'PUBLISHED')).toBe(true);
    const incomplete = offerings.map((o) => ({ code: o.code, missing: missingTranslations(o, o.iterations) })).filter((o) => o.missing.length > 0);
    expect(incomplete).toEqual([]);
  });

  it('puts DCB and DEEP offerings on their programme flag instead of a copied partner list', async () => {
    expect(ok(await t.gql(FLAGS, { code: 'DCB-CT-MODULE' }, admin)).offering).toEqual({ requiredProgrammeFlags: ['DCB'], eligiblePartners: [] });
    expect(ok(await t.gql(FLAGS, { code: 'DCB-GEO-PKG' }, admin)).offering).toEqual({ requiredProgrammeFlags: ['DCB'], eligiblePartners: [{ code: 'GEO' }] });
    const deep = ok(await t.gql(DEEP, {}, admin)).offerings;
    expect(deep.totalCount).toBe(3);
    expect(deep.edges.map((e) => [e.node.requiredProgrammeFlags, e.node.eligiblePartners])).toEqual([[['DEEP'], []], [['DEEP'], []], [['DEEP'], []]]);
  });
});

describe('publishing needs English and French', () => {
  let id: string;
  let version: number;

  it('refuses an English-only offering with TRANSLATION_REQUIRED, listing every missing field path', async () => {
    ({ id, version } = ok(
      await t.gql(CREATE, {
        input: {
          code: 'INT-BILINGUAL', kind: 'TRAINING_COURSE', titleEn: 'Crisis communication course', summaryEn: 'Five days on crisis communication.',
          descriptionEn: 'Exercises and case studies.', prerequisites: 'English SLP 3232.', costNotes: 'No fee.', owningSectionCode: 'CTS',
          deliveryMode: 'RESIDENT', leadTimeDays: 30,
        },
      }, admin),
    ).createOffering);
    ok(await t.gql(ITERATION, { input: { offeringId: id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', status: 'PLANNED' } }, admin));
    const refused = errorOf(await t.gql(PUBLISH, { id }, admin));
    const missing = ['titleFr', 'summaryFr', 'descriptionFr', 'prerequisitesFr', 'costNotesFr', 'iterations[0].locationFr'];
    expect(refused).toEqual({
      code: 'TRANSLATION_REQUIRED',
      message: `INT-BILINGUAL cannot be published: a published offering needs every text in English and French. Missing: ${missing.join(', ')}. Fill them in and try again.`,
      missing,
    });
    const [row] = await adminQuery<{ status: string }>(t.databaseUrl, 'SELECT status FROM offering WHERE id = $1', [id]);
    expect(row!.status).toBe('DRAFT');
  });

  it('publishes once every text has both languages, and French readers get the French texts', async () => {
    const [iteration] = await adminQuery<{ id: string }>(t.databaseUrl, 'SELECT id FROM offering_iteration WHERE offering_id = $1', [id]);
    ok(await t.gql(UPDATE, {
      input: {
        id, version, titleFr: 'Cours de communication de crise', summaryFr: 'Cinq jours sur la communication de crise.', descriptionFr: 'Exercices et études de cas.',
        prerequisitesFr: 'Anglais PLS 3232.',
      },
    }, admin));
    // Still missing two: the refusal names exactly those.
    expect(errorOf(await t.gql(PUBLISH, { id }, admin)).missing).toEqual(['costNotesFr', 'iterations[0].locationFr']);
    const current = (await adminQuery<{ version: number }>(t.databaseUrl, 'SELECT version FROM offering WHERE id = $1', [id]))[0]!.version;
    ok(await t.gql(UPDATE, { input: { id, version: current, costNotesFr: 'Gratuit.' } }, admin));
    ok(await t.gql(ITERATION, { input: { id: iteration!.id, offeringId: id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', locationFr: 'Riga (Lettonie)', status: 'PLANNED' } }, admin));
    expect(ok(await t.gql(PUBLISH, { id }, admin)).publishOffering.status).toBe('PUBLISHED');

    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: 'FR' }, admin)).offering).toEqual({
      title: 'Cours de communication de crise', prerequisites: 'Anglais PLS 3232.', costNotes: 'Gratuit.', iterations: [{ location: 'Riga (Lettonie)' }],
    });
    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: null }, { ...admin, 'accept-language': 'fr-FR,fr;q=0.9' })).offering!.costNotes).toBe('Gratuit.');
    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: 'EN' }, admin)).offering).toEqual({
      title: 'Crisis communication course', prerequisites: 'English SLP 3232.', costNotes: 'No fee.', iterations: [{ location: 'Riga, Latvia' }],
    });
  });
});

describe('partnership frameworks are editable', () => {
  const UPSERT = graphql('mutation($input: PartnershipFrameworkInput!) { upsertPartnershipFramework(input: $input) { code name nameEn nameFr } }');

  it('creates and renames a framework, audited, for administrators only', async () => {
    const created = ok(await t.gql(UPSERT, { input: { code: 'GCC', nameEn: 'Gulf Cooperation Council dialogue', nameFr: 'Dialogue avec le Conseil de coopération du Golfe' } }, admin));
    expect(created.upsertPartnershipFramework).toMatchObject({ code: 'GCC', name: 'Gulf Cooperation Council dialogue' });
    const renamed = ok(await t.gql(UPSERT, { input: { code: 'GCC', nameEn: 'GCC dialogue', nameFr: 'Dialogue CCG' } }, { ...admin, 'accept-language': 'fr' }));
    expect(renamed.upsertPartnershipFramework).toEqual({ code: 'GCC', name: 'Dialogue CCG', nameEn: 'GCC dialogue', nameFr: 'Dialogue CCG' });
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_type = 'PartnershipFramework' ORDER BY id`);
    expect(audit.map((r) => r.action)).toEqual(['framework.create', 'framework.update']);
    const partner = await actors(t).asPartner('GEO');
    expect(errorOf(await t.gql(UPSERT, { input: { code: 'XX', nameEn: 'x', nameFr: 'x' } }, partner)).code).toBe('FORBIDDEN');
    const bad = errorOf(await t.gql(UPSERT, { input: { code: 'gcc dialogue', nameEn: 'x', nameFr: 'x' } }, admin));
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toMatch(/code must be 2 to 20 capital letters/);
  });
});
