import { Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
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

const APPROVE = graphql('mutation Approve($input: ApproveRequestInput!) { approveRequest(input: $input) { id version } }');
const RESPOND = graphql('mutation Respond($input: RespondToInformationRequestInput!) { respondToInformationRequest(input: $input) { id version } }');
const EVENTS = graphql(`query Events($id: ID!) { request(id: $id) { version timeline {
  type toStatus reason params { kind seats index expiresAt note accepted waitlisted declined }
} } }`);

describe('timeline entries as data', () => {
  it("carry their text's kind and parameters beside the English text; what a person wrote has no params", async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iterationId = await makeIteration(t, offering.id, { capacity: 10 });
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const r = (await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId }) }, geo)).data!.submitRequest.request;
    const reviewed = (await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff)).data!.transitionRequest;
    const asked = (await t.gql(TRANSITION, { input: { id: r.id, to: 'INFORMATION_REQUESTED', reason: 'Which unit do they serve in?', expectedVersion: reviewed.version } }, staff)).data!.transitionRequest;
    const answered = (await t.gql(RESPOND, { input: { id: r.id, body: 'The border police.', expectedVersion: asked.version } }, geo)).data!.respondToInformationRequest;
    const approved = await t.gql(
      APPROVE,
      { input: { id: r.id, expectedVersion: answered.version, seats: 1, nominees: [{ index: 0, decision: 'ACCEPTED' }, { index: 1, decision: 'WAITLISTED' }] } },
      staff,
    );
    expect(approved.errors).toBeUndefined();

    const timeline = (await t.gql(EVENTS, { id: r.id }, geo)).data!.request!.timeline;
    const strip = (p: Record<string, unknown> | null | undefined) => (p ? Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null)) : null);
    const of = (type: string, to?: string) => timeline.filter((e) => e.type === type && (!to || e.toStatus === to)).map((e) => ({ reason: e.reason, params: strip(e.params) }));
    expect(of('STATUS_CHANGED', 'INFORMATION_REQUESTED')).toEqual([{ reason: 'Which unit do they serve in?', params: null }]);
    expect(of('STATUS_CHANGED', 'UNDER_REVIEW').pop()).toEqual({ reason: 'Information provided', params: { kind: 'INFORMATION_PROVIDED' } });
    expect(of('SEATS_ALLOCATED')).toEqual([{ reason: '1 seats', params: { kind: 'SEATS', seats: 1 } }]);
    expect(of('NOMINEES_DECIDED')).toEqual([{ reason: '1 accepted, 1 waitlisted, 0 declined', params: { kind: 'DECISIONS', accepted: 1, waitlisted: 1, declined: 0 } }]);
  });

  it('backfills older rows whose text parses, and leaves the others as written', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const r = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request;
    const old: Array<[string, string]> = [
      ['SEATS_RELEASED', '3 seats'],
      ['SEAT_OFFERED', 'Nominee 2, confirm by 2027-01-05 09:00 UTC'],
      ['SEAT_OFFER_DECLINED', 'Nominee 1: Posted abroad.\nSorry.'],
      ['SEAT_CONFIRMED', 'Nominee 3'],
      ['NOMINEES_DECIDED', 'Clash overridden: Different weeks.'],
      ['SEAT_OFFER_LAPSED', 'Something else entirely'],
      ['STATUS_CHANGED', 'Taken under SPS peer review.'],
      ['STATUS_CHANGED', 'SPS committee, spring (2027-02-01): Endorsed. Strong reviews; fits the priorities.'],
    ];
    for (const [type, reason] of old) {
      await adminQuery(t.databaseUrl, `INSERT INTO request_event (request_id, at, type, actor_kind, reason) VALUES ($1, now(), $2, 'system', $3)`, [r.id, type, reason]);
    }
    // The migration's backfill, run again on these rows (the column itself exists already).
    const runner = { query: (sql: string) => (sql.startsWith('ALTER TABLE') ? Promise.resolve([]) : adminQuery(t.databaseUrl, sql)) };
    const { RequestEventParams1764900700300 } = await import('../migrations/1764900700300-RequestEventParams.js');
    await new RequestEventParams1764900700300().up(runner as never);
    const rows = await adminQuery<{ type: string; params: Record<string, unknown> | null }>(
      t.databaseUrl,
      `SELECT type, params FROM request_event WHERE request_id = $1 AND actor_kind = 'system' AND type <> 'ROUTED' ORDER BY id`,
      [r.id],
    );
    expect(rows.filter((x) => old.some(([type]) => type === x.type))).toEqual([
      { type: 'SEATS_RELEASED', params: { kind: 'SEATS', seats: 3 } },
      { type: 'SEAT_OFFERED', params: { kind: 'SEAT_OFFER', index: 1, expiresAt: '2027-01-05T09:00:00.000Z' } },
      { type: 'SEAT_OFFER_DECLINED', params: { kind: 'NOMINEE_NOTE', index: 0, note: 'Posted abroad.\nSorry.' } },
      { type: 'SEAT_CONFIRMED', params: { kind: 'NOMINEE', index: 2 } },
      { type: 'NOMINEES_DECIDED', params: { kind: 'CLASH_OVERRIDDEN', note: 'Different weeks.' } },
      { type: 'SEAT_OFFER_LAPSED', params: null },
      { type: 'STATUS_CHANGED', params: { kind: 'SPS_PEER_REVIEW' } },
      {
        type: 'STATUS_CHANGED',
        params: { kind: 'SPS_DECISION', batch: 'SPS committee, spring', meetingDate: '2027-02-01', outcomeEn: 'Endorsed', outcomeFr: 'Approuvée', note: 'Strong reviews; fits the priorities.' },
      },
    ]);
  });
});

