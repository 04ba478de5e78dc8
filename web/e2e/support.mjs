// Browser-test support: starts the compiled app on a free port with a fresh database, creates the cast
// through the GraphQL API as the administrator, and drives Debian's chromium through playwright-core.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RESULTS = join(ROOT, 'test-results', 'web');
mkdirSync(RESULTS, { recursive: true });

export const PASSWORD = 'Sturdy-Lantern-Meadow-2026';
export const ADMIN = { email: 'admin.e2e@example.org', password: 'Granite-Harbour-Compass-77' };
export const CAST = {
  geo: { email: 'liaison.geo@e2e.example.org', displayName: 'Nino Beridze', role: 'PARTNER_LIAISON', partnerCode: 'GEO' },
  jor: { email: 'liaison.jor@e2e.example.org', displayName: 'Rami Haddad', role: 'PARTNER_LIAISON', partnerCode: 'JOR' },
  cts: { email: 'staff.cts@e2e.example.org', displayName: 'Claire Martin', role: 'SECTION_STAFF', sectionCodes: ['CTS'] },
  coordinator: { email: 'coordinator@e2e.example.org', displayName: 'Jonas Weber', role: 'COORDINATOR', coveredPartnerCodes: ['GEO', 'JOR'] },
};

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** A fresh database on DATABASE_URL's server, dropped afterwards. */
async function freshDatabase(url) {
  const pg = require('pg');
  const name = `pcp_web_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/**
 * A private copy of the compiled app (dist, web/dist, package.json; node_modules linked), so that another
 * build of the shared checkout (`npm test` starts with `rm -rf dist`) cannot pull files from under the server.
 */
function snapshotBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'pcp-web-app-'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'web', 'dist'), join(dir, 'web', 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Starts the compiled app (`node dist/src/main.js`) and waits until /health/ready answers. */
/** `extraEnv(baseUrl)`: more settings for the app, which may depend on its own address (PUBLIC_URL, say). */
export async function startApp(extraEnv = () => ({})) {
  const appDir = snapshotBuild();
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: process.env.WEB_E2E_LOG_LEVEL ?? 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, WORKERS_ENABLED: 'false', ...extraEnv(`http://127.0.0.1:${port}`) };
  let dataDir;
  let db;
  if (process.env.DATABASE_URL) {
    db = await freshDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'pcp-web-e2e-'));
    env.DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the app did not become ready:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (db) await db.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}

export async function gql(baseUrl, query, variables = {}, token) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  return body.data;
}

export async function login(baseUrl, email, password) {
  const data = await gql(baseUrl, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: email, p: password });
  return data.login.accessToken;
}

/** Creates every member of the cast, with PASSWORD, as the administrator. */
export async function createCast(baseUrl) {
  const token = await login(baseUrl, ADMIN.email, ADMIN.password);
  for (const member of Object.values(CAST)) {
    await gql(baseUrl, 'mutation($i:CreateUserInput!){createUser(input:$i){user{id}}}', { i: { ...member, password: PASSWORD } }, token);
  }
  return token;
}

export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser context (its own cookies), in English unless told otherwise. */
export async function newPage(browser, baseUrl, { locale = 'en-GB' } = {}) {
  // bypassCSP only so axe-core can be injected; the app's own policy is checked separately.
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel(/^(Email address|Adresse électronique)( \*)?$/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)( \*)?$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

const AXE = require.resolve('axe-core/axe.min.js');

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page, name) {
  // The header is fixed: from the top, a full-page capture shows it once, where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/**
 * One app (fresh database, cast created) and one browser per test file. The returned handle's `app` and
 * `browser` are set before the first test runs.
 */
/** `extraEnv`: more settings for the app (see startApp), e.g. background workers for a test that needs jobs run. */
export function usePortal(extraEnv = () => ({})) {
  const portal = { app: undefined, browser: undefined };
  before(async () => {
    portal.app = await startApp(extraEnv);
    await createCast(portal.app.baseUrl);
    portal.browser = await launchBrowser();
  });
  after(async () => {
    await portal.browser?.close();
    await portal.app?.stop();
  });
  return portal;
}

/** Fails the test on any serious or critical axe-core violation, listing them. */
export async function expectAccessible(page, screen) {
  // A dialog, alert or toast still fading in or out has a lower contrast than it settles at, and a transition
  // can start just after a check: look at the settled screen, and look again (a real violation stays).
  let violations = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 });
    violations = await axeViolations(page);
    if (violations.length === 0) break;
    await page.waitForTimeout(500);
  }
  assert.deepEqual(violations, [], `${screen}: serious or critical accessibility violations:\n${JSON.stringify(violations, null, 2)}`);
}

/**
 * Issue #18: WCAG 2.1 A and AA rules (axe's wcag2a, wcag2aa, wcag21a, wcag21aa tags) at every impact, minor and
 * moderate included. Fails the test listing what it found; looks again after animations settle, like expectAccessible.
 */
export async function expectFullyAccessible(page, screen) {
  await page.addScriptTag({ path: AXE });
  let violations = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 });
    violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    if (violations.length === 0) break;
    await page.waitForTimeout(500);
  }
  assert.deepEqual(violations, [], `${screen}: WCAG 2.1 AA violations (any impact):\n${JSON.stringify(violations, null, 2)}`);
}

/**
 * Waits (up to 5 s) for the focus to land on a field marked invalid: forms move it there in an effect after the
 * refused save's render commits, which can come after the message is visible to the test. Fails with `message`
 * if it never does.
 */
export async function expectFocusOnInvalidField(page, message) {
  const focused = await page
    .waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, { timeout: 5_000 })
    .then(() => true, () => false);
  assert.ok(focused, `${message} (focused: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing')})`);
}

/** Presses Tab until the focused element matches `selector` (a CSS selector), at most `max` times; fails otherwise. */
export async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector} in ${max} presses`);
}

/** Follows an entry of the main navigation: a link in the header, or an entry under "More" ("Plus"). */
export async function navigateTo(page, name) {
  const nav = page.locator('header nav');
  const link = nav.getByRole('link', { name, exact: true });
  if (await link.count()) return link.click();
  await nav.getByRole('button', { name: /^(More|Plus)/ }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}
