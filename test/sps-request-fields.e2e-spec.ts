import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeOffering } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #15 item 1: request fields per kind as data (JSON Schema), lenient on drafts, strict on submission, with
// field-level errors; the SPS_GRANT schema seeded by migration (directors, an Allied nation, budget, key dates).
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const SCHEMA = graphql('query Schema($offeringId: ID, $kind: OfferingKind) { requestFieldSchema(offeringId: $offeringId, kind: $kind) { id offeringKind offeringId schema version } }');
const SAVE = graphql(`mutation Save($input: SaveRequestDraftInput!) {
  saveRequestDraft(input: $input) { id version status kindFields kindFieldProblems { path code message } }
}`);
const SUBMIT = graphql(`mutation SubmitSps($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id reference status kindFields routedSection { code } } }
}`);
const GET = graphql('query GetFields($id: ID!) { request(id: $id) { id kindFields kindFieldProblems { path code } } }');
const SET = graphql(`mutation SetSchema($subject: RequestFieldSchemaSubject!, $schema: JSONObject) {
  setRequestFieldSchema(subject: $subject, schema: $schema) { id offeringKind offeringId version schema }
}`);
const ALLIES = graphql('query Allies { alliedNations { code name } }');

/** YYYY-MM-DD, `months` months from today (UTC). */
function monthsFromToday(months: number, days = 0): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function spsFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mechanism: 'ARW',
    natoDirector: { name: 'Dr Ingrid Solberg', institution: 'Norwegian Defence Research Establishment', country: 'NOR', email: 'ingrid.solberg@ffi.example.no' },
    partnerDirector: { name: 'Prof. Nino Gelashvili', institution: 'Georgian Technical University', country: 'GEO', email: 'n.gelashvili@gtu.example.ge' },
    budget: { amount: 85000, currency: 'EUR' },
    keyDates: { eventStart: monthsFromToday(13), eventEnd: monthsFromToday(13, 3) },
    milestones: [{ date: monthsFromToday(10), description: 'Speakers confirmed' }],
    ...overrides,
  };
}

const base = (offeringId: string) => ({ offeringId, title: 'ARW on detecting explosives', purpose: 'Bring Georgian and Norwegian experts together' });

