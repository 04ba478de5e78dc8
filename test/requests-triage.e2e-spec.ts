import { Role } from '../src/common/auth/role.js';
import { TRANSITIONS } from '../src/requests/request-lifecycle.js';
import { RequestStatus } from '../src/requests/request.enums.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { GET, makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION, type SubmitRequestInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Triage: the lifecycle over GraphQL for every role, optimistic concurrency, seats, rerouting, assignment, answers.
let t: TestApp;
let a: Actors;
let offeringId: string;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
  offeringId = (await makeOffering(t, { owningSectionCode: 'CTS' })).id;
});
afterAll(async () => {
  await t?.close();
});

type Req = { id: string; version: number; reference: string };

async function newRequest(extra: Partial<SubmitRequestInput> = {}): Promise<Req> {
  const res = await t.gql(SUBMIT, { input: submitInput(offeringId, { participants: [], seatsRequested: 1, ...extra }) }, await a.asPartner('GEO'));
  expect(res.errors).toBeUndefined();
  return res.data!.submitRequest.request;
}

/** A request put straight into `status` (the way there is tested elsewhere). */
async function inStatus(status: RequestStatus): Promise<Req> {
  const r = await newRequest();
  const [row] = await adminQuery<{ version: number }>(
    t.databaseUrl,
    `UPDATE cooperation_request SET status = $2, version = 7,
            routed_section_id = CASE WHEN $2 = 'DRAFT' THEN NULL ELSE routed_section_id END,
            submitted_at = CASE WHEN $2 = 'DRAFT' THEN NULL ELSE submitted_at END
      WHERE id = $1 RETURNING version`,
    [r.id, status],
  );
  return { ...r, version: row!.version };
}

async function transition(headers: Record<string, string>, r: Req, to: `${RequestStatus}`, expectedVersion = r.version, reason?: string) {
  return t.gql(TRANSITION, { input: { id: r.id, to, reason, expectedVersion } }, headers);
}

