import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeIteration, makeOffering, SUBMIT, submitInput, TRANSITION } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #14 item 7: before the change window (42 days by default) the partner edits the nominees of a submitted
// request; inside it only substitutions, approved by staff; every change on the timeline.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const UPDATE = graphql(`mutation U($input: UpdateNomineesInput!) { updateNominees(input: $input) { id version participants { name email } } }`);
const SUBSTITUTE = graphql(`mutation S($input: RequestSubstitutionInput!) { requestSubstitution(input: $input) { id version } }`);
const DECIDE = graphql(`mutation D($input: DecideSubstitutionInput!) { decideSubstitution(input: $input) { id version participants { name email } } }`);
const SET_REQUIREMENT = graphql(`mutation SR($input: SetNomineeRequirementInput!) { setNomineeRequirement(input: $input) { minClearance } }`);
const READ = graphql(`query R($id: ID!) { request(id: $id) {
  id version participants { name }
  nomineeChangeWindow { days substitutionsOnly editableUntil }
  substitutions { id index status reason decisionReason proposed { name email } }
  timeline { type reason }
} }`);

async function submitted(startInDays: number, deadlineInDays?: number): Promise<{ id: string; version: number }> {
  const offering = await makeOffering(t);
  const iterationId = await makeIteration(t, offering.id, { startInDays, deadlineInDays: deadlineInDays ?? startInDays - 10 });
  const res = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId }) }, await a.asPartner('GEO'));
  expect(res.errors).toBeUndefined();
  return res.data!.submitRequest.request;
}

describe('before the change window', () => {
  it('lets the partner edit the nominees of a submitted request, on the timeline; not another partner', async () => {
    const geo = await a.asPartner('GEO');
    const r = await submitted(120);
    const read = (await t.gql(READ, { id: r.id }, geo)).data!.request!;
    expect(read.nomineeChangeWindow).toMatchObject({ days: 42, substitutionsOnly: false });

    const stranger = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'X' }] } }, await a.asPartner('ARM'));
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] } }, geo);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'participants: 3 nominees for 2 seats; nominate at most 2.', extensions: { code: 'BAD_USER_INPUT' } });

    const res = await t.gql(
      UPDATE,
      { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'Tamar Gelashvili', email: 'tamar.g@mod.example.ge' }], reason: 'Second officer reassigned' } },
      geo,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateNominees).toMatchObject({ version: r.version + 1, participants: [{ name: 'Tamar Gelashvili', email: 'tamar.g@mod.example.ge' }] });
    const after = (await t.gql(READ, { id: r.id }, geo)).data!.request!;
    expect(after.timeline.at(-1)).toEqual({ type: 'NOMINEES_CHANGED', reason: '2 → 1 nominees; changed: 1. Second officer reassigned' });
    const [audit] = await adminQuery(t.databaseUrl, `SELECT details FROM audit_event WHERE target_id = $1 AND action = 'request.nominees.update'`, [r.id]);
    expect(audit).toEqual({ details: { before: 2, after: 1, changed: [0], reason: 'Second officer reassigned' } });

    // Staff cannot use it; a substitution is not needed yet.
    const staff = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: after.version, participants: [{ name: 'Y' }] } }, await a.asStaff('CTS'));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 0, nominee: { name: 'Z' }, reason: 'x' } }, geo);
    expect(early.errors?.[0]?.message).toMatch(/^The change window opens on \d{4}-\d{2}-\d{2}; until then edit the nominees yourself with updateNominees\.$/);
  });

  it("holds edits to the course's requirements, as at submission", async () => {
    const geo = await a.asPartner('GEO');
    const offering = await makeOffering(t);
    const iterationId = await makeIteration(t, offering.id, { startInDays: 120, deadlineInDays: 110 });
    const res = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId, participants: [{ name: 'Cleared officer', clearanceLevel: 'NATO_SECRET' }] }) }, geo);
    expect(res.errors).toBeUndefined();
    const r = res.data!.submitRequest.request;
    const set = await t.gql(SET_REQUIREMENT, { input: { offeringId: offering.id, minClearance: 'NATO_SECRET' } }, await a.asAdmin());
    expect(set.errors).toBeUndefined();

    const short = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'Uncleared officer', clearanceLevel: 'NATO_RESTRICTED' }] } }, geo);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'participants[0]' });
    expect(short.errors?.[0]?.message).toContain('participants[0] Uncleared officer');
    const fine = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'Another cleared officer', clearanceLevel: 'COSMIC_TOP_SECRET' }] } }, geo);
    expect(fine.errors).toBeUndefined();
  });

  it('keeps the number of nominees once approved: each new one takes the decision of the one it replaces', async () => {
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const r = await submitted(120);
    const rev = (await t.gql(TRANSITION, { input: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff)).data!.transitionRequest;
    const ok = (await t.gql(TRANSITION, { input: { id: rev.id, to: 'APPROVED', expectedVersion: rev.version } }, staff)).data!.transitionRequest;
    const fewer = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: ok.version, participants: [{ name: 'Only one' }] } }, geo);
    expect(fewer.errors?.[0]?.message).toBe('participants: the request is approved with 2 nominees decided; send 2 (each replaces the one at its place and keeps its decision).');
    const swapped = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: ok.version, participants: [{ name: 'New one' }, { name: 'New two' }] } }, geo);
    expect(swapped.errors).toBeUndefined();
  });
});

