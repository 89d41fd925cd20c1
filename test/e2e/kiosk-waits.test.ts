import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, signedInPage, spokenOn, staffApi, type StaffApi } from './helpers.ts';

/**
 * The expected wait before a ticket is taken, as a range ("about 15–25 min") with a clock: on the
 * kiosk's topic tiles, on the confirmation before issuing (with the measured accuracy), beside each
 * desk of a procedure — in the client's language, right to left in Arabic, read aloud, refreshed
 * while the screen is open; and on the pre-sorting tiles, the same range as staff see on the floor.
 */

const OFFSET = openClockOffset();
const TOPIC = 'family-reunification';

interface Waits {
  accuracyInTen: number;
  services: { serviceId: string; ticketPrefix: string; waiting: number; expectedWaitRange: [number, number] }[];
  topics: Record<string, string>;
}
interface Snapshot {
  queues: { serviceId: string; waiting: number; expectedWaitRange: [number, number] }[];
}

describe.runIf(browserAvailable())('the expected wait before a ticket: kiosk and pre-sorting show the range', () => {
  let h: Harness;
  let manager: StaffApi;
  let kiosk: Page;
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    manager = await staffApi(h, 'gestor.lisboa');
    ({ page: kiosk } = await screenPage(h));
    await pairDevice(h, manager, kiosk, 'kiosk', 'Entrance kiosk');
    await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
    // People already waiting for the topic's desk, so its wait is not the empty queue's.
    for (let i = 0; i < 6; i++) await manager.post('/api/visits', { topic: TOPIC, language: 'pt-PT' });
  }, 60_000);
  afterAll(async () => {
    await manager?.api.dispose();
    await h?.close();
  });

  /** What the kiosk's own device route answers now (its cookie), and the floor's snapshot for comparison. */
  const kioskWaits = () => kiosk.evaluate(() => fetch('/api/device/waits').then((r) => r.json() as Promise<Waits>));
  const snapshot = () => manager.get<Snapshot>(`/api/centres/${manager.centreId}/snapshot`);
  const rangeOf = async (topic: string) => {
    const waits = await kioskWaits();
    const serviceId = waits.topics[topic]!;
    const floor = (await snapshot()).queues.find((q) => q.serviceId === serviceId)!;
    // One estimate, one range, everywhere: the kiosk's answer is the floor's.
    expect(waits.services.find((s) => s.serviceId === serviceId)!.expectedWaitRange).toEqual(floor.expectedWaitRange);
    return { serviceId, range: floor.expectedWaitRange, waiting: floor.waiting, accuracyInTen: waits.accuracyInTen };
  };

  it('in English: a clock and "about 15–25 min" on each topic, the range and its measured accuracy before issuing, read aloud, refreshed while open', async () => {
    await withScreenshots('kiosk-waits-en', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en&idle=600`);
      await kiosk.locator('[data-mode="ticket"]').click();
      await kiosk.getByRole('heading', { level: 1, name: /What did you come for/ }).waitFor();
      const { range, waiting, accuracyInTen } = await rangeOf(TOPIC);
      expect(waiting).toBe(6);
      expect(range[0]).toBeGreaterThan(0);
      const tileWait = kiosk.locator(`[data-topic="${TOPIC}"] [data-testid="kiosk-wait"]`);
      await tileWait.waitFor();
      expect(await tileWait.innerText()).toBe(`about ${range[0]}–${range[1]} min`);
      // The clock stands for the words: the tile is named "… Expected wait about 15–25 min".
      expect(await tileWait.locator('svg').getAttribute('aria-label')).toBe('Expected wait');
      expect(await kiosk.locator('[data-topic] [data-testid="kiosk-wait"]').count()).toBeGreaterThan(5);
      // Large enough to read from a step back.
      expect(await tileWait.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
      await expectNoAxeViolations(kiosk, 'kiosk topics with waits (en)');
      await screenshot(kiosk, 'kiosk-waits-topics-en');

      // Read aloud: each topic, then its wait in words.
      await kiosk.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken.splice(0));
      await kiosk.locator('.kiosk-read').click();
      const words = `Expected wait: about ${range[0]} to ${range[1]} minutes.`;
      await kiosk.waitForFunction((w) => (window as unknown as { __spoken: { text: string }[] }).__spoken.some((s) => s.text === w), words, { timeout: 20_000 });
      const said = (await spokenOn(kiosk)).map((s) => s.text);
      expect(said[said.indexOf(words) - 1]).toBe('Bringing your family');
      await kiosk.locator('.kiosk-read').click();

      // Before issuing: the range, large, with how accurate such estimates were.
      await kiosk.locator(`[data-topic="${TOPIC}"]`).click();
      const confirm = kiosk.getByTestId('kiosk-wait-confirm');
      await confirm.waitFor();
      expect(await confirm.locator('.kiosk-wait-large').innerText()).toBe(`Expected wait: about ${range[0]}–${range[1]} min`);
      expect(await confirm.locator('.kiosk-wait-accuracy').innerText()).toBe(
        `Our estimates were within 5 minutes of the real wait for ${accuracyInTen} in 10 people (waits under 30 minutes, measured on simulated days at the centres).`,
      );
      expect(await confirm.locator('.kiosk-wait-large').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(30);
      await expectNoAxeViolations(kiosk, 'kiosk confirm with wait (en)');
      await screenshot(kiosk, 'kiosk-waits-confirm-en');
      await kiosk.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken.splice(0));
      await kiosk.locator('.kiosk-read').click();
      await kiosk.waitForFunction((w) => (window as unknown as { __spoken: { text: string }[] }).__spoken.some((s) => s.text === w), words);
      await kiosk.locator('.kiosk-read').click();

      // More people join while the screen is open: the range follows within half a minute, without a touch.
      for (let i = 0; i < 12; i++) await manager.post('/api/visits', { topic: TOPIC, language: 'en' });
      const after = await rangeOf(TOPIC);
      expect(after.range[1]).toBeGreaterThan(range[1]);
      await kiosk.locator(`[data-testid="kiosk-wait-confirm"][data-high="${after.range[1]}"]`).waitFor({ timeout: 40_000 });
      expect(await confirm.locator('.kiosk-wait-large').innerText()).toBe(`Expected wait: about ${after.range[0]}–${after.range[1]} min`);
    });
  }, 120_000);

  it('in Arabic: right to left, the range on the topics and before issuing, axe finds nothing', async () => {
    await withScreenshots('kiosk-waits-ar', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=ar&idle=600`);
      await kiosk.locator('[data-mode="ticket"]').click();
      await kiosk.getByRole('heading', { level: 1, name: /لماذا جئت/ }).waitFor();
      const { range, accuracyInTen } = await rangeOf(TOPIC);
      const tileWait = kiosk.locator(`[data-topic="${TOPIC}"] [data-testid="kiosk-wait"]`);
      await tileWait.waitFor();
      expect(await tileWait.innerText()).toBe(`حوالي ${range[0]}–${range[1]} دقيقة`);
      expect(await tileWait.locator('svg').getAttribute('aria-label')).toBe('مدة الانتظار المتوقعة');
      expect(await tileWait.evaluate((el) => ({ lang: el.closest('[lang]')?.getAttribute('lang'), dir: getComputedStyle(el).direction }))).toEqual({ lang: 'ar', dir: 'rtl' });
      // Right to left for real: the clock comes first on the right, the text to its left.
      const clock = (await tileWait.locator('svg').boundingBox())!;
      const words = (await tileWait.locator('.kiosk-wait-text').boundingBox())!;
      expect(clock.x).toBeGreaterThan(words.x);
      await expectNoAxeViolations(kiosk, 'kiosk topics with waits (ar)');
      await screenshot(kiosk, 'kiosk-waits-topics-ar');

      await kiosk.locator(`[data-topic="${TOPIC}"]`).click();
      const confirm = kiosk.getByTestId('kiosk-wait-confirm');
      await confirm.waitFor();
      expect(await confirm.locator('.kiosk-wait-large').innerText()).toBe(`مدة الانتظار المتوقعة: حوالي ${range[0]}–${range[1]} دقيقة`);
      expect(await confirm.locator('.kiosk-wait-accuracy').innerText()).toContain(`لـ ${accuracyInTen} من كل 10 أشخاص`);
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('rtl');
      // Arabic is machine-translated here: the footer says so.
      await kiosk.locator('.kiosk-footer').waitFor();
      await expectNoAxeViolations(kiosk, 'kiosk confirm with wait (ar)');
      await screenshot(kiosk, 'kiosk-waits-confirm-ar');

      // The ticket is then taken as before.
      await kiosk.getByRole('button', { name: /خذ تذكرة/ }).first().click();
      await kiosk.getByTestId('kiosk-ticket').waitFor();
    });
  }, 120_000);

  it('beside each desk of a procedure (information mode): the desk’s own range', async () => {
    await withScreenshots('kiosk-waits-desks', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en&idle=600`);
      await kiosk.locator('[data-mode="information"]').click();
      await kiosk.locator(`[data-testid="kiosk-info-topics"] [data-slug="${TOPIC}"]`).click();
      await kiosk.locator('[data-testid="kiosk-procedure"][data-slug="family-reunification-application"]').click();
      const desks = kiosk.getByTestId('kiosk-desks');
      await desks.waitFor();
      const waits = await kioskWaits();
      for (const prefix of ['A', 'F']) {
        const service = waits.services.find((s) => s.ticketPrefix === prefix)!;
        const badge = desks.locator(`[data-prefix="${prefix}"] [data-testid="kiosk-wait"]`);
        await badge.waitFor();
        const [low, high] = service.expectedWaitRange;
        expect(await badge.innerText()).toBe(low === 0 ? `less than ${high} min` : `about ${low}–${high} min`);
      }
      await expectNoAxeViolations(kiosk, 'kiosk procedure with desk waits (en)');
    });
  }, 60_000);

  it('pre-sorting: each service tile shows the people waiting and the range, as on the floor', async () => {
    const mediator = await signedInPage(h, 'mediador.lisboa', 'en');
    await withScreenshots('presorting-waits', () => [mediator], async () => {
      await mediator.goto(`${h.baseUrl}/app/pre-sorting?lng=en`);
      await mediator.locator('h1', { hasText: 'Pre-sorting' }).waitFor();
      const { serviceId, range, waiting } = await rangeOf(TOPIC);
      const tile = mediator.locator('label.service-tile').filter({ has: mediator.locator(`input[value="${serviceId}"]`) });
      await tile.locator('.tile-queue', { hasText: '–' }).waitFor();
      expect(await tile.locator('.tile-queue').innerText()).toBe(`${waiting} waiting · ${range[0]}–${range[1]} min`);
      // Every tile shows a range, none a single figure.
      const texts = await mediator.locator('label.service-tile .tile-queue').allInnerTexts();
      expect(texts.length).toBeGreaterThan(3);
      for (const text of texts) expect(text).toMatch(/^\d+ waiting · \d+–\d+ min$/);
      await expectNoAxeViolations(mediator, 'pre-sorting with ranges (en)');
      await screenshot(mediator, 'presorting-waits-en');
    });
  }, 60_000);
});
