import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateHistory } from '../../server/modules/stats/history.ts';
import { browserAvailable, expectNoAxeViolations, setLanguage, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';

/** Waits until the plan on screen answers the question asked (not the previous one, kept while loading). */
async function settled(page: Page): Promise<void> {
  await page.locator('.planner-answer[aria-busy="false"]').waitFor();
}

const rosteredHours = async (page: Page) => {
  const text = await page.getByTestId('planner-totals').innerText();
  return Number(/(\d+) counter-hours recommended, (\d+) rostered/.exec(text)![2]);
};

describe.runIf(browserAvailable())('planning staff', () => {
  let h: Harness;
  beforeAll(async () => {
    // Seven weeks up to yesterday at a tenth of CNAI's volume: a forecast and a backtest to show.
    await (h = await startHarness());
    await generateHistory(h.ctx, { days: 49, scale: 0.1, seed: 5, centres: ['lisboa', 'porto'] });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it("a centre manager plans next week: the forecast error beside it, a table per service, a chart with its table, a what-if, the CSV — in English and Portuguese, with no axe violations", async () => {
    const page = await h.newPage();
    await withScreenshots('planner-manager', () => [page], async () => {
      await signIn(page, h, 'gestor.lisboa', 'en');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planning staff' }).click();
      await page.getByRole('heading', { level: 1, name: 'Planning staff' }).waitFor();
      await settled(page);
      // A manager plans their own centre: no centre to choose.
      expect(await page.getByLabel('Centre', { exact: true }).count()).toBe(0);
      expect(await page.getByTestId('planner-backtest').innerText()).toMatch(/^Forecast error: \d+% \(WAPE over the last \d weeks/);
      expect(await page.getByTestId('planner-shared').innerText()).toMatch(/^Counting each counter once, .* simulated \d+ times as rostered\): \d+ service-hours below the target\.$/);

      const permits = page.getByTestId('planner-service-residence-permits');
      await permits.getByRole('heading', { name: 'Residence permits and visas' }).waitFor();
      const table = permits.getByRole('table');
      expect(await table.locator('thead th').count()).toBe(6); // the hour, Monday to Friday
      expect(await table.locator('tbody tr').count()).toBe(10); // 08:00 to 17:00
      // Each cell says recommended / rostered, with a symbol and words, not only a colour.
      const first = table.locator('tbody td .planner-cell').first();
      expect(await first.innerText()).toMatch(/^[▲✓▽] \d+ \/ 8/);
      expect(await first.locator('.visually-hidden').innerText()).toMatch(/short by \d+|enough|to spare/);

      // The chart is one image with a summary, its figures in a table.
      const chart = page.getByTestId('planner-chart-svg');
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Residence permits and visas: busiest hour .* clients expected, \d+ counters recommended and 8 rostered\.$/);
      await page.getByText("The chart's figures as a table").click();
      expect(await page.getByTestId('planner-chart-table').locator('tbody tr').count()).toBe(50);
      await expectNoAxeViolations(page, 'planner (en)');

      // What if: one counter more for residence permits on Monday at 09:00.
      const before = await rosteredHours(page);
      await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Residence permits and visas' });
      await page.getByLabel('Hour', { exact: true }).selectOption({ label: '09:00' });
      await page.getByRole('button', { name: 'One counter more' }).click();
      await page.getByRole('list').getByText(/Residence permits and visas, .* 09:00: \+1/).waitFor();
      await settled(page);
      await expect.poll(() => rosteredHours(page)).toBe(before + 1);
      expect(await table.locator('tbody tr').nth(1).locator('td').first().innerText()).toMatch(/\/ 9/);
      const href = (await page.getByTestId('planner-csv').getAttribute('href'))!;
      expect(href).toMatch(/^\/api\/planner\.csv\?.*adjust=/);
      const csv = await page.request.get(`${h.baseUrl}${href}`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toContain('residence-permits');
      await page.getByRole('button', { name: /^Undo: / }).click();
      await expect.poll(() => rosteredHours(page)).toBe(before);

      await setLanguage(page, 'pt-PT');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Planear pessoal' }).waitFor();
      await settled(page);
      expect(await page.getByTestId('planner-backtest').innerText()).toMatch(/^Erro da previsão: \d+ ?% \(WAPE das últimas \d semanas/);
      await page.getByTestId('planner-service-residence-permits').getByRole('heading', { name: 'Autorizações de residência e vistos' }).waitFor();
      await expectNoAxeViolations(page, 'planner (pt-PT)');
    });
  }, 120_000);

  it('an analyst chooses any centre; an agency officer has no planner', async () => {
    const page = await h.newPage();
    await withScreenshots('planner-analyst', () => [page], async () => {
      await signIn(page, h, 'analista', 'en');
      await page.goto(`${h.baseUrl}/app/planner?lng=en`);
      await settled(page);
      await page.getByLabel('Centre', { exact: true }).selectOption({ label: 'CNAI Porto' });
      await settled(page);
      await page.getByTestId('planner-service-residence-permits').locator('tbody td .planner-cell').first().getByText(/\/ 4/).waitFor();
      await page.getByLabel('Target', { exact: true }).selectOption('mean-wait');
      await page.getByLabel('Mean wait at most (minutes)').fill('5');
      await settled(page);
      await expectNoAxeViolations(page, 'planner, analyst (en)');

      const officer = await h.newPage();
      await signIn(officer, h, 'aima.lisboa', 'en');
      expect(await officer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planning staff' }).count()).toBe(0);
      await officer.goto(`${h.baseUrl}/app/planner?lng=en`);
      await officer.getByRole('heading', { level: 1 }).waitFor();
      expect(await officer.getByRole('heading', { level: 1 }).innerText()).not.toBe('Planning staff');
    });
  }, 120_000);
});
