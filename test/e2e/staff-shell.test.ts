import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, staffApi, visibleTexts, type CentreConfig } from './helpers.ts';

describe.runIf(browserAvailable())('staff shell: home numbers and the folding navigation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the manager's home shows the floor's totals first, every label translated", async () => {
    // CNAI Lisboa is open around the clock in the demo: a ticket can be issued at any hour.
    const manager = await staffApi(h, 'gestor.lisboa');
    const config = await manager.get<CentreConfig>(`/api/centres/${manager.centreId}`);
    await manager.post('/api/visits', { serviceId: config.services[0]!.id, language: 'pt-PT' });
    const page = await signedInPage(h, 'gestor.lisboa', 'en');
    await withScreenshots('home-manager', () => [page], async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      const waiting = page.getByTestId('today-waiting');
      await waiting.waitFor();
      expect(await waiting.innerText()).toMatch(/^1\s+people waiting$/);
      expect(await page.getByTestId('today-staffed').innerText()).toMatch(/^0 of \d+\s+counters staffed$/);
      // Someone waits and nobody staffs a counter: marked, in words as well as colour.
      expect(await page.getByTestId('today-staffed').getAttribute('class')).toContain('figure-alert');
      await page.getByRole('link', { name: 'Open the live floor' }).waitFor();
      // The numbers come before the list of screens.
      const figuresY = (await waiting.boundingBox())!.y;
      const shortcutsY = (await page.locator('#surfaces-title').boundingBox())!.y;
      expect(figuresY).toBeLessThan(shortcutsY);
      await expectNoAxeViolations(page, 'manager home (en)');
      await screenshot(page, 'home-manager-1366');
      await page.goto(`${h.baseUrl}/app/?lng=en-XA`);
      await page.getByTestId('today-waiting').waitFor();
      await page.waitForLoadState('networkidle');
      // The pseudo-locale reaches every interface string; the centre's name is data (translate="no").
      const bare = (await visibleTexts(page)).filter((t) => /\p{L}/u.test(t) && !t.includes('[!!') && !t.includes('!!]'));
      expect(bare).toEqual([]);
      expect(await page.locator('[translate="no"]', { hasText: 'CNAI Lisboa' }).count()).toBe(1);
    });
  });

  it("an officer sees their own queues; the DPO the audit log's day; the analyst yesterday", async () => {
    for (const [username, testId, heading] of [
      ['aima.lisboa', 'today-waiting', 'Your queues now'],
      ['auditor', 'today-refusals', 'Data protection today'],
      ['analista', 'today-tickets', 'Yesterday across the network'],
    ] as const) {
      const page = await signedInPage(h, username, 'en');
      await withScreenshots(`home-${username}`, () => [page], async () => {
        await page.getByTestId(testId).waitFor();
        expect(await page.locator('h2').first().innerText()).toContain(heading);
        if (username === 'analista') await expectNoAxeViolations(page, `${username} home (en)`);
      });
      await page.context().close();
    }
  });

  it('on a phone-sized screen the navigation folds behind a Menu button, usable by keyboard', async () => {
    const page = await signedInPage(h, 'gestor.lisboa', 'pt-PT');
    await withScreenshots('nav-narrow', () => [page], async () => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.getByTestId('today-waiting').waitFor();
      const menu = page.locator('#menu-button');
      const firstLink = page.locator('#main-nav-list a').first();
      expect(await menu.isVisible()).toBe(true);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await firstLink.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page, 'home, menu folded (375 px)');
      await menu.focus();
      await page.keyboard.press('Enter');
      await firstLink.waitFor({ state: 'visible' });
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expectNoAxeViolations(page, 'home, menu open (375 px)');
      await screenshot(page, 'nav-open-375');
      // Escape folds it again and gives focus back to the button.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await firstLink.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-button');
      // Following a link folds it too.
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Sala em direto' }).first().click();
      await page.waitForURL('**/app/floor');
      await firstLink.waitFor({ state: 'hidden' });
      // On a wide screen there is no Menu button: every link is shown.
      await page.setViewportSize({ width: 1366, height: 768 });
      await firstLink.waitFor({ state: 'visible' });
      expect(await menu.isVisible()).toBe(false);
    });
  });
});
