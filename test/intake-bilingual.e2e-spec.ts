import { missingTranslations } from '../src/catalogue/bilingual-publishing.js';
import { actors } from './support/actors.js';
import { graphql, type ResultOf } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

// Issue #15 item 5 (bilingual publishing), the seed catalogue it must hold for, the DCB/DEEP seed on flags
// (item 3), and item 6 (partnership frameworks editable).
let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', WORKERS_ENABLED: 'false' } });
  admin = await actors(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (res: GraphQLResponse<unknown>) => {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions!.code as string, message: res.errors![0].message, missing: res.errors![0].extensions!.missing };
};
const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors).toBeUndefined();
  return res.data!;
};

const TEXTS = graphql(`query($after: String) { offerings(first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
  code status titleEn titleFr summaryEn summaryFr descriptionEn descriptionFr prerequisitesEn prerequisitesFr costNotesEn costNotesFr
  iterations { startDate locationEn locationFr }
} } } }`);
const FLAGS = graphql('query($code: String!) { offering(code: $code) { requiredProgrammeFlags eligiblePartners { code } } }');
const DEEP = graphql('{ offerings(first: 10, filter: { kinds: [DEEP_PROGRAMME] }) { totalCount edges { node { code requiredProgrammeFlags eligiblePartners { code } } } } }');

/** Every offering an administrator sees, page by page (a page's cost stays under the limit). */
type TextsPage = ResultOf<typeof TEXTS>['offerings'];
async function everyOffering(): Promise<Array<TextsPage['edges'][number]['node']>> {
  const nodes: Array<TextsPage['edges'][number]['node']> = [];
  let after: string | null = null;
  for (;;) {
    const offerings: TextsPage = ok(await t.gql(TEXTS, { after }, admin)).offerings;
    nodes.push(...offerings.edges.map((e) => e.node));
    if (!offerings.pageInfo.hasNextPage) return nodes;
    after = offerings.pageInfo.endCursor;
  }
}
const CREATE = graphql('mutation($input: CreateOfferingInput!) { createOffering(input: $input) { id version } }');
const UPDATE = graphql('mutation($input: UpdateOfferingInput!) { updateOffering(input: $input) { id version } }');
const ITERATION = graphql('mutation($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id } }');
const PUBLISH = graphql('mutation($id: ID!) { publishOffering(id: $id) { status } }');
const ONE = graphql('query($code: String!, $language: Language) { offering(code: $code, language: $language) { title prerequisites costNotes iterations { location } } }');

describe('the seed catalogue', () => {
  it('publishes every sample offering in both languages, every text and every iteration location', async () => {
    const offerings = await everyOffering();
    expect(offerings.length).toBeGreaterThan(50);
    expect(offerings.every((o) => o.status === 'PUBLISHED')).toBe(true);
    const incomplete = offerings.map((o) => ({ code: o.code, missing: missingTranslations(o, o.iterations) })).filter((o) => o.missing.length > 0);
    expect(incomplete).toEqual([]);
  });

  it('puts DCB and DEEP offerings on their programme flag instead of a copied partner list', async () => {
    expect(ok(await t.gql(FLAGS, { code: 'DCB-CT-MODULE' }, admin)).offering).toEqual({ requiredProgrammeFlags: ['DCB'], eligiblePartners: [] });
    expect(ok(await t.gql(FLAGS, { code: 'DCB-GEO-PKG' }, admin)).offering).toEqual({ requiredProgrammeFlags: ['DCB'], eligiblePartners: [{ code: 'GEO' }] });
    const deep = ok(await t.gql(DEEP, {}, admin)).offerings;
    expect(deep.totalCount).toBe(3);
    expect(deep.edges.map((e) => [e.node.requiredProgrammeFlags, e.node.eligiblePartners])).toEqual([[['DEEP'], []], [['DEEP'], []], [['DEEP'], []]]);
  });
});

