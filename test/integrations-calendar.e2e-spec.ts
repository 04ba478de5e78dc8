// Calendar feeds (issue #16, item 2): a personal feed behind a revocable token URL, the public catalogue feed, and
// following offerings; every feed is parsed by ical.js (RFC 5545) and checked line by line (CRLF, folding).
import ICAL from 'ical.js';
import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeIteration, makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const FEED = graphql('query CalFeed { calendarFeed { active createdAt } }');
const REGENERATE = graphql('mutation CalRegenerate { regenerateCalendarFeed { url createdAt } }');
const REVOKE = graphql('mutation CalRevoke { revokeCalendarFeed }');
const FOLLOW = graphql('mutation CalFollow($id: ID!) { followOffering(offeringId: $id) }');
const UNFOLLOW = graphql('mutation CalUnfollow($id: ID!) { unfollowOffering(offeringId: $id) }');
const FOLLOWED = graphql('query CalFollowed($code: String!) { offering(code: $code) { id followed } }');

interface ParsedEvent {
  uid: string;
  summary: string;
  start: ICAL.Time;
  end: ICAL.Time;
  status: string | null;
  url: string | null;
  location: string | null;
}

/** Parses a feed with ical.js, registering its VTIMEZONEs, after checking the content lines themselves. */
function parse(text: string): { calendar: ICAL.Component; events: ParsedEvent[]; zones: string[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line).not.toMatch(/[\r\n]/); // no bare LF or CR anywhere
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone').map((z) => {
    ICAL.TimezoneService.register(z);
    return String(z.getFirstPropertyValue('tzid'));
  });
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate,
      end: e.endDate,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      location: e.location ?? null,
    };
  });
  return { calendar, events, zones };
}

