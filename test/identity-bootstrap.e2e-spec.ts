import { loadConfig, ConfigError } from '../src/config/app-config.js';
import { AccountBootstrapService, formatDemoAccounts } from '../src/identity/account-bootstrap.service.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_SECRETS_KEYS } from './support/test-secrets.js';

const LOGIN = graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { viewer { role email partner { code } sections { code } coveredPartners { code } } } }');

describe('first administrator from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_EMAIL: 'Root@Example.org', ADMIN_PASSWORD: 'first admin passphrase of some length' } });
  });
  afterAll(() => t.close());

  it('creates the administrator once, who can sign in', async () => {
    const res = await t.gql(LOGIN, { e: 'root@example.org', p: 'first admin passphrase of some length' });
    expect(res.data!.login.viewer).toMatchObject({ role: 'ADMIN', email: 'root@example.org' });
    // A second start (same database) changes nothing.
    const again = await startTestApp({ databaseUrl: t.databaseUrl, env: { ADMIN_EMAIL: 'other@example.org', ADMIN_PASSWORD: 'another admin passphrase here' } });
    await again.close();
    const admins = await adminQuery<{ email: string }>(t.databaseUrl, "SELECT email FROM app_user WHERE role = 'ADMIN'");
    expect(admins.map((r) => r.email)).toEqual(['root@example.org']);
    // No demo accounts when an administrator is configured.
    const [demo] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%@demo.example.org'");
    expect(demo!.n).toBe(0);
  });

  it('refuses to start with a common ADMIN_PASSWORD', async () => {
    await expect(startTestApp({ env: { ADMIN_EMAIL: 'weak@example.org', ADMIN_PASSWORD: 'password1234' } })).rejects.toThrow(/ADMIN_PASSWORD is not acceptable: .*too common/);
  });
});

describe('demo accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
  });
  afterAll(() => t.close());

  it('are only for the embedded database without a configured administrator, outside production', () => {
    const service = t.app.get(AccountBootstrapService);
    // The test app runs on DATABASE_URL, so it made none at start.
    expect(service.demoAllowed()).toBe(false);
  });

  it('creates the demo cast with random passwords that work and are stored only as hashes', async () => {
    const created = await t.app.get(AccountBootstrapService).createDemoAccounts();
    expect(created.map((c) => c.role)).toEqual(['ADMIN', 'PARTNER_LIAISON', 'PARTNER_LIAISON', 'SECTION_STAFF', 'SECTION_STAFF', 'COORDINATOR']);
    expect(new Set(created.map((c) => c.password)).size).toBe(6);
    const geo = created.find((c) => c.partnerCode === 'GEO')!;
    const res = await t.gql(LOGIN, { e: geo.email, p: geo.password });
    expect(res.data!.login.viewer).toMatchObject({ role: 'PARTNER_LIAISON', partner: { code: 'GEO' } });
    const cts = created.find((c) => c.sectionCodes?.includes('CTS'))!;
    expect((await t.gql(LOGIN, { e: cts.email, p: cts.password })).data!.login.viewer.sections).toEqual([{ code: 'CTS' }]);

    const rows = await adminQuery<{ row: string }>(t.databaseUrl, 'SELECT t::text AS row FROM app_user t');
    for (const account of created) expect(rows.some((r) => r.row.includes(account.password))).toBe(false);
    const printed = formatDemoAccounts(created);
    for (const account of created) expect(printed).toContain(`${account.email}`);
    // Once: a second call creates nothing.
    expect(await t.app.get(AccountBootstrapService).createDemoAccounts()).toEqual([]);
  });
});

describe('identity configuration', () => {
  it('requires a JWT_SECRET of at least 32 characters in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), SECRETS_KEYS: TEST_SECRETS_KEYS }).JWT_SECRET).toHaveLength(32);
    expect(loadConfig({}).JWT_SECRET).toBeUndefined();
  });

  it('requires SECRETS_KEYS (id:key pairs, 32-byte keys) in production, and checks its form anywhere', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(/SECRETS_KEYS must be set in production/);
    expect(() => loadConfig({ ...production, SECRETS_KEYS: 'k1:too-short' })).toThrow(/SECRETS_KEYS must be comma-separated id:key pairs/);
    expect(() => loadConfig({ SECRETS_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(/each key 32 bytes in base64/);
    const two = `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ ...production, SECRETS_KEYS: two }).SECRETS_KEYS).toBe(two);
    expect(loadConfig({}).SECRETS_KEYS).toBeUndefined();
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.org' })).toThrow(/ADMIN_PASSWORD must be set together with ADMIN_EMAIL/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL must be an email address/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL/);
  });

  it('parses CATALOGUE_PUBLIC and the throttle settings', () => {
    const config = loadConfig({ CATALOGUE_PUBLIC: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '7' });
    expect(config.CATALOGUE_PUBLIC).toBe(true);
    expect(config.LOGIN_MAX_FAILURES_PER_ACCOUNT).toBe(7);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_ACCOUNT/);
  });
});
