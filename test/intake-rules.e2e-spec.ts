import { ApiKeyScope } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql, type VariablesOf } from './support/graphql.js';
import { GET, LIST as REQUESTS, makeIteration, makeOffering, SUBMIT, submitInput, type SubmitRequestInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

// Issue #15 items 3, 4 and 7: eligibility by programme flag, suspended partners, releasability in every read
// path, the duplicate warning beyond iterations. Each "tried as a new user" point of the issue is a test here.
let t: TestApp;
let a: Actors;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false', CATALOGUE_PUBLIC: 'true' } });
  a = actors(t);
  admin = await a.asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const PARTNER = graphql('mutation($input: PartnerInput!) { upsertPartner(input: $input) { code suspended programmeFlags } }');
const CREATE = graphql(`mutation($input: CreateOfferingInput!) { createOffering(input: $input) {
  id code requiredProgrammeFlags releasability releasableToPartners { code } releasableToFrameworks { code } } }`);
const UPDATE = graphql(`mutation($input: UpdateOfferingInput!) { updateOffering(input: $input) {
  id version releasability releasableToPartners { code } releasableToFrameworks { code } } }`);
const PUBLISH = graphql('mutation($id: ID!) { publishOffering(id: $id) { status } }');
const LIST = graphql(`query($search: String, $filter: OfferingFilter) { offerings(first: 100, search: $search, filter: $filter) {
  totalCount facets { kinds { value count } } edges { node { code } } } }`);
const ONE = graphql('query($code: String, $id: ID) { offering(code: $code, id: $id) { code } }');
const DRAFT = graphql('mutation($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { id releasability } }');
const REQUEST_OFFERING = graphql('query($id: ID!) { request(id: $id) { reference releasability offering { code } iteration { id } } }');

const errorOf = (res: GraphQLResponse<unknown>) => {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions!.code as string, message: res.errors![0].message, extensions: res.errors![0].extensions };
};
const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};
const codes = async (headers: Record<string, string> | undefined, search?: string) =>
  ok(await t.gql(LIST, { search: search ?? null, filter: null }, headers)).offerings.edges.map((e) => e.node.code).sort();

/** A complete bilingual offering, published through the API (so the intake rules of publishing apply). */
async function published(input: Partial<VariablesOf<typeof CREATE>['input']> & { code: string }): Promise<string> {
  const created = ok(
    await t.gql(CREATE, {
      input: {
        kind: 'DCB_PACKAGE', titleEn: `Package ${input.code}`, titleFr: `Module ${input.code}`, summaryEn: 'Summary', summaryFr: 'Résumé',
        descriptionEn: 'Description', descriptionFr: 'Description', owningSectionCode: 'DSCD', deliveryMode: 'MOBILE_TEAM', leadTimeDays: 0,
        ...input,
      },
    }, admin),
  ).createOffering;
  ok(await t.gql(PUBLISH, { id: created.id }, admin));
  return created.id;
}

async function submit(headers: Record<string, string>, input: SubmitRequestInput) {
  return ok(await t.gql(SUBMIT, { input }, headers)).submitRequest;
}

