import { print, type DocumentNode } from 'graphql';
import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role.js';
import { RequestContext } from '../src/common/context/request-context.js';
import { PasswordService } from '../src/identity/password.service.js';
import { UserAdminService } from '../src/identity/user-admin.service.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { startAppProcess, type AppProcess } from './support/app-process.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

const LOGIN = graphql('mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }');

/** Counts the password verifications (argon2) an app runs, by wrapping its own PasswordService. */
function countVerifications(app: TestApp): { count: () => number; restore: () => void } {
  const passwords = app.app.get(PasswordService);
  const verify = passwords.verify.bind(passwords);
  let count = 0;
  passwords.verify = async (...args) => {
    count += 1;
    return verify(...args);
  };
  return { count: () => count, restore: () => void (passwords.verify = verify) };
}

/** A user made through the app's service, never signed in (no session, no throttle entry). */
async function makeUser(t: TestApp): Promise<{ id: string; email: string; password: string }> {
  const email = `throttle.${randomUUID()}@test.example.org`;
  const password = `correct horse battery ${randomUUID()}`;
  const { user } = await t.app.get(UserAdminService).create(RequestContext.system(), { email, displayName: 'Throttle test', role: Role.ADMIN, password });
  return { id: user.id, email, password };
}

const codes = (responses: GraphQLResponse<unknown>[]) => responses.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
const count = (values: string[], value: string) => values.filter((v) => v === value).length;

/** A documentation address (RFC 5737) of its own per test, so the per-address window starts empty. */
let nextAddress = 1;
const freshAddress = () => `198.51.100.${nextAddress++}`;

