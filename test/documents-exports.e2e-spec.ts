import ExcelJS from 'exceljs';
import { Role } from '../src/common/auth/role.js';
import { parseCsv } from '../src/common/http/tabular.js';
import { actors, type Actors, type Headers } from './support/actors.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #16 item 3: server-side exports of the request list and the statistics — every row, the caller's filter and reach.
let t: TestApp;
let a: Actors;
let georgia: Headers;
const GEORGIAN_ROWS = 130; // more than a page of the list (at most 100)
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false' } });
  a = actors(t);
  const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
  georgia = await a.asPartner('GEO');
  const geo = await t.gql(SUBMIT, { input: submitInput(offering.id) }, georgia);
  const jor = await t.gql(SUBMIT, { input: submitInput(offering.id) }, await a.asPartner('JOR'));
  expect(geo.errors).toBeUndefined();
  expect(jor.errors).toBeUndefined();
  // Copies of each submitted request, written directly: the list, not the submission, is under test.
  const copy = `INSERT INTO cooperation_request (reference, partner_id, submitter_id, offering_id, offering_kind, title, seats_requested, participants, status,
                  routed_section_id, routing_reason, submitted_at, acknowledge_due_at, decision_due_at, created_at)
                SELECT r.reference || '-' || n, r.partner_id, r.submitter_id, r.offering_id, r.offering_kind, 'Copy ' || n || ', "quoted", with comma', r.seats_requested,
                       r.participants, r.status, r.routed_section_id, r.routing_reason, r.submitted_at, r.acknowledge_due_at, r.decision_due_at, r.created_at - n * interval '1 minute'
                  FROM cooperation_request r, generate_series(1, $2::int) n WHERE r.id = $1`;
  await adminQuery(t.databaseUrl, copy, [geo.data!.submitRequest.request.id, GEORGIAN_ROWS - 1]);
  await adminQuery(t.databaseUrl, copy, [jor.data!.submitRequest.request.id, 4]);
});
afterAll(async () => {
  await t?.close();
});

async function csv(path: string, headers: Headers): Promise<{ status: number; header: string[]; rows: Record<string, string>[]; response: Response }> {
  const response = await fetch(`${t.baseUrl}${path}`, { headers });
  const text = await response.text();
  const [header = [], ...rest] = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1 || r[0] !== '');
  return { status: response.status, header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), response };
}

describe('request exports', () => {
  it("streams every row of a partner's list (more than one page), only that partner's, as CSV", async () => {
    const res = await csv('/api/exports/requests?format=csv', georgia);
    expect(res.status).toBe(200);
    expect(res.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.response.headers.get('content-disposition')).toBe('attachment; filename="requests.csv"');
    expect(res.header.slice(0, 5)).toEqual(['reference', 'status', 'title', 'partner', 'offering_code']);
    expect(res.rows).toHaveLength(GEORGIAN_ROWS);
    expect(new Set(res.rows.map((r) => r.partner))).toEqual(new Set(['GEO']));
    expect(new Set(res.rows.map((r) => r.reference)).size).toBe(GEORGIAN_ROWS);
    expect(res.rows.find((r) => r.title.startsWith('Copy 7,'))!.title).toBe('Copy 7, "quoted", with comma');
  });

  it("applies the caller's filter over the caller's reach (staff, administrators), and writes XLSX", async () => {
    const staff = await a.asStaff('CTS');
    const jordan = await csv(`/api/exports/requests?format=csv&filter=${encodeURIComponent(JSON.stringify({ partnerCodes: ['JOR'] }))}`, staff);
    expect(jordan.rows).toHaveLength(5);
    expect(new Set(jordan.rows.map((r) => r.partner))).toEqual(new Set(['JOR']));

    const res = await fetch(`${t.baseUrl}/api/exports/requests?format=xlsx&orderBy=OLDEST`, { headers: await a.asAdmin() });
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Requests')!;
    expect(sheet.rowCount).toBe(1 + GEORGIAN_ROWS + 5);

    const [audit] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'request.export'");
    // One per export so far: the partner's (above), the staff member's and the administrator's.
    expect(audit!.n).toBe(3);
  });

  it('exports the statistics with the same filter and reach', async () => {
    const staff = await a.asStaff('CTS');
    const res = await csv('/api/exports/request-statistics?format=csv', staff);
    expect(res.header).toEqual(['dimension', 'key', 'count', 'median_hours', 'p90_hours']);
    expect(res.rows.find((r) => r.dimension === 'total')!.count).toBe(String(GEORGIAN_ROWS + 5));
    expect(res.rows.find((r) => r.dimension === 'partner' && r.key === 'JOR')!.count).toBe('5');
    const filtered = await csv(`/api/exports/request-statistics?filter=${encodeURIComponent(JSON.stringify({ partnerCodes: ['GEO'] }))}`, staff);
    expect(filtered.rows.find((r) => r.dimension === 'total')!.count).toBe(String(GEORGIAN_ROWS));
    // Partners have no statistics permission.
    expect((await fetch(`${t.baseUrl}/api/exports/request-statistics`, { headers: georgia })).status).toBe(403);
  });

  it('writes an authorization.denied row naming the route and the actor for a refused export (statistics, the catalogue), not for a bad filter', async () => {
    const partner = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'GEO' });
    const statistics = await fetch(`${t.baseUrl}/api/exports/request-statistics?format=csv`, { headers: partner.headers });
    expect(statistics.status).toBe(403);
    expect(((await statistics.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await fetch(`${t.baseUrl}/api/exports/catalogue?format=csv`, { headers: partner.headers })).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/exports/requests?filter=%7Bnope`, { headers: partner.headers })).status).toBe(400);
    const rows = await adminQuery<{ actor_kind: string; actor_id: string; details: Record<string, unknown>; request_id: string }>(
      t.databaseUrl,
      "SELECT actor_kind, actor_id, details, request_id FROM audit_event WHERE action = 'authorization.denied' AND actor_id = $1 ORDER BY id",
      [partner.id],
    );
    expect(rows).toEqual([
      { actor_kind: 'user', actor_id: partner.id, details: { operation: 'GET /api/exports/request-statistics', code: 'FORBIDDEN' }, request_id: statistics.headers.get('x-request-id') },
      { actor_kind: 'user', actor_id: partner.id, details: { operation: 'GET /api/exports/catalogue', code: 'FORBIDDEN' }, request_id: expect.any(String) },
    ]);
  });

  it('refuses a missing credential, a bad filter and a bad format with messages to act on', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/exports/requests`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0]).toMatchObject({ message: 'Sign in, or send a valid API key, to do this.', extensions: { code: 'UNAUTHENTICATED' } });
    const badJson = await fetch(`${t.baseUrl}/api/exports/requests?filter=%7Bnope`, { headers: georgia });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).errors[0].message).toMatch(/^filter must be a RequestFilter as JSON/);
    const unknownField = await fetch(`${t.baseUrl}/api/exports/requests?filter=${encodeURIComponent('{"colour":"red"}')}`, { headers: georgia });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as any).errors[0].message).toBe('filter.colour: property colour should not exist');
    const format = await fetch(`${t.baseUrl}/api/exports/requests?format=pdf`, { headers: georgia });
    expect(((await format.json()) as any).errors[0].message).toBe('format must be csv or xlsx; got "pdf".');
  });
});
