// Partners' plans, funding and dashboards in the browser (issue #17 items 1, 2, 4 and 5): a liaison officer proposes an
// objective, the covering coordinator agrees it, records and edits funding on a linked request and relinks it, an
// administrator funds an offering, the catalogue's search box finds help articles too, and the partner's own
// dashboard drills down from a bar to the requests behind it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ADMIN, CAST, expectAccessible, gql, login, navigateTo, newPage, PASSWORD, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
let objectiveId;
let reference;
let requestId;

describe('partnership plans, funding and insights', () => {
  before(async () => {
    // Nothing to prepare beyond the cast: every step goes through the screens or the partner's own API calls.
  });

  test('a liaison officer proposes an objective for their plan', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.getByRole('link', { name: 'Partnership plan' }).first().click();
    await page.waitForURL('**/plan');
    await page.getByText('No objectives in this plan yet').waitFor();
    await page.getByRole('button', { name: 'Propose an objective' }).click();
    const dialog = page.getByRole('dialog', { name: 'Propose an objective' });
    await dialog.getByLabel(/^Title/).fill('Counter-terrorism planning capacity');
    await dialog.getByLabel(/^Ends/).fill('A national CT planning cell able to plan a multi-agency response');
    await dialog.getByLabel(/^Ways/).fill('NATO School courses and staff talks');
    await dialog.getByLabel(/^Means/).fill('Trust fund and national contribution');
    await dialog.getByLabel('Owner').fill('MoD Defence Policy Department');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const card = page.getByRole('article', { name: 'Counter-terrorism planning capacity' });
    await card.getByText('Proposed').waitFor();
    await expectAccessible(page, 'partnership plan');
    await screenshot(page, 'plans-01-partner-plan');
    await page.context().close();
    const token = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const { partnerObjectives } = await gql(portal.app.baseUrl, '{ partnerObjectives { id title status } }', {}, token);
    assert.equal(partnerObjectives.length, 1);
    objectiveId = partnerObjectives[0].id;
  });

  test('the covering coordinator agrees it; the officer links a request to it', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.coordinator.email);
    await page.goto('/plan?partner=GEO');
    const card = page.getByRole('article', { name: 'Counter-terrorism planning capacity' });
    await card.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the objective' });
    await dialog.getByLabel('Status', { exact: true }).click();
    await page.getByRole('option', { name: 'Agreed', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await card.getByText('Agreed').waitFor();
    await page.context().close();

    const token = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const { offering } = await gql(portal.app.baseUrl, 'query { offering(code: "NSO-CT-BORDER-PFP") { id } }', {}, token);
    const { submitRequest } = await gql(
      portal.app.baseUrl,
      'mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { request { id reference objective { id } } } }',
      { i: { offeringId: offering.id, title: 'Border security course for the CT cell', purpose: 'Train the planners', seatsRequested: 1, objectiveId } },
      token,
    );
    assert.equal(submitRequest.request.objective.id, objectiveId);
    reference = submitRequest.request.reference;
    requestId = submitRequest.request.id;
  });

  test('the coordinator records a funding line on the request', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.coordinator.email);
    await page.goto(`/requests/${requestId}`);
    const panel = page.getByRole('region', { name: 'Plan and funding' });
    await panel.getByText('Serves the objective').waitFor();
    await panel.getByRole('button', { name: 'Add a funding line' }).click();
    await panel.getByLabel('Source', { exact: true }).click();
    await page.getByRole('option', { name: 'Trust fund', exact: true }).click();
    await panel.getByLabel(/^Committed/).fill('12500');
    await panel.getByRole('button', { name: 'Save' }).click();
    // A trust fund must be named: the API's message, shown as is.
    await panel.getByText('A trust fund line must name it').waitFor();
    await panel.getByLabel(/^Name of the source/).fill('DCB Trust Fund');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('cell', { name: 'Trust fund — DCB Trust Fund' }).waitFor();
    const total = panel.getByRole('row', { name: /^Total \(EUR\)/ });
    await total.getByRole('cell', { name: '€12,500.00' }).waitFor();

    // Editing the line: spending more than committed needs a reason, and the API's refusal sits beside the amount spent.
    const year = new Date().getFullYear();
    await panel.getByRole('button', { name: `Edit the Trust fund line of ${year}` }).click();
    const form = panel.getByRole('form', { name: 'Edit the funding line' });
    await form.getByLabel(/^Spent/).fill('13000');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('spent (13000) is more than committed (12500.00): raise the commitment, or give overspendReason.').waitFor();
    assert.equal(await form.getByLabel(/^Spent/).getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'funding line refused');
    await form.getByLabel(/^Reason for spending more/).fill('Two extra trainers joined the mobile team');
    await form.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('cell', { name: '€13,000.00 (Two extra trainers joined the mobile team)' }).waitFor();
    await total.getByRole('cell', { name: '€13,000.00' }).waitFor();

    // A second line: the totals add up per currency.
    await panel.getByRole('button', { name: 'Add a funding line' }).click();
    await panel.getByLabel(/^Committed/).fill('2000');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('cell', { name: /^NATO common funding/ }).waitFor();
    await total.getByRole('cell', { name: '€14,500.00' }).waitFor();
    await expectAccessible(page, 'request plan and funding');
    await screenshot(page, 'plans-02-request-funding');
    await page.context().close();
  });

  test("the coordinator relinks the request after submission; the timeline says so; the partner reads the funding only", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.coordinator.email);
    await page.goto(`/requests/${requestId}`);
    const panel = page.getByRole('region', { name: 'Plan and funding' });
    await panel.getByText('Serves the objective').waitFor();
    await panel.getByRole('button', { name: 'Change the objective' }).click();
    await panel.getByLabel('Objective it serves').click();
    await page.getByRole('option', { name: 'No objective', exact: true }).click();
    await expectAccessible(page, 'relinking a request');
    await panel.getByRole('button', { name: 'Save the link' }).click();
    await panel.getByText('Not linked to an objective of the plan').waitFor();
    await page.getByText('Unlinked from its objective').waitFor();
    await panel.getByRole('button', { name: 'Change the objective' }).click();
    await panel.getByLabel('Objective it serves').click();
    await page.getByRole('option', { name: 'Counter-terrorism planning capacity (Agreed)' }).click();
    await panel.getByRole('button', { name: 'Save the link' }).click();
    await panel.getByText('Serves the objective').waitFor();
    await page.getByText('Linked to an objective of the plan').waitFor();
    await page.context().close();

    const partner = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(partner, CAST.geo.email);
    await partner.goto(`/requests/${requestId}`);
    const seen = partner.getByRole('region', { name: 'Plan and funding' });
    await seen.getByRole('row', { name: /^Total \(EUR\)/ }).getByRole('cell', { name: '€14,500.00' }).waitFor();
    assert.equal(await seen.getByRole('button', { name: 'Add a funding line' }).count(), 0);
    assert.equal(await seen.getByRole('button', { name: /^Edit the/ }).count(), 0);
    await expectAccessible(partner, 'funding read by the partner');
    await partner.context().close();
  });

  test("an administrator funds an offering from its administration page", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/offerings');
    await page.getByRole('searchbox', { name: 'Search' }).fill('NSO-CT-BORDER-PFP');
    await page.getByRole('button', { name: 'Edit NSO-CT-BORDER-PFP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit NSO-CT-BORDER-PFP' });
    const funding = dialog.getByRole('region', { name: 'Funding' });
    await funding.getByText('No funding recorded.').waitFor();
    await funding.getByRole('button', { name: 'Add a funding line' }).click();
    await funding.getByLabel(/^Committed/).fill('40000');
    await funding.getByRole('button', { name: 'Save' }).click();
    await funding.getByRole('row', { name: /^Total \(EUR\)/ }).getByRole('cell', { name: '€40,000.00' }).waitFor();
    const year = new Date().getFullYear();
    await funding.getByRole('button', { name: `Edit the NATO common funding line of ${year}` }).click();
    await funding.getByLabel(/^Committed/).fill('45000');
    await funding.getByRole('button', { name: 'Save' }).click();
    await funding.getByRole('row', { name: /^Total \(EUR\)/ }).getByRole('cell', { name: '€45,000.00' }).waitFor();
    await expectAccessible(page, 'offering funding');
    await funding.getByRole('button', { name: `Remove the NATO common funding line of ${year}` }).click();
    await funding.getByText('No funding recorded.').waitFor();
    await page.context().close();
  });

  test("the catalogue's search box finds offerings and help articles with the same words", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/catalogue');
    await page.getByRole('searchbox', { name: 'Search' }).fill('capacity building');
    await page.getByRole('link', { name: 'Defence Capacity Building Package for Georgia' }).waitFor();
    const help = page.getByRole('complementary', { name: 'Help articles' });
    await help.getByRole('link', { name: 'Defence Capacity Building packages: who can ask' }).waitFor();
    assert.ok((await help.getByRole('link').count()) <= 3);
    await expectAccessible(page, 'catalogue search with help articles');
    await screenshot(page, 'plans-06-catalogue-help');
    await help.getByRole('link', { name: 'Defence Capacity Building packages: who can ask' }).click();
    await page.waitForURL('**/help/dcb-eligibility');
    // No text, no help block (and no query for it).
    await page.goto('/catalogue');
    await page.getByText(/^[\d,]+ offerings$/).waitFor();
    assert.equal(await page.getByRole('complementary', { name: 'Help articles' }).count(), 0);
    await page.context().close();
  });

  test("the partner's own dashboard drills down from a bar to its requests", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.getByRole('link', { name: 'Insights' }).first().click();
    await page.waitForURL('**/insights');
    await page.getByRole('region', { name: 'By status' }).waitFor();
    await page.getByRole('region', { name: 'Funding by partner, programme and year' }).getByText('Georgia').first().waitFor();
    await expectAccessible(page, 'insights');
    await screenshot(page, 'plans-03-insights');
    await page.getByRole('link', { name: /^Submitted\s*1\s*— show the requests$/ }).click();
    await page.waitForURL(/\/insights\/requests\?statuses=SUBMITTED/);
    await page.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(page, 'filtered requests');
    await page.context().close();
  });

  test('the knowledge base: related help on the offering page, and a search in either language', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/offerings/NSO-CT-BORDER-PFP');
    const related = page.getByRole('complementary', { name: 'Help on this' });
    await related.getByRole('link', { name: 'How to apply for a course' }).click();
    await page.waitForURL('**/help/how-to-apply-for-a-course');
    await page.getByRole('heading', { name: 'How to apply for a course', level: 1 }).waitFor();
    await expectAccessible(page, 'help article');
    await page.getByRole('link', { name: 'All help articles' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('co-directeurs');
    await page.getByRole('link', { name: 'Science for Peace and Security grants: the rules' }).waitFor();
    await expectAccessible(page, 'help search');
    await screenshot(page, 'plans-04-help');
    await page.context().close();
  });

  test('a coordinator posts an offer of support, links it to the fitting request, and the partner sees it', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.coordinator.email);
    await navigateTo(page, 'Offers of support');
    await page.waitForURL('**/support');
    await page.getByRole('button', { name: 'Post an offer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Post an offer' });
    await dialog.getByLabel(/^Name of the Ally/).fill('Norway');
    await dialog.getByLabel(/^Title/).fill('Border security trainers');
    await dialog.getByLabel(/^Area of cooperation/).click();
    await page.getByRole('option', { name: 'Training, education and exercises' }).click();
    const year = new Date().getUTCFullYear();
    await dialog.getByLabel(/^Available from/).fill(`${year}-01-01`);
    await dialog.getByLabel(/^Available until/).fill(`${year + 2}-12-31`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('article', { name: 'Border security trainers' }).waitFor();
    await expectAccessible(page, 'offers of support');
    await page.goto(`/requests/${requestId}`);
    const panel = page.getByRole('region', { name: 'Offers of support' });
    await panel.getByText(/Border security trainers — Norway · score \d+: same area/).waitFor();
    await panel.getByRole('button', { name: 'Link this offer' }).click();
    await panel.getByText('Border security trainers', { exact: true }).waitFor();
    await page.context().close();

    const partner = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(partner, CAST.geo.email);
    await partner.goto(`/requests/${requestId}`);
    await partner.getByRole('region', { name: 'Offers of support' }).getByText('Border security trainers', { exact: true }).waitFor();
    await expectAccessible(partner, 'request with a linked offer');
    await screenshot(partner, 'plans-05-linked-offer');
    await partner.context().close();
  });
});
