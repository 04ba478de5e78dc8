import { graphql } from './support/graphql.js';
import { actors, type Actors, type Headers } from './support/actors.js';
import { makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #14 item 8: attendance per nominee after the course, the partner's history, the survey through the outbox and its results.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const RECORD = graphql(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { participantIndex participantName outcome } }`);
const ATTENDANCE = graphql(`query($id: ID!) { request(id: $id) { id attendance { participantIndex participantName outcome } } }`);
const HISTORY = graphql(`query($partnerCode: String, $first: Int, $after: String) {
  trainingHistory(partnerCode: $partnerCode, first: $first, after: $after) {
    totalCount edges { node { requestReference participantIndex participantName outcome offering { code } iteration { id } } } pageInfo { hasNextPage endCursor }
  }
}`);
const SURVEYS = graphql(`query($status: SurveyStatus) { courseSurveys(status: $status) { totalCount edges { node { id status requestReference ratingOverall comments offering { code } iteration { id } } } } }`);
const SURVEY_PAGE = graphql(`query($first: Int, $after: String) { courseSurveys(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
const ANSWER = graphql(`mutation($input: SubmitCourseSurveyInput!) { submitCourseSurvey(input: $input) { id status ratingOverall ratingContent ratingOrganisation ratingRelevance comments submittedAt } }`);
const RESULTS = graphql(`query($offeringId: ID!, $iterationId: ID) {
  surveyResults(offeringId: $offeringId, iterationId: $iterationId) { responses pending averageOverall averageContent averageOrganisation averageRelevance comments { partnerCode text } }
}`);

interface Course {
  offeringId: string;
  offeringCode: string;
  iterationId: string;
}

async function course(): Promise<Course> {
  const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
  const iterationId = await makeIteration(t, offering.id, { startInDays: 60 });
  return { offeringId: offering.id, offeringCode: offering.code, iterationId };
}

/** A GEO request for the course with two nominees, taken to `to` by CTS staff. */
async function request(c: Course, to: 'UNDER_REVIEW' | 'APPROVED', partner = 'GEO'): Promise<{ id: string; reference: string }> {
  const submitted = await t.gql(SUBMIT, { input: submitInput(c.offeringId, { iterationId: c.iterationId }) }, await a.asPartner(partner));
  expect(submitted.errors).toBeUndefined();
  let r = submitted.data!.submitRequest.request;
  const staff = await a.asStaff('CTS');
  for (const step of to === 'APPROVED' ? (['UNDER_REVIEW', 'APPROVED'] as const) : (['UNDER_REVIEW'] as const)) {
    const res = await t.gql(TRANSITION, { input: { id: r.id, to: step, expectedVersion: r.version } }, staff);
    expect(res.errors).toBeUndefined();
    r = res.data!.transitionRequest;
  }
  return { id: r.id, reference: r.reference };
}

/** The course started five days ago and ended yesterday. */
async function runCourse(c: Course): Promise<void> {
  await adminQuery(t.databaseUrl, 'UPDATE offering_iteration SET start_date = CURRENT_DATE - 5, end_date = CURRENT_DATE - 1, application_deadline = NULL WHERE id = $1', [c.iterationId]);
}

function record(headers: Headers, requestId: string, entries: Array<{ participantIndex: number; outcome: 'ATTENDED' | 'COMPLETED' | 'NO_SHOW' }>) {
  return t.gql(RECORD, { input: { requestId, entries } }, headers);
}

describe('attendance', () => {
  it('is recorded only after the start date, only on approved requests, only by staff of the routed section', async () => {
    const c = await course();
    const approved = await request(c, 'APPROVED');
    const cts = await a.asStaff('CTS');

    const early = await record(cts, approved.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    expect(early.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(early.errors![0]!.message).toMatch(new RegExp(`^The course of ${approved.reference} starts on \\d{4}-\\d{2}-\\d{2}: record attendance from that day on\\.$`));

    await runCourse(c);
    const underReview = await request(c, 'UNDER_REVIEW', 'JOR');
    const notApproved = await record(cts, underReview.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    expect(notApproved.errors![0]!.message).toBe(`Attendance is recorded only for approved nominees: ${underReview.reference} is UNDER_REVIEW, not APPROVED, SCHEDULED or COMPLETED.`);

    // Staff of another section do not reach the request; a coordinator covering the partner may not record.
    const otherSection = await record(await a.asStaff('HSU'), approved.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    expect(otherSection.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const coordinator = await record(await a.asCoordinator('GEO'), approved.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    expect(coordinator.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(coordinator.errors![0]!.message).toBe(`Attendance is recorded by staff of the section ${approved.reference} is routed to.`);

    const outOfRange = await record(cts, approved.id, [{ participantIndex: 2, outcome: 'COMPLETED' }]);
    expect(outOfRange.errors![0]!.extensions!.argument).toBe('input.entries[0].participantIndex');
    expect(outOfRange.errors![0]!.message).toBe(`input.entries[0].participantIndex 2 is not a nominee of ${approved.reference}, which has 2 (0 to 1).`);
    const [{ n }] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM nominee_attendance WHERE request_id = ANY($1::uuid[])', [[approved.id, underReview.id]]);
    expect(n).toBe(0);
  });

  it('records an outcome per nominee, audits every change, and shows on the request and on the partner history only', async () => {
    const c = await course();
    const r = await request(c, 'APPROVED');
    await runCourse(c);
    const cts = await a.asStaff('CTS');
    const res = await record(cts, r.id, [{ participantIndex: 0, outcome: 'COMPLETED' }, { participantIndex: 1, outcome: 'NO_SHOW' }]);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordAttendance).toEqual([
      { participantIndex: 0, participantName: 'Nino Beridze', outcome: 'COMPLETED' },
      { participantIndex: 1, participantName: 'Giorgi Kapanadze', outcome: 'NO_SHOW' },
    ]);
    // A correction is a second audited change; the same outcome again changes nothing.
    await record(cts, r.id, [{ participantIndex: 1, outcome: 'ATTENDED' }]);
    await record(cts, r.id, [{ participantIndex: 1, outcome: 'ATTENDED' }]);
    const audit = await adminQuery<{ details: { changes: unknown[] } }>(t.databaseUrl, "SELECT details FROM audit_event WHERE action = 'request.attendance.record' AND target_id = $1 ORDER BY id", [r.id]);
    expect(audit.map((row) => row.details.changes)).toEqual([
      [{ participantIndex: 0, from: null, to: 'COMPLETED' }, { participantIndex: 1, from: null, to: 'NO_SHOW' }],
      [{ participantIndex: 1, from: 'NO_SHOW', to: 'ATTENDED' }],
    ]);

    const geo = await a.asPartner('GEO');
    expect((await t.gql(ATTENDANCE, { id: r.id }, geo)).data!.request!.attendance).toEqual([
      { participantIndex: 0, participantName: 'Nino Beridze', outcome: 'COMPLETED' },
      { participantIndex: 1, participantName: 'Giorgi Kapanadze', outcome: 'ATTENDED' },
    ]);
    expect((await t.gql(ATTENDANCE, { id: r.id }, await a.asAdmin())).data!.request!.attendance).toBeNull();

    const history = await t.gql(HISTORY, { first: 1 }, geo);
    expect(history.errors).toBeUndefined();
    expect(history.data!.trainingHistory.totalCount).toBeGreaterThanOrEqual(2);
    const all = await t.gql(HISTORY, { first: 100 }, geo);
    const mine = all.data!.trainingHistory.edges.map((e) => e.node).filter((x) => x.requestReference === r.reference);
    expect(mine.map((x) => [x.participantName, x.outcome, x.offering!.code, x.iteration!.id]).sort()).toEqual([
      ['Giorgi Kapanadze', 'ATTENDED', c.offeringCode, c.iterationId],
      ['Nino Beridze', 'COMPLETED', c.offeringCode, c.iterationId],
    ]);
    // Paging one by one gives exactly the whole list, in order, also for rows recorded within the same millisecond
    // (the cursor keeps PostgreSQL's microseconds): this request's two rows are moved to one millisecond, 300 µs apart, neither on the millisecond.
    await adminQuery(t.databaseUrl, "UPDATE nominee_attendance SET recorded_at = timestamptz '2030-01-01 10:00:00.1234+00' + participant_index * interval '300 microseconds' WHERE request_id = $1", [r.id]);
    const paged: string[] = [];
    const pageAfter = (cursor: string | null | undefined) => t.gql(HISTORY, { first: 1, after: cursor }, geo);
    let after: string | null | undefined = null;
    do {
      const page = await pageAfter(after);
      paged.push(...page.data!.trainingHistory.edges.map((e) => `${e.node.requestReference}#${e.node.participantIndex}`));
      after = page.data!.trainingHistory.pageInfo.hasNextPage ? page.data!.trainingHistory.pageInfo.endCursor : null;
    } while (after);
    const everything = await t.gql(HISTORY, { first: 100 }, geo);
    expect(paged.slice(0, 2)).toEqual([`${r.reference}#1`, `${r.reference}#0`]);
    expect(paged).toEqual(everything.data!.trainingHistory.edges.map((e) => `${e.node.requestReference}#${e.node.participantIndex}`));
    const readAudits = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'request.attendance.read' AND target_id = $1", [r.id]);
    expect(readAudits[0]!.n).toBeGreaterThanOrEqual(1);

    // Another partner's history does not include it; staff are refused the history.
    const ukr = await t.gql(HISTORY, { first: 100 }, await a.asPartner('UKR'));
    expect(ukr.data!.trainingHistory.edges.filter((e) => e.node.requestReference === r.reference)).toEqual([]);
    expect((await t.gql(HISTORY, {}, cts)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(HISTORY, { partnerCode: 'GEO' }, await a.asCoordinator('GEO'))).data!.trainingHistory.totalCount).toBeGreaterThanOrEqual(2);
  });
});

