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

const FIELDS = graphql(`fragment OfferingFields on Offering {
  id code status version title titleEn titleFr kind owningSection { code } provider { code } areas { code } topics { code } eligiblePartners { code } eligibleFrameworks { code }
}`);
const CREATE = graphql('mutation($input: CreateOfferingInput!) { createOffering(input: $input) { ...OfferingFields } }', [FIELDS]);
const UPDATE = graphql('mutation($input: UpdateOfferingInput!) { updateOffering(input: $input) { ...OfferingFields } }', [FIELDS]);
const PUBLISH = graphql(`mutation($id: ID!, $version: Int) { publishOffering(id: $id, version: $version) { id status version } }`);
const ARCHIVE = graphql(`mutation($id: ID!) { archiveOffering(id: $id) { id status version } }`);
const ITERATION = graphql(`mutation($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id startDate endDate capacity seatsAllocated seatsAvailable status } }`);
const ONE = graphql(`query($code: String!) { offering(code: $code) { id status title iterations { id capacity seatsAvailable } } }`);

const newOffering: VariablesOf<typeof CREATE>['input'] = {
  code: 'CT-TEST-WORKSHOP',
  kind: 'EXPERT_BRIEFING',
  titleEn: 'Counter-Terrorism Financing Workshop',
  summaryEn: 'A workshop on countering the financing of terrorism.',
  // Publishing needs every text in both languages (issue #15); the French title comes with the update below.
  summaryFr: 'Un atelier sur la lutte contre le financement du terrorisme.',
  descriptionEn: 'Two days of case studies with financial intelligence units.',
  descriptionFr: 'Deux jours d’études de cas avec des cellules de renseignement financier.',
  owningSectionCode: 'CTS',
  providerSectionCode: 'COE_DAT',
  deliveryMode: 'HYBRID',
  deliveryLanguages: ['en'],
  leadTimeDays: 30,
  areaCodes: ['CONSULTATION'],
  topicCodes: ['COUNTER_TERRORISM'],
  eligibleFrameworkCodes: ['MD'],
  eligiblePartnerCodes: ['GEO'],
  releasability: 'PUBLIC',
};

function errorOf(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(res.errors).toHaveLength(1);
  return { message: res.errors![0].message, code: res.errors![0].extensions?.code };
}