describe('sign-in throttle under concurrency (issue #11, item 2)', () => {
  let t: TestApp;
  const login = (app: TestApp, email: string, password: string, from: string) => app.gql(LOGIN, { e: email, p: password }, { 'x-forwarded-for': from });

  beforeAll(async () => {
    // The test client is the listed proxy, so each test can speak from an address of its own (X-Forwarded-For).
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  it('hashes at most 5 of 40 concurrent wrong passwords for one account and refuses the rest', async () => {
    const user = await makeUser(t);
    const from = freshAddress();
    const verifications = countVerifications(t);
    try {
      const results = codes(await Promise.all(Array.from({ length: 40 }, () => login(t, user.email, 'wrong password here', from))));
      // At most the limit; fewer only if a refused attempt's hit on the address was being given back.
      expect(verifications.count()).toBeLessThanOrEqual(5);
      expect(count(results, 'UNAUTHENTICATED')).toBe(verifications.count());
      expect(count(results, 'RATE_LIMITED')).toBe(40 - verifications.count());
    } finally {
      verifications.restore();
    }
  });

  it('checks at most 30 of 200 concurrent attempts from one address', async () => {
    const from = freshAddress();
    const verifications = countVerifications(t);
    try {
      const results = codes(await Promise.all(Array.from({ length: 200 }, (_, i) => login(t, `nobody.${i}.${randomUUID()}@example.org`, 'wrong password here', from))));
      expect(verifications.count()).toBeLessThanOrEqual(30);
      expect(count(results, 'UNAUTHENTICATED')).toBe(verifications.count());
      expect(count(results, 'RATE_LIMITED')).toBe(200 - verifications.count());
    } finally {
      verifications.restore();
    }
  });

  it('refuses the right password sent while a burst of wrong ones is still being checked', async () => {
    const user = await makeUser(t);
    const from = freshAddress();
    const burst = Promise.all(Array.from({ length: 39 }, () => login(t, user.email, 'wrong password here', from)));
    // Wait until the burst has filled the account's window (it holds 5 attempts, still hashing or done).
    for (let hits = 0; hits < 5; ) {
      const [row] = await adminQuery<{ hits: number }>(t.databaseUrl, 'SELECT cardinality(hits) AS hits FROM rate_limit_window WHERE key = $1', [`login.account:${user.email}`]);
      hits = row?.hits ?? 0;
      if (hits < 5) await new Promise((r) => setTimeout(r, 5));
    }
    const right = await login(t, user.email, user.password, from);
    expect(right.errors![0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
    expect(right.errors![0]!.message).toMatch(/Too many failed sign-in attempts\. Wait 15 minute\(s\)/);
    expect(count(codes(await burst), 'UNAUTHENTICATED')).toBeLessThanOrEqual(5);
    const [sessions] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM auth_session WHERE user_id = $1', [user.id]);
    expect(sessions!.n).toBe(0);
  });

  it('forgives the account after a sign-in and does not count the sign-in against the address', async () => {
    const user = await makeUser(t);
    const from = freshAddress();
    for (let i = 0; i < 4; i++) expect(codes([await login(t, user.email, 'wrong password here', from)])).toEqual(['UNAUTHENTICATED']);
    expect((await login(t, user.email, user.password, from)).data?.login.accessToken).toEqual(expect.any(String));
    const rows = await adminQuery<{ key: string; hits: number }>(t.databaseUrl, 'SELECT key, cardinality(hits) AS hits FROM rate_limit_window WHERE key = ANY($1)', [
      [`login.account:${user.email}`, `login.ip:${from}`],
    ]);
    expect(rows).toEqual([{ key: `login.ip:${from}`, hits: 4 }]);
    // The account starts again from zero: five more wrong passwords are checked before it is throttled.
    const again = codes(await Promise.all(Array.from({ length: 6 }, () => login(t, user.email, 'wrong password here', from))));
    expect(count(again, 'UNAUTHENTICATED')).toBe(5);
    expect(count(again, 'RATE_LIMITED')).toBe(1);
  });

  it('shares the limit between two app instances on one database', async () => {
    const other = await startTestApp({ databaseUrl: t.databaseUrl, env: { MIGRATIONS_RUN: 'false', TRUST_PROXY: '127.0.0.1' } });
    const user = await makeUser(t);
    const from = freshAddress();
    const here = countVerifications(t);
    const there = countVerifications(other);
    try {
      const results = codes(
        await Promise.all(Array.from({ length: 40 }, (_, i) => login(i % 2 === 0 ? t : other, user.email, 'wrong password here', from))),
      );
      expect(here.count() + there.count()).toBeLessThanOrEqual(5);
      expect(count(results, 'RATE_LIMITED')).toBe(40 - here.count() - there.count());
    } finally {
      here.restore();
      there.restore();
      await other.close();
    }
  });
});

describe('X-Forwarded-For and TRUST_PROXY (issue #11, item 3)', () => {
  const loginFailedIps = async (t: TestApp, email: string) =>
    (await adminQuery<{ ip: string }>(t.databaseUrl, "SELECT ip FROM audit_event WHERE action = 'auth.login_failed' AND details->>'email' = $1 ORDER BY id", [email])).map((r) => r.ip);

  describe('by default (no proxy listed), in production mode', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { NODE_ENV: 'production', LOGIN_MAX_FAILURES_PER_IP: '3' } });
    });
    afterAll(() => t.close());

    it('ignores the header: the audit trail records the socket address', async () => {
      const email = `forged.${randomUUID()}@example.org`;
      await t.gql(LOGIN, { e: email, p: 'wrong password here' }, { 'x-forwarded-for': '203.0.113.7' });
      expect(await loginFailedIps(t, email)).toEqual(['127.0.0.1']);
    });

    it('counts forged addresses as the one real address they come from', async () => {
      // One failure is already recorded from 127.0.0.1 above; two more fill the window of three.
      const results = [];
      for (let i = 0; i < 4; i++) {
        results.push(await t.gql(LOGIN, { e: `forged.${i}.${randomUUID()}@example.org`, p: 'wrong password here' }, { 'x-forwarded-for': `203.0.113.${20 + i}` }));
      }
      expect(codes(results)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    });
  });

  describe('with TRUST_PROXY listing the proxy', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { NODE_ENV: 'production', TRUST_PROXY: '127.0.0.0/8', LOGIN_MAX_FAILURES_PER_IP: '3' } });
    });
    afterAll(() => t.close());

    it('records the client address the listed proxy reports', async () => {
      const email = `proxied.${randomUUID()}@example.org`;
      await t.gql(LOGIN, { e: email, p: 'wrong password here' }, { 'x-forwarded-for': '203.0.113.7' });
      expect(await loginFailedIps(t, email)).toEqual(['203.0.113.7']);
    });

    it('takes the address nearest the proxy, so a client cannot prepend one of its choosing', async () => {
      const email = `prepended.${randomUUID()}@example.org`;
      await t.gql(LOGIN, { e: email, p: 'wrong password here' }, { 'x-forwarded-for': '192.0.2.1, 203.0.113.8' });
      expect(await loginFailedIps(t, email)).toEqual(['203.0.113.8']);
    });

    it('throttles per reported client address', async () => {
      const attempt = (from: string) => t.gql(LOGIN, { e: `p.${randomUUID()}@example.org`, p: 'wrong password here' }, { 'x-forwarded-for': from });
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await attempt('203.0.113.50'));
      expect(codes(results)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      expect(codes([await attempt('203.0.113.51')])).toEqual(['UNAUTHENTICATED']);
    });
  });
});

const DEACTIVATE = graphql('mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id } }');
const ARCHIVE = graphql('mutation Archive($id: ID!) { archiveOffering(id: $id) { id } }');
const REFRESH = graphql('mutation { refreshSession { accessToken } }');
const USERS = graphql('{ users(first: 5) { totalCount } }');

