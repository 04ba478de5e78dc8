import pg from 'pg';
import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql, type ResultOf } from './support/graphql.js';
import { countSql } from './support/sql-counter.js';
import { GET, LIST, makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION, type SubmitRequestInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

// Submission, routing, lists and isolation. Workers are off: jobs are only counted here (see notifications e2e).
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

async function submit(headers: Record<string, string>, input: SubmitRequestInput) {
  const res = await t.gql(SUBMIT, { input }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.submitRequest;
}

async function refused(headers: Record<string, string>, input: SubmitRequestInput): Promise<{ code: string; message: string }> {
  const res = await t.gql(SUBMIT, { input }, headers);
  expect(res.data?.submitRequest ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions!.code, message: res.errors![0].message };
}

const count = async (sql: string, params: unknown[] = []) => (await adminQuery<{ n: number }>(t.databaseUrl, sql, params))[0]!.n;

describe('submitting', () => {
  it('submits, routes to the owning section, records it and enqueues one mail to the section', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iterationId = await makeIteration(t, offering.id);
    const geo = await a.asPartner('GEO');
    const { request: r, warnings } = await submit(geo, submitInput(offering.id, { iterationId }));
    expect(warnings).toEqual([]);
    expect(r.reference).toMatch(/^CR-\d{4}-\d{5}$/);
    expect(r).toMatchObject({ status: 'SUBMITTED', version: 1, partner: { code: 'GEO' }, routedSection: { code: 'CTS' }, routingReason: 'OWNING_SECTION', offering: { code: offering.code } });
    expect(r.allowedTransitions).toEqual(['WITHDRAWN']);
    // CTS acknowledges within its target in working days, decides within its decision target.
    expect(new Date(r.acknowledgeDueAt!).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(r.decisionDueAt!).getTime()).toBeGreaterThan(new Date(r.acknowledgeDueAt!).getTime());
    const got = await t.gql(GET, { id: r.id }, geo);
    expect(got.data!.request!.participants).toHaveLength(2);
    expect(got.data!.request!.timeline.map((e: { type: string }) => e.type)).toEqual(['SUBMITTED', 'ROUTED']);
    expect(got.data!.request!.timeline[1]).toMatchObject({ routingReason: 'OWNING_SECTION', section: { code: 'CTS' } });
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1 AND action = 'request.submit'`, [r.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM mail_message WHERE request_id = $1 AND to_address = 'cts@example.nato.int'`, [r.id])).toBe(
      await count(`SELECT count(*)::int AS n FROM mail_message WHERE request_id = $1`, [r.id]),
    );
    expect(await count(`SELECT count(*)::int AS n FROM pgboss.job j JOIN mail_message m ON m.id = (j.data->>'mailId')::uuid WHERE m.request_id = $1`, [r.id])).toBe(1);
  });

  it('routes an open request in an area to the default section', async () => {
    const geo = await a.asPartner('GEO');
    const { request } = await submit(geo, { title: 'Advice on resilience planning', areaCode: 'CIVIL_EMERGENCY', seatsRequested: 0 });
    expect(request).toMatchObject({ routedSection: { code: 'PASP_PARTNERSHIPS' }, routingReason: 'DEFAULT_SECTION', offering: null, offeringKind: null });
  });

  it('refuses what a liaison officer must fix, each with its code and an actionable message', async () => {
    const geo = await a.asPartner('GEO');
    const mdOnly = await makeOffering(t, { eligibleFrameworkCodes: ['MD'] });
    expect(await refused(geo, submitInput(mdOnly.id))).toEqual({
      code: 'NOT_ELIGIBLE',
      message: `Georgia (GEO) is not eligible for ${mdOnly.code}: it is open to partners of MD. Choose another offering, or ask the owning section about an exception.`,
    });
    const archived = await makeOffering(t, { status: 'ARCHIVED' });
    expect(await refused(geo, submitInput(archived.id))).toEqual({
      code: 'NOT_ELIGIBLE',
      message: `${archived.code} is archived and no longer takes requests. Choose a published offering from the catalogue.`,
    });

    const course = await makeOffering(t, { leadTimeDays: 60 });
    const closed = await makeIteration(t, course.id, { startInDays: 90, deadlineInDays: -1 });
    const r1 = await refused(geo, submitInput(course.id, { iterationId: closed }));
    expect(r1.code).toBe('BAD_USER_INPUT');
    expect(r1.message).toMatch(new RegExp(`^The ${course.code} iteration starting \\d{4}-\\d{2}-\\d{2} in Oberammergau closed for applications on \\d{4}-\\d{2}-\\d{2}\\. Choose a later iteration\\.$`));
    const planned = await makeIteration(t, course.id, { status: 'PLANNED' });
    expect((await refused(geo, submitInput(course.id, { iterationId: planned }))).message).toMatch(/is not open for applications \(it is planned\)\. Choose an open iteration\./);
    const soon = await makeIteration(t, course.id, { startInDays: 30, deadlineInDays: 10 });
    const r2 = await refused(geo, submitInput(course.id, { iterationId: soon }));
    expect(r2.code).toBe('BAD_USER_INPUT');
    expect(r2.message).toMatch(new RegExp(`^${course.code} needs 60 days' notice: the earliest start you can ask for today is \\d{4}-\\d{2}-\\d{2}, not \\d{4}-\\d{2}-\\d{2}\\. Choose a later date or iteration\\.$`));
    const small = await makeIteration(t, course.id, { capacity: 1 });
    expect(await refused(geo, submitInput(course.id, { iterationId: small }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/ has 1 seats in all; ask for at most 1\.$/),
    });
    expect((await refused(geo, { title: 'x' })).message).toBe('Choose an offering (offeringId), or give areaCode for an open request when nothing in the catalogue fits.');
    expect((await refused(geo, submitInput(course.id, { seatsRequested: 1 }))).message).toBe('You nominated 2 participants for 1 seats: ask for 2 seats or nominate fewer participants.');

    const blr = await a.asPartner('BLR');
    expect(await refused(blr, submitInput(course.id))).toEqual({
      code: 'PARTNER_SUSPENDED',
      message:
        'Cooperation with Belarus (BLR) is suspended: no request can be drafted or submitted, and the catalogue shows nothing new. Your existing requests stay readable; contact your NATO point of contact about lifting the suspension.',
    });
    expect(await count('SELECT count(*)::int AS n FROM cooperation_request WHERE offering_id = ANY($1::uuid[])', [[mdOnly.id, archived.id, course.id]])).toBe(0);
  });

  it('warns about a duplicate open request for the same iteration, without blocking it', async () => {
    const geo = await a.asPartner('GEO');
    const offering = await makeOffering(t);
    const iterationId = await makeIteration(t, offering.id);
    const first = await submit(geo, submitInput(offering.id, { iterationId }));
    const second = await submit(geo, submitInput(offering.id, { iterationId }));
    expect(second.request.reference).not.toBe(first.request.reference);
    expect(second.warnings).toEqual([
      {
        code: 'DUPLICATE_OPEN_REQUEST',
        message: `GEO already has an open request for this iteration (${first.request.reference}); both will be reviewed. Withdraw one if it was sent twice.`,
        relatedReference: first.request.reference,
      },
    ]);
  });

  it('drafts are the partner\'s only, and submitting one runs the checks and routes it', async () => {
    const geo = await a.asPartner('GEO');
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const saved = await t.gql(graphql(`mutation($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { id status version reference routedSection { code } allowedTransitions } }`), {
      input: { title: 'Draft of a request', offeringId: offering.id, seatsRequested: 1 },
    }, geo);
    expect(saved.errors).toBeUndefined();
    const draft = saved.data!.saveRequestDraft;
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1, routedSection: null, allowedTransitions: ['SUBMITTED', 'WITHDRAWN'] });
    const staff = await a.asStaff('CTS');
    expect((await t.gql(GET, { id: draft.id }, staff)).data!.request).toBeNull();
    expect((await t.gql(GET, { id: draft.id }, await a.asAdmin())).data!.request).toBeNull();
    const submitted = await t.gql(TRANSITION, { input: { id: draft.id, to: 'SUBMITTED', expectedVersion: 1 } }, geo);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.transitionRequest).toMatchObject({ status: 'SUBMITTED', version: 2, reference: draft.reference, routedSection: { code: 'CTS' } });
    expect((await t.gql(GET, { id: draft.id }, staff)).data!.request!.status).toBe('SUBMITTED');
  });
});

