import { randomBytes } from 'node:crypto';
import { graphql } from './support/graphql.js';
import { actors, type Actors, type Headers } from './support/actors.js';
import { makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #14, items 1–4 and 6: iteration status follows its seats and deadline, per-partner quotas, approval with a
// decision per nominee, the waiting list with offers of freed seats (exactly once, across two app instances, with
// the pg-boss timer), and nominee clashes. Real PostgreSQL, real parallel HTTP calls.
const JWT_SECRET = randomBytes(32).toString('base64url');
let t: TestApp;
let t2: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false', JWT_SECRET } });
  // A second instance of the app on the same database, with the workers (the offer timer) running.
  t2 = await startTestApp({ databaseUrl: t.databaseUrl, env: { WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1', JWT_SECRET } });
  a = actors(t);
});
afterAll(async () => {
  await t2?.close();
  await t?.close();
});

type Req = { id: string; version: number; reference: string; status: string };

const APPROVE = graphql(`mutation Approve($input: ApproveRequestInput!) { approveRequest(input: $input) { id version status seatsAllocated } }`);
const CONFIRM = graphql(`mutation Confirm($input: SeatOfferInput!) { confirmSeatOffer(input: $input) { id version status seatsAllocated } }`);
const NOMINATIONS = graphql(`query Nominations($id: ID!) { request(id: $id) { id seatsAllocated nominations { index state reason waitlistPosition offerExpiresAt } } }`);
const BOARD = graphql(`query Board($id: ID!) {
  seatBoard(iterationId: $id) { status capacity seatsAllocated partnerQuota
    perPartner { partner { code } seats offered waiting }
    line { position state partner { code } requestReference index offerExpiresAt } }
}`);

const nominee = (n: number, domain = 'mod.example') => ({ name: `Nominee ${n}`, email: `nominee.${n}.${randomBytes(3).toString('hex')}@${domain}` });

/** A request for the iteration, under review. */
async function reviewing(partner: string, iterationId: string, offeringId: string, seats: number, extra: Record<string, unknown> = {}): Promise<Req> {
  const headers = await a.asPartner(partner);
  const participants = (extra.participants as unknown[]) ?? Array.from({ length: seats }, (_, i) => nominee(i));
  const res = await t.gql(SUBMIT, { input: submitInput(offeringId, { iterationId, seatsRequested: seats, participants: participants as never, ...extra }) }, headers);
  expect(res.errors).toBeUndefined();
  const r = res.data!.submitRequest.request as Req;
  const moved = await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, await a.asStaff('CTS'));
  expect(moved.errors).toBeUndefined();
  return moved.data!.transitionRequest;
}

async function iterationRow(id: string): Promise<{ status: string; seats_allocated: number }> {
  const [row] = await adminQuery<{ status: string; seats_allocated: number }>(t.databaseUrl, 'SELECT status, seats_allocated FROM offering_iteration WHERE id = $1', [id]);
  return row!;
}

async function claims(iterationId: string): Promise<Array<{ holder_id: string; nominee: number; state: string }>> {
  return adminQuery(t.databaseUrl, 'SELECT holder_id, nominee, state FROM seat_claim WHERE iteration_id = $1 ORDER BY queued_at NULLS FIRST, nominee', [iterationId]);
}

async function cancel(r: Req, headers: Headers, app: TestApp = t): Promise<void> {
  const res = await app.gql(TRANSITION, { input: { id: r.id, to: 'CANCELLED', reason: 'Unit deployed', expectedVersion: r.version } }, headers);
  expect(res.errors).toBeUndefined();
}

describe('iteration status follows its seats and its deadline (item 1)', () => {
  it('is FULL when every seat is allocated, OPEN again when one comes free before the deadline, CLOSED when it comes free after', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 2 });
    const staff = await a.asStaff('CTS');
    const r1 = await reviewing('GEO', iteration, offering.id, 2);
    const approved = await t.gql(TRANSITION, { input: { id: r1.id, to: 'APPROVED', expectedVersion: r1.version } }, staff);
    expect(approved.errors).toBeUndefined();
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 2 });

    // A full iteration still takes requests, with a warning: they can be approved onto the waiting list.
    const late = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId: iteration, seatsRequested: 1, participants: [nominee(9)] }) }, await a.asPartner('ARM'));
    expect(late.errors).toBeUndefined();
    expect(late.data!.submitRequest.warnings.map((w) => w.code)).toContain('ITERATION_FULL');

    await cancel(approved.data!.transitionRequest, staff);
    expect(await iterationRow(iteration)).toEqual({ status: 'OPEN', seats_allocated: 0 });

    const r2 = await reviewing('GEO', iteration, offering.id, 2);
    const again = (await t.gql(TRANSITION, { input: { id: r2.id, to: 'APPROVED', expectedVersion: r2.version } }, staff)).data!.transitionRequest;
    expect((await iterationRow(iteration)).status).toBe('FULL');
    await adminQuery(t.databaseUrl, 'UPDATE offering_iteration SET application_deadline = CURRENT_DATE - 1 WHERE id = $1', [iteration]);
    await cancel(again, staff);
    expect(await iterationRow(iteration)).toEqual({ status: 'CLOSED', seats_allocated: 0 });
  });
});

