// Issue #15 in the browser: reference data screens (frameworks, areas, topics), publishing refused until both
// languages are there, and an open request in an area from the web form with the duplicate warning.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectAccessible, expectFocusOnInvalidField, gql, login, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();

describe('reference data screens', () => {
  test('an administrator creates and renames a framework, edits an area and adds a topic', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByRole('tab', { name: 'Frameworks' }).click();
    await page.getByRole('cell', { name: 'MD', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New framework' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('gcc');
    await dialog.getByLabel(/^Name \(English\)/).fill('Gulf dialogue');
    await dialog.getByLabel(/^Name \(French\)/).fill('Dialogue du Golfe');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Gulf dialogue', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit GCC' }).click();
    dialog = page.getByRole('dialog');
    assert.equal(await dialog.getByLabel(/^Code/).isDisabled(), true);
    await dialog.getByLabel(/^Name \(English\)/).fill('Gulf Cooperation Council dialogue');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Gulf Cooperation Council dialogue', exact: true }).waitFor();
    await expectAccessible(page, 'frameworks');
    await screenshot(page, 'intake-01-frameworks');

    await page.getByRole('tab', { name: 'Areas of cooperation' }).click();
    await page.getByRole('button', { name: 'Edit SCIENCE' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name \(English\)/).fill('Science, technology and innovation');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Science, technology and innovation', exact: true }).waitFor();
    await expectAccessible(page, 'areas');

    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('button', { name: 'New topic' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('SPACE');
    await dialog.getByLabel(/^Name \(English\)/).fill('Space security');
    await dialog.getByLabel(/^Name \(French\)/).fill('Sécurité spatiale');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Space security', exact: true }).waitFor();
    await expectAccessible(page, 'topics');
    await page.context().close();
  });

  test('publishing an offering without its French texts is refused, naming what is missing', async () => {
    const token = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    await gql(
      portal.app.baseUrl,
      'mutation($i: CreateOfferingInput!) { createOffering(input: $i) { id } }',
      { i: { code: 'E2E-EN-ONLY', kind: 'EXPERT_BRIEFING', titleEn: 'English only briefing', summaryEn: 'In English.', descriptionEn: 'Only English.', owningSectionCode: 'CTS', deliveryMode: 'REMOTE', leadTimeDays: 0 } },
      token,
    );
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByLabel('Search').fill('E2E-EN-ONLY');
    await page.getByRole('button', { name: 'Publish E2E-EN-ONLY' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Both languages are needed to publish' });
    await alert.waitFor();
    assert.equal((await page.getByTestId('missing-fields').textContent()).trim(), 'Missing: titleFr, summaryFr, descriptionFr');
    await expectAccessible(page, 'publishing refused');
    await screenshot(page, 'intake-02-publish-refused');

    // The editor takes the French side, a programme flag and a RELEASABLE TO marking with its recipients.
    await page.getByRole('button', { name: 'Edit E2E-EN-ONLY' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title (French)').fill('Exposé en anglais seulement');
    await dialog.getByLabel('Summary (French)').fill('En anglais.');
    await dialog.getByLabel('Description (French)').fill('Seulement en anglais.');
    // Mantine's pill field sits under its wrapper, which takes the pointer: click through.
    // The list of flags arrives with its own query: a click before it has loaded opens an empty list, so open it again.
    for (let attempt = 1; ; attempt++) {
      await dialog.getByLabel('Required programme flags', { exact: true }).first().click({ force: true });
      try {
        await page.getByRole('option', { name: /\(DCB\)/ }).click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await dialog.getByRole('combobox', { name: /^Releasability/ }).click();
    await page.getByRole('option', { name: /releasable to the partners and frameworks listed/ }).click();
    await dialog.getByLabel('Releasable to partners', { exact: true }).first().click({ force: true });
    await page.keyboard.type('Georgia');
    await page.getByRole('option', { name: 'Georgia (GEO)' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Publish E2E-EN-ONLY' }).click();
    await page.getByRole('button', { name: 'Archive E2E-EN-ONLY' }).waitFor();
    const { offering } = await gql(portal.app.baseUrl, '{ offering(code: "E2E-EN-ONLY") { status titleFr requiredProgrammeFlags releasability releasableToPartners { code } } }', {}, token);
    assert.deepEqual(offering, { status: 'PUBLISHED', titleFr: 'Exposé en anglais seulement', requiredProgrammeFlags: ['DCB'], releasability: 'RELEASABLE TO', releasableToPartners: [{ code: 'GEO' }] });
    await page.context().close();
  });
});

describe('a published offering stays bilingual', () => {
  test('blanking a French text or an iteration\'s French location is refused, and the field is marked beside its input', async () => {
    const base = portal.app.baseUrl;
    const token = await login(base, ADMIN.email, ADMIN.password);
    const { createOffering } = await gql(
      base,
      'mutation($i: CreateOfferingInput!) { createOffering(input: $i) { id } }',
      { i: { code: 'E2E-BILINGUAL', kind: 'TRAINING_COURSE', titleEn: 'Bilingual course', titleFr: 'Cours bilingue', summaryEn: 'In both languages.', summaryFr: 'Dans les deux langues.', descriptionEn: 'English and French.', descriptionFr: 'Anglais et français.', owningSectionCode: 'CTS', deliveryMode: 'RESIDENT', leadTimeDays: 0 } },
      token,
    );
    await gql(base, 'mutation($i: OfferingIterationInput!) { upsertOfferingIteration(input: $i) { id } }', { i: { offeringId: createOffering.id, startDate: '2031-05-05', endDate: '2031-05-09', location: 'Riga, Latvia', locationFr: 'Riga (Lettonie)', status: 'PLANNED' } }, token);
    await gql(base, 'mutation($id: ID!) { publishOffering(id: $id) { id } }', { id: createOffering.id }, token);

    const page = await newPage(portal.browser, base);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByLabel('Search').fill('E2E-BILINGUAL');
    await page.getByRole('button', { name: 'Edit E2E-BILINGUAL' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit E2E-BILINGUAL' });
    await dialog.getByLabel('Summary (French)').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Missing: summaryFr' }).waitFor();
    const summaryFr = dialog.getByLabel('Summary (French)');
    assert.equal(await summaryFr.getAttribute('aria-invalid'), 'true');
    await expectFocusOnInvalidField(page, 'the field in error has the focus');
    await dialog.getByText('Needed in English and French: this offering is published.').waitFor();
    await expectAccessible(page, 'published offering edit refused');
    await screenshot(page, 'intake-03-published-edit-refused');
    await dialog.getByLabel('Summary (French)').fill('Dans les deux langues, toujours.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Iterations E2E-BILINGUAL' }).click();
    const iterations = page.getByRole('dialog', { name: 'Iterations of E2E-BILINGUAL' });
    await iterations.getByRole('button', { name: /^Edit the iteration starting/ }).click();
    await iterations.getByLabel('Location (French)').fill('');
    await iterations.getByRole('button', { name: 'Save the iteration' }).click();
    await iterations.getByRole('alert').filter({ hasText: 'Missing: iterations[0].locationFr' }).waitFor();
    assert.equal(await iterations.getByLabel('Location (French)').getAttribute('aria-invalid'), 'true');
    await iterations.getByText('Needed in English and French: this offering is published.').waitFor();
    await expectAccessible(page, 'published iteration edit refused');
    const { offering } = await gql(base, '{ offering(code: "E2E-BILINGUAL") { summaryFr iterations { locationFr } } }', {}, token);
    assert.deepEqual(offering, { summaryFr: 'Dans les deux langues, toujours.', iterations: [{ locationFr: 'Riga (Lettonie)' }] });
    await page.context().close();
  });
});

describe('open requests in an area', () => {
  async function openRequest(page, title) {
    await page.goto('/catalogue');
    await page.getByRole('link', { name: 'Open request in an area' }).click();
    await page.waitForURL('**/requests/new');
    await page.getByText('An open request, not tied to an offering of the catalogue.').waitFor();
    await page.getByRole('combobox', { name: /^Area of cooperation/ }).click();
    await page.getByRole('option', { name: 'Civil emergency planning and crisis management' }).click();
    await page.getByLabel(/^Title of the request/).fill(title);
    await page.getByLabel(/^Purpose/).fill('Advice on a national flood response plan.');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    await page.getByRole('heading', { name: 'Request submitted' }).waitFor();
    return (await page.getByTestId('reference').textContent()).trim();
  }

  test('a liaison officer asks for cooperation in an area, and a second such request is flagged as a duplicate', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    const first = await openRequest(page, 'Flood response planning');
    assert.match(first, /^CR-\d{4}-\d+$/);
    assert.equal(await page.getByText(/open request for the same thing/).count(), 0);
    const second = await openRequest(page, 'Flood response planning, again');
    assert.notEqual(second, first);
    await page.getByText(`Your partner already has an open request for the same thing (${first}).`, { exact: false }).waitFor();
    await expectAccessible(page, 'open request submitted');
    await screenshot(page, 'intake-03-open-request-duplicate');
    await page.context().close();
  });
});
