import { generate } from 'otplib';
import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors, type TestUser } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_SECRETS_KEYS } from './support/test-secrets.js';

const START = graphql('mutation Start { startSecondFactorEnrolment { secret otpauthUri qrCodeDataUrl } }');
const CONFIRM = graphql('mutation Confirm($code: String!) { confirmSecondFactorEnrolment(code: $code) { recoveryCodes } }');
const DISABLE = graphql('mutation Disable($code: String!) { disableSecondFactor(code: $code) }');
const LOGIN = graphql('mutation SignIn($e: String!, $p: String!, $c: String) { login(email: $e, password: $p, oneTimeCode: $c) { accessToken viewer { secondFactorEnabled secondFactorRequired } } }');
const ME = graphql('{ me { role permissions secondFactorEnabled secondFactorRequired } }');
const USERS = graphql('{ users(first: 1) { totalCount } }');

/**
 * The code of the 30-second step `offset` steps from now. The server accepts codes within 30 seconds either side of
 * its clock, so the current step and the next are always accepted (an earlier one only early in a step).
 */
function code(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });
}

describe('identity: a second factor (TOTP, RFC 6238) for local accounts', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
    a = actors(t);
  });
  afterAll(() => t.close());

  /** Sets up a second factor for the user; returns its secret and recovery codes. The confirming code uses the current step: sign in with the next. */
  async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await t.gql(START, {}, user.headers);
    expect(started.errors).toBeUndefined();
    const { secret } = started.data!.startSecondFactorEnrolment;
    const confirmed = await t.gql(CONFIRM, { code: await code(secret) }, user.headers);
    expect(confirmed.errors).toBeUndefined();
    return { secret, recoveryCodes: confirmed.data!.confirmSecondFactorEnrolment.recoveryCodes };
  }

  it('enrols with a QR code of an otpauth URI, confirms with a first code and shows ten recovery codes once', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const started = await t.gql(START, {}, user.headers);
    const enrolment = started.data!.startSecondFactorEnrolment;
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{26,}$/);
    expect(enrolment.otpauthUri).toMatch(new RegExp(`^otpauth://totp/Partner%20Cooperation%20Portal:${encodeURIComponent(user.email).replace(/\./g, '\\.')}\\?`));
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    // Not on yet: sign-in still needs only the password.
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();

    const wrong = await t.gql(CONFIRM, { code: '000000' === (await code(enrolment.secret)) ? '111111' : '000000' }, user.headers);
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
    const confirmed = await t.gql(CONFIRM, { code: await code(enrolment.secret) }, user.headers);
    const codes = confirmed.data!.confirmSecondFactorEnrolment.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(codes.every((c) => /^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(c))).toBe(true);
    const stored = await adminQuery<{ code_hash: Buffer }>(t.databaseUrl, 'SELECT code_hash FROM recovery_code WHERE user_id = $1', [user.id]);
    expect(stored).toHaveLength(10);
    expect(stored.some((r) => r.code_hash.toString('utf8').includes(codes[0]!))).toBe(false);
    const me = await t.gql(ME, {}, user.headers);
    expect(me.data!.me).toMatchObject({ secondFactorEnabled: true, secondFactorRequired: false });
  });

  it('keeps the secret sealed at rest, and seals it again with a new first key of SECRETS_KEYS at the next sign-in', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const { secret } = await enrol(user);
    const stored = async () => (await adminQuery<{ totp_secret: string }>(t.databaseUrl, 'SELECT totp_secret FROM app_user WHERE id = $1', [user.id]))[0]!.totp_secret;
    const sealed = await stored();
    expect(sealed).toMatch(/^sealed:v1:test:/);
    expect(sealed).not.toContain(secret);

    // A second instance with a new key first and the old one after it: the old seal still opens, and the
    // sign-in seals the secret again with the new key, which an instance holding only the new key can open.
    const rotated = `k2:${Buffer.alloc(32, 9).toString('base64')},${TEST_SECRETS_KEYS}`;
    const next = await startTestApp({ databaseUrl: t.databaseUrl, env: { MIGRATIONS_RUN: 'false', SECRETS_KEYS: rotated } });
    const onlyNew = await startTestApp({ databaseUrl: t.databaseUrl, env: { MIGRATIONS_RUN: 'false', SECRETS_KEYS: rotated.split(',')[0]! } });
    try {
      const missingKey = (await onlyNew.gql(LOGIN, { e: user.email, p: user.password, c: await code(secret, 1) })).errors![0]!;
      expect(missingKey.extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(missingKey.message).toMatch(/missing the key "test".*Tell the administrators/);
      expect((await next.gql(LOGIN, { e: user.email, p: user.password, c: await code(secret, 1) })).errors).toBeUndefined();
      expect(await stored()).toMatch(/^sealed:v1:k2:/);
      // A secret stored in clear before sealing existed is read, and sealed at its next use.
      const user2 = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
      const { secret: plain } = await enrol(user2);
      await adminQuery(t.databaseUrl, 'UPDATE app_user SET totp_secret = $2, totp_last_step = NULL WHERE id = $1', [user2.id, plain]);
      expect((await onlyNew.gql(LOGIN, { e: user2.email, p: user2.password, c: await code(plain, 1) })).errors).toBeUndefined();
      expect((await adminQuery<{ totp_secret: string }>(t.databaseUrl, 'SELECT totp_secret FROM app_user WHERE id = $1', [user2.id]))[0]!.totp_secret).toMatch(/^sealed:v1:k2:/);
    } finally {
      await next.close();
      await onlyNew.close();
    }
  });

  it('then needs a code at sign-in, accepts each code once, and throttles wrong codes', async () => {
    const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const { secret } = await enrol(user);

    const without = await t.gql(LOGIN, { e: user.email, p: user.password });
    expect(without.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', secondFactorRequired: true });
    expect(without.errors![0]!.message).toBe('Enter the 6-digit code from your authenticator app, or one of your recovery codes.');
    expect(without.headers.getSetCookie().some((c) => c.startsWith('pcp_refresh='))).toBe(false);

    const current = await code(secret, 1);
    const ok = await t.gql(LOGIN, { e: user.email, p: user.password, c: current });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.login.viewer.secondFactorEnabled).toBe(true);
    const replay = await t.gql(LOGIN, { e: user.email, p: user.password, c: current });
    expect(replay.errors![0]!.message).toBe('The code is not valid or was already used. Enter the current code from your authenticator app, or an unused recovery code.');
    // A wrong password with a right code is still the password's failure.
    const wrongPassword = await t.gql(LOGIN, { e: user.email, p: 'not the password at all', c: await code(secret, 2) });
    expect(wrongPassword.errors![0]!.message).toBe('The email address or password is incorrect.');

    // LOGIN_MAX_FAILURES_PER_ACCOUNT (5) attempts per window: guessing codes with the right password runs out too.
    let limited;
    for (let i = 0; i < 6 && !limited; i += 1) {
      const res = await t.gql(LOGIN, { e: user.email, p: user.password, c: '000000' });
      if (res.errors![0]!.extensions!.code === 'RATE_LIMITED') limited = res;
    }
    expect(limited?.errors![0]!.message).toMatch(/^Too many failed sign-in attempts\./);
    const failures = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.second_factor_failed' AND target_id = $1", [user.id]);
    expect(failures[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('accepts each recovery code once, typed in any case and with or without the dash', async () => {
    const user = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['GEO'] });
    const { recoveryCodes } = await enrol(user);
    const typed = recoveryCodes[3]!.toLowerCase().replace('-', ' ');
    const first = await t.gql(LOGIN, { e: user.email, p: user.password, c: typed });
    expect(first.errors).toBeUndefined();
    const again = await t.gql(LOGIN, { e: user.email, p: user.password, c: recoveryCodes[3]! });
    expect(again.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const [used] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NOT NULL', [user.id]);
    expect(used!.n).toBe(1);
    const [trail] = await adminQuery<{ details: { secondFactor: string } }>(t.databaseUrl, "SELECT details FROM audit_event WHERE action = 'auth.login' AND target_id = $1 ORDER BY id DESC LIMIT 1", [user.id]);
    expect(trail!.details.secondFactor).toBe('recovery_code');
  });

  it('lets a non-administrator turn it off with a code; administrators must keep theirs; API keys have none', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    const { secret } = await enrol(user);
    expect((await t.gql(DISABLE, { code: await code(secret, 1) }, user.headers)).data!.disableSecondFactor).toBe(true);
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();

    const admin = await a.user({ role: Role.ADMIN });
    const adminFactor = await enrol(admin);
    const refused = await t.gql(DISABLE, { code: await code(adminFactor.secret, 1) }, admin.headers);
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/^Administrators must keep a second factor/);

    const key = await a.asApiKey(ApiKeyScope.CATALOGUE);
    const byKey = await t.gql(START, {}, key);
    expect(byKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(byKey.errors![0]!.message).toBe('Only people signed in with a password can set up a second factor.');
  });

  it('tells an administrator without one that it is required, and keeps their rights by default (ADMIN_SECOND_FACTOR=prompt)', async () => {
    const admin = await a.user({ role: Role.ADMIN });
    const me = await t.gql(ME, {}, admin.headers);
    expect(me.data!.me).toMatchObject({ secondFactorEnabled: false, secondFactorRequired: true });
    expect(me.data!.me!.permissions).toContain('ManageUsers');
    expect((await t.gql(USERS, {}, admin.headers)).errors).toBeUndefined();
  });
});