describe('request fields per kind', () => {
  it('seeds the 32 Allies and the SPS_GRANT schema, which a partner reads for the form (per offering or per kind)', async () => {
    const geo = await a.asPartner('GEO');
    const allies = (await t.gql(ALLIES, {}, geo)).data!.alliedNations;
    expect(allies).toHaveLength(32);
    expect(allies.map((n) => n.code)).toEqual(expect.arrayContaining(['NOR', 'USA', 'TUR', 'SWE', 'FIN', 'MKD']));
    expect(allies.map((n) => n.code)).not.toContain('GEO');

    const offering = await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' });
    const byOffering = (await t.gql(SCHEMA, { offeringId: offering.id }, geo)).data!.requestFieldSchema!;
    expect(byOffering.offeringKind).toBe('SPS_GRANT');
    expect(byOffering.schema.required).toEqual(expect.arrayContaining(['natoDirector', 'partnerDirector', 'budget', 'keyDates']));
    expect(byOffering.schema.properties.natoDirector['x-title-fr']).toBeTruthy();
    expect((await t.gql(SCHEMA, { kind: 'SPS_GRANT' }, geo)).data!.requestFieldSchema!.id).toBe(byOffering.id);

    const notAnId = await t.gql(SCHEMA, { offeringId: 'not-a-uuid' }, geo);
    expect(notAnId.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'offeringId' });
    const course = await makeOffering(t, { kind: 'TRAINING_COURSE' });
    expect((await t.gql(SCHEMA, { offeringId: course.id }, geo)).data!.requestFieldSchema).toBeNull();
  });

  it('keeps what was typed in a draft and reports each field problem at its path; submission refuses them all at once', async () => {
    const offering = await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' });
    const geo = await a.asPartner('GEO');
    const typed = { mechanism: 'ARW', natoDirector: { name: 'Dr Ingrid Solberg', country: 'GEO', email: 'not-an-email' }, budget: { amount: -5, currency: 'EUR' } };
    const saved = await t.gql(SAVE, { input: { ...base(offering.id), kindFields: typed } }, geo);
    expect(saved.errors).toBeUndefined();
    const draft = saved.data!.saveRequestDraft;
    expect(draft.kindFields).toEqual(typed);
    const problems = Object.fromEntries(draft.kindFieldProblems.map((p) => [p.path, p]));
    expect(problems['/natoDirector/institution']).toMatchObject({ code: 'REQUIRED', message: 'Give NATO-country project director › Institution.' });
    expect(problems['/natoDirector/email']).toMatchObject({ code: 'INVALID_FORMAT', message: 'NATO-country project director › Email must be an email address.' });
    expect(problems['/natoDirector/country']).toMatchObject({ code: 'NOT_IN_LIST' });
    expect(problems['/natoDirector/country']!.message).toMatch(/"GEO" is not an Allied nation; give the code of one \(e\.g\. /);
    expect(problems['/partnerDirector']).toMatchObject({ code: 'REQUIRED', message: 'Give Partner-country project director.' });
    expect(problems['/budget/amount']).toMatchObject({ code: 'OUT_OF_RANGE', message: 'Budget requested › Amount must be more than 0.' });
    expect(problems['/keyDates']).toMatchObject({ code: 'REQUIRED' });
    // Read back: the draft keeps its values and its problems.
    const read = (await t.gql(GET, { id: draft.id }, geo)).data!.request!;
    expect(read.kindFields).toEqual(typed);
    expect(read.kindFieldProblems.map((p) => p.path)).toEqual(draft.kindFieldProblems.map((p) => p.path));

    const refused = await t.gql(SUBMIT, { input: { ...base(offering.id), draftId: draft.id, kindFields: typed } }, geo);
    expect(refused.errors![0]!.extensions!.code).toBe('INVALID_FIELDS');
    expect(refused.errors![0]!.message).toMatch(/^Some application fields need attention: /);
    const fields = refused.errors![0]!.extensions!.fields as Array<{ path: string; code: string; message: string }>;
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['/natoDirector/institution', '/natoDirector/country', '/partnerDirector', '/budget/amount', '/keyDates']));
    expect((await t.gql(GET, { id: draft.id }, geo)).data!.request!.kindFieldProblems.length).toBeGreaterThan(0);
  });

  it('checks the event start 12 to 15 months after submission, on submission only, with the window in the message', async () => {
    const offering = await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' });
    const geo = await a.asPartner('GEO');
    const tooSoon = spsFields({ keyDates: { eventStart: monthsFromToday(6) } });
    const draft = (await t.gql(SAVE, { input: { ...base(offering.id), kindFields: tooSoon } }, geo)).data!.saveRequestDraft;
    expect(draft.kindFieldProblems).toEqual([]);
    const refused = await t.gql(SUBMIT, { input: { ...base(offering.id), draftId: draft.id, kindFields: tooSoon } }, geo);
    const [field] = refused.errors![0]!.extensions!.fields as Array<{ path: string; code: string; message: string }>;
    expect(field).toMatchObject({ path: '/keyDates/eventStart', code: 'OUTSIDE_LEAD_TIME' });
    expect(field!.message).toContain(`Key dates › Event start must fall 12 to 15 months after submission: between ${monthsFromToday(12)} and ${monthsFromToday(15)}`);
    expect(field!.message).toContain(`(you gave ${monthsFromToday(6)}). Choose a date in that window.`);
    const tooLate = await t.gql(SUBMIT, { input: { ...base(offering.id), kindFields: spsFields({ keyDates: { eventStart: monthsFromToday(16) } }) } }, geo);
    expect(tooLate.errors![0]!.extensions!.code).toBe('INVALID_FIELDS');
  });

  it('answers in French with the French labels', async () => {
    const offering = await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' });
    const geo = await a.asPartner('GEO');
    const res = await t.gql(SUBMIT, { input: { ...base(offering.id), kindFields: spsFields({ partnerDirector: undefined }) } }, { ...geo, 'accept-language': 'fr' });
    const fields = res.errors![0]!.extensions!.fields as Array<{ path: string; message: string }>;
    expect(fields).toEqual([{ path: '/partnerDirector', code: 'REQUIRED', message: 'Indiquez : Directeur de projet (pays partenaire).' }]);
  });

  it('stores valid fields on the request: the partner and the routed section see them, other partners and sections do not', async () => {
    const offering = await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' });
    const geo = await a.asPartner('GEO');
    const fields = spsFields();
    const res = await t.gql(SUBMIT, { input: { ...base(offering.id), kindFields: fields } }, geo);
    expect(res.errors).toBeUndefined();
    const request = res.data!.submitRequest.request;
    expect(request).toMatchObject({ status: 'SUBMITTED', routedSection: { code: 'SPS' }, kindFields: fields });
    const [row] = await adminQuery<{ kind_fields: unknown }>(t.databaseUrl, 'SELECT kind_fields FROM cooperation_request WHERE id = $1', [request.id]);
    expect(row!.kind_fields).toEqual(fields);

    expect((await t.gql(GET, { id: request.id }, await a.asStaff('SPS'))).data!.request!.kindFields).toEqual(fields);
    expect((await t.gql(GET, { id: request.id }, await a.asStaff('CTS'))).data!.request).toBeNull();
    expect((await t.gql(GET, { id: request.id }, await a.asPartner('ARM'))).data!.request).toBeNull();
    // Administrators see the request, not the people named in it (the personal-data rule of participants).
    expect((await t.gql(GET, { id: request.id }, await a.asAdmin())).data!.request!.kindFields).toBeNull();
  });

  it('refuses extra fields where the offering asks for none', async () => {
    const course = await makeOffering(t, { kind: 'STAFF_TALKS' });
    const res = await t.gql(SUBMIT, { input: { ...base(course.id), kindFields: { anything: 1 } } }, await a.asPartner('GEO'));
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'INVALID_FIELDS', fields: [{ path: '', code: 'UNKNOWN_FIELD' }] });
  });

  it("lets only administrators replace a kind's or an offering's schema, audited; an offering's own schema overrides its kind's", async () => {
    const admin = await a.asAdmin();
    const offering = await makeOffering(t, { kind: 'STAFF_TALKS' });
    const schema = {
      type: 'object',
      required: ['attendees'],
      properties: {
        attendees: {
          type: 'array',
          title: 'Attendees',
          'x-title-fr': 'Participants',
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, title: 'Name' }, role: { type: 'string', title: 'Role' } } },
        },
      },
    };
    const staff = await t.gql(SET, { subject: { kind: 'STAFF_TALKS' }, schema }, await a.asStaff('CTS'));
    expect(staff.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const invalid = await t.gql(SET, { subject: { kind: 'STAFF_TALKS' }, schema: { type: 'object', properties: { x: { type: 'nonsense' } } } }, admin);
    expect(invalid.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'schema' });
    expect(invalid.errors![0]!.message).toMatch(/^The schema is not a valid JSON Schema: /);
    const unknownList = await t.gql(SET, { subject: { kind: 'STAFF_TALKS' }, schema: { type: 'object', properties: { x: { type: 'string', 'x-options': 'planets' } } } }, admin);
    expect(unknownList.errors![0]!.message).toBe('x-options names lists the server does not keep: planets. Use one of: allied-nations.');

    const set = await t.gql(SET, { subject: { offeringId: offering.id }, schema }, admin);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setRequestFieldSchema).toMatchObject({ offeringId: offering.id, offeringKind: null, version: 1 });
    const again = await t.gql(SET, { subject: { offeringId: offering.id }, schema }, admin);
    expect(again.data!.setRequestFieldSchema!.version).toBe(2);
    const audits = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE action LIKE 'requestFieldSchema.%' AND target_id = $1`, [offering.id]);
    expect(audits.map((x) => x.action)).toEqual(['requestFieldSchema.replace', 'requestFieldSchema.replace']);

    const geo = await a.asPartner('GEO');
    const res = await t.gql(SUBMIT, { input: { ...base(offering.id), kindFields: { attendees: [{ name: 'Col. Beridze' }, { role: 'Interpreter' }] } } }, geo);
    expect(res.errors![0]!.extensions!.fields).toEqual([{ path: '/attendees/1/name', code: 'REQUIRED', message: 'Give Attendees 2 › Name.' }]);
    const ok = await t.gql(SUBMIT, { input: { ...base(offering.id), kindFields: { attendees: [{ name: 'Col. Beridze', role: 'Head of delegation' }] } } }, geo);
    expect(ok.data!.submitRequest.request.kindFields).toEqual({ attendees: [{ name: 'Col. Beridze', role: 'Head of delegation' }] });

    const removed = await t.gql(SET, { subject: { offeringId: offering.id }, schema: null }, admin);
    expect(removed.data!.setRequestFieldSchema).toBeNull();
    expect((await t.gql(SCHEMA, { offeringId: offering.id }, geo)).data!.requestFieldSchema).toBeNull();
  });
});
