import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { LIST, makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #17 items 1, 2 and 5: partners' plans, funding lines and their totals, dashboards — and, above all, that a
// partner never sees another partner's plan, funding or figures.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const OBJECTIVE = graphql(`fragment Obj on PartnerObjective { id title ends ways means owner targetDate status version partner { code } }`);
const CREATE = graphql(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { ...Obj } }`, [OBJECTIVE]);
const UPDATE = graphql(`mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { ...Obj } }`, [OBJECTIVE]);
const PLAN = graphql(`query($p: String) { partnerObjectives(partnerCode: $p) { ...Obj report { requests seatsRequested seatsUsed completions byStatus { key count } } } }`, [OBJECTIVE]);
const ONE = graphql(`query($id: ID!) { partnerObjective(id: $id) { id title } }`);
const REQUEST = graphql(`query($id: ID!) { request(id: $id) { id objective { id title report { requests seatsUsed completions } } fundingLines { id sourceCode committed spent } } }`);
const ADD_LINE = graphql(`mutation($input: AddFundingLineInput!) { addFundingLine(input: $input) { id sourceCode sourceName fiscalYear currency committed spent overspendReason version } }`);
const UPDATE_LINE = graphql(`mutation($input: UpdateFundingLineInput!) { updateFundingLine(input: $input) { id committed spent version } }`);
const REMOVE_LINE = graphql(`mutation($id: ID!) { removeFundingLine(id: $id) }`);
const TOTALS = graphql(`query($f: FundingTotalsFilter) { fundingTotals(filter: $f) { partnerCode partnerName programme fiscalYear sourceCode currency committed spent lines } }`);
const TOTALS_CSV = graphql(`query($f: FundingTotalsFilter) { fundingTotalsCsv(filter: $f) { csv } }`);
const OFFERING_FUNDING = graphql(`query($code: String!) { offering(code: $code) { code fundingLines { id committed } } }`);
const DASHBOARD = graphql(`query($f: RequestFilter) { dashboard(filter: $f) {
  total overdue completions seatsUsed
  byStatus { key count } byProgramme { key count seatsUsed completions } byPartner { key label count } bySection { key label count }
  byMonth { month submitted decided completed } byYear { year requests seatsRequested seatsUsed completions }
  timeToDecide { count medianHours } timeToAcknowledge { count }
} }`);
const DASHBOARD_CSV = graphql(`query($f: RequestFilter) { dashboardCsv(filter: $f) { csv } }`);

const objectiveInput = (partnerCode: string, extra: Record<string, unknown> = {}) => ({
  partnerCode,
  title: 'Counter-terrorism planning capacity in the MoD',
  ends: 'A national CT planning cell able to plan and exercise a multi-agency response',
  ways: 'NATO School courses; a DAT COE mobile training team; staff talks',
  means: 'Trust fund for training; national contribution for travel',
  owner: 'MoD Defence Policy Department',
  targetDate: '2028-12-31',
  ...extra,
});

const fieldsOf = ({ partnerCode: _code, ...fields }: ReturnType<typeof objectiveInput>) => fields;

async function completeRequest(id: string, staff: Record<string, string>, from = 1): Promise<void> {
  let version = from;
  for (const to of ['UNDER_REVIEW', 'APPROVED', 'SCHEDULED', 'COMPLETED'] as const) {
    const moved = await t.gql(TRANSITION, { input: { id, to, expectedVersion: version } }, staff);
    expect(moved.errors).toBeUndefined();
    version = moved.data!.transitionRequest.version;
  }
}

describe('partner plans', () => {
  it('lets the liaison officer propose, the covering coordinator agree, and nobody else see or edit the plan', async () => {
    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');
    const proposed = await t.gql(CREATE, { input: objectiveInput('GEO') }, geo);
    expect(proposed.errors).toBeUndefined();
    const objective = proposed.data!.createObjective;
    expect(objective).toMatchObject({ status: 'PROPOSED', version: 1, partner: { code: 'GEO' }, targetDate: '2028-12-31' });

    const selfAgreed = await t.gql(CREATE, { input: objectiveInput('GEO', { status: 'AGREED' }) }, geo);
    expect(selfAgreed.errors![0]).toMatchObject({
      message: 'A liaison officer proposes objectives (status PROPOSED); the covering coordinator agrees them. Leave status out.',
      extensions: { code: 'FORBIDDEN' },
    });

    // Another partner: the plan does not exist for it.
    const foreignList = await t.gql(PLAN, { p: 'GEO' }, jor);
    expect(foreignList.errors![0]).toMatchObject({ message: 'The plan of partner "GEO" was not found, or you do not have access to it.', extensions: { code: 'NOT_FOUND' } });
    expect((await t.gql(ONE, { id: objective.id }, jor)).data!.partnerObjective).toBeNull();
    expect((await t.gql(CREATE, { input: objectiveInput('GEO') }, jor)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(PLAN, {}, jor)).data!.partnerObjectives.map((o) => o.partner.code)).not.toContain('GEO');
    const jorEdit = await t.gql(UPDATE, { input: { id: objective.id, expectedVersion: 1, title: 'x', ends: 'y' } }, jor);
    expect(jorEdit.errors![0].extensions!.code).toBe('NOT_FOUND');

    // Section staff see objectives only through their requests.
    const staff = await a.asStaff('CTS');
    expect((await t.gql(PLAN, {}, staff)).data!.partnerObjectives).toEqual([]);
    expect((await t.gql(ONE, { id: objective.id }, staff)).data!.partnerObjective).toBeNull();

    // A coordinator of other partners cannot edit; the covering one agrees it.
    const otherCoordinator = await a.asCoordinator('JOR');
    expect((await t.gql(UPDATE, { input: { id: objective.id, expectedVersion: 1, title: 'x', ends: 'y' } }, otherCoordinator)).errors![0].extensions!.code).toBe('NOT_FOUND');
    const coordinator = await a.asCoordinator('GEO');
    const agreed = await t.gql(UPDATE, { input: { ...fieldsOf(objectiveInput('GEO')), id: objective.id, expectedVersion: 1, status: 'AGREED' } }, coordinator);
    expect(agreed.errors).toBeUndefined();
    expect(agreed.data!.updateObjective).toMatchObject({ status: 'AGREED', version: 2 });

    const stale = await t.gql(UPDATE, { input: { id: objective.id, expectedVersion: 1, title: 'x', ends: 'y' } }, coordinator);
    expect(stale.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });
    const lateEdit = await t.gql(UPDATE, { input: { id: objective.id, expectedVersion: 2, title: 'Changed', ends: 'Changed' } }, geo);
    expect(lateEdit.errors![0]).toMatchObject({
      message: 'This objective is AGREED: only the covering coordinator or an administrator can change it now. Comment on a request, or ask your coordinator.',
      extensions: { code: 'FORBIDDEN' },
    });

    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_id = $1 ORDER BY at`, [objective.id]);
    expect(audit.map((r) => r.action)).toEqual(['objective.create', 'objective.update']);
    expect((await t.gql(PLAN, { p: 'GEO' }, await a.asAdmin())).data!.partnerObjectives.map((o) => o.id)).toContain(objective.id);
  });

  it('links a request to an objective of its own partner only, and reports on it to the partner, its coordinator and the section', async () => {
    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');
    const mine = (await t.gql(CREATE, { input: objectiveInput('GEO', { title: 'Cyber defence education' }) }, geo)).data!.createObjective;
    const theirs = (await t.gql(CREATE, { input: objectiveInput('JOR', { title: 'Border security' }) }, jor)).data!.createObjective;
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iterationId = await makeIteration(t, offering.id);

    const foreign = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId, objectiveId: theirs.id }) }, geo);
    expect(foreign.errors![0]).toMatchObject({
      message: "objectiveId is not an objective of your partner's plan. Pick one from your plan, or leave it out.",
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const submitted = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId, objectiveId: mine.id }) }, geo);
    expect(submitted.errors).toBeUndefined();
    const request = submitted.data!.submitRequest.request;
    const staff = await a.asStaff('CTS');
    await completeRequest(request.id, staff);

    const report = { requests: 1, seatsUsed: 2, completions: 1 };
    const seenByPartner = (await t.gql(PLAN, { p: 'GEO' }, geo)).data!.partnerObjectives.find((o) => o.id === mine.id)!;
    expect(seenByPartner.report).toMatchObject({ ...report, seatsRequested: 2, byStatus: [{ key: 'COMPLETED', count: 1 }] });
    const seenByCoordinator = (await t.gql(PLAN, { p: 'GEO' }, await a.asCoordinator('GEO'))).data!.partnerObjectives.find((o) => o.id === mine.id)!;
    expect(seenByCoordinator.report).toMatchObject(report);
    const seenBySection = (await t.gql(REQUEST, { id: request.id }, staff)).data!.request!;
    expect(seenBySection.objective).toMatchObject({ id: mine.id, title: 'Cyber defence education', report });
    // Another section reaches neither the request nor, through it, the objective.
    expect((await t.gql(REQUEST, { id: request.id }, await a.asStaff('DSCD'))).data!.request).toBeNull();
    // Requests link only to the partner's own objectives: the database refuses a cross-partner pair too.
    await expect(adminQuery(t.databaseUrl, 'UPDATE cooperation_request SET objective_id = $1 WHERE id = $2', [theirs.id, request.id])).rejects.toThrow(/cooperation_request_objective_fkey/);

    // The queue filters by objective (the report's drill-down).
    const filtered = await t.gql(DASHBOARD, { f: { objectiveId: mine.id } }, geo);
    expect(filtered.data!.dashboard).toMatchObject({ total: 1, completions: 1, seatsUsed: 2 });
  });
});

