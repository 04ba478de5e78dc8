// Issue #18: every screen, as the role that uses it, passes axe's WCAG 2.1 A and AA rules at every impact.
import { describe, test } from 'node:test';
import { ADMIN, CAST, expectFullyAccessible, newPage, signIn, usePortal } from './support.mjs';

const portal = usePortal();

const SCREENS = [
  { who: CAST.geo.email, paths: ['/catalogue', '/offerings/NSO-CT-BORDER-PFP', '/requests', '/nominees', '/notifications', '/account'] },
  { who: CAST.cts.email, paths: ['/queue', '/dashboard', '/canned-replies'] },
  { who: ADMIN.email, password: ADMIN.password, paths: ['/admin/offerings', '/admin/partners', '/admin/sections', '/admin/routing', '/admin/users', '/admin/api-keys', '/admin/audit', '/canned-replies'] },
];

describe('accessibility of every screen', () => {
  for (const { who, password, paths } of SCREENS) {
    test(`${who}: ${paths.join(', ')} pass axe (WCAG 2.1 AA, every impact)`, async () => {
      const page = await newPage(portal.browser, portal.app.baseUrl);
      await signIn(page, who, password);
      for (const path of paths) {
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectFullyAccessible(page, path);
      }
      await page.context().close();
    });
  }
});
