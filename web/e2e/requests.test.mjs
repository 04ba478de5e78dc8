// A request's life in the browser: a liaison officer submits, section staff triage it to approval, the
// officer sees the outcome; another partner cannot open it; administrators manage the catalogue and keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectAccessible, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
let requestPath;
let reference;

describe('a cooperation request, end to end', () => {
  test('a liaison officer finds an offering and submits a request; double-clicking submit creates one request', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.getByLabel('Search the catalogue').fill('Border Security');
    const card = page.locator('article').first().filter({ hasText: 'Border Security and Counter-Terrorism' });
    await card.waitFor();
    await card.locator('h2 a').click();
    await page.waitForURL('**/offerings/NSO-CT-BORDER-PFP');
    await page.getByRole('link', { name: /^Request the iteration starting/ }).first().click();
    await page.waitForURL(/\/requests\/new\?offering=NSO-CT-BORDER-PFP&iteration=/);
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    // The checks from the API are shown before submitting.
    await page.getByText('Georgia is eligible for this offering.').waitFor();
    await page.getByText(/^Applications are open until/).waitFor();
    await page.getByLabel(/^Purpose/).fill('Train two border police officers in counter-terrorism screening.');
    await page.getByLabel('Seats requested').fill('2');
    await page.getByLabel('Name 1').fill('Giorgi Kapanadze');
    await page.getByLabel('Rank or title 1').fill('Major');
    await page.getByLabel('Email 1').fill('g.kapanadze@mod.example.ge');
    await page.getByRole('button', { name: 'Add a participant' }).click();
    await page.getByLabel('Name 2').fill('Tamar Lomidze');
    // The draft is saved as you go.
    await page.getByText(/^Draft saved at/).waitFor({ timeout: 15_000 });
    assert.match(page.url(), /draft=/);
    await page.getByText(/2 seats are free|seats are free/).waitFor();
    await expectAccessible(page, 'request form');
    await screenshot(page, '05-request-form');
    await page.getByRole('button', { name: 'Submit the request' }).dblclick();
    await page.getByRole('heading', { name: 'Request submitted' }).waitFor();
    reference = (await page.getByTestId('reference').textContent()).trim();
    assert.match(reference, /^CR-\d{4}-\d+$/);
    await expectAccessible(page, 'confirmation');
    await screenshot(page, '06-request-submitted');
    await page.getByRole('link', { name: 'Follow the request' }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Border Security and Counter-Terrorism' }).waitFor();
    // One request, however many clicks.
    await page.goto('/requests?view=all');
    await page.getByText('1 request', { exact: true }).waitFor();
    await expectAccessible(page, "my nation's requests");
    await screenshot(page, '07-my-requests');
    await page.context().close();
  });

  test('section staff triage it from the queue to approval, with a comment and an internal note', async () => {
    assert.ok(requestPath, 'the request was submitted');
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.waitForURL('**/queue');
    const row = page.getByRole('link', { name: reference });
    await row.waitFor();
    await expectAccessible(page, 'triage queue');
    await screenshot(page, '08-queue');
    // Keyboard: j selects the first row, Enter opens it.
    await page.locator('body').press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${requestPath}`);
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    // Only the allowed transitions are offered.
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
    await page.getByRole('button', { name: 'Acknowledge and review' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Claire Martin', { exact: true }).first().waitFor();
    await page.getByLabel(/^New comment/).fill('Both nominees are accepted; joining instructions follow.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByText('Both nominees are accepted').waitFor();
    await page.getByLabel('Internal note: NATO staff only').check();
    await page.getByLabel(/^New internal note/).fill('Check the visa lead time with NSO.');
    await page.getByRole('button', { name: 'Post internal note' }).click();
    await page.getByRole('article', { name: 'Internal note' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('main').getByText('Approved', { exact: true }).first().waitFor();
    await page.getByText('2 requested, 2 allocated').waitFor();
    await expectAccessible(page, 'request (staff)');
    await screenshot(page, '09-request-staff');
    await page.context().close();
  });

  test('the liaison officer sees the new status and the comment, never the internal note', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto(requestPath);
    await page.getByRole('heading', { level: 1, name: 'Border Security and Counter-Terrorism' }).waitFor();
    await page.locator('main').getByText('Approved', { exact: true }).first().waitFor();
    await page.getByText('Both nominees are accepted; joining instructions follow.').waitFor();
    assert.equal(await page.getByText('Check the visa lead time').count(), 0);
    assert.equal(await page.getByText('Internal note').count(), 0);
    await expectAccessible(page, 'request (partner)');
    await screenshot(page, '10-request-partner');
    await page.context().close();
  });

  test("a partner cannot open another partner's request by its URL", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.jor.email);
    await page.goto(requestPath);
    await page.getByText('This request does not exist, or you do not have access to it.').waitFor();
    assert.equal(await page.getByText('Giorgi Kapanadze').count(), 0);
    assert.equal(await page.getByText(reference).count(), 0);
    await page.context().close();
  });

  test('the dashboard counts the approved request in its charts, and lists nothing overdue to export', async () => {
    assert.ok(requestPath, 'the request was submitted');
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.coordinator.email);
    await page.goto('/dashboard');
    // Each chart has a table for screen readers: one row per bar, its label and its count.
    const bars = async (chart) => {
      const section = page.getByRole('region', { name: chart });
      await section.getByRole('table').waitFor({ state: 'attached' });
      return Object.fromEntries(await section.getByRole('row').evaluateAll((rows) => rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)])));
    };
    assert.deepEqual(await bars('By status'), { Approved: 1 });
    assert.deepEqual(await bars('By partner'), { GEO: 1 });
    const overdue = page.getByRole('region', { name: 'Overdue requests' });
    await overdue.getByText('Nothing is overdue').waitFor();
    assert.equal(await overdue.getByRole('button', { name: 'Export all as CSV' }).count(), 0);
    assert.equal(await overdue.getByRole('table').count(), 0);
    await expectAccessible(page, 'dashboard');
    await screenshot(page, '11-dashboard');
    await page.context().close();
  });
});

describe('administration', () => {
  test('an administrator creates an offering in both languages, publishes it, and creates an API key shown once', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByRole('tab', { name: 'Offerings' }).waitFor();
    await page.getByRole('table').waitFor();
    await expectAccessible(page, 'administration');
    await screenshot(page, '12-admin-offerings');
    await page.getByRole('button', { name: 'New offering' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('E2E-CYBER-TALKS');
    await dialog.getByLabel(/^Responsible section/).fill('Counter-Terrorism');
    await page.getByRole('option', { name: /Counter-Terrorism Section/ }).first().click();
    await dialog.getByLabel('Title (English)').fill('Cyber Defence Staff Talks');
    await dialog.getByLabel('Title (French)').fill('Entretiens d’état-major sur la cyberdéfense');
    // Publishing needs every text in both languages (issue #15).
    await dialog.getByLabel('Summary (English)').fill('Staff talks on cyber defence cooperation.');
    await dialog.getByLabel('Summary (French)').fill('Entretiens d’état-major sur la coopération en cyberdéfense.');
    await dialog.getByLabel('Description (English)').fill('Two days of talks at NATO Headquarters.');
    await dialog.getByLabel('Description (French)').fill('Deux jours d’entretiens au siège de l’OTAN.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel('Search').fill('E2E-CYBER');
    await page.getByRole('button', { name: 'Publish E2E-CYBER-TALKS' }).click();
    await page.getByRole('button', { name: 'Archive E2E-CYBER-TALKS' }).waitFor();

    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByRole('dialog').getByLabel(/^Name/).fill('Georgia training database');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    const secret = (await page.getByTestId('one-time-secret').textContent()).trim();
    assert.match(secret, /^pcp_/);
    await expectAccessible(page, 'API keys');
    await screenshot(page, '13-admin-api-keys');
    await page.reload();
    await page.getByRole('cell', { name: 'Georgia training database', exact: true }).waitFor();
    assert.equal(await page.getByText(secret).count(), 0);
    await page.context().close();
  });
});