describe('refusals in the log (issue #11, item 9)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let proc: AppProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Users and tokens are made in process; the app under test is the compiled one, as `npm start` runs it,
    // with its real log on stdout at debug.
    const JWT_SECRET = randomBytes(32).toString('base64url');
    t = await startTestApp({ databaseUrl: database.url, env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', JWT_SECRET } });
    proc = await startAppProcess({ DATABASE_URL: database.url, NODE_ENV: 'production', JWT_SECRET, LOG_LEVEL: 'debug', SEED_ON_START: 'false', WORKERS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await proc?.stop();
    await t?.close();
    await database?.drop();
  });

  const call = async (document: DocumentNode, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${proc.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: print(document), variables }) });
    return ((await res.json()) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code;
  };

  it('logs an authorization sweep and page loads without a session at debug, with no error line and no stack', async () => {
    const a = actors(t);
    const partner = await a.asPartner('GEO');
    const admin = await a.asAdmin();
    const refused: string[] = [];
    for (let round = 0; round < 3; round++) {
      refused.push(
        (await call(DEACTIVATE, { id: randomUUID() }, partner))!,
        (await call(ARCHIVE, { id: randomUUID() }, partner))!,
        (await call(USERS, {}, partner))!,
        (await call(DEACTIVATE, { id: randomUUID() }))!,
        (await call(ARCHIVE, { id: randomUUID() }, admin))!,
        (await call(REFRESH))!,
        (await call(REFRESH))!,
      );
    }
    expect(new Set(refused)).toEqual(new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']));

    // Lines are written asynchronously: wait until every refusal is in.
    const lines = () => proc.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
    for (let i = 0; i < 100 && lines().filter((l) => l.msg === 'GraphQL request refused').length < refused.length; i++) await new Promise((r) => setTimeout(r, 50));
    const refusals = lines().filter((l) => l.msg === 'GraphQL request refused');
    expect(refusals).toHaveLength(refused.length);
    expect(refusals.map((l) => l.code).sort()).toEqual([...refused].sort());
    for (const line of refusals) {
      expect(line).toMatchObject({ level: 20, requestId: expect.any(String), reason: expect.any(String) });
      expect(line.err).toBeUndefined();
    }
    expect(lines().filter((l) => l.level >= 50)).toEqual([]);
    expect(proc.output()).not.toMatch(/\n\s+at /);
  });
});

describe('refused mutations in the audit trail (issue #11, item 10)', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', AUDIT_DENIALS_PER_MINUTE: '3' } });
    a = actors(t);
  });
  afterAll(() => t.close());

  const denials = (actorId: string | null) =>
    adminQuery<{ actor_kind: string; actor_id: string | null; target_type: string | null; details: Record<string, unknown>; ip: string; request_id: string }>(
      t.databaseUrl,
      "SELECT actor_kind, actor_id, target_type, details, ip, request_id FROM audit_event WHERE action = 'authorization.denied' AND actor_id IS NOT DISTINCT FROM $1 ORDER BY id",
      [actorId],
    );

  it('records a FORBIDDEN mutation with the operation, the code, the caller, the address and the request', async () => {
    const partner = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const res = await t.gql(DEACTIVATE, { id: randomUUID() }, partner.headers);
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await denials(partner.id)).toEqual([
      { actor_kind: 'user', actor_id: partner.id, target_type: null, details: { operation: 'deactivateUser', operationName: 'Deactivate', code: 'FORBIDDEN' }, ip: '127.0.0.1', request_id: res.headers.get('x-request-id') },
    ]);
  });

  it('records NOT_FOUND from the access rule and UNAUTHENTICATED for an anonymous caller', async () => {
    const admin = await a.user({ role: Role.ADMIN });
    expect((await t.gql(ARCHIVE, { id: randomUUID() }, admin.headers)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await denials(admin.id)).map((r) => r.details)).toEqual([{ operation: 'archiveOffering', operationName: 'Archive', code: 'NOT_FOUND' }]);

    expect((await t.gql(DEACTIVATE, { id: randomUUID() })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await denials(null)).map((r) => [r.actor_kind, r.details.code, r.ip])).toEqual([['anonymous', 'UNAUTHENTICATED', '127.0.0.1']]);
  });

  it('leaves refused reads, sign-in failures and refreshes without a session to their own records', async () => {
    const partner = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    expect((await t.gql(USERS, {}, partner.headers)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(REFRESH)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { e: partner.email, p: 'wrong password here' })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await denials(partner.id)).toEqual([]);
    expect((await denials(null)).filter((r) => r.details.operation !== 'deactivateUser')).toEqual([]);
  });

  it('records at most AUDIT_DENIALS_PER_MINUTE per caller, one of them saying that further ones go unrecorded', async () => {
    const partner = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const results = await Promise.all(Array.from({ length: 12 }, () => t.gql(DEACTIVATE, { id: randomUUID() }, partner.headers)));
    expect(codes(results)).toEqual(Array(12).fill('FORBIDDEN'));
    const rows = await denials(partner.id);
    expect(rows).toHaveLength(3);
    // The summary rides on the reservation that filled the window; with twelve at once, its row need not be
    // the last one inserted.
    const summaries = rows.filter((r) => r.details.limitReached !== undefined);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.details.limitReached).toMatch(/further refusals of this caller are not recorded for up to 60 seconds \(AUDIT_DENIALS_PER_MINUTE=3\)/);
    // Another caller has a window of its own.
    const other = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    await t.gql(DEACTIVATE, { id: randomUUID() }, other.headers);
    expect(await denials(other.id)).toHaveLength(1);
  });
});
