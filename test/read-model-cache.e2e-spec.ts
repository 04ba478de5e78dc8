// The catalogue read model (issue #19, item 2): whole catalogue and reference-list responses served from
// memory, per caller's view, dropped on every committed change on every instance.
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { CATALOGUE_CACHEABLE_FIELDS } from '../src/catalogue/cacheable-fields.js';
import { mergeCacheableFields } from '../src/common/graphql/response-cache.js';
import { ReadModelChanges } from '../src/database/read-model-changes.js';
import { ORGANISATION_CACHEABLE_FIELDS } from '../src/organisation/cacheable-fields.js';
import { actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const FIRST_PAGE = graphql(`query ReadModelFirstPage {
  offerings(first: 20) {
    totalCount
    facets { kinds { value count } areas { value count } }
    edges { node { id code title summary areas { code name } topics { code name } owningSection { code name } iterations { startDate seatsAvailable } } }
  }
}`);
const ONE = graphql('query ReadModelOne($code: String!) { offering(code: $code) { code title status } }');
const TOPICS = graphql('query ReadModelTopics { topics { code nameEn } }');
const UPSERT_TOPIC = graphql('mutation ReadModelUpsertTopic($input: TopicInput!) { upsertTopic(input: $input) { code } }');
const UPDATE = graphql('mutation ReadModelUpdate($input: UpdateOfferingInput!) { updateOffering(input: $input) { code title } }');
const WITH_REQUESTS = graphql('query ReadModelWithRequests { offerings(first: 1) { totalCount } requests(first: 1) { totalCount } }');
const REFERENCE_LISTS = graphql('query ReadModelReferenceLists { sections { code name } partners { code name } }');

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', CATALOGUE_PUBLIC: 'true' } });
  admin = await actors(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

/** Polls until `check` holds (a change made outside the app reaches the listener asynchronously). */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function firstPublishedCode(): Promise<string> {
  const [row] = await adminQuery<{ code: string }>(t.databaseUrl, `SELECT code FROM offering WHERE status = 'PUBLISHED' ORDER BY code LIMIT 1`);
  return row!.code;
}

it('lists only fields that exist in the committed schema (a renamed field would silently stop being cached)', () => {
  const schema = buildSchema(readFileSync(new URL('../schema.gql', import.meta.url), 'utf8'));
  const missing: string[] = [];
  for (const [type, fields] of Object.entries(mergeCacheableFields(CATALOGUE_CACHEABLE_FIELDS, ORGANISATION_CACHEABLE_FIELDS))) {
    const named = schema.getType(type);
    for (const field of fields) if (!isObjectType(named) || !named.getFields()[field]) missing.push(`${type}.${field}`);
  }
  expect(missing).toEqual([]);
});

it('serves a repeated catalogue page, reference lists and a detail from memory, without SQL', async () => {
  for (const [document, variables] of [[FIRST_PAGE, {}], [REFERENCE_LISTS, {}], [ONE, { code: await firstPublishedCode() }]] as const) {
    const first = await countSql(() => t.rawGql(document, variables));
    expect(first.result.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    const again = await countSql(() => t.rawGql(document, variables));
    expect(again.statements).toBe(0);
    expect(again.result.data).toEqual(first.result.data);
  }
});

it('keeps callers with different views apart: a draft is seen by the administrator only', async () => {
  const [draft] = await adminQuery<{ code: string }>(t.databaseUrl, `UPDATE offering SET status = 'DRAFT' WHERE code = (SELECT code FROM offering WHERE status = 'PUBLISHED' ORDER BY code DESC LIMIT 1) RETURNING code`);
  const code = draft!.code;
  await eventually(async () => (await t.gql(ONE, { code })).data!.offering === null);
  const georgia = await actors(t).asPartner('GEO');
  const jordan = await actors(t).asPartner('JOR');
  for (let i = 0; i < 2; i++) {
    expect((await t.gql(ONE, { code })).data!.offering).toBeNull();
    expect((await t.gql(ONE, { code }, georgia)).data!.offering).toBeNull();
    expect((await t.gql(ONE, { code }, admin)).data!.offering).toMatchObject({ code, status: 'DRAFT' });
    expect((await t.gql(ONE, { code }, jordan)).data!.offering).toBeNull();
  }
});

it('answers a mutation only once its change is applied: the author reads the new value at once', async () => {
  const code = await firstPublishedCode();
  const before = (await t.gql(ONE, { code })).data!.offering!;
  expect((await t.gql(ONE, { code })).data!.offering).toEqual(before);
  const [row] = await adminQuery<{ id: string; version: number }>(t.databaseUrl, 'SELECT id, version FROM offering WHERE code = $1', [code]);
  const renamed = `${before.title} (revised)`;
  const updated = await t.gql(UPDATE, { input: { id: row!.id, version: row!.version, titleEn: renamed } }, admin);
  expect(updated.errors).toBeUndefined();
  expect((await t.gql(ONE, { code })).data!.offering!.title).toBe(renamed);
});

it('drops cached responses on a change made outside the app (a trigger announces every committed change)', async () => {
  const code = await firstPublishedCode();
  await t.gql(ONE, { code });
  await adminQuery(t.databaseUrl, `UPDATE offering SET title_en = 'Changed with psql' WHERE code = $1`, [code]);
  await eventually(async () => (await t.gql(ONE, { code })).data!.offering!.title === 'Changed with psql');
});

it('runs identical cold misses once: concurrent readers of a page after a change wait for the first answer', async () => {
  const changes = t.app.get(ReadModelChanges);
  const change = async () => {
    const before = changes.generation;
    await adminQuery(t.databaseUrl, `UPDATE topic SET name_en = name_en WHERE code = (SELECT min(code) FROM topic)`);
    await eventually(async () => changes.generation > before);
  };
  await change();
  const alone = await countSql(() => t.rawGql(FIRST_PAGE, {}));
  expect(alone.statements).toBeGreaterThan(0);
  await change();
  const together = await countSql(() => Promise.all(Array.from({ length: 6 }, () => t.rawGql(FIRST_PAGE, {}))));
  expect(together.statements).toBe(alone.statements);
  for (const answer of together.result) expect(answer.data).toEqual(alone.result.data);
});

it('never caches a document that reads anything outside the read model', async () => {
  await t.gql(WITH_REQUESTS, {}, admin);
  const again = await countSql(() => t.gql(WITH_REQUESTS, {}, admin));
  expect(again.result.errors).toBeUndefined();
  expect(again.sql.some((s) => /cooperation_request/.test(s))).toBe(true);
});

it('serves nothing from memory while its change listener is down, and resumes once it is back', async () => {
  const changes = t.app.get(ReadModelChanges);
  await t.gql(TOPICS);
  expect((await countSql(() => t.gql(TOPICS))).statements).toBe(0);
  await adminQuery(t.databaseUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'partner-cooperation-portal-read-model' AND datname = current_database()`);
  await eventually(async () => !changes.live);
  expect((await countSql(() => t.gql(TOPICS))).statements).toBeGreaterThan(0);
  await eventually(async () => changes.live);
  await t.gql(TOPICS);
  expect((await countSql(() => t.gql(TOPICS))).statements).toBe(0);
});

describe('with a second instance on the same database', () => {
  let b: TestApp;
  beforeAll(async () => {
    b = await startTestApp({ databaseUrl: t.databaseUrl, env: { CATALOGUE_PUBLIC: 'true', MIGRATIONS_RUN: 'false' } });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows the author a change acknowledged by one instance on the other at once (cookie and header)', async () => {
    await t.gql(UPSERT_TOPIC, { input: { code: 'READ_MODEL', nameEn: 'First name', nameFr: 'Premier nom' } }, admin);
    for (const [round, carry] of [['Second', 'cookie'], ['Third', 'header']] as const) {
      // Cached on the second instance…
      await b.gql(TOPICS);
      expect((await countSql(() => b.gql(TOPICS))).statements).toBe(0);
      // …and the author, back on it right after the first instance acknowledged a change, reads the change.
      const changed = await t.gql(UPSERT_TOPIC, { input: { code: 'READ_MODEL', nameEn: `${round} name`, nameFr: `${round} nom` } }, admin);
      const position = changed.headers.get('x-read-model-position')!;
      expect(position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const cookie = /pcp_read_model=[^;]+/.exec(changed.headers.get('set-cookie') ?? '')![0];
      const carried = carry === 'cookie' ? { ...admin, cookie } : { ...admin, 'x-read-model-position': position };
      expect((await b.gql(TOPICS, {}, carried)).data!.topics).toContainEqual({ code: 'READ_MODEL', nameEn: `${round} name` });
    }
  });
});
