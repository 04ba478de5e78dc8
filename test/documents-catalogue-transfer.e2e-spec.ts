import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { actors, type Actors, type Headers } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #16 item 3: the catalogue as CSV and XLSX — dry run, import as a job with progress, idempotent by code, export.
let t: TestApp;
let a: Actors;
let admin: Headers;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1' } });
  a = actors(t);
  admin = await a.asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const EXAMPLE = readFileSync(new URL('../docs/examples/catalogue-import.csv', import.meta.url));

const PROGRESS = graphql(`query P($id: ID!) { catalogueImport(id: $id) {
  id status rowsTotal rowsDone createdCount updatedCount unchangedCount errors { row sheet column message }
} }`);
const OFFERING = graphql(`query O($code: String!) { offering(code: $code) { code titleEn titleFr status version iterations { startDate capacity location } } }`);

async function post(body: Buffer, name: string, dryRun: boolean, headers: Headers = admin): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const res = await fetch(`${t.baseUrl}/api/imports/catalogue${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: await res.json() };
}

async function importAndWait(body: Buffer, name: string): Promise<any> {
  const started = await post(body, name, false);
  expect(started.status).toBe(202);
  for (let i = 0; i < 120; i++) {
    const res = await t.gql(PROGRESS, { id: started.body.id }, admin);
    const job = res.data!.catalogueImport!;
    if (job.status === 'DONE' || job.status === 'FAILED') return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('import did not finish');
}

const auditCount = async (prefix: string) =>
  (await adminQuery<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action LIKE $1 || '%'`, [prefix]))[0]!.n;

