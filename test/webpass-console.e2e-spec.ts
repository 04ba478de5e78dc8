import { Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #18, the last gaps of the triage console's server side: bulk assignment to a colleague, canned replies
// managed by section staff and administrators, and timeline entries carrying structured parameters.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const ASSIGN_MANY = graphql('mutation AssignMany($ids: [ID!]!, $to: ID) { assignRequests(ids: $ids, assigneeId: $to) { requestId code message request { id assignee { id } } } }');

describe('bulk assignment', () => {
  it('assigns the requests a colleague may take in one call, audits each, and reports the others on their own rows', async () => {
    const cts = await makeOffering(t, { owningSectionCode: 'CTS' });
    const dscd = await makeOffering(t, { owningSectionCode: 'DSCD' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const colleague = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'], email: 'bulk.colleague.cts@example.org' });
    const submit = async (offeringId: string) => (await t.gql(SUBMIT, { input: submitInput(offeringId) }, geo)).data!.submitRequest.request;
    const first = await submit(cts.id);
    const second = await submit(cts.id);
    // Routed to another section: out of the CTS staff's reach.
    const elsewhere = await submit(dscd.id);

    const res = await t.gql(ASSIGN_MANY, { ids: [first.id, second.id, elsewhere.id], to: colleague.id }, staff);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.assignRequests;
    expect(rows.map((r) => [r.requestId, r.request?.assignee?.id ?? null, r.code])).toEqual([
      [first.id, colleague.id, null],
      [second.id, colleague.id, null],
      [elsewhere.id, null, 'NOT_FOUND'],
    ]);
    expect(rows[2].message).toBe('This request does not exist, or you do not have access to it.');
    const audit = await adminQuery<{ target_id: string; action: string }>(
      t.databaseUrl,
      `SELECT target_id, action FROM audit_event WHERE action = 'request.assign' AND target_id = ANY($1::text[]) ORDER BY id`,
      [[first.id, second.id, elsewhere.id]],
    );
    expect(audit).toEqual([
      { target_id: first.id, action: 'request.assign' },
      { target_id: second.id, action: 'request.assign' },
    ]);
  });

  it('refuses, on its row, a request the person may not take (staff of another section), and assigns the rest', async () => {
    const cts = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const outsider = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['DSCD'], email: 'bulk.outsider.dscd@example.org' });
    const r = (await t.gql(SUBMIT, { input: submitInput(cts.id) }, geo)).data!.submitRequest.request;
    const res = await t.gql(ASSIGN_MANY, { ids: [r.id], to: outsider.id }, staff);
    expect(res.data!.assignRequests[0].code).toBe('BAD_USER_INPUT');
    expect(res.data!.assignRequests[0].message).toMatch(/is not active staff of the section it is routed to/);
    const none = await t.gql(ASSIGN_MANY, { ids: [], to: null }, staff);
    expect(none.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(none.errors![0].message).toBe('ids: select at least one request to assign.');
  });

  it('is for triage staff: a liaison officer is refused', async () => {
    const geo = await a.asPartner('GEO');
    const res = await t.gql(ASSIGN_MANY, { ids: [], to: null }, geo);
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