describe('publishing needs English and French', () => {
  let id: string;
  let version: number;

  it('refuses an English-only offering with TRANSLATION_REQUIRED, listing every missing field path', async () => {
    ({ id, version } = ok(
      await t.gql(CREATE, {
        input: {
          code: 'INT-BILINGUAL', kind: 'TRAINING_COURSE', titleEn: 'Crisis communication course', summaryEn: 'Five days on crisis communication.',
          descriptionEn: 'Exercises and case studies.', prerequisites: 'English SLP 3232.', costNotes: 'No fee.', owningSectionCode: 'CTS',
          deliveryMode: 'RESIDENT', leadTimeDays: 30,
        },
      }, admin),
    ).createOffering);
    ok(await t.gql(ITERATION, { input: { offeringId: id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', status: 'PLANNED' } }, admin));
    const refused = errorOf(await t.gql(PUBLISH, { id }, admin));
    const missing = ['titleFr', 'summaryFr', 'descriptionFr', 'prerequisitesFr', 'costNotesFr', 'iterations[0].locationFr'];
    expect(refused).toEqual({
      code: 'TRANSLATION_REQUIRED',
      message: `INT-BILINGUAL cannot be published: a published offering needs every text in English and French. Missing: ${missing.join(', ')}. Fill them in and try again.`,
      missing,
    });
    const [row] = await adminQuery<{ status: string }>(t.databaseUrl, 'SELECT status FROM offering WHERE id = $1', [id]);
    expect(row!.status).toBe('DRAFT');
  });

  it('publishes once every text has both languages, and French readers get the French texts', async () => {
    const [iteration] = await adminQuery<{ id: string }>(t.databaseUrl, 'SELECT id FROM offering_iteration WHERE offering_id = $1', [id]);
    ok(await t.gql(UPDATE, {
      input: {
        id, version, titleFr: 'Cours de communication de crise', summaryFr: 'Cinq jours sur la communication de crise.', descriptionFr: 'Exercices et études de cas.',
        prerequisitesFr: 'Anglais PLS 3232.',
      },
    }, admin));
    // Still missing two: the refusal names exactly those.
    expect(errorOf(await t.gql(PUBLISH, { id }, admin)).missing).toEqual(['costNotesFr', 'iterations[0].locationFr']);
    const current = (await adminQuery<{ version: number }>(t.databaseUrl, 'SELECT version FROM offering WHERE id = $1', [id]))[0]!.version;
    ok(await t.gql(UPDATE, { input: { id, version: current, costNotesFr: 'Gratuit.' } }, admin));
    ok(await t.gql(ITERATION, { input: { id: iteration!.id, offeringId: id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', locationFr: 'Riga (Lettonie)', status: 'PLANNED' } }, admin));
    expect(ok(await t.gql(PUBLISH, { id }, admin)).publishOffering.status).toBe('PUBLISHED');

    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: 'FR' }, admin)).offering).toEqual({
      title: 'Cours de communication de crise', prerequisites: 'Anglais PLS 3232.', costNotes: 'Gratuit.', iterations: [{ location: 'Riga (Lettonie)' }],
    });
    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: null }, { ...admin, 'accept-language': 'fr-FR,fr;q=0.9' })).offering!.costNotes).toBe('Gratuit.');
    expect(ok(await t.gql(ONE, { code: 'INT-BILINGUAL', language: 'EN' }, admin)).offering).toEqual({
      title: 'Crisis communication course', prerequisites: 'English SLP 3232.', costNotes: 'No fee.', iterations: [{ location: 'Riga, Latvia' }],
    });
  });
});

