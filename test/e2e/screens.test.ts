import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, spokenOn, staffApi, type CentreConfig, type StaffApi } from './helpers.ts';

const OFFSET = openClockOffset();
const testDeviceName = (kind: string) => `Test ${kind} ${Math.random().toString(36).slice(2, 6)}`;

describe.runIf(browserAvailable())('display board and kiosk', () => {
  let h: Harness;
  let manager: StaffApi;
  let mediator: StaffApi;
  let config: CentreConfig;
  let welcoming: CentreConfig['services'][number];
  let wCounters: CentreConfig['counters'];
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    manager = await staffApi(h, 'gestor.lisboa');
    mediator = await staffApi(h, 'mediador.lisboa');
    config = await mediator.get<CentreConfig>(`/api/centres/${mediator.centreId}`);
    welcoming = config.services.find((s) => s.code === 'welcoming')!;
    wCounters = config.counters.filter((c) => c.serviceIds.includes(welcoming.id)).sort((a, b) => a.number - b.number);
  });
  afterAll(async () => {
    await manager?.api.dispose();
    await mediator?.api.dispose();
    await h?.close();
  });

  /** The mediator issues a W ticket in a language and calls it at a W counter. */
  const issueAndCall = async (language: string, counterIndex = 0) => {
    const issued = await mediator.post<{ ticket: { number: string } }>('/api/visits', { serviceId: welcoming.id, language });
    const counter = wCounters[counterIndex]!;
    await mediator.post(`/api/counters/${counter.id}/session`, {});
    const called = await mediator.post<{ ticket: { number: string }; counterNumber: number }>(`/api/counters/${counter.id}/call-next`, {});
    expect(called.ticket.number).toBe(issued.ticket.number);
    return { number: called.ticket.number, counter: called.counterNumber };
  };

  it('the board shows and speaks a call in the centre language then the client language, and misses none across a reconnection', async () => {
    const { context, page: board } = await screenPage(h);
    await withScreenshots('display-board', () => [board], async () => {
      await board.goto(`${h.baseUrl}/display?lng=pt-PT`);
      await board.locator('#pairing-code').waitFor();
      await expectNoAxeViolations(board, 'display pairing (pt-PT)');
      await pairDevice(h, manager, board, 'display', testDeviceName('display'), 'pt-PT');
      await board.getByRole('button', { name: 'Ativar o som' }).click();
      await board.getByTestId('connection').getByText('Em direto').waitFor();

      const first = await issueAndCall('zh');
      const live = board.locator('[aria-live="assertive"]');
      await live.locator('.board-call-number', { hasText: first.number }).waitFor();
      expect(await live.innerText()).toContain(`Posto ${first.counter}`);
      // The client's language (Chinese) has no screen text yet: English is shown and spoken.
      expect(await live.innerText()).toContain(`Ticket ${first.number}, please go to counter ${first.counter}`);
      expect(await board.getByTestId('recent-calls').innerText()).toContain(first.number);
      await board.waitForFunction(() => ((window as unknown as { __spoken: unknown[] }).__spoken ?? []).length >= 2);
      const spoken = await spokenOn(board);
      expect(spoken).toHaveLength(2);
      expect(spoken[0]).toEqual({ text: `Senha ${first.number}, dirija-se ao posto ${first.counter}`, lang: 'pt-PT' });
      expect(spoken[1]).toEqual({ text: `Ticket ${first.number}, please go to counter ${first.counter}`, lang: 'en' });
      await expectNoAxeViolations(board, 'display board with a call (pt-PT)');
      await screenshot(board, 'display-board-call');

      // Offline: the board says it is reconnecting; a call made meanwhile shows once back online.
      await context.setOffline(true);
      await board.getByTestId('connection').getByText('A restabelecer a ligação…').waitFor();
      const second = await issueAndCall('uk', 1);
      await context.setOffline(false);
      await board.locator('[aria-live="assertive"] .board-call-number', { hasText: second.number }).waitFor({ timeout: 15_000 });

      // The board goes away (reload, power cut) while two calls happen: it resumes after its last event.
      await board.goto('about:blank');
      const third = await issueAndCall('pt-PT', 2);
      const fourth = await issueAndCall('en', 3);
      await board.goto(`${h.baseUrl}/display?lng=pt-PT`);
      await board.locator('[aria-live="assertive"] .board-call-number', { hasText: fourth.number }).waitFor({ timeout: 15_000 });
      const recent = await board.getByTestId('recent-calls').innerText();
      for (const c of [first, second, third, fourth]) expect(recent).toContain(c.number);
      await screenshot(board, 'display-board-after-resync');

      // A second board switched on now (another browser, nothing kept) shows today's calls at once, then follows live.
      const { page: fresh } = await screenPage(h);
      await fresh.goto(`${h.baseUrl}/display?lng=pt-PT`);
      await pairDevice(h, manager, fresh, 'display', testDeviceName('display-2'), 'pt-PT');
      await fresh.locator('[aria-live="assertive"] .board-call-number', { hasText: fourth.number }).waitFor();
      const shown = await fresh.getByTestId('recent-calls').innerText();
      for (const c of [first, second, third]) expect(shown).toContain(c.number);
      const fifth = await issueAndCall('en', 4);
      await fresh.locator('[aria-live="assertive"] .board-call-number', { hasText: fifth.number }).waitFor();
      await fresh.context().close();
    });
  });

  it('the kiosk issues a ticket in the chosen language, right-to-left for Arabic, with a QR code, and resets when idle', async () => {
    const { page: kiosk } = await screenPage(h);
    await withScreenshots('kiosk', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT`);
      await kiosk.locator('#pairing-code').waitFor();
      await pairDevice(h, manager, kiosk, 'kiosk', testDeviceName('kiosk'), 'pt-PT');
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      await expectNoAxeViolations(kiosk, 'kiosk language step (pt-PT)');

      // The screen stub has voices for pt-PT and English only: "Read aloud" is offered where a voice fits.
      const flows: { lang: string; endonym: string; dir: string; topicTitle: RegExp; take: RegExp; voice: boolean }[] = [
        { lang: 'ar', endonym: 'العربية', dir: 'rtl', topicTitle: /لماذا جئت/, take: /خذ تذكرة/, voice: false },
        { lang: 'uk', endonym: 'Українська', dir: 'ltr', topicTitle: /З яким питанням ви прийшли/, take: /Взяти талон/, voice: false },
        { lang: 'zh', endonym: '中文', dir: 'ltr', topicTitle: /What did you come for/, take: /Take a ticket/, voice: true },
        { lang: 'pt-PT', endonym: 'Português (Portugal)', dir: 'ltr', topicTitle: /Qual é o assunto/, take: /Tirar senha/, voice: true },
        { lang: 'en', endonym: 'English', dir: 'ltr', topicTitle: /What did you come for/, take: /Take a ticket/, voice: true },
      ];
      let printed = 0;
      for (const f of flows) {
        await kiosk.getByRole('button', { name: f.endonym, exact: true }).click();
        // After the language: read information or take a ticket.
        await kiosk.locator('[data-mode="ticket"]').click();
        await kiosk.getByRole('heading', { level: 1, name: f.topicTitle }).waitFor();
        expect(await kiosk.locator('html').getAttribute('lang')).toBe(f.lang);
        expect(await kiosk.locator('html').getAttribute('dir')).toBe(f.dir);
        await expectNoAxeViolations(kiosk, `kiosk topic step (${f.lang})`);
        if (f.lang === 'ar') await screenshot(kiosk, 'kiosk-topics-ar');
        await kiosk.locator('[data-topic="general-information"]').click();
        const take = kiosk.getByRole('button', { name: f.take }).first();
        await take.waitFor();
        await expectNoAxeViolations(kiosk, `kiosk confirm step (${f.lang})`);
        await take.click();
        const ticket = kiosk.getByTestId('kiosk-ticket');
        await ticket.waitFor();
        const number = (await ticket.locator('.kiosk-ticket-number').innerText()).trim();
        expect(number).toMatch(/^[A-Z]\d{3}$/);
        await ticket.locator('img').waitFor();
        expect(await ticket.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,/);
        await kiosk.waitForFunction((n) => (window as unknown as { __printed: number }).__printed >= n, printed + 1);
        printed++;
        expect(await kiosk.locator('html').getAttribute('dir')).toBe(f.dir);
        await expectNoAxeViolations(kiosk, `kiosk ticket step (${f.lang})`);
        await screenshot(kiosk, `kiosk-ticket-${f.lang}`);
        // "Read aloud" speaks in the language the text is in (English where not yet translated).
        if (f.voice) {
          await kiosk.locator('.kiosk-read').click();
          await kiosk.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length > 0);
          const said = await kiosk.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken.splice(0));
          expect(said[0]!.text).toContain(number);
          expect(said[0]!.lang).toBe(f.lang === 'pt-PT' ? 'pt-PT' : 'en');
        } else {
          expect(await kiosk.locator('.kiosk-read').count()).toBe(0);
        }
        await kiosk.locator('.kiosk-nav .kiosk-take').click();
        await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
        expect(await kiosk.locator('html').getAttribute('lang')).toBe('pt-PT');
      }
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=en`);
      await kiosk.getByRole('heading', { level: 1, name: 'Choose your language' }).waitFor();
      await expectNoAxeViolations(kiosk, 'kiosk language step (en)');
      // ?lang= chooses the language itself: the kiosk opens on the choice between information and a ticket.
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en`);
      await kiosk.getByRole('heading', { level: 1, name: 'What would you like to do?' }).waitFor();

      // Idle: a warning with a countdown, "Continue" keeps the session, then it starts again with nothing kept.
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT&idle=1&warn=3`);
      await kiosk.getByRole('button', { name: 'العربية', exact: true }).click();
      const dialog = kiosk.getByRole('alertdialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('هل ما زلت هنا؟');
      await expectNoAxeViolations(kiosk, 'kiosk idle warning (ar)');
      await dialog.getByRole('button', { name: 'متابعة' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('ar');
      await dialog.waitFor();
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor({ timeout: 10_000 });
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('pt-PT');
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('ltr');
    });
  });
});