describe('the lifecycle for every role', () => {
  it('allows exactly the declared transitions and refuses every other with INVALID_TRANSITION listing the allowed ones', async () => {
    const callers: Record<string, Record<string, string>> = {
      [Role.PARTNER_LIAISON]: await a.asPartner('GEO'),
      [Role.SECTION_STAFF]: await a.asStaff('CTS'),
      [Role.COORDINATOR]: await a.asCoordinator('GEO'),
    };
    const problems: string[] = [];
    for (const from of Object.values(RequestStatus)) {
      const probe = await inStatus(from);
      for (const [role, headers] of Object.entries(callers)) {
        const allowed = TRANSITIONS.filter((x) => x.from === from && (x.roles as readonly string[]).includes(role)).map((x) => x.to);
        if (from !== RequestStatus.DRAFT || role === Role.PARTNER_LIAISON) {
          const view = await t.gql(GET, { id: probe.id }, headers);
          if (JSON.stringify(view.data!.request!.allowedTransitions) !== JSON.stringify(allowed)) problems.push(`${role} ${from}: allowedTransitions ${JSON.stringify(view.data!.request!.allowedTransitions)}`);
        }
        for (const to of Object.values(RequestStatus)) {
          if (allowed.includes(to)) {
            const fresh = await inStatus(from);
            const res = await transition(headers, fresh, to, fresh.version, 'because');
            if (res.errors || res.data!.transitionRequest.status !== to) problems.push(`${role} ${from}→${to} refused: ${JSON.stringify(res.errors)}`);
            else if (res.data!.transitionRequest.version !== fresh.version + 1) problems.push(`${role} ${from}→${to} version ${res.data!.transitionRequest.version}`);
          } else {
            const res = await transition(headers, probe, to);
            const e = res.errors?.[0];
            // Staff and coordinators never see a draft at all.
            const want = from === RequestStatus.DRAFT && role !== Role.PARTNER_LIAISON ? { code: 'NOT_FOUND' } : { code: 'INVALID_TRANSITION', allowedTransitions: allowed };
            if (JSON.stringify({ code: e?.extensions?.code, ...(e?.extensions?.allowedTransitions ? { allowedTransitions: e.extensions.allowedTransitions } : {}) }) !== JSON.stringify(want)) {
              problems.push(`${role} ${from}→${to}: ${JSON.stringify(e)}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    const admin = await t.gql(TRANSITION, { input: { id: (await newRequest()).id, to: 'UNDER_REVIEW', expectedVersion: 1 } }, await a.asAdmin());
    expect(admin.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('says what is possible in the message', async () => {
    const r = await newRequest();
    const res = await transition(await a.asStaff('CTS'), r, 'APPROVED');
    expect(res.errors![0].message).toBe(`Request ${r.reference} cannot go from SUBMITTED to APPROVED. You can move it to: UNDER_REVIEW.`);
    const partner = await transition(await a.asPartner('GEO'), r, 'APPROVED');
    expect(partner.errors![0].message).toBe(`Request ${r.reference} cannot go from SUBMITTED to APPROVED. You can move it to: WITHDRAWN.`);
  });

  it('records each transition on the timeline and in the audit trail, and tells the submitter', async () => {
    const r = await newRequest();
    const staff = await a.asStaff('CTS');
    await transition(staff, r, 'UNDER_REVIEW', 1);
    await transition(staff, r, 'INFORMATION_REQUESTED', 2, 'Which unit will attend?');
    const answered = await t.gql(graphql(`mutation($input: RespondToInformationRequestInput!) { respondToInformationRequest(input: $input) { status version } }`), {
      input: { id: r.id, body: 'The 2nd CT battalion.', expectedVersion: 3 },
    }, await a.asPartner('GEO'));
    expect(answered.data!.respondToInformationRequest).toEqual({ status: 'UNDER_REVIEW', version: 4 });
    const view = (await t.gql(GET, { id: r.id }, await a.asPartner('GEO'))).data!.request!;
    expect(view.timeline.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['SUBMITTED', null, 'SUBMITTED'],
      ['ROUTED', null, null],
      ['STATUS_CHANGED', 'SUBMITTED', 'UNDER_REVIEW'],
      ['STATUS_CHANGED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED'],
      ['COMMENTED', null, null],
      ['STATUS_CHANGED', 'INFORMATION_REQUESTED', 'UNDER_REVIEW'],
    ]);
    expect(view.timeline[3].reason).toBe('Which unit will attend?');
    expect(view.comments.map((c) => c.body)).toEqual(['The 2nd CT battalion.']);
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, 'SELECT action FROM audit_event WHERE target_id = $1 ORDER BY id', [r.id]);
    // The partner's read of the participants (GET above) is audited too, after the changes.
    expect(audit.map((x) => x.action)).toEqual(['request.submit', 'request.transition', 'request.transition', 'request.transition', 'request.participants.read']);
    const mails = await adminQuery<{ to_address: string; subject: string }>(t.databaseUrl, 'SELECT to_address, subject FROM mail_message WHERE request_id = $1 ORDER BY created_at', [r.id]);
    // The section's shared mailbox in both languages, English first; the submitter in their language (English by default).
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/New request submitted: .* \/ Nouvelle demande soumise : /),
      `[${r.reference}] Status: under review`,
      `[${r.reference}] Status: information requested`,
    ]);
    const [infoMail] = await adminQuery<{ body: string }>(t.databaseUrl, `SELECT body FROM mail_message WHERE request_id = $1 AND subject LIKE '%information requested%'`, [r.id]);
    expect(infoMail!.body).toContain('is now information requested.\n\nReason: Which unit will attend?');
    expect(infoMail!.body).toContain(`Open it: http://localhost:`); // the link to the request (PUBLIC_URL unset here)
    expect(infoMail!.body).toContain(`/requests/${r.id}`);
    const notices = await t.gql(graphql('{ notifications(first: 10) { totalCount unreadCount edges { node { id kind requestId title } } } }'), {}, await a.asPartner('GEO'));
    const mine = notices.data!.notifications.edges.filter((e) => e.node.requestId === r.id);
    expect(mine.map((e) => e.node.kind)).toEqual(['STATUS_CHANGED', 'STATUS_CHANGED']);
    expect(mine.map((e) => e.node.title)).toEqual([`[${r.reference}] Status: information requested`, `[${r.reference}] Status: under review`]);
    // In-app notices follow the content language.
    const inFrench = await t.gql(graphql('{ notifications(first: 10) { edges { node { requestId title body } } } }'), {}, { ...(await a.asPartner('GEO')), 'accept-language': 'fr' });
    const frenchNotice = inFrench.data!.notifications.edges.find((e) => e.node.requestId === r.id)!.node;
    expect(frenchNotice.title).toBe(`[${r.reference}] Statut : informations demandées`);
    expect(frenchNotice.body).toContain('attend des informations de votre part.');
    const marked = await t.gql(graphql('mutation { markNotificationsRead }'), {}, await a.asPartner('GEO'));
    expect(marked.data!.markNotificationsRead).toBeGreaterThanOrEqual(2);
    expect((await t.gql(graphql('{ notifications(first: 1) { unreadCount } }'), {}, await a.asPartner('GEO'))).data!.notifications.unreadCount).toBe(0);
  });
});

describe('optimistic concurrency', () => {
  it('two staff move the same version: one wins, the other gets CONFLICT with the current version', async () => {
    const r = await newRequest();
    const [s1, s2] = [await a.asStaff('CTS'), await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] }).then((u) => u.headers)];
    const results = await Promise.all([transition(s1, r, 'UNDER_REVIEW', 1), transition(s2, r, 'UNDER_REVIEW', 1)]);
    const won = results.filter((x) => !x.errors);
    const lost = results.filter((x) => x.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0].extensions).toEqual({ code: 'CONFLICT', currentVersion: 2 });
    expect(lost[0]!.errors![0].message).toMatch(new RegExp(`^Request ${r.reference} was changed by someone else \\(now version 2`));
    const events = await adminQuery<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND type = 'STATUS_CHANGED'`, [r.id]);
    expect(events[0]!.n).toBe(1);
  });
});

describe('seats', () => {
  it('concurrent approvals never over-allocate an iteration; cancellation and withdrawal release seats', async () => {
    const iterationId = await makeIteration(t, offeringId, { capacity: 5 });
    const staff = await a.asStaff('CTS');
    const reqs: Req[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await newRequest({ iterationId, title: `Seat ${i}` });
      expect((await transition(staff, r, 'UNDER_REVIEW', 1)).errors).toBeUndefined();
      reqs.push({ ...r, version: 2 });
    }
    const results = await Promise.all(reqs.map((r) => transition(staff, r, 'APPROVED', 2)));
    const approved = results.filter((x) => !x.errors).map((x) => x.data!.transitionRequest);
    const refusedSeats = results.filter((x) => x.errors).map((x) => x.errors![0]);
    expect(approved).toHaveLength(5);
    expect(refusedSeats).toHaveLength(3);
    for (const e of refusedSeats) {
      expect(e.extensions).toEqual({ code: 'CAPACITY_EXCEEDED', seatsAvailable: 0, seatsRequested: 1 });
      // Issue #14: the waiting list exists now, and the message says how to use it.
      expect(e.message).toBe(
        'All 5 seats of this iteration are taken or offered. Approve the request with 0 seats and put its nominees on the waiting list (approveRequest with decision WAITLISTED), or decline it.',
      );
    }
    const seats = async () => (await adminQuery<{ seats_allocated: number }>(t.databaseUrl, 'SELECT seats_allocated FROM offering_iteration WHERE id = $1', [iterationId]))[0]!.seats_allocated;
    expect(await seats()).toBe(5);
    expect(approved.every((r: any) => r.seatsAllocated === 1)).toBe(true);

    const cancelled = await transition(staff, approved[0], 'CANCELLED', approved[0].version, 'Course merged');
    expect(cancelled.data!.transitionRequest).toMatchObject({ status: 'CANCELLED', seatsAllocated: 0 });
    expect(await seats()).toBe(4);
    const waiting = reqs.find((r) => !approved.some((x: any) => x.id === r.id))!;
    expect((await transition(staff, waiting, 'APPROVED', 2)).data!.transitionRequest.status).toBe('APPROVED');
    expect(await seats()).toBe(5);

    // A partner withdrawing before approval holds no seats; the pool stays as it is.
    const other = await newRequest({ iterationId, title: 'Seat withdrawn' });
    const w = await t.gql(graphql('mutation($input: WithdrawRequestInput!) { withdrawRequest(input: $input) { status seatsAllocated } }'), { input: { id: other.id, expectedVersion: 1, reason: 'Sent twice' } }, await a.asPartner('GEO'));
    expect(w.data!.withdrawRequest).toEqual({ status: 'WITHDRAWN', seatsAllocated: 0 });
    expect(await seats()).toBe(5);
  });
});

describe('rerouting and assignment', () => {
  it('reroutes with a reason to another section, which then owns it; the old section loses it', async () => {
    const r = await newRequest();
    const cts = await a.asStaff('CTS');
    const rerouted = await t.gql(graphql(`mutation($id: ID!, $v: Int!) { rerouteRequest(id: $id, sectionCode: "DSCD", reason: "DCB matter", expectedVersion: $v) { version routedSection { code } routingReason } }`), { id: r.id, v: 1 }, cts);
    expect(rerouted.data!.rerouteRequest).toEqual({ version: 2, routedSection: { code: 'DSCD' }, routingReason: 'MANUAL' });
    expect((await t.gql(GET, { id: r.id }, cts)).data!.request).toBeNull();
    const dscd = await a.asStaff('DSCD');
    const view = (await t.gql(GET, { id: r.id }, dscd)).data!.request!;
    expect(view.timeline.at(-1)).toMatchObject({ type: 'REROUTED', reason: 'DCB matter', section: { code: 'DSCD' }, routingReason: 'MANUAL' });
    const mails = await adminQuery<{ to_address: string }>(t.databaseUrl, 'SELECT to_address FROM mail_message WHERE request_id = $1 ORDER BY created_at', [r.id]);
    expect(mails.map((m) => m.to_address)).toEqual(['cts@example.nato.int', expect.stringMatching(/@example\.nato\.int$/)]);
    expect(mails[1]!.to_address).not.toBe('cts@example.nato.int');
    const bad = await t.gql(graphql(`mutation($id: ID!) { rerouteRequest(id: $id, sectionCode: "NOPE", reason: "x", expectedVersion: 2) { id } }`), { id: r.id }, dscd);
    expect(bad.errors![0].message).toBe('sectionCode "NOPE" is not a section; see sections for the codes.');
  });

  it('assigns to a member of the routed section only', async () => {
    const r = await newRequest();
    const member = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const outsider = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['DSCD'] });
    const staff = await a.asStaff('CTS');
    const ASSIGN = graphql(`mutation($id: ID!, $who: ID, $v: Int!) { assignRequest(id: $id, assigneeId: $who, expectedVersion: $v) { version assignee { id displayName } } }`);
    const ok = await t.gql(ASSIGN, { id: r.id, who: member.id, v: 1 }, staff);
    expect(ok.data!.assignRequest).toMatchObject({ version: 2, assignee: { id: member.id } });
    const no = await t.gql(ASSIGN, { id: r.id, who: outsider.id, v: 2 }, staff);
    expect(no.errors![0].message).toBe('assigneeId must be an active staff member of the section the request is routed to, or a coordinator covering its partner.');
    const list = await t.gql(graphql('query($who: ID) { requests(first: 10, filter: { assigneeId: $who }) { edges { node { id } } } }'), { who: member.id }, staff);
    expect(list.data!.requests.edges.map((e) => e.node.id)).toEqual([r.id]);
  });
});
