import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateHistory } from '../../server/modules/stats/history.ts';
import { browserAvailable, expectNoAxeViolations, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';

/** Nothing wider than the window: a wide table scrolls inside its own box, the page does not. */
async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${label}: page ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

const headline = (page: Page, figure: string) => page.getByTestId(`headline-${figure}`).locator('.stats-value');
/** A count on a headline card, in English or Portuguese digit grouping. */
const countOf = async (page: Page, figure: string) => Number((await headline(page, figure).innerText()).replace(/[^\d]/g, ''));

/** Waits until the answer on screen is the one for the question asked (not the previous one, kept while loading). */
async function settled(page: Page): Promise<void> {
  await page.locator('.stats-answer[aria-busy="false"]').waitFor();
}

describe.runIf(browserAvailable())('statistics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // Forty-five days up to yesterday, a twentieth of CNAI volumes: every chart has something to draw.
    await generateHistory(h.ctx, { days: 45, scale: 0.05, seed: 1 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an analyst reads the whole network: headline figures, a line chart and its sortable table, another breakdown as bars, the CSV, in English and Portuguese', async () => {
    const page = await h.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await withScreenshots('stats-analyst', () => [page], async () => {
      await signIn(page, h, 'analista', 'en');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      // The analyst may widen the question to any centre, partner and service.
      expect(await page.getByLabel('Centre', { exact: true }).inputValue()).toBe('');
      await page.getByLabel('Partner', { exact: true }).waitFor();

      await page.getByLabel('Period', { exact: true }).selectOption('last12');
      expect(await page.getByLabel('Breakdown', { exact: true }).inputValue()).toBe('month');
      await settled(page);
      await page.getByTestId('stats-question').getByText('Whole network').waitFor();
      expect(await countOf(page, 'visits')).toBeGreaterThan(100);
      expect(await countOf(page, 'tickets')).toBeGreaterThanOrEqual(await countOf(page, 'visits'));
      expect(await headline(page, 'medianWait').innerText()).toMatch(/^\d+(\.\d)?\+? min$/);
      expect(await headline(page, 'withinTarget').innerText()).toMatch(/%$/);
      // Compared by default: each card says how it changed, in words.
      expect(await page.getByTestId('headline-visits').locator('.stats-change').innerText()).toMatch(/previous period|compare/);

      const chart = page.getByTestId('stats-chart-svg');
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Line chart of Visits by month, .* Highest: [\d,]+ \(/);
      expect(await chart.locator('path').count()).toBeGreaterThanOrEqual(2); // this period and the previous, dashed

      // The chart's table: opened from the keyboard, sorted by a header button.
      const summary = page.getByText('Show the table');
      await summary.focus();
      await page.keyboard.press('Enter');
      const table = page.getByTestId('stats-chart-table');
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBe(12);
      const sortButton = table.getByRole('button', { name: /This period/ });
      await sortButton.focus();
      await page.keyboard.press('Enter');
      expect(await table.getByRole('columnheader', { name: /This period/ }).getAttribute('aria-sort')).toBe('descending');
      const values = (await table.locator('tbody tr td:nth-of-type(1)').allInnerTexts()).map((v) => Number(v.replace(/[^\d]/g, '')));
      expect(values[0]).toBe(Math.max(...values));

      // The figures table and its download: the same question, as CSV.
      const csv = page.getByTestId('stats-csv');
      const href = (await csv.getAttribute('href'))!;
      expect(href).toMatch(/^\/api\/stats\.csv\?.*by=month.*compare=true/);
      const download = await page.request.get(`${h.baseUrl}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('text/csv');
      // The annual report of the network, in the language chosen.
      await page.getByLabel('Language of the report').selectOption('pt-PT');
      const report = page.getByTestId('stats-report');
      expect(await report.innerText()).toMatch(/Download the \d{4} report \(PDF\)/);
      const reportHref = (await report.getAttribute('href'))!;
      expect(reportHref).toMatch(/^\/api\/stats\/report\.pdf\?year=\d{4}&lang=pt-PT$/);
      const pdf = await page.request.get(`${h.baseUrl}${reportHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      await expectNoAxeViolations(page, 'stats by month (en)');
      await expectNoHorizontalOverflow(page, 'stats by month (en)');
      await screenshot(page, 'stats-analyst-month-en');

      // Another breakdown: services as bars. A visit spans several desks, so the chart falls back to tickets.
      await page.getByLabel('Breakdown', { exact: true }).selectOption('service');
      await settled(page);
      expect(await chart.getAttribute('aria-label')).toMatch(/^Bar chart of Tickets by service, .* Highest: .+, [\d,]+\. Lowest: .+\. Hatched bars: the previous period/);
      expect(await chart.locator('rect').count()).toBeGreaterThan(4);
      expect(await headline(page, 'visits').innerText()).toBe('—');
      expect(await page.getByTestId('stats-table').locator('tbody tr').count()).toBeGreaterThan(4);
      await expectNoAxeViolations(page, 'stats by service (en)');
      await expectNoHorizontalOverflow(page, 'stats by service (en)');

      // In Portuguese, by centre: the address keeps the question.
      await page.goto(`${h.baseUrl}/app/stats?period=last12&by=centre&lng=pt-PT`);
      await page.getByRole('heading', { level: 1, name: 'Estatísticas' }).waitFor();
      await settled(page);
      expect(await page.getByLabel('Desagregação', { exact: true }).inputValue()).toBe('centre');
      expect(await page.getByTestId('stats-chart-svg').getAttribute('aria-label')).toMatch(/^Gráfico de barras: Visitas por centro, .* Mais alto: CNAI Lisboa, /);
      await page.getByText('Mostrar a tabela').click();
      expect(await page.getByTestId('stats-chart-table').locator('tbody tr').count()).toBe(3);
      expect(await page.getByTestId('headline-visits').locator('dt').innerText()).toBe('Visitas');
      await expectNoAxeViolations(page, 'stats by centre (pt-PT)');
      await expectNoHorizontalOverflow(page, 'stats by centre (pt-PT)');
      await screenshot(page, 'stats-analyst-centre-pt');
    });
  });

  it('a centre manager reads their own centre only, day by day against the previous period, in English and Portuguese', async () => {
    const page = await h.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await withScreenshots('stats-manager', () => [page], async () => {
      await signIn(page, h, 'gestor.lisboa', 'en');
      await page.goto(`${h.baseUrl}/app/?lng=en`);
      await page.locator('#main').getByRole('link', { name: 'Statistics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      // The centre is fixed (the server would refuse another); partners and services may be chosen.
      expect(await page.locator('#stats-centre').count()).toBe(0);
      await page.getByLabel('Service', { exact: true }).waitFor();

      await page.getByLabel('Period', { exact: true }).selectOption('custom');
      await page.getByLabel('From', { exact: true }).fill(await page.evaluate(() => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)));
      await page.getByLabel('To', { exact: true }).fill(await page.evaluate(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)));
      await page.getByLabel('Breakdown', { exact: true }).selectOption('day');
      await settled(page);
      await page.getByTestId('stats-question').getByText(/^CNAI Lisboa — /).waitFor();
      expect(await countOf(page, 'visits')).toBeGreaterThan(50);
      expect(await countOf(page, 'peopleServed')).toBeLessThanOrEqual(await countOf(page, 'visits'));
      const chart = page.getByTestId('stats-chart-svg');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Line chart of Visits by day, .* Dashed line: the previous period/);
      await page.getByTestId('stats-chart').locator('.chart-legend').getByText('Previous period (').waitFor();

      // The chart shows another figure: the median wait, in minutes.
      await page.getByLabel('Figure shown', { exact: true }).selectOption('medianWait');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Line chart of Median wait by day, .* Highest: \d+(\.\d)?\+? min/);
      await page.getByText('Show the table').click();
      expect(await page.getByTestId('stats-chart-table').locator('tbody tr').count()).toBe(30);

      // A reversed period is refused beside the field, without asking the server.
      await page.getByLabel('To', { exact: true }).fill(await page.evaluate(() => new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)));
      await page.locator('#stats-to-error').getByText('The end date must be on or after the start date.').waitFor();
      expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, 'stats manager, reversed period (en)');

      await page.getByLabel('Period', { exact: true }).selectOption('lastMonth');
      await settled(page);
      await page.getByLabel('Breakdown', { exact: true }).selectOption('hour');
      await settled(page);
      expect(await chart.getAttribute('aria-label')).toMatch(/^Line chart of Visits by hour of the day/);
      await expectNoAxeViolations(page, 'stats manager by hour (en)');
      await expectNoHorizontalOverflow(page, 'stats manager by hour (en)');
      await screenshot(page, 'stats-manager-hour-en');

      await page.goto(`${h.baseUrl}/app/stats?period=last12&by=weekday&lng=pt-PT`);
      await page.getByRole('heading', { level: 1, name: 'Estatísticas' }).waitFor();
      await settled(page);
      expect(await page.getByTestId('stats-chart-svg').getAttribute('aria-label')).toMatch(/^Gráfico de linhas: Visitas por dia da semana/);
      await page.getByText('Mostrar a tabela').click();
      await page.getByTestId('stats-chart-table').getByText('segunda-feira').waitFor();
      await expectNoAxeViolations(page, 'stats manager by weekday (pt-PT)');
      await expectNoHorizontalOverflow(page, 'stats manager by weekday (pt-PT)');
    });
  });
});
