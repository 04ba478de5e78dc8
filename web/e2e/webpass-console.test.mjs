// Issue #18, the triage console at 1366 px: offering, seats and service-target columns (time left, paused while
// waiting for the partner), status badges in full, bulk acknowledge on selected rows, a personal saved view that
// survives a reload, assigning to a colleague, "Resume the review" while information is requested, and a
// reroute whose dialog says the partner sees the reason and which ends on the queue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectFocusOnInvalidField, expectFullyAccessible, gql, login, newPage, PASSWORD, signIn, usePortal } from './support.mjs';

const portal = usePortal();
const made = [];

async function setUp() {
  const base = portal.app.baseUrl;
  const geo = await login(base, CAST.geo.email, PASSWORD);
  const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, geo);
  for (const title of ['Console one', 'Console two', 'Console three']) {
    const { submitRequest } = await gql(base, 'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference version}}}', { i: { title, offeringId: offering.id, seatsRequested: 2, purpose: 'Screening.', participants: [{ name: 'Nika Gelashvili' }] } }, geo);
    made.push(submitRequest.request);
  }
  const staff = await login(base, CAST.cts.email, PASSWORD);
  const move = async (r, to, reason = null) => (await gql(base, 'mutation($i:TransitionRequestInput!){transitionRequest(input:$i){id reference version}}', { i: { id: r.id, to, reason, expectedVersion: r.version } }, staff)).transitionRequest;
  made[2] = await move(await move(made[2], 'UNDER_REVIEW'), 'INFORMATION_REQUESTED', 'Which unit?');
}

