import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #18, administration: a new iteration open for applications cannot have started already.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const ITERATION = graphql('mutation Iteration($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id status startDate } }');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('iteration dates', () => {
  it('refuses a new OPEN iteration that started yesterday, and says what to do; accepts it from today, and a past run as COMPLETED', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const admin = await a.asAdmin();
    const base = { offeringId: offering.id, location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 10 };
    const past = await t.gql(ITERATION, { input: { ...base, startDate: day(-1), endDate: day(3), status: 'OPEN' } }, admin);
    expect(past.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(past.errors![0].message).toBe('input.startDate is in the past: an iteration open for applications must start today or later. Record a past run as COMPLETED or CANCELLED.');
    const today = await t.gql(ITERATION, { input: { ...base, startDate: day(0), endDate: day(3), status: 'OPEN' } }, admin);
    expect(today.errors).toBeUndefined();
    const record = await t.gql(ITERATION, { input: { ...base, startDate: day(-30), endDate: day(-26), status: 'COMPLETED' } }, admin);
    expect(record.errors).toBeUndefined();
  });
});
