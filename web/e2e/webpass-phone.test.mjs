// Issue #18 at phone size (390×844): the header's controls and the burger menu (every link, language, sign-out),
// the catalogue's results before its filters, and no page wider than the screen — the catalogue, the request
// form, the request page and the queue — with each row's status in view.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectFullyAccessible, gql, login, PASSWORD, signIn, usePortal } from './support.mjs';

const portal = usePortal();
const PHONE = { width: 390, height: 844 };

async function phonePage(email, password = PASSWORD) {
  const context = await portal.browser.newContext({ baseURL: portal.app.baseUrl, locale: 'en-GB', viewport: PHONE, bypassCSP: true, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await signIn(page, email, password);
  return page;
}

/** The page is no wider than the screen: nothing scrolls sideways at the document level. */
async function assertNoOverflow(page, screen) {
  await page.waitForTimeout(300);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `${screen}: the page is ${scroll} px wide on a ${client} px screen`);
}

/** The element is on screen horizontally (not cut off or pushed out to the right). */
async function assertInView(locator, what) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is rendered`);
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${what} lies within the screen's width (x ${box.x}, width ${box.width})`);
}

let requestId;
let reference;

describe('at phone size', () => {
  test('the header keeps the menu and the bell in reach; the menu has every link, the language and sign-out', async () => {
    const page = await phonePage(CAST.geo.email);
    await page.waitForURL('**/catalogue');
    const burger = page.getByRole('button', { name: 'Open the menu' });
    await assertInView(burger, 'the menu button');
    await assertInView(page.getByRole('button', { name: /^Notifications/ }), 'the bell');
    await burger.click();
    // The menu slides in: measure it where it settles.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.waitForTimeout(400);
    for (const name of ['Catalogue', "My nation's requests", 'Nominees', 'Notifications', 'Sign out']) {
      await assertInView(page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true })).last(), `"${name}" in the menu`);
    }
    const menu = page.locator('.mantine-AppShell-navbar');
    await menu.getByText('FR', { exact: true }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menu.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.context().close();
  });

  test('the catalogue shows results first, filters in a drawer, and is no wider than the screen', async () => {
    const page = await phonePage(CAST.geo.email);
    await page.waitForURL('**/catalogue');
    const first = page.locator('article').first();
    await first.waitFor();
    const box = await first.boundingBox();
    assert.ok(box.y < PHONE.height, `the first result starts on the first screen (at ${box.y} px)`);
    assert.equal(await page.getByRole('complementary', { name: 'Filters' }).count(), 0, 'no filter column before the results');
    await page.getByRole('button', { name: /^Filters/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Filters' });
    await drawer.getByText('With open seats').waitFor();
    await page.keyboard.press('Escape');
    await assertNoOverflow(page, 'catalogue');
    await expectFullyAccessible(page, 'catalogue at phone size');
    await page.context().close();
  });

  test('the request form fits the screen, participants as cards', async () => {
    const page = await phonePage(CAST.geo.email);
    await page.goto('/requests/new?offering=NSO-CT-BORDER-PFP');
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await page.getByLabel(/^Purpose/).fill('Screening training at phone size.');
    await page.getByLabel('Name 1').fill('Ana Kvaratskhelia');
    await page.getByRole('button', { name: 'Add a participant' }).click();
    await page.getByLabel('Email 2').fill('second@mod.example.ge');
    await assertInView(page.getByLabel('Email 2'), 'the second participant\'s email');
    await assertInView(page.getByLabel('Remove participant 2'), 'the remove button of row 2');
    await assertNoOverflow(page, 'request form');
    await assertInView(page.getByRole('button', { name: 'Submit the request' }), 'Submit');
    await expectFullyAccessible(page, 'request form at phone size');
    await page.context().close();
  });

  test('the request page and the queue fit the screen, with the status of each row in view', async () => {
    const base = portal.app.baseUrl;
    const geo = await login(base, CAST.geo.email, PASSWORD);
    const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, geo);
    const { submitRequest } = await gql(
      base,
      'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id reference}}}',
      { i: { title: 'Phone-sized request with a long title that must wrap rather than widen the page', offeringId: offering.id, seatsRequested: 2, purpose: 'Screening.', participants: [{ name: 'Ana Kvaratskhelia', email: 'ana.k@mod.example.ge', rankOrTitle: 'Lieutenant-Colonel', languageLevel: '3232', clearance: 'NATO SECRET' }] } },
      geo,
    );
    requestId = submitRequest.request.id;
    reference = submitRequest.request.reference;
    const partner = await phonePage(CAST.geo.email);
    await partner.goto(`/requests/${requestId}`);
    await partner.getByRole('heading', { level: 1, name: /^Phone-sized request/ }).waitFor();
    await assertNoOverflow(partner, 'request page');
    await assertInView(partner.getByText('ana.k@mod.example.ge'), 'the participant\'s email');
    await expectFullyAccessible(partner, 'request page at phone size');
    await partner.context().close();

    const staff = await phonePage(CAST.cts.email);
    await staff.waitForURL('**/queue');
    const row = staff.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    await assertNoOverflow(staff, 'queue');
    await assertInView(row.getByText('Submitted', { exact: true }), 'the row\'s status');
    await assertInView(row.getByRole('link', { name: reference }), 'the row\'s link');
    await expectFullyAccessible(staff, 'queue at phone size');
    await staff.context().close();
  });

  test('admin and nominee tables are cards at phone size: nothing scrolls sideways inside them, each row\'s status and actions in view', async () => {
    /** No table box scrolls sideways: every table fits its container, which fits the screen. */
    const assertTablesFit = async (page, screen) => {
      await page.waitForTimeout(300);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('.stack-table')].flatMap((box) =>
          [box, ...box.querySelectorAll('.mantine-ScrollArea-viewport, table')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}/${el.clientWidth}`),
        ),
      );
      assert.deepEqual(wide, [], `${screen}: tables scroll sideways`);
      assert.ok((await page.locator('.stack-table').count()) > 0, `${screen}: a table is shown`);
      await assertNoOverflow(page, screen);
    };

    const admin = await phonePage(ADMIN.email, ADMIN.password);
    for (const [tab, withStatus] of [['offerings', true], ['users', false], ['partners', true], ['frameworks', false], ['sections', false], ['areas', false]]) {
      await admin.goto(`/admin/${tab}`);
      const first = admin.locator('.stack-table tbody tr').first();
      await first.waitFor({ timeout: 15_000 }).catch(() => assert.fail(`admin ${tab}: no table row shown`));
      await assertTablesFit(admin, `admin ${tab}`);
      // Each cell is labelled by its column on the card.
      assert.ok(await first.locator('td[data-label]').count(), `admin ${tab}: cells carry their column's label`);
      if (withStatus) await assertInView(first.locator('td[data-label="Status"]'), `admin ${tab}: the first row's status`);
      const action = first.getByRole('button').first();
      if (await action.count()) await assertInView(action, `admin ${tab}: the first row's first action`);
    }
    await admin.goto('/admin/offerings');
    await admin.locator('.stack-table tbody tr').first().waitFor();
    await expectFullyAccessible(admin, 'admin offerings at phone size');
    await admin.context().close();

    const geo = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    await gql(portal.app.baseUrl, 'mutation($i:NomineeInput!){createNominee(input:$i){id}}', { i: { name: 'Salome Zurabishvili-Kakhiani', rankOrTitle: 'Lieutenant-Colonel', email: 'salome.zurabishvili-kakhiani@mod.example.ge', clearanceLevel: 'NATO_SECRET' } }, geo);
    const liaison = await phonePage(CAST.geo.email);
    await liaison.goto('/nominees');
    const row = liaison.locator('.stack-table tbody tr').filter({ hasText: 'Salome Zurabishvili-Kakhiani' });
    await row.waitFor();
    await assertTablesFit(liaison, 'nominees');
    await assertInView(row.getByRole('button', { name: 'Edit: Salome Zurabishvili-Kakhiani' }), 'the nominee\'s Edit');
    await assertInView(row.getByRole('button', { name: 'Delete: Salome Zurabishvili-Kakhiani' }), 'the nominee\'s Delete');
    await expectFullyAccessible(liaison, 'nominees at phone size');
    await liaison.context().close();
  });
});