describe('the triage console', () => {
  test('columns for offering, seats and time left; badges in full; bulk acknowledge; a saved view kept across reloads', async () => {
    await setUp();
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.waitForURL('**/queue');
    const row = page.getByRole('row').filter({ hasText: made[0].reference });
    await row.waitFor();
    for (const column of ['Offering', 'Seats', 'Service target']) await page.getByRole('columnheader', { name: new RegExp(`^${column}`) }).waitFor();
    await row.getByText('Border Security and Counter-Terrorism').waitFor();
    await row.getByText('0 / 2').waitFor();
    await row.getByText(/^\d+ (days?|hours?) left$/).waitFor();
    // No badge is cut: its text fits its box.
    const cut = await page.evaluate(() => [...document.querySelectorAll('.status-badge')].filter((b) => b.scrollWidth > b.clientWidth + 1 || [...b.querySelectorAll('*')].some((c) => c.scrollWidth > c.clientWidth + 1)).map((b) => b.textContent));
    assert.deepEqual(cut, []);
    await expectFullyAccessible(page, 'queue with the new columns');

    // Bulk: select the two new requests, acknowledge them together.
    await page.getByLabel(`Select ${made[0].reference}`).check();
    await page.getByLabel(`Select ${made[1].reference}`).check();
    const bar = page.getByRole('region', { name: '2 requests selected' });
    await bar.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('2 requests updated.').waitFor();
    await expectFullyAccessible(page, 'queue after a bulk action');

    // Awaiting the partner: the clock is shown paused.
    await page.getByText('Awaiting partner', { exact: true }).click();
    await page.getByRole('row').filter({ hasText: made[2].reference }).getByText('Paused: waiting for the partner').waitFor();

    // A saved view of my own, there again after a reload.
    await page.getByRole('button', { name: 'Save this view' }).click();
    await page.getByRole('dialog').getByLabel(/^Name of the view/).fill('Georgia waiting');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Georgia waiting', { exact: true }).waitFor();
    await page.reload();
    await page.getByText('Georgia waiting', { exact: true }).waitFor();
    await page.getByText('All', { exact: true }).first().click();
    await page.getByText('Georgia waiting', { exact: true }).click();
    await page.waitForURL(/view=awaiting/);
    await page.context().close();
  });

  test('bulk "Assign to…" a colleague: the selected rows go to the colleague in one call, and each row shows them', async () => {
    const base = portal.app.baseUrl;
    const geo = await login(base, CAST.geo.email, PASSWORD);
    const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, geo);
    const refs = [];
    for (const title of ['Bulk one', 'Bulk two']) {
      const { submitRequest } = await gql(base, 'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference}}}', { i: { title, offeringId: offering.id, seatsRequested: 1, purpose: 'Screening.', participants: [{ name: 'Tamar Kobakhidze' }] } }, geo);
      refs.push(submitRequest.request.reference);
    }
    const page = await newPage(portal.browser, base);
    await signIn(page, CAST.cts.email);
    await page.waitForURL('**/queue');
    for (const ref of refs) await page.getByLabel(`Select ${ref}`).check();
    const bar = page.getByRole('region', { name: '2 requests selected' });
    await bar.getByPlaceholder('Assign to…').click();
    await page.getByRole('option', { name: CAST.coordinator.displayName }).click();
    await page.getByText('2 requests updated.').waitFor();
    for (const ref of refs) await page.getByRole('row').filter({ hasText: ref }).getByText(CAST.coordinator.displayName).waitFor();
    await expectFullyAccessible(page, 'queue after a bulk assignment to a colleague');
    await page.context().close();
  });

  test('information requested reads "Resume the review"; assign to a colleague; reroute tells and ends on the queue', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.goto(`/requests/${made[2].id}`);
    await page.getByRole('button', { name: 'Resume the review' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Acknowledge and review' }).count(), 0);

    await page.goto(`/requests/${made[0].id}`);
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await page.getByPlaceholder('Assign to a colleague').click();
    await page.getByRole('option', { name: CAST.coordinator.displayName }).click();
    await page.getByText(CAST.coordinator.displayName, { exact: true }).first().waitFor();

    // A canned reply fills the comment box, to be edited before posting.
    await page.getByLabel('Canned reply').first().click();
    await page.getByRole('option', { name: 'Received, under review' }).click();
    assert.match(await page.getByLabel(/^New comment/).inputValue(), /^Thank you: we have received your request/);

    await page.getByRole('button', { name: 'Reroute' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText("The partner sees this reason in the request's history.").waitFor();
    await dialog.getByLabel(/^New section/).click();
    await page.getByRole('option').filter({ hasNotText: 'CTS' }).first().click();
    await dialog.getByLabel(/^Reason/).fill('Belongs to the defence capacity building team.');
    await expectFullyAccessible(page, 'reroute dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL('**/queue');
    await page.getByText(new RegExp(`^${made[0].reference} was sent to `)).waitFor();
    assert.equal(await page.getByText('This request does not exist').count(), 0);
    await page.context().close();
  });
});

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let approved;

describe('approving with a chosen number of seats', () => {
  test('approve 2 of 3 requested seats: the request shows 2 allocated and the iteration 2 seats fewer free', async () => {
    const base = portal.app.baseUrl;
    const admin = await login(base, ADMIN.email, ADMIN.password);
    const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, admin);
    const { upsertOfferingIteration: iteration } = await gql(
      base,
      'mutation($i:OfferingIterationInput!){upsertOfferingIteration(input:$i){id}}',
      { i: { offeringId: offering.id, startDate: day(220), endDate: day(224), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 10, applicationDeadline: day(170), status: 'OPEN' } },
      admin,
    );
    const geo = await login(base, CAST.geo.email, PASSWORD);
    const nominees = ['Levan Abashidze', 'Mariam Kapanadze', 'Giorgi Lomidze'].map((name, i) => ({ name, email: `nominee${i}.seats@mia.example.ge` }));
    const { submitRequest } = await gql(
      base,
      'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference version}}}',
      { i: { title: 'Three asked, two granted', offeringId: offering.id, iterationId: iteration.id, seatsRequested: 3, purpose: 'Border screening.', participants: nominees } },
      geo,
    );
    const staff = await login(base, CAST.cts.email, PASSWORD);
    const r = submitRequest.request;
    approved = r;
    const move = async (version, to, reason = null) => (await gql(base, 'mutation($i:TransitionRequestInput!){transitionRequest(input:$i){version}}', { i: { id: r.id, to, reason, expectedVersion: version } }, staff)).transitionRequest.version;
    const asked = await move(await move(r.version, 'UNDER_REVIEW'), 'INFORMATION_REQUESTED', 'Which unit do they serve in?');
    await gql(base, 'mutation($i:RespondToInformationRequestInput!){respondToInformationRequest(input:$i){id}}', { i: { id: r.id, body: 'The border police.', expectedVersion: asked } }, geo);

    const page = await newPage(portal.browser, base);
    await signIn(page, CAST.cts.email);
    await page.goto(`/requests/${r.id}`);
    await page.getByText('Iteration: 10 of 10 free').waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 seats requested · 10 seats left on the iteration').waitFor();
    await dialog.getByLabel('Seats to grant').fill('2');
    // The seats are re-dealt: the first two nominees take them, the third waits; with seats still free, the dialog
    // says a waiting nominee would be offered one at once, so staff decline the third instead.
    assert.equal(await dialog.getByLabel('Decision for Mariam Kapanadze').inputValue(), 'Accepted');
    assert.equal(await dialog.getByLabel('Decision for Giorgi Lomidze').inputValue(), 'Waiting list');
    await dialog.getByText('Seats are still free on the iteration: a nominee on the waiting list is offered one at once, to confirm.').waitFor();
    await dialog.getByLabel('Decision for Giorgi Lomidze').click();
    await page.getByRole('option', { name: 'Declined' }).click();
    await dialog.getByLabel(/^Why Giorgi Lomidze is declined/).fill('Two places for Georgia on this run.');
    await expectFullyAccessible(page, 'approve dialog with 2 of 3 seats');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('3 requested, 2 allocated').waitFor();
    await page.getByText('Iteration: 8 of 10 free').waitFor();
    const { request } = await gql(base, 'query($id:ID!){request(id:$id){seatsAllocated iteration{seatsAvailable seatsAllocated}}}', { id: r.id }, staff);
    assert.deepEqual([request.seatsAllocated, request.iteration.seatsAvailable, request.iteration.seatsAllocated], [2, 8, 2]);
    await page.context().close();
  });
});

describe('canned replies', () => {
  test("section staff write a reply in both languages on the canned replies screen, the request's comment box offers it, and it can be edited and deleted", async () => {
    const base = portal.app.baseUrl;
    const geo = await login(base, CAST.geo.email, PASSWORD);
    const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, geo);
    const { submitRequest } = await gql(base, 'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id}}}', { i: { title: 'Canned reply target', offeringId: offering.id, seatsRequested: 1, purpose: 'Screening.', participants: [{ name: 'Ana Gogua' }] } }, geo);

    const page = await newPage(portal.browser, base);
    await signIn(page, CAST.cts.email);
    await page.waitForURL('**/queue');
    await page.goto('/canned-replies');
    await page.getByRole('heading', { level: 1, name: 'Canned replies' }).waitFor();
    // Every section's replies are listed, not editable by section staff.
    await page.getByRole('row').filter({ hasText: 'Received, under review' }).getByText('Managed by the administrators').waitFor();
    await page.getByRole('button', { name: 'New canned reply' }).click();
    const dialog = page.getByRole('dialog', { name: 'New canned reply' });
    await dialog.getByLabel(/^Title in English/).fill('Joining instructions sent');
    await dialog.getByLabel(/^Text in English/).fill('The joining instructions have been sent to each nominee.');
    await dialog.getByLabel(/^Title in French/).fill('Consignes envoyées');
    await dialog.getByLabel(/^Text in French/).fill('Les consignes ont été envoyées à chaque candidat.');
    await expectFullyAccessible(page, 'canned reply editor');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Joining instructions sent' });
    await row.getByText('Counter-Terrorism Section').waitFor();
    await expectFullyAccessible(page, 'canned replies screen');

    // The comment box of a request routed to the section offers it.
    await page.goto(`/requests/${submitRequest.request.id}`);
    await page.getByLabel('Canned reply').first().click();
    await page.getByRole('option', { name: 'Joining instructions sent' }).click();
    assert.equal(await page.getByLabel(/^New comment/).inputValue(), 'The joining instructions have been sent to each nominee.');

    // Edited, then deleted: gone from the screen.
    await page.goto('/canned-replies');
    await page.getByRole('button', { name: 'Edit “Joining instructions sent”' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the canned reply' });
    await edit.getByLabel(/^Title in English/).fill('Joining instructions on their way');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete “Joining instructions on their way”' }).click();
    await page.getByRole('dialog', { name: 'Delete the canned reply?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('row').filter({ hasText: 'Joining instructions on their way' }).waitFor({ state: 'detached' });
    await page.context().close();
  });
});

describe('the timeline in French', () => {
  test("renders the server's own entries from their kind and parameters in French, and a person's reason as written", async () => {
    assert.ok(approved, 'the request approved above');
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.waitForURL('**/catalogue');
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
    await page.goto(`/requests/${approved.id}`);
    const timeline = page.getByRole('region', { name: 'Historique' });
    await timeline.waitFor();
    const texts = () => timeline.getByTestId('event-text').allTextContents();
    await timeline.getByText('2 places', { exact: true }).waitFor();
    const shown = await texts();
    assert.ok(shown.includes('2 acceptés, 0 en liste d’attente, 1 refusé'), shown.join(' | '));
    assert.ok(shown.includes('Informations fournies'), shown.join(' | '));
    assert.ok(shown.includes('Which unit do they serve in?'), "the staff member's question as written");
    assert.deepEqual(shown.filter((x) => /\bseats\b|accepted|Information provided/.test(x)), [], 'no English system text');
    await expectFullyAccessible(page, 'request timeline in French');
    await page.context().close();
  });
});

describe('administration', () => {
  test('an empty Save names every missing field at once and focuses the first; Escape asks before discarding', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/offerings');
    await page.getByRole('button', { name: 'New offering' }).click();
    const dialog = page.getByRole('dialog', { name: 'New offering' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Give a title in English or in French.').waitFor();
    assert.ok((await dialog.getByText('Required.', { exact: true }).count()) >= 2, 'the code and the section are both named');
    await expectFocusOnInvalidField(page, 'the first field in error has the focus');
    await expectFullyAccessible(page, 'offering editor with errors');
    await dialog.getByLabel(/^Code/).fill('WEBPASS-HALF');
    await page.keyboard.press('Escape');
    await dialog.getByText('Discard the changes to this offering?').waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    assert.equal(await dialog.getByLabel(/^Code/).inputValue(), 'WEBPASS-HALF');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Discard', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