describe('per-partner quota and capacity under concurrent approvals (item 4)', () => {
  it('gives a partner at most its quota when six approvals of its requests run at once', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 20 });
    await adminQuery(t.databaseUrl, 'UPDATE offering_iteration SET partner_quota = 2 WHERE id = $1', [iteration]);
    const staff = await a.asStaff('CTS');
    const requests: Req[] = [];
    for (let i = 0; i < 6; i++) requests.push(await reviewing('GEO', iteration, offering.id, 1));
    const results = await Promise.all(requests.map((r) => t.gql(TRANSITION, { input: { id: r.id, to: 'APPROVED', expectedVersion: r.version } }, staff)));
    const approved = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(approved).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.errors![0]!.extensions!.code).toBe('CAPACITY_EXCEEDED');
      expect(r.errors![0]!.message).toMatch(/^GEO may hold at most 2 seats on this iteration \(its quota\) and already holds or has been offered 2\./);
    }
    const [held] = await adminQuery<{ seats: number }>(t.databaseUrl, 'SELECT sum(seats)::int AS seats FROM seat_holding WHERE iteration_id = $1', [iteration]);
    expect(held!.seats).toBe(2);
    expect(await iterationRow(iteration)).toEqual({ status: 'OPEN', seats_allocated: 2 });
    // Another partner is not held back by GEO's quota.
    const arm = await reviewing('ARM', iteration, offering.id, 2);
    expect((await t.gql(TRANSITION, { input: { id: arm.id, to: 'APPROVED', expectedVersion: arm.version } }, staff)).errors).toBeUndefined();
  });

  it('never allocates more than the capacity when eight approvals of different partners run at once on two app instances', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 3 });
    const staff = await a.asStaff('CTS');
    const partners = ['GEO', 'ARM', 'AZE', 'MDA', 'UKR', 'SRB', 'JOR', 'TUN'];
    const requests: Req[] = [];
    for (const p of partners) requests.push(await reviewing(p, iteration, offering.id, 1));
    const results = await Promise.all(requests.map((r, i) => (i % 2 ? t2 : t).gql(TRANSITION, { input: { id: r.id, to: 'APPROVED', expectedVersion: r.version } }, staff)));
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    const refused = results.filter((r) => r.errors);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.errors![0]!.extensions!.code).toBe('CAPACITY_EXCEEDED');
      expect(r.errors![0]!.message).toBe(
        'All 3 seats of this iteration are taken or offered. Approve the request with 0 seats and put its nominees on the waiting list (approveRequest with decision WAITLISTED), or decline it.',
      );
    }
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 3 });
  });
});

