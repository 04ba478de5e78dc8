// Outbound webhooks (issue #16, item 1): scoped endpoints, events written with the change, signed deliveries to a
// real HTTP receiver, exactly once with two app instances, secret rotation with overlap, the delivery log, and
// automatic disabling with a notice to administrators (in-app and real SMTP).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SeatLedger } from '../src/catalogue/seat-ledger.js';
import { Role } from '../src/common/auth/role.js';
import { RequestContext } from '../src/common/context/request-context.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { verifySignature } from '../src/integrations/webhook-signature.js';
import { actors, Actors } from './support/actors.js';
import { graphql, type VariablesOf } from './support/graphql.js';
import { makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery, createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE_HOOK = graphql(`mutation HookCreate($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id name url scope eventTypes active partner { code } section { code } } }
}`);
const UPDATE_HOOK = graphql('mutation HookUpdate($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id active consecutiveFailures disabledReason } }');
const ROTATE = graphql('mutation HookRotate($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret endpoint { id previousSecretExpiresAt } } }');
const HOOK = graphql(`query Hook($id: ID!) { webhookEndpoint(id: $id) {
  id active consecutiveFailures disabledAt disabledReason
  deliveries(first: 10) { totalCount edges { node { attempt statusCode durationMs error succeeded eventType eventId } } }
} }`);
const HOOKS = graphql('query Hooks { webhookEndpoints(first: 50) { totalCount edges { node { id name } } } }');
const COMMENT = graphql('mutation HookComment($input: AddCommentInput!) { addComment(input: $input) { id } }');
const CREATE_OFFERING = graphql('mutation HookOffering($input: CreateOfferingInput!) { createOffering(input: $input) { id version } }');
const PUBLISH = graphql('mutation HookPublish($id: ID!) { publishOffering(id: $id) { id status } }');
const ITERATION = graphql('mutation HookIteration($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id } }');

interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver: paths starting /fail answer 500, everything else 204. */
async function startReceiver(): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/fail')) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 40_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('outbound webhooks with two instances', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];
  let admin: Record<string, string>;
  let adminEmail: string;
  const hitsOn = (path: string) => receiver.hits.filter((h) => h.path === path);

  async function hook(input: VariablesOf<typeof CREATE_HOOK>['input']) {
    const res = await a.gql(CREATE_HOOK, { input }, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.createWebhookEndpoint;
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    const env = {
      JWT_SECRET: 'both-instances-share-this-secret-0123456789',
      SEED_ON_START: 'true',
      SEED_SAMPLE_CATALOGUE: 'false',
      WORKERS_ENABLED: 'true',
      WORKER_POLL_SECONDS: '1',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
      WEBHOOK_RETRY_LIMIT: '5',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
    };
    a = await startTestApp({ databaseUrl: database.url, env });
    b = await startTestApp({ databaseUrl: database.url, env: { ...env, MIGRATIONS_RUN: 'false', SEED_ON_START: 'false' } });
    const user = await new Actors(a).user({ role: Role.ADMIN });
    admin = user.headers;
    adminEmail = user.email;
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await receiver?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.drop();
  });

  it('is for administrators only, and refuses URLs that are not http(s)', async () => {
    const partner = await actors(a).asPartner('GEO');
    const refused = await a.gql(HOOKS, {}, partner);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await a.gql(CREATE_HOOK, { input: { name: 'ftp', url: 'ftp://files.example.org/in', scope: 'GLOBAL', eventTypes: ['REQUEST_SUBMITTED'] } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe('input.url must use http:// or https://, not ftp://.');
    const noPartner = await a.gql(CREATE_HOOK, { input: { name: 'p', url: `${receiver.url}/x`, scope: 'PARTNER', eventTypes: ['REQUEST_SUBMITTED'] } }, admin);
    expect(noPartner.errors?.[0]?.message).toBe('input.partnerCode is required for a PARTNER endpoint.');
  });

  it("delivers each event once per endpoint, signed, across both instances; a partner's hook never carries another partner's data", async () => {
    const global = await hook({ name: 'warehouse', url: `${receiver.url}/global`, scope: 'GLOBAL', eventTypes: ['REQUEST_SUBMITTED', 'REQUEST_STATUS_CHANGED', 'REQUEST_COMMENT_ADDED'] });
    const geo = await hook({ name: 'Georgia', url: `${receiver.url}/geo`, scope: 'PARTNER', partnerCode: 'GEO', eventTypes: ['REQUEST_SUBMITTED', 'REQUEST_COMMENT_ADDED'] });
    const arm = await hook({ name: 'Armenia', url: `${receiver.url}/arm`, scope: 'PARTNER', partnerCode: 'ARM', eventTypes: ['REQUEST_SUBMITTED', 'REQUEST_COMMENT_ADDED'] });
    const cts = await hook({ name: 'CTS', url: `${receiver.url}/cts`, scope: 'SECTION', sectionCode: 'CTS', eventTypes: ['REQUEST_SUBMITTED'] });
    expect(geo.endpoint).toMatchObject({ scope: 'PARTNER', partner: { code: 'GEO' }, active: true });
    expect(cts.endpoint.section).toEqual({ code: 'CTS' });
    expect(global.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const offering = await makeOffering(a, { owningSectionCode: 'CTS' });
    const geoHeaders = await actors(a).asPartner('GEO');
    const armHeaders = await actors(b).asPartner('ARM');
    const ids: string[] = [];
    // Alternate instances: both run workers on the same queue.
    for (let i = 0; i < 6; i++) {
      const [app, headers] = i % 3 === 2 ? [b, armHeaders] : [i % 2 ? b : a, geoHeaders];
      const res = await app.gql(SUBMIT, { input: submitInput(offering.id, { title: `Hooked ${i}` }) }, headers);
      expect(res.errors).toBeUndefined();
      ids.push(res.data!.submitRequest.request.id);
    }
    const geoRequest = ids[0]!;
    const comment = await b.gql(COMMENT, { input: { requestId: geoRequest, body: 'Could you confirm the dates?', internal: false } }, geoHeaders);
    expect(comment.errors).toBeUndefined();

    await until('every delivery made', async () => {
      const [row] = await adminQuery<{ pending: number; total: number }>(a.databaseUrl, `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*)::int AS total FROM webhook_delivery`);
      return row!.total > 0 && row!.pending === 0;
    });
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one

    // 6 submissions + 1 comment to the global hook; 4 GEO submissions + the comment to GEO's; 2 to ARM's; 6 to the section's.
    expect(hitsOn('/global')).toHaveLength(7);
    expect(hitsOn('/geo')).toHaveLength(5);
    expect(hitsOn('/arm')).toHaveLength(2);
    expect(hitsOn('/cts')).toHaveLength(6);
    for (const path of ['/global', '/geo', '/arm', '/cts']) {
      const eventIds = hitsOn(path).map((h) => h.headers['x-pcp-event-id']);
      expect(new Set(eventIds).size).toBe(eventIds.length);
    }
    const bodies = (path: string) => hitsOn(path).map((h) => JSON.parse(h.body) as { id: string; type: string; data: { request: { id: string; partnerId: string; title: string }; comment?: { body: string } } });
    const [{ id: geoId }] = await adminQuery<{ id: string }>(a.databaseUrl, `SELECT id FROM partner WHERE code = 'GEO'`);
    expect(bodies('/geo').every((e) => e.data.request.partnerId === geoId)).toBe(true);
    expect(bodies('/arm').every((e) => e.data.request.partnerId !== geoId)).toBe(true);
    expect(bodies('/arm').map((e) => e.data.request.title).sort()).toEqual(['Hooked 2', 'Hooked 5']);
    const commented = bodies('/geo').find((e) => e.type === 'REQUEST_COMMENT_ADDED')!;
    expect(commented.data).toMatchObject({ request: { id: geoRequest }, comment: { body: 'Could you confirm the dates?' } });
    // No personal data: the participants are not in any payload.
    expect(receiver.hits.some((h) => h.body.includes('Beridze'))).toBe(false);

    for (const [path, secret] of [['/global', global.secret], ['/geo', geo.secret], ['/arm', arm.secret]] as const) {
      for (const h of hitsOn(path)) {
        expect(h.headers['content-type']).toBe('application/json');
        expect(h.headers['x-pcp-event']).toBe(JSON.parse(h.body).type);
        expect(h.headers['x-pcp-event-id']).toBe(JSON.parse(h.body).id);
        expect(verifySignature(String(h.headers['x-pcp-signature']), h.body, secret)).toBe(true);
        expect(verifySignature(String(h.headers['x-pcp-signature']), h.body, geo.secret === secret ? arm.secret : geo.secret)).toBe(false);
        expect(verifySignature(String(h.headers['x-pcp-signature']), `${h.body} `, secret)).toBe(false);
      }
    }
    // One attempt per delivery: nothing was sent twice.
    const [counts] = await adminQuery<{ deliveries: number; attempts: number }>(
      a.databaseUrl,
      'SELECT (SELECT count(*)::int FROM webhook_delivery) AS deliveries, (SELECT count(*)::int FROM webhook_attempt) AS attempts',
    );
    expect(counts).toEqual({ deliveries: 20, attempts: 20 });

    const log = await a.gql(HOOK, { id: global.endpoint.id }, admin);
    expect(log.data!.webhookEndpoint!.deliveries.totalCount).toBe(7);
    expect(log.data!.webhookEndpoint!.deliveries.edges[0]!.node).toMatchObject({ attempt: 1, statusCode: 204, succeeded: true, error: null });
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const created = await hook({ name: 'rotating', url: `${receiver.url}/rotating`, scope: 'GLOBAL', eventTypes: ['OFFERING_CHANGED'] });
    const rotated = await a.gql(ROTATE, { input: { id: created.endpoint.id, overlapMinutes: 60 } }, admin);
    expect(rotated.errors).toBeUndefined();
    const fresh = rotated.data!.rotateWebhookSecret.secret;
    expect(fresh).not.toBe(created.secret);
    expect(Date.parse(rotated.data!.rotateWebhookSecret.endpoint.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 59 * 60_000);

    const res = await a.gql(CREATE_OFFERING, { input: offeringInput('HOOK-ROTATE-1') }, admin);
    expect(res.errors).toBeUndefined();
    await until('the rotated delivery', () => hitsOn('/rotating').length === 1);
    const [during] = hitsOn('/rotating');
    const header = String(during!.headers['x-pcp-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, during!.body, created.secret)).toBe(true);
    expect(verifySignature(header, during!.body, fresh)).toBe(true);
    // Outside the replay window (5 minutes) the same header no longer verifies.
    expect(verifySignature(header, during!.body, fresh, Date.now() / 1000 + 301)).toBe(false);

    await a.gql(ROTATE, { input: { id: created.endpoint.id, overlapMinutes: 0 } }, admin);
    const again = await a.gql(CREATE_OFFERING, { input: offeringInput('HOOK-ROTATE-2') }, admin);
    expect(again.errors).toBeUndefined();
    await until('the delivery after the overlap', () => hitsOn('/rotating').length === 2);
    expect(String(hitsOn('/rotating')[1]!.headers['x-pcp-signature']).match(/v1=/g)).toHaveLength(1);
  });

  it("sends catalogue events to a partner's hook only for published offerings; a section's hook gets its own offerings'", async () => {
    await hook({ name: 'geo catalogue', url: `${receiver.url}/geo-catalogue`, scope: 'PARTNER', partnerCode: 'GEO', eventTypes: ['OFFERING_PUBLISHED', 'OFFERING_CHANGED'] });
    await hook({ name: 'sps catalogue', url: `${receiver.url}/sps-catalogue`, scope: 'SECTION', sectionCode: 'SPS', eventTypes: ['OFFERING_PUBLISHED', 'OFFERING_CHANGED'] });
    await hook({ name: 'cts catalogue', url: `${receiver.url}/cts-catalogue`, scope: 'SECTION', sectionCode: 'CTS', eventTypes: ['OFFERING_PUBLISHED', 'OFFERING_CHANGED'] });
    const draft = await a.gql(CREATE_OFFERING, { input: offeringInput('HOOK-DRAFT') }, admin);
    const offeringId = draft.data!.createOffering.id;
    await until('the draft reaches the owning section', () => hitsOn('/cts-catalogue').length === 1);
    expect(await a.gql(PUBLISH, { id: offeringId }, admin)).toMatchObject({ data: { publishOffering: { status: 'PUBLISHED' } } });
    await until('the publication reaches the partner', () => hitsOn('/geo-catalogue').length === 1);
    await until('the publication reaches the section', () => hitsOn('/cts-catalogue').length === 2);
    expect(JSON.parse(hitsOn('/geo-catalogue')[0]!.body)).toMatchObject({ type: 'OFFERING_PUBLISHED', data: { offering: { id: offeringId, code: 'HOOK-DRAFT', status: 'PUBLISHED' } } });
    expect(JSON.parse(hitsOn('/cts-catalogue')[0]!.body)).toMatchObject({ type: 'OFFERING_CHANGED', data: { offering: { status: 'DRAFT' } } });
    expect(hitsOn('/sps-catalogue')).toHaveLength(0);
  });

  it('sends status changes with their from and to, and iteration changes', async () => {
    await hook({ name: 'lifecycle', url: `${receiver.url}/lifecycle`, scope: 'GLOBAL', eventTypes: ['REQUEST_STATUS_CHANGED', 'ITERATION_CHANGED'] });
    const offering = await makeOffering(a, { owningSectionCode: 'CTS' });
    const submitted = await a.gql(SUBMIT, { input: submitInput(offering.id, { title: 'Lifecycle hook' }) }, await actors(a).asPartner('GEO'));
    const r = submitted.data!.submitRequest.request;
    const moved = await b.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version, reason: 'Looking at it' } }, await actors(b).asStaff('CTS'));
    expect(moved.errors).toBeUndefined();
    const iteration = await a.gql(ITERATION, { input: { offeringId: offering.id, startDate: '2031-03-01', endDate: '2031-03-05', location: 'Brussels', locationFr: 'Bruxelles', capacity: 12, applicationDeadline: '2031-01-15', status: 'OPEN' } }, admin);
    expect(iteration.errors).toBeUndefined();
    await until('both events', () => hitsOn('/lifecycle').length === 2);
    const events = hitsOn('/lifecycle').map((h) => JSON.parse(h.body) as { type: string; data: Record<string, unknown> });
    expect(events.find((e) => e.type === 'REQUEST_STATUS_CHANGED')!.data).toMatchObject({
      request: { id: r.id, reference: r.reference, status: 'UNDER_REVIEW' },
      fromStatus: 'SUBMITTED',
      toStatus: 'UNDER_REVIEW',
      reason: 'Looking at it',
    });
    expect(events.find((e) => e.type === 'ITERATION_CHANGED')!.data).toMatchObject({
      offering: { id: offering.id, code: offering.code },
      iteration: { id: iteration.data!.upsertOfferingIteration.id, startDate: '2031-03-01', endDate: '2031-03-05', location: 'Brussels', capacity: 12, applicationDeadline: '2031-01-15' },
      created: true,
    });
  });

  it("sends ITERATION_CHANGED when the seat ledger's own changes move the status: once when the last seat goes (FULL), once when one comes back (OPEN), once when the deadline sweep closes it", async () => {
    await hook({ name: 'seats', url: `${receiver.url}/seats`, scope: 'SECTION', sectionCode: 'CTS', eventTypes: ['ITERATION_CHANGED'] });
    const offering = await makeOffering(a, { owningSectionCode: 'CTS' });
    const iteration = await makeIteration(a, offering.id, { capacity: 4 });
    const geo = await actors(a).asPartner('GEO');
    const staff = await actors(b).asStaff('CTS');
    const approved: Array<{ id: string; version: number }> = [];
    for (const title of ['Two of four seats', 'The last two seats']) {
      const submitted = await a.gql(SUBMIT, { input: submitInput(offering.id, { iterationId: iteration, seatsRequested: 2, title }) }, geo);
      expect(submitted.errors).toBeUndefined();
      const r = submitted.data!.submitRequest.request;
      const reviewing = await b.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff);
      const done = await a.gql(TRANSITION, { input: { id: r.id, to: 'APPROVED', expectedVersion: reviewing.data!.transitionRequest.version } }, staff);
      expect(done.errors).toBeUndefined();
      approved.push(done.data!.transitionRequest);
    }
    const iterationEvents = async () => (await adminQuery<{ status: string }>(a.databaseUrl, `SELECT payload #>> '{iteration,status}' AS status FROM webhook_event WHERE type = 'ITERATION_CHANGED' AND payload #>> '{iteration,id}' = $1 ORDER BY occurred_at, id`, [iteration]));
    // The first approval left two seats: the iteration stayed OPEN and nothing was sent.
    expect((await iterationEvents()).map((e) => e.status)).toEqual(['FULL']);
    await until('the FULL event delivered', () => hitsOn('/seats').length === 1);
    const full = JSON.parse(hitsOn('/seats')[0]!.body) as { type: string; data: Record<string, unknown> };
    expect(full.type).toBe('ITERATION_CHANGED');
    // The administrators' shape: the offering, the iteration, created.
    expect(Object.keys(full.data).sort()).toEqual(['created', 'iteration', 'offering']);
    expect(full.data).toMatchObject({ offering: { id: offering.id, code: offering.code, status: 'PUBLISHED' }, iteration: { id: iteration, status: 'FULL', capacity: 4, location: 'Oberammergau' }, created: false });
    expect(Object.keys(full.data.iteration as object).sort()).toEqual(['applicationDeadline', 'capacity', 'endDate', 'id', 'location', 'startDate', 'status']);
    expect((full.data.iteration as { startDate: string }).startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Cancelling the second request releases its seats: OPEN again, one more event.
    const last = approved[1]!;
    const cancelled = await b.gql(TRANSITION, { input: { id: last.id, to: 'CANCELLED', expectedVersion: last.version, reason: 'Unit redeployed' } }, staff);
    expect(cancelled.errors).toBeUndefined();
    await until('the OPEN event delivered', () => hitsOn('/seats').length === 2);
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one
    expect(hitsOn('/seats')).toHaveLength(2);
    expect(JSON.parse(hitsOn('/seats')[1]!.body)).toMatchObject({ type: 'ITERATION_CHANGED', data: { iteration: { id: iteration, status: 'OPEN' }, created: false } });
    expect((await iterationEvents()).map((e) => e.status)).toEqual(['FULL', 'OPEN']);

    // The deadline sweep (SeatOfferWorker, hourly) closes it: one more; a second sweep changes nothing and sends nothing.
    await adminQuery(a.databaseUrl, 'UPDATE offering_iteration SET application_deadline = CURRENT_DATE - 1 WHERE id = $1', [iteration]);
    const sweep = () => a.app.get(UnitOfWork).run(RequestContext.system(), (tx) => a.app.get(SeatLedger).closePastDeadline(tx));
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect(await sweep()).toBe(0);
    await until('the CLOSED event delivered', () => hitsOn('/seats').length === 3);
    expect(JSON.parse(hitsOn('/seats')[2]!.body)).toMatchObject({ type: 'ITERATION_CHANGED', data: { iteration: { id: iteration, status: 'CLOSED' }, created: false } });
    expect((await iterationEvents()).map((e) => e.status)).toEqual(['FULL', 'OPEN', 'CLOSED']);
    for (const h of hitsOn('/seats')) expect(h.headers['x-pcp-event']).toBe('ITERATION_CHANGED');
  });

  it('retries with backoff, disables an endpoint after repeated failures and tells the administrators', async () => {
    const failing = await hook({ name: 'broken receiver', url: `${receiver.url}/fail`, scope: 'GLOBAL', eventTypes: ['OFFERING_CHANGED'] });
    const res = await a.gql(CREATE_OFFERING, { input: offeringInput('HOOK-FAIL') }, admin);
    expect(res.errors).toBeUndefined();
    await until('the endpoint disabled', async () => (await a.gql(HOOK, { id: failing.endpoint.id }, admin)).data?.webhookEndpoint?.active === false);
    const endpoint = (await a.gql(HOOK, { id: failing.endpoint.id }, admin)).data!.webhookEndpoint!;
    expect(endpoint.disabledReason).toBe('Disabled after 3 failed deliveries in a row; the last: HTTP 500: receiver is down.');
    expect(endpoint.deliveries.totalCount).toBe(3);
    expect(endpoint.deliveries.edges.map((e) => e.node.attempt)).toEqual([3, 2, 1]);
    for (const { node } of endpoint.deliveries.edges) expect(node).toMatchObject({ statusCode: 500, succeeded: false, error: 'HTTP 500: receiver is down', eventType: 'OFFERING_CHANGED' });
    // Backoff: the retries came later than the first attempt, each gap at least the base delay.
    const times = await adminQuery<{ at: Date }>(a.databaseUrl, 'SELECT at FROM webhook_attempt WHERE endpoint_id = $1 ORDER BY attempt', [failing.endpoint.id]);
    expect(times[1]!.at.getTime() - times[0]!.at.getTime()).toBeGreaterThanOrEqual(900);
    expect(hitsOn('/fail')).toHaveLength(3);

    const notices = await adminQuery<{ title: string }>(a.databaseUrl, `SELECT n.title FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.kind = 'WEBHOOK_DISABLED' AND u.email = $1`, [adminEmail]);
    expect(notices).toEqual([{ title: `Webhook endpoint disabled: ${receiver.url}/fail` }]);
    await until('the administrators mailed', () => mails.some((m) => m.to.includes(adminEmail.toLowerCase()) && m.raw.includes('/admin/webhooks')));

    // Re-enabled: the failures are cleared; old events are not replayed.
    const enabled = await a.gql(UPDATE_HOOK, { input: { id: failing.endpoint.id, active: true } }, admin);
    expect(enabled.data!.updateWebhookEndpoint).toEqual({ id: failing.endpoint.id, active: true, consecutiveFailures: 0, disabledReason: null });
    const [delivery] = await adminQuery<{ status: string }>(a.databaseUrl, 'SELECT status FROM webhook_delivery WHERE endpoint_id = $1', [failing.endpoint.id]);
    expect(delivery!.status).toBe('SKIPPED');
  });
});

describe('webhook signing secrets sealed at rest (SECRETS_KEYS)', () => {
  const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
  const LEGACY_SECRET = 'whsec_stored-in-the-clear-before-sealing-0123456789';
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let app: TestApp | undefined;
  const env = {
    JWT_SECRET: 'every-instance-of-this-test-shares-this-secret',
    SEED_SAMPLE_CATALOGUE: 'false',
    WORKERS_ENABLED: 'true',
    WORKER_POLL_SECONDS: '1',
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    WEBHOOK_RETRY_DELAY_SECONDS: '1',
    WEBHOOK_RETRY_LIMIT: '5',
    WEBHOOK_DISABLE_AFTER_FAILURES: '10',
  };
  const stored = () => adminQuery<{ name: string; secret: string; previous_secret: string | null }>(database.url, 'SELECT name, secret, previous_secret FROM webhook_endpoint ORDER BY name');
  const hitsOn = (path: string) => receiver.hits.filter((h) => h.path === path);

  beforeAll(async () => {
    receiver = await startReceiver();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('stores secrets sealed, signs with the clear ones (rotation overlap included), seals legacy clear values and older keys at start, and logs a clear failure when the key is gone', async () => {
    app = await startTestApp({ databaseUrl: database.url, env: { ...env, SEED_ON_START: 'true', SECRETS_KEYS: key('k1', 1) } });
    const admin = (await new Actors(app).user({ role: Role.ADMIN })).headers;
    const created = await app.gql(CREATE_HOOK, { input: { name: 'sealed', url: `${receiver.url}/sealed`, scope: 'GLOBAL', eventTypes: ['OFFERING_CHANGED'] } }, admin);
    expect(created.errors).toBeUndefined();
    const { secret: first, endpoint } = created.data!.createWebhookEndpoint;
    const [row] = await stored();
    expect(row!.secret).toMatch(/^sealed:v1:k1:/);
    expect(row!.secret).not.toContain(first);
    expect(row!.secret.includes(first.slice(6))).toBe(false);

    // Signed with the clear secret shown once at registration.
    expect((await app.gql(CREATE_OFFERING, { input: offeringInput('SEALED-1') }, admin)).errors).toBeUndefined();
    await until('the first delivery', () => hitsOn('/sealed').length === 1);
    expect(verifySignature(String(hitsOn('/sealed')[0]!.headers['x-pcp-signature']), hitsOn('/sealed')[0]!.body, first)).toBe(true);

    // Rotation with overlap: both stored sealed, both sign.
    const rotated = await app.gql(ROTATE, { input: { id: endpoint.id, overlapMinutes: 60 } }, admin);
    expect(rotated.errors).toBeUndefined();
    const second = rotated.data!.rotateWebhookSecret.secret;
    const [afterRotation] = await stored();
    expect(afterRotation!.secret).toMatch(/^sealed:v1:k1:/);
    expect(afterRotation!.previous_secret).toMatch(/^sealed:v1:k1:/);
    expect([afterRotation!.secret, afterRotation!.previous_secret]).not.toContain(first);
    expect(afterRotation!.secret).not.toContain(second.slice(6));

    // A secret stored in the clear before sealing (as the migration left them) still signs.
    await adminQuery(database.url, `INSERT INTO webhook_endpoint (name, url, scope, event_types, secret) VALUES ('legacy', $1, 'GLOBAL', '{OFFERING_CHANGED}', $2)`, [`${receiver.url}/legacy`, LEGACY_SECRET]);
    expect((await app.gql(CREATE_OFFERING, { input: offeringInput('SEALED-2') }, admin)).errors).toBeUndefined();
    await until('the overlap and legacy deliveries', () => hitsOn('/sealed').length === 2 && hitsOn('/legacy').length === 1);
    const overlap = hitsOn('/sealed')[1]!;
    expect(String(overlap.headers['x-pcp-signature']).match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(String(overlap.headers['x-pcp-signature']), overlap.body, first)).toBe(true);
    expect(verifySignature(String(overlap.headers['x-pcp-signature']), overlap.body, second)).toBe(true);
    expect(verifySignature(String(hitsOn('/legacy')[0]!.headers['x-pcp-signature']), hitsOn('/legacy')[0]!.body, LEGACY_SECRET)).toBe(true);
    await app.close();

    // An instance with a rotated ring (new key first, old kept): at start it seals everything with the new key, and signs.
    app = await startTestApp({ databaseUrl: database.url, env: { ...env, MIGRATIONS_RUN: 'false', SECRETS_KEYS: `${key('k2', 2)},${key('k1', 1)}` } });
    const resealed = await stored();
    expect(resealed.map((r) => r.name)).toEqual(['legacy', 'sealed']);
    expect(resealed[0]!.secret).toMatch(/^sealed:v1:k2:/);
    expect(resealed[0]!.previous_secret).toBeNull();
    expect(resealed[1]!.secret).toMatch(/^sealed:v1:k2:/);
    expect(resealed[1]!.previous_secret).toMatch(/^sealed:v1:k2:/);
    expect((await app.gql(CREATE_OFFERING, { input: offeringInput('SEALED-3') }, admin)).errors).toBeUndefined();
    await until('the deliveries after the key rotation', () => hitsOn('/sealed').length === 3 && hitsOn('/legacy').length === 2);
    const afterKeys = hitsOn('/sealed')[2]!;
    expect(verifySignature(String(afterKeys.headers['x-pcp-signature']), afterKeys.body, first)).toBe(true);
    expect(verifySignature(String(afterKeys.headers['x-pcp-signature']), afterKeys.body, second)).toBe(true);
    expect(verifySignature(String(hitsOn('/legacy')[1]!.headers['x-pcp-signature']), hitsOn('/legacy')[1]!.body, LEGACY_SECRET)).toBe(true);
    await app.close();

    // An instance whose ring lost the key: it starts, sends nothing, and the delivery log says why.
    app = await startTestApp({ databaseUrl: database.url, env: { ...env, MIGRATIONS_RUN: 'false', SECRETS_KEYS: key('k3', 3) } });
    expect((await app.gql(CREATE_OFFERING, { input: offeringInput('SEALED-4') }, admin)).errors).toBeUndefined();
    await until('the failed attempt logged', async () => ((await app!.gql(HOOK, { id: endpoint.id }, admin)).data?.webhookEndpoint?.deliveries.totalCount ?? 0) > 3);
    const log = (await app.gql(HOOK, { id: endpoint.id }, admin)).data!.webhookEndpoint!;
    expect(log.deliveries.edges[0]!.node).toMatchObject({
      succeeded: false,
      statusCode: null,
      eventType: 'OFFERING_CHANGED',
      error:
        `Not sent: the endpoint's signing secret is sealed with the key "k2", which this server's SECRETS_KEYS no longer holds. ` +
        `Put that key back in SECRETS_KEYS (after the first one), or rotate the endpoint's secret and give the receiver the new one.`,
    });
    expect(hitsOn('/sealed')).toHaveLength(3);
    expect(hitsOn('/legacy')).toHaveLength(2);
  });
});

describe('outbound webhooks without the private-address setting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses loopback, private and link-local addresses', async () => {
    const admin = await actors(t).asAdmin();
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/hook', 'http://[::1]/hook']) {
      const res = await t.gql(CREATE_HOOK, { input: { name: 'inside', url, scope: 'GLOBAL', eventTypes: ['OFFERING_CHANGED'] } }, admin);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/^input\.url points inside the network \(.+\); only public addresses are allowed \(WEBHOOK_ALLOW_PRIVATE_ADDRESSES\)\.$/);
    }
  });
});

function offeringInput(code: string): VariablesOf<typeof CREATE_OFFERING>['input'] {
  return {
    code,
    kind: 'EXPERT_BRIEFING',
    // Both languages: publishing refuses an offering without its French texts (issue #15).
    titleEn: `Webhook test ${code}`,
    titleFr: `Test de webhook ${code}`,
    summaryEn: 'An offering that webhooks announce.',
    summaryFr: 'Une offre que les webhooks annoncent.',
    descriptionEn: 'Created by the webhook tests.',
    descriptionFr: 'Créée par les tests des webhooks.',
    owningSectionCode: 'CTS',
    deliveryMode: 'REMOTE',
    deliveryLanguages: ['en'],
    leadTimeDays: 10,
    releasability: 'PUBLIC',
  };
}
