// Issue #16 in a real browser: an administrator registers a webhook endpoint against a real HTTP receiver, reads
// its one-time secret, sees the delivery in the log and rotates the secret; a liaison officer makes a calendar
// feed address (fetched and checked) and sets the language and preferences of their mail.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ADMIN, CAST, createCast, expectAccessible, gql, launchBrowser, login, newPage, screenshot, signIn, startApp } from './support.mjs';

let app;
let browser;
let receiver;
const hits = [];

before(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  app = await startApp((baseUrl) => ({ PUBLIC_URL: baseUrl, WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }));
  await createCast(app.baseUrl);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function until(what, check, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('integrations screens', () => {
  test('an administrator registers a webhook, reads its secret once, sees the delivery log and rotates the secret', async () => {
    const page = await newPage(browser, app.baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'New endpoint' });
    await dialog.getByLabel(/^Name/).fill('Training warehouse');
    await dialog.getByLabel(/^Address \(URL\)/).fill(`http://127.0.0.1:${receiver.address().port}/pcp`);
    await expectAccessible(page, 'new webhook endpoint');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secretBox = page.getByTestId('one-time-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent()).trim();
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('cell', { name: 'Training warehouse', exact: true }).waitFor();
    await expectAccessible(page, 'webhooks');
    await screenshot(page, 'integrations-01-webhook-created');

    // An event: the administrator creates an offering (OFFERING_CHANGED), delivered to the receiver, signed.
    const token = await login(app.baseUrl, ADMIN.email, ADMIN.password);
    await gql(app.baseUrl, 'mutation($i: CreateOfferingInput!) { createOffering(input: $i) { id } }', {
      i: { code: 'WEB-HOOK-1', kind: 'EXPERT_BRIEFING', titleEn: 'Browser webhook check', owningSectionCode: 'CTS', deliveryMode: 'REMOTE', deliveryLanguages: ['en'], leadTimeDays: 10, releasability: 'PUBLIC' },
    }, token);
    await until('the delivery', () => hits.length === 1);
    const [hit] = hits;
    const header = hit.headers['x-pcp-signature'];
    const t = /t=(\d+)/.exec(header)[1];
    assert.equal(header, `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${hit.body}`).digest('hex')}`);
    assert.equal(JSON.parse(hit.body).type, 'OFFERING_CHANGED');

    await page.getByRole('button', { name: 'Delivery log Training warehouse' }).click();
    await page.getByRole('heading', { name: 'Delivery log: Training warehouse' }).waitFor();
    await page.getByText('Offering changed').first().waitFor();
    await page.getByText('204').first().waitFor();
    await expectAccessible(page, 'webhook delivery log');
    await screenshot(page, 'integrations-02-delivery-log');

    await page.getByRole('button', { name: 'Rotate secret Training warehouse' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate secret' });
    await rotate.getByText(/both the old and the new secret/).waitFor();
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText(/Previous secret also signs until/).waitFor();
    const rotated = (await page.getByTestId('one-time-secret').textContent()).trim();
    assert.notEqual(rotated, secret);
    await page.context().close();
  });

  test('a liaison officer makes a calendar feed address and chooses how mail reaches them', async () => {
    const page = await newPage(browser, app.baseUrl);
    await signIn(page, CAST.geo.email);
    await page.goto('/account');
    await page.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    await page.getByText('You have no calendar feed address.').waitFor();
    await page.getByRole('button', { name: 'Make a feed address' }).click();
    const url = (await page.getByTestId('calendar-url').textContent()).trim();
    assert.match(url, new RegExp(`^${app.baseUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetch(url);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.match(await feed.text(), /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);

    await page.getByRole('combobox', { name: 'Language of your mail' }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByText('Saved').waitFor();
    await page.getByRole('combobox', { name: 'By mail: New comments' }).click();
    await page.getByRole('option', { name: 'Daily digest' }).click();
    await until('the preference shown', async () => (await page.getByRole('combobox', { name: 'By mail: New comments' }).inputValue()) === 'Daily digest');
    await expectAccessible(page, 'account integrations');
    await screenshot(page, 'integrations-03-account');

    const token = await login(app.baseUrl, CAST.geo.email, 'Sturdy-Lantern-Meadow-2026');
    const data = await gql(app.baseUrl, '{ me { language } mailPreferences { kind delivery } }', {}, token);
    assert.equal(data.me.language, 'fr');
    assert.deepEqual(data.mailPreferences.find((p) => p.kind === 'COMMENT_ADDED'), { kind: 'COMMENT_ADDED', delivery: 'DAILY_DIGEST' });

    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('You have no calendar feed address.').waitFor();
    assert.equal((await fetch(url)).status, 404);
    await page.context().close();
  });
});
