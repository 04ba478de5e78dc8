// Documents in the browser (issue #16 items 3 and 4): attachments on a request and on a comment (attach, download,
// remove), the server-side export behind the list's buttons, and the administrators' catalogue import screen
// (dry run with per-row errors, then the import job and its progress).
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { ADMIN, CAST, PASSWORD, ROOT, expectAccessible, gql, login, newPage, screenshot, signIn, usePortal } from './support.mjs';

// The catalogue import runs as a background job: this app runs its workers.
const portal = usePortal(() => ({ WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1' }));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let requestId;

describe('attachments, exports and the catalogue import', () => {
  before(async () => {
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    const { offering } = await gql(portal.app.baseUrl, 'query { offering(code: "NSO-CT-BORDER-PFP") { id } }', {}, admin);
    const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const { upsertOfferingIteration: iteration } = await gql(
      portal.app.baseUrl,
      'mutation($i: OfferingIterationInput!) { upsertOfferingIteration(input: $i) { id } }',
      { i: { offeringId: offering.id, startDate: day(150), endDate: day(155), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 10, applicationDeadline: day(120), status: 'OPEN' } },
      admin,
    );
    const geo = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const submitted = await gql(
      portal.app.baseUrl,
      'mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { request { id } } }',
      { i: { offeringId: offering.id, iterationId: iteration.id, title: 'Border security course: nomination papers', seatsRequested: 1, participants: [{ name: 'Tamar Lomidze', email: 't.lomidze@mod.example.ge' }] } },
      geo,
    );
    requestId = submitted.submitRequest.request.id;
  });

  test('a liaison officer attaches a nomination letter, downloads it and removes it; the timeline says so', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto(`/requests/${requestId}`);
    const section = page.getByRole('region', { name: 'Attachments' });
    await section.getByText('No files attached yet.').waitFor();
    await section.locator('input[type="file"]').setInputFiles({ name: 'nomination-letter.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.getByRole('button', { name: 'Attach', exact: true }).click();
    const list = section.getByRole('list', { name: 'Attached files' });
    await list.getByRole('button', { name: 'nomination-letter.pdf', exact: true }).waitFor();
    await expectAccessible(page, 'request attachments');
    await screenshot(page, '60-request-attachments');

    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'nomination-letter.pdf', exact: true }).click()]);
    assert.equal(download.suggestedFilename(), 'nomination-letter.pdf');
    assert.ok(readFileSync(await download.path()).equals(PDF));

    // A file whose content is not an accepted type is refused with the server's message, whatever its name.
    await section.locator('input[type="file"]').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array(64).fill(1)]) });
    await section.getByRole('button', { name: 'Attach', exact: true }).click();
    await section.getByText(/whatever its name says/).waitFor();

    await list.getByRole('button', { name: 'Remove nomination-letter.pdf' }).click();
    await section.getByText('No files attached yet.').waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('File attached').waitFor();
    await timeline.getByText('File removed').waitFor();
    await page.context().close();
  });

  test('section staff attach a file to a comment', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.goto(`/requests/${requestId}`);
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await conversation.getByLabel('New comment (the partner sees it)').fill('The programme of the course is attached.');
    await conversation.locator('input[type="file"]').setInputFiles({ name: 'programme.txt', mimeType: 'text/plain', buffer: Buffer.from('Day 1: border risk analysis\nDay 2: document checks\n') });
    await conversation.getByRole('button', { name: 'Post comment' }).click();
    const comment = conversation.getByRole('article').filter({ hasText: 'The programme of the course is attached.' });
    await comment.getByRole('button', { name: 'programme.txt', exact: true }).waitFor();
    await expectAccessible(page, 'comment with attachment');
    await page.context().close();
  });

  test("the list's export button downloads every row from the server", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/requests');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'requests.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /^\uFEFFreference,status,title,partner,/);
    assert.match(text, /Border security course: nomination papers/);
    await page.context().close();
  });

  test('an administrator checks a catalogue file, sees its problems by row, then imports a good one and follows its progress', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/catalogue-import');
    const input = page.getByRole('region', { name: 'Catalogue import and export' }).locator('input[type="file"]');
    await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('code,kind,title_en,owning_section,delivery_mode,lead_time_days\nbad code,COURSE,T,CTS,RESIDENT,x\n') });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const problems = page.getByRole('table', { name: 'Problems to fix before importing' });
    await problems.getByRole('cell', { name: 'lead_time_days must be a whole number; got "x".' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled(), true);
    await expectAccessible(page, 'catalogue import problems');
    await screenshot(page, '61-catalogue-import-errors');

    await input.setInputFiles({ name: 'catalogue-import.csv', mimeType: 'text/csv', buffer: readFileSync(`${ROOT}/docs/examples/catalogue-import.csv`) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('No problems found: the file can be imported.').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const job = page.getByRole('article', { name: 'catalogue-import.csv' });
    await job.getByText('Done').waitFor({ timeout: 30_000 });
    await job.getByText('4 of 4 rows').waitFor();
    await job.getByText('4 created, 0 updated, 0 unchanged, 0 errors').waitFor();
    await expectAccessible(page, 'catalogue import done');
    await screenshot(page, '62-catalogue-import-done');
    await page.context().close();
  });
});
