// The portal in a real browser: liaison officers, section staff and administrators at work.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAST, expectAccessible, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();

describe('signing in', () => {
  test('the sign-in page is served by the Nest app, in a policy that allows only this origin', async () => {
    const res = await fetch(`${portal.app.baseUrl}/sign-in`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self'/);
    assert.equal((await fetch(`${portal.app.baseUrl}/graphiql`)).status, 404);
    assert.equal((await fetch(`${portal.app.baseUrl}/assets/nothing-here.js`)).status, 404);
  });

  test('a wrong password is explained in words, and the right one lands on the catalogue', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await expectAccessible(page, 'sign in');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Email address').fill(CAST.geo.email);
    await page.getByLabel(/^Password( \*)?$/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    await signIn(page, CAST.geo.email);
    await page.waitForURL('**/catalogue');
    await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
    await page.context().close();
  });
});

describe('the catalogue', () => {
  test('a liaison officer searches, filters by facet and opens an offering; eligibility is on by default', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.waitForURL('**/catalogue');
    const eligible = page.getByLabel(/Only what Georgia is eligible for/);
    assert.equal(await eligible.isChecked(), true);
    await page.getByText(/\d+ offerings/).waitFor();
    await page.locator('article').first().waitFor();
    await expectAccessible(page, 'catalogue');
    await screenshot(page, '02-catalogue');
    // The catalogue's own query (the help articles beside it are searched with the same words).
    const searched = page.waitForResponse((r) => {
      const body = r.request().postData() ?? '';
      return r.url().endsWith('/graphql') && body.includes('"search":"terrorism"') && body.includes('offerings(');
    });
    await page.getByLabel('Search the catalogue').fill('terrorism');
    await page.waitForURL(/q=terrorism/);
    const { offerings } = (await (await searched).json()).data;
    await page.getByText(`${offerings.totalCount} offerings`, { exact: true }).waitFor();
    // The best match comes first once the search has answered.
    const first = page.locator('article').first().filter({ hasText: /terror/i });
    await first.waitFor();
    // Narrow the results to the best match's kind with its facet: what remains is the count shown beside the facet.
    const kind = offerings.edges[0].node.kind;
    const expected = offerings.facets.kinds.find((f) => f.value === kind).count;
    assert.ok(expected < offerings.totalCount, `the ${kind} facet narrows the ${offerings.totalCount} results`);
    const kindLabel = (await first.locator('.mantine-Badge-root').first().textContent()).trim();
    const facet = page.getByRole('complementary', { name: 'Filters' }).locator('label', { hasText: new RegExp(`^${kindLabel}\\s*\\(${expected}\\)$`) });
    await facet.click();
    await page.waitForURL(new RegExp(`[?&]kinds=${kind}(&|$)`));
    await page.getByText(new RegExp(`^${expected} offerings?$`)).waitFor();
    const kinds = await page.locator('article').evaluateAll((cards) => cards.map((c) => c.querySelector('.mantine-Badge-root')?.textContent?.trim()));
    assert.equal(kinds.length, Math.min(expected, 20)); // the first page holds 20
    assert.deepEqual([...new Set(kinds)], [kindLabel]);
    const link = page.locator('article').first().locator('h2 a');
    const title = await link.textContent();
    await link.click();
    await page.waitForURL('**/offerings/**');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Responsible section', { exact: true }).waitFor();
    await expectAccessible(page, 'offering');
    await screenshot(page, '03-offering');
    await page.context().close();
  });

  test('the French switch translates the interface and the catalogue content, and is remembered', async () => {
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.waitForURL('**/catalogue');
    await page.locator('article').first().waitFor();
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
    await page.getByText(/\d+ offres/).waitFor();
    await page.getByLabel('Rechercher dans le catalogue').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await page.reload();
    await page.getByLabel('Rechercher dans le catalogue').waitFor();
    // The content is in French too: titles come from the API in the chosen language.
    await page.getByLabel('Rechercher dans le catalogue').fill('frontières');
    const french = 'Cours sur la sécurité des frontières et la lutte contre le terrorisme pour les partenaires euro-atlantiques';
    await page.locator('article h2 a', { hasText: french }).first().waitFor();
    assert.equal(await page.getByText('Border Security and Counter-Terrorism Course for Euro-Atlantic Partners').count(), 0);
    await expectAccessible(page, 'catalogue (French)');
    await screenshot(page, '04-catalogue-fr');
    await page.context().close();
  });
});
