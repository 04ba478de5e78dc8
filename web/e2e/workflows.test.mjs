// Accounts, iterations, conflicts and notifications in the browser: a person sets their password from a
// one-time link; an administrator edits an iteration and a user; two staff members act on the same request
// and the second is told instead of overwriting; the liaison officer finds the status change in the inbox.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectAccessible, gql, login, newPage, PASSWORD, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();
let request;

/** Georgia's liaison officer submits a request for the border security course over the API. */
async function submitRequest() {
  const token = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
  const { offering } = await gql(portal.app.baseUrl, 'query{offering(code:"NSO-CT-BORDER-PFP"){id iterations{id status}}}', {}, token);
  const iteration = offering.iterations.find((i) => i.status === 'OPEN') ?? offering.iterations[0];
  const { submitRequest } = await gql(
    portal.app.baseUrl,
    'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference}}}',
    {
      i: {
        title: 'Border police training', offeringId: offering.id, iterationId: iteration.id, seatsRequested: 1, idempotencyKey: `e2e-${Date.now()}`,
        purpose: 'Train a border police officer in counter-terrorism screening at the crossings with Türkiye.',
        participants: [{ name: 'Levan Tsiklauri', rankOrTitle: 'Captain', email: 'l.tsiklauri@mia.example.ge' }],
      },
    },
    token,
  );
  return submitRequest.request;
}

describe('accounts', () => {
  test('an administrator creates a user without a password; the one-time link sets it and the person signs in', async () => {
    const admin = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/admin/users');
    await admin.getByRole('table').waitFor();
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel(/^Email address/).fill('ana.gelashvili@mod.example.ge');
    await dialog.getByLabel(/^Display name/).fill('Ana Gelashvili');
    await dialog.getByLabel(/^Partner/).fill('Georgia');
    await admin.getByRole('option', { name: /Georgia/ }).first().click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    const url = (await admin.getByTestId('one-time-secret').textContent()).trim();
    assert.match(url, /\/set-password\?token=/);
    await expectAccessible(admin, 'users (one-time link)');
    await screenshot(admin, '14-admin-user-link');

    // The administrator corrects the display name.
    await admin.getByRole('button', { name: 'Edit ana.gelashvili@mod.example.ge' }).click();
    const edit = admin.getByRole('dialog', { name: 'Edit ana.gelashvili@mod.example.ge' });
    await edit.getByLabel(/^Display name/).fill('Ana Gelashvili-Beridze');
    await expectAccessible(admin, 'edit user');
    await screenshot(admin, '15-admin-user-edit');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await admin.getByRole('cell', { name: /Ana Gelashvili-Beridze/ }).waitFor();
    await admin.context().close();

    const person = await newPage(portal.browser, portal.app.baseUrl);
    await person.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    await person.getByRole('heading', { name: 'Set your password' }).waitFor();
    await expectAccessible(person, 'set password');
    await screenshot(person, '16-set-password');
    await person.getByLabel(/^New password/).fill('Juniper-Orchard-Beacon-31');
    await person.getByLabel(/^Repeat the new password/).fill('Juniper-Orchard-Beacon-31');
    await person.getByRole('button', { name: 'Set password' }).click();
    await person.getByText('Your password is set. You can sign in now.').waitFor();
    // The link works once.
    await person.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    await person.getByLabel(/^New password/).fill('Another-Long-Passphrase-42');
    await person.getByLabel(/^Repeat the new password/).fill('Another-Long-Passphrase-42');
    await person.getByRole('button', { name: 'Set password' }).click();
    await person.getByRole('alert').waitFor();
    await signIn(person, 'ana.gelashvili@mod.example.ge', 'Juniper-Orchard-Beacon-31');
    await person.waitForURL('**/catalogue');
    await person.getByText('Ana Gelashvili-Beridze', { exact: true }).waitFor();
    await person.context().close();
  });
});