describe('calendar feeds', () => {
  let t: TestApp;
  let partner: Record<string, string>;
  let course: { id: string; code: string };
  let iterationId: string;
  let nyIterationId: string;
  let draftCode: string;
  let requestId: string;
  const get = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, t.baseUrl));

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', CATALOGUE_PUBLIC: 'true' } });
    partner = await actors(t).asPartner('GEO');
    course = await makeOffering(t, { owningSectionCode: 'CTS' });
    // Escaping and folding: commas, semicolons, a backslash, a line break and a long French title.
    await adminQuery(t.databaseUrl, 'UPDATE offering SET title_en = $2, title_fr = $3 WHERE id = $1', [
      course.id,
      'Counter-terrorism, planning; level 2 \\ staff course',
      'Cours « Lutte contre le terrorisme » : planification, niveau 2 ; cours d’état-major pour officiers\nsession de printemps',
    ]);
    iterationId = await makeIteration(t, course.id, { startInDays: 100, deadlineInDays: 60 });
    const ny = await makeOffering(t, { owningSectionCode: 'ETOC' });
    nyIterationId = await makeIteration(t, ny.id, { startInDays: 200, deadlineInDays: 170 });
    const draft = await makeOffering(t, { status: 'DRAFT' });
    draftCode = draft.code;
    await makeIteration(t, draft.id, { startInDays: 50 });
    const submitted = await t.gql(SUBMIT, { input: submitInput(course.id, { iterationId, title: 'Two officers, spring run' }) }, partner);
    expect(submitted.errors).toBeUndefined();
    requestId = submitted.data!.submitRequest.request.id;
    // The lifecycle is not under test here: the request is scheduled on the iteration directly.
    await adminQuery(t.databaseUrl, `UPDATE cooperation_request SET status = 'SCHEDULED' WHERE id = $1`, [requestId]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a person follow an offering, and make, use and revoke a feed address', async () => {
    expect((await t.gql(FEED, {}, partner)).data).toEqual({ calendarFeed: { active: false, createdAt: null } });
    expect((await t.gql(FOLLOW, { id: course.id }, partner)).data).toEqual({ followOffering: true });
    expect((await t.gql(FOLLOWED, { code: course.code }, partner)).data).toEqual({ offering: { id: course.id, followed: true } });

    const made = await t.gql(REGENERATE, {}, partner);
    expect(made.errors).toBeUndefined();
    const url = made.data!.regenerateCalendarFeed.url;
    expect(url).toMatch(/^http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await t.gql(FEED, {}, partner)).data!.calendarFeed.active).toBe(true);

    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const text = await res.text();
    const { calendar, events, zones } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Partner Cooperation Portal//Calendar feeds//EN');
    expect(zones).toEqual(['Europe/Brussels']);
    expect(events.map((e) => e.uid).sort()).toEqual(
      [`deadline-${iterationId}@partner-cooperation-portal`, `iteration-${iterationId}@partner-cooperation-portal`, `request-${requestId}@partner-cooperation-portal`].sort(),
    );

    const [{ start, end, deadline }] = await adminQuery<{ start: string; end: string; deadline: string }>(
      t.databaseUrl,
      'SELECT start_date::text AS start, end_date::text AS "end", application_deadline::text AS deadline FROM offering_iteration WHERE id = $1',
      [iterationId],
    );
    const run = events.find((e) => e.uid.startsWith('iteration-'))!;
    expect(run.summary).toBe(`Counter-terrorism, planning; level 2 \\ staff course (${course.code})`);
    expect(run.start.isDate).toBe(true);
    expect(run.start.toString()).toBe(start);
    // DTEND of an all-day event is the day after the last one.
    expect(run.end.toString()).toBe(new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    expect(run.location).toBe('Oberammergau');
    expect(run.url).toMatch(new RegExp(`/offerings/${course.code}$`));

    const due = events.find((e) => e.uid.startsWith('deadline-'))!;
    expect(due.summary).toBe(`Application deadline: Counter-terrorism, planning; level 2 \\ staff course (${course.code})`);
    expect(due.start.zone.tzid).toBe('Europe/Brussels');
    // 23:59 in Brussels: 22:59 or 21:59 UTC by the season, as the VTIMEZONE says.
    const utc = due.start.toJSDate().toISOString();
    const brusselsOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Brussels', timeZoneName: 'shortOffset' }).formatToParts(new Date(`${deadline}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value;
    expect(utc).toBe(`${deadline}T${brusselsOffset === 'GMT+2' ? '21' : '22'}:59:00.000Z`);

    const request = events.find((e) => e.uid.startsWith('request-'))!;
    expect(request.summary).toMatch(/^Request CR-\d{4}-\d{5}: Two officers, spring run$/);
    expect(request.start.toString()).toBe(start);
    expect(request.url).toMatch(new RegExp(`/requests/${requestId}$`));
    expect(request.status).toBe('CONFIRMED');
    // Escaped in the text itself: the comma and semicolon of the title.
    expect(text).toContain('SUMMARY:Counter-terrorism\\, planning\\; level 2 \\\\ staff course');

    // Regenerated: the old address stops working at once.
    const again = (await t.gql(REGENERATE, {}, partner)).data!.regenerateCalendarFeed.url;
    expect(again).not.toBe(url);
    expect((await get(url)).status).toBe(404);
    expect((await get(again)).status).toBe(200);
    // Revoked: 404 with a message a person can act on.
    expect((await t.gql(REVOKE, {}, partner)).data).toEqual({ revokeCalendarFeed: true });
    const gone = await get(again);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('No such calendar feed: it may have been revoked. Copy the current address from your account page.');
    expect((await get(`${t.baseUrl}/calendar/not-a-token.ics`)).status).toBe(404);
  });

  it("speaks the user's language, and drops an offering once unfollowed", async () => {
    const user = await actors(t).user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    await adminQuery(t.databaseUrl, `UPDATE app_user SET language = 'fr' WHERE id = $1`, [user.id]);
    await t.gql(FOLLOW, { id: course.id }, user.headers);
    const url = (await t.gql(REGENERATE, {}, user.headers)).data!.regenerateCalendarFeed.url;
    const { events, calendar } = parse(await (await get(url)).text());
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Portail de coopération avec les partenaires — mon agenda');
    expect(events.find((e) => e.uid.startsWith('deadline-'))!.summary).toBe(
      `Date limite de candidature: Cours « Lutte contre le terrorisme » : planification, niveau 2 ; cours d’état-major pour officiers\nsession de printemps (${course.code})`,
    );
    expect((await t.gql(UNFOLLOW, { id: course.id }, user.headers)).data).toEqual({ unfollowOffering: false });
    expect(parse(await (await get(url)).text()).events).toEqual([]);
  });

  it('serves the public catalogue feed: published offerings only, every time zone described', async () => {
    const res = await fetch(`${t.baseUrl}/calendar/catalogue.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { events, zones } = parse(await res.text());
    expect(zones).toEqual(['America/New_York', 'Europe/Brussels']);
    const uids = events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([`iteration-${iterationId}@partner-cooperation-portal`, `iteration-${nyIterationId}@partner-cooperation-portal`]));
    expect(events.some((e) => e.summary.includes(draftCode))).toBe(false);
    const nyDeadline = events.find((e) => e.uid === `deadline-${nyIterationId}@partner-cooperation-portal`)!;
    expect(nyDeadline.start.zone.tzid).toBe('America/New_York');
    expect(nyDeadline.start.toJSDate().toISOString()).toMatch(/T0[34]:59:00\.000Z$/); // 23:59 EST/EDT is 04:59/03:59 UTC the next day

    const fr = parse(await (await fetch(`${t.baseUrl}/calendar/catalogue.ics?lang=fr`)).text());
    expect(fr.events.find((e) => e.uid === `deadline-${iterationId}@partner-cooperation-portal`)!.summary).toMatch(/^Date limite de candidature: Cours/);
  });

  it('refuses feeds to API keys and following to anonymous callers', async () => {
    const key = await actors(t).asApiKey(ApiKeyScope.PARTNER, { partnerCode: 'GEO' });
    const refused = await t.gql(REGENERATE, {}, key);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe('Calendar feeds belong to people; sign in as a user to manage yours.');
    const anonymous = await t.gql(FOLLOW, { id: course.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await t.gql(FOLLOW, { id: '00000000-0000-4000-8000-000000000000' }, partner);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the catalogue feed when the catalogue is not public', () => {
  it('is not found', async () => {
    const t = await startTestApp({ env: { SEED_ON_START: 'false' } });
    try {
      const res = await fetch(`${t.baseUrl}/calendar/catalogue.ics`);
      expect(res.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
