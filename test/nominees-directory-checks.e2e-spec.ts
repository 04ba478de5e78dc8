import { graphql } from './support/graphql.js';
import { actors, type Actors } from './support/actors.js';
import { makeIteration, makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { countSql } from './support/sql-counter.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #14 item 5: the partner's nominee directory, course requirements (clearance, STANAG 6001 SLP) and the check at nomination.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'false' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const CREATE = graphql(`mutation($input: NomineeInput!) { createNominee(input: $input) { id name rankOrTitle email clearanceLevel languageProfiles { language slp validated } version } }`);
const UPDATE = graphql(`mutation($input: UpdateNomineeInput!) { updateNominee(input: $input) { id name clearanceLevel version } }`);
const DELETE = graphql(`mutation($input: DeleteNomineeInput!) { deleteNominee(input: $input) }`);
const LIST = graphql(`query($search: String, $partnerCode: String, $first: Int, $after: String) {
  nominees(search: $search, partnerCode: $partnerCode, first: $first, after: $after) { totalCount edges { cursor node { id name email clearanceLevel } } pageInfo { hasNextPage endCursor } }
}`);
const CREATE_KEY = graphql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`);
const SET_REQ = graphql(`mutation($input: SetNomineeRequirementInput!) { setNomineeRequirement(input: $input) { minClearance language minSlp } }`);
const OFFERING_REQ = graphql(`query($id: ID!) { offering(id: $id) { nomineeRequirement { minClearance language minSlp } iterations { id nomineeRequirement { minClearance minSlp } } } }`);
const SAVE_DRAFT = graphql(`mutation($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { id nomineeChecks { participantIndex name meetsRequirements shortfalls } } }`);
const LIST_CHECKS = graphql(`query($f: RequestFilter) { requests(filter: $f, first: 20) { edges { node { id nomineeChecks { meetsRequirements } attendance { outcome } } } } }`);
const CHECKS = graphql(`query($id: ID!) { request(id: $id) { id nomineeChecks { participantIndex name meetsRequirements shortfalls } participants { name nomineeId clearanceLevel clearance languageProfiles { language slp validated } } } }`);

async function audits(action: string, targetId: string): Promise<number> {
  const rows = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND target_id = $2', [action, targetId]);
  return rows[0]!.n;
}

describe('nominee directory', () => {
  it("is the partner's own: CRUD by its liaison officers, versioned, each change audited", async () => {
    const geo = await a.asPartner('GEO');
    const created = await t.gql(CREATE, {
      input: { name: 'Tamar Gelashvili', rankOrTitle: 'MAJ', email: 'tamar.g@mod.example.ge', clearanceLevel: 'NATO_SECRET', languageProfiles: [{ language: 'en', slp: '3232', validated: true }] },
    }, geo);
    expect(created.errors).toBeUndefined();
    const n = created.data!.createNominee;
    expect(n).toMatchObject({ name: 'Tamar Gelashvili', clearanceLevel: 'NATO_SECRET', languageProfiles: [{ language: 'en', slp: '3232', validated: true }], version: 1 });
    expect(await audits('nominee.create', n.id)).toBe(1);

    const updated = await t.gql(UPDATE, { input: { id: n.id, expectedVersion: 1, name: 'Tamar Gelashvili', clearanceLevel: 'COSMIC_TOP_SECRET' } }, geo);
    expect(updated.data!.updateNominee).toMatchObject({ clearanceLevel: 'COSMIC_TOP_SECRET', version: 2 });
    const stale = await t.gql(UPDATE, { input: { id: n.id, expectedVersion: 1, name: 'Tamar G.' } }, geo);
    expect(stale.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(stale.errors![0]!.message).toContain('now version 2');
    expect(await audits('nominee.update', n.id)).toBe(1);

    // Another partner cannot change or delete it: not found.
    const ukr = await a.asPartner('UKR');
    const foreign = await t.gql(UPDATE, { input: { id: n.id, expectedVersion: 2, name: 'Hijacked' } }, ukr);
    expect(foreign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(DELETE, { input: { id: n.id, expectedVersion: 2 } }, ukr)).errors![0]!.extensions!.code).toBe('NOT_FOUND');

    const staleDelete = await t.gql(DELETE, { input: { id: n.id, expectedVersion: 1 } }, geo);
    expect(staleDelete.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect((await t.gql(DELETE, { input: { id: n.id, expectedVersion: 2 } }, geo)).data!.deleteNominee).toBe(true);
    expect(await audits('nominee.delete', n.id)).toBe(1);
    expect((await t.gql(DELETE, { input: { id: n.id, expectedVersion: 2 } }, geo)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses bad SLPs and language codes, naming the field, before anything is written', async () => {
    const geo = await a.asPartner('GEO');
    const badSlp = await t.gql(CREATE, { input: { name: 'X', languageProfiles: [{ language: 'en', slp: '3262', validated: true }] } }, geo);
    expect(badSlp.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badSlp.errors![0]!.message).toContain('slp must be four digits from 0 to 5');
    const badLang = await t.gql(CREATE, { input: { name: 'X', languageProfiles: [{ language: 'English', slp: '3232', validated: true }] } }, geo);
    expect(badLang.errors![0]!.message).toContain('two-letter ISO 639-1 code');
    const twice = await t.gql(CREATE, { input: { name: 'X', languageProfiles: [{ language: 'en', slp: '3232', validated: true }, { language: 'en', slp: '2222', validated: false }] } }, geo);
    expect(twice.errors![0]!.message).toBe('input.languageProfiles lists en twice: keep one profile per language (the latest validated one).');
  });

  it('is read by the partner, covering coordinators and granted partner keys only; every read audited; pages by name', async () => {
    const jor = await a.asPartner('JOR');
    const ids: string[] = [];
    for (const name of ['Omar Haddad', 'Lina Khoury', 'Ahmad Nasser']) {
      const res = await t.gql(CREATE, { input: { name, email: `${name.split(' ')[0]!.toLowerCase()}@mod.example.jo` } }, jor);
      ids.push(res.data!.createNominee.id);
    }
    const first = await t.gql(LIST, { first: 2 }, jor);
    expect(first.data!.nominees.totalCount).toBe(3);
    expect(first.data!.nominees.edges.map((e) => e.node.name)).toEqual(['Ahmad Nasser', 'Lina Khoury']);
    const second = await t.gql(LIST, { first: 2, after: first.data!.nominees.pageInfo.endCursor }, jor);
    expect(second.data!.nominees.edges.map((e) => e.node.name)).toEqual(['Omar Haddad']);
    expect(second.data!.nominees.pageInfo.hasNextPage).toBe(false);
    expect((await t.gql(LIST, { search: 'lina' }, jor)).data!.nominees.edges.map((e) => e.node.name)).toEqual(['Lina Khoury']);
    expect(await audits('nominee.read', ids[0]!)).toBe(1);

    // Another partner sees none of them.
    const other = await t.gql(LIST, {}, await a.asPartner('GEO'));
    expect(JSON.stringify(other.data)).not.toMatch(/Haddad|Khoury|Nasser/);
    // A coordinator covering JOR sees them; one covering another partner does not.
    expect((await t.gql(LIST, { partnerCode: 'JOR' }, await a.asCoordinator('JOR'))).data!.nominees.totalCount).toBe(3);
    expect((await t.gql(LIST, { partnerCode: 'JOR' }, await a.asCoordinator('UKR'))).data!.nominees.totalCount).toBe(0);
    // JOR's API key sees them only with the personalData grant.
    const key = async (personalData: boolean) => {
      const res = await t.gql(CREATE_KEY, { input: { name: 'directory key', scope: 'PARTNER', partnerCode: 'JOR', personalData } }, await a.asAdmin());
      return { authorization: `Bearer ${res.data!.createApiKey.secret}` };
    };
    expect((await t.gql(LIST, {}, await key(true))).data!.nominees.totalCount).toBe(3);
    expect((await t.gql(LIST, {}, await key(false))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Section staff and administrators are refused: the directory is not theirs.
    for (const headers of [await a.asStaff('CTS'), await a.asAdmin()]) {
      const res = await t.gql(LIST, {}, headers);
      expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(res.errors![0]!.message).toContain("Nominees are a partner's personal data");
    }
  });
});

describe('course requirements and the check at nomination', () => {
  it('lets administrators declare requirements on an offering and on an iteration, audited, with input checks', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iteration = await makeIteration(t, offering.id);
    const admin = await a.asAdmin();
    const set = await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_SECRET', language: 'en', minSlp: '3232' } }, admin);
    expect(set.data!.setNomineeRequirement).toEqual({ minClearance: 'NATO_SECRET', language: 'en', minSlp: '3232' });
    const own = await t.gql(SET_REQ, { input: { iterationId: iteration, minClearance: 'NATO_CONFIDENTIAL', language: 'en', minSlp: '2222' } }, admin);
    expect(own.errors).toBeUndefined();
    const read = await t.gql(OFFERING_REQ, { id: offering.id }, await a.asPartner('GEO'));
    expect(read.data!.offering!.nomineeRequirement).toEqual({ minClearance: 'NATO_SECRET', language: 'en', minSlp: '3232' });
    expect(read.data!.offering!.iterations[0]!.nomineeRequirement).toEqual({ minClearance: 'NATO_CONFIDENTIAL', minSlp: '2222' });
    expect(await audits('nomineeRequirement.set', offering.id)).toBe(1);

    const both = await t.gql(SET_REQ, { input: { offeringId: offering.id, iterationId: iteration } }, admin);
    expect(both.errors![0]!.message).toBe('Give exactly one of input.offeringId (the whole offering) or input.iterationId (one iteration).');
    const half = await t.gql(SET_REQ, { input: { offeringId: offering.id, language: 'en' } }, admin);
    expect(half.errors![0]!.message).toBe('input.language and input.minSlp go together: give both (e.g. en and 3232) or neither.');
    // Everything null removes the iteration's own requirement: the offering's applies again.
    const cleared = await t.gql(SET_REQ, { input: { iterationId: iteration } }, admin);
    expect(cleared.data!.setNomineeRequirement).toBeNull();
    expect((await t.gql(OFFERING_REQ, { id: offering.id }, admin)).data!.offering!.iterations[0]!.nomineeRequirement).toBeNull();
  });

  it('refuses a submission whose nominee falls short, naming the nominee and each shortfall; a draft saves and shows the check', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_SECRET', language: 'en', minSlp: '3232' } }, await a.asAdmin());
    const geo = await a.asPartner('GEO');
    const participants = [
      { name: 'Nino Beridze', clearanceLevel: 'NATO_SECRET' as const, languageProfiles: [{ language: 'en', slp: '3333', validated: true }] },
      { name: 'Giorgi Kapanadze', clearanceLevel: 'NATO_RESTRICTED' as const, languageProfiles: [{ language: 'en', slp: '3131', validated: true }] },
    ];
    const refused = await t.gql(SUBMIT, { input: submitInput(offering.id, { participants }) }, geo);
    expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.argument).toBe('participants[1]');
    expect(refused.errors![0]!.message).toBe(
      "A nominee does not meet the course's requirements — participants[1] Giorgi Kapanadze: clearance NATO RESTRICTED is below the required NATO SECRET; " +
        'SLP 3131 in en is below the required 3232 (speaking 1 < 2, writing 1 < 2). Nominate someone who meets them, or update the record ' +
        '(e.g. a new validated SLP) if it is out of date. A draft can be saved meanwhile.',
    );
    const [{ n }] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM cooperation_request WHERE offering_id = $1 AND status <> 'DRAFT'", [offering.id]);
    expect(n).toBe(0);

    const draft = await t.gql(SAVE_DRAFT, { input: { offeringId: offering.id, title: 'Draft with a pending clearance', seatsRequested: 2, participants } }, geo);
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.saveRequestDraft.nomineeChecks).toEqual([
      { participantIndex: 0, name: 'Nino Beridze', meetsRequirements: true, shortfalls: [] },
      {
        participantIndex: 1,
        name: 'Giorgi Kapanadze',
        meetsRequirements: false,
        shortfalls: ['clearance NATO RESTRICTED is below the required NATO SECRET', 'SLP 3131 in en is below the required 3232 (speaking 1 < 2, writing 1 < 2)'],
      },
    ]);
  });

  it("takes a nominee picked from the directory as recorded there; staff of the routed section see the check, others don't", async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_CONFIDENTIAL', language: 'en', minSlp: '2222' } }, await a.asAdmin());
    const geo = await a.asPartner('GEO');
    const entry = (await t.gql(CREATE, { input: { name: 'Levan Tsiklauri', rankOrTitle: 'LTC', clearanceLevel: 'NATO_SECRET', languageProfiles: [{ language: 'en', slp: '3232', validated: true }] } }, geo)).data!.createNominee;
    const submitted = await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants: [{ nomineeId: entry.id, name: 'ignored when picked' }] }) }, geo);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitRequest.request.id;

    const staff = await t.gql(CHECKS, { id }, await a.asStaff('CTS'));
    expect(staff.data!.request!.nomineeChecks).toEqual([{ participantIndex: 0, name: 'Levan Tsiklauri', meetsRequirements: true, shortfalls: [] }]);
    expect(staff.data!.request!.participants).toEqual([
      { name: 'Levan Tsiklauri', nomineeId: entry.id, clearanceLevel: 'NATO_SECRET', clearance: 'NATO SECRET', languageProfiles: [{ language: 'en', slp: '3232', validated: true }] },
    ]);
    // Staff of another section do not reach the request; an administrator reaches it without personal data.
    expect((await t.gql(CHECKS, { id }, await a.asStaff('HSU'))).data!.request).toBeNull();
    const admin = await t.gql(CHECKS, { id }, await a.asAdmin());
    expect(admin.data!.request!.nomineeChecks).toBeNull();

    // A nominee of another partner's directory cannot be picked.
    const ukrEntry = (await t.gql(CREATE, { input: { name: 'Olena Kovalenko' } }, await a.asPartner('UKR'))).data!.createNominee;
    const foreign = await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants: [{ nomineeId: ukrEntry.id }] }) }, geo);
    expect(foreign.errors![0]!.extensions!.argument).toBe('participants[0].nomineeId');
    expect(foreign.errors![0]!.message).toBe("participants[0].nomineeId is not a nominee in your partner's directory; pick one from nominees, or enter the person directly.");
    const nameless = await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants: [{ email: 'x@mod.example.ge' }] }) }, geo);
    expect(nameless.errors![0]!.message).toBe('participants[0].name is required unless you pick a nominee from your directory (nomineeId).');
  });

  it("checks against the iteration's own requirement when it has one", async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const iteration = await makeIteration(t, offering.id);
    const admin = await a.asAdmin();
    await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_SECRET' } }, admin);
    await t.gql(SET_REQ, { input: { iterationId: iteration, minClearance: 'NATO_RESTRICTED' } }, admin);
    const geo = await a.asPartner('GEO');
    const participants = [{ name: 'Ana Lomidze', clearanceLevel: 'NATO_RESTRICTED' as const }];
    const ok = await t.gql(SUBMIT, { input: submitInput(offering.id, { iterationId: iteration, seatsRequested: 1, participants }) }, geo);
    expect(ok.errors).toBeUndefined();
    const noIteration = await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants }) }, geo);
    expect(noIteration.errors![0]!.message).toContain('participants[0] Ana Lomidze: clearance NATO RESTRICTED is below the required NATO SECRET');
  });
});


describe('nominee checks on a list page', () => {
  it('cost the same statements for one request as for three: requirements and attendance by batch, one audit insert', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_SECRET' } }, await a.asAdmin());
    const geo = await a.asPartner('GEO');
    const staff = await a.asStaff('CTS');
    const participants = [{ name: 'Irakli Dolidze', clearanceLevel: 'NATO_SECRET' as const }];
    const run = () => countSql(() => t.gql(LIST_CHECKS, { f: { offeringId: offering.id } }, staff));
    await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants }) }, geo);
    const one = await run();
    for (let i = 0; i < 2; i++) await t.gql(SUBMIT, { input: submitInput(offering.id, { seatsRequested: 1, participants }) }, geo);
    const three = await run();
    expect(three.result.errors).toBeUndefined();
    expect(three.result.data!.requests.edges.map((e) => e.node.nomineeChecks)).toEqual([[{ meetsRequirements: true }], [{ meetsRequirements: true }], [{ meetsRequirements: true }]]);
    expect(three.result.data!.requests.edges.map((e) => e.node.attendance)).toEqual([[], [], []]);
    expect(three.statements).toBe(one.statements);
    expect(three.sql.filter((q) => /FROM nominee_requirement/.test(q))).toHaveLength(1);
    expect(three.sql.filter((q) => /FROM nominee_attendance/.test(q))).toHaveLength(1);
    expect(three.sql.filter((q) => /INSERT INTO audit_event/.test(q))).toHaveLength(1);
  });
});

describe('the check at submission', () => {
  it('costs one statement for the requirement, and one for every directory pick of the request together', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    await t.gql(SET_REQ, { input: { offeringId: offering.id, minClearance: 'NATO_CONFIDENTIAL' } }, await a.asAdmin());
    const geo = await a.asPartner('GEO');
    const picks: string[] = [];
    for (const name of ['Davit Maisuradze', 'Eka Chikovani']) {
      picks.push((await t.gql(CREATE, { input: { name, clearanceLevel: 'NATO_SECRET' } }, geo)).data!.createNominee.id);
    }
    const direct = await countSql(() => t.gql(SUBMIT, { input: submitInput(offering.id, { participants: [{ name: 'Zurab Beridze', clearanceLevel: 'NATO_SECRET' }, { name: 'Nana Abashidze', clearanceLevel: 'NATO_SECRET' }] }) }, geo));
    expect(direct.result.errors).toBeUndefined();
    expect(direct.sql.filter((q) => /FROM nominee_requirement/.test(q))).toHaveLength(1);
    expect(direct.sql.filter((q) => /FROM nominee\b/.test(q))).toHaveLength(0);
    const picked = await countSql(() => t.gql(SUBMIT, { input: submitInput(offering.id, { participants: picks.map((nomineeId) => ({ nomineeId })) }) }, geo));
    expect(picked.result.errors).toBeUndefined();
    expect(picked.sql.filter((q) => /FROM nominee\b/.test(q))).toHaveLength(1);
    expect(picked.statements).toBe(direct.statements + 1);
  });
});