describe('approval with seats and a decision per nominee (item 2)', () => {
  it('records accepted, waitlisted and declined nominees; the partner reads the reasons and the place in line', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 3 });
    const staff = await a.asStaff('CTS');
    const geo = await a.asPartner('GEO');
    const other = await reviewing('ARM', iteration, offering.id, 2);
    expect((await t.gql(TRANSITION, { input: { id: other.id, to: 'APPROVED', expectedVersion: other.version } }, staff)).errors).toBeUndefined();
    const r = await reviewing('GEO', iteration, offering.id, 3);

    const bad = async (input: Record<string, unknown>, message: string) => {
      const res = await t.gql(APPROVE, { input: { id: r.id, expectedVersion: r.version, seats: 1, nominees: [], ...input } as never }, staff);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(message);
    };
    await bad({ nominees: [{ index: 0, decision: 'ACCEPTED' }] }, 'nominees: decide every nominee; missing 1, 2 (indexed from 0).');
    await bad(
      { nominees: [{ index: 0, decision: 'ACCEPTED' }, { index: 1, decision: 'DECLINED' }, { index: 2, decision: 'WAITLISTED' }] },
      'nominees: give a reason for declining nominee 1; the partner reads it.',
    );
    await bad(
      { nominees: [{ index: 0, decision: 'ACCEPTED' }, { index: 1, decision: 'ACCEPTED' }, { index: 2, decision: 'WAITLISTED' }] },
      'seats: 2 nominees are accepted but only 1 seats granted; grant at least 2 or waitlist some.',
    );
    await bad({ seats: 4 }, 'seats: the request asks for 3 seats; approve at most that many.');
    // Two seats when one is left: the message says what can be done, and it can be.
    const tooMany = await t.gql(
      APPROVE,
      { input: { id: r.id, expectedVersion: r.version, seats: 2, nominees: [{ index: 0, decision: 'ACCEPTED' }, { index: 1, decision: 'ACCEPTED' }, { index: 2, decision: 'DECLINED', reason: 'x' }] } },
      staff,
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('CAPACITY_EXCEEDED');
    expect(tooMany.errors?.[0]?.message).toBe(
      'Only 1 of 3 seats are left on this iteration and the request asks for 2. Approve it with at most 1 seats and put the other nominees on the waiting list (approveRequest with decision WAITLISTED), or decline it.',
    );

    const ok = await t.gql(
      APPROVE,
      {
        input: {
          id: r.id,
          expectedVersion: r.version,
          seats: 1,
          nominees: [
            { index: 0, decision: 'ACCEPTED' },
            { index: 1, decision: 'WAITLISTED' },
            { index: 2, decision: 'DECLINED', reason: 'Does not meet the course prerequisites' },
          ],
        },
      },
      staff,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.approveRequest).toMatchObject({ status: 'APPROVED', seatsAllocated: 1 });
    const seen = await t.gql(NOMINATIONS, { id: r.id }, geo);
    expect(seen.data!.request!.nominations).toEqual([
      { index: 0, state: 'ACCEPTED', reason: null, waitlistPosition: null, offerExpiresAt: null },
      { index: 1, state: 'WAITLISTED', reason: null, waitlistPosition: 1, offerExpiresAt: null },
      { index: 2, state: 'DECLINED', reason: 'Does not meet the course prerequisites', waitlistPosition: null, offerExpiresAt: null },
    ]);
    const [entry] = await adminQuery<{ reason: string }>(t.databaseUrl, `SELECT reason FROM request_event WHERE request_id = $1 AND type = 'NOMINEES_DECIDED'`, [r.id]);
    expect(entry!.reason).toBe('1 accepted, 1 waitlisted, 1 declined');
    // Another partner reads neither the request nor its nominations.
    const stranger = await t.gql(NOMINATIONS, { id: r.id }, await a.asPartner('ARM'));
    expect(stranger.data?.request ?? null).toBeNull();
  });
});

