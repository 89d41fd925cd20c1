import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoAxeViolations, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';
import { visibleTexts } from './helpers.ts';

const LANGS = ['pt-PT', 'en'] as const;
const ADMIN_TABS = ['centres', 'partners', 'desks', 'services', 'counters', 'staff', 'devices'];

describe.runIf(browserAvailable())('accessibility and languages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sign-in, kiosk and display pairing screens have no axe violations in pt-PT and en', async () => {
    const page = await h.newPage();
    await withScreenshots('axe-public', () => [page], async () => {
      for (const lang of LANGS) {
        for (const path of ['/kiosk', '/display', '/app/sign-in']) {
          await page.goto(`${h.baseUrl}${path}?lng=${lang}`);
          await page.locator('h1').waitFor();
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          expect(await page.locator('h1').count()).toBe(1);
          await expectNoAxeViolations(page, `${path} (${lang})`);
        }
        // The error state of the sign-in form too.
        await page.locator('#username').fill('nobody');
        await page.locator('#password').fill('wrong-password');
        await page.locator('form button[type=submit]').click();
        await page.getByRole('alert').waitFor();
        await expectNoAxeViolations(page, `sign-in error (${lang})`);
      }
    });
  });

  it('the administrator pages (each tab, with forms open) have no axe violations in pt-PT and en', async () => {
    const page = await h.newPage();
    await withScreenshots('axe-admin', () => [page], async () => {
      await signIn(page, h, 'admin');
      for (const lang of LANGS) {
        for (const tab of ADMIN_TABS) {
          await page.goto(`${h.baseUrl}/app/admin/${tab}?lng=${lang}`);
          await page.locator('table tbody tr').first().waitFor();
          await page.locator('.toolbar .button').click();
          await page.locator('.form-panel').waitFor();
          await expectNoAxeViolations(page, `admin ${tab} (${lang})`);
          if (tab === 'services' && lang === 'en') await screenshot(page, 'admin-services-en');
        }
        for (const path of ['/app/', '/app/account', '/app/no-such-page']) {
          await page.goto(`${h.baseUrl}${path}?lng=${lang}`);
          await page.locator('h1').waitFor();
          await expectNoAxeViolations(page, `${path} (${lang})`);
        }
      }
      await page.goto(`${h.baseUrl}/app/admin/centres?lng=en`);
      await page.locator('table tbody tr').first().waitFor();
      await screenshot(page, 'admin-centres-en');
    });
  });

  it("the centre manager's pages have no axe violations in pt-PT and en", async () => {
    const page = await h.newPage();
    await withScreenshots('axe-manager', () => [page], async () => {
      await signIn(page, h, 'gestor.porto');
      for (const lang of LANGS) {
        for (const path of ['/app/', '/app/devices', '/app/centre', '/app/account']) {
          await page.goto(`${h.baseUrl}${path}?lng=${lang}`);
          await page.locator('h1').waitFor();
          await page.waitForLoadState('networkidle');
          await expectNoAxeViolations(page, `manager ${path} (${lang})`);
        }
        await page.goto(`${h.baseUrl}/app/devices?lng=${lang}`);
        await page.locator('.toolbar .button').click();
        await page.locator('#devices-create-kind').selectOption('kiosk');
        await page.locator('#devices-create-name').fill('Kiosk 1');
        await page.locator('#devices-create form button[type=submit], #devices-create button[type=submit]').first().click();
        await page.getByTestId('pairing-code').waitFor();
        await expectNoAxeViolations(page, `manager pairing code (${lang})`);
      }
    });
  });

  it('Arabic turns the page right-to-left and stays accessible', async () => {
    const page = await h.newPage();
    await withScreenshots('rtl', () => [page], async () => {
      await page.goto(`${h.baseUrl}/app/sign-in?lng=ar`);
      await page.locator('h1').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      // The skip link and header content start from the right.
      const box = await page.locator('.brand').boundingBox();
      expect(box!.x).toBeGreaterThan(640);
      await expectNoAxeViolations(page, 'sign-in (ar, rtl)');
      await screenshot(page, 'sign-in-rtl');
    });
  });

  it('the pseudo-locale reaches every visible string on sign-in and home', async () => {
    const page = await h.newPage();
    await withScreenshots('pseudo', () => [page], async () => {
      const check = async (label: string) => {
        const texts = await visibleTexts(page);
        expect(texts.length).toBeGreaterThan(3);
        // Text with letters must come through t(); symbols such as the required mark * may not.
        const bare = texts.filter((t) => /\p{L}/u.test(t) && !t.includes('[!!') && !t.includes('!!]'));
        expect(bare, `hard-coded text on ${label}`).toEqual([]);
      };
      await page.goto(`${h.baseUrl}/app/sign-in?lng=en-XA`);
      await page.locator('h1').waitFor();
      expect(await page.locator('h1').innerText()).toContain('[!!');
      await check('sign-in');
      await page.locator('#username').fill('analista');
      await page.locator('#password').fill('balcao-demo-2026');
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/app/');
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      await check('home');
    });
  });
});
