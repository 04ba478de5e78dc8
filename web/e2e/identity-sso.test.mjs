// Single sign-on in a real browser: "Sign in with your organisation account" against a real OpenID Connect
// provider (oidc-provider) started here, then a refusal shown in words.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import { expectAccessible, launchBrowser, newPage, screenshot, startApp } from './support.mjs';

const SECRET = 'browser-test-client-secret-0123456789';
const accounts = {
  'anna.staff': { email: 'anna.staff@idp.example.org', email_verified: true, name: 'Anna Staff', groups: ['cts-staff'], pcp_sections: ['CTS'] },
  'not.verified': { email: 'not.verified@idp.example.org', email_verified: false, name: 'Not Verified', groups: ['cts-staff'], pcp_sections: ['CTS'] },
};
let next = 'anna.staff';
let server;
let app;
let browser;

before(async () => {
  server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  app = await startApp((baseUrl) => ({
    PUBLIC_URL: baseUrl,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'portal',
    OIDC_CLIENT_SECRET: SECRET,
    OIDC_SCOPES: 'openid email profile pcp',
    OIDC_ROLE_MAP: 'cts-staff=SECTION_STAFF',
  }));
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'portal', client_secret: SECRET, redirect_uris: [`${app.baseUrl}/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], pcp: ['groups', 'pcp_sections', 'pcp_partners'] },
    scopes: ['openid', 'email', 'profile', 'pcp'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile pcp');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['browser-test-provider-cookie-key'] },
    pkce: { required: () => true },
  });
  const callback = provider.callback();
  // The provider's login page: signs in as `next` at once (the organisation's own login is not under test).
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) void provider.interactionFinished(req, res, { login: { accountId: next } }, { mergeWithLastSubmission: false });
    else void callback(req, res);
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

describe('single sign-on', () => {
  test('"Sign in with your organisation account" signs a new member of staff in, with their section from the claims', async () => {
    next = 'anna.staff';
    const page = await newPage(browser, app.baseUrl);
    await page.goto('/sign-in');
    const button = page.getByRole('link', { name: 'Sign in with your organisation account' });
    await button.waitFor();
    await expectAccessible(page, 'sign in with single sign-on');
    await screenshot(page, 'sso-01-sign-in');
    await button.click();
    await page.waitForURL((u) => u.origin === app.baseUrl && !u.pathname.startsWith('/sign-in') && !u.pathname.startsWith('/auth/'));
    await page.getByText('Anna Staff').first().waitFor();
    await page.getByText(/CTS/).first().waitFor();
    await screenshot(page, 'sso-02-signed-in');
    await page.context().close();
  });

  test('an organisation account whose email is not verified is refused with a message in words', async () => {
    next = 'not.verified';
    const page = await newPage(browser, app.baseUrl, { locale: 'fr-FR' });
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Se connecter avec le compte de votre organisation' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('sso') === 'email_unverified');
    const alert = page.getByRole('alert').filter({ hasText: "Votre organisation n'a pas vérifié l'adresse électronique" });
    await alert.waitFor();
    assert.match(await alert.textContent(), /La connexion avec votre organisation a échoué/);
    await screenshot(page, 'sso-03-refused');
    await page.context().close();
  });
});
