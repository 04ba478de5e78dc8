import { Role } from '../src/common/auth/role.js';
import { graphql } from './support/graphql.js';
import { actors, type Actors, type Headers, type TestUser } from './support/actors.js';
import { makeOffering } from './support/requests.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #15 item 2: SPS peer review (reviewers, rubric scores, comments hidden from the partner) and committee
// batches whose decisions move the request through the lifecycle door.
let t: TestApp;
let a: Actors;
let offeringId: string;
let geo: Headers;
let sps: Headers;
let reviewer: TestUser;
let otherReviewer: TestUser;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
  offeringId = (await makeOffering(t, { kind: 'SPS_GRANT', owningSectionCode: 'SPS' })).id;
  geo = await a.asPartner('GEO');
  sps = await a.asStaff('SPS');
  reviewer = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
  otherReviewer = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['ARM'] });
});
afterAll(async () => {
  await t?.close();
});

const SUBMIT = graphql('mutation SubmitApp($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id reference status version } } }');
const REQUEST = graphql(`query PartnerView($id: ID!) { request(id: $id) {
  id status version timeline { type toStatus reason params { kind batch meetingDate outcomeEn outcomeFr note } actor { id displayName } } comments { body }
} }`);
const ASSIGN = graphql('mutation Assign($input: AssignSpsReviewerInput!) { assignSpsReviewer(input: $input) { id version submittedAt reviewer { id } } }');
const MINE = graphql(`query Mine { mySpsReviews { id reference title kindFields review { id version submittedAt total comments scores { criterionCode score } } } }`);
const RUBRIC = graphql('query Rubric { spsRubric { code label minScore maxScore } }');
const REVIEW = graphql('mutation Review($input: SubmitSpsReviewInput!) { submitSpsReview(input: $input) { id version total submittedAt scores { criterionCode score } } }');
const APPLICATION = graphql(`query App($id: ID!) { spsApplication(requestId: $id) {
  id request { status version } reviews { reviewer { id displayName } total comments submittedAt }
  reviewSummary { reviewsAssigned reviewsSubmitted averageTotal }
  batch { id name } outcome { code requestStatus } decisionReason
} }`);
const CANDIDATES = graphql('query Candidates { spsReviewerCandidates { id displayName } }');
const CREATE_BATCH = graphql('mutation CreateBatch($input: CreateSpsBatchInput!) { createSpsCommitteeBatch(input: $input) { id name meetingDate } }');
const ADD = graphql('mutation Add($input: AddSpsApplicationsInput!) { addApplicationsToSpsBatch(input: $input) { id applications { id request { reference } } } }');
const TO_SCHEDULE = graphql('query ToSchedule { spsApplicationsToSchedule { id } }');
const BATCHES = graphql('query Batches { spsCommitteeBatches { id name meetingDate applications { id outcome { code } } } }');
const BATCH_SCREEN = graphql(`query BatchScreen { spsCommitteeBatches { id name applications {
  id request { reference status partner { code } } reviews { total } reviewSummary { averageTotal } batch { id } outcome { code }
} } }`);
const DECIDE = graphql(`mutation Decide($input: RecordSpsDecisionInput!) {
  recordSpsDecision(input: $input) { id request { status version } outcome { code label } decisionReason batch { id } }
}`);

