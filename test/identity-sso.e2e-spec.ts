import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PUBLIC_URL = 'https://portal.example.org';
const CALLBACK = `${PUBLIC_URL}/auth/oidc/callback`;
const CLIENT_SECRET = 'portal-client-secret-for-the-test-provider';

type Claims = Record<string, unknown>;

/**
 * A real OpenID Connect provider (oidc-provider) on a loopback port. Its login step is answered by the test: the
 * interaction URL signs in `as` (the account the next sign-in should be) without a form; consent is granted.
 */
async function startProvider(accounts: Record<string, Claims>): Promise<{ issuer: string; as(accountId: string): void; close(): Promise<void> }> {
  let next = '';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'portal', client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => (accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], pcp: ['groups', 'pcp_sections', 'pcp_partners'] },
    scopes: ['openid', 'email', 'profile', 'pcp'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile pcp');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    pkce: { required: () => true },
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      void provider.interactionFinished(req, res, { login: { accountId: next } }, { mergeWithLastSubmission: false });
      return;
    }
    void callback(req, res);
  });
  return { issuer, as: (accountId) => (next = accountId), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A browser's cookies, per origin, and manual redirects. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = [...(this.jar.get(origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.jar.set(origin, jar);
    return res;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }
}

const ME = graphql('{ me { id email role partner { code } sections { code } secondFactorEnabled } }');
const REFRESH = graphql('mutation Refresh { refreshSession { accessToken } }');
const FORGOT = graphql('mutation Forgot($email: String!) { requestPasswordReset(email: $email) }');
const OPTIONS = graphql('{ signInOptions { password organisation organisationSignInPath } }');

