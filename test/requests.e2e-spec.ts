import { actors, type Actors } from './support/actors.js';
import { GET, LIST, makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

describe('submitting', () => {
  it('submits, routes to the owning section and shows the request to the partner', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iterationId = await makeIteration(t, offering.id);
    const geo = await a.asPartner('GEO');
    const res = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId, idempotencyKey: 'k-1' }) }, geo);
    expect(res.errors).toBeUndefined();
    const r = res.data!.submitRequest.request;
    expect(r.reference).toMatch(/^CR-\d{4}-\d{5}$/);
    expect(r).toMatchObject({ status: 'SUBMITTED', version: 1, partner: { code: 'GEO' }, routedSection: { code: 'CTS' }, routingReason: 'OWNING_SECTION', offering: { code: offering.code } });
    const got = await t.gql(GET, { id: r.id }, geo);
    expect(got.errors).toBeUndefined();
    expect(got.data!.request.participants).toHaveLength(2);
    expect(got.data!.request.timeline.map((e: { type: string }) => e.type)).toEqual(['SUBMITTED', 'ROUTED']);
    const list = await t.gql(LIST, { first: 10 }, geo);
    expect(list.errors).toBeUndefined();
    expect(list.data!.requests.totalCount).toBe(1);
    const staff = await a.asStaff('CTS');
    const moved = await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: 1 } }, staff);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.transitionRequest).toMatchObject({ status: 'UNDER_REVIEW', version: 2 });
    const jobs = await adminQuery(t.databaseUrl, `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send'`);
    expect(jobs[0].n).toBe(2);
  });
});