describe('the waiting list (item 3)', () => {
  it('orders by partner priority then time, offers a freed seat to the next nominee, and the partner confirms it', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 1 });
    const staff = await a.asStaff('CTS');
    const holder = await reviewing('GEO', iteration, offering.id, 1);
    const held = (await t.gql(TRANSITION, { input: { id: holder.id, to: 'APPROVED', expectedVersion: holder.version } }, staff)).data!.transitionRequest;
    const waitNormal = await reviewing('ARM', iteration, offering.id, 1);
    const waitHigh = await reviewing('AZE', iteration, offering.id, 1, { priority: 'HIGH' });
    for (const w of [waitNormal, waitHigh]) {
      const res = await t.gql(APPROVE, { input: { id: w.id, expectedVersion: w.version, seats: 0, nominees: [{ index: 0, decision: 'WAITLISTED' }] } }, staff);
      expect(res.errors).toBeUndefined();
    }
    const board = (await t.gql(BOARD, { id: iteration }, staff)).data!.seatBoard;
    expect(board).toMatchObject({ status: 'FULL', capacity: 1, seatsAllocated: 1 });
    expect(board.line.map((l) => [l.position, l.partner.code, l.state])).toEqual([
      [1, 'AZE', 'WAITLISTED'],
      [2, 'ARM', 'WAITLISTED'],
    ]);
    expect((await t.gql(NOMINATIONS, { id: waitNormal.id }, await a.asPartner('ARM'))).data!.request!.nominations![0]!.waitlistPosition).toBe(2);

    await cancel(held, staff);
    const aze = await a.asPartner('AZE');
    const offered = (await t.gql(NOMINATIONS, { id: waitHigh.id }, aze)).data!.request!.nominations![0]!;
    expect(offered.state).toBe('OFFERED');
    const expires = new Date(offered.offerExpiresAt as string).getTime();
    expect(Math.abs(expires - Date.now() - 5 * 86_400_000)).toBeLessThan(60_000);
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 1 });
    const jobs = await adminQuery<{ start_after: Date }>(t.databaseUrl, `SELECT start_after FROM pgboss.job WHERE name = 'seat-offer.expire' AND data->>'claimId' = (SELECT id::text FROM seat_claim WHERE holder_id = $1)`, [waitHigh.id]);
    expect(jobs).toHaveLength(1);
    expect(Math.abs(new Date(jobs[0]!.start_after).getTime() - expires)).toBeLessThan(1000);
    const mails = await adminQuery(t.databaseUrl, `SELECT 1 FROM notification WHERE request_id = $1 AND kind = 'SEAT_OFFERED'`, [waitHigh.id]);
    expect(mails).toHaveLength(1);

    // Another partner cannot confirm it; AZE can, once.
    const theft = await t.gql(CONFIRM, { input: { requestId: waitHigh.id, index: 0 } }, await a.asPartner('ARM'));
    expect(theft.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const confirmed = await t.gql(CONFIRM, { input: { requestId: waitHigh.id, index: 0 } }, aze);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmSeatOffer.seatsAllocated).toBe(1);
    const twice = await t.gql(CONFIRM, { input: { requestId: waitHigh.id, index: 0 } }, aze);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 1 });
    const types = await adminQuery<{ type: string }>(t.databaseUrl, `SELECT type FROM request_event WHERE request_id = $1 AND type LIKE 'SEAT%' ORDER BY id`, [waitHigh.id]);
    expect(types.map((e) => e.type)).toEqual(['SEAT_OFFERED', 'SEAT_CONFIRMED']);
  });

  it('offers each freed seat exactly once when holders are cancelled at the same time on two app instances', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 3 });
    const staff = await a.asStaff('CTS');
    const holders: Req[] = [];
    for (const p of ['GEO', 'ARM', 'AZE']) {
      const r = await reviewing(p, iteration, offering.id, 1);
      holders.push((await t.gql(TRANSITION, { input: { id: r.id, to: 'APPROVED', expectedVersion: r.version } }, staff)).data!.transitionRequest);
    }
    const waiting: Req[] = [];
    for (const p of ['MDA', 'UKR', 'SRB', 'JOR', 'TUN']) {
      const r = await reviewing(p, iteration, offering.id, 1);
      expect((await t.gql(APPROVE, { input: { id: r.id, expectedVersion: r.version, seats: 0, nominees: [{ index: 0, decision: 'WAITLISTED' }] } }, staff)).errors).toBeUndefined();
      waiting.push(r);
    }
    await Promise.all(holders.map((h, i) => cancel(h, staff, i % 2 ? t2 : t)));

    const states = await claims(iteration);
    const byHolder = new Map(states.map((c) => [c.holder_id, c.state]));
    expect(waiting.map((w) => byHolder.get(w.id))).toEqual(['OFFERED', 'OFFERED', 'OFFERED', 'WAITLISTED', 'WAITLISTED']);
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 3 });
    const offers = await adminQuery<{ request_id: string }>(
      t.databaseUrl,
      `SELECT request_id FROM request_event WHERE type = 'SEAT_OFFERED' AND request_id = ANY($1::uuid[])`,
      [waiting.map((w) => w.id)],
    );
    expect(offers).toHaveLength(3);
    const jobs = await adminQuery(t.databaseUrl, `SELECT 1 FROM pgboss.job j JOIN seat_claim c ON c.id::text = j.data->>'claimId' WHERE j.name = 'seat-offer.expire' AND c.iteration_id = $1`, [iteration]);
    expect(jobs).toHaveLength(3);
  });

  it('cancels two holders at once when one holder\'s waitlisted nominee is offered the other\'s seat, without a deadlock', async () => {
    const staff = await a.asStaff('CTS');
    for (let round = 0; round < 4; round++) {
      const offering = await makeOffering(t);
      const iteration = await makeIteration(t, offering.id, { capacity: 2 });
      const ra = await reviewing('GEO', iteration, offering.id, 1);
      const heldA = (await t.gql(TRANSITION, { input: { id: ra.id, to: 'APPROVED', expectedVersion: ra.version } }, staff)).data!.transitionRequest;
      const rb = await reviewing('ARM', iteration, offering.id, 2);
      const approvedB = await t.gql(
        APPROVE,
        { input: { id: rb.id, expectedVersion: rb.version, seats: 1, nominees: [{ index: 0, decision: 'ACCEPTED' }, { index: 1, decision: 'WAITLISTED' }] } },
        staff,
      );
      expect(approvedB.errors).toBeUndefined();
      const results = await Promise.all([
        t.gql(TRANSITION, { input: { id: heldA.id, to: 'CANCELLED', reason: 'x', expectedVersion: heldA.version } }, staff),
        t2.gql(TRANSITION, { input: { id: rb.id, to: 'CANCELLED', reason: 'x', expectedVersion: approvedB.data!.approveRequest.version } }, staff),
      ]);
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(await iterationRow(iteration)).toEqual({ status: 'OPEN', seats_allocated: 0 });
    }
  });

  it('lets an unconfirmed offer lapse on its timer job and passes the seat on, once, with two instances working the queue', async () => {
    // The second worker instance, besides t2: both poll the queue.
    const t3 = await startTestApp({ databaseUrl: t.databaseUrl, env: { WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1', JWT_SECRET } });
    try {
      const offering = await makeOffering(t);
      const iteration = await makeIteration(t, offering.id, { capacity: 1 });
      const staff = await a.asStaff('CTS');
      const h = await reviewing('GEO', iteration, offering.id, 1);
      const held = (await t.gql(TRANSITION, { input: { id: h.id, to: 'APPROVED', expectedVersion: h.version } }, staff)).data!.transitionRequest;
      const first = await reviewing('ARM', iteration, offering.id, 1);
      const second = await reviewing('AZE', iteration, offering.id, 1);
      for (const w of [first, second]) {
        expect((await t.gql(APPROVE, { input: { id: w.id, expectedVersion: w.version, seats: 0, nominees: [{ index: 0, decision: 'WAITLISTED' }] } }, staff)).errors).toBeUndefined();
      }
      await cancel(held, staff);
      expect((await claims(iteration)).find((c) => c.holder_id === first.id)!.state).toBe('OFFERED');

      // Five days pass: the offer's deadline and its job's start time are moved to now (nothing else is touched).
      await adminQuery(t.databaseUrl, `UPDATE seat_claim SET offer_expires_at = now() - interval '1 second' WHERE holder_id = $1`, [first.id]);
      await adminQuery(
        t.databaseUrl,
        `UPDATE pgboss.job SET start_after = now() WHERE name = 'seat-offer.expire' AND data->>'claimId' = (SELECT id::text FROM seat_claim WHERE holder_id = $1)`,
        [first.id],
      );
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await claims(iteration)).find((c) => c.holder_id === second.id)!.state !== 'OFFERED') await new Promise((r) => setTimeout(r, 250));

      const after = await claims(iteration);
      expect(after.find((c) => c.holder_id === first.id)!.state).toBe('LAPSED');
      expect(after.find((c) => c.holder_id === second.id)!.state).toBe('OFFERED');
      expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 1 });
      const lapsed = await adminQuery(t.databaseUrl, `SELECT 1 FROM request_event WHERE request_id = $1 AND type = 'SEAT_OFFER_LAPSED'`, [first.id]);
      expect(lapsed).toHaveLength(1);
      const offered = await adminQuery(t.databaseUrl, `SELECT 1 FROM request_event WHERE request_id = $1 AND type = 'SEAT_OFFERED'`, [second.id]);
      expect(offered).toHaveLength(1);
      const partnerView = (await t.gql(NOMINATIONS, { id: first.id }, await a.asPartner('ARM'))).data!.request!.nominations![0]!;
      expect(partnerView).toMatchObject({ state: 'LAPSED', reason: 'Not confirmed within 5 days' });
      // Too late to confirm.
      const late = await t.gql(CONFIRM, { input: { requestId: first.id, index: 0 } }, await a.asPartner('ARM'));
      expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      await t3.close();
    }
  });
});