describe('inside the change window', () => {
  it('refuses edits, takes a substitution request, and staff approve or reject it with a reason the partner reads; a clashing nominee blocks the approval', async () => {
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const r = await submitted(30, 0);
    const read = (await t.gql(READ, { id: r.id }, geo)).data!.request!;
    expect(read.nomineeChangeWindow).toMatchObject({ days: 42, substitutionsOnly: true });

    const edit = await t.gql(UPDATE, { input: { requestId: r.id, expectedVersion: r.version, participants: [{ name: 'X' }] } }, geo);
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(edit.errors?.[0]?.message).toMatch(/within 42 days of the start only substitutions are accepted, with staff approval\. Ask for one with requestSubstitution/);

    // The substitute is checked like any nominee; the message names this input's field.
    const nameless = await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 1, nominee: { email: 'no.name@mod.example.ge' }, reason: 'Medical' } }, geo);
    expect(nameless.errors?.[0]).toMatchObject({
      message: 'nominee.name is required unless you pick a nominee from your directory (nomineeId).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const asked = await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 1, nominee: { name: 'Levan Tsiklauri', email: 'levan.t@mod.example.ge' }, reason: 'Medical' } }, geo);
    expect(asked.errors).toBeUndefined();
    const again = await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 1, nominee: { name: 'Other' }, reason: 'Medical' } }, geo);
    expect(again.errors?.[0]?.message).toBe('A substitution of nominee 2 is already waiting for staff; wait for their decision.');
    const pending = (await t.gql(READ, { id: r.id }, staff)).data!.request!.substitutions!;
    expect(pending).toEqual([{ id: expect.any(String), index: 1, status: 'PENDING', reason: 'Medical', decisionReason: null, proposed: { name: 'Levan Tsiklauri', email: 'levan.t@mod.example.ge' } }]);

    // The partner cannot decide its own; staff of another section do not find it; rejecting needs a reason.
    expect((await t.gql(DECIDE, { input: { id: pending[0]!.id, approve: true } }, geo)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(DECIDE, { input: { id: pending[0]!.id, approve: true } }, await a.asStaff('DSCD'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(DECIDE, { input: { id: pending[0]!.id, approve: false } }, staff)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });

    const approved = await t.gql(DECIDE, { input: { id: pending[0]!.id, approve: true } }, staff);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideSubstitution.participants![1]).toEqual({ name: 'Levan Tsiklauri', email: 'levan.t@mod.example.ge' });

    // A proposed nominee already on another open request for overlapping dates: the clash rule of approval.
    const other = await submitted(31, 0);
    const [busy] = (await adminQuery<{ email: string }>(t.databaseUrl, `SELECT participants->0->>'email' AS email FROM cooperation_request WHERE id = $1`, [other.id])) as Array<{ email: string }>;
    expect((await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 0, nominee: { name: 'Busy', email: busy!.email.toUpperCase() }, reason: 'Posting' } }, geo)).errors).toBeUndefined();
    const busyId = (await t.gql(READ, { id: r.id }, staff)).data!.request!.substitutions!.find((s) => s.status === 'PENDING')!.id;
    const clash = await t.gql(DECIDE, { input: { id: busyId, approve: true } }, staff);
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(clash.errors?.[0]?.message).toMatch(/is also on CR-\d{4}-\d{5} for an overlapping iteration\. Reject the substitution, or approve it with clashOverrideReason/);
    expect((await t.gql(DECIDE, { input: { id: busyId, approve: false, reason: 'Already nominated elsewhere' } }, staff)).errors).toBeUndefined();

    const second = await t.gql(SUBSTITUTE, { input: { requestId: r.id, index: 0, nominee: { name: 'Someone' }, reason: 'Posting' } }, geo);
    expect(second.errors).toBeUndefined();
    const open = (await t.gql(READ, { id: r.id }, staff)).data!.request!.substitutions!.find((s) => s.status === 'PENDING')!;
    const rejected = await t.gql(DECIDE, { input: { id: open.id, approve: false, reason: 'Does not hold the required clearance' } }, staff);
    expect(rejected.errors).toBeUndefined();
    const seen = (await t.gql(READ, { id: r.id }, geo)).data!.request!;
    expect(seen.participants!.map((p) => p.name)).toEqual(['Nino Beridze', 'Levan Tsiklauri']);
    expect(seen.timeline.filter((e) => e.type.startsWith('SUBSTITUTION')).map((e) => [e.type, e.reason])).toEqual([
      ['SUBSTITUTION_REQUESTED', 'Nominee 2: Medical'],
      ['SUBSTITUTION_APPROVED', 'Nominee 2'],
      ['SUBSTITUTION_REQUESTED', 'Nominee 1: Posting'],
      ['SUBSTITUTION_REJECTED', 'Nominee 1: Already nominated elsewhere'],
      ['SUBSTITUTION_REQUESTED', 'Nominee 1: Posting'],
      ['SUBSTITUTION_REJECTED', 'Nominee 1: Does not hold the required clearance'],
    ]);
    const notices = await adminQuery<{ kind: string }>(t.databaseUrl, `SELECT kind FROM notification WHERE request_id = $1 AND kind LIKE 'NOMINEES_%' ORDER BY created_at`, [r.id]);
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['NOMINEES_SUBSTITUTION', 'NOMINEES_APPROVED', 'NOMINEES_REJECTED']));
  });
});