describe('eligibility by programme flag', () => {
  let dcbId: string;
  beforeAll(async () => {
    dcbId = await published({ code: 'INT-DCB-PKG', requiredProgrammeFlags: ['DCB'] });
  });

  it('keeps flags as a controlled list and refuses unknown ones on partners and offerings', async () => {
    const flags = ok(await t.gql(graphql('{ programmeFlags { code nameEn nameFr name } }'), {}, { 'accept-language': 'fr' })).programmeFlags;
    expect(flags.map((f) => f.code)).toEqual(['DCB', 'DEEP']);
    expect(flags[0]!.name).toBe('Renforcement des capacités de défense');
    const partner = errorOf(await t.gql(PARTNER, { input: { code: 'AUT', kind: 'NATION', nameEn: 'Austria', nameFr: 'Autriche', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DCB', 'SPACE'], suspended: false } }, admin));
    expect(partner).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Unknown programme flag(s) in input.programmeFlags: SPACE. Known flags: DCB, DEEP.' });
    const offering = errorOf(await t.gql(CREATE, { input: { code: 'INT-BAD-FLAG', kind: 'DCB_PACKAGE', titleEn: 'x', owningSectionCode: 'DSCD', deliveryMode: 'RESIDENT', leadTimeDays: 0, requiredProgrammeFlags: ['NOPE'] } }, admin));
    expect(offering).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Unknown programme flag(s) in input.requiredProgrammeFlags: NOPE. Known flags: DCB, DEEP.' });
    // The database holds the line too, for writes that bypass the API.
    await expect(adminQuery(t.databaseUrl, `UPDATE partner SET programme_flags = '{SPACE}' WHERE code = 'AUT'`)).rejects.toThrow(/unknown programme flag\(s\): SPACE/);
  });

  it('lets only partners carrying the flag request it, and a change of flags changes that at once', async () => {
    const aut = await a.asPartner('AUT');
    const before = errorOf(await t.gql(SUBMIT, { input: submitInput(dcbId) }, aut));
    expect(before).toEqual({
      code: 'NOT_ELIGIBLE',
      message: 'Austria (AUT) is not eligible for INT-DCB-PKG: it is open to every partner carrying the programme flag DCB. Choose another offering, or ask the owning section about an exception.',
      extensions: expect.objectContaining({ offeringCode: 'INT-DCB-PKG' }),
    });
    const eligible = async (partner: string) =>
      ok(await t.gql(LIST, { search: null, filter: { eligibleForPartner: partner, kinds: ['DCB_PACKAGE'] } }, admin)).offerings.edges.map((e) => e.node.code);
    expect(await eligible('AUT')).toEqual([]);
    expect(await eligible('GEO')).toEqual(['INT-DCB-PKG']);

    const flagged = ok(await t.gql(PARTNER, { input: { code: 'AUT', kind: 'NATION', nameEn: 'Austria', nameFr: 'Autriche', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DCB'], suspended: false } }, admin));
    expect(flagged.upsertPartner).toEqual({ code: 'AUT', suspended: false, programmeFlags: ['DCB'] });
    expect(await eligible('AUT')).toEqual(['INT-DCB-PKG']);
    const { request } = await submit(aut, submitInput(dcbId, { seatsRequested: 2 }));
    expect(request).toMatchObject({ status: 'SUBMITTED', offering: { code: 'INT-DCB-PKG' } });
    const [audit] = await adminQuery<{ details: Record<string, unknown> }>(t.databaseUrl, `SELECT details FROM audit_event WHERE action = 'partner.update' ORDER BY id DESC LIMIT 1`);
    expect(audit!.details).toMatchObject({ code: 'AUT', programmeFlags: { from: [], to: ['DCB'] } });

    ok(await t.gql(PARTNER, { input: { code: 'AUT', kind: 'NATION', nameEn: 'Austria', nameFr: 'Autriche', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false } }, admin));
    expect(errorOf(await t.gql(SUBMIT, { input: submitInput(dcbId) }, aut)).code).toBe('NOT_ELIGIBLE');
  });
});

describe('suspended partners: nothing new to see, nothing to submit', () => {
  const ZZS = { code: 'ZZS', kind: 'NATION' as const, nameEn: 'Suspendia', nameFr: 'Suspendie', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false };
  let requestId: string;
  let known: { id: string; code: string };

  beforeAll(async () => {
    ok(await t.gql(PARTNER, { input: ZZS }, admin));
    known = await makeOffering(t, { code: 'INT-KNOWN' });
    await makeOffering(t, { code: 'INT-NEW' });
    const zzs = await a.asPartner('ZZS');
    requestId = (await submit(zzs, submitInput(known.id))).request.id;
    ok(await t.gql(PARTNER, { input: { ...ZZS, suspended: true } }, admin));
  });

  it('shows its officers an empty catalogue: lists, search, totals, facets and single reads', async () => {
    const zzs = await a.asPartner('ZZS');
    const list = ok(await t.gql(LIST, { search: null, filter: null }, zzs)).offerings;
    expect(list).toEqual({ totalCount: 0, facets: { kinds: [] }, edges: [] });
    expect(ok(await t.gql(LIST, { search: 'INT-NEW', filter: null }, zzs)).offerings.totalCount).toBe(0);
    expect(ok(await t.gql(ONE, { code: 'INT-NEW', id: null }, zzs)).offering).toBeNull();
    expect(ok(await t.gql(ONE, { code: 'INT-KNOWN', id: null }, zzs)).offering).toBeNull();
    // Another partner still sees both.
    expect(await codes(await a.asPartner('GEO'), 'INT')).toEqual(expect.arrayContaining(['INT-KNOWN', 'INT-NEW']));
  });

  it('keeps its existing requests readable, with the offering they asked for', async () => {
    const zzs = await a.asPartner('ZZS');
    expect(ok(await t.gql(REQUEST_OFFERING, { id: requestId }, zzs)).request).toMatchObject({ offering: { code: 'INT-KNOWN' } });
  });

  it('refuses every submission and draft with PARTNER_SUSPENDED and a message saying what to do', async () => {
    const zzs = await a.asPartner('ZZS');
    const message =
      'Cooperation with Suspendia (ZZS) is suspended: no request can be drafted or submitted, and the catalogue shows nothing new. Your existing requests stay readable; contact your NATO point of contact about lifting the suspension.';
    expect(errorOf(await t.gql(SUBMIT, { input: submitInput(known.id) }, zzs))).toMatchObject({ code: 'PARTNER_SUSPENDED', message });
    expect(errorOf(await t.gql(SUBMIT, { input: submitInput(null, { areaCode: 'CONSULTATION' }) }, zzs))).toMatchObject({ code: 'PARTNER_SUSPENDED', message });
    expect(errorOf(await t.gql(DRAFT, { input: { title: 'x' } }, zzs))).toMatchObject({ code: 'PARTNER_SUSPENDED', message });
  });
});

describe('releasability', () => {
  let listed: string;
  let iterationId: string;
  beforeAll(async () => {
    listed = await published({ code: 'INT-REL-LISTED', kind: 'EXPERT_BRIEFING', releasability: 'RELEASABLE TO', releasablePartnerCodes: ['GEO'], releasableFrameworkCodes: ['ICI'] });
    await published({ code: 'INT-REL-PUBLIC', kind: 'EXPERT_BRIEFING', releasability: 'PUBLIC' });
    await published({ code: 'INT-REL-NU', kind: 'EXPERT_BRIEFING', releasability: 'NATO UNCLASSIFIED' });
    iterationId = await makeIteration(t, listed);
  });

  it('takes markings from the controlled list only, with recipients exactly for RELEASABLE TO', async () => {
    const markings = ok(await t.gql(graphql('{ releasabilityMarkings { code scope label } }'), {}, admin)).releasabilityMarkings;
    expect(markings.map((m) => [m.code, m.scope])).toEqual([['PUBLIC', 'PUBLIC'], ['NATO UNCLASSIFIED', 'PARTNERS'], ['RELEASABLE TO', 'LISTED']]);
    const base = { kind: 'EXPERT_BRIEFING' as const, titleEn: 'x', owningSectionCode: 'CTS', deliveryMode: 'RESIDENT' as const, leadTimeDays: 0 };
    expect(errorOf(await t.gql(CREATE, { input: { ...base, code: 'INT-BAD-1', releasability: 'RELEASABLE TO GEO' } }, admin)).message).toBe(
      'input.releasability "RELEASABLE TO GEO" is not a releasability marking; use one of: PUBLIC, NATO UNCLASSIFIED, RELEASABLE TO.',
    );
    expect(errorOf(await t.gql(CREATE, { input: { ...base, code: 'INT-BAD-2', releasability: 'RELEASABLE TO' } }, admin)).message).toBe(
      'RELEASABLE TO needs at least one recipient: give input.releasablePartnerCodes and/or input.releasableFrameworkCodes.',
    );
    expect(errorOf(await t.gql(CREATE, { input: { ...base, code: 'INT-BAD-3', releasability: 'PUBLIC', releasablePartnerCodes: ['GEO'] } }, admin)).message).toBe(
      'PUBLIC releases to every reader: leave releasablePartnerCodes and releasableFrameworkCodes empty, or use a RELEASABLE TO marking.',
    );
    expect(await adminQuery(t.databaseUrl, `SELECT code FROM offering WHERE code LIKE 'INT-BAD-%'`)).toEqual([]);
  });

  it('applies the viewer\'s partner to lists, search, totals and facets', async () => {
    const search = 'INT-REL';
    expect(await codes(await a.asPartner('GEO'), search)).toEqual(['INT-REL-LISTED', 'INT-REL-NU', 'INT-REL-PUBLIC']); // listed by name
    expect(await codes(await a.asPartner('QAT'), search)).toEqual(['INT-REL-LISTED', 'INT-REL-NU', 'INT-REL-PUBLIC']); // through ICI
    expect(await codes(await a.asPartner('JOR'), search)).toEqual(['INT-REL-NU', 'INT-REL-PUBLIC']);
    expect(await codes(undefined, search)).toEqual(['INT-REL-PUBLIC']); // anonymous, public catalogue
    expect(await codes(await a.asStaff('CTS'), search)).toEqual(['INT-REL-LISTED', 'INT-REL-NU', 'INT-REL-PUBLIC']);
    expect(await codes(await a.asApiKey(ApiKeyScope.SECTION, { sectionCode: 'CTS' }), search)).toEqual(['INT-REL-LISTED', 'INT-REL-NU', 'INT-REL-PUBLIC']);
    // A catalogue-scoped key may serve a system outside NATO: what every partner may see, no more.
    expect(await codes(await a.asApiKey(ApiKeyScope.CATALOGUE), search)).toEqual(['INT-REL-NU', 'INT-REL-PUBLIC']);
    expect(await codes(await a.asApiKey(ApiKeyScope.PARTNER, { partnerCode: 'GEO' }), search)).toEqual(['INT-REL-LISTED', 'INT-REL-NU', 'INT-REL-PUBLIC']);
    const jor = ok(await t.gql(LIST, { search: null, filter: { kinds: ['EXPERT_BRIEFING'] } }, await a.asPartner('JOR'))).offerings;
    const geo = ok(await t.gql(LIST, { search: null, filter: { kinds: ['EXPERT_BRIEFING'] } }, await a.asPartner('GEO'))).offerings;
    expect(geo.totalCount).toBe(jor.totalCount + 1);
    // The kinds facet counts without its own filter (other kinds stay offered), by the same viewer's rule.
    expect(geo.facets.kinds).toContainEqual({ value: 'EXPERT_BRIEFING', count: geo.totalCount });
    expect(jor.facets.kinds).toContainEqual({ value: 'EXPERT_BRIEFING', count: jor.totalCount });
  });

  it('applies it to single reads by code and by id', async () => {
    const jor = await a.asPartner('JOR');
    expect(ok(await t.gql(ONE, { code: 'INT-REL-LISTED', id: null }, jor)).offering).toBeNull();
    expect(ok(await t.gql(ONE, { code: null, id: listed }, jor)).offering).toBeNull();
    expect(ok(await t.gql(ONE, { code: null, id: listed }, await a.asPartner('GEO'))).offering).toEqual({ code: 'INT-REL-LISTED' });
    expect(ok(await t.gql(ONE, { code: 'INT-REL-NU', id: null })).offering).toBeNull();
  });

  it('refuses requests and drafts for an offering not released to the partner as if it did not exist', async () => {
    const jor = await a.asPartner('JOR');
    expect(errorOf(await t.gql(SUBMIT, { input: submitInput(listed) }, jor)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(DRAFT, { input: { title: 'x', offeringId: listed } }, jor)).code).toBe('NOT_FOUND');
  });

  it('applies it in the loaders: a request\'s offering and iteration disappear for the partner when no longer released to it', async () => {
    const geo = await a.asPartner('GEO');
    const { request } = await submit(geo, submitInput(listed, { iterationId, releasability: 'RELEASABLE TO' }));
    expect(ok(await t.gql(REQUEST_OFFERING, { id: request.id }, geo)).request).toMatchObject({ releasability: 'RELEASABLE TO', offering: { code: 'INT-REL-LISTED' }, iteration: { id: iterationId } });
    const version = (await adminQuery<{ version: number }>(t.databaseUrl, 'SELECT version FROM offering WHERE id = $1', [listed]))[0]!.version;
    ok(await t.gql(UPDATE, { input: { id: listed, version, releasablePartnerCodes: [] } }, admin));
    expect(ok(await t.gql(REQUEST_OFFERING, { id: request.id }, geo)).request).toMatchObject({ offering: null, iteration: null });
    const page = ok(await t.gql(REQUESTS, { first: 100 }, geo)).requests.edges.find((e) => e.node.id === request.id);
    expect(page!.node.offering).toBeNull();
    // The routed section's staff still see what was asked for.
    const staff = ok(await t.gql(GET, { id: request.id }, await a.asStaff('DSCD'))).request;
    expect(staff).toMatchObject({ offering: { code: 'INT-REL-LISTED' }, iteration: { id: iterationId } });
  });

  it('drops the recipients when the marking stops being RELEASABLE TO, and validates a request\'s marking', async () => {
    const version = (await adminQuery<{ version: number }>(t.databaseUrl, 'SELECT version FROM offering WHERE id = $1', [listed]))[0]!.version;
    const updated = ok(await t.gql(UPDATE, { input: { id: listed, version, releasability: 'NATO UNCLASSIFIED' } }, admin)).updateOffering;
    expect(updated).toMatchObject({ releasability: 'NATO UNCLASSIFIED', releasableToPartners: [], releasableToFrameworks: [] });
    const bad = errorOf(await t.gql(SUBMIT, { input: submitInput(listed, { releasability: 'SECRET' }) }, await a.asPartner('GEO')));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.releasability "SECRET" is not a releasability marking; use one of: PUBLIC, NATO UNCLASSIFIED, RELEASABLE TO.' });
  });
});

describe('duplicate warning', () => {
  it('warns about a second open request for an offering without iterations', async () => {
    const talks = await makeOffering(t, { kind: 'STAFF_TALKS' });
    const geo = await a.asPartner('GEO');
    const first = await submit(geo, submitInput(talks.id));
    expect(first.warnings).toEqual([]);
    const second = await submit(geo, submitInput(talks.id));
    expect(second.warnings).toEqual([
      {
        code: 'DUPLICATE_OPEN_REQUEST',
        message: `GEO already has an open request for ${talks.code} (${first.request.reference}); both will be reviewed. Withdraw one if it was sent twice.`,
        relatedReference: first.request.reference,
      },
    ]);
    // Another partner's request is not a duplicate.
    expect((await submit(await a.asPartner('MDA'), submitInput(talks.id))).warnings).toEqual([]);
  });

  it('warns about a second open request in the same area', async () => {
    const geo = await a.asPartner('GEO');
    const first = await submit(geo, submitInput(null, { areaCode: 'CIVIL_EMERGENCY' }));
    expect(first.warnings).toEqual([]);
    const second = await submit(geo, submitInput(null, { areaCode: 'CIVIL_EMERGENCY' }));
    expect(second.warnings).toEqual([
      {
        code: 'DUPLICATE_OPEN_REQUEST',
        message: `GEO already has an open request in this area of cooperation (${first.request.reference}); both will be reviewed. Withdraw one if it was sent twice.`,
        relatedReference: first.request.reference,
      },
    ]);
    expect((await submit(geo, submitInput(null, { areaCode: 'SCIENCE' }))).warnings).toEqual([]);
  });
});