describe('course survey', () => {
  it('goes to the submitter once, in both languages, through the outbox, when a nominee attended', async () => {
    const c = await course();
    const noShows = await request(c, 'APPROVED');
    const r = await request(c, 'APPROVED');
    await runCourse(c);
    const cts = await a.asStaff('CTS');
    await record(cts, noShows.id, [{ participantIndex: 0, outcome: 'NO_SHOW' }, { participantIndex: 1, outcome: 'NO_SHOW' }]);
    await record(cts, r.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    await record(cts, r.id, [{ participantIndex: 1, outcome: 'COMPLETED' }]);

    const surveys = await adminQuery<{ request_id: string }>(t.databaseUrl, 'SELECT request_id FROM course_survey WHERE request_id = ANY($1::uuid[])', [[noShows.id, r.id]]);
    expect(surveys.map((s) => s.request_id)).toEqual([r.id]);
    const notices = await adminQuery<{ kind: string; title_en: string; title_fr: string }>(t.databaseUrl, "SELECT kind, title AS title_en, title_fr FROM notification WHERE request_id = $1 AND kind = 'SURVEY_REQUESTED'", [r.id]);
    expect(notices).toEqual([{ kind: 'SURVEY_REQUESTED', title_en: `[${r.reference}] Tell us how the course went`, title_fr: `[${r.reference}] Dites-nous comment s’est passé le cours` }]);
    const mails = await adminQuery<{ subject: string; body: string }>(t.databaseUrl, 'SELECT subject, body FROM mail_message WHERE request_id = $1 AND subject LIKE $2', [r.id, '%Tell us how%']);
    expect(mails).toHaveLength(1);
    // In the submitter's language (English by default, issue #16 item 5), with a link to the request.
    expect(mails[0]!.subject).toBe(`[${r.reference}] Tell us how the course went`);
    expect(mails[0]!.body).toContain('Please rate it');
    expect(mails[0]!.body).toContain(`/requests/${r.id}`);
  });

  it('is answered once by its partner, never read or answered by another partner, and staff of the owning section read the results', async () => {
    const c = await course();
    const geoRequest = await request(c, 'APPROVED', 'GEO');
    const jorRequest = await request(c, 'APPROVED', 'JOR');
    await runCourse(c);
    const cts = await a.asStaff('CTS');
    await record(cts, geoRequest.id, [{ participantIndex: 0, outcome: 'COMPLETED' }]);
    await record(cts, jorRequest.id, [{ participantIndex: 0, outcome: 'ATTENDED' }]);

    const geo = await a.asPartner('GEO');
    const pending = await t.gql(SURVEYS, { status: 'PENDING' }, geo);
    const survey = pending.data!.courseSurveys.edges.map((e) => e.node).find((s) => s.requestReference === geoRequest.reference)!;
    expect(survey).toMatchObject({ status: 'PENDING', ratingOverall: null, offering: { code: c.offeringCode }, iteration: { id: c.iterationId } });

    // Another partner neither sees nor answers it.
    const ukr = await a.asPartner('UKR');
    expect(JSON.stringify((await t.gql(SURVEYS, {}, ukr)).data)).not.toContain(geoRequest.reference);
    const answers = { surveyId: survey.id, ratingOverall: 4, ratingContent: 5, ratingOrganisation: 3, ratingRelevance: 4, comments: 'Excellent syndicate work; accommodation was far from the school.' };
    expect((await t.gql(ANSWER, { input: answers }, ukr)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(ANSWER, { input: answers }, await a.asPartner('JOR'))).errors![0]!.extensions!.code).toBe('NOT_FOUND');

    const bad = await t.gql(ANSWER, { input: { ...answers, ratingOverall: 6 } }, geo);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toContain('ratingOverall must be from 1 to 5');

    const answered = await t.gql(ANSWER, { input: answers }, geo);
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.submitCourseSurvey).toMatchObject({ status: 'SUBMITTED', ratingOverall: 4, ratingContent: 5, ratingOrganisation: 3, ratingRelevance: 4, comments: answers.comments });
    const again = await t.gql(ANSWER, { input: answers }, geo);
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(again.errors![0]!.message).toMatch(new RegExp(`^This survey \\(${geoRequest.reference}\\) was already answered on \\d{4}-\\d{2}-\\d{2}; answers cannot be changed\\.$`));
    const audited = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'survey.submit' AND target_id = $1", [survey.id]);
    expect(audited[0]!.n).toBe(1);

    const results = await t.gql(RESULTS, { offeringId: c.offeringId }, cts);
    expect(results.data!.surveyResults).toEqual({
      responses: 1,
      pending: 1,
      averageOverall: 4,
      averageContent: 5,
      averageOrganisation: 3,
      averageRelevance: 4,
      comments: [{ partnerCode: 'GEO', text: answers.comments }],
    });
    expect((await t.gql(RESULTS, { offeringId: c.offeringId, iterationId: c.iterationId }, await a.asAdmin())).data!.surveyResults.responses).toBe(1);
    const otherIteration = await makeIteration(t, c.offeringId, { startInDays: 200 });
    expect((await t.gql(RESULTS, { offeringId: c.offeringId, iterationId: otherIteration }, cts)).data!.surveyResults).toMatchObject({ responses: 0, pending: 0, averageOverall: null });
    // Staff of another section do not read this offering's results.
    expect((await t.gql(RESULTS, { offeringId: c.offeringId }, await a.asStaff('HSU'))).errors![0]!.extensions!.code).toBe('NOT_FOUND');

    // The partner's surveys page one by one to exactly the whole list (GEO has one per course of this file's survey tests).
    const pageAfter = (cursor: string | null | undefined) => t.gql(SURVEY_PAGE, { first: 1, after: cursor }, geo);
    const paged: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page = await pageAfter(after);
      paged.push(...page.data!.courseSurveys.edges.map((e) => e.node.id));
      after = page.data!.courseSurveys.pageInfo.hasNextPage ? page.data!.courseSurveys.pageInfo.endCursor : null;
    } while (after);
    const whole = await t.gql(SURVEY_PAGE, { first: 100 }, geo);
    expect(paged).toEqual(whole.data!.courseSurveys.edges.map((e) => e.node.id));
    expect(paged.length).toBeGreaterThanOrEqual(2);
  });
});