describe('more ways a seat comes free (items 1 and 3)', () => {
  it('offers the seats of a larger capacity to the line, passes a declined offer on, and closes OPEN iterations past their deadline', async () => {
    const offering = await makeOffering(t);
    const iteration = await makeIteration(t, offering.id, { capacity: 1 });
    const staff = await a.asStaff('CTS');
    const h = await reviewing('GEO', iteration, offering.id, 1);
    expect((await t.gql(TRANSITION, { input: { id: h.id, to: 'APPROVED', expectedVersion: h.version } }, staff)).errors).toBeUndefined();
    const waiting: Req[] = [];
    for (const p of ['ARM', 'AZE', 'MDA']) {
      const r = await reviewing(p, iteration, offering.id, 1);
      expect((await t.gql(APPROVE, { input: { id: r.id, expectedVersion: r.version, seats: 0, nominees: [{ index: 0, decision: 'WAITLISTED' }] } }, staff)).errors).toBeUndefined();
      waiting.push(r);
    }
    // An administrator adds a seat: it goes to the first in line at once.
    const [it] = await adminQuery<{ start_date: string; end_date: string; application_deadline: string }>(
      t.databaseUrl,
      `SELECT start_date::text, end_date::text, application_deadline::text FROM offering_iteration WHERE id = $1`,
      [iteration],
    );
    const upsert = await t.gql(
      graphql('mutation($i: OfferingIterationInput!) { upsertOfferingIteration(input: $i) { status seatsAllocated partnerQuota } }'),
      { i: { id: iteration, offeringId: offering.id, startDate: it!.start_date, endDate: it!.end_date, location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 2, applicationDeadline: it!.application_deadline, status: 'OPEN' } },
      await a.asAdmin(),
    );
    expect(upsert.errors).toBeUndefined();
    expect(upsert.data!.upsertOfferingIteration).toEqual({ status: 'FULL', seatsAllocated: 2, partnerQuota: null });
    expect((await claims(iteration)).filter((c) => c.state === 'OFFERED').map((c) => c.holder_id)).toEqual([waiting[0]!.id]);

    // ARM declines: the seat passes to AZE.
    const declined = await t.gql(
      graphql('mutation($input: SeatOfferInput!) { declineSeatOffer(input: $input) { id } }'),
      { input: { requestId: waiting[0]!.id, index: 0, reason: 'The nominee left the ministry' } },
      await a.asPartner('ARM'),
    );
    expect(declined.errors).toBeUndefined();
    const states = new Map((await claims(iteration)).map((c) => [c.holder_id, c.state]));
    expect(waiting.map((w) => states.get(w.id))).toEqual(['DECLINED', 'OFFERED', 'WAITLISTED']);
    expect(await iterationRow(iteration)).toEqual({ status: 'FULL', seats_allocated: 2 });

    // An OPEN iteration whose deadline passed is CLOSED by the sweep an instance with workers runs at start.
    const past = await makeIteration(t, offering.id, { capacity: 5, deadlineInDays: -1 });
    const t3 = await startTestApp({ databaseUrl: t.databaseUrl, env: { WORKERS_ENABLED: 'true', JWT_SECRET } });
    try {
      expect((await iterationRow(past)).status).toBe('CLOSED');
    } finally {
      await t3.close();
    }
  });
});

