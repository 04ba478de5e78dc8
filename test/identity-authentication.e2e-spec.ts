import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { countSql } from './support/sql-counter.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PAGE = graphql('{ offerings(first: 20) { edges { node { code } } } }');
const TWO = graphql('{ me { id } partners { code } }');

/** The passport strategies on the catalogue's hot path: what authentication costs per request, in statements. */
describe('identity: authentication through passport strategies, per request', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    // The response cache off: these count what authentication adds to a statement-running request.
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'true', CATALOGUE_PUBLIC: 'true', CATALOGUE_RESPONSE_CACHE: 'false' } });
    a = actors(t);
  });
  afterAll(() => t.close());

  it('runs no strategy and no statement for an anonymous request', async () => {
    await t.gql(PAGE, {}); // warm the list sizes the query cost reads
    const { result, sql } = await countSql(() => t.gql(PAGE, {}));
    expect(result.errors).toBeUndefined();
    expect(sql).toHaveLength(1);
    expect(sql[0]).not.toMatch(/api_key|auth_session|app_user/);
  });

  it('adds exactly one statement (the key lookup) for an API key, and one (session and user) for an access token', async () => {
    const key = await a.asApiKey(ApiKeyScope.CATALOGUE);
    await t.gql(PAGE, {}, key); // the first use writes lastUsedAt (at most once a minute)
    const byKey = await countSql(() => t.gql(PAGE, {}, key));
    expect(byKey.result.errors).toBeUndefined();
    expect(byKey.statements).toBe(2);
    expect(byKey.sql[0]).toMatch(/FROM api_key/);

    const staff = await a.asStaff('CTS');
    const byToken = await countSql(() => t.gql(PAGE, {}, staff));
    expect(byToken.statements).toBe(2);
    expect(byToken.sql[0]).toMatch(/FROM auth_session s JOIN app_user u/);
  });

  it('authenticates once for a document with several operations', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const { result, sql } = await countSql(() => t.gql(TWO, {}, user.headers));
    expect(result.errors).toBeUndefined();
    expect(sql.filter((s) => /FROM auth_session s JOIN app_user u/.test(s))).toHaveLength(1);
  });

  it('gives the strategy’s reason for refused credentials, on operations that need a caller', async () => {
    const me = graphql('{ me { id } }');
    const badKey = await t.gql(me, {}, { 'x-api-key': 'pcp_not-a-real-key' });
    expect(badKey.errors![0]!.message).toBe('The API key is not valid: it is unknown, revoked or expired.');
    const badToken = await t.gql(me, {}, { authorization: 'Bearer not.a.jwt' });
    expect(badToken.errors![0]!.message).toBe('The access token is not valid. Sign in again.');
    const both = await t.gql(me, {}, { authorization: 'Bearer x', 'x-api-key': 'pcp_x' });
    expect(both.errors![0]!.message).toBe('Send one credential: either Authorization or X-API-Key, not both.');
    // A public catalogue read still answers with bad credentials: the caller is anonymous there.
    expect((await t.gql(PAGE, {}, { 'x-api-key': 'pcp_not-a-real-key' })).errors).toBeUndefined();
  });
});
