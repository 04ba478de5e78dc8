// Issue #18, the request form and the partner's views: autosave keeps everything typed (also what the server
// would refuse), errors in the person's language with 1-based rows, Submit says why it is disabled, no past
// dates, an honest verdict on the offering page, drafts counted in the tabs, the question shown, notices read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectFullyAccessible, gql, login, newPage, PASSWORD, signIn, tabTo, usePortal } from './support.mjs';

const portal = usePortal();

describe('the request form never loses work', () => {
  test('an invalid email, an end before the start and a row with only a rank are all there after reopening the draft', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/requests/new?offering=NSO-CT-BORDER-PFP');
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    // Title and purpose empty: Submit is disabled and says why.
    await page.getByLabel(/^Title of the request/).fill('');
    const submit = page.getByRole('button', { name: 'Submit the request' });
    assert.equal(await submit.isDisabled(), true);
    const why = page.getByTestId('submit-blockers');
    await why.getByText('enter a title').waitFor();
    await why.getByText('describe the purpose').waitFor();
    assert.equal(await submit.getAttribute('aria-describedby'), 'submit-blockers');

    await page.getByLabel(/^Title of the request/).fill('Three border officers');
    await page.getByLabel(/^Purpose/).fill('Counter-terrorism screening for three officers.');
    await page.getByLabel('Seats requested').fill('3');
    await page.getByLabel('Name 1').fill('Giorgi Kapanadze');
    await page.getByLabel('Email 1').fill('not-an-email');
    await page.getByRole('button', { name: 'Add a participant' }).click();
    await page.getByLabel('Name 2').fill('Tamar Lomidze');
    await page.getByRole('button', { name: 'Add a participant' }).click();
    await page.getByLabel('Rank or title 3').fill('Captain');

    // The email is wrong: the field says so in English, highlighted, and Submit lists it with its 1-based row.
    const email1 = page.getByLabel('Email 1');
    assert.equal(await email1.getAttribute('aria-invalid'), 'true');
    await page.getByText('Enter an email address such as name@example.org.').first().waitFor();
    await why.getByText('Participant 1: Email — Enter an email address such as name@example.org.').waitFor();
    await why.getByText('Participant 3: Name — Required.').waitFor();
    assert.equal(await submit.isDisabled(), true);
    // The valid part is saved on the server; the rest is kept on this device, and the status says so.
    await page.getByText(/^Draft saved at .*kept on this device/).waitFor({ timeout: 15_000 });
    const draftUrl = page.url();
    assert.match(draftUrl, /draft=/);

    // Reopened from the draft's URL in the same browser: exactly what was typed.
    await page.goto('/requests');
    await page.goto(draftUrl);
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    assert.equal(await page.getByLabel('Seats requested').inputValue(), '3');
    assert.equal(await page.getByLabel('Email 1').inputValue(), 'not-an-email');
    assert.equal(await page.getByLabel('Name 2').inputValue(), 'Tamar Lomidze');
    assert.equal(await page.getByLabel('Rank or title 3').inputValue(), 'Captain');

    // Corrected, the form can be submitted; the form's URL then shows the submitted request, not a new form.
    await page.getByLabel('Email 1').fill('g.kapanadze@mod.example.ge');
    await page.getByLabel('Name 3').fill('Davit Abashidze');
    await page.getByText(/^Draft saved at \d/).waitFor({ timeout: 15_000 });
    await expectFullyAccessible(page, 'request form with a draft');
    await submit.click();
    await page.getByRole('heading', { name: 'Request submitted' }).waitFor();
    await page.goto(draftUrl);
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Three border officers' }).waitFor();
    // The server's timeline has one CREATED entry for the draft, not one per autosave.
    assert.equal(await page.getByText(/^Updated/).count(), 0);
    await page.context().close();
  });

  test('the date pickers offer no past day, and a past date typed in is flagged in French', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl, { locale: 'fr-FR' });
    await signIn(page, CAST.geo.email);
    await page.goto('/requests/new?offering=NSO-CT-BORDER-PFP');
    await page.getByRole('heading', { name: 'Nouvelle demande' }).waitFor();
    await page.getByLabel(/^Début souhaité/).click();
    // Yesterday's day button (when it is in the month shown) is disabled; today is not.
    const yesterday = new Date(Date.now() - 86_400_000);
    const today = new Date();
    if (yesterday.getMonth() === today.getMonth()) {
      const days = page.locator('.mantine-Popover-dropdown button[class*="-day"]:not([data-outside])');
      await days.first().waitFor();
      const cell = days.filter({ hasText: new RegExp(`^${yesterday.getDate()}$`) }).first();
      assert.ok((await cell.isDisabled()) || (await cell.getAttribute('data-disabled')) !== null, 'yesterday cannot be picked');
      const todayCell = days.filter({ hasText: new RegExp(`^${today.getDate()}$`) }).first();
      assert.equal(await todayCell.getAttribute('data-disabled'), null, 'today can be picked');
    }
    await page.keyboard.press('Escape');
    await page.context().close();
  });
});