describe('clashes (item 6)', () => {
  it('warns at submission when a nominee is on another request for an overlapping iteration, and blocks approval unless overridden with a reason', async () => {
    const offering = await makeOffering(t);
    const first = await makeIteration(t, offering.id, { startInDays: 120 });
    const overlapping = await makeIteration(t, offering.id, { startInDays: 123 });
    const person = nominee(1);
    const staff = await a.asStaff('CTS');
    const geo = await a.asPartner('GEO');
    await reviewing('GEO', first, offering.id, 1, { participants: [person] });
    const res = await t.gql(
      SUBMIT,
      { input: submitInput(offering.id, { iterationId: overlapping, seatsRequested: 1, participants: [{ ...person, email: person.email.toUpperCase() }] }) },
      geo,
    );
    const clash = res.data!.submitRequest.warnings.find((w) => w.code === 'NOMINEE_CLASH');
    expect(clash?.message).toMatch(new RegExp(`^Nominee 1 \\(${person.email.replace(/\./g, '\\.')}\\) is also on CR-\\d{4}-\\d{5} for an overlapping iteration\\.`));
    const r = res.data!.submitRequest.request as Req;
    const rev = (await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff)).data!.transitionRequest;
    const blocked = await t.gql(APPROVE, { input: { id: rev.id, expectedVersion: rev.version, seats: 1, nominees: [{ index: 0, decision: 'ACCEPTED' }] } }, staff);
    expect(blocked.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(blocked.errors?.[0]?.message).toMatch(/approve with clashOverrideReason saying why both may stand \(approveRequest\)\.$/);
    const overridden = await t.gql(
      APPROVE,
      { input: { id: rev.id, expectedVersion: rev.version, seats: 1, nominees: [{ index: 0, decision: 'ACCEPTED' }], clashOverrideReason: 'The first request will be withdrawn' } },
      staff,
    );
    expect(overridden.errors).toBeUndefined();
    const [audit] = await adminQuery<{ details: { clashOverride: string } }>(t.databaseUrl, `SELECT details FROM audit_event WHERE target_id = $1 AND action = 'request.transition' ORDER BY id DESC LIMIT 1`, [rev.id]);
    expect(audit!.details.clashOverride).toBe('The first request will be withdrawn');
  });
});
