import { Module } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { Public } from '../src/common/auth/allow.decorator.js';
import { UNDECLARED_MESSAGE } from '../src/common/auth/authorization.guard.js';
import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { PasswordService } from '../src/identity/password.service.js';
import { actors, refreshCookie, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** argon2id, 19 MiB, 2 passes, 1 lane (OWASP); the encoder's parameter order differs between argon2 releases. */
const OWASP_ARGON2ID = /^\$argon2id\$v=19\$m=19456,(t=2,p=1|p=1,t=2)\$/;

/** Counts how often a resolver ran, so limits can be shown to act before any resolver does. */
const calls = { probe: 0, child: 0, undeclared: 0 };

@ObjectType()
class ProbeNode {
  @Field(() => Int)
  value: number;
}

@Resolver(() => ProbeNode)
class ProbeResolver {
  @Public()
  @Query(() => [ProbeNode])
  probe(@Args('first', { type: () => Int, nullable: true }) first?: number): ProbeNode[] {
    calls.probe += 1;
    return Array.from({ length: Math.min(first ?? 1, 3) }, (_, i) => ({ value: i }));
  }

  @ResolveField(() => ProbeNode)
  child(): ProbeNode {
    calls.child += 1;
    return { value: 0 };
  }

  // Deliberately without @Allow or @Public: the guard must refuse it.
  @Query(() => Int)
  undeclared(): number {
    calls.undeclared += 1;
    return 1;
  }
}

@Module({ providers: [ProbeResolver] })
class ProbeModule {}

const JWT_SECRET = 'hardening-test-secret-of-at-least-32-characters';
const ISSUER = 'partner-cooperation-portal';
const AUDIENCE = 'partner-cooperation-portal-api';
const key = new TextEncoder().encode(JWT_SECRET);

function nested(depth: number): string {
  return `{ probe ${'{ child '.repeat(depth - 1)}{ value }${' }'.repeat(depth - 1)} }`;
}

describe('hardening', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', JWT_SECRET }, extraModules: [ProbeModule] });
    a = actors(t);
  });
  afterAll(() => t.close());

  describe('default deny', () => {
    it('refuses an operation that declares neither @Allow nor @Public, even to an administrator', async () => {
      const res = await t.rawGql('{ undeclared }', {}, await a.asAdmin());
      expect(res.errors![0]).toMatchObject({ message: UNDECLARED_MESSAGE, extensions: { code: 'FORBIDDEN' } });
      expect(calls.undeclared).toBe(0);
    });
  });

  describe('token forgery', () => {
    let claims: { sub: string; sid: string };

    beforeAll(async () => {
      const user = await a.user({ role: Role.ADMIN });
      const token = user.headers.authorization!.slice('Bearer '.length);
      const payload = decodeJwt(token);
      claims = { sub: payload.sub!, sid: payload.sid as string };
      // The genuine token works, so each refusal below is down to the one thing forged.
      expect((await t.gql(graphql('{ me { id } }'), {}, user.headers)).data!.me!.id).toBe(claims.sub);
    });

    const sign = (opts: { key?: Uint8Array; aud?: string; iss?: string; exp?: number; typ?: string; alg?: string } = {}) =>
      new SignJWT({ sid: claims.sid })
        .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: opts.typ ?? 'at+jwt' })
        .setSubject(claims.sub)
        .setIssuer(opts.iss ?? ISSUER)
        .setAudience(opts.aud ?? AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(opts.key ?? key);

    it.each([
      ['alg: none', async () => new UnsecuredJWT({ sid: claims.sid }).setSubject(claims.sub).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').encode(), /not valid/],
      ['a wrong key', () => sign({ key: new TextEncoder().encode('another-secret-another-secret-another-secret') }), /not valid/],
      ['HS512 with the right key', () => sign({ alg: 'HS512' }), /not valid/],
      ['expired', () => sign({ exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
      ['a wrong audience', () => sign({ aud: 'some-other-api' }), /not valid/],
      ['a wrong issuer', () => sign({ iss: 'https://evil.example' }), /not valid/],
      ['a wrong type', () => sign({ typ: 'JWT' }), /not valid/],
      ['garbage', async () => 'not.a.jwt', /not valid/],
    ])('refuses a token with %s', async (_what, make, message) => {
      const res = await t.gql(graphql('{ me { id } }'), {}, { authorization: `Bearer ${await make()}` });
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.errors![0]!.message).toMatch(message);
      expect(res.data!.me).toBeNull();
    });

    it('refuses a malformed Authorization header and two credentials at once', async () => {
      expect((await t.gql(graphql('{ me { id } }'), {}, { authorization: 'Basic YTpi' })).errors![0]!.message).toMatch(/Bearer <token>/);
      const key = await a.apiKey(ApiKeyScope.CATALOGUE);
      const both = await t.gql(graphql('{ me { id } }'), {}, { authorization: `Bearer ${key.secret}`, 'x-api-key': key.secret });
      expect(both.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(both.errors![0]!.message).toMatch(/not both/);
    });

    it('still lets public operations run for a caller with a bad token', async () => {
      const res = await t.gql(graphql('{ serverInfo { version } }'), {}, { authorization: 'Bearer not.a.jwt' });
      expect(res.data!.serverInfo.version).toEqual(expect.any(String));
    });
  });

  describe('refresh token reuse', () => {
    /** Moves the exchanges of the user's refresh tokens a minute back, past the grace period. */
    const ageRotations = (userId: string) =>
      adminQuery(
        t.databaseUrl,
        `UPDATE refresh_token SET rotated_at = rotated_at - interval '1 minute'
          WHERE rotated_at IS NOT NULL AND session_id IN (SELECT id FROM auth_session WHERE user_id = $1)`,
        [userId],
      );

    it('revokes the whole family when a rotated refresh token comes back after the grace period', async () => {
      const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
      const first = await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: user.cookie });
      const second = refreshCookie(first.headers);
      expect(second).toMatch(/^pcp_refresh=/);
      const latestAccess = { authorization: `Bearer ${first.data!.refreshSession.accessToken}` };
      await ageRotations(user.id);

      const replay = await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: user.cookie });
      expect(replay.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      // The legitimate holder's newer token and every access token of the session are dead too.
      expect((await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: second })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(graphql('{ me { id } }'), {}, latestAccess)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(graphql('{ me { id } }'), {}, user.headers)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const audit = await adminQuery(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reuse' AND target_id = $1", [user.id]);
      expect(audit[0]!.n).toBe(1);
      // Other sessions of the same user are not affected.
      const other = await a.login(user.email, user.password);
      expect((await t.gql(graphql('{ me { id } }'), {}, other.headers)).data!.me!.id).toBe(user.id);
    });

    it('lets two tabs refresh with the same cookie at once without signing the user out', async () => {
      const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
      const refresh = (cookie: string) => t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie });
      const [tabA, tabB] = await Promise.all([refresh(user.cookie), refresh(user.cookie)]);
      expect(tabA.errors).toBeUndefined();
      expect(tabB.errors).toBeUndefined();
      const cookies = [refreshCookie(tabA.headers), refreshCookie(tabB.headers)];
      expect(cookies[0]).not.toBe(cookies[1]);
      for (const tab of [tabA, tabB]) {
        expect((await t.gql(graphql('{ me { id } }'), {}, { authorization: `Bearer ${tab.data!.refreshSession.accessToken}` })).data!.me!.id).toBe(user.id);
      }
      // Each tab's new token goes on rotating normally, and nothing was taken for reuse.
      for (const cookie of cookies) expect((await refresh(cookie)).errors).toBeUndefined();
      const audit = await adminQuery(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reuse' AND target_id = $1", [user.id]);
      expect(audit[0]!.n).toBe(0);

      // The grace period runs from the first exchange: past it, the original cookie is reuse.
      await ageRotations(user.id);
      expect((await refresh(user.cookie)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('query limits, enforced before any resolver runs', () => {
    beforeEach(() => {
      calls.probe = 0;
      calls.child = 0;
    });

    it('runs a reasonable query', async () => {
      const res = await t.rawGql(nested(5));
      expect(res.errors).toBeUndefined();
      expect(calls.probe).toBe(1);
    });

    it.each([
      ['depth 20', () => nested(20), /depth/i],
      ['100 aliases', () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: probe { value }`).join(' ')} }`, /alias/i],
      ['an oversized document (tokens)', () => `{ probe { ${'value '.repeat(5000)} } }`, /tokens/i],
      ['first: 100000', () => '{ probe(first: 100000) { value } }', /at most 100|Cost limit/],
      ['first: 1000', () => '{ probe(first: 1000) { value } }', /at most 100 \(the maximum page size\)/],
      ['a costly query', () => `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: probe { ${'child { '.repeat(10)}value${' }'.repeat(10)} }`).join(' ')} }`, /cost/i],
    ])('refuses %s', async (_what, make, message) => {
      const res = await t.rawGql(make());
      expect(res.status).toBe(400);
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors!.map((e) => e.message).join(' ')).toMatch(message);
      expect(calls).toMatchObject({ probe: 0, child: 0 });
    });

    it('refuses first: 100000 passed as a variable', async () => {
      const res = await t.rawGql('query($n: Int) { probe(first: $n) { value } }', { n: 100_000 });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(res.errors![0]!.message).toMatch(/at most 100/);
      expect(calls.probe).toBe(0);
    });

    it('refuses a body over the size limit', async () => {
      const res = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ probe { value } } # ${'x'.repeat(2 * 1024 * 1024)}` }),
      });
      expect(res.status).toBe(413);
      expect(calls.probe).toBe(0);
    });

    it('refuses batched queries', async () => {
      const res = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ probe { value } }' }, { query: '{ probe { value } }' }]),
      });
      expect(res.status).toBe(400);
      expect(calls.probe).toBe(0);
    });
  });

  describe('CSRF', () => {
    it('executes nothing for a cross-site form or text/plain POST carrying the refresh cookie', async () => {
      const user = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['JOR'] });
      const attempts = [
        { 'content-type': 'application/x-www-form-urlencoded', body: 'query=mutation%20%7B%20logout%20%7D' },
        { 'content-type': 'text/plain', body: JSON.stringify({ query: 'mutation { logout }' }) },
        { 'content-type': 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\nmutation { logout }\r\n--x--\r\n' },
      ];
      for (const { body, ...headers } of attempts) {
        const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { ...headers, cookie: user.cookie, origin: 'https://evil.example' }, body });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.headers.getSetCookie().some((c) => c.startsWith('pcp_refresh='))).toBe(false);
      }
      const get = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { cookie: user.cookie } });
      expect(get.status).toBe(400);
      // The session survived every attempt.
      expect((await t.gql(graphql('{ me { id } }'), {}, user.headers)).data!.me!.id).toBe(user.id);
      expect((await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: user.cookie })).errors).toBeUndefined();
    });
  });

  describe('security headers', () => {
    it('sends helmet headers on GraphQL and health responses', async () => {
      for (const res of [await fetch(`${t.baseUrl}/health`), (await t.gql(graphql('{ serverInfo { version } }')))]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });
  });

  describe('passwords and secrets at rest', () => {
    it('stores argon2id hashes with OWASP parameters and upgrades weaker ones on sign-in', async () => {
      const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
      const [row] = await adminQuery<{ password_hash: string }>(t.databaseUrl, 'SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
      expect(row!.password_hash).toMatch(OWASP_ARGON2ID);

      const argon2 = (await import('argon2')).default;
      const weak = await argon2.hash(user.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await adminQuery(t.databaseUrl, 'UPDATE app_user SET password_hash = $2 WHERE id = $1', [user.id, weak]);
      await a.login(user.email, user.password);
      const [after] = await adminQuery<{ password_hash: string }>(t.databaseUrl, 'SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
      expect(after!.password_hash).toMatch(OWASP_ARGON2ID);
      expect(after!.password_hash).not.toBe(weak);
    });

    it('keeps no password, API key, refresh token, access token or set-password token in clear anywhere in the database', async () => {
      const admin = await a.asAdmin();
      const user = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['DSCD'], password: 'unmistakable plaintext passphrase' });
      const key = await a.apiKey(ApiKeyScope.PARTNER, { partnerCode: 'JOR' });
      const invited = await t.gql(graphql('mutation { createUser(input: { email: "invitee@example.org", displayName: "Invitee", role: ADMIN }) { setPasswordToken } }'), {}, admin);
      const inviteToken = invited.data!.createUser.setPasswordToken as string;
      const secrets = {
        password: user.password,
        apiKey: key.secret,
        // The 32 random bytes after the prefix (which is stored in clear to name the key): 43 base64url
        // characters. Not split('_'): base64url has '_' too, and a short tail can occur anywhere by chance.
        apiKeySecretPart: key.secret.slice(-43),
        refreshToken: user.cookie.split('=')[1]!,
        accessToken: user.headers.authorization!.split(' ')[1]!,
        setPasswordToken: inviteToken,
      };
      const tables = await adminQuery<{ table_name: string }>(t.databaseUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      expect(tables.map((r) => r.table_name)).toEqual(expect.arrayContaining(['app_user', 'api_key', 'refresh_token', 'password_token', 'audit_event']));
      const dump: string[] = [];
      for (const { table_name } of tables) {
        const rows = await adminQuery<{ row: string }>(t.databaseUrl, `SELECT t::text AS row FROM "${table_name}" t`);
        dump.push(...rows.map((r) => r.row));
      }
      const text = dump.join('\n');
      for (const [name, secret] of Object.entries(secrets)) {
        expect({ name, found: text.includes(secret) }).toEqual({ name, found: false });
      }
      // The hashes are there instead.
      const [stored] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM api_key WHERE secret_hash = sha256(convert_to($1, 'UTF8'))", [key.secret]);
      expect(stored!.n).toBe(1);
    });
  });

  describe('the audit trail is append-only', () => {
    it('refuses UPDATE, DELETE and TRUNCATE by the application role', async () => {
      await a.asAdmin();
      const [before] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM audit_event');
      expect(before!.n).toBeGreaterThan(0);
      await expect(adminQuery(t.databaseUrl, "UPDATE audit_event SET action = 'tampered'")).rejects.toThrow(/append-only: UPDATE/);
      await expect(adminQuery(t.databaseUrl, 'DELETE FROM audit_event')).rejects.toThrow(/append-only: DELETE/);
      await expect(adminQuery(t.databaseUrl, 'TRUNCATE audit_event')).rejects.toThrow(/append-only: TRUNCATE/);
      const [after] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action <> 'tampered'");
      expect(after!.n).toBeGreaterThanOrEqual(before!.n);
      // Through the app's own connection pool as well: its role lacks the grant before the trigger is reached
      // (test/hardening-database.e2e-spec.ts tries every other way round it).
      const { DataSource } = await import('typeorm');
      const ds = t.app.get(DataSource);
      await expect(ds.query("UPDATE audit_event SET action = 'tampered' WHERE id = (SELECT min(id) FROM audit_event)")).rejects.toThrow(/permission denied for table audit_event/);
      await expect(ds.query('DELETE FROM audit_event WHERE id = (SELECT min(id) FROM audit_event)')).rejects.toThrow(/permission denied for table audit_event/);
    });

    it('grants the owning role no UPDATE, DELETE or TRUNCATE on it', async () => {
      const rows = await adminQuery<{ privilege_type: string }>(
        t.databaseUrl,
        "SELECT a.privilege_type FROM pg_class c, aclexplode(c.relacl) a WHERE c.relname = 'audit_event' AND a.grantee = c.relowner",
      );
      const privileges = rows.map((r) => r.privilege_type);
      expect(privileges).toEqual(expect.arrayContaining(['INSERT', 'SELECT']));
      expect(privileges).not.toEqual(expect.arrayContaining(['UPDATE']));
      expect(privileges.filter((p) => ['UPDATE', 'DELETE', 'TRUNCATE'].includes(p))).toEqual([]);
    });
  });

  describe('login throttling', () => {
    let th: TestApp;
    let ta: Actors;

    beforeAll(async () => {
      th = await startTestApp({
        env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_THROTTLE_WINDOW_SECONDS: '600' },
      });
      ta = actors(th);
    });
    afterAll(() => th.close());

    const login = (app: TestApp, email: string, password: string) =>
      app.gql(graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }'), { e: email, p: password });

    it('throttles an account after repeated failures, before any password hashing, even with the right password', async () => {
      const user = await ta.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
      for (let i = 0; i < 3; i++) expect((await login(th, user.email, 'wrong password here')).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

      const passwords = th.app.get(PasswordService);
      const verify = passwords.verify.bind(passwords);
      let verifications = 0;
      passwords.verify = async (...args) => {
        verifications += 1;
        return verify(...args);
      };
      try {
        const blocked = await login(th, user.email.toUpperCase(), user.password);
        expect(blocked.errors![0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
        expect(blocked.errors![0]!.message).toMatch(/Too many failed sign-in attempts/);
        expect(verifications).toBe(0);
      } finally {
        passwords.verify = verify;
      }
    });

    it('throttles a client address that tries many accounts', async () => {
      // An account that never fails (created, and signed in once, while the address is still below its limit).
      const untouched = await ta.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
      // 3 failures are already recorded from this address by the test above; each account below fails once, so no account is throttled.
      for (let i = 0; i < 5; i++) expect((await login(th, `nobody${i}@example.org`, 'wrong password here')).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      // Refused even with its right password: the address is what is throttled.
      const res = await login(th, untouched.email, untouched.password);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
      expect(res.errors![0]!.message).toMatch(/Too many failed sign-in attempts/);
      expect(res.data?.login ?? null).toBeNull();
    });
  });
});

describe('hardening in production mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
  });
  afterAll(() => t.close());

  it('refuses introspection', async () => {
    const res = await t.gql(graphql('{ __schema { queryType { name } } }'));
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/introspection/i);
    const typeQuery = await t.gql(graphql('{ __type(name: "User") { fields { name } } }'));
    expect(typeQuery.errors![0]!.message).toMatch(/introspection/i);
  });

  it('serves no GraphiQL', async () => {
    expect((await fetch(`${t.baseUrl}/graphiql`)).status).toBe(404);
  });

  it('gives no field suggestions', async () => {
    const res = await t.rawGql('{ serverInf { version } }');
    expect(res.errors![0]!.message).toMatch(/Cannot query field "serverInf"/);
    expect(res.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('sends HSTS and a Secure refresh cookie', async () => {
    const user = await actors(t).user({ role: Role.ADMIN });
    expect(user.cookie).toMatch(/^pcp_refresh=/);
    const res = await t.gql(graphql('mutation { refreshSession { accessToken } }'), {}, { cookie: user.cookie });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('pcp_refresh='))).toMatch(/; Secure/);
  });

  it('creates no demo accounts', async () => {
    const [row] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%@demo.example.org'");
    expect(row!.n).toBe(0);
  });
});