describe('a published offering stays bilingual after publication', () => {
  // Two offerings of the same shape, complete in both languages, each with one iteration starting 2031-03-03: one
  // published, one left a draft. Every write path below is tried on both.
  const offerings: Record<'PUBLISHED' | 'DRAFT', { id: string; code: string; iterationId: string }> = {} as never;
  const version = async (id: string) => (await adminQuery<{ version: number }>(t.databaseUrl, 'SELECT version FROM offering WHERE id = $1', [id]))[0]!.version;
  const state = async (id: string) =>
    adminQuery(t.databaseUrl, `SELECT o.version, o.title_fr, o.summary_fr, o.cost_notes, o.cost_notes_fr,
      (SELECT json_agg(json_build_object('start', i.start_date::text, 'en', i.location, 'fr', i.location_fr) ORDER BY i.start_date) FROM offering_iteration i WHERE i.offering_id = o.id) AS iterations
      FROM offering o WHERE o.id = $1`, [id]);

  beforeAll(async () => {
    for (const status of ['PUBLISHED', 'DRAFT'] as const) {
      const code = `INT-KEEP-${status}`;
      const { id } = ok(await t.gql(CREATE, {
        input: {
          code, kind: 'TRAINING_COURSE', titleEn: 'Border security course', titleFr: 'Cours de sécurité des frontières', summaryEn: 'Five days.', summaryFr: 'Cinq jours.',
          descriptionEn: 'Case studies.', descriptionFr: 'Études de cas.', owningSectionCode: 'CTS', deliveryMode: 'RESIDENT', leadTimeDays: 30,
        },
      }, admin)).createOffering;
      const iterationId = ok(await t.gql(ITERATION, { input: { offeringId: id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', locationFr: 'Riga (Lettonie)', status: 'PLANNED' } }, admin)).upsertOfferingIteration.id;
      if (status === 'PUBLISHED') ok(await t.gql(PUBLISH, { id }, admin));
      offerings[status] = { id, code, iterationId };
    }
  });

  type Target = { id: string; code: string; iterationId: string };
  const PATHS: Array<{ path: string; write: (o: Target) => Promise<GraphQLResponse<unknown>>; missing: string[] }> = [
    { path: 'updateOffering blanking a French text', write: async (o) => t.gql(UPDATE, { input: { id: o.id, version: await version(o.id), titleFr: null } }, admin), missing: ['titleFr'] },
    { path: 'updateOffering with a French text of spaces', write: async (o) => t.gql(UPDATE, { input: { id: o.id, version: await version(o.id), summaryFr: '   ' } }, admin), missing: ['summaryFr'] },
    { path: 'updateOffering adding English cost notes only', write: async (o) => t.gql(UPDATE, { input: { id: o.id, version: await version(o.id), costNotes: 'Travel paid by the nation.' } }, admin), missing: ['costNotesFr'] },
    {
      path: 'upsertOfferingIteration adding an earlier iteration in English only',
      write: (o) => t.gql(ITERATION, { input: { offeringId: o.id, startDate: '2031-01-12', endDate: '2031-01-16', location: 'Rome, Italy', status: 'PLANNED' } }, admin),
      missing: ['iterations[0].locationFr'],
    },
    {
      path: 'upsertOfferingIteration taking the French location off an iteration',
      write: (o) => t.gql(ITERATION, { input: { id: o.iterationId, offeringId: o.id, startDate: '2031-03-03', endDate: '2031-03-07', location: 'Riga, Latvia', locationFr: null, status: 'PLANNED' } }, admin),
      missing: ['iterations[0].locationFr'],
    },
    {
      path: 'upsertOfferingIteration ending an iteration later with a blank French location',
      write: (o) => t.gql(ITERATION, { input: { id: o.iterationId, offeringId: o.id, startDate: '2031-03-03', endDate: '2031-03-08', location: 'Riga, Latvia', locationFr: ' ', status: 'PLANNED' } }, admin),
      missing: ['iterations[0].locationFr'],
    },
  ];

  it.each(PATHS)('refuses $path with TRANSLATION_REQUIRED naming $missing, and changes nothing', async ({ write, missing }) => {
    const o = offerings.PUBLISHED;
    const before = await state(o.id);
    const audited = await adminQuery(t.databaseUrl, 'SELECT count(*)::int AS n FROM audit_event');
    expect(errorOf(await write(o))).toEqual({
      code: 'TRANSLATION_REQUIRED',
      message: `${o.code} cannot be saved: a published offering needs every text in English and French. Missing: ${missing.join(', ')}. Fill them in and try again.`,
      missing,
    });
    expect(await state(o.id)).toEqual(before);
    expect(await adminQuery(t.databaseUrl, 'SELECT count(*)::int AS n FROM audit_event')).toEqual(audited);
  });

  it.each(PATHS)('leaves a draft free: $path is saved', async ({ write }) => {
    ok(await write(offerings.DRAFT));
  });

  it('saves an edit of a published offering that keeps both languages', async () => {
    const o = offerings.PUBLISHED;
    ok(await t.gql(UPDATE, { input: { id: o.id, version: await version(o.id), titleFr: 'Cours sur la sécurité des frontières', costNotes: 'No fee.', costNotesFr: 'Gratuit.' } }, admin));
    ok(await t.gql(ITERATION, { input: { offeringId: o.id, startDate: '2031-09-01', endDate: '2031-09-05', location: 'Rome, Italy', locationFr: 'Rome (Italie)', status: 'PLANNED' } }, admin));
    expect(await state(o.id)).toEqual([expect.objectContaining({
      title_fr: 'Cours sur la sécurité des frontières', cost_notes_fr: 'Gratuit.',
      iterations: [{ start: '2031-03-03', en: 'Riga, Latvia', fr: 'Riga (Lettonie)' }, { start: '2031-09-01', en: 'Rome, Italy', fr: 'Rome (Italie)' }],
    })]);
  });
});

describe('the catalogue import keeps published offerings bilingual', () => {
  const HEADER = 'record,code,kind,title_en,title_fr,summary_en,summary_fr,description_en,description_fr,owning_section,delivery_mode,lead_time_days,status,cost_notes,cost_notes_fr,start_date,end_date,location,location_fr';
  const offeringRow = (code: string, status: string, texts: Partial<Record<'titleFr' | 'summaryFr' | 'costNotes' | 'costNotesFr', string>> = {}) =>
    `OFFERING,${code},TRAINING_COURSE,Border security course,${texts.titleFr ?? 'Cours de sécurité des frontières'},Five days.,${texts.summaryFr ?? 'Cinq jours.'},Case studies.,Études de cas.,CTS,RESIDENT,30,${status},${texts.costNotes ?? ''},${texts.costNotesFr ?? ''},,,,`;
  const iterationRow = (code: string, start: string, locationFr: string) => `ITERATION,${code},,,,,,,,,,,,,,${start},${start.slice(0, 8)}28,"Riga, Latvia",${locationFr}`;
  const dryRun = async (rows: string[]) => {
    const form = new FormData();
    form.append('file', new Blob([[HEADER, ...rows].join('\n')]), 'catalogue.csv');
    const res = await fetch(`${t.baseUrl}/api/imports/catalogue?dryRun=true`, { method: 'POST', headers: admin, body: form });
    expect(res.status).toBe(200);
    return ((await res.json()) as { errors: Array<{ row: number; column: string | null; message: string }> }).errors;
  };
  beforeAll(async () => {
    // A draft whose iteration has no French location yet (drafts are free), for the publishing cases.
    const { id } = ok(await t.gql(CREATE, {
      input: {
        code: 'INT-IMPORT-DRAFT', kind: 'TRAINING_COURSE', titleEn: 'Border security course', titleFr: 'Cours de sécurité des frontières', summaryEn: 'Five days.',
        summaryFr: 'Cinq jours.', descriptionEn: 'Case studies.', descriptionFr: 'Études de cas.', owningSectionCode: 'CTS', deliveryMode: 'RESIDENT', leadTimeDays: 30,
      },
    }, admin)).createOffering;
    ok(await t.gql(ITERATION, { input: { offeringId: id, startDate: '2031-04-06', endDate: '2031-04-10', location: 'Riga, Latvia', status: 'PLANNED' } }, admin));
  });

  // INT-KEEP-PUBLISHED is the published offering of the block above (complete, iterations 2031-03-03 and 2031-09-01).
  const CASES: Array<{ path: string; rows: () => string[]; errors: Array<{ row: number; column: string; message: RegExp }> }> = [
    {
      path: 'an offering row blanking a French text of a published offering',
      rows: () => [offeringRow('INT-KEEP-PUBLISHED', 'PUBLISHED', { titleFr: '', costNotes: 'No fee.', costNotesFr: 'Gratuit.' })],
      errors: [{ row: 2, column: 'title_fr', message: /^Offering INT-KEEP-PUBLISHED is published, so title_fr cannot be empty: .*\(missing: titleFr\)\./ }],
    },
    {
      path: 'a new offering row published without its French summary and cost notes',
      rows: () => [offeringRow('INT-IMPORT-NEW', 'PUBLISHED', { summaryFr: '', costNotes: 'No fee.' })],
      errors: [
        { row: 2, column: 'summary_fr', message: /^Offering INT-IMPORT-NEW cannot be published without summary_fr: .*\(missing: summaryFr\)\./ },
        { row: 2, column: 'cost_notes_fr', message: /\(missing: costNotesFr\)/ },
      ],
    },
    {
      path: 'an iteration row added to a published offering in English only',
      rows: () => [iterationRow('INT-KEEP-PUBLISHED', '2031-06-01', '')],
      errors: [{ row: 2, column: 'location_fr', message: /^Offering INT-KEEP-PUBLISHED is published, so location_fr cannot be empty: .*\(missing: iterations\[1\]\.locationFr\)\./ }],
    },
    {
      path: 'an iteration row of an offering the file publishes, in English only',
      rows: () => [offeringRow('INT-IMPORT-NEW', 'PUBLISHED'), iterationRow('INT-IMPORT-NEW', '2031-06-01', '')],
      errors: [{ row: 3, column: 'location_fr', message: /^Offering INT-IMPORT-NEW cannot be published without location_fr: .*\(missing: iterations\[0\]\.locationFr\)\./ }],
    },
    {
      path: 'publishing a draft whose iteration has no French location',
      rows: () => [offeringRow('INT-IMPORT-DRAFT', 'PUBLISHED')],
      errors: [{ row: 2, column: 'status', message: /^Offering INT-IMPORT-DRAFT cannot be published: its iteration starting 2031-04-06 has no location_fr \(missing: iterations\[0\]\.locationFr\)\. Add an ITERATION row/ }],
    },
  ];

  it.each(CASES)('reports $path in the dry run, by row and column', async ({ rows, errors }) => {
    expect(await dryRun(rows())).toEqual(errors.map((e) => ({ row: e.row, sheet: null, column: e.column, message: expect.stringMatching(e.message) })));
  });

  it('accepts what keeps them bilingual, and leaves drafts free', async () => {
    expect(await dryRun([
      offeringRow('INT-IMPORT-DRAFT', 'PUBLISHED'), iterationRow('INT-IMPORT-DRAFT', '2031-04-06', 'Riga (Lettonie)'),
      offeringRow('INT-IMPORT-NEW', 'DRAFT', { summaryFr: '', costNotes: 'No fee.' }), iterationRow('INT-IMPORT-NEW', '2031-06-01', ''),
      iterationRow('INT-KEEP-PUBLISHED', '2031-06-01', 'Riga (Lettonie)'),
    ])).toEqual([]);
  });

  it('refuses to queue a file that would break the rule', async () => {
    const form = new FormData();
    form.append('file', new Blob([[HEADER, iterationRow('INT-KEEP-PUBLISHED', '2031-06-01', '')].join('\n')]), 'catalogue.csv');
    const res = await fetch(`${t.baseUrl}/api/imports/catalogue`, { method: 'POST', headers: admin, body: form });
    expect(res.status).toBe(400);
    const [row] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM offering_iteration i JOIN offering o ON o.id = i.offering_id WHERE o.code = 'INT-KEEP-PUBLISHED'");
    expect(row!.n).toBe(2);
  });
});

describe('partnership frameworks are editable', () => {
  const UPSERT = graphql('mutation($input: PartnershipFrameworkInput!) { upsertPartnershipFramework(input: $input) { code name nameEn nameFr } }');

  it('creates and renames a framework, audited, for administrators only', async () => {
    const created = ok(await t.gql(UPSERT, { input: { code: 'GCC', nameEn: 'Gulf Cooperation Council dialogue', nameFr: 'Dialogue avec le Conseil de coopération du Golfe' } }, admin));
    expect(created.upsertPartnershipFramework).toMatchObject({ code: 'GCC', name: 'Gulf Cooperation Council dialogue' });
    const renamed = ok(await t.gql(UPSERT, { input: { code: 'GCC', nameEn: 'GCC dialogue', nameFr: 'Dialogue CCG' } }, { ...admin, 'accept-language': 'fr' }));
    expect(renamed.upsertPartnershipFramework).toEqual({ code: 'GCC', name: 'Dialogue CCG', nameEn: 'GCC dialogue', nameFr: 'Dialogue CCG' });
    const audit = await adminQuery<{ action: string }>(t.databaseUrl, `SELECT action FROM audit_event WHERE target_type = 'PartnershipFramework' ORDER BY id`);
    expect(audit.map((r) => r.action)).toEqual(['framework.create', 'framework.update']);
    const partner = await actors(t).asPartner('GEO');
    expect(errorOf(await t.gql(UPSERT, { input: { code: 'XX', nameEn: 'x', nameFr: 'x' } }, partner)).code).toBe('FORBIDDEN');
    const bad = errorOf(await t.gql(UPSERT, { input: { code: 'gcc dialogue', nameEn: 'x', nameFr: 'x' } }, admin));
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toMatch(/code must be 2 to 20 capital letters/);
  });
});
