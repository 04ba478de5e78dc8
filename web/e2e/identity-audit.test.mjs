// The audit trail screen (issue #13, item 6) in a real browser: an administrator filters the trail, exports the
// filtered rows as CSV, and both reads are themselves in the trail.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { ADMIN, CAST, PASSWORD, expectAccessible, gql, login, newPage, screenshot, signIn, usePortal } from './support.mjs';

const portal = usePortal();

describe('the audit trail', () => {
  test('an administrator filters by action, exports exactly the filtered rows as CSV, and both reads are recorded', async () => {
    // Sign-ins of two people, so the filter has something to keep and something to leave out.
    await login(portal.app.baseUrl, CAST.geo.email, PASSWORD);
    await login(portal.app.baseUrl, CAST.cts.email, PASSWORD);
    const page = await newPage(portal.browser, portal.app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/audit');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const everything = await rows.count();

    await page.getByLabel('Action').fill('auth.login');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: /events/ }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr td:nth-child(2)')].every((td) => td.textContent.startsWith('auth.login')));
    const actions = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(actions.length >= 3, `three sign-ins at least, got ${actions.length}`);
    assert.ok(actions.length < everything, 'the filter leaves other events out');
    await expectAccessible(page, 'audit trail');
    await screenshot(page, 'audit-trail');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^audit-trail-.*\.csv$/);
    const csv = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\r\n');
    assert.match(header, /action/);
    assert.equal(lines.length, actions.length);
    assert.ok(lines.every((line) => line.includes('auth.login')), 'every exported row is a sign-in');
    await page.getByRole('status').filter({ hasText: `${lines.length} events exported.` }).waitFor();

    const token = await login(portal.app.baseUrl, ADMIN.email, ADMIN.password);
    const trail = await gql(portal.app.baseUrl, 'query($f: AuditEventFilter) { auditEvents(first: 100, filter: $f) { edges { node { action details } } } }', { f: { action: 'audit.' } }, token);
    const reads = trail.auditEvents.edges.map((e) => e.node);
    assert.ok(reads.some((e) => e.action === 'audit.read' && e.details.includes('auth.login')), 'the filtered search is recorded with its filter');
    assert.ok(reads.some((e) => e.action === 'audit.export' && e.details.includes('auth.login')), 'the export is recorded with its filter');
    await page.context().close();
  });
});
