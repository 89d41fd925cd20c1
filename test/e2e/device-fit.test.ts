import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, staffApi, type CentreConfig, type StaffApi } from './helpers.ts';

/**
 * Device screens at the sizes the devices really have, measured (not pixel-compared): the display
 * board at 1920×1080, 1366×768 and portrait 1080×1920 never scrolls, shows only calls still being
 * called as calling (a freshly paired board too), and marks each call line with its language and
 * direction.
 */

const OFFSET = openClockOffset();
const BOARD_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
];
const LONG_NOTICE =
  'A secção de Autorização de Residência encerra amanhã, sexta-feira, às 13h00 por motivo de formação; as marcações da tarde passam para segunda-feira no mesmo horário. Pedimos desculpa.';

/** The page's scrollable size against its viewport: a screen that cannot scroll must not need to. */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    width: document.documentElement.scrollWidth - window.innerWidth,
    height: document.documentElement.scrollHeight - window.innerHeight,
  }));

describe.runIf(browserAvailable())('device screens fit their devices', () => {
  let h: Harness;
  let manager: StaffApi;
  let mediator: StaffApi;
  let welcoming: CentreConfig['services'][number];
  let wCounters: CentreConfig['counters'];
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    manager = await staffApi(h, 'gestor.lisboa');
    mediator = await staffApi(h, 'mediador.lisboa');
    const config = await mediator.get<CentreConfig>(`/api/centres/${mediator.centreId}`);
    welcoming = config.services.find((s) => s.code === 'welcoming')!;
    wCounters = config.counters.filter((c) => c.serviceIds.includes(welcoming.id)).sort((a, b) => a.number - b.number);
  }, 60_000);
  afterAll(async () => {
    await manager?.api.dispose();
    await mediator?.api.dispose();
    await h?.close();
  });

  /** Issues a W ticket in a language and calls it at a W counter; `then` ends the call (the client arrived, or was served). */
  const call = async (language: string, counterIndex: number, then?: 'start' | 'finish') => {
    await mediator.post('/api/visits', { serviceId: welcoming.id, language });
    const counter = wCounters[counterIndex]!;
    await mediator.post(`/api/counters/${counter.id}/session`, {});
    const called = await mediator.post<{ ticket: { id: string; number: string }; counterNumber: number }>(`/api/counters/${counter.id}/call-next`, {});
    if (then === 'start' || then === 'finish') await mediator.post(`/api/tickets/${called.ticket.id}/start`, {});
    if (then === 'finish') await mediator.post(`/api/tickets/${called.ticket.id}/finish`, { outcome: 'resolved' });
    return { number: called.ticket.number, counter: called.counterNumber };
  };

  it('board: no scroll at 1920×1080, 1366×768 and 1080×1920 with four calls, eight recent and a long notice; stale calls not calling; lang and dir per line', async () => {
    // A morning's calls: some served, one at the counter, four still being called (one in Arabic).
    const served = [await call('pt-PT', 0, 'finish'), await call('uk', 1, 'finish'), await call('en', 0, 'finish')];
    const atCounter = await call('ru', 2, 'start');
    const calling = [await call('pt-PT', 0), await call('ar', 1), await call('fr', 3), await call('pt-PT', 4)];
    await manager.send('PUT', `/api/centres/${manager.centreId}/board-notice`, { notice: LONG_NOTICE });

    const { page: board } = await screenPage(h);
    await withScreenshots('device-fit-board', () => [board], async () => {
      await board.setViewportSize(BOARD_SIZES[0]!);
      await pairDevice(h, manager, board, 'display', `Fit board ${Math.random().toString(36).slice(2, 6)}`, 'pt-PT');
      await board.getByRole('button', { name: 'Ativar o som' }).click();
      await board.getByTestId('connection').getByText('Em direto').waitFor();

      // Freshly paired: only the four calls still being called are large; the served and started ones are in the list only.
      const large = board.locator('.board-calls > li');
      await expect.poll(() => large.evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket')))).toEqual(calling.map((c) => c.number).reverse());
      const recent = await board.getByTestId('recent-calls').innerText();
      for (const c of [...served, atCounter, ...calling]) expect(recent).toContain(c.number);
      expect(await board.locator('.board-call.is-new').getAttribute('data-ticket')).toBe(calling[3]!.number);
      await board.getByTestId('board-notice').getByText(LONG_NOTICE).waitFor();

      // The Arabic call's line reads right to left, in Arabic; the others keep their own language.
      const arabic = board.locator(`.board-call[data-ticket="${calling[1]!.number}"] .board-call-sentence`);
      expect(await arabic.getAttribute('lang')).toBe('ar');
      expect(await arabic.getAttribute('dir')).toBe('rtl');
      const french = board.locator(`.board-call[data-ticket="${calling[2]!.number}"] .board-call-sentence`);
      expect([await french.getAttribute('lang'), await french.getAttribute('dir')]).toEqual(['fr', 'ltr']);

      for (const size of BOARD_SIZES) {
        await board.setViewportSize(size);
        await expect.poll(() => board.evaluate(() => window.innerWidth)).toBe(size.width);
        const o = await overflow(board);
        expect(o.width, `horizontal overflow at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
        expect(o.height, `vertical overflow at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
        // Every large call and the whole notice are on screen, and the notice is not cut.
        const boxes = await board.locator('.board-call, [data-testid="board-notice"], .board-footer').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
        for (const bottom of boxes) expect(bottom).toBeLessThanOrEqual(size.height);
        expect(await board.getByTestId('board-notice').evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
        // Nothing spills out of a call's card (a long number, a long sentence).
        const spills = await large.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.getAttribute('data-ticket')));
        expect(spills, `cards overflowing at ${size.width}×${size.height}`).toEqual([]);
        await screenshot(board, `board-${size.width}x${size.height}`);
      }
      await expectNoAxeViolations(board, 'display board with four calls and a notice');

      // A client reaches the counter: that call stops calling at once; a new call flashes instead of the last.
      const arrived = await mediator.get<{ recentCalls: { ticketId: string; number: string }[] }>(`/api/centres/${mediator.centreId}/snapshot`);
      await mediator.post(`/api/counters/${wCounters[3]!.id}/session`, {});
      const arrivedId = arrived.recentCalls.find((c) => c.number === calling[2]!.number)!.ticketId;
      await mediator.post(`/api/tickets/${arrivedId}/start`, {});
      await board.locator(`.board-call[data-ticket="${calling[2]!.number}"]`).waitFor({ state: 'detached' });
      await mediator.post(`/api/tickets/${arrivedId}/finish`, { outcome: 'resolved' });
      const next = await call('pt-PT', 3);
      await board.locator(`.board-call.is-new[data-ticket="${next.number}"]`).waitFor();
      expect(await board.locator('.board-call.is-new').count()).toBe(1);
      // Clearing the notice takes it off the board at once.
      await manager.send('PUT', `/api/centres/${manager.centreId}/board-notice`, { notice: null });
      await board.getByTestId('board-notice').waitFor({ state: 'detached' });
    });
  });

  it('kiosk: primary buttons in the reach band (portrait: lower 70%, landscape: 5–95%) and of one size per step; no scroll; Chinese drawn with its own font', async () => {
    const { page: kiosk } = await screenPage(h);
    await withScreenshots('device-fit-kiosk', () => [kiosk], async () => {
      await kiosk.setViewportSize({ width: 1080, height: 1920 });
      await pairDevice(h, manager, kiosk, 'kiosk', `Fit kiosk ${Math.random().toString(36).slice(2, 6)}`, 'pt-PT');
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      // The Chinese endonym on the language step is drawn with the bundled face (a bare device has no Chinese font).
      await expect
        .poll(() => kiosk.evaluate(async () => { await document.fonts.ready; return [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Balcao Chinese' && f.status === 'loaded'); }))
        .toBe(true);

      const SIZES = [
        { width: 1080, height: 1920, band: [0.3, 0.95] },
        { width: 1920, height: 1080, band: [0.05, 0.95] },
      ] as const;
      const check = async (step: string, selector: string) => {
        for (const size of SIZES) {
          await kiosk.setViewportSize({ width: size.width, height: size.height });
          await expect.poll(() => kiosk.evaluate(() => window.innerWidth)).toBe(size.width);
          const o = await overflow(kiosk);
          expect(o.height, `${step} scrolls at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
          expect(o.width, `${step} scrolls sideways at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
          const boxes = await kiosk.locator(selector).evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, width: Math.round(r.width), height: Math.round(r.height) }; }));
          expect(boxes.length, step).toBeGreaterThan(0);
          for (const b of boxes) {
            expect(b.top / size.height, `${step}: a button starts above the reach band at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(size.band[0]);
            expect(b.bottom / size.height, `${step}: a button ends below the reach band at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.band[1]);
          }
          expect(new Set(boxes.map((b) => `${b.width}×${b.height}`)).size, `${step}: buttons of one size at ${size.width}×${size.height}`).toBe(1);
          await screenshot(kiosk, `kiosk-${step}-${size.width}x${size.height}`);
        }
        await kiosk.setViewportSize({ width: 1080, height: 1920 });
      };
      await check('language', '.kiosk-languages .kiosk-tile');
      await expectNoAxeViolations(kiosk, 'kiosk language step, portrait');
      await kiosk.getByRole('button', { name: 'Português (Portugal)', exact: true }).click();
      await kiosk.locator('[data-mode="ticket"]').waitFor();
      await check('mode', '.kiosk-modes .kiosk-tile');
      await kiosk.locator('[data-mode="ticket"]').click();
      await kiosk.getByRole('heading', { level: 1, name: /Qual é o assunto/ }).waitFor();
      await check('topic', '.kiosk-topics .kiosk-tile');
      await kiosk.locator('.kiosk-topics .kiosk-tile').first().click();
      await kiosk.locator('.kiosk-take').waitFor();
      // The wait is shown before the ticket is taken.
      await kiosk.locator('.kiosk-wait-box').waitFor();
      await check('confirm', '.kiosk-take');
      await expectNoAxeViolations(kiosk, 'kiosk confirm step, portrait');
    });
  });
});
