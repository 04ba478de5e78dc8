import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port, as the notification tests use. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The message text with quoted-printable soft breaks and escapes undone (the escapes are UTF-8 bytes). */
function textOf(raw: string): string {
  const latin1 = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

function linkIn(raw: string): { url: string; token: string } {
  const match = /(https?:\/\/\S+\/set-password\?token=([A-Za-z0-9_-]+))/.exec(textOf(raw));
  if (!match) throw new Error(`no set-password link in:\n${raw}`);
  return { url: match[1]!, token: match[2]! };
}

const FORGOT = graphql('mutation Forgot($email: String!) { requestPasswordReset(email: $email) }');
const SET_PASSWORD = graphql('mutation SetPassword($t: String!, $p: String!) { setPassword(token: $t, password: $p) }');
const LOGIN = graphql('mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }');
const CREATE_USER = graphql('mutation Invite($input: CreateUserInput!) { createUser(input: $input) { user { id email } setPasswordToken setPasswordTokenExpiresAt } }');
const RESET_USER = graphql('mutation Reset($id: ID!) { resetUserPassword(id: $id) { setPasswordToken } }');

const OPTIONS = graphql('{ signInOptions { password organisation organisationSignInPath } }');

const PER_IP = 12;

describe('identity: forgotten passwords and invitations, by mail through the outbox', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let a: Actors;
  let admin: Record<string, string>;
  /** Reset requests made so far from this test's address (they all count toward PASSWORD_RESET_MAX_PER_IP). */
  let requests = 0;
  const forgot = (email: string) => {
    requests += 1;
    return t.gql(FORGOT, { email });
  };
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      env: {
        SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://portal.example.org/', PASSWORD_RESET_MAX_PER_IP: String(PER_IP),
      },
    });
    a = actors(t);
    admin = await a.asAdmin();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('invites a new user by mail: the administrator never sees the token, and the link sets the first password', async () => {
    const email = `invited.${Date.now()}@test.example.org`;
    const created = await t.gql(CREATE_USER, { input: { email, displayName: 'Invited Person', role: Role.SECTION_STAFF, sectionCodes: ['CTS'] } }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser.setPasswordToken).toBeNull();
    expect(created.data!.createUser.setPasswordTokenExpiresAt).not.toBeNull();

    const mail = await until('the invitation', () => mailsTo(email)[0]);
    expect(textOf(mail.raw)).toContain('An account has been created for you on the Partner Cooperation Portal');
    expect(textOf(mail.raw)).toContain('Un compte a été créé pour vous');
    const { url, token } = linkIn(mail.raw);
    expect(url.startsWith('https://portal.example.org/set-password?token=')).toBe(true);
    // The outbox keeps the link sealed: the database never holds a usable one.
    const [row] = await adminQuery<{ body: string }>(t.databaseUrl, 'SELECT body FROM mail_message WHERE to_address = $1', [email]);
    expect(row!.body).not.toContain(token);
    expect(row!.body).toMatch(/\[\[sealed:[A-Za-z0-9_-]+\]\]/);

    const set = await t.gql(SET_PASSWORD, { t: token, p: 'a brand new passphrase 42' });
    expect(set.data!.setPassword).toBe(true);
    const login = await t.gql(LOGIN, { e: email, p: 'a brand new passphrase 42' });
    expect(login.errors).toBeUndefined();
    // The link works once.
    const again = await t.gql(SET_PASSWORD, { t: token, p: 'another passphrase 4242' });
    expect(again.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('mails a one-time link to a known address; the old password works until the link is used', async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const res = await forgot(user.email.toUpperCase());
    expect(res.errors).toBeUndefined();
    expect(res.data!.requestPasswordReset).toBe(true);

    const mail = await until('the reset mail', () => mailsTo(user.email)[0]);
    expect(textOf(mail.raw)).toContain('Someone asked to set a new password for your account');
    const { token } = linkIn(mail.raw);
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();

    expect((await t.gql(SET_PASSWORD, { t: token, p: 'the replacement passphrase 7' })).data!.setPassword).toBe(true);
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors![0]!.message).toBe('The email address or password is incorrect.');
    expect((await t.gql(LOGIN, { e: user.email, p: 'the replacement passphrase 7' })).errors).toBeUndefined();
  });

  it('answers unknown, inactive and known addresses the same way, and mails only the known active one', async () => {
    const known = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    const inactive = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['CTS'] });
    await adminQuery(t.databaseUrl, 'UPDATE app_user SET active = false WHERE id = $1', [inactive.id]);
    const unknownEmail = `nobody.${Date.now()}@test.example.org`;

    const answers = [await forgot(unknownEmail), await forgot(inactive.email), await forgot(known.email)];
    const bodies = answers.map((r) => JSON.stringify({ data: r.data, errors: r.errors, status: r.status }));
    expect(new Set(bodies).size).toBe(1);
    expect(answers[0]!.data!.requestPasswordReset).toBe(true);

    await until('the mail to the known address', () => mailsTo(known.email)[0]);
    const outbox = await adminQuery<{ to_address: string }>(t.databaseUrl, 'SELECT to_address FROM mail_message WHERE to_address = ANY($1)', [[unknownEmail, inactive.email, known.email]]);
    expect(outbox.map((r) => r.to_address)).toEqual([known.email]);
    const trail = await adminQuery<{ details: { email: string; sent: boolean; reason?: string } }>(
      t.databaseUrl,
      "SELECT details FROM audit_event WHERE action = 'user.password_link_requested' AND details->>'email' = ANY($1) ORDER BY id",
      [[unknownEmail, inactive.email, known.email]],
    );
    expect(trail.map((r) => [r.details.email, r.details.sent, r.details.reason ?? null])).toEqual([
      [unknownEmail, false, 'unknown_account'],
      [inactive.email, false, 'inactive'],
      [known.email, true, null],
    ]);
  });

  it('sends at most three links an hour to one account, answering the fourth request the same', async () => {
    const user = await a.user({ role: Role.COORDINATOR, coveredPartnerCodes: ['GEO'] });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await forgot(user.email));
    expect(answers.every((r) => r.errors === undefined && r.data!.requestPasswordReset === true)).toBe(true);
    const [rows] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM mail_message WHERE to_address = $1', [user.email]);
    expect(rows!.n).toBe(3);
    const [limited] = await adminQuery<{ n: number }>(
      t.databaseUrl,
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.password_link_requested' AND target_id = $1 AND details->>'reason' = 'account_limit'",
      [user.id],
    );
    expect(limited!.n).toBe(1);
    // Only one link works (the newest): each new one voids the one before. Mails may arrive in any order.
    await until('three mails', () => (mailsTo(user.email).length === 3 ? true : undefined));
    const tokens = mailsTo(user.email).map((m) => linkIn(m.raw).token);
    const outcomes = [];
    for (const token of tokens) outcomes.push(await t.gql(SET_PASSWORD, { t: token, p: 'one of three links passphrase 11' }));
    expect(outcomes.filter((r) => r.data?.setPassword === true)).toHaveLength(1);
    expect(outcomes.filter((r) => r.errors?.[0]?.message === 'This link to set a password is invalid, used or expired. Ask an administrator for a new one.')).toHaveLength(2);
  });

  it("mails the link of an administrator's reset instead of showing it", async () => {
    const user = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    const reset = await t.gql(RESET_USER, { id: user.id }, admin);
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetUserPassword.setPasswordToken).toBeNull();
    const mail = await until('the reset mail', () => mailsTo(user.email)[0]);
    expect(textOf(mail.raw)).toContain('An administrator reset your password');
    const { token } = linkIn(mail.raw);
    expect((await t.gql(SET_PASSWORD, { t: token, p: 'after the admin reset 99' })).data!.setPassword).toBe(true);
  });

  it('offers only password sign-in when single sign-on is not configured', async () => {
    expect((await t.gql(OPTIONS, {})).data!.signInOptions).toEqual({ password: true, organisation: false, organisationSignInPath: null });
    const start = await fetch(`${t.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('https://portal.example.org/sign-in?sso=not_configured');
  });

  it('limits requests per client address with RATE_LIMITED, whatever the email', async () => {
    while (requests < PER_IP) {
      const res = await forgot(`filler.${requests}.${Date.now()}@test.example.org`);
      expect(res.errors).toBeUndefined();
    }
    const refused = await forgot(`one.more.${Date.now()}@test.example.org`);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.errors![0]!.message).toBe('Too many password link requests from this address. Wait a few minutes and try again.');
  });
});
