import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, refreshCookie, type Actors } from './support/actors.js';
import { graphql, type VariablesOf } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ME = graphql('{ me { kind id displayName email role scope permissions partner { code } sections { code } coveredPartners { code } } }');
const LOGIN = graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken tokenType expiresAt viewer { email role } } }');
const SET_PASSWORD = graphql('mutation($t: String!, $p: String!) { setPassword(token: $t, password: $p) }');
const CREATE_API_KEY = graphql('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }');
const CREATE_USER = graphql(`mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { id email role active partner { code } sections { code } coveredPartners { code } } setPasswordToken setPasswordTokenExpiresAt }
}`);

describe('identity: accounts, sign-in, sessions', () => {
  let t: TestApp;
  let a: Actors;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
    a = actors(t);
    admin = await a.asAdmin();
  });
  afterAll(() => t.close());

  it('signs in and describes the caller with me', async () => {
    const liaison = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const login = await t.gql(LOGIN, { e: liaison.email.toUpperCase(), p: liaison.password });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login).toMatchObject({ tokenType: 'Bearer', viewer: { email: liaison.email, role: 'PARTNER_LIAISON' } });
    const ttl = new Date(login.data!.login.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);

    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('pcp_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i); // test mode is "outside development"
    expect(cookie).toMatch(/Path=\/graphql/);

    const me = await t.gql(ME, {}, { authorization: `Bearer ${login.data!.login.accessToken}` });
    expect(me.data!.me).toMatchObject({
      kind: 'USER', id: liaison.id, role: 'PARTNER_LIAISON', scope: null, partner: { code: 'GEO' }, sections: [], coveredPartners: [],
    });
    expect(me.data!.me!.permissions).toEqual(expect.arrayContaining(['ReadCatalogue', 'SubmitRequests']));
    expect(me.data!.me!.permissions).not.toContain('ManageUsers');
  });

  it('refuses a wrong password or an unknown account with the same message', async () => {
    const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const wrong = await t.gql(LOGIN, { e: user.email, p: 'not the password at all' });
    const unknown = await t.gql(LOGIN, { e: 'nobody@example.org', p: 'not the password at all' });
    expect(wrong.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
    expect(wrong.errors![0]!.message).toBe('The email address or password is incorrect.');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('pcp_refresh='))).toBe(false);
  });

  it('describes an API key with its scope', async () => {
    const key = await a.apiKey(ApiKeyScope.SECTION, { sectionCode: 'DSCD' });
    const me = await t.gql(ME, {}, { 'x-api-key': key.secret });
    expect(me.data!.me).toMatchObject({ kind: 'API_KEY', id: key.id, role: null, scope: 'SECTION', sections: [{ code: 'DSCD' }], partner: null });
    expect(me.data!.me!.permissions).toEqual(['Authenticated', 'ReadCatalogue', 'ReadRequests']);
  });

  it('creates a liaison officer without a password and lets them set one with the one-time token', async () => {
    const res = await t.gql(CREATE_USER, { input: { email: 'Officer@Mfa.Example.GE', displayName: 'Nino Officer', role: 'PARTNER_LIAISON', partnerCode: 'GEO' } }, admin);
    expect(res.errors).toBeUndefined();
    const { user, setPasswordToken } = res.data!.createUser;
    if (!setPasswordToken) throw new Error('createUser without a password returns a set-password token');
    expect(user).toMatchObject({ email: 'officer@mfa.example.ge', role: 'PARTNER_LIAISON', active: true, partner: { code: 'GEO' } });
    expect(setPasswordToken).toEqual(expect.any(String));

    const tooShort = await t.gql(SET_PASSWORD, { t: setPasswordToken, p: 'short' });
    expect(tooShort.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'password' } });
    expect(tooShort.errors![0]!.message).toMatch(/at least 12 characters/);
    const common = await t.gql(SET_PASSWORD, { t: setPasswordToken, p: 'password1234' });
    expect(common.errors![0]!.message).toMatch(/too common/);
    const sequence = await t.gql(SET_PASSWORD, { t: setPasswordToken, p: '123456789012345' });
    expect(sequence.errors![0]!.message).toMatch(/too common or too easy/);

    const ok = await t.gql(SET_PASSWORD, { t: setPasswordToken, p: 'olive tree under the sun' });
    expect(ok.data).toEqual({ setPassword: true });
    const again = await t.gql(SET_PASSWORD, { t: setPasswordToken, p: 'another long passphrase' });
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'token' } });

    const login = await t.gql(LOGIN, { e: 'officer@mfa.example.ge', p: 'olive tree under the sun' });
    expect(login.data!.login.viewer.role).toBe('PARTNER_LIAISON');
  });

  it.each<[Omit<VariablesOf<typeof CREATE_USER>['input'], 'email' | 'displayName'>, string, RegExp]>([
    [{ role: 'PARTNER_LIAISON' }, 'partnerCode', /partnerCode is required/],
    [{ role: 'SECTION_STAFF' }, 'sectionCodes', /sectionCodes is required/],
    [{ role: 'COORDINATOR' }, 'coveredPartnerCodes', /coveredPartnerCodes is required/],
    [{ role: 'PARTNER_LIAISON', partnerCode: 'XXX' }, 'partnerCode', /no partner has the code XXX/],
    [{ role: 'SECTION_STAFF', sectionCodes: ['CTS', 'NOPE'] }, 'sectionCodes', /unknown section code\(s\) NOPE/],
    [{ role: 'COORDINATOR', coveredPartnerCodes: ['GEO', 'ZZZ'] }, 'coveredPartnerCodes', /unknown partner code\(s\) ZZZ/],
    [{ role: 'ADMIN', partnerCode: 'GEO' }, 'partnerCode', /does not apply to a ADMIN user/],
    [{ role: 'PARTNER_LIAISON', partnerCode: 'GEO', sectionCodes: ['CTS'] }, 'sectionCodes', /does not apply/],
  ])('refuses inconsistent input %j naming %s', async (fields, argument, message) => {
    const res = await t.gql(CREATE_USER, { input: { email: `x${Math.random()}@example.org`, displayName: 'X', ...fields } }, admin);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(res.errors![0]!.message).toMatch(message);
  });

  it('refuses a second account with the same email in another case', async () => {
    await t.gql(CREATE_USER, { input: { email: 'dup@example.org', displayName: 'A', role: 'ADMIN' } }, admin);
    const res = await t.gql(CREATE_USER, { input: { email: 'DUP@example.org', displayName: 'B', role: 'ADMIN' } }, admin);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', argument: 'email' } });
  });

  it('updates a user: a role change drops memberships the new role does not use and takes effect at once', async () => {
    const staff = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS', 'DSCD'] });
    const update = graphql('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { role sections { code } coveredPartners { code } } }');
    const missing = await t.gql(update, { id: staff.id, input: { role: 'COORDINATOR' } }, admin);
    expect(missing.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'coveredPartnerCodes' } });
    const res = await t.gql(update, { id: staff.id, input: { role: 'COORDINATOR', coveredPartnerCodes: ['JOR', 'GEO'] } }, admin);
    expect(res.data!.updateUser).toEqual({ role: 'COORDINATOR', sections: [], coveredPartners: [{ code: 'GEO' }, { code: 'JOR' }] });
    const me = await t.gql(ME, {}, staff.headers);
    expect(me.data!.me).toMatchObject({ role: 'COORDINATOR', coveredPartners: [{ code: 'GEO' }, { code: 'JOR' }] });
  });

  it('deactivating a user ends their sessions at once and stops sign-in; reactivating allows sign-in again', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    expect((await t.gql(ME, {}, user.headers)).data!.me!.id).toBe(user.id);
    const res = await t.gql(graphql('mutation($id: ID!) { deactivateUser(id: $id) { active } }'), { id: user.id }, admin);
    expect(res.data!.deactivateUser.active).toBe(false);
    const me = await t.gql(ME, {}, user.headers);
    expect(me.errors![0]).toMatchObject({ message: 'Your session has ended. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } });
    const refresh = await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: user.cookie });
    expect(refresh.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    await t.gql(graphql('mutation($id: ID!) { reactivateUser(id: $id) { active } }'), { id: user.id }, admin);
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).data!.login.viewer.email).toBe(user.email);
  });

  it('keeps at least one administrator and refuses to deactivate oneself', async () => {
    const me = await t.gql(graphql('{ me { id } }'), {}, admin);
    const self = await t.gql(graphql('mutation($id: ID!) { deactivateUser(id: $id) { active } }'), { id: me.data!.me!.id }, admin);
    expect(self.errors![0]).toMatchObject({ message: 'You cannot deactivate your own account.', extensions: { code: 'BAD_USER_INPUT' } });

    // Alone as active administrator, nobody can take the role away: other admins are set aside in SQL for this check only.
    const others = await adminQuery<{ id: string }>(t.databaseUrl, "UPDATE app_user SET active = false WHERE role = 'ADMIN' AND active AND id <> $1 RETURNING id", [me.data!.me!.id]);
    try {
      const demote = await t.gql(graphql('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { role } }'), { id: me.data!.me!.id, input: { role: 'COORDINATOR', coveredPartnerCodes: ['GEO'] } }, admin);
      expect(demote.errors![0]).toMatchObject({ message: 'This is the last active administrator; make another administrator first.', extensions: { code: 'CONFLICT' } });
    } finally {
      await adminQuery(t.databaseUrl, 'UPDATE app_user SET active = true WHERE id = ANY($1)', [others.map((o) => o.id)]);
    }
    const [still] = await adminQuery<{ role: string }>(t.databaseUrl, 'SELECT role FROM app_user WHERE id = $1', [me.data!.me!.id]);
    expect(still!.role).toBe('ADMIN');
  });

  it('resetUserPassword voids the old password, ends sessions and returns a token that sets a new one', async () => {
    const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['DSCD'] });
    const res = await t.gql(graphql('mutation($id: ID!) { resetUserPassword(id: $id) { setPasswordToken user { id } } }'), { id: user.id }, admin);
    const token = res.data!.resetUserPassword.setPasswordToken!;
    expect(token).toEqual(expect.any(String));
    expect((await t.gql(ME, {}, user.headers)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    await t.gql(SET_PASSWORD, { t: token, p: 'a brand new passphrase' });
    expect((await t.gql(LOGIN, { e: user.email, p: 'a brand new passphrase' })).data!.login.viewer.email).toBe(user.email);
  });

  it('lists users by email with keyset pages', async () => {
    const q = graphql('query($after: String) { users(first: 2, after: $after, filter: { role: ADMIN }) { totalCount edges { node { email role } } pageInfo { hasNextPage endCursor } } }');
    const first = await t.gql(q, {}, admin);
    expect(first.errors).toBeUndefined();
    const page = first.data!.users;
    expect(page.edges).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThanOrEqual(2);
    const second = await t.gql(q, { after: page.pageInfo.endCursor }, admin);
    const emails = [...page.edges, ...second.data!.users.edges].map((e: { node: { email: string } }) => e.node.email);
    expect([...emails].sort()).toEqual(emails);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('rotates the refresh token, and logout ends the session and its access tokens', async () => {
    const user = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['GEO'] });
    const refreshed = await t.gql(graphql('mutation { refreshSession { accessToken viewer { role } } }'), {}, { cookie: user.cookie });
    expect(refreshed.data!.refreshSession.viewer.role).toBe('COORDINATOR');
    const next = refreshCookie(refreshed.headers);
    expect(next).not.toBe(user.cookie);
    const fresh = { authorization: `Bearer ${refreshed.data!.refreshSession.accessToken}` };
    expect((await t.gql(graphql('{ me { id } }'), {}, fresh)).data!.me!.id).toBe(user.id);

    const out = await t.gql(graphql('mutation { logout }'), {}, { cookie: next });
    expect(out.data).toEqual({ logout: true });
    expect(out.headers.getSetCookie().find((c) => c.startsWith('pcp_refresh='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await t.gql(graphql('{ me { id } }'), {}, fresh)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(graphql('{ me { id } }'), {}, user.headers)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: next })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('creates API keys shown once with a recognisable prefix, records use, and revokes them', async () => {
    const res = await t.gql(
      graphql('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix scope partner { code } lastUsedAt } } }'),
      { input: { name: 'Georgian training database', scope: 'PARTNER', partnerCode: 'GEO' } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const { secret, apiKey } = res.data!.createApiKey;
    expect(secret).toMatch(/^pcp_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ scope: 'PARTNER', partner: { code: 'GEO' }, lastUsedAt: null });

    expect((await t.gql(graphql('{ me { id } }'), {}, { 'x-api-key': secret })).data!.me!.id).toBe(apiKey.id);
    expect((await t.gql(graphql('{ me { id } }'), {}, { authorization: `Bearer ${secret}` })).data!.me!.id).toBe(apiKey.id);
    const listed = await t.gql(graphql('{ apiKeys { id lastUsedAt } }'), {}, admin);
    expect(listed.data!.apiKeys.find((k: { id: string }) => k.id === apiKey.id)!.lastUsedAt).toEqual(expect.any(String));
    // Used twice within a minute: one audit event.
    const used = await adminQuery(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'apiKey.used' AND target_id = $1", [apiKey.id]);
    expect(used[0]!.n).toBe(1);

    const revoked = await t.gql(graphql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }'), { id: apiKey.id }, admin);
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const after = await t.gql(graphql('{ me { id } }'), {}, { 'x-api-key': secret });
    expect(after.errors![0]).toMatchObject({ message: 'The API key is not valid: it is unknown, revoked or expired.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it.each<[Omit<VariablesOf<typeof CREATE_API_KEY>['input'], 'name'>, string]>([
    [{ scope: 'PARTNER' }, 'partnerCode'],
    [{ scope: 'SECTION', sectionCode: 'NOPE' }, 'sectionCode'],
    [{ scope: 'CATALOGUE', partnerCode: 'GEO' }, 'partnerCode'],
    [{ scope: 'CATALOGUE', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
  ])('refuses an inconsistent API key %j naming %s', async (fields, argument) => {
    const res = await t.gql(CREATE_API_KEY, { input: { name: 'k', ...fields } }, admin);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  it('an expired API key is refused', async () => {
    const key = await a.apiKey(ApiKeyScope.CATALOGUE, { expiresAt: new Date(Date.now() + 1500) });
    expect((await t.gql(graphql('{ me { id } }'), {}, key.headers)).data!.me!.id).toBe(key.id);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await t.gql(graphql('{ me { id } }'), {}, key.headers)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('audits sign-ins, failures and admin changes without secrets', async () => {
    const rows = await adminQuery<{ action: string; details: Record<string, unknown> }>(t.databaseUrl, 'SELECT action, details FROM audit_event ORDER BY id');
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['auth.login', 'auth.login_failed', 'user.create', 'user.update', 'user.deactivate', 'user.reactivate', 'user.password_reset', 'user.password_set', 'apiKey.create', 'apiKey.revoke', 'apiKey.used', 'auth.logout']) {
      expect(actions).toContain(action);
    }
    const failure = rows.find((r) => r.action === 'auth.login_failed')!;
    expect(failure.details).toMatchObject({ reason: expect.any(String) });
    expect(JSON.stringify(rows)).not.toMatch(/olive tree under the sun|correct horse battery/);
  });
});