describe('idempotency', () => {
  it('50 concurrent identical submissions make one request, one audit event and one mail job', async () => {
    const geo = await a.asPartner('GEO');
    const offering = await makeOffering(t);
    const input = submitInput(offering.id, { idempotencyKey: 'submit-once-8f2c' });
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(SUBMIT, { input }, geo)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((r) => r.data!.submitRequest.request.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await count('SELECT count(*)::int AS n FROM cooperation_request WHERE offering_id = $1', [offering.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1 AND action = 'request.submit'`, [id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM pgboss.job j JOIN mail_message m ON m.id = (j.data->>'mailId')::uuid WHERE m.request_id = $1`, [id])).toBe(1);

    const other = await t.gql(SUBMIT, { input: { ...input, title: 'Something else' } }, geo);
    expect(other.errors![0].extensions!.code).toBe('CONFLICT');
    expect(other.errors![0].message).toBe(
      'This idempotencyKey was already used for a different request. Use a new key for a new request, or resend exactly the same input to get the original result.',
    );
    // The key belongs to its caller: another liaison officer with the same key makes their own request.
    const colleague = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const theirs = await t.gql(SUBMIT, { input }, colleague.headers);
    expect(theirs.data!.submitRequest.request.id).not.toBe(id);
  });
});

describe('routing rules', () => {
  const CREATE = graphql(`mutation($input: CreateRoutingRuleInput!) { createRoutingRule(input: $input) { id position name version targetSection { code } partner { code } topic { code } } }`);

  it('routes by the first matching rule by position, records the rule, and falls back when none matches', async () => {
    const admin = await a.asAdmin();
    const offering = await makeOffering(t, { owningSectionCode: 'CTS', topicCodes: ['CBRN'] });
    const byTopic = (await t.gql(CREATE, { input: { name: 'CBRN to DSCD', topicCode: 'CBRN', targetSectionCode: 'DSCD' } }, admin)).data!.createRoutingRule;
    const byPartner = (await t.gql(CREATE, { input: { name: 'Jordan to the south desk', partnerCode: 'JOR', targetSectionCode: 'PASP_DESK_SOUTH', position: 1 } }, admin)).data!
      .createRoutingRule;
    expect(byPartner.position).toBe(1);
    const rules = (await t.gql(graphql('{ routingRules { id position } }'), {}, admin)).data!.routingRules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([byPartner.id, byTopic.id]);

    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');
    const fromGeo = (await submit(geo, submitInput(offering.id))).request;
    expect(fromGeo).toMatchObject({ routedSection: { code: 'DSCD' }, routingReason: 'RULE' });
    const fromJor = (await submit(jor, submitInput(offering.id))).request;
    expect(fromJor).toMatchObject({ routedSection: { code: 'PASP_DESK_SOUTH' }, routingReason: 'RULE' });
    const staffView = await t.gql(GET, { id: fromGeo.id }, await a.asStaff('DSCD'));
    expect(staffView.data!.request!.timeline.find((e: { type: string }) => e.type === 'ROUTED')!.routingRuleId).toBe(byTopic.id);
    // The partner sees that a rule routed it, not which.
    expect((await t.gql(GET, { id: fromGeo.id }, geo)).data!.request!.timeline.find((e: { type: string }) => e.type === 'ROUTED')!.routingRuleId).toBeNull();

    // Reorder: the topic rule first; then update it away, then delete both: the owning section takes over.
    const reordered = await t.gql(graphql('mutation($ids: [ID!]!) { reorderRoutingRules(ids: $ids) { id position } }'), { ids: [byTopic.id, byPartner.id] }, admin);
    expect(reordered.data!.reorderRoutingRules).toEqual([{ id: byTopic.id, position: 1 }, { id: byPartner.id, position: 2 }]);
    expect((await submit(jor, submitInput(offering.id))).request.routedSection!.code).toBe('DSCD');
    const badOrder = await t.gql(graphql('mutation($ids: [ID!]!) { reorderRoutingRules(ids: $ids) { id } }'), { ids: [byTopic.id] }, admin);
    expect(badOrder.errors![0].message).toBe('ids must list every routing rule exactly once (there are 2), in the new order.');

    const UPDATE = graphql(`mutation($input: UpdateRoutingRuleInput!) { updateRoutingRule(input: $input) { id version targetSection { code } } }`);
    const updated = await t.gql(UPDATE, { input: { id: byTopic.id, expectedVersion: 2, name: 'CBRN to CTS desk', topicCode: 'CBRN', targetSectionCode: 'HSU' } }, admin);
    expect(updated.data!.updateRoutingRule).toMatchObject({ version: 3, targetSection: { code: 'HSU' } });
    const stale = await t.gql(UPDATE, { input: { id: byTopic.id, expectedVersion: 2, name: 'x', targetSectionCode: 'HSU' } }, admin);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    const unknownSection = await t.gql(CREATE, { input: { name: 'x', targetSectionCode: 'NOPE' } }, admin);
    expect(unknownSection.errors![0].message).toBe('input.targetSectionCode "NOPE" does not exist.');

    for (const id of [byTopic.id, byPartner.id]) {
      expect((await t.gql(graphql('mutation($id: ID!) { deleteRoutingRule(id: $id) }'), { id }, admin)).data!.deleteRoutingRule).toBe(true);
    }
    expect((await submit(jor, submitInput(offering.id))).request).toMatchObject({ routedSection: { code: 'CTS' }, routingReason: 'OWNING_SECTION' });
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'routingRule.%'`)).toBe(6);
  });
});

describe('isolation between partners and sections', () => {
  it('every caller sees exactly their scope in lists and single reads, and nothing internal leaks to the partner side', async () => {
    const ctsOffering = await makeOffering(t, { owningSectionCode: 'CTS', code: 'ISO-CTS' });
    const dscdOffering = await makeOffering(t, { owningSectionCode: 'DSCD', code: 'ISO-DSCD' });
    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');
    const geoReq = (await submit(geo, submitInput(ctsOffering.id, { title: 'ISO geo' }))).request;
    const jorReq = (await submit(jor, submitInput(dscdOffering.id, { title: 'ISO jor' }))).request;
    const ctsStaff = await a.asStaff('CTS');
    const note = await t.gql(graphql(`mutation($input: AddCommentInput!) { addComment(input: $input) { id internal } }`), {
      input: { requestId: geoReq.id, body: 'INTERNAL: partner budget looks thin', internal: true },
    }, ctsStaff);
    expect(note.data!.addComment.internal).toBe(true);
    await t.gql(graphql(`mutation($input: AddCommentInput!) { addComment(input: $input) { id } }`), { input: { requestId: geoReq.id, body: 'Visible: we received it', internal: false } }, ctsStaff);

    // personalData: sees the participants of what it reaches (administrators and keys without the grant do not; see personal-data e2e).
    const callers: Record<string, { headers: Record<string, string>; sees: string[]; internal: boolean; personalData: boolean }> = {
      liaisonGEO: { headers: geo, sees: [geoReq.id], internal: false, personalData: true },
      liaisonJOR: { headers: jor, sees: [jorReq.id], internal: false, personalData: true },
      staffCTS: { headers: ctsStaff, sees: [geoReq.id], internal: true, personalData: true },
      staffDSCD: { headers: await a.asStaff('DSCD'), sees: [jorReq.id], internal: true, personalData: true },
      coordinatorGEO: { headers: await a.asCoordinator('GEO'), sees: [geoReq.id], internal: true, personalData: true },
      admin: { headers: await a.asAdmin(), sees: [geoReq.id, jorReq.id], internal: true, personalData: false },
      keyPartnerGEO: { headers: await a.asApiKey(ApiKeyScope.PARTNER, { partnerCode: 'GEO' }), sees: [geoReq.id], internal: false, personalData: false },
      keySectionDSCD: { headers: await a.asApiKey(ApiKeyScope.SECTION, { sectionCode: 'DSCD' }), sees: [jorReq.id], internal: true, personalData: false },
    };
    const leaks: string[] = [];
    for (const [name, c] of Object.entries(callers)) {
      const list = await t.gql(LIST, { first: 100, filter: { search: 'ISO ' } }, c.headers);
      expect(list.errors).toBeUndefined();
      const listed = list.data!.requests.edges.map((e: { node: { id: string } }) => e.node.id).sort();
      if (JSON.stringify(listed) !== JSON.stringify([...c.sees].sort())) leaks.push(`${name} lists ${listed}`);
      for (const id of [geoReq.id, jorReq.id]) {
        const one = await t.gql(GET, { id }, c.headers);
        const body = JSON.stringify(one.data);
        const visible = one.data!.request !== null;
        if (visible !== c.sees.includes(id)) leaks.push(`${name} reads ${id}: ${visible}`);
        if (visible && c.personalData && one.data!.request!.participants?.length !== 2) leaks.push(`${name} misses participants`);
        if (visible && !c.personalData && (one.data!.request!.participants !== null || /nino\.beridze/.test(body))) leaks.push(`${name} sees participants`);
        if (!c.internal && /INTERNAL:/.test(body)) leaks.push(`${name} sees the internal note`);
        if (!c.internal && one.data?.request?.timeline.some((e: { internal: boolean }) => e.internal)) leaks.push(`${name} sees an internal timeline entry`);
        if (c.internal && id === geoReq.id && visible && !/INTERNAL:/.test(body)) leaks.push(`${name} misses the internal note`);
      }
    }
    expect(leaks).toEqual([]);

    // Writes outside the scope look like a missing request.
    const dscd = callers.staffDSCD!.headers;
    const COMMENT = graphql('mutation($id: ID!) { addComment(input: { requestId: $id, body: "hi", internal: false }) { id } }');
    const attempts: Array<[string, () => Promise<GraphQLResponse<unknown>>]> = [
      ['transition', () => t.gql(TRANSITION, { input: { id: geoReq.id, to: 'UNDER_REVIEW', expectedVersion: 1 } }, dscd)],
      ['reroute', () => t.gql(graphql('mutation($id: ID!) { rerouteRequest(id: $id, sectionCode: "DSCD", reason: "mine", expectedVersion: 1) { id } }'), { id: geoReq.id }, dscd)],
      ['assign', () => t.gql(graphql('mutation($id: ID!) { assignRequest(id: $id, assigneeId: null, expectedVersion: 1) { id } }'), { id: geoReq.id }, dscd)],
      ['comment', () => t.gql(COMMENT, { id: geoReq.id }, dscd)],
      ['withdraw', () => t.gql(graphql('mutation($id: ID!) { withdrawRequest(input: { id: $id, expectedVersion: 1 }) { id } }'), { id: geoReq.id }, jor)],
      ['comment as other partner', () => t.gql(COMMENT, { id: geoReq.id }, jor)],
    ];
    for (const [name, attempt] of attempts) {
      const res = await attempt();
      expect([name, res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message]).toEqual([name, 'NOT_FOUND', 'Request was not found, or you do not have access to it.']);
    }
    const partnerNote = await t.gql(graphql('mutation($id: ID!) { addComment(input: { requestId: $id, body: "x", internal: true }) { id } }'), { id: geoReq.id }, geo);
    expect(partnerNote.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('lists', () => {
  it('pages with keyset cursors, filters, and costs the same few statements for 10 or 50 rows', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'HSU', code: 'PAGE-HSU' });
    const geo = await a.asPartner('GEO');
    for (let i = 0; i < 55; i++) await submit(geo, submitInput(offering.id, { title: `Paged request ${i}`, seatsRequested: 2 }));
    const staff = await a.asStaff('HSU');
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ResultOf<typeof LIST>['requests'] = (await t.gql(LIST, { first: 20, after, filter: { offeringId: offering.id } }, staff)).data!.requests;
      expect(page.totalCount).toBe(55);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(55);
    expect(new Set(seen).size).toBe(55);

    const QUERY = graphql(`query($first: Int) { requests(first: $first, filter: { sectionCodes: ["HSU"] }) { totalCount edges { node {
      id reference status partner { code } routedSection { code } offering { code } iteration { id } submitter { displayName } assignee { id } participants { name } overdue allowedTransitions } } } }`);
    const ten = await countSql(() => t.gql(QUERY, { first: 10 }, staff));
    const fifty = await countSql(() => t.gql(QUERY, { first: 50 }, staff));
    expect(ten.result.errors).toBeUndefined();
    expect(fifty.result.data!.requests.edges).toHaveLength(50);
    expect(fifty.statements).toBe(ten.statements);
    expect(fifty.statements).toBeLessThanOrEqual(5);

    const filtered = await t.gql(LIST, { first: 100, filter: { statuses: ['SUBMITTED'], partnerCodes: ['GEO'], search: 'Paged request 5', overdue: false } }, staff);
    expect(filtered.data!.requests.edges.map((e) => e.node.title).sort()).toEqual(['Paged request 5', 'Paged request 50', 'Paged request 51', 'Paged request 52', 'Paged request 53', 'Paged request 54']);
    const bad = await t.gql(LIST, { first: 5, after: 'garbage' }, staff);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('sends a page and its count as prepared statements whose generic plan can use the open-queue index; a text search stays unnamed', async () => {
    const staff = await a.asStaff('ESC_CYBER');
    const queue = { statuses: ['SUBMITTED' as const, 'UNDER_REVIEW' as const, 'INFORMATION_REQUESTED' as const], overdue: true };
    const { result, sql, prepared } = await countSql(() => t.gql(LIST, { first: 10, filter: queue, orderBy: 'DECISION_DUE' }, staff));
    expect(result.errors).toBeUndefined();
    const page = sql.find((s) => /FROM cooperation_request r\s+LEFT JOIN partner/.test(s));
    const count = sql.find((s) => /^SELECT count\(\*\)::int AS n FROM cooperation_request/.test(s));
    expect(page && count).toBeTruthy();
    expect(prepared).toEqual(expect.arrayContaining([page, count]));

    // Planned once per connection for any section and statuses: the plan must not need the values to reach the
    // partial index (cooperation_request_open_queue_idx, WHERE status IN the open ones). Seq scans off so the
    // test's few rows cannot make a seq scan cheaper.
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan');
      for (const [name, text] of [['queue_page', page!], ['queue_count', count!]] as const) {
        const parameters = Math.max(...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        await client.query(`PREPARE ${name} AS ${text}`);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}(${Array(parameters).fill('NULL').join(', ')})`);
        expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('cooperation_request_open_queue_idx');
      }
    } finally {
      await client.end();
    }

    const searched = await countSql(() => t.gql(LIST, { first: 10, filter: { search: 'Late' } }, staff));
    expect(searched.result.errors).toBeUndefined();
    expect(searched.prepared.filter((s) => /FROM cooperation_request r\b/.test(s))).toEqual([]);
  });

  it('flags and filters overdue requests, and counts them in the statistics', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'ESC_CYBER' });
    const geo = await a.asPartner('GEO');
    const late = (await submit(geo, submitInput(offering.id, { title: 'Late one' }))).request;
    const fine = (await submit(geo, submitInput(offering.id, { title: 'Fine one' }))).request;
    await adminQuery(t.databaseUrl, `UPDATE cooperation_request SET acknowledge_due_at = now() - interval '1 day', submitted_at = now() - interval '10 days' WHERE id = $1`, [late.id]);
    const staff = await a.asStaff('ESC_CYBER');
    const overdue = await t.gql(LIST, { first: 10, filter: { overdue: true } }, staff);
    expect(overdue.data!.requests.edges.map((e) => [e.node.id, e.node.overdue])).toEqual([[late.id, true]]);
    // Acknowledge both: one after 10 days, one at once; decide one.
    for (const r of [late, fine]) await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: 1 } }, staff);
    await t.gql(TRANSITION, { input: { id: fine.id, to: 'DECLINED', reason: 'Out of scope', expectedVersion: 2 } }, staff);
    const stats = await t.gql(graphql(`{ requestStatistics { total overdue byStatus { key count } bySection { key count } byPartner { key count } byKind { key count }
      timeToAcknowledge { count medianHours p90Hours } timeToDecide { count medianHours p90Hours } } }`), {}, staff);
    expect(stats.errors).toBeUndefined();
    const s = stats.data!.requestStatistics;
    expect(s).toMatchObject({ total: 2, overdue: 0, byStatus: [{ key: 'DECLINED', count: 1 }, { key: 'UNDER_REVIEW', count: 1 }], bySection: [{ key: 'ESC_CYBER', count: 2 }], byPartner: [{ key: 'GEO', count: 2 }], byKind: [{ key: 'TRAINING_COURSE', count: 2 }] });
    expect(s.timeToAcknowledge.count).toBe(2);
    // percentile_cont interpolates: median halfway between ~0 h and ~240 h, p90 near the slow one.
    expect(s.timeToAcknowledge.medianHours).toBeGreaterThan(100);
    expect(s.timeToAcknowledge.medianHours).toBeLessThan(140);
    expect(s.timeToAcknowledge.p90Hours).toBeGreaterThan(200);
    expect(s.timeToDecide).toMatchObject({ count: 1 });
    const partnerStats = await t.gql(graphql('{ requestStatistics { total } }'), {}, geo);
    expect(partnerStats.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