describe('relinking a submitted request', () => {
  const LINK = graphql(`mutation($r: ID!, $o: ID) { linkRequestObjective(requestId: $r, objectiveId: $o) { id version objective { id } } }`);
  const LINKABLE = graphql(`query($id: ID!) { request(id: $id) { id linkableObjectives { id } timeline { type objective { id title } } } }`);

  it("lets the section, the covering coordinator and (until a decision) the partner relink or unlink, on the timeline, never to another partner's objective", async () => {
    const geo = await a.asPartner('GEO');
    const first = (await t.gql(CREATE, { input: objectiveInput('GEO', { title: 'Maritime security' }) }, geo)).data!.createObjective;
    const second = (await t.gql(CREATE, { input: objectiveInput('GEO', { title: 'Crisis management' }) }, geo)).data!.createObjective;
    const foreign = (await t.gql(CREATE, { input: objectiveInput('JOR', { title: 'Border security' }) }, await a.asPartner('JOR'))).data!.createObjective;
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const request = (await t.gql(SUBMIT, { input: submitInput(offering.id, { objectiveId: first.id }) }, geo)).data!.submitRequest.request;
    const staff = await a.asStaff('CTS');

    // The section sees the partner's open objectives to choose from (never another partner's), and relinks.
    const options = (await t.gql(LINKABLE, { id: request.id }, staff)).data!.request!.linkableObjectives.map((o) => o.id);
    expect(options).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(options).not.toContain(foreign.id);
    const relinked = await t.gql(LINK, { r: request.id, o: second.id }, staff);
    expect(relinked.errors).toBeUndefined();
    expect(relinked.data!.linkRequestObjective).toMatchObject({ objective: { id: second.id }, version: request.version + 1 });

    const crossPartner = await t.gql(LINK, { r: request.id, o: foreign.id }, staff);
    expect(crossPartner.errors![0]).toMatchObject({
      message: "objectiveId is not an objective of the plan of the request's partner. Pick one of that partner's objectives, or unlink the request.",
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const same = await t.gql(LINK, { r: request.id, o: second.id }, staff);
    expect(same.errors![0]).toMatchObject({ message: 'The request is already linked to this objective.', extensions: { code: 'BAD_USER_INPUT' } });

    // Out of reach: another section, a coordinator of other partners; administrators do not handle requests.
    expect((await t.gql(LINK, { r: request.id, o: first.id }, await a.asStaff('DSCD'))).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(LINK, { r: request.id, o: first.id }, await a.asCoordinator('JOR'))).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(LINK, { r: request.id, o: first.id }, await a.asAdmin())).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(LINKABLE, { id: request.id }, await a.asAdmin())).data!.request!.linkableObjectives).toEqual([]);

    // The covering coordinator unlinks; the partner links it again while it is undecided.
    const unlinked = await t.gql(LINK, { r: request.id, o: null }, await a.asCoordinator('GEO'));
    expect(unlinked.errors).toBeUndefined();
    expect(unlinked.data!.linkRequestObjective.objective).toBeNull();
    const byPartner = await t.gql(LINK, { r: request.id, o: first.id }, geo);
    expect(byPartner.errors).toBeUndefined();
    expect(byPartner.data!.linkRequestObjective.objective).toEqual({ id: first.id });

    const timeline = (await t.gql(LINKABLE, { id: request.id }, geo)).data!.request!.timeline.filter((e) => e.type.startsWith('OBJECTIVE_'));
    expect(timeline).toEqual([
      { type: 'OBJECTIVE_LINKED', objective: { id: second.id, title: 'Crisis management' } },
      { type: 'OBJECTIVE_UNLINKED', objective: { id: second.id, title: 'Crisis management' } },
      { type: 'OBJECTIVE_LINKED', objective: { id: first.id, title: 'Maritime security' } },
    ]);
    const audit = await adminQuery<{ details: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT details FROM audit_event WHERE target_id = $1 AND action = 'request.objective' ORDER BY at`,
      [request.id],
    );
    expect(audit.map((r) => r.details)).toEqual([
      { fromObjectiveId: first.id, toObjectiveId: second.id },
      { fromObjectiveId: second.id, toObjectiveId: null },
      { fromObjectiveId: null, toObjectiveId: first.id },
    ]);

    // Once decided, the partner asks the section; the section still relinks (completed work is reported too).
    await completeRequest(request.id, staff, byPartner.data!.linkRequestObjective.version);
    const late = await t.gql(LINK, { r: request.id, o: second.id }, geo);
    expect(late.errors![0]).toMatchObject({
      message: 'The request is COMPLETED: only the section or your coordinator can link it to another objective now. Ask them in a comment.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await t.gql(LINKABLE, { id: request.id }, geo)).data!.request!.linkableObjectives).toEqual([]);
    expect((await t.gql(LINK, { r: request.id, o: second.id }, staff)).data!.linkRequestObjective.objective).toEqual({ id: second.id });
  });
});

describe('funding', () => {
  it('records validated, audited funding lines and totals them per partner, programme and year within reach', async () => {
    const geo = await a.asPartner('GEO');
    const jor = await a.asPartner('JOR');
    const staff = await a.asStaff('CTS');
    const admin = await a.asAdmin();
    const offering = await makeOffering(t, { owningSectionCode: 'CTS', kind: 'DCB_PACKAGE', eligiblePartnerCodes: ['GEO', 'JOR'] });
    const request = (await t.gql(SUBMIT, { input: submitInput(offering.id) }, geo)).data!.submitRequest.request;
    const line = { requestId: request.id, fiscalYear: 2027, currency: 'EUR', committed: '12500.00' };

    const unnamed = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'TRUST_FUND' } }, staff);
    expect(unnamed.errors![0]).toMatchObject({
      message: 'A trust fund line must name it: fill in sourceName (e.g. the trust fund and its lead nations).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badCurrency = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'NATIONAL', currency: 'EUX' } }, staff);
    expect(badCurrency.errors![0].message).toBe('currency "EUX" is not an ISO 4217 currency code (e.g. EUR, USD).');
    const unknownSource = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'LOTTERY' } }, staff);
    expect(unknownSource.errors![0].message).toBe('sourceCode "LOTTERY" is not a funding source. Pick one of fundingSources.');
    const overspent = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'NATIONAL', spent: '12500.01' } }, staff);
    expect(overspent.errors![0]).toMatchObject({
      message: 'spent (12500.01) is more than committed (12500.00): raise the commitment, or give overspendReason.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const both = await t.gql(ADD_LINE, { input: { ...line, offeringId: offering.id, sourceCode: 'NATIONAL' } }, staff);
    expect(both.errors![0].message).toBe('Give exactly one of requestId or offeringId: a funding line belongs to one request or one offering.');

    const trust = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'TRUST_FUND', sourceName: 'DCB Trust Fund (lead nations: Norway, Türkiye)', spent: '9800.50' } }, staff);
    expect(trust.errors).toBeUndefined();
    expect(trust.data!.addFundingLine).toMatchObject({ committed: '12500.00', spent: '9800.50', version: 1 });
    const over = await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'NATIONAL', committed: '1000', spent: '1200', overspendReason: 'Two extra nominees travelled' } }, await a.asCoordinator('GEO'));
    expect(over.errors).toBeUndefined();
    expect(over.data!.addFundingLine).toMatchObject({ committed: '1000.00', spent: '1200.00', overspendReason: 'Two extra nominees travelled' });

    // The partner reads its request's funding but does not write it; another partner reaches neither.
    expect((await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'NATIONAL' } }, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(ADD_LINE, { input: { ...line, sourceCode: 'NATIONAL' } }, jor)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(REQUEST, { id: request.id }, geo)).data!.request!.fundingLines).toHaveLength(2);
    expect((await t.gql(REQUEST, { id: request.id }, jor)).data!.request).toBeNull();

    // An offering's own funding: written by catalogue administrators, read by NATO staff only.
    expect((await t.gql(ADD_LINE, { input: { offeringId: offering.id, sourceCode: 'COMMON_FUNDING', fiscalYear: 2027, currency: 'EUR', committed: '50000' } }, staff)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const common = await t.gql(ADD_LINE, { input: { offeringId: offering.id, sourceCode: 'COMMON_FUNDING', fiscalYear: 2027, currency: 'EUR', committed: '50000' } }, admin);
    expect(common.errors).toBeUndefined();
    expect((await t.gql(OFFERING_FUNDING, { code: offering.code }, staff)).data!.offering!.fundingLines).toEqual([{ id: common.data!.addFundingLine.id, committed: '50000.00' }]);
    expect((await t.gql(OFFERING_FUNDING, { code: offering.code }, geo)).data!.offering!.fundingLines).toBeNull();

    const id = trust.data!.addFundingLine.id;
    const updated = await t.gql(UPDATE_LINE, { input: { id, expectedVersion: 1, sourceCode: 'TRUST_FUND', sourceName: 'DCB Trust Fund', fiscalYear: 2027, currency: 'EUR', committed: '13000', spent: '9800.50' } }, staff);
    expect(updated.data!.updateFundingLine).toMatchObject({ committed: '13000.00', version: 2 });
    const stale = await t.gql(UPDATE_LINE, { input: { id, expectedVersion: 1, sourceCode: 'NATIONAL', fiscalYear: 2027, currency: 'EUR', committed: '1' } }, staff);
    expect(stale.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });

    // Totals: per partner, programme, year, source and currency; the partner sees its own, never another's.
    const dcb = { programmes: ['DCB_PACKAGE'] };
    const forGeo = (await t.gql(TOTALS, { f: dcb }, geo)).data!.fundingTotals;
    expect(forGeo).toEqual([
      { partnerCode: 'GEO', partnerName: 'Georgia', programme: 'DCB_PACKAGE', fiscalYear: 2027, sourceCode: 'NATIONAL', currency: 'EUR', committed: '1000.00', spent: '1200.00', lines: 1 },
      { partnerCode: 'GEO', partnerName: 'Georgia', programme: 'DCB_PACKAGE', fiscalYear: 2027, sourceCode: 'TRUST_FUND', currency: 'EUR', committed: '13000.00', spent: '9800.50', lines: 1 },
    ]);
    expect((await t.gql(TOTALS, { f: dcb }, jor)).data!.fundingTotals).toEqual([]);
    const forStaff = (await t.gql(TOTALS, { f: { ...dcb, yearFrom: 2027, yearTo: 2027 } }, staff)).data!.fundingTotals;
    expect(forStaff.map((r) => [r.partnerCode, r.sourceCode, r.committed])).toEqual([['GEO', 'NATIONAL', '1000.00'], ['GEO', 'TRUST_FUND', '13000.00'], [null, 'COMMON_FUNDING', '50000.00']]);
    expect((await t.gql(TOTALS, { f: { ...dcb, yearFrom: 2028 } }, staff)).data!.fundingTotals).toEqual([]);
    const csv = (await t.gql(TOTALS_CSV, { f: dcb }, geo)).data!.fundingTotalsCsv.csv;
    expect(csv.split('\r\n')).toEqual([
      'partner_code,partner_name,programme,fiscal_year,source,currency,committed,spent,lines',
      'GEO,Georgia,DCB_PACKAGE,2027,NATIONAL,EUR,1000.00,1200.00,1',
      'GEO,Georgia,DCB_PACKAGE,2027,TRUST_FUND,EUR,13000.00,9800.50,1',
      '',
    ]);

    expect((await t.gql(REMOVE_LINE, { id }, geo)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(REMOVE_LINE, { id }, staff)).data!.removeFundingLine).toBe(true);
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_id = $1 ORDER BY at`, [id]);
    expect(audit.map((r) => r.action)).toEqual(['funding.create', 'funding.update', 'funding.delete']);
  });
});