describe('the releasability marking of a request', () => {
  test('picked in the form, kept by the draft across reloads, submitted, and shown on the request page to the partner and to staff', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/requests/new?offering=NSO-CT-BORDER-PFP');
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await page.getByLabel(/^Title of the request/).fill('Marked for Georgia only');
    await page.getByLabel(/^Purpose/).fill('Screening training, releasable to Georgia only.');
    await page.getByLabel('Name 1').fill('Ana Tsiklauri');
    const marking = page.getByRole('combobox', { name: /^Releasability marking/ });
    assert.equal(await marking.inputValue(), 'NATO UNCLASSIFIED', 'the API default is preselected');
    await page.getByText(/^Says how the content of this request may be shared\./).waitFor();
    await marking.click();
    await page.getByRole('option', { name: /releasable to the partners and frameworks listed/ }).click();
    await page.getByText(/Releasable to the requesting partner only, and to NATO staff\.$/).waitFor();
    await page.getByText(/^Draft saved at \d/).waitFor({ timeout: 15_000 });
    const picked = await marking.inputValue();
    assert.match(picked, /releasable to the partners and frameworks listed/);

    // Reloaded with this browser's copy, then from the server's draft alone: the marking is kept both times.
    // The marking's label comes with the list of markings, a moment after the form: wait for it.
    const markingShows = async (label) => {
      for (let i = 0; (await page.getByRole('combobox', { name: /^Releasability marking/ }).inputValue()) !== label; i++) {
        assert.ok(i < 50, `the marking shows ${label}; it shows ${await page.getByRole('combobox', { name: /^Releasability marking/ }).inputValue()}`);
        await page.waitForTimeout(100);
      }
    };
    await page.reload();
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await markingShows(picked);
    await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('pcp.requestForm.')).forEach((k) => window.localStorage.removeItem(k)));
    await page.reload();
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    // The draft's values arrive a render after the form: wait for its title before reading the marking.
    for (let i = 0; (await page.getByLabel(/^Title of the request/).inputValue()) !== 'Marked for Georgia only'; i++) {
      assert.ok(i < 50, 'the draft is loaded');
      await page.waitForTimeout(100);
    }
    await markingShows(picked);
    await expectFullyAccessible(page, 'request form with a marking');

    await page.getByRole('button', { name: 'Submit the request' }).click();
    await page.getByRole('heading', { name: 'Request submitted' }).waitFor();
    await page.getByRole('link', { name: 'Follow the request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marked for Georgia only' }).waitFor();
    const shown = page.getByTestId('request-marking');
    await shown.getByText(picked).waitFor();
    await shown.getByText('Releasable to the requesting partner only, and to NATO staff.').waitFor();
    await expectFullyAccessible(page, 'request page with its marking');
    const requestUrl = new URL(page.url()).pathname;
    const token = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const { request } = await gql(portal.app.baseUrl, 'query($id:ID!){request(id:$id){releasability}}', { id: requestUrl.split('/').pop() }, token);
    assert.equal(request.releasability, 'RELEASABLE TO');
    await page.context().close();

    // The section's staff see the same marking, in French for a French reader.
    const staff = await newPage(portal.browser, portal.app.baseUrl, { locale: 'fr-FR' });
    await signIn(staff, CAST.cts.email);
    await staff.goto(requestUrl);
    const staffShown = staff.getByTestId('request-marking');
    await staffShown.getByText('Marque de diffusion').waitFor();
    await staffShown.getByText(/communicable aux partenaires et cadres indiqués/).waitFor();
    await staffShown.getByText("Communicable au seul partenaire demandeur, et au personnel de l'OTAN.").waitFor();
    await expectFullyAccessible(staff, 'request page with its marking, for staff, in French');
    await staff.context().close();
  });
});

