// Issue #14 in the browser: a full iteration, a nominee approved onto its waiting list, a seat released by a
// cancellation and offered to that nominee, and the partner confirming it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectAccessible, gql, login, newPage, PASSWORD, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
const ARM = { email: 'liaison.arm@e2e.example.org', displayName: 'Anahit Petrosyan', role: 'PARTNER_LIAISON', partnerCode: 'ARM' };
let held;
let waiting;
let iterationId;
let offeringId;

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A one-seat iteration of the border security course; Georgia holds its seat, Armenia's request is under review. */
async function fullIteration() {
  const base = portal.app.baseUrl;
  const admin = await login(base, ADMIN.email, ADMIN.password);
  await gql(base, 'mutation($i:CreateUserInput!){createUser(input:$i){user{id}}}', { i: { ...ARM, password: PASSWORD } }, admin);
  const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, admin);
  offeringId = offering.id;
  const { upsertOfferingIteration: iteration } = await gql(
    base,
    'mutation($i:OfferingIterationInput!){upsertOfferingIteration(input:$i){id}}',
    { i: { offeringId: offering.id, startDate: day(200), endDate: day(204), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 1, applicationDeadline: day(150), status: 'OPEN' } },
    admin,
  );
  iterationId = iteration.id;
  const submit = async (email, title, nominee) => {
    const token = await login(base, email, PASSWORD);
    const { submitRequest } = await gql(
      base,
      'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference version}}}',
      { i: { title, offeringId: offering.id, iterationId: iteration.id, seatsRequested: 1, purpose: 'Border screening training.', participants: [nominee] } },
      token,
    );
    return submitRequest.request;
  };
  const staff = await login(base, CAST.cts.email, PASSWORD);
  const review = async (r) => (await gql(base, 'mutation($i:TransitionRequestInput!){transitionRequest(input:$i){id reference version}}', { i: { id: r.id, to: 'UNDER_REVIEW', expectedVersion: r.version } }, staff)).transitionRequest;
  const geo = await review(await submit(CAST.geo.email, 'Border screening (Georgia)', { name: 'Levan Tsiklauri', email: 'l.tsiklauri@mia.example.ge' }));
  held = (await gql(base, 'mutation($i:TransitionRequestInput!){transitionRequest(input:$i){id reference version status}}', { i: { id: geo.id, to: 'APPROVED', expectedVersion: geo.version } }, staff)).transitionRequest;
  waiting = await review(await submit(ARM.email, 'Border screening (Armenia)', { name: 'Aram Grigoryan', email: 'a.grigoryan@mod.example.am' }));
}

describe('a released seat goes to the next nominee on the waiting list', () => {
  test('staff approve a request for a full iteration onto the waiting list, and see it on the seat board', async () => {
    await fullIteration();
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.cts.email);
    await page.goto(`/requests/${waiting.id}`);
    await page.getByRole('heading', { level: 2, name: 'Seat board' }).waitFor();
    await page.getByText('1 of 1 seats allocated or offered').waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('0 seats left on the iteration').waitFor();
    // No seat is left: the dialog puts the nominee on the waiting list.
    assert.equal(await dialog.getByLabel('Decision for Aram Grigoryan').inputValue(), 'Waiting list');
    await expectAccessible(page, 'approve dialog');
    await screenshot(page, '30-approve-waitlist');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nominees and seats' }).waitFor();
    await page.getByText('Number 1 on the waiting list').waitFor();
    const board = page.getByRole('region', { name: 'Seat board' });
    await board.getByRole('cell', { name: 'ARM', exact: true }).waitFor();
    await expectAccessible(page, 'request with seat board');
    await screenshot(page, '31-seat-board');

    // Georgia's course is cancelled: its seat comes free and is offered to Armenia's nominee at once.
    await page.goto(`/requests/${held.id}`);
    await page.getByRole('button', { name: 'Cancel the request' }).click();
    await page.getByRole('dialog').getByLabel(/^Reason/).fill('The officer was deployed.');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('region', { name: 'Seat board' }).getByText('Seat offered').waitFor();
    await page.context().close();
  });

  test("the partner sees the offer with its deadline and confirms it; the seat is the request's", async () => {
    assert.ok(waiting, 'the request is on the waiting list');
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ARM.email);
    await page.goto(`/requests/${waiting.id}`);
    await page.getByRole('heading', { level: 2, name: 'Nominees and seats' }).waitFor();
    await page.getByText(/^Confirm by /).waitFor();
    await expectAccessible(page, 'seat offer (partner)');
    await screenshot(page, '32-seat-offer');
    await page.getByRole('button', { name: 'Confirm the seat for Aram Grigoryan' }).click();
    await page.getByRole('cell', { name: 'Accepted' }).waitFor();
    await page.getByText('1 requested, 1 allocated').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Confirm the seat/ }).count(), 0);
    await page.context().close();
  });

  test('inside the change window the partner asks to substitute the nominee, and staff approve it', async () => {
    assert.ok(waiting && iterationId, 'the request holds its seat');
    // The course is brought forward to 30 days from now: inside the 42-day change window.
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    await gql(
      portal.app.baseUrl,
      'mutation($i:OfferingIterationInput!){upsertOfferingIteration(input:$i){id}}',
      { i: { id: iterationId, offeringId, startDate: day(30), endDate: day(34), location: 'Oberammergau', locationFr: 'Oberammergau', capacity: 1, applicationDeadline: day(10), status: 'OPEN' } },
      admin,
    );
    const partner = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(partner, ARM.email);
    await partner.goto(`/requests/${waiting.id}`);
    const panel = partner.getByRole('region', { name: 'Substitutions' });
    await panel.getByText(/^Within 42 days of the start/).waitFor();
    await panel.getByLabel('Nominee to replace').click();
    await partner.getByRole('option', { name: 'Aram Grigoryan' }).click();
    await panel.getByLabel(/^Name/).fill('Narek Hakobyan');
    await panel.getByLabel(/^Reason/).fill('Aram was posted abroad.');
    await panel.getByRole('button', { name: 'Ask for the substitution' }).click();
    await panel.getByText('Waiting for the section').waitFor();
    await expectAccessible(partner, 'substitution (partner)');
    await partner.context().close();

    const staff = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(staff, CAST.cts.email);
    await staff.goto(`/requests/${waiting.id}`);
    const pending = staff.getByRole('article', { name: 'Substitution of nominee 1' });
    await pending.getByText('Aram Grigoryan → Narek Hakobyan').waitFor();
    await screenshot(staff, '33-substitution-staff');
    await pending.getByRole('button', { name: 'Approve the substitution' }).click();
    await pending.getByText('Approved', { exact: true }).waitFor();
    await staff.getByRole('cell', { name: 'Narek Hakobyan' }).first().waitFor();
    await staff.context().close();
  });
});