describe('catalogue administration', () => {
  test('an administrator edits an iteration and the offering’s references; the offering page shows the change', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.getByLabel('Search').fill('NSO-CT-BORDER-PFP');
    await page.getByRole('button', { name: 'Iterations NSO-CT-BORDER-PFP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Iterations of NSO-CT-BORDER-PFP' });
    await dialog.getByRole('button', { name: /^Edit the iteration starting/ }).first().click();
    await dialog.getByText('Being edited').waitFor();
    assert.notEqual(await dialog.getByLabel(/^Location \(English\)/).inputValue(), '');
    await dialog.getByLabel(/^Location \(English\)/).fill('Tbilisi, Georgia');
    await dialog.getByLabel(/^Seats/).fill('24');
    await expectAccessible(page, 'edit iteration');
    await screenshot(page, '17-admin-iteration-edit');
    await dialog.getByRole('button', { name: 'Save the iteration' }).click();
    await dialog.getByRole('cell', { name: 'Tbilisi, Georgia' }).waitFor();
    await dialog.getByRole('heading', { name: 'Add an iteration' }).waitFor();
    assert.match(await dialog.getByRole('row', { name: /Tbilisi, Georgia/ }).textContent(), /\/ 24/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The offering form has the fields the API accepts: eligibility, languages, references.
    await page.getByRole('button', { name: 'Edit NSO-CT-BORDER-PFP' }).click();
    const form = page.getByRole('dialog', { name: 'Edit NSO-CT-BORDER-PFP' });
    await form.getByLabel('Eligible frameworks').waitFor();
    await form.getByLabel('ePRIME reference').fill('EP-2026-0042');
    await form.getByLabel('ETOC course code').fill('ETOC-BSCT-01');
    await expectAccessible(page, 'offering form');
    await screenshot(page, '18-admin-offering-form');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Edit NSO-CT-BORDER-PFP' }).click();
    assert.equal(await form.getByLabel('ePRIME reference').inputValue(), 'EP-2026-0042');
    await page.keyboard.press('Escape');

    await page.goto('/offerings/NSO-CT-BORDER-PFP');
    await page.getByText('Tbilisi, Georgia').first().waitFor();
    await page.context().close();
  });
});

describe('a request changed by two people at once', () => {
  test('the second staff member’s action gets a conflict: the page reloads and explains', async () => {
    request = await submitRequest();
    const first = await newPage(portal.browser, portal.app.baseUrl);
    const second = await newPage(portal.browser, portal.app.baseUrl);
    for (const page of [first, second]) {
      await signIn(page, CAST.cts.email);
      await page.goto(`/requests/${request.id}`);
      await page.getByRole('button', { name: 'Acknowledge and review' }).waitFor();
    }
    await first.getByRole('button', { name: 'Acknowledge and review' }).click();
    await first.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await first.getByRole('button', { name: 'Approve' }).waitFor();

    // The second page still shows the request as it was.
    await second.getByRole('button', { name: 'Acknowledge and review' }).click();
    await second.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'Someone else changed this in the meantime' });
    await alert.waitFor();
    await alert.getByText(/It has been reloaded/).waitFor();
    // Reloaded: the actions are those of the new state.
    await second.getByRole('button', { name: 'Approve' }).waitFor();
    assert.equal(await second.getByRole('button', { name: 'Acknowledge and review' }).count(), 0);
    await expectAccessible(second, 'request (conflict)');
    await screenshot(second, '19-request-conflict');
    await first.context().close();
    await second.context().close();
  });
});

describe('notifications', () => {
  test('the liaison officer finds the status change in the inbox, opens the request, and it is read', async () => {
    assert.ok(request, 'the request was submitted and acknowledged');
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    const bell = page.getByRole('button', { name: /^Notifications: [1-9]\d* unread$/ });
    await bell.waitFor();
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Latest notifications' });
    await panel.getByText(`[${request.reference}] Status: under review`).waitFor();
    await expectAccessible(page, 'notifications panel');
    await screenshot(page, '20-notifications-panel');
    await panel.getByRole('link', { name: 'See all notifications' }).click();
    await page.waitForURL('**/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const entry = page.getByRole('listitem').filter({ hasText: `[${request.reference}] Status: under review` });
    await entry.getByText('Unread').waitFor();
    await expectAccessible(page, 'notifications');
    await screenshot(page, '21-notifications');
    await entry.getByRole('link').click();
    await page.waitForURL(`**/requests/${request.id}`);
    await page.getByRole('button', { name: 'Notifications: 0 unread' }).waitFor();
    await page.context().close();
  });
});
