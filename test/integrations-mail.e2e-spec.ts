// Mail people can act on (issue #16, item 5): each person's language, a link to the request, preferences per kind
// of notice (IMMEDIATE, DAILY_DIGEST, OFF) with the daily digest, and notices marked read when the request is opened.
// Delivered through a real SMTP server.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Role } from '../src/common/auth/role.js';
import { MailDigestWorker } from '../src/notifications/mail-digest.worker.js';
import { actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LANGUAGE = graphql('mutation MailLanguage($l: String!) { setMyLanguage(language: $l) { language } }');
const ME = graphql('query MailMe { me { language } }');
const PREFS = graphql('query MailPrefs { mailPreferences { kind delivery } }');
const SET_PREF = graphql('mutation MailSetPref($kind: String!, $delivery: MailDelivery!) { setMailPreference(kind: $kind, delivery: $delivery) { kind delivery } }');
const COMMENT = graphql('mutation MailComment($input: AddCommentInput!) { addComment(input: $input) { id } }');
const OPENED = graphql('mutation MailOpened($id: ID!) { markRequestNoticesRead(requestId: $id) }');
const UNREAD = graphql('query MailUnread { notifications(unreadOnly: true, first: 50) { unreadCount edges { node { requestId kind } } } }');

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Decodes what nodemailer sends for text mail: RFC 2047 subjects and a quoted-printable or 7bit body. */
function decode(raw: string, to: string[]): Mail {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  const subject = header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, text: string) => Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  let body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return { to, subject, text: body.replace(/\r\n/g, '\n') };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('mail people can act on', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: Mail[] = [];
  let partner: { id: string; email: string; headers: Record<string, string> };
  let staff: Record<string, string>;
  let offeringId: string;
  const to = (email: string) => received.filter((m) => m.to.includes(email.toLowerCase()));

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
        stream.on('end', () => {
          received.push(decode(raw, session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    t = await startTestApp({
      env: {
        SEED_ON_START: 'true',
        SEED_SAMPLE_CATALOGUE: 'false',
        WORKERS_ENABLED: 'true',
        WORKER_POLL_SECONDS: '1',
        PUBLIC_URL: 'https://portal.example.org',
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      },
    });
    partner = await actors(t).user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    staff = await actors(t).asStaff('CTS');
    offeringId = (await makeOffering(t, { owningSectionCode: 'CTS' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("mails each person in their language, with a link to the request; the section's mailbox in both", async () => {
    expect((await t.gql(ME, {}, partner.headers)).data).toEqual({ me: { language: 'en' } });
    expect((await t.gql(LANGUAGE, { l: 'fr' }, partner.headers)).data).toEqual({ setMyLanguage: { language: 'fr' } });
    const bad = await t.gql(LANGUAGE, { l: 'de' }, partner.headers);
    expect(bad.errors?.[0]).toMatchObject({ message: 'language must be en or fr.', extensions: { code: 'BAD_USER_INPUT' } });

    const submitted = await t.gql(SUBMIT, { input: submitInput(offeringId, { title: 'Cours de printemps' }) }, partner.headers);
    const r = submitted.data!.submitRequest.request;
    expect((await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff)).errors).toBeUndefined();

    await until('the status mail', () => to(partner.email).length === 1 && to('cts@example.nato.int').length === 1);
    const [mine] = to(partner.email);
    expect(mine!.subject).toBe(`[${r.reference}] Statut : en cours d'examen`);
    expect(mine!.text).toContain(`La demande de coopération ${r.reference} « Cours de printemps » est en cours d'examen.`);
    expect(mine!.text).toContain(`Ouvrir : https://portal.example.org/requests/${r.id}`);
    expect(mine!.text).not.toContain('is now under review');
    const [section] = to('cts@example.nato.int');
    expect(section!.subject).toBe(`[${r.reference}] New request submitted: Cours de printemps / Nouvelle demande soumise : Cours de printemps`);
    expect(section!.text).toContain(`Open it: https://portal.example.org/requests/${r.id}`);
    expect(section!.text).toContain(`Ouvrir : https://portal.example.org/requests/${r.id}`);
  });

  it('follows each person’s preference per kind of notice, and gathers the daily digest', async () => {
    const prefs = await t.gql(PREFS, {}, partner.headers);
    expect(prefs.data!.mailPreferences).toContainEqual({ kind: 'STATUS_CHANGED', delivery: 'IMMEDIATE' });
    expect((await t.gql(SET_PREF, { kind: 'COMMENT_ADDED', delivery: 'OFF' }, partner.headers)).errors).toBeUndefined();
    const set = await t.gql(SET_PREF, { kind: 'STATUS_CHANGED', delivery: 'DAILY_DIGEST' }, partner.headers);
    expect(set.data!.setMailPreference).toEqual(expect.arrayContaining([{ kind: 'COMMENT_ADDED', delivery: 'OFF' }, { kind: 'STATUS_CHANGED', delivery: 'DAILY_DIGEST' }]));
    const unknown = await t.gql(SET_PREF, { kind: 'EVERYTHING', delivery: 'OFF' }, partner.headers);
    expect(unknown.errors?.[0]?.message).toMatch(/^kind must be one of STATUS_CHANGED, COMMENT_ADDED, /);

    const before = received.length;
    const submitted = await t.gql(SUBMIT, { input: submitInput(offeringId, { title: 'Digest run' }) }, partner.headers);
    const r = submitted.data!.submitRequest.request;
    const review = await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff);
    await t.gql(TRANSITION, { input: { id: r.id, to: 'INFORMATION_REQUESTED', expectedVersion: review.data!.transitionRequest.version, reason: 'Which dates suit you?' } }, staff);
    expect((await t.gql(COMMENT, { input: { requestId: r.id, body: 'Any news?', internal: false } }, staff)).errors).toBeUndefined();
    await until('the section mail of the new request', () => received.length === before + 1);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // room for a mail that should not come
    expect(to(partner.email)).toHaveLength(1); // still only the first test's
    const [{ n }] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM mail_digest_item WHERE user_id = $1', [partner.id]);
    expect(n).toBe(2); // the two status changes; the comment is OFF

    const digest = t.app.get(MailDigestWorker);
    expect(await digest.run()).toBe(1);
    expect(await digest.run()).toBe(0); // taken once
    await until('the digest mail', () => to(partner.email).length === 2);
    const mail = to(partner.email)[1]!;
    expect(mail.subject).toBe('Portail de coopération avec les partenaires : 2 avis du jour');
    expect(mail.text).toContain(`• [${r.reference}] Statut : en cours d'examen`);
    expect(mail.text).toContain(`• [${r.reference}] Statut : informations demandées`);
    expect(mail.text).toContain('Motif : Which dates suit you?');
    expect(mail.text).toContain(`Ouvrir : https://portal.example.org/requests/${r.id}`);
    expect(mail.text).toContain('https://portal.example.org/account');
  });

  it("marks a person's notices about a request read when the request is opened", async () => {
    const unread = (await t.gql(UNREAD, {}, partner.headers)).data!.notifications;
    const requestId = unread.edges.find((e) => e.node.kind === 'COMMENT_ADDED')!.node.requestId!;
    const onIt = unread.edges.filter((e) => e.node.requestId === requestId).length;
    expect(onIt).toBeGreaterThanOrEqual(3); // two status changes and the comment, in-app whatever the mail preference
    expect((await t.gql(OPENED, { id: requestId }, partner.headers)).data).toEqual({ markRequestNoticesRead: onIt });
    const after = (await t.gql(UNREAD, {}, partner.headers)).data!.notifications;
    expect(after.edges.filter((e) => e.node.requestId === requestId)).toEqual([]);
    expect(after.unreadCount).toBe(unread.unreadCount - onIt);
    // Each person's own: the section's staff still have theirs (the arrival) until they open it.
    const staffUnread = (await t.gql(UNREAD, {}, staff)).data!.notifications.edges.filter((e) => e.node.requestId === requestId).length;
    expect(staffUnread).toBeGreaterThanOrEqual(1);
    expect((await t.gql(OPENED, { id: requestId }, staff)).data).toEqual({ markRequestNoticesRead: staffUnread });
  });
});
