// Issue #18 at 1366×900, the desktop width the issue was walked at: every role's header shows each of its
// navigation links whole, inside the screen, in English and French (the longest labels), with the language
// switch, the bell and the user menu beside them; links past the fifth are listed under "More".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, CAST, newPage, PASSWORD, signIn, usePortal } from './support.mjs';

const portal = usePortal();

const ROLES = [
  ['a liaison officer', CAST.geo.email, PASSWORD],
  ['section staff', CAST.cts.email, PASSWORD],
  ['a coordinator', CAST.coordinator.email, PASSWORD],
  ['an administrator', ADMIN.email, ADMIN.password],
];

describe('the header at 1366×900', () => {
  for (const [who, email, password] of ROLES) {
    for (const locale of ['en-GB', 'fr-FR']) {
      test(`${who} (${locale}): every navigation link whole and in view, with the header's controls`, async () => {
        const page = await newPage(portal.browser, portal.app.baseUrl, { locale });
        await signIn(page, email, password);
        const header = page.locator('header');
        const nav = header.getByRole('navigation');
        await nav.getByRole('link').first().waitFor();
        const links = await nav.getByRole('link').all();
        assert.ok(links.length >= 3, `${who} has navigation links`);
        const width = page.viewportSize().width;
        const boxes = [];
        for (const link of links) {
          const box = await link.boundingBox();
          const label = (await link.textContent()).trim();
          assert.ok(box, `${label} is laid out`);
          // Whole: nothing of the label clipped by its own box, and the box inside the screen.
          const clipped = await link.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
          assert.equal(clipped, false, `${label} is not cut inside its link`);
          assert.ok(box.x >= 0 && box.x + box.width <= width, `${label} (x ${Math.round(box.x)}–${Math.round(box.x + box.width)}) is within the ${width} px screen`);
          boxes.push({ label, ...box });
        }
        // Past five links the rest sit under "More", which lists them when opened.
        const more = nav.getByRole('button', { name: /^(More|Plus)/ });
        if (await more.count()) {
          const box = await more.boundingBox();
          assert.ok(box.x + box.width <= width, `"More" (ends at ${Math.round(box.x + box.width)}) is within the screen`);
          boxes.push({ label: 'More', ...box });
          await more.click();
          const entries = page.getByRole('menuitem');
          await entries.first().waitFor();
          for (const entry of await entries.all()) {
            const b = await entry.boundingBox();
            assert.ok(b && b.x >= 0 && b.x + b.width <= width && b.y + b.height <= page.viewportSize().height, `${(await entry.textContent()).trim()} is shown in view under More`);
          }
          await page.keyboard.press('Escape');
        }
        // The controls on the right start after the last link: nothing overlaps.
        const last = boxes.at(-1);
        const bell = await header.getByTestId('notifications-bell').boundingBox();
        assert.ok(bell && bell.x >= last.x + last.width, `the bell (x ${Math.round(bell?.x ?? -1)}) comes after "${last.label}" (ends at ${Math.round(last.x + last.width)})`);
        await page.context().close();
      });
    }
  }
});