describe('identity: ADMIN_SECOND_FACTOR=enforce', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', ADMIN_SECOND_FACTOR: 'enforce' } });
    a = actors(t);
  });
  afterAll(() => t.close());

  it('gives an administrator without a second factor a session that may only set one up, and full rights once it is on', async () => {
    const admin = await a.user({ role: Role.ADMIN });
    const me = await t.gql(ME, {}, admin.headers);
    expect(me.data!.me!.permissions).toEqual(['Authenticated']);
    const refused = await t.gql(USERS, {}, admin.headers);
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const { secret } = (await t.gql(START, {}, admin.headers)).data!.startSecondFactorEnrolment;
    expect((await t.gql(CONFIRM, { code: await code(secret) }, admin.headers)).errors).toBeUndefined();
    // The same session, next request: the actor is read from the database each time.
    expect((await t.gql(USERS, {}, admin.headers)).errors).toBeUndefined();
    const signIn = await t.gql(LOGIN, { e: admin.email, p: admin.password, c: await code(secret, 1) });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data!.login.viewer).toEqual({ secondFactorEnabled: true, secondFactorRequired: true });
  });

  it('leaves other roles as they are', async () => {
    const staff = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const me = await t.gql(ME, {}, staff.headers);
    expect(me.data!.me!.permissions).toContain('TriageRequests');
  });
});