function inMonths(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

async function application(title = 'ARW on detecting explosives'): Promise<{ id: string; reference: string; version: number }> {
  const res = await t.gql(
    SUBMIT,
    {
      input: {
        offeringId,
        title,
        purpose: 'Bring Georgian and Norwegian experts together',
        kindFields: {
          mechanism: 'ARW',
          natoDirector: { name: 'Dr Ingrid Solberg', institution: 'FFI', country: 'NOR', email: 'ingrid.solberg@ffi.example.no' },
          partnerDirector: { name: 'Prof. Nino Gelashvili', institution: 'GTU', country: 'GEO', email: 'n.gelashvili@gtu.example.ge' },
          budget: { amount: 85000, currency: 'EUR' },
          keyDates: { eventStart: inMonths(13) },
        },
      },
    },
    geo,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.submitRequest.request;
}

async function fullScores(): Promise<Array<{ criterionCode: string; score: number }>> {
  const rubric = (await t.gql(RUBRIC, {}, sps)).data!.spsRubric;
  return rubric.map((c, i) => ({ criterionCode: c.code, score: Math.min(c.maxScore, 3 + (i % 2)) }));
}

describe('SPS peer review', () => {
  it('lets SPS staff assign active NATO staff as reviewers, which takes the application under review; others may not', async () => {
    const app = await application();
    const candidates = (await t.gql(CANDIDATES, {}, sps)).data!.spsReviewerCandidates.map((c) => c.id);
    expect(candidates).toEqual(expect.arrayContaining([reviewer.id, otherReviewer.id]));

    const cts = await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, await a.asStaff('CTS'));
    expect(cts.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(cts.errors![0]!.message).toBe('Only staff of the section that runs the SPS programme (the owner of SPS grant offerings) can manage peer review and committee batches.');
    expect((await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, geo)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const partnerUser = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'ARM' });
    const notStaff = await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: partnerUser.id } }, sps);
    expect(notStaff.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reviewerId' });

    const assigned = await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignSpsReviewer).toMatchObject({ reviewer: { id: reviewer.id }, submittedAt: null });
    const twice = await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
    expect(twice.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect((await t.gql(REQUEST, { id: app.id }, geo)).data!.request!.status).toBe('UNDER_REVIEW');
    const [audit] = await adminQuery<{ n: string }>(t.databaseUrl, `SELECT count(*) AS n FROM audit_event WHERE action = 'sps.review.assign' AND target_id = $1`, [app.id]);
    expect(Number(audit!.n)).toBe(1);

    const course = await makeOffering(t, { kind: 'TRAINING_COURSE', owningSectionCode: 'SPS' });
    const notSps = (await t.gql(SUBMIT, { input: { offeringId: course.id, title: 'A course' } }, geo)).data!.submitRequest.request;
    const refused = await t.gql(ASSIGN, { input: { requestId: notSps.id, reviewerId: reviewer.id } }, sps);
    expect(refused.errors![0]!.message).toBe(`${notSps.reference} is not an SPS grant application (its offering kind is TRAINING_COURSE).`);
  });

  it('lets the reviewer, and only the reviewer, score every rubric criterion with comments', async () => {
    const app = await application('MYP on CBRN sensors');
    await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
    await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: otherReviewer.id } }, sps);

    const mine = must(await t.gql(MINE, {}, reviewer.headers)).mySpsReviews.find((m) => m.reference === app.reference)!;
    expect(mine.kindFields.natoDirector.country).toBe('NOR');
    expect(mine.review).toMatchObject({ submittedAt: null, total: null, scores: [] });

    const scores = await fullScores();
    const partial = await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores: scores.slice(1).map((s, i) => (i === 0 ? { ...s, score: 9 } : s)), comments: 'Strong team.', expectedVersion: mine.review.version } }, reviewer.headers);
    expect(partial.errors![0]!.extensions!.code).toBe('INVALID_FIELDS');
    const problems = partial.errors![0]!.extensions!.fields as Array<{ path: string; code: string; message: string }>;
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `/scores/${scores[0]!.criterionCode}`, code: 'REQUIRED', message: 'Score Scientific and technical quality (1–5).' },
        { path: `/scores/${scores[1]!.criterionCode}`, code: 'OUT_OF_RANGE', message: 'Relevance to SPS key priorities must be scored from 1 to 5, not 9.' },
      ]),
    );
    const notTheirs = await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores, comments: 'x', expectedVersion: mine.review.version } }, otherReviewer.headers);
    expect(notTheirs.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores, comments: 'x', expectedVersion: mine.review.version } }, geo)).errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const done = await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores, comments: 'Strong team; the budget is tight for an ARW.', expectedVersion: mine.review.version } }, reviewer.headers);
    expect(done.errors).toBeUndefined();
    const total = scores.reduce((s, x) => s + x.score, 0);
    expect(done.data!.submitSpsReview).toMatchObject({ total, scores });
    const stale = await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores, comments: 'again', expectedVersion: mine.review.version } }, reviewer.headers);
    expect(stale.errors![0]!.extensions!.code).toBe('CONFLICT');

    const view = (await t.gql(APPLICATION, { id: app.id }, sps)).data!.spsApplication;
    expect(view.reviews.map((r) => r.reviewer!.id)).toEqual([reviewer.id, otherReviewer.id]);
    expect(view.reviews[0]).toMatchObject({ total, comments: 'Strong team; the budget is tight for an ARW.' });
    expect(view.reviewSummary).toEqual({ reviewsAssigned: 2, reviewsSubmitted: 1, averageTotal: total });
  });

  it('hides reviews and reviewers from the partner', async () => {
    const app = await application('ATC on countering IEDs');
    await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
    const mine = must(await t.gql(MINE, {}, reviewer.headers)).mySpsReviews.find((m) => m.reference === app.reference)!;
    await t.gql(REVIEW, { input: { reviewId: mine.review.id, scores: await fullScores(), comments: 'Confidential: weak partner institution.', expectedVersion: mine.review.version } }, reviewer.headers);

    for (const query of [APPLICATION] as const) {
      const res = await t.gql(query, { id: app.id }, geo);
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(MINE, {}, geo)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(BATCHES, {}, geo)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const seen = JSON.stringify((await t.gql(REQUEST, { id: app.id }, geo)).data!.request);
    expect(seen).not.toContain(reviewer.id);
    expect(seen).not.toContain('Confidential');
    expect(seen).not.toContain(reviewer.email);
    // Another NATO staff member outside SPS sees no application either.
    expect((await t.gql(APPLICATION, { id: app.id }, await a.asStaff('CTS'))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('SPS committee batches', () => {
  it('groups applications into a batch and records decisions that move the request through its lifecycle', async () => {
    const endorsed = await application('ARW endorsed');
    const declined = await application('ARW not endorsed');
    for (const app of [endorsed, declined]) await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
    const toSchedule = (await t.gql(TO_SCHEDULE, {}, sps)).data!.spsApplicationsToSchedule.map((x) => x.id);
    expect(toSchedule).toEqual(expect.arrayContaining([endorsed.id, declined.id]));

    const past = await t.gql(CREATE_BATCH, { input: { name: 'Past', meetingDate: '2020-01-01' } }, sps);
    expect(past.errors![0]!.message).toBe('meetingDate 2020-01-01 is in the past: give the date the committee will meet (today or later).');
    const batch = (await t.gql(CREATE_BATCH, { input: { name: 'SPS committee, spring', meetingDate: inMonths(2) } }, sps)).data!.createSpsCommitteeBatch;
    const added = await t.gql(ADD, { input: { batchId: batch.id, requestIds: [endorsed.id, declined.id] } }, sps);
    expect(added.errors).toBeUndefined();
    expect(added.data!.addApplicationsToSpsBatch.applications.map((x) => x.id)).toEqual([endorsed.id, declined.id]);
    expect((await t.gql(TO_SCHEDULE, {}, sps)).data!.spsApplicationsToSchedule.map((x) => x.id)).not.toContain(endorsed.id);

    const current = (await t.gql(REQUEST, { id: endorsed.id }, geo)).data!.request!;
    const unknown = await t.gql(DECIDE, { input: { requestId: endorsed.id, outcomeCode: 'MAYBE', reason: 'x', expectedVersion: current.version } }, sps);
    expect(unknown.errors![0]!.message).toBe('outcomeCode must be one of ENDORSED, NOT_ENDORSED, DEFERRED.');
    const stale = await t.gql(DECIDE, { input: { requestId: endorsed.id, outcomeCode: 'ENDORSED', reason: 'x', expectedVersion: current.version - 1 } }, sps);
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: current.version });

    const decided = await t.gql(DECIDE, { input: { requestId: endorsed.id, outcomeCode: 'ENDORSED', reason: 'Strong reviews; fits the key priorities.', expectedVersion: current.version } }, sps);
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordSpsDecision).toMatchObject({ request: { status: 'APPROVED' }, outcome: { code: 'ENDORSED', label: 'Endorsed' }, decisionReason: 'Strong reviews; fits the key priorities.' });
    const partnerView = (await t.gql(REQUEST, { id: endorsed.id }, geo)).data!.request!;
    expect(partnerView.status).toBe('APPROVED');
    expect(partnerView.timeline.at(-1)).toMatchObject({ toStatus: 'APPROVED', reason: `SPS committee, spring (${inMonths(2)}): Endorsed. Strong reviews; fits the key priorities.` });
    // As data too, so the French interface renders it in French (issue #18): the outcome's label in both languages.
    expect(partnerView.timeline.at(-1)!.params).toMatchObject({
      kind: 'SPS_DECISION', batch: 'SPS committee, spring', meetingDate: inMonths(2), outcomeEn: 'Endorsed', outcomeFr: expect.any(String), note: 'Strong reviews; fits the key priorities.',
    });
    expect(partnerView.timeline.at(-1)!.params!.outcomeFr).not.toBe('Endorsed');
    // Through the one door: one status entry and one request.transition audit for the decision.
    const transitions = await adminQuery<{ n: string }>(t.databaseUrl, `SELECT count(*) AS n FROM audit_event WHERE action = 'request.transition' AND target_id = $1 AND details->>'to' = 'APPROVED'`, [endorsed.id]);
    expect(Number(transitions[0]!.n)).toBe(1);
    const again = await t.gql(DECIDE, { input: { requestId: endorsed.id, outcomeCode: 'NOT_ENDORSED', reason: 'x', expectedVersion: decided.data!.recordSpsDecision.request.version } }, sps);
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');

    const v = (await t.gql(REQUEST, { id: declined.id }, geo)).data!.request!.version;
    const no = await t.gql(DECIDE, { input: { requestId: declined.id, outcomeCode: 'NOT_ENDORSED', reason: 'Outside the key priorities.', expectedVersion: v } }, sps);
    expect(no.data!.recordSpsDecision.request.status).toBe('DECLINED');

    const batches = (await t.gql(BATCHES, {}, sps)).data!.spsCommitteeBatches.find((b) => b.id === batch.id)!;
    expect(batches.applications.map((x) => x.outcome?.code)).toEqual(['ENDORSED', 'NOT_ENDORSED']);
    const audits = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE action LIKE 'sps.%' AND target_id = ANY($1) ORDER BY id`, [[endorsed.id, declined.id]]);
    expect(audits.map((x) => x.action)).toEqual(['sps.review.assign', 'sps.review.assign', 'sps.batch.add', 'sps.batch.add', 'sps.decision.record', 'sps.decision.record']);
  });

  it('keeps a deferred application under review, free to go to a later batch', async () => {
    const app = await application('ASI deferred');
    const first = (await t.gql(CREATE_BATCH, { input: { name: 'First', meetingDate: inMonths(1) } }, sps)).data!.createSpsCommitteeBatch;
    const second = (await t.gql(CREATE_BATCH, { input: { name: 'Second', meetingDate: inMonths(4) } }, sps)).data!.createSpsCommitteeBatch;
    const unbatched = await t.gql(DECIDE, { input: { requestId: app.id, outcomeCode: 'DEFERRED', reason: 'x', expectedVersion: app.version } }, sps);
    expect(unbatched.errors![0]!.message).toBe(`${app.reference} is in no committee batch: add it to the batch that decides it first.`);
    await t.gql(ADD, { input: { batchId: first.id, requestIds: [app.id] } }, sps);
    const busy = await t.gql(ADD, { input: { batchId: second.id, requestIds: [app.id] } }, sps);
    expect(busy.errors![0]!.extensions!.code).toBe('CONFLICT');

    const deferred = await t.gql(DECIDE, { input: { requestId: app.id, outcomeCode: 'DEFERRED', reason: 'Budget to be revised.', expectedVersion: app.version } }, sps);
    expect(deferred.data!.recordSpsDecision).toMatchObject({ request: { status: 'SUBMITTED' }, outcome: { code: 'DEFERRED' }, batch: { id: first.id } });
    const moved = await t.gql(ADD, { input: { batchId: second.id, requestIds: [app.id] } }, sps);
    expect(moved.errors).toBeUndefined();
    const later = await t.gql(DECIDE, { input: { requestId: app.id, outcomeCode: 'ENDORSED', reason: 'Revised budget accepted.', expectedVersion: app.version } }, sps);
    expect(later.errors).toBeUndefined();
    expect(later.data!.recordSpsDecision).toMatchObject({ request: { status: 'APPROVED' }, batch: { id: second.id } });
    // A SUBMITTED application is taken under review first, then approved: two changes through the door.
    const statuses = (await t.gql(REQUEST, { id: app.id }, geo)).data!.request!.timeline.filter((e) => e.toStatus).map((e) => e.toStatus);
    expect(statuses).toEqual(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED']);
  });

  it('shows many batches with their applications and reviews in the same few statements as fewer (DataLoaders, no N+1)', async () => {
    const batchWith = async (n: number) => {
      const batch = (await t.gql(CREATE_BATCH, { input: { name: `Round ${n}`, meetingDate: inMonths(3) } }, sps)).data!.createSpsCommitteeBatch;
      const apps = [];
      for (let i = 0; i < n; i++) {
        const app = await application(`Batch round ${n} application ${i}`);
        await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: reviewer.id } }, sps);
        await t.gql(ASSIGN, { input: { requestId: app.id, reviewerId: otherReviewer.id } }, sps);
        apps.push(app.id);
      }
      await t.gql(ADD, { input: { batchId: batch.id, requestIds: apps } }, sps);
    };
    await batchWith(1);
    const before = await countSql(() => t.gql(BATCH_SCREEN, {}, sps));
    expect(before.result.errors).toBeUndefined();
    await batchWith(2);
    await batchWith(3);
    const after = await countSql(() => t.gql(BATCH_SCREEN, {}, sps));
    expect(after.result.errors).toBeUndefined();
    expect(after.result.data!.spsCommitteeBatches.length).toBe(before.result.data!.spsCommitteeBatches.length + 2);
    expect(after.statements).toBe(before.statements);
  });
});

/** The data of a response that must have succeeded; its errors as the failure otherwise. */
function must<T>(res: { data?: T | null; errors?: unknown }): T {
  if (res.errors || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}
