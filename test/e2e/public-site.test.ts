import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_LANGUAGES } from '../../core/languages.ts';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset } from './helpers.ts';

/** One page of each kind the public website has (paths after /<locale>). */
const PAGES = [
  '/',
  '/topics/family-reunification',
  '/procedures/family-reunification-application',
  '/procedures/family-reunification-application/checklist',
  '/questions/family-reunification-who',
  '/search?q=passport',
  '/search?q=zzzzqqq',
  '/centres',
  '/centres/lisboa',
  '/languages',
  '/accessibility',
  '/no-such-page',
];

describe.runIf(browserAvailable())('the public website', () => {
  let h: Harness;
  beforeAll(async () => {
    const offset = openClockOffset();
    h = await startHarness({ now: () => new Date(Date.now() + offset) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an Arabic reader lands in Arabic, right to left, finds the documents for family reunification and the desk to go to', async () => {
    const context = await h.browser.newContext({ locale: 'ar', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await withScreenshots('site-ar', () => [page], async () => {
      await page.goto(`${h.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/ar/');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.locator('a[href="/ar/topics/family-reunification"]').click();
      await page.locator('a[href="/ar/procedures/family-reunification-application"]').first().click();
      const documents = page.locator('ul.checklist li');
      expect(await documents.count()).toBeGreaterThanOrEqual(4);
      // The documents are in Arabic, not a fallback.
      expect(await documents.first().textContent()).toMatch(/[\u0600-\u06FF]/);
      // The text is not a fallback (desk and partner names may be, and say so with their own lang).
      expect(await page.locator('main :is([lang="en"], [lang="pt-PT"]) :is(h1, .steps, .checklist)').count()).toBe(0);
      // Marked as a machine translation until a person reviews it.
      await expect(page.getByRole('note').first().isVisible()).resolves.toBe(true);
      // Where to go: the AIMA desk, with its ticket letter.
      expect(await page.locator('#where ~ ul.where').textContent()).toContain('A');
      // Right to left: the heading starts at the right edge.
      const box = await page.locator('h1').boundingBox();
      const width = page.viewportSize()!.width;
      expect(box!.x + box!.width).toBeGreaterThan(width - 40);
      await screenshot(page, 'site-ar-procedure');
      await page.locator('a[href$="/checklist"]').click();
      expect(await page.locator('ul.print-boxes li').count()).toBeGreaterThanOrEqual(4);
      await screenshot(page, 'site-ar-checklist');
    });
    await context.close();
  });

  it('a Ukrainian reader picks the language once, searches in Ukrainian, and is remembered', async () => {
    const context = await h.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await withScreenshots('site-uk', () => [page], async () => {
      await page.goto(`${h.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/en/');
      // The header's language menu opens over the page, without JavaScript (a disclosure).
      await page.locator('header .language-menu summary').click();
      await page.locator('header a[hreflang="uk"]').click();
      expect(new URL(page.url()).pathname).toBe('/uk/');
      expect(await page.locator('html').getAttribute('lang')).toBe('uk');
      await page.locator('#q').fill('паспорт');
      await page.locator('form[role=search] button').click();
      expect(new URL(page.url()).pathname).toBe('/uk/search');
      const results = page.locator('main ul.cards li');
      expect(await results.count()).toBeGreaterThan(0);
      expect(await results.first().textContent()).toMatch(/[\u0400-\u04FF]/);
      await screenshot(page, 'site-uk-search');
      // The choice is remembered for the next visit.
      await page.goto(`${h.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/uk/');
    });
    await context.close();
  });

  it('works without JavaScript and shows the live waiting times of a centre', async () => {
    const context = await h.browser.newContext({ locale: 'pt-PT', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/pt-PT/`);
    await page.locator('#q').fill('autorização de residência');
    await page.locator('form[role=search] button').click();
    expect(await page.locator('main ul.cards li').count()).toBeGreaterThan(0);
    await page.goto(`${h.baseUrl}/pt-PT/centres/lisboa`);
    expect(await page.locator('table.queues tbody tr').count()).toBeGreaterThan(5);
    await context.close();
  });

  it('every page in every client language has zero axe violations, one h1, and the right lang and dir', async () => {
    const started = Date.now();
    const work = CLIENT_LANGUAGES.flatMap((locale) => PAGES.map((path) => ({ locale, path })));
    // Two tabs share the sweep: axe runs in the browser, so the machine's two cores both work.
    const pages = [await h.newPage(), await h.newPage()];
    await withScreenshots('site-axe', () => pages, async () => {
      await Promise.all(
        pages.map(async (page) => {
          for (let next = work.shift(); next; next = work.shift()) {
            const { locale, path } = next;
            const response = await page.goto(`${h.baseUrl}/${locale}${path}`);
            expect(response?.status(), `${locale}${path}`).toBe(path === '/no-such-page' ? 404 : 200);
            expect(await page.locator('html').getAttribute('lang')).toBe(locale);
            expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
            expect(await page.locator('h1').count(), `${locale}${path}`).toBe(1);
            await expectNoAxeViolations(page, `${locale}${path}`);
          }
        }),
      );
    });
    expect(work).toEqual([]);
    console.log(`axe: ${CLIENT_LANGUAGES.length * PAGES.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }, 600_000);
});
