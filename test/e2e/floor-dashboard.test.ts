import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, staffApi, type CentreConfig } from './helpers.ts';

describe.runIf(browserAvailable())('the live floor as a dashboard', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows totals first, each queue against its target in words, and warns of people waiting with no counter staffed; fits 1366×768 and 1920×1080', async () => {
    // CNAI Lisboa is open around the clock in the demo.
    const manager = await staffApi(h, 'gestor.lisboa');
    const config = await manager.get<CentreConfig>(`/api/centres/${manager.centreId}`);
    const service = config.services.find((s) => s.ticketPrefix === 'A')!;
    await manager.post('/api/visits', { serviceId: service.id, language: 'pt-PT' });
    await manager.post('/api/visits', { serviceId: service.id, language: 'uk' });
    const page = await signedInPage(h, 'gestor.lisboa', 'en');
    await withScreenshots('floor-dashboard', () => [page], async () => {
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.goto(`${h.baseUrl}/app/floor?lng=en`);
        const totalWaiting = page.getByTestId('total-waiting');
        await totalWaiting.waitFor();
        expect(await totalWaiting.innerText()).toMatch(/^2\s+people waiting$/);
        expect(await page.getByTestId('total-staffed').innerText()).toMatch(/^0 of \d+\s+counters staffed$/);
        // The totals and warnings come before the tables.
        expect((await totalWaiting.boundingBox())!.y).toBeLessThan((await page.getByTestId('queues').boundingBox())!.y);
        const warnings = page.getByTestId('warnings');
        expect(await warnings.innerText()).toContain('A · ');
        expect(await warnings.innerText()).toContain('2 people waiting and no counter staffed.');
        // Colour is never alone: the state is written in the cell.
        expect(await page.getByTestId('target-A').innerText()).toMatch(/^(Within|Near|Past) target \(\d+ min\)$/);
        expect(await page.getByTestId('target-B').innerText()).toBe('Nobody waiting');
        // No horizontal scrolling at either size.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await screenshot(page, `floor-dashboard-${width}`);
      }
      await expectNoAxeViolations(page, 'floor dashboard (en)');
      // A counter taken for the queue ends the warning, live.
      const officer = await staffApi(h, 'aima.lisboa');
      const counter = config.counters.find((c) => c.serviceIds.includes(service.id))!;
      await officer.post(`/api/counters/${counter.id}/session`, { languages: ['pt-PT'] });
      await expect.poll(async () => page.getByTestId('warnings').innerText(), { timeout: 30_000 }).not.toContain('no counter staffed');
      expect(await page.getByTestId('total-staffed').innerText()).toMatch(/^1 of \d+/);
    });
  });
});
