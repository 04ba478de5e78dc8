// SPS grant applications in the browser (issue #15 items 1 and 2): a liaison officer fills the application fields the
// SPS_GRANT schema asks for and is told what to fix; SPS staff assign a peer reviewer; the reviewer scores it on
// "My reviews"; SPS staff put it in a committee batch and record the endorsement; the partner never sees the review.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { ADMIN, CAST, PASSWORD, expectAccessible, gql, login, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
const SPS_STAFF = { email: 'staff.sps@e2e.example.org', displayName: 'Elena Costa', role: 'SECTION_STAFF', sectionCodes: ['SPS'] };
const OFFERING = 'SPS-MYP-CT-DETECT';
let requestId;
let reference;

/** YYYY-MM-DD, `months` months from today (UTC). */
function inMonths(months) {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

describe('SPS grant applications, peer review and the committee', () => {
  before(async () => {
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    await gql(portal.app.baseUrl, 'mutation($i:CreateUserInput!){createUser(input:$i){user{id}}}', { i: { ...SPS_STAFF, password: PASSWORD } }, admin);
  });

  test('a liaison officer fills the SPS application fields and fixes what the server refuses', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto(`/requests/new?offering=${OFFERING}`);
    const fields = page.getByTestId('kind-fields');
    await fields.waitFor();
    await page.getByLabel(/^Purpose/).fill('Joint research on stand-off detection with the Norwegian Defence Research Establishment');
    await fields.locator('select[data-path="/mechanism"]').selectOption('MYP');
    await fields.locator('input[data-path="/natoDirector/name"]').fill('Dr Ingrid Solberg');
    await fields.locator('input[data-path="/natoDirector/institution"]').fill('Norwegian Defence Research Establishment');
    await fields.locator('select[data-path="/natoDirector/country"]').selectOption('NOR');
    await fields.locator('input[data-path="/natoDirector/email"]').fill('ingrid.solberg@ffi.example.no');
    await fields.locator('input[data-path="/partnerDirector/name"]').fill('Prof. Nino Gelashvili');
    await fields.locator('input[data-path="/partnerDirector/institution"]').fill('Georgian Technical University');
    await fields.locator('input[data-path="/partnerDirector/country"]').fill('GEO');
    await fields.locator('input[data-path="/partnerDirector/email"]').fill('n.gelashvili@gtu.example.ge');
    await fields.locator('input[data-path="/budget/amount"]').fill('250000');
    await fields.locator('select[data-path="/budget/currency"]').selectOption('EUR');
    // Too soon: the server's submission check names the window.
    await fields.locator('input[data-path="/keyDates/eventStart"]').fill(inMonths(6));
    await fields.getByRole('button', { name: 'Add to Milestones' }).click();
    await fields.locator('input[data-path="/milestones/0/date"]').fill(inMonths(9));
    await fields.locator('input[data-path="/milestones/0/description"]').fill('Equipment delivered');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    await page.getByText(`Key dates › Event start must fall 12 to 15 months after submission: between ${inMonths(12)} and ${inMonths(15)}`).first().waitFor();
    await expectAccessible(page, 'SPS application form with a refused date');
    await screenshot(page, '60-sps-application-form');

    await fields.locator('input[data-path="/keyDates/eventStart"]').fill(inMonths(13));
    await page.getByRole('button', { name: 'Submit the request' }).click();
    reference = (await page.getByTestId('reference').textContent()).trim();
    assert.match(reference, /^CR-\d{4}-\d{5}$/);
    await page.getByRole('link', { name: 'Follow the request' }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop();
    const details = page.getByTestId('kind-fields-view');
    await details.getByText('Dr Ingrid Solberg').waitFor();
    await details.getByText('Multi-Year Project').waitFor();
    await page.context().close();
  });

  test('SPS staff assign a peer reviewer on the application', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, SPS_STAFF.email);
    await page.goto(`/requests/${requestId}`);
    const panel = page.getByRole('region', { name: 'SPS peer review' });
    await panel.getByLabel('Assign a peer reviewer').selectOption({ label: CAST.cts.displayName });
    await panel.getByRole('button', { name: 'Assign', exact: true }).click();
    await panel.getByRole('cell', { name: CAST.cts.displayName }).waitFor();
    await panel.getByRole('cell', { name: 'Not reviewed yet' }).waitFor();
    await expectAccessible(page, 'SPS peer review panel');
    // The queue's export (server-side, every row) carries the application fields.
    await page.goto('/queue?view=open');
    await page.getByRole('link', { name: reference }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split('\r\n');
    assert.ok(header.endsWith(',kind_fields'));
    const row = rows.find((r) => r.startsWith(reference));
    for (const pair of ['/natoDirector/name=Dr Ingrid Solberg', '/natoDirector/country=NOR', '/partnerDirector/country=GEO', '/budget/amount=250000', `/keyDates/eventStart=${inMonths(13)}`]) {
      assert.ok(row.includes(pair), `${pair} in ${row}`);
    }
    await page.context().close();
  });

  test('the reviewer scores the application on "My reviews"', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.getByRole('link', { name: 'My reviews' }).first().click();
    await page.waitForURL('**/reviews');
    const card = page.getByTestId('review-card').filter({ hasText: reference });
    await card.getByText('Dr Ingrid Solberg').waitFor();
    const rubric = ['Scientific and technical quality', 'Relevance to SPS key priorities', 'Quality of the NATO–partner collaboration', 'Expected impact and end users', 'Feasibility of the plan and budget'];
    // One criterion left out: the server names it.
    for (const label of rubric.slice(1)) await card.getByLabel(new RegExp(`^${label}`)).selectOption('4');
    await card.getByLabel(/^Comments/).fill('Strong consortium; the equipment budget should be justified item by item.');
    await card.getByRole('button', { name: 'Submit review' }).click();
    await card.getByText('Score Scientific and technical quality (1–5).').first().waitFor();
    await card.getByLabel(/^Scientific and technical quality/).selectOption('5');
    await card.getByRole('button', { name: 'Submit review' }).click();
    await card.getByText(/Submitted .* · total 21/).waitFor();
    await expectAccessible(page, 'My reviews');
    await screenshot(page, '61-sps-my-reviews');
    await page.context().close();
  });

  test('SPS staff put the application in a committee batch and record the endorsement', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, SPS_STAFF.email);
    await page.getByRole('link', { name: 'SPS committee' }).first().click();
    await page.waitForURL('**/sps/committee');
    await page.getByLabel(/^Name/).fill('SPS committee, spring session');
    await page.getByLabel(/^Meeting date/).fill(inMonths(2));
    await page.getByRole('button', { name: 'Create batch' }).click();
    const batch = page.getByRole('region', { name: /^SPS committee, spring session/ });
    await batch.getByRole('checkbox', { name: new RegExp(`^${reference}`) }).check();
    await batch.getByRole('button', { name: 'Add to SPS committee, spring session' }).click();
    await batch.getByRole('link', { name: reference }).waitFor();
    await batch.getByText('1 of 1 reviews').waitFor();
    await batch.getByLabel(`Decision on ${reference}`).selectOption('ENDORSED');
    await batch.getByLabel(`Reasons for ${reference}`).fill('Strong reviews; fits the SPS key priorities.');
    await batch.getByRole('button', { name: 'Record decision' }).click();
    await batch.getByText('Endorsed', { exact: true }).waitFor();
    await batch.getByText('Approved', { exact: true }).waitFor();
    await expectAccessible(page, 'SPS committee batches');
    await screenshot(page, '62-sps-committee');
    await page.context().close();
  });

  test('the partner sees the decision, never the reviewer or the review', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto(`/requests/${requestId}`);
    await page.getByText('Strong reviews; fits the SPS key priorities.').first().waitFor();
    const text = await page.locator('main').textContent();
    assert.ok(!text.includes(CAST.cts.displayName), 'the reviewer is not named to the partner');
    assert.ok(!text.includes('equipment budget should be justified'), 'the review comments are not shown to the partner');
    assert.equal(await page.getByRole('region', { name: 'SPS peer review' }).count(), 0);
    await page.context().close();
  });
});
