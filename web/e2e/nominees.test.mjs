// Nominees in the browser (issue #14 items 5 and 8): a liaison officer keeps the directory, section staff record
// attendance after the course, the officer answers the survey and sees the history, staff read the results.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ADMIN, CAST, PASSWORD, expectAccessible, gql, login, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ITERATION = `mutation($i: OfferingIterationInput!) { upsertOfferingIteration(input: $i) { id } }`;
let offeringId;
let iterationId;
let requestId;

describe('nominees, attendance and the course survey', () => {
  before(async () => {
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    const { offering } = await gql(portal.app.baseUrl, 'query { offering(code: "NSO-CT-BORDER-PFP") { id } }', {}, admin);
    offeringId = offering.id;
    const start = day(150);
    const created = await gql(portal.app.baseUrl, ITERATION, { i: { offeringId, startDate: start, endDate: day(155), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 10, applicationDeadline: day(120), status: 'OPEN' } }, admin);
    iterationId = created.upsertOfferingIteration.id;
  });

  test("an administrator declares the iteration's nominee requirement", async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByRole('searchbox', { name: 'Search' }).fill('NSO-CT-BORDER-PFP');
    await page.getByRole('button', { name: 'Iterations NSO-CT-BORDER-PFP' }).click();
    const editor = page.getByRole('region', { name: 'Nominee requirements' });
    await editor.getByLabel('Applies to', { exact: true }).click();
    await page.getByRole('option', { name: new RegExp(`^${new Date(`${day(150)}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })} · Oberammergau$`) }).click();
    await editor.getByLabel('Minimum clearance', { exact: true }).click();
    await page.getByRole('option', { name: 'NATO SECRET', exact: true }).click();
    await editor.getByLabel('Language', { exact: true }).fill('en');
    await editor.getByLabel('Minimum SLP (e.g. 3232)').fill('2222');
    await editor.getByRole('button', { name: 'Save the requirement' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expectAccessible(page, 'requirement editor');
    await screenshot(page, '39-requirement-editor');
    await page.context().close();
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    const { offering } = await gql(portal.app.baseUrl, 'query($id: ID!) { offering(id: $id) { iterations { id nomineeRequirement { minClearance language minSlp } } } }', { id: offeringId }, admin);
    assert.deepEqual(offering.iterations.find((i) => i.id === iterationId).nomineeRequirement, { minClearance: 'NATO_SECRET', language: 'en', minSlp: '2222' });
  });

  test('a liaison officer adds a nominee to the directory', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.getByRole('link', { name: 'Nominees' }).first().click();
    await page.waitForURL('**/nominees');
    await page.getByText('No nominees yet').waitFor();
    await page.getByRole('button', { name: 'Add a nominee' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a nominee' });
    await dialog.getByLabel(/^Name/).fill('Tamar Lomidze');
    await dialog.getByLabel('Rank or title').fill('MAJ');
    await dialog.getByLabel('Email').fill('t.lomidze@mod.example.ge');
    await dialog.getByLabel('Security clearance', { exact: true }).click();
    await page.getByRole('option', { name: 'NATO SECRET', exact: true }).click();
    await dialog.getByRole('button', { name: 'Add a language profile' }).click();
    await dialog.getByLabel('SLP').fill('3232');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row', { name: /Tamar Lomidze/ });
    await row.waitFor();
    await row.getByText('EN 3232').waitFor();
    await expectAccessible(page, 'nominee directory');
    await screenshot(page, '40-nominee-directory');
    await page.context().close();
  });

  test('section staff see the check and record attendance once the course has started', async () => {
    // The request is submitted and approved through the API: the forms are covered by requests.test.mjs.
    const geo = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const { nominees } = await gql(portal.app.baseUrl, 'query { nominees { edges { node { id name } } } }', {}, geo);
    const nomineeId = nominees.edges.find((e) => e.node.name === 'Tamar Lomidze').node.id;
    const submitted = await gql(
      portal.app.baseUrl,
      'mutation($i: SubmitRequestInput!) { submitRequest(input: $i) { request { id version } } }',
      { i: { offeringId, iterationId, title: 'Border security course for one officer', seatsRequested: 1, participants: [{ nomineeId }] } },
      geo,
    );
    requestId = submitted.submitRequest.request.id;
    const cts = await login(portal.app.baseUrl, CAST.cts.email, PASSWORD);
    let version = submitted.submitRequest.request.version;
    for (const to of ['UNDER_REVIEW', 'APPROVED']) {
      const moved = await gql(portal.app.baseUrl, 'mutation($i: TransitionRequestInput!) { transitionRequest(input: $i) { version } }', { i: { id: requestId, to, expectedVersion: version } }, cts);
      version = moved.transitionRequest.version;
    }
    // The course begins today.
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    await gql(portal.app.baseUrl, ITERATION, { i: { id: iterationId, offeringId, startDate: day(0), endDate: day(4), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 10, applicationDeadline: null, status: 'OPEN' } }, admin);

    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.goto(`/requests/${requestId}`);
    const section = page.getByRole('region', { name: 'Nominees and attendance' });
    await section.getByText('Meets them').waitFor();
    await section.getByLabel('Attendance of Tamar Lomidze', { exact: true }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await section.getByRole('button', { name: 'Save attendance' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expectAccessible(page, 'attendance entry');
    await screenshot(page, '41-attendance');
    await page.context().close();
  });

  test('the liaison officer answers the survey, in French, and sees the completion in the history', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl, { locale: 'fr-FR' });
    await signIn(page, CAST.geo.email);
    // The survey's notice leads to the surveys.
    await page.goto('/notifications');
    await page.getByRole('link', { name: /Dites-nous comment s’est passé le cours/ }).first().click();
    await page.waitForURL('**/nominees?tab=surveys');
    await page.getByRole('tab', { name: 'Historique de formation' }).click();
    await page.getByRole('row', { name: /Tamar Lomidze/ }).getByText('Cours achevé').waitFor();
    await page.getByRole('tab', { name: 'Enquêtes de fin de cours' }).click();
    await page.getByRole('button', { name: 'Répondre à l’enquête' }).click();
    const dialog = page.getByRole('dialog');
    for (const [question, rating] of [['Appréciation d’ensemble', '4'], ['Contenu du cours', '5'], ['Organisation et logistique', '3'], ['Pertinence pour les besoins de votre pays', '4']]) {
      await dialog.getByRole('radiogroup', { name: question }).getByRole('radio', { name: rating, exact: true }).check();
    }
    await dialog.getByLabel('Commentaires').fill('Très bon contenu ; hébergement éloigné de l’école.');
    await expectAccessible(page, 'survey');
    await screenshot(page, '42-survey');
    await dialog.getByRole('button', { name: 'Envoyer l’enquête' }).click();
    await page.getByText(/^Répondu le/).waitFor();
    await page.context().close();
  });

  test('staff of the owning section read the results on the offering page', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.goto('/offerings/NSO-CT-BORDER-PFP');
    const results = page.getByRole('region', { name: 'Survey results' });
    await results.getByText('1 answered, 0 awaiting an answer').waitFor();
    await results.getByText('Très bon contenu ; hébergement éloigné de l’école.').waitFor();
    assert.equal((await results.getByRole('row', { name: /^Overall/ }).textContent()).trim(), 'Overall4');
    await page.getByRole('region', { name: 'Nominee requirements' }).getByText(/NATO SECRET or higher · Language: SLP 2222 in EN/).waitFor();
    await expectAccessible(page, 'offering with survey results');
    await screenshot(page, '43-survey-results');
    await page.context().close();
  });
});
