import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, refreshCookie, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REFRESH = graphql('mutation Refresh { refreshSession { accessToken } }');
const SESSIONS = graphql('{ mySessions { id createdAt lastUsedAt expiresAt ip userAgent device method current } }');
const END = graphql('mutation End($id: ID!) { endSession(id: $id) }');
const ME = graphql('{ me { id } }');

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('identity: a user sees their sessions and ends any of them', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
    a = actors(t);
  });
  afterAll(() => t.close());

  async function signIn(email: string, password: string, userAgent: string) {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', variables: { e: email, p: password } }),
    });
    const body = (await res.json()) as { data: { login: { accessToken: string } } };
    return { headers: { authorization: `Bearer ${body.data.login.accessToken}` }, cookie: refreshCookie(res.headers) };
  }

  it('lists the open sessions with device, address and last use, marking the current one', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const laptop = await signIn(user.email, user.password, FIREFOX);
    const phone = await signIn(user.email, user.password, SAFARI);

    const res = await t.gql(SESSIONS, {}, phone.headers);
    expect(res.errors).toBeUndefined();
    const sessions = res.data!.mySessions;
    // The helper's own sign-in, the laptop and the phone; most recently used first.
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ device: 'Safari on iOS', method: 'password', current: true, ip: '127.0.0.1' });
    expect(sessions[1]).toMatchObject({ device: 'Firefox on Windows', current: false, userAgent: FIREFOX });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(new Date(sessions[0]!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect((await t.gql(SESSIONS, {}, laptop.headers)).data!.mySessions.find((s) => s.current)!.device).toBe('Firefox on Windows');
  });

  it('moves a session up when its token is refreshed', async () => {
    const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const older = await signIn(user.email, user.password, FIREFOX);
    await signIn(user.email, user.password, SAFARI);
    await new Promise((r) => setTimeout(r, 20));
    const refreshed = await t.gql(REFRESH, {}, { cookie: older.cookie });
    expect(refreshed.errors).toBeUndefined();
    const sessions = (await t.gql(SESSIONS, {}, user.headers)).data!.mySessions;
    expect(sessions[0]!.device).toBe('Firefox on Windows');
    expect(new Date(sessions[0]!.lastUsedAt).getTime()).toBeGreaterThan(new Date(sessions[0]!.createdAt).getTime());
  });

  it('ends another of the sessions at once (its access and refresh tokens stop working), and records it', async () => {
    const user = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['GEO'] });
    const lost = await signIn(user.email, user.password, SAFARI);
    const lostId = (await t.gql(SESSIONS, {}, lost.headers)).data!.mySessions.find((s) => s.current)!.id;

    const ended = await t.gql(END, { id: lostId }, user.headers);
    expect(ended.data!.endSession).toBe(true);
    const me = await t.gql(ME, {}, lost.headers);
    expect(me.errors![0]!.message).toBe('Your session has ended. Sign in again.');
    expect((await t.gql(REFRESH, {}, { cookie: lost.cookie })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(SESSIONS, {}, user.headers)).data!.mySessions.map((s) => s.id)).not.toContain(lostId);
    const trail = await adminQuery(t.databaseUrl, "SELECT 1 FROM audit_event WHERE action = 'auth.session_ended' AND target_id = $1 AND details->>'sessionId' = $2", [user.id, lostId]);
    expect(trail).toHaveLength(1);

    // Ending the current session signs this browser out too.
    const self = (await t.gql(SESSIONS, {}, user.headers)).data!.mySessions.find((s) => s.current)!.id;
    expect((await t.gql(END, { id: self }, user.headers)).data!.endSession).toBe(true);
    expect((await t.gql(ME, {}, user.headers)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it("cannot end someone else's session: it is not found, like an unknown one", async () => {
    const owner = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    const other = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    const ownerSession = (await t.gql(SESSIONS, {}, owner.headers)).data!.mySessions[0]!.id;
    const refused = await t.gql(END, { id: ownerSession }, other.headers);
    expect(refused.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(refused.errors![0]!.message).toBe('This session was not found, or you do not have access to it.');
    expect((await t.gql(ME, {}, owner.headers)).errors).toBeUndefined();
    const bad = await t.gql(END, { id: 'not-a-session' }, other.headers);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('has nothing to list for an API key', async () => {
    const key = await a.asApiKey(ApiKeyScope.CATALOGUE);
    const res = await t.gql(SESSIONS, {}, key);
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(res.errors![0]!.message).toBe('Only people signed in have sessions to list.');
  });
});