const REPLIES = graphql('query Replies { cannedReplies { id position titleEn titleFr bodyEn bodyFr canEdit section { code } } }');
const SAVE_REPLY = graphql('mutation SaveReply($input: CannedReplyInput!) { saveCannedReply(input: $input) { id position titleEn titleFr bodyEn bodyFr canEdit section { code } } }');
const DELETE_REPLY = graphql('mutation DeleteReply($id: ID!) { deleteCannedReply(id: $id) }');
const PICKER = graphql('query Picker($id: ID!) { request(id: $id) { cannedReplies { id title body } } }');

describe('canned replies as data people manage', () => {
  const texts = { titleEn: 'Course moved', titleFr: 'Cours déplacé', bodyEn: 'The course has moved to a later iteration.', bodyFr: 'Le cours a été reporté à une session ultérieure.' };

  it("section staff create, edit and delete their section's replies (audited), and the picker of a request in that section offers them in the person's language", async () => {
    const staff = await a.asStaff('CTS');
    const created = await t.gql(SAVE_REPLY, { input: { ...texts, sectionCode: 'CTS' } }, staff);
    expect(created.errors).toBeUndefined();
    const reply = created.data!.saveCannedReply;
    expect(reply).toMatchObject({ ...texts, canEdit: true, section: { code: 'CTS' } });

    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const r = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, await a.asPartner('GEO'))).data!.submitRequest.request;
    const picker = (await t.gql(PICKER, { id: r.id }, staff)).data!.request!.cannedReplies;
    expect(picker.find((c) => c.id === reply.id)).toEqual({ id: reply.id, title: 'Course moved', body: 'The course has moved to a later iteration.' });
    const french = (await t.gql(PICKER, { id: r.id }, { ...staff, 'accept-language': 'fr' })).data!.request!.cannedReplies;
    expect(french.find((c) => c.id === reply.id)?.title).toBe('Cours déplacé');

    const edited = await t.gql(SAVE_REPLY, { input: { ...texts, id: reply.id, titleEn: 'Course postponed' } }, staff);
    expect(edited.data!.saveCannedReply.titleEn).toBe('Course postponed');
    expect((await t.gql(DELETE_REPLY, { id: reply.id }, staff)).data!.deleteCannedReply).toBe(true);
    expect((await t.gql(REPLIES, {}, staff)).data!.cannedReplies.map((c) => c.id)).not.toContain(reply.id);
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_type = 'CannedReply' AND target_id = $1 ORDER BY id`, [reply.id]);
    expect(audit.map((x) => x.action)).toEqual(['cannedReply.create', 'cannedReply.update', 'cannedReply.delete']);
  });

  it("keeps staff to their own sections: every section's replies and other sections' are refused, with what to do", async () => {
    const cts = await a.asStaff('CTS');
    const dscd = await a.asStaff('DSCD');
    const everySection = (await t.gql(REPLIES, {}, cts)).data!.cannedReplies.find((c) => c.section === null)!;
    expect(everySection.canEdit).toBe(false);
    const edit = await t.gql(SAVE_REPLY, { input: { ...texts, id: everySection.id } }, cts);
    expect(edit.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(edit.errors![0].message).toMatch(/^Replies for every section are the administrators' to change/);
    const global = await t.gql(SAVE_REPLY, { input: { ...texts } }, cts);
    expect(global.errors![0].extensions!.code).toBe('FORBIDDEN');
    const other = await t.gql(SAVE_REPLY, { input: { ...texts, sectionCode: 'DSCD' } }, cts);
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    // Another section's reply is out of reach altogether.
    const theirs = (await t.gql(SAVE_REPLY, { input: { ...texts, sectionCode: 'DSCD' } }, dscd)).data!.saveCannedReply;
    expect((await t.gql(REPLIES, {}, cts)).data!.cannedReplies.map((c) => c.id)).not.toContain(theirs.id);
    const foreign = await t.gql(DELETE_REPLY, { id: theirs.id }, cts);
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    const missing = await t.gql(SAVE_REPLY, { input: { ...texts, sectionCode: 'CTS', bodyFr: '  ' } }, cts);
    expect(missing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].message).toBe('bodyFr: Write the text in French.');
  });

  it("lets administrators manage every section's replies, and refuses liaison officers", async () => {
    const admin = await a.asAdmin();
    const created = await t.gql(SAVE_REPLY, { input: { ...texts, titleEn: 'For everyone' } }, admin);
    expect(created.data!.saveCannedReply).toMatchObject({ section: null, canEdit: true, titleEn: 'For everyone' });
    const all = (await t.gql(REPLIES, {}, admin)).data!.cannedReplies;
    expect(all.every((c) => c.canEdit)).toBe(true);
    expect((await t.gql(DELETE_REPLY, { id: created.data!.saveCannedReply.id }, admin)).data!.deleteCannedReply).toBe(true);
    const geo = await a.asPartner('GEO');
    expect((await t.gql(REPLIES, {}, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