describe("the partner's views", () => {
  test('an offering Georgia may not request shows the verdict and no "Request this"', async () => {
    const admin = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    const { createOffering } = await gql(
      portal.app.baseUrl,
      'mutation($i:CreateOfferingInput!){createOffering(input:$i){id version}}',
      { i: { code: 'WEBPASS-JOR-ONLY', kind: 'EXPERT_BRIEFING', deliveryMode: 'REMOTE', leadTimeDays: 0, owningSectionCode: 'CTS', titleEn: 'Jordan-only briefing', titleFr: 'Briefing réservé à la Jordanie', summaryEn: 'A briefing for Jordan.', summaryFr: 'Un briefing pour la Jordanie.', descriptionEn: 'Experts brief Jordanian officials.', descriptionFr: 'Des experts informent les responsables jordaniens.', eligiblePartnerCodes: ['JOR'] } },
      admin,
    );
    await gql(portal.app.baseUrl, 'mutation($id:ID!,$v:Int){publishOffering(id:$id,version:$v){id}}', { id: createOffering.id, v: createOffering.version }, admin);
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/offerings/WEBPASS-JOR-ONLY');
    await page.getByRole('heading', { level: 1, name: 'Jordan-only briefing' }).waitFor();
    await page.getByTestId('eligibility-verdict').getByText('Not open to your organisation').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Request this' }).count(), 0);
    await expectFullyAccessible(page, 'offering not open to the partner');
    // The eligible course shows the positive verdict and the button.
    await page.goto('/offerings/NSO-CT-BORDER-PFP');
    await page.getByTestId('eligibility-verdict').getByText('You can request this offering').waitFor();
    await page.getByRole('link', { name: 'Request this' }).first().waitFor();
    await page.context().close();
  });

  test('switching to French relabels the eligibility filter with the French partner name, without a reload', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.waitForURL('**/catalogue');
    await page.getByText('Only what Georgia is eligible for').waitFor();
    const navigations = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    await page.locator('header').getByText('FR', { exact: true }).click();
    await page.getByText('Seulement les offres ouvertes à mon organisation (Géorgie)').waitFor();
    assert.deepEqual(navigations, [], 'no page load');
    await page.context().close();
  });

  test('drafts are in progress, tabs carry counts, and a draft shows no submission date', async () => {
    const token = await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    const { saveRequestDraft } = await gql(portal.app.baseUrl, 'mutation($i:SaveRequestDraftInput!){saveRequestDraft(input:$i){id}}', { i: { title: 'A draft only' } }, token);
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/requests');
    await page.getByText('A draft only').first().waitFor();
    await page.getByText(/^Drafts \(1\)$/).waitFor();
    await page.getByText(/^In progress \(\d+\)$/).waitFor();
    await page.goto(`/requests/${saveRequestDraft.id}`);
    await page.getByRole('heading', { level: 1, name: 'A draft only' }).waitFor();
    assert.equal(await page.getByText('Submitted', { exact: true }).count(), 0);
    await page.context().close();
  });

  test("the partner sees the section's question, its notice turns read on opening, and the comment box is addressed to the section", async () => {
    const base = portal.app.baseUrl;
    const geo = await login(base, CAST.geo.email, PASSWORD);
    const { offering } = await gql(base, 'query{offering(code:"NSO-CT-BORDER-PFP"){id}}', {}, geo);
    const { submitRequest } = await gql(base, 'mutation($i:SubmitRequestInput!){submitRequest(input:$i){request{id version}}}', { i: { title: 'Question time', offeringId: offering.id, seatsRequested: 1, purpose: 'Screening.', participants: [{ name: 'Nika Gelashvili' }] } }, geo);
    const staff = await login(base, CAST.cts.email, PASSWORD);
    const move = async (r, to, reason = null) => (await gql(base, 'mutation($i:TransitionRequestInput!){transitionRequest(input:$i){id version}}', { i: { id: r.id, to, reason, expectedVersion: r.version } }, staff)).transitionRequest;
    await move(await move(submitRequest.request, 'UNDER_REVIEW'), 'INFORMATION_REQUESTED', 'Which unit do the officers serve in?');
    const unread = async () => (await gql(base, 'query{notifications(first:50,unreadOnly:true){edges{node{requestId}}}}', {}, geo)).notifications.edges.filter((e) => e.node.requestId === submitRequest.request.id).length;
    assert.ok((await unread()) > 0, 'the information request left an unread notice');
    const page = await newPage(portal.browser, base);
    await signIn(page, CAST.geo.email);
    await page.goto(`/requests/${submitRequest.request.id}`);
    await page.getByTestId('info-question').getByText('Which unit do the officers serve in?').waitFor();
    await page.getByLabel(/^New comment to the section/).waitFor();
    assert.equal(await page.getByText('New comment (the partner sees it)').count(), 0);
    for (let i = 0; i < 50 && (await unread()) > 0; i++) await page.waitForTimeout(100);
    assert.equal(await unread(), 0);
    await expectFullyAccessible(page, 'request with information requested');
    await page.context().close();
  });
});

describe('keyboard only', () => {
  test('a liaison officer signs in, finds an offering, opens the form and submits a request without the mouse', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await page.goto('/sign-in');
    await tabTo(page, 'input[autocomplete="username"]');
    await page.keyboard.type(CAST.geo.email);
    await tabTo(page, 'input[autocomplete="current-password"]');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/catalogue');
    await tabTo(page, 'input[type="search"]');
    await page.keyboard.type('Border Security');
    await page.locator('article h2 a').filter({ hasText: 'Border Security and Counter-Terrorism' }).first().waitFor();
    await tabTo(page, 'article h2 a[href="/offerings/NSO-CT-BORDER-PFP"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/offerings/NSO-CT-BORDER-PFP');
    await page.getByTestId('eligibility-verdict').waitFor();
    await tabTo(page, 'a[href^="/requests/new?offering=NSO-CT-BORDER-PFP"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/new\?offering=NSO-CT-BORDER-PFP/);
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await tabTo(page, 'textarea[required]');
    await page.keyboard.type('Keyboard-only request for one officer.');
    await tabTo(page, 'input[aria-label="Name 1"]');
    await page.keyboard.type('Levan Tsiklauri');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Request submitted' }).waitFor();
    await tabTo(page, 'a[href^="/requests/"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page.context().close();
  });
});