describe('offering lifecycle', () => {
  let id: string;

  it('creates a draft that only administrators see', async () => {
    const res = await t.gql(CREATE, { input: newOffering }, admin);
    expect(res.errors).toBeUndefined();
    const created = res.data!.createOffering;
    id = created.id;
    expect(created).toMatchObject({
      code: 'CT-TEST-WORKSHOP', status: 'DRAFT', version: 1, title: 'Counter-Terrorism Financing Workshop', titleFr: null,
      owningSection: { code: 'CTS' }, provider: { code: 'COE_DAT' }, areas: [{ code: 'CONSULTATION' }],
      eligiblePartners: [{ code: 'GEO' }], eligibleFrameworks: [{ code: 'MD' }],
    });
    expect((await t.gql(ONE, { code: 'CT-TEST-WORKSHOP' })).data!.offering).toBeNull();
    expect((await t.gql(ONE, { code: 'CT-TEST-WORKSHOP' }, admin)).data!.offering).toMatchObject({ status: 'DRAFT' });
    const drafts = await t.gql(graphql('{ offerings(filter: { statuses: [DRAFT] }) { totalCount edges { node { code } } } }'), {}, admin);
    expect(drafts.data!.offerings).toEqual({ totalCount: 1, edges: [{ node: { code: 'CT-TEST-WORKSHOP' } }] });
    // The change and its audit event commit together.
    const audit = await adminQuery(t.databaseUrl, `SELECT action, actor_kind FROM audit_event WHERE target_type = 'Offering' AND target_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'offering.create', actor_kind: 'user' }]);
  });

  it('lets only catalogue administrators write', async () => {
    const partner = await actors(t).asPartner('GEO');
    expect(errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'CT-PARTNER' } }, partner)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'CT-ANON' } })).code).toBe('UNAUTHENTICATED');
    const staff = await actors(t).asStaff('CTS');
    expect(errorOf(await t.gql(PUBLISH, { id }, staff)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(graphql('mutation { upsertTopic(input: { code: "SPACE", nameEn: "Space", nameFr: "Espace" }) { code } }'), {}, partner)).code).toBe('FORBIDDEN');
    expect(await adminQuery(t.databaseUrl, `SELECT code FROM offering WHERE code IN ('CT-PARTNER', 'CT-ANON')`)).toEqual([]);
  });

  it('refuses a duplicate code, unknown codes and invalid fields with messages naming them', async () => {
    expect(errorOf(await t.gql(CREATE, { input: newOffering }, admin))).toEqual({
      code: 'CONFLICT', message: 'An offering with code CT-TEST-WORKSHOP already exists; codes are unique and stable.',
    });
    expect(errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'CT-OTHER', topicCodes: ['NOPE'] } }, admin))).toEqual({
      code: 'BAD_USER_INPUT', message: 'Unknown code(s) in input.topicCodes: NOPE',
    });
    expect(errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'CT-OTHER', owningSectionCode: 'ZZZ' } }, admin)).message).toBe(
      'Unknown code(s) in input.owningSectionCode: ZZZ',
    );
    const invalid = errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'bad code', leadTimeDays: -3 } }, admin));
    expect(invalid.code).toBe('BAD_USER_INPUT');
    expect(invalid.message).toMatch(/code must be 2 to 60 capital letters/);
    expect(invalid.message).toMatch(/leadTimeDays/);
    const untitled = errorOf(await t.gql(CREATE, { input: { ...newOffering, code: 'CT-OTHER', titleEn: null } }, admin));
    expect(untitled.message).toMatch(/titleEn or input.titleFr is required/);
    // Nothing half-written: the failed creations left no rows and no audit events behind.
    expect(await adminQuery(t.databaseUrl, `SELECT 1 FROM offering WHERE code = 'CT-OTHER'`)).toEqual([]);
    expect(await adminQuery(t.databaseUrl, `SELECT 1 FROM audit_event WHERE action = 'offering.create' AND details->>'code' = 'CT-OTHER'`)).toEqual([]);
  });

  it('updates with optimistic concurrency and replaces the lists it is given', async () => {
    const res = await t.gql(UPDATE, { input: { id, version: 1, titleFr: 'Atelier sur le financement du terrorisme', topicCodes: ['COUNTER_TERRORISM', 'FIMI'], eligiblePartnerCodes: [] } }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateOffering).toMatchObject({
      version: 2, titleFr: 'Atelier sur le financement du terrorisme', topics: [{ code: 'COUNTER_TERRORISM' }, { code: 'FIMI' }], eligiblePartners: [],
      eligibleFrameworks: [{ code: 'MD' }], areas: [{ code: 'CONSULTATION' }],
    });
    const stale = errorOf(await t.gql(UPDATE, { input: { id, version: 1, titleEn: 'Lost update' } }, admin));
    expect(stale.code).toBe('CONFLICT');
    expect(res.errors).toBeUndefined();
    const [row] = await adminQuery(t.databaseUrl, 'SELECT title_en, version FROM offering WHERE id = $1', [id]);
    expect(row).toEqual({ title_en: 'Counter-Terrorism Financing Workshop', version: 2 });
    expect(errorOf(await t.gql(UPDATE, { input: { id, version: 2, titleEn: null, titleFr: null } }, admin)).message).toMatch(/cannot both be empty/);
  });

  it('publishes, then the offering is searchable by everyone; archives it again', async () => {
    const published = await t.gql(PUBLISH, { id, version: 2 }, admin);
    expect(published.data!.publishOffering).toMatchObject({ status: 'PUBLISHED', version: 3 });
    const found = await t.gql(graphql('{ offerings(search: "financement terrorisme") { edges { node { code } } } }'));
    expect(found.data!.offerings.edges.map((e: { node: { code: string } }) => e.node.code)).toContain('CT-TEST-WORKSHOP');
    expect(errorOf(await t.gql(PUBLISH, { id }, admin))).toEqual({
      code: 'INVALID_TRANSITION', message: 'Cannot publish an offering that is PUBLISHED; it must be DRAFT or ARCHIVED.',
    });
    expect((await t.gql(ARCHIVE, { id }, admin)).data!.archiveOffering.status).toBe('ARCHIVED');
    expect((await t.gql(ONE, { code: 'CT-TEST-WORKSHOP' })).data!.offering).toBeNull();
    expect(errorOf(await t.gql(PUBLISH, { id: '00000000-0000-4000-8000-000000000000' }, admin)).code).toBe('NOT_FOUND');
    const actions = await adminQuery(t.databaseUrl, `SELECT action FROM audit_event WHERE target_id = $1 ORDER BY id`, [id]);
    expect(actions.map((a) => a.action)).toEqual(['offering.create', 'offering.update', 'offering.publish', 'offering.archive']);
  });

  it('adds and edits iterations, never below the seats already allocated', async () => {
    const input = { offeringId: id, startDate: '2030-03-04', endDate: '2030-03-08', location: 'Ankara', locationFr: 'Ankara', capacity: 20, applicationDeadline: '2030-02-01', status: 'OPEN' as const };
    const created = await t.gql(ITERATION, { input }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertOfferingIteration).toMatchObject({ capacity: 20, seatsAllocated: 0, seatsAvailable: 20, status: 'OPEN' });
    const iterationId = created.data!.upsertOfferingIteration.id;
    await adminQuery(t.databaseUrl, 'UPDATE offering_iteration SET seats_allocated = 12 WHERE id = $1', [iterationId]);

    const smaller = await t.gql(ITERATION, { input: { ...input, id: iterationId, capacity: 15 } }, admin);
    expect(smaller.data!.upsertOfferingIteration).toMatchObject({ capacity: 15, seatsAllocated: 12, seatsAvailable: 3 });
    expect(errorOf(await t.gql(ITERATION, { input: { ...input, id: iterationId, capacity: 10 } }, admin))).toMatchObject({
      code: 'CONFLICT', message: 'input.capacity 10 is below the 12 seats already allocated.',
    });
    expect(errorOf(await t.gql(ITERATION, { input: { ...input, endDate: '2030-03-01' } }, admin)).message).toBe('input.endDate must be on or after input.startDate.');
    expect(errorOf(await t.gql(ITERATION, { input: { ...input, startDate: '2030-02-31' } }, admin)).code).toBe('BAD_USER_INPUT');
  });
});

describe('reference data writes', () => {
  it('upserts areas and topics by code, validated', async () => {
    const topic = await t.gql(graphql('mutation($input: TopicInput!) { upsertTopic(input: $input) { code name nameFr } }'), { input: { code: 'MARITIME_SECURITY', nameEn: 'Maritime security', nameFr: 'Sûreté maritime' } }, admin);
    expect(topic.data!.upsertTopic).toEqual({ code: 'MARITIME_SECURITY', name: 'Maritime security', nameFr: 'Sûreté maritime' });
    const renamed = await t.gql(graphql('mutation($input: TopicInput!) { upsertTopic(input: $input) { code nameEn } }'), { input: { code: 'MARITIME_SECURITY', nameEn: 'Maritime security and safety', nameFr: 'Sûreté maritime' } }, admin);
    expect(renamed.data!.upsertTopic.nameEn).toBe('Maritime security and safety');
    const topics = await t.gql(graphql('{ topics { code } }'));
    expect(topics.data!.topics.filter((x: { code: string }) => x.code === 'MARITIME_SECURITY')).toHaveLength(1);

    const area = await t.gql(graphql('mutation($input: CooperationAreaInput!) { upsertCooperationArea(input: $input) { code position name } }'), { input: { code: 'OUTREACH', position: 7, nameEn: 'Public outreach', nameFr: 'Sensibilisation du public' } }, admin);
    expect(area.data!.upsertCooperationArea).toEqual({ code: 'OUTREACH', position: 7, name: 'Public outreach' });
    const bad = errorOf(await t.gql(graphql('mutation($input: TopicInput!) { upsertTopic(input: $input) { code } }'), { input: { code: 'lower case', nameEn: '', nameFr: 'x' } }, admin));
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toMatch(/code must be 2 to 40 capital letters/);
    expect(bad.message).toMatch(/nameEn/);
  });
});
