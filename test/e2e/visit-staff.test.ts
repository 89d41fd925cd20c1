import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, takeCounter, visibleTexts } from './helpers.ts';

const LANGS = ['pt-PT', 'en'] as const;
const serverMessage = (lang: string, code: string): string =>
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'locales', lang, 'server.json'), 'utf8')) as { errors: Record<string, string> }).errors[code]!;

async function expectAllMarked(page: Page, label: string): Promise<void> {
  const texts = await visibleTexts(page);
  expect(texts.length).toBeGreaterThan(3);
  const bare = texts.filter((t) => /\p{L}/u.test(t) && !t.includes('[!!') && !t.includes('!!]'));
  expect(bare, `hard-coded text on ${label}`).toEqual([]);
}

const message = (page: Page) => page.getByTestId('counter-message');

describe.runIf(browserAvailable())('the visit: pre-sorting, printed ticket, counter workstation', () => {
  let h: Harness;
  let mediator: Page;
  let officer: Page;
  let ticketUrl = '';
  beforeAll(async () => {
    h = await startHarness();
    mediator = await signedInPage(h, 'mediador.lisboa', 'en');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('(a) the mediator issues a welcoming ticket in Ukrainian with pregnancy priority in under 10 s, with a QR receipt', async () => {
    await withScreenshots('presorting', () => [mediator], async () => {
      await mediator.goto(`${h.baseUrl}/app/pre-sorting?lng=en`);
      await mediator.locator('h1', { hasText: 'Pre-sorting' }).waitFor();
      const welcoming = mediator.locator('label.service-tile', { hasText: 'Welcoming and sorting' });
      await welcoming.locator('.tile-queue', { hasText: 'waiting' }).waitFor();
      const started = Date.now();
      await welcoming.click();
      await mediator.locator('label[for=ps-language-uk]').click();
      await mediator.locator('label[for=ps-priority-pregnancy]').click();
      // A country the client chose to say, for statistics only: the main nationalities come first.
      const country = mediator.getByLabel('Country (for statistics only, optional)');
      expect((await country.locator('option').allInnerTexts()).slice(0, 3)).toEqual(['Not said', 'Brazil', 'Cape Verde']);
      await country.selectOption('UA');
      const issued = mediator.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST');
      await mediator.keyboard.press('Enter');
      const response = await issued;
      expect(response.status()).toBe(201);
      expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.request().postDataJSON()).toMatchObject({ declaredCountry: 'UA' });
      ticketUrl = ((await response.json()) as { ticketUrl: string }).ticketUrl;
      const receipt = mediator.locator('.receipt-preview [data-testid=receipt]');
      await receipt.locator('.receipt-number', { hasText: 'W001' }).waitFor();
      await receipt.locator('img[src^="data:image/svg+xml"]').waitFor();
      expect(Date.now() - started).toBeLessThan(10_000);
      // The receipt speaks the client's language (Ukrainian), not the mediator's.
      expect(await receipt.innerText()).toContain('Пріоритет · Вагітність');
      expect(await receipt.innerText()).toContain('Відскануйте');
      // The form is ready for the next client, with the last language kept.
      expect(await mediator.locator('#ps-language-uk').isChecked()).toBe(true);
      expect(await mediator.locator('#ps-priority-none').isChecked()).toBe(true);
      expect(await mediator.locator('input[name=service]:checked').count()).toBe(0);
      expect(await country.inputValue()).toBe('');
      await screenshot(mediator, 'visit-presorting-en');
      // Printed: only the receipt is on the paper.
      await mediator.emulateMedia({ media: 'print' });
      expect(await mediator.locator('#root').isVisible()).toBe(false);
      await mediator.locator('.print-root .receipt-number', { hasText: 'W001' }).waitFor({ state: 'visible' });
      await screenshot(mediator, 'visit-receipt-print');
      await mediator.emulateMedia({ media: 'screen' });
    });
  });

  it('(b) at a welcoming counter the mediator calls W001, routes the visit to AIMA then Social Security, and finishes: A001 follows', async () => {
    await withScreenshots('counter-mediator', () => [mediator], async () => {
      await mediator.goto(`${h.baseUrl}/app/counter?lng=en`);
      await mediator.locator('h1', { hasText: 'Counter workstation' }).waitFor();
      // Only welcoming (W) counters are offered to the mediator (the list loads after the heading).
      await mediator.locator('label.counter-tile').first().waitFor();
      const tiles = await mediator.locator('label.counter-tile').allInnerTexts();
      expect(tiles.length).toBeGreaterThan(0);
      for (const tile of tiles) expect(tile).toContain('W Welcoming and sorting');
      await takeCounter(mediator);
      await mediator.getByRole('row', { name: /W001/ }).waitFor();
      await mediator.getByRole('button', { name: 'Call next' }).click();
      const current = mediator.getByTestId('current-ticket');
      await current.locator('.current-number', { hasText: 'W001' }).waitFor();
      expect(await current.innerText()).toContain('Українська');
      await mediator.getByRole('button', { name: 'Start', exact: true }).click();
      await current.locator('.status-badge', { hasText: 'Being served' }).waitFor();
      await current.locator('.identify-client input').fill('Olena K.');
      await mediator.locator('#sort-route-add').selectOption({ label: 'A Residence permits and visas' });
      await mediator.getByRole('button', { name: 'Add', exact: true }).click();
      await mediator.locator('#sort-route-add').selectOption({ label: 'S Social security' });
      await mediator.getByRole('button', { name: 'Add', exact: true }).click();
      expect(await mediator.getByTestId('sort-route-list').innerText()).toMatch(/Residence permits[\s\S]*Social security/);
      await mediator.getByRole('button', { name: 'Save route' }).click();
      await message(mediator).getByText('Route saved: A → S.').waitFor();
      await expectNoAxeViolations(mediator, 'counter with sorting (en)');
      await screenshot(mediator, 'visit-counter-sorting-en');
      await mediator.getByRole('button', { name: 'Finish', exact: true }).click();
      expect(await mediator.locator('#finish-outcome').inputValue()).toBe('referred');
      await mediator.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
      await message(mediator).getByText('Client goes on to A001 — Residence permits and visas').waitFor();
      await mediator.getByText('Nobody at the counter.', { exact: false }).waitFor();
      // A client without a phone gets the new number on paper: the same receipt, in Ukrainian, with the phone page QR.
      await mediator.evaluate(() => {
        (window as unknown as { __printed: number }).__printed = 0;
        window.print = () => void (window as unknown as { __printed: number }).__printed++;
      });
      await mediator.getByRole('button', { name: 'Print ticket A001 for the client' }).click();
      const paper = mediator.locator('.print-root [data-testid=receipt]');
      await paper.locator('.receipt-number', { hasText: 'A001' }).waitFor({ state: 'attached' });
      await paper.locator('img[src^="data:image/svg+xml"]').waitFor({ state: 'attached' });
      expect(await paper.textContent()).toContain('Пріоритет · Вагітність');
      await mediator.waitForFunction(() => (window as unknown as { __printed: number }).__printed === 1);
    });
  });

  it('(c) an AIMA officer sees A001 in Ukrainian with priority, calls and finishes it: S001 follows; the phone page shows the journey', async () => {
    officer = await h.newPage();
    await withScreenshots('counter-aima', () => [officer], async () => {
      await signIn(officer, h, 'aima.lisboa', 'en');
      await officer.goto(`${h.baseUrl}/app/counter?lng=en`);
      const tiles = await officer.locator('label.counter-tile').allInnerTexts();
      for (const tile of tiles) expect(tile).toContain('A Residence permits');
      await takeCounter(officer);
      const row = officer.getByRole('row', { name: /A001/ });
      await row.waitFor();
      expect(await row.innerText()).toContain('Українська');
      expect(await row.innerText()).toContain('Pregnancy');
      expect(await row.innerText()).toContain('Olena K.');
      await row.getByRole('button', { name: 'Call A001' }).click();
      await officer.getByTestId('current-ticket').locator('.current-number', { hasText: 'A001' }).waitFor();
      await screenshot(officer, 'visit-counter-aima-en');
      await officer.getByRole('button', { name: 'Finish', exact: true }).click();
      // The rest of the route the sorting office set is shown, so the officer neither repeats it nor thinks the visit ends here.
      expect(await officer.getByTestId('finish-route-list').innerText()).toContain('Social security');
      await officer.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
      await message(officer).getByText('Client goes on to S001 — Social security').waitFor();

      const phone = await h.newPage();
      await phone.goto(`${h.baseUrl}${ticketUrl}?lang=en`);
      const list = await phone.locator('#ticket').innerText();
      expect(list).toMatch(/W001 Welcoming and sorting: finished/);
      expect(list).toMatch(/A001 Residence permits and visas: finished/);
      expect(list).toMatch(/S001 Social security: waiting/);
    });
  });

  it('(d) calling next on an empty queue shows the server message, translated', async () => {
    await withScreenshots('counter-empty', () => [mediator], async () => {
      for (const lang of LANGS) {
        await mediator.goto(`${h.baseUrl}/app/counter?lng=${lang}`);
        await mediator.locator('.counter-head').waitFor();
        await mediator.locator('.current-empty .button').click();
        await message(mediator).getByText(serverMessage(lang, 'queue_empty')).waitFor();
      }
    });
  });

  it('(e) pre-sorting, the receipt and the counter workstation have no axe violations in pt-PT and en', async () => {
    const page = await h.newPage();
    await withScreenshots('visit-axe', () => [page], async () => {
      await signIn(page, h, 'ss.lisboa');
      for (const lang of LANGS) {
        // Before taking a counter, then at the counter with a ticket called and the finish form open.
        await page.goto(`${h.baseUrl}/app/counter?lng=${lang}`);
        await page.locator('form.take-counter').waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `counter, choosing (${lang})`);
        await takeCounter(page);
        await page.locator('.counter-desk').waitFor();
        if (lang === 'pt-PT') {
          await page.getByRole('row', { name: /S001/ }).waitFor();
          await expectNoAxeViolations(page, `counter, waiting list (${lang})`);
          await page.locator('.current-empty .button').click();
        } else {
          await page.locator('.walk-in button[type=submit]').click();
        }
        await page.getByTestId('current-ticket').waitFor();
        await page.getByTestId('current-ticket').locator('.ticket-actions .button').last().click();
        await page.locator('#finish-outcome').waitFor();
        await expectNoAxeViolations(page, `counter, at work (${lang})`);
        if (lang === 'en') await screenshot(page, 'visit-counter-finish-en');
        await page.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
        await page.locator('.current-empty').waitFor();
        await page.locator('.counter-head .button').click();
        await page.locator('form.take-counter').waitFor();
      }
      // Pre-sorting and its receipt preview, as the information counter.
      await signIn(page, h, 'gestor.lisboa');
      for (const lang of LANGS) {
        await page.goto(`${h.baseUrl}/app/pre-sorting?lng=${lang}`);
        await page.locator('label.service-tile').first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `pre-sorting (${lang})`);
        await page.locator('label.service-tile').nth(1).click();
        await page.locator('label[for=ps-priority-appointment]').click();
        await page.locator('#ps-appointment-time').fill('10:30');
        await page.locator('.issue-button').click();
        await page.locator('.receipt-preview img[src^="data:image/svg+xml"]').waitFor();
        await expectNoAxeViolations(page, `pre-sorting with the receipt (${lang})`);
      }
      // A missing service is explained, not sent.
      await page.locator('.issue-button').click();
      await page.locator('.error-summary').waitFor();
      await expectNoAxeViolations(page, 'pre-sorting error (en)');
    });
  });

  it('(f) the pseudo-locale reaches every visible string on pre-sorting and the counter workstation', async () => {
    const page = await h.newPage();
    await withScreenshots('visit-pseudo', () => [page], async () => {
      await signIn(page, h, 'gestor.lisboa');
      await page.goto(`${h.baseUrl}/app/pre-sorting?lng=en-XA`);
      await page.locator('label.service-tile .tile-queue', { hasText: '[!!' }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAllMarked(page, 'pre-sorting');
      await page.goto(`${h.baseUrl}/app/counter?lng=en-XA`);
      await page.locator('form.take-counter').waitFor();
      await page.waitForLoadState('networkidle');
      await expectAllMarked(page, 'counter, choosing');
      await takeCounter(page);
      await page.locator('.counter-desk').waitFor();
      await expectAllMarked(page, 'counter, at work');
    });
  });
});
