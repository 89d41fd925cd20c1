import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT_LANGUAGES } from '../../core/languages.ts';
import * as reader from '../../server/modules/knowledge/reader.ts';
import { publicCentres } from '../../server/modules/public-site/centres.ts';
import { itemPath } from '../../server/modules/public-site/pages.tsx';
import { browserAvailable, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset } from './helpers.ts';

/** One page of each template the public website has (paths after /<locale>). */
const TEMPLATES = [
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

/** What sticks out past the viewport's inline end (or start, right to left): for a readable failure. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 40)}" ${Math.round(el.getBoundingClientRect().width)}px`);
    return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${culprits.join(' | ')}`;
  });
}

describe.runIf(browserAvailable())('the public website fits a phone', () => {
  let h: Harness;
  beforeAll(async () => {
    // Open hours, so the centre pages show their table of waiting times.
    const offset = openClockOffset();
    h = await startHarness({ now: () => new Date(Date.now() + offset) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('nothing overflows at 360 px: every template in the 13 languages, every page in English and Arabic, the templates at 320 and 390 px', async () => {
    const every = new Set<string>(TEMPLATES);
    for (const topic of await reader.topics(h.ctx, 'en')) {
      every.add(itemPath(topic));
      for (const item of [...topic.procedures, ...topic.faqs]) {
        every.add(itemPath(item));
        if (item.kind === 'procedure') every.add(`${itemPath(item)}/checklist`);
      }
    }
    for (const centre of await publicCentres(h.ctx)) every.add(`/centres/${centre.code}`);
    const work = [
      ...CLIENT_LANGUAGES.filter((l) => l !== 'en' && l !== 'ar').flatMap((locale) => TEMPLATES.map((path) => ({ locale, path, width: 360 }))),
      ...['en', 'ar'].flatMap((locale) => [...every].map((path) => ({ locale, path, width: 360 }))),
      ...['en', 'ar'].flatMap((locale) => [320, 390].flatMap((width) => TEMPLATES.map((path) => ({ locale, path, width })))),
    ];
    const context = await h.browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: true });
    const page = await context.newPage();
    const failures: string[] = [];
    await withScreenshots('site-fit', () => [page], async () => {
      for (const { locale, path, width } of work) {
        if (page.viewportSize()!.width !== width) await page.setViewportSize({ width, height: 800 });
        const response = await page.goto(`${h.baseUrl}/${locale}${path}`, { waitUntil: 'domcontentloaded' });
        expect(response?.status(), `${locale}${path}`).toBe(path === '/no-such-page' ? 404 : 200);
        const problem = await overflow(page);
        if (problem) failures.push(`${width}px /${locale}${path}: ${problem}`);
      }
    });
    await context.close();
    expect(failures).toEqual([]);
    console.log(`fit: ${work.length} page loads`);
  }, 300_000);
});