describe('catalogue import and export', () => {
  it('dry-runs the example file: what it would do, nothing written', async () => {
    const res = await post(EXAMPLE, 'catalogue-import.csv', true);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      fileName: 'catalogue-import.csv', format: 'CSV', rows: 4,
      offerings: { create: 2, update: 0, unchanged: 0 }, iterations: { create: 2, update: 0, unchanged: 0 }, errors: [],
    });
    const [n] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM offering WHERE code = 'NSO-CT-PLANNING'");
    expect(n!.n).toBe(0);
  });

  it('reports every problem by row, column and message, and refuses to queue a file with problems', async () => {
    const bad = [
      'record,code,kind,title_en,title_fr,owning_section,delivery_mode,lead_time_days,areas,status,start_date,end_date,location,capacity',
      'OFFERING,bad code,TRAINING_COURSE,A title,,CTS,RESIDENT,10,,,,,,',
      'OFFERING,GOOD-CODE,COURSE,A title,,NOPE,BY_PIGEON,ten,TRAINING;MADE_UP,,,,,',
      'OFFERING,NO-TITLE,E_LEARNING,,,CTS,REMOTE,0,,,,,,',
      'ITERATION,UNKNOWN-OFFERING,,,,,,,,,2027-02-30,2027-03-01,Brussels,0',
    ].join('\n');
    const res = await post(Buffer.from(bad), 'bad.csv', true);
    expect(res.status).toBe(200);
    const errors = res.body.errors as Array<{ row: number; column: string | null; message: string }>;
    expect(errors).toEqual(expect.arrayContaining([
      { row: 2, sheet: null, column: 'code', message: 'code: code must be 2 to 60 capital letters, digits or hyphens, e.g. NSO-CT-COURSE' },
      { row: 3, sheet: null, column: 'kind', message: expect.stringMatching(/^kind must be one of TRAINING_COURSE, .*; got "COURSE"\.$/) },
      { row: 3, sheet: null, column: 'delivery_mode', message: expect.stringMatching(/^delivery_mode must be one of RESIDENT, /) },
      { row: 3, sheet: null, column: 'lead_time_days', message: 'lead_time_days must be a whole number; got "ten".' },
      { row: 4, sheet: null, column: 'title_en', message: 'An offering needs a title in at least one language (title_en or title_fr).' },
      { row: 5, sheet: null, column: 'start_date', message: 'start_date must be a date as YYYY-MM-DD; got "2027-02-30".' },
      { row: 5, sheet: null, column: 'capacity', message: 'capacity must be at least 1; leave it empty for no seat limit.' },
    ]));
    // Unknown references are found once the row is otherwise valid.
    const refs = await post(Buffer.from('code,kind,title_en,owning_section,delivery_mode,lead_time_days,areas\nREF-CHECK,E_LEARNING,T,NOPE,REMOTE,0,TRAINING;MADE_UP\n'), 'refs.csv', true);
    expect(refs.body.errors).toEqual([
      { row: 2, sheet: null, column: 'owning_section', message: 'Unknown code(s) in owning_section: NOPE.' },
      { row: 2, sheet: null, column: 'areas', message: 'Unknown code(s) in areas: MADE_UP.' },
    ]);
    const queued = await post(Buffer.from(bad), 'bad.csv', false);
    expect(queued.status).toBe(400);
    expect(queued.body.errors[0].message).toMatch(/^The file has \d+ problem\(s\); nothing was imported\./);
    expect(queued.body.errors[0].extensions.report.errors.length).toBeGreaterThan(5);
  });

  it('is for catalogue administrators only', async () => {
    const partner = await a.asPartner('GEO');
    expect((await post(EXAMPLE, 'x.csv', true, partner)).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/exports/catalogue?format=csv`, { headers: partner })).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/exports/catalogue?format=csv`)).status).toBe(401);
  });

  it('imports as a background job with progress, in both languages; the same file again changes nothing', async () => {
    const job = await importAndWait(EXAMPLE, 'catalogue-import.csv');
    expect(job).toMatchObject({ status: 'DONE', rowsTotal: 4, rowsDone: 4, createdCount: 4, updatedCount: 0, unchangedCount: 0, errors: [] });
    const offering = await t.gql(OFFERING, { code: 'NSO-CT-PLANNING' }, admin);
    expect(offering.data!.offering).toMatchObject({
      code: 'NSO-CT-PLANNING', titleEn: 'Counter-Terrorism Planning Course', titleFr: 'Cours de planification de la lutte contre le terrorisme', status: 'PUBLISHED',
      iterations: [{ startDate: '2027-03-08', capacity: 24, location: 'Oberammergau, Germany' }, { startDate: '2027-10-04', capacity: 24, location: 'Oberammergau, Germany' }],
    });
    const version = offering.data!.offering!.version;
    const audited = await auditCount('offering.');
    const iterationsAudited = await auditCount('iteration.');
    expect(audited).toBe(3); // two creations and one publication

    const again = await importAndWait(EXAMPLE, 'catalogue-import.csv');
    expect(again).toMatchObject({ status: 'DONE', createdCount: 0, updatedCount: 0, unchangedCount: 4, errors: [] });
    expect((await t.gql(OFFERING, { code: 'NSO-CT-PLANNING' }, admin)).data!.offering!.version).toBe(version);
    expect(await auditCount('offering.')).toBe(audited);
    expect(await auditCount('iteration.')).toBe(iterationsAudited);
    expect(await auditCount('catalogue.import.')).toBe(4);

    // A changed title updates that field only.
    const changed = Buffer.from(EXAMPLE.toString('utf8').replace('Counter-Terrorism Planning Course', 'Counter-Terrorism Planning Course (2027)'));
    const update = await importAndWait(changed, 'changed.csv');
    expect(update).toMatchObject({ createdCount: 0, updatedCount: 1, unchangedCount: 3 });
    expect((await t.gql(OFFERING, { code: 'NSO-CT-PLANNING' }, admin)).data!.offering!.titleEn).toBe('Counter-Terrorism Planning Course (2027)');
  });

  it('exports the whole catalogue as CSV and XLSX, and the exported workbook imports back unchanged', async () => {
    const csv = await fetch(`${t.baseUrl}/api/exports/catalogue?format=csv`, { headers: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="catalogue.csv"');
    const raw = Buffer.from(await csv.arrayBuffer());
    // UTF-8 with a byte-order mark, so spreadsheet programs read the accents right.
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.startsWith('\uFEFFrecord,code,etoc_code,eprime_ref,kind,')).toBe(true);
    expect(text).toContain('ITERATION,NSO-CT-PLANNING,');
    expect(text).toContain('Cours de planification de la lutte contre le terrorisme');

    const xlsx = await fetch(`${t.baseUrl}/api/exports/catalogue?format=xlsx`, { headers: admin });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Offerings', 'Iterations']);
    const offerings = workbook.getWorksheet('Offerings')!;
    expect(offerings.getRow(1).values).toEqual(expect.arrayContaining(['code', 'etoc_code', 'title_en', 'title_fr', 'status']));
    expect(workbook.getWorksheet('Iterations')!.rowCount).toBe(3);

    const dry = await post(bytes, 'catalogue.xlsx', true);
    expect(dry.body).toMatchObject({ format: 'XLSX', errors: [], offerings: { create: 0, update: 0 }, iterations: { create: 0, update: 0, unchanged: 2 } });
    const roundTrip = await importAndWait(bytes, 'catalogue.xlsx');
    expect(roundTrip).toMatchObject({ status: 'DONE', createdCount: 0, updatedCount: 0, errors: [] });
  });

  it('publishes after writing the file\'s iterations, so a file may bring the French location publishing needs', async () => {
    // A draft whose iteration has no French location: drafts are free, publishing is not.
    const created = await t.gql(graphql('mutation($input: CreateOfferingInput!) { createOffering(input: $input) { id } }'), {
      input: {
        code: 'IMPORT-LATE-FR', kind: 'TRAINING_COURSE', titleEn: 'Border course', titleFr: 'Cours frontières', summaryEn: 'Five days.', summaryFr: 'Cinq jours.',
        descriptionEn: 'Case studies.', descriptionFr: 'Études de cas.', owningSectionCode: 'CTS', deliveryMode: 'RESIDENT', leadTimeDays: 30,
      },
    }, admin);
    const offeringId = created.data!.createOffering.id;
    await t.gql(graphql('mutation($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id } }'), { input: { offeringId, startDate: '2031-04-06', endDate: '2031-04-10', location: 'Riga, Latvia', status: 'PLANNED' } }, admin);
    const file = [
      'record,code,kind,title_en,title_fr,summary_en,summary_fr,description_en,description_fr,owning_section,delivery_mode,lead_time_days,status,start_date,end_date,location,location_fr',
      'OFFERING,IMPORT-LATE-FR,TRAINING_COURSE,Border course,Cours frontières,Five days.,Cinq jours.,Case studies.,Études de cas.,CTS,RESIDENT,30,PUBLISHED,,,,',
      'ITERATION,IMPORT-LATE-FR,,,,,,,,,,,,2031-04-06,2031-04-10,"Riga, Latvia",Riga (Lettonie)',
    ].join('\n');
    expect((await post(Buffer.from(file), 'late-fr.csv', true)).body.errors).toEqual([]);
    const job = await importAndWait(Buffer.from(file), 'late-fr.csv');
    expect(job).toMatchObject({ status: 'DONE', errors: [], updatedCount: 2 });
    const [row] = await adminQuery<{ status: string; location_fr: string }>(t.databaseUrl, "SELECT o.status, i.location_fr FROM offering o JOIN offering_iteration i ON i.offering_id = o.id WHERE o.code = 'IMPORT-LATE-FR'");
    expect(row).toEqual({ status: 'PUBLISHED', location_fr: 'Riga (Lettonie)' });
  });
});
