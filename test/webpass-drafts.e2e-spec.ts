import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { GET, makeOffering } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Autosave: the web form saves a draft after each pause in typing. The timeline tells the request's story, so
// a draft gets one CREATED entry however often it is saved; every save is still audited.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const SAVE = graphql('mutation Save($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { id version title } }');

describe('draft autosave', () => {
  it('six saves of one draft leave one timeline entry and six audit rows', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const geo = await a.asPartner('GEO');
    const first = await t.gql(SAVE, { input: { title: 'Two officers', offeringId: offering.id } }, geo);
    expect(first.errors).toBeUndefined();
    let { id, version } = first.data!.saveRequestDraft;
    for (let i = 1; i < 6; i++) {
      const res = await t.gql(SAVE, { input: { id, expectedVersion: version, title: `Two officers (${i})`, offeringId: offering.id } }, geo);
      expect(res.errors).toBeUndefined();
      ({ id, version } = res.data!.saveRequestDraft);
    }
    const got = await t.gql(GET, { id }, geo);
    expect(got.data!.request!.title).toBe('Two officers (5)');
    expect(got.data!.request!.timeline.map((e: { type: string }) => e.type)).toEqual(['CREATED']);
    const audit = await adminQuery<{ action: string; n: number }>(
      t.databaseUrl,
      `SELECT action, count(*)::int AS n FROM audit_event WHERE target_id = $1 AND action LIKE 'request.draft.%' GROUP BY action ORDER BY action`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'request.draft.create', n: 1 },
      { action: 'request.draft.update', n: 5 },
    ]);
  });
});