describe('identity: single sign-on with OpenID Connect (authorization code + PKCE) against a real provider', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let t: TestApp;
  let a: Actors;
  const accounts: Record<string, Claims> = {};

  beforeAll(async () => {
    provider = await startProvider(accounts);
    t = await startTestApp({
      env: {
        SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', PUBLIC_URL,
        OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'portal', OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_SCOPES: 'openid email profile pcp',
        OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'portal-admins=ADMIN,cts-staff=SECTION_STAFF,liaison=PARTNER_LIAISON',
      },
    });
    a = actors(t);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Runs the browser legs up to the provider's redirect back to the portal; returns that callback URL (path and query). */
  async function toCallback(browser: Browser, accountId: string): Promise<string> {
    provider.as(accountId);
    const start = await browser.get(`${t.baseUrl}/auth/oidc/login`);
    expect(start.status).toBe(302);
    let location = start.headers.get('location')!;
    expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    const auth = new URL(location);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    for (let hops = 0; hops < 6 && !location.startsWith(CALLBACK); hops += 1) {
      const res = await browser.get(new URL(location, provider.issuer).href);
      location = res.headers.get('location')!;
      expect(location).toBeTruthy();
    }
    expect(location.startsWith(`${CALLBACK}?`)).toBe(true);
    return location.slice(PUBLIC_URL.length);
  }

  /** The callback as the portal's address (a reverse proxy maps PUBLIC_URL to the app). */
  const atPortal = (path: string) => `${t.baseUrl}${path}`;

  async function signedIn(browser: Browser, callbackPath: string) {
    const done = await browser.get(atPortal(callbackPath));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${PUBLIC_URL}/`);
    const refresh = browser.cookie(t.baseUrl, 'pcp_refresh');
    expect(refresh).toBeTruthy();
    const token = (await t.gql(REFRESH, {}, { cookie: `pcp_refresh=${refresh}` })).data!.refreshSession.accessToken;
    return (await t.gql(ME, {}, { authorization: `Bearer ${token}` })).data!.me!;
  }

  async function refusedWith(res: Response, reason: string): Promise<void> {
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/sign-in?sso=${reason}`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('pcp_refresh='))).toBe(false);
  }

  it('tells the sign-in page, anonymously, that organisation sign-in is available and where it starts', async () => {
    const res = await t.gql(OPTIONS, {});
    expect(res.data!.signInOptions).toEqual({ password: true, organisation: true, organisationSignInPath: '/auth/oidc/login' });
  });

  it('provisions a new account just in time from the claims (role and sections mapped) and signs it in', async () => {
    accounts['staff-1'] = { email: 'Anna.Staff@idp.example.org', email_verified: true, name: 'Anna Staff', groups: ['cts-staff'], pcp_sections: ['CTS'] };
    const browser = new Browser();
    const me = await signedIn(browser, await toCallback(browser, 'staff-1'));
    // No TOTP of the portal's own: the organisation's sign-in is the factor (see the README's threat model).
    expect(me).toMatchObject({ email: 'anna.staff@idp.example.org', role: 'SECTION_STAFF', sections: [{ code: 'CTS' }], secondFactorEnabled: false });
    const [row] = await adminQuery<{ sso_issuer: string; sso_subject: string; password_hash: string | null }>(t.databaseUrl, 'SELECT sso_issuer, sso_subject, password_hash FROM app_user WHERE id = $1', [me.id]);
    expect(row).toEqual({ sso_issuer: provider.issuer, sso_subject: 'staff-1', password_hash: null });
    const [session] = await adminQuery<{ method: string }>(t.databaseUrl, 'SELECT method FROM auth_session WHERE user_id = $1', [me.id]);
    expect(session!.method).toBe('oidc');

    // The second time, the same account (by subject).
    const again = new Browser();
    expect((await signedIn(again, await toCallback(again, 'staff-1'))).id).toBe(me.id);

    // No local password by mail for it: the same answer as for anyone, and nothing queued.
    expect((await t.gql(FORGOT, { email: 'anna.staff@idp.example.org' })).data!.requestPasswordReset).toBe(true);
    const [trail] = await adminQuery<{ details: { sent: boolean; reason: string } }>(t.databaseUrl, "SELECT details FROM audit_event WHERE action = 'user.password_link_requested' AND target_id = $1", [me.id]);
    expect(trail!.details).toMatchObject({ sent: false, reason: 'sso_account' });
    expect(await adminQuery(t.databaseUrl, 'SELECT 1 FROM mail_message WHERE to_address = $1', ['anna.staff@idp.example.org'])).toHaveLength(0);
  });

  it('links an existing local account by verified email, which keeps its password sign-in', async () => {
    const local = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    accounts['liaison-1'] = { email: local.email, email_verified: true, name: 'Local Person', groups: ['liaison'], pcp_partners: ['JOR'] };
    const browser = new Browser();
    const me = await signedIn(browser, await toCallback(browser, 'liaison-1'));
    // Linked, not re-provisioned: the portal's role and partner stay.
    expect(me).toMatchObject({ id: local.id, role: 'PARTNER_LIAISON', partner: { code: 'GEO' } });
    const trail = await adminQuery(t.databaseUrl, "SELECT 1 FROM audit_event WHERE action = 'user.sso_linked' AND target_id = $1", [local.id]);
    expect(trail).toHaveLength(1);
    expect((await a.login(local.email, local.password)).headers.authorization).toMatch(/^Bearer /);
  });

  it('refuses an unverified email, and a person without a mapped role, with a reason the web app shows', async () => {
    accounts['unverified'] = { email: 'unverified@idp.example.org', email_verified: false, groups: ['cts-staff'], pcp_sections: ['CTS'] };
    const one = new Browser();
    await refusedWith(await one.get(atPortal(await toCallback(one, 'unverified'))), 'email_unverified');
    const rows = await adminQuery(t.databaseUrl, "SELECT 1 FROM app_user WHERE email = 'unverified@idp.example.org'");
    expect(rows).toHaveLength(0);

    accounts['nobody'] = { email: 'nobody@idp.example.org', email_verified: true, groups: ['visitors'] };
    const two = new Browser();
    await refusedWith(await two.get(atPortal(await toCallback(two, 'nobody'))), 'no_role');
    const [audit] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.sso_failed' AND details->>'reason' IN ('email_unverified', 'no_role')");
    expect(audit!.n).toBe(2);
  });

  it('refuses a callback whose state was tampered with, or that arrives without the browser state cookie', async () => {
    accounts['staff-2'] = { email: 'staff2@idp.example.org', email_verified: true, groups: ['cts-staff'], pcp_sections: ['CTS'] };
    const browser = new Browser();
    const callback = new URL(await toCallback(browser, 'staff-2'), PUBLIC_URL);
    callback.searchParams.set('state', 'forged-state-value-0123456789');
    await refusedWith(await browser.get(atPortal(callback.pathname + callback.search)), 'bad_state');

    const other = new Browser();
    const path = await toCallback(other, 'staff-2');
    const stranger = new Browser(); // another browser: no state cookie
    await refusedWith(await stranger.get(atPortal(path)), 'bad_state');
  });

  it('refuses a response naming another issuer, and says why in the audit trail', async () => {
    const browser = new Browser();
    const callback = new URL(await toCallback(browser, 'staff-2'), PUBLIC_URL);
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    callback.searchParams.set('iss', 'https://evil.example.org');
    await refusedWith(await browser.get(atPortal(callback.pathname + callback.search)), 'wrong_issuer');
    const [row] = await adminQuery<{ details: { detail: string } }>(t.databaseUrl, "SELECT details FROM audit_event WHERE action = 'auth.sso_failed' AND details->>'reason' = 'wrong_issuer'");
    expect(row!.details.detail).toContain('unexpected "iss" (issuer) response parameter value');
  });

  it('refuses a replayed authorization code, even with the state cookie it was issued with', async () => {
    const browser = new Browser();
    const path = await toCallback(browser, 'staff-2');
    const stateCookie = browser.cookie(t.baseUrl, 'pcp_oidc')!;
    await signedIn(browser, path);
    // An attacker who captured both the callback URL and the state cookie replays them.
    const replay = await fetch(atPortal(path), { redirect: 'manual', headers: { cookie: `pcp_oidc=${stateCookie}` } });
    await refusedWith(replay, 'code_rejected');
  });
});
