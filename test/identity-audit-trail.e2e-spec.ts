import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const EVENTS = graphql(`query Events($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actorKind actorId action targetType targetId details ip requestId } }
  }
}`);
const CSV = graphql('query Csv($filter: AuditEventFilter) { auditEventsCsv(filter: $filter) { csv rowCount truncated } }');

/** Appends events as the owner would never do by hand in production: the trail is append-only, inserts are allowed. */
async function insertEvent(t: TestApp, e: { action: string; actorId?: string; targetType?: string; targetId?: string; at?: string; details?: object }): Promise<void> {
  await adminQuery(
    t.databaseUrl,
    `INSERT INTO audit_event (at, actor_kind, actor_id, action, target_type, target_id, details) VALUES (coalesce($1::timestamptz, now()), 'user', $2, $3, $4, $5, $6::jsonb)`,
    [e.at ?? null, e.actorId ?? null, e.action, e.targetType ?? null, e.targetId ?? null, JSON.stringify(e.details ?? {})],
  );
}

describe('identity: the audit trail, readable by administrators', () => {
  let t: TestApp;
  let a: Actors;
  let admin: Record<string, string>;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
    a = actors(t);
    const u = await a.user({ role: Role.ADMIN });
    admin = u.headers;
    adminId = u.id;
    await insertEvent(t, { action: 'trail.test.alpha', actorId: 'actor-1', targetType: 'Thing', targetId: 't-1', at: '2030-01-01T10:00:00Z' });
    await insertEvent(t, { action: 'trail.test.beta', actorId: 'actor-2', targetType: 'Thing', targetId: 't-2', at: '2030-01-02T10:00:00Z' });
    await insertEvent(t, { action: 'trail.test.alpha', actorId: 'actor-2', targetType: 'Other', targetId: 't-1', at: '2030-01-03T10:00:00Z', details: { note: '=HYPERLINK("x"), "quoted"' } });
    await insertEvent(t, { action: 'trailx', actorId: 'actor-3', at: '2030-01-04T10:00:00Z' });
  });
  afterAll(() => t.close());

  it('lists events newest first in keyset pages with a total', async () => {
    const filter = { action: 'trail.' };
    const first = await t.gql(EVENTS, { filter, first: 2 }, admin);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.auditEvents;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e) => [e.node.action, e.node.actorId])).toEqual([['trail.test.alpha', 'actor-2'], ['trail.test.beta', 'actor-2']]);
    expect(JSON.parse(page1.edges[0]!.node.details)).toEqual({ note: '=HYPERLINK("x"), "quoted"' });

    const second = await t.gql(EVENTS, { filter, first: 2, after: page1.pageInfo.endCursor }, admin);
    expect(second.data!.auditEvents.edges.map((e) => [e.node.action, e.node.actorId])).toEqual([['trail.test.alpha', 'actor-1']]);
    expect(second.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['an exact action', { action: 'trail.test.alpha' }, ['t-1:actor-2', 't-1:actor-1']],
    ['an action family (ending with a dot), which does not match a longer word', { action: 'trail.' }, ['t-1:actor-2', 't-2:actor-2', 't-1:actor-1']],
    ['the actor', { actorId: 'actor-2' }, ['t-1:actor-2', 't-2:actor-2']],
    ['the entity type and id', { targetType: 'Thing', targetId: 't-1' }, ['t-1:actor-1']],
    ['a time range [from, to)', { action: 'trail.', from: '2030-01-02T00:00:00Z', to: '2030-01-03T10:00:00Z' }, ['t-2:actor-2']],
  ])('filters by %s', async (_title, filter, expected) => {
    const res = await t.gql(EVENTS, { filter, first: 10 }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditEvents.edges.map((e) => `${e.node.targetId}:${e.node.actorId}`)).toEqual(expected);
    expect(res.data!.auditEvents.totalCount).toBe(expected.length);
  });

  it('records every read of the trail, with its filter, before answering', async () => {
    const requestId = `audit-read-${Date.now()}`;
    const res = await t.gql(EVENTS, { filter: { actorId: 'actor-3' }, first: 5 }, { ...admin, 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    const rows = await adminQuery<{ actor_id: string; actor_kind: string; details: Record<string, unknown> }>(
      t.databaseUrl,
      "SELECT actor_id, actor_kind, details FROM audit_event WHERE action = 'audit.read' AND request_id = $1",
      [requestId],
    );
    expect(rows).toEqual([{ actor_id: adminId, actor_kind: 'user', details: { filter: { actorId: 'actor-3' }, first: 5 } }]);
    // The read sees itself: it was written before the page was read.
    const own = await t.gql(EVENTS, { filter: { action: 'audit.read', actorId: adminId }, first: 1 }, admin);
    expect(JSON.parse(own.data!.auditEvents.edges[0]!.node.details)).toEqual({ filter: { action: 'audit.read', actorId: adminId }, first: 1 });
  });

  it('exports the filtered rows as CSV, quoting cells and neutralising formulas, and records the export', async () => {
    const res = await t.gql(CSV, { filter: { action: 'trail.test.alpha' } }, admin);
    expect(res.errors).toBeUndefined();
    const { csv, rowCount, truncated } = res.data!.auditEventsCsv;
    expect(rowCount).toBe(2);
    expect(truncated).toBe(false);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,at,actorKind,actorId,action,targetType,targetId,ip,requestId,details');
    expect(lines).toHaveLength(4); // header, two rows, and the final line break
    expect(lines[1]).toContain(',2030-01-03T10:00:00.000Z,user,actor-2,trail.test.alpha,Other,t-1,,,');
    // The details JSON starts with {, so it is not a formula; its quotes are doubled inside a quoted cell.
    expect(lines[1]!.endsWith('"{""note"":""=HYPERLINK(\\""x\\""), \\""quoted\\""""}"')).toBe(true);
    expect(lines[2]).toContain(',actor-1,trail.test.alpha,Thing,t-1,');
    const [exported] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.export' AND actor_id = $1 AND details->'filter'->>'action' = 'trail.test.alpha'", [adminId]);
    expect(exported!.n).toBe(1);
  });

  it('neutralises a cell that a spreadsheet would run as a formula', async () => {
    await insertEvent(t, { action: 'trail.formula', actorId: '=cmd|calc', targetId: '+1', at: '2030-02-01T00:00:00Z' });
    const res = await t.gql(CSV, { filter: { action: 'trail.formula' } }, admin);
    expect(res.data!.auditEventsCsv.csv.split('\r\n')[1]).toContain(",user,'=cmd|calc,trail.formula,,'+1,");
  });

  it('refuses a time range that ends before it starts, a malformed action and a cursor from another list, naming the field', async () => {
    const range = await t.gql(EVENTS, { filter: { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' } }, admin);
    expect(range.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(range.errors![0]!.message).toBe('filter.from must be before filter.to.');
    const action = await t.gql(EVENTS, { filter: { action: "auth'; --" } }, admin);
    expect(action.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(action.errors![0]!.message).toBe('filter.action must be a dotted verb such as auth.login, or a family such as auth.');
    const kind = await t.gql(EVENTS, { filter: { actorKind: 'robot' } }, admin);
    expect(kind.errors![0]!.message).toBe('filter.actorKind must be one of user, apiKey, system, anonymous.');
    const cursor = await t.gql(EVENTS, { after: Buffer.from(JSON.stringify(['users:email', 'x', 'y'])).toString('base64url') }, admin);
    expect(cursor.errors![0]!.message).toMatch(/^Malformed cursor in after/);
  });

  it('is for administrators only: staff, liaison officers and API keys are refused, anonymous callers asked to sign in', async () => {
    for (const headers of [await a.asStaff('CTS'), await a.asPartner('GEO'), await a.asApiKey(ApiKeyScope.CATALOGUE)]) {
      const list = await t.gql(EVENTS, {}, headers);
      expect(list.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const csv = await t.gql(CSV, {}, headers);
      expect(csv.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.gql(EVENTS, {});
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
