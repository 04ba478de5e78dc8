import { ApiKeyScope } from '../src/common/auth/role.js';
import { graphql, type VariablesOf } from './support/graphql.js';
import { actors, type Actors, type Headers } from './support/actors.js';
import { countSql } from './support/sql-counter.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Participants' personal data (issue #11 item 11): who sees names, emails and clearances, and that every read is audited.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const READ = graphql(`query($id: ID!) { request(id: $id) { id participantCount participants { name email clearance } } }`);
const REVEAL = graphql(`mutation($id: ID!, $reason: String!) { revealParticipants(requestId: $id, reason: $reason) { name email clearance } }`);
const CREATE_KEY = graphql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id personalData } } }`);

async function audited(action: string, targetId: string): Promise<Array<{ actor_kind: string; actor_id: string; details: Record<string, unknown>; request_id: string }>> {
  return adminQuery(t.databaseUrl, 'SELECT actor_kind, actor_id, details, request_id FROM audit_event WHERE action = $1 AND target_id = $2 ORDER BY id', [action, targetId]);
}

/** A key created through the API as an administrator would, so the input's personalData default is the one tested. */
async function key(input: Omit<VariablesOf<typeof CREATE_KEY>['input'], 'name'>): Promise<{ id: string; headers: Headers; personalData: boolean }> {
  const res = await t.gql(CREATE_KEY, { input: { name: 'personal data test key', ...input } }, await a.asAdmin());
  expect(res.errors).toBeUndefined();
  const { secret, apiKey } = res.data!.createApiKey;
  return { id: apiKey.id, headers: { authorization: `Bearer ${secret}` }, personalData: apiKey.personalData };
}

describe("participants' personal data", () => {
  it('goes to the partner, the routed section, covering coordinators and granted keys only; the others in reach see the count', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const submitted = await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo);
    expect(submitted.errors).toBeUndefined();
    const id: string = submitted.data!.submitRequest.request.id;

    const partnerKey = await key({ scope: ApiKeyScope.PARTNER, partnerCode: 'GEO' });
    const partnerKeyPd = await key({ scope: ApiKeyScope.PARTNER, partnerCode: 'GEO', personalData: true });
    const sectionKey = await key({ scope: ApiKeyScope.SECTION, sectionCode: 'CTS' });
    const sectionKeyPd = await key({ scope: ApiKeyScope.SECTION, sectionCode: 'CTS', personalData: true });
    const otherSectionKeyPd = await key({ scope: ApiKeyScope.SECTION, sectionCode: 'HSU', personalData: true });
    expect([partnerKey.personalData, partnerKeyPd.personalData, sectionKey.personalData, sectionKeyPd.personalData]).toEqual([false, true, false, true]);

    // reaches: the request is found at all; names: the participants are shown.
    const callers: Array<[string, Headers, { reaches: boolean; names: boolean }]> = [
      ["the partner's own liaison officer", geo, { reaches: true, names: true }],
      ['another partner', await a.asPartner('UKR'), { reaches: false, names: false }],
      ['staff of the routed section', await a.asStaff('CTS'), { reaches: true, names: true }],
      ['staff of another section', await a.asStaff('HSU'), { reaches: false, names: false }],
      ['a coordinator covering the partner', await a.asCoordinator('GEO'), { reaches: true, names: true }],
      ['a coordinator of other partners', await a.asCoordinator('UKR'), { reaches: false, names: false }],
      ['an administrator', await a.asAdmin(), { reaches: true, names: false }],
      ['a partner key', partnerKey.headers, { reaches: true, names: false }],
      ['a partner key with personalData', partnerKeyPd.headers, { reaches: true, names: true }],
      ['a section key', sectionKey.headers, { reaches: true, names: false }],
      ['a section key with personalData', sectionKeyPd.headers, { reaches: true, names: true }],
      ["another section's key with personalData", otherSectionKeyPd.headers, { reaches: false, names: false }],
    ];
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [who, headers, expected] of callers) {
      const before = (await audited('request.participants.read', id)).length;
      const res = await t.gql(READ, { id }, headers);
      expect(res.errors).toBeUndefined();
      const request = res.data!.request;
      const after = (await audited('request.participants.read', id)).length;
      got[who] = {
        reaches: request !== null,
        names: Array.isArray(request?.participants) && request.participants.length === 2,
        count: request?.participantCount ?? null,
        leaks: /nino\.beridze|NATO SECRET/.test(JSON.stringify(request)) && !(Array.isArray(request?.participants) && request.participants.length === 2),
        auditRows: after - before,
      };
      want[who] = { ...expected, count: expected.reaches ? 2 : null, leaks: false, auditRows: expected.names ? 1 : 0 };
    }
    expect(got).toEqual(want);

    // What the partner sees is the whole record, and the audit row says who read it.
    const own = await t.gql(READ, { id }, geo);
    expect(own.data!.request!.participants![0]).toEqual({ name: 'Nino Beridze', email: 'nino.beridze@mod.example.ge', clearance: 'NATO SECRET' });
    const byKey = (await audited('request.participants.read', id)).filter((e) => e.actor_id === sectionKeyPd.id);
    expect(byKey.map((e) => e.actor_kind)).toEqual(['apiKey']);
  });

  it('lets an administrator reveal them with a reason, recorded in the audit trail; refuses without one', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const id: string = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request.id;
    const admin = await a.asAdmin();

    const revealed = await t.gql(REVEAL, { id, reason: 'GDPR access request REQ-4711 from the participant' }, admin);
    expect(revealed.errors).toBeUndefined();
    expect(revealed.data!.revealParticipants.map((p: { name: string }) => p.name)).toEqual(['Nino Beridze', 'Giorgi Kapanadze']);
    const events = await audited('request.participants.reveal', id);
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_kind).toBe('user');
    expect(events[0]!.details).toEqual({ reason: 'GDPR access request REQ-4711 from the participant', participants: 2 });

    const refusals: Array<[string, Headers, VariablesOf<typeof REVEAL>, string]> = [
      ['no reason', admin, { id, reason: '   ' }, 'BAD_USER_INPUT'],
      ['a reason too short to mean anything', admin, { id, reason: 'because' }, 'BAD_USER_INPUT'],
      ['an unknown request', admin, { id: '00000000-0000-4000-8000-000000000000', reason: 'GDPR access request REQ-4711' }, 'NOT_FOUND'],
      ['not a request id', admin, { id: 'x', reason: 'GDPR access request REQ-4711' }, 'BAD_USER_INPUT'],
      ['staff of the routed section (they read the field)', await a.asStaff('CTS'), { id, reason: 'GDPR access request REQ-4711' }, 'FORBIDDEN'],
      ['a partner key with personalData', (await key({ scope: ApiKeyScope.PARTNER, partnerCode: 'GEO', personalData: true })).headers, { id, reason: 'GDPR access request REQ-4711' }, 'FORBIDDEN'],
    ];
    for (const [why, headers, variables, code] of refusals) {
      const res = await t.gql(REVEAL, variables, headers);
      expect([why, res.data?.revealParticipants ?? null, res.errors?.[0]?.extensions?.code]).toEqual([why, null, code]);
      expect(res.errors![0]!.message.length).toBeGreaterThan(10);
    }
    // Refusals reveal nothing and record no reveal.
    expect(await audited('request.participants.reveal', id)).toHaveLength(1);

    // A draft is the partner's own business: out of the administrator's reach, so not found.
    const draftId: string = (await t.gql(graphql('mutation($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { id } }'), { input: submitInput(offering.id) }, geo)).data!.saveRequestDraft.id;
    const draft = await t.gql(REVEAL, { id: draftId, reason: 'GDPR access request REQ-4711' }, admin);
    expect(draft.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('audits a page of requests with one statement and one row per request, however often the response asks', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.gql(SUBMIT, { input: submitInput(offering.id, { title: `Audited page ${i}` }) }, geo)).data!.submitRequest.request.id);
    const staff = await a.asStaff('CTS');
    const QUERY = graphql(`query($f: RequestFilter) { requests(first: 10, filter: $f) { edges { node { id participants { name } again: participants { email } } } } }`);
    const counted = await countSql(() => t.gql(QUERY, { f: { offeringId: offering.id } }, staff));
    expect(counted.result.errors).toBeUndefined();
    expect(counted.result.data!.requests.edges.every((e) => e.node.participants?.length === 2)).toBe(true);
    expect(counted.sql.filter((s) => /INSERT INTO audit_event/.test(s))).toHaveLength(1);
    const rows = await adminQuery<{ target_id: string; request_id: string }>(
      t.databaseUrl,
      "SELECT target_id, request_id FROM audit_event WHERE action = 'request.participants.read' AND target_id = ANY($1) ORDER BY target_id",
      [ids],
    );
    expect(rows.map((r) => r.target_id)).toEqual([...ids].sort());
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);

    // Whoever may not see them costs no audit statement.
    const adminHeaders = await a.asAdmin();
    const admin = await countSql(() => t.gql(QUERY, { f: { offeringId: offering.id } }, adminHeaders));
    expect(admin.result.data!.requests.edges.map((e) => e.node.participants)).toEqual([null, null, null]);
    expect(admin.sql.filter((s) => /INSERT INTO audit_event/.test(s))).toHaveLength(0);
  });

  it('grants personalData only to keys that read requests', async () => {
    const res = await t.gql(CREATE_KEY, { input: { name: 'catalogue feed', scope: ApiKeyScope.CATALOGUE, personalData: true } }, await a.asAdmin());
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/personalData is only for PARTNER and SECTION keys/);
  });
});