describe('dashboards', () => {
  it("gives a partner its own dashboard and never another partner's figures", async () => {
    const arm = await a.asPartner('ARM');
    const aze = await a.asPartner('AZE');
    const offering = await makeOffering(t, { owningSectionCode: 'CTS', kind: 'EXERCISE' });
    const iterationId = await makeIteration(t, offering.id);
    const done = (await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId }) }, arm)).data!.submitRequest.request;
    await t.gql(SUBMIT, { input: submitInput(offering.id) }, arm);
    await completeRequest(done.id, await a.asStaff('CTS'));

    const res = await t.gql(DASHBOARD, {}, arm);
    expect(res.errors).toBeUndefined();
    const mine = res.data!.dashboard;
    const year = new Date().getUTCFullYear();
    // The completed request's course runs in its iteration's year (120 days out); the other has no date but its submission.
    const [{ y: courseYear }] = await adminQuery<{ y: number }>(t.databaseUrl, 'SELECT extract(year FROM start_date)::int AS y FROM offering_iteration WHERE id = $1', [iterationId]);
    const byYear =
      courseYear === year
        ? [{ year, requests: 2, seatsRequested: 4, seatsUsed: 2, completions: 1 }]
        : [{ year, requests: 1, seatsRequested: 2, seatsUsed: 0, completions: 0 }, { year: courseYear, requests: 1, seatsRequested: 2, seatsUsed: 2, completions: 1 }];
    const month = new Date().toISOString().slice(0, 7);
    expect(mine).toMatchObject({
      total: 2,
      completions: 1,
      seatsUsed: 2,
      byStatus: [{ key: 'COMPLETED', count: 1 }, { key: 'SUBMITTED', count: 1 }],
      byProgramme: [{ key: 'EXERCISE', count: 2, seatsUsed: 2, completions: 1 }],
      byPartner: [{ key: 'ARM', label: 'Armenia', count: 2 }],
      byMonth: [{ month, submitted: 2, decided: 1, completed: 1 }],
      byYear,
      timeToDecide: { count: 1 },
    });
    const theirs = (await t.gql(DASHBOARD, {}, aze)).data!.dashboard;
    expect(theirs).toMatchObject({ total: 0, byPartner: [], byYear: [] });
    // A partner filtering by another partner's code still sees only its own reach: nothing.
    expect((await t.gql(DASHBOARD, { f: { partnerCodes: ['ARM'] } }, aze)).data!.dashboard.total).toBe(0);
  });

  it('counts seats used per year by the year the course runs: the iteration, else the desired start, else the submission', async () => {
    const kaz = await a.asPartner('KAZ');
    const year = new Date().getUTCFullYear();
    const course = await makeOffering(t, { owningSectionCode: 'CTS' });
    // Submitted this year for a course starting on 20 January next year.
    const startInDays = Math.ceil((Date.UTC(year + 1, 0, 20) - Date.now()) / 86_400_000);
    const iterationId = await makeIteration(t, course.id, { startInDays });
    const forCourse = (await t.gql(SUBMIT, { input: submitInput(course.id, { iterationId }) }, kaz)).data!.submitRequest.request;
    await completeRequest(forCourse.id, await a.asStaff('CTS'));
    const talks = await makeOffering(t, { owningSectionCode: 'CTS', kind: 'STAFF_TALKS' });
    const forPeriod = await t.gql(SUBMIT, { input: submitInput(talks.id, { desiredStart: `${year + 2}-03-01`, desiredEnd: `${year + 2}-03-03` }) }, kaz);
    expect(forPeriod.errors).toBeUndefined();
    const undated = await t.gql(SUBMIT, { input: submitInput(talks.id) }, kaz);
    expect(undated.errors).toBeUndefined();

    const d = (await t.gql(DASHBOARD, {}, kaz)).data!.dashboard;
    expect(d.byYear).toEqual([
      { year, requests: 1, seatsRequested: 2, seatsUsed: 0, completions: 0 },
      { year: year + 1, requests: 1, seatsRequested: 2, seatsUsed: 2, completions: 1 },
      { year: year + 2, requests: 1, seatsRequested: 2, seatsUsed: 0, completions: 0 },
    ]);
    const csv = (await t.gql(DASHBOARD_CSV, {}, kaz)).data!.dashboardCsv.csv.split('\r\n');
    expect(csv).toContain(`year,${year + 1},,1,2,1`);
    expect(csv).toContain(`year,${year},,1,0,0`);
    // The year's drill-down lists exactly the requests behind it.
    const drilled = await t.gql(LIST, { filter: { courseYear: year + 1 } }, kaz);
    expect(drilled.errors).toBeUndefined();
    expect(drilled.data!.requests.edges.map((e) => e.node.id)).toEqual([forCourse.id]);
  });

  it('narrows by date range and programme for staff, exports CSV, and costs the same statements whatever the data', async () => {
    const staff = await a.asStaff('CTS');
    const all = (await t.gql(DASHBOARD, {}, staff)).data!.dashboard;
    expect(all.total).toBeGreaterThan(0);
    expect(all.bySection.every((s) => s.key === 'CTS' && s.label !== null)).toBe(true);
    const names = all.byPartner.map((p) => p.label!);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'en')));
    const future = (await t.gql(DASHBOARD, { f: { submittedAfter: '2100-01-01T00:00:00Z' } }, staff)).data!.dashboard;
    expect(future).toMatchObject({ total: 0, byStatus: [], byMonth: [] });
    const exercises = (await t.gql(DASHBOARD, { f: { programmes: ['EXERCISE'] } }, staff)).data!.dashboard;
    expect(exercises.byProgramme.map((p) => p.key)).toEqual(['EXERCISE']);

    const csv = (await t.gql(DASHBOARD_CSV, { f: { programmes: ['EXERCISE'] } }, staff)).data!.dashboardCsv.csv.split('\r\n');
    expect(csv[0]).toBe('section,key,label,count,seats_used,completions');
    expect(csv).toContain(`programme,EXERCISE,,${exercises.byProgramme[0].count},${exercises.byProgramme[0].seatsUsed},${exercises.byProgramme[0].completions}`);
    expect(csv).toContain('partner,ARM,Armenia,2,2,1');

    // One statement for the dashboard, whatever the number of requests, partners and sections behind it.
    const before = await countSql(() => t.gql(DASHBOARD, {}, staff));
    const offering = await makeOffering(t, { owningSectionCode: 'CTS', kind: 'STAFF_TALKS' });
    for (const code of ['MDA', 'SRB', 'UKR']) await t.gql(SUBMIT, { input: submitInput(offering.id) }, await a.asPartner(code));
    const after = await countSql(() => t.gql(DASHBOARD, {}, staff));
    expect(after.result.data!.dashboard.total).toBe(before.result.data!.dashboard.total + 3);
    expect(after.statements).toBe(before.statements);
    expect(after.sql.filter((s) => /cooperation_request/.test(s))).toHaveLength(1);
  });
});
