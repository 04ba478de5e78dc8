import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #18, the triage console's server side: each person's own saved queue views, and the service-target
// clock paused while the partner is asked for information.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const VIEWS = graphql('query Views { savedViews { id name filter } }');
const SAVE = graphql('mutation SaveView($input: SaveViewInput!) { saveView(input: $input) { id name filter } }');
const DELETE = graphql('mutation DeleteView($id: ID!) { deleteSavedView(id: $id) }');
const DUE = graphql('query Due($id: ID!) { request(id: $id) { status overdue decisionDueAt servicePausedAt version } }');

describe('saved views', () => {
  it("are each person's own: saved, replaced by name, listed, deleted, audited, and out of anyone else's reach", async () => {
    const claire = await a.asStaff('CTS');
    const other = (await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'], email: 'colleague.cts@example.org' })).headers;
    const saved = await t.gql(SAVE, { input: { name: 'Georgia, waiting', filter: '{"partners":["GEO"],"statuses":["INFORMATION_REQUESTED"]}' } }, claire);
    expect(saved.errors).toBeUndefined();
    const replaced = await t.gql(SAVE, { input: { name: 'Georgia, waiting', filter: '{"partners":["GEO"]}' } }, claire);
    expect(replaced.data!.saveView.id).toBe(saved.data!.saveView.id);
    expect(JSON.parse(replaced.data!.saveView.filter)).toEqual({ partners: ['GEO'] });
    expect((await t.gql(VIEWS, {}, claire)).data!.savedViews.map((v) => v.name)).toEqual(['Georgia, waiting']);
    // A colleague sees none of them and cannot delete them.
    expect((await t.gql(VIEWS, {}, other)).data!.savedViews).toEqual([]);
    const foreign = await t.gql(DELETE, { id: saved.data!.saveView.id }, other);
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(foreign.errors![0].message).toBe('Saved view was not found, or you do not have access to it.');
    expect((await t.gql(DELETE, { id: saved.data!.saveView.id }, claire)).data!.deleteSavedView).toBe(true);
    expect((await t.gql(VIEWS, {}, claire)).data!.savedViews).toEqual([]);
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_type = 'SavedView' ORDER BY id`);
    expect(audit.map((r) => r.action)).toEqual(['savedView.save', 'savedView.save', 'savedView.delete']);
  });

  it('refuse a filter that is not a JSON object, with a message that says what to send', async () => {
    const claire = await a.asStaff('CTS');
    const res = await t.gql(SAVE, { input: { name: 'Broken', filter: '["SUBMITTED"]' } }, claire);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('filter must be a JSON object, e.g. {"statuses":["SUBMITTED"]}.');
  });

  it('are for people: an API key with the triage scope is refused', async () => {
    const key = await a.asApiKey(ApiKeyScope.SECTION, { sectionCode: 'CTS' });
    const res = await t.gql(VIEWS, {}, key);
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors![0].extensions!.code);
  });
});

describe('assigning to a colleague', () => {
  it("lists the section's active staff and the partner's coordinators to triage staff, and nobody to the partner", async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const colleague = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'], email: 'second.cts@example.org' });
    await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['DSCD'], email: 'elsewhere.dscd@example.org' });
    const submitted = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request;
    const PEOPLE = graphql('query People($id: ID!) { request(id: $id) { assignableStaff { id displayName } } }');
    const seen = (await t.gql(PEOPLE, { id: submitted.id }, staff)).data!.request!.assignableStaff.map((p) => p.id);
    expect(seen).toContain(colleague.id);
    const emails = await adminQuery<{ email: string }>(t.databaseUrl, 'SELECT email FROM app_user WHERE id = ANY($1::uuid[])', [seen]);
    expect(emails.map((e) => e.email)).not.toContain('elsewhere.dscd@example.org');
    expect((await t.gql(PEOPLE, { id: submitted.id }, geo)).data!.request!.assignableStaff).toEqual([]);
    const ASSIGN = graphql('mutation Assign($id: ID!, $to: ID, $v: Int!) { assignRequest(id: $id, assigneeId: $to, expectedVersion: $v) { assignee { id } } }');
    const assigned = await t.gql(ASSIGN, { id: submitted.id, to: colleague.id, v: submitted.version }, staff);
    expect(assigned.data!.assignRequest.assignee!.id).toBe(colleague.id);
  });
});

describe('the service-target clock', () => {
  it('pauses while information is requested: not overdue meanwhile, and the decision due date moves on by the pause', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const submitted = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request;
    const reviewed = (await t.gql(TRANSITION, { input: { id: submitted.id, to: 'UNDER_REVIEW', expectedVersion: submitted.version } }, staff)).data!.transitionRequest;
    const asked = (await t.gql(TRANSITION, { input: { id: reviewed.id, to: 'INFORMATION_REQUESTED', reason: 'Which unit?', expectedVersion: reviewed.version } }, staff)).data!.transitionRequest;
    // The target passed while waiting (set in the past, and the pause started ten days ago).
    await adminQuery(t.databaseUrl, `UPDATE cooperation_request SET decision_due_at = now() - interval '1 day', service_paused_at = now() - interval '10 days' WHERE id = $1`, [asked.id]);
    const waiting = (await t.gql(DUE, { id: asked.id }, staff)).data!.request!;
    expect(waiting.status).toBe('INFORMATION_REQUESTED');
    expect(waiting.servicePausedAt).not.toBeNull();
    expect(waiting.overdue).toBe(false);
    const before = Date.parse(waiting.decisionDueAt!);
    const back = (await t.gql(TRANSITION, { input: { id: asked.id, to: 'UNDER_REVIEW', expectedVersion: waiting.version } }, staff)).data!.transitionRequest;
    const resumed = (await t.gql(DUE, { id: back.id }, staff)).data!.request!;
    expect(resumed.servicePausedAt).toBeNull();
    // Ten days of waiting added: the target is nine days ahead again, not overdue.
    const moved = Date.parse(resumed.decisionDueAt!) - before;
    expect(moved).toBeGreaterThan(10 * 86_400_000 - 60_000);
    expect(moved).toBeLessThan(10 * 86_400_000 + 60_000);
    expect(resumed.overdue).toBe(false);
  });
});

describe('canned replies', () => {
  it("offers triage staff every section's replies in their language, and the partner none", async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const submitted = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request;
    const REPLIES = graphql('query Replies($id: ID!) { request(id: $id) { cannedReplies { title body } } }');
    const english = (await t.gql(REPLIES, { id: submitted.id }, staff)).data!.request!.cannedReplies;
    expect(english.map((r) => r.title)).toEqual(['Nominee details missing', 'Purpose needs more detail', 'Received, under review', 'No seats left on this iteration']);
    const french = (await t.gql(REPLIES, { id: submitted.id }, { ...staff, 'accept-language': 'fr' })).data!.request!.cannedReplies;
    expect(french[0]!.title).toBe('Informations manquantes sur les candidats');
    expect((await t.gql(REPLIES, { id: submitted.id }, geo)).data!.request!.cannedReplies).toEqual([]);
  });
});
