import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { isOpenAt, localTime, weekdayHours } from '../../core/opening-hours.ts';

/**
 * The server refuses kiosk tickets outside 08:00–18:00 Mon–Fri in Lisbon, so the test server's
 * clock is shifted (keeping its pace) to the next moment the centre is open for two hours.
 */
function openClockOffset(): number {
  const hours = weekdayHours('08:00', '18:00', ['mon', 'tue', 'wed', 'thu', 'fri']);
  const now = Date.now();
  const openFor2h = (t: number) => isOpenAt(hours, new Date(t), 'Europe/Lisbon') && isOpenAt(hours, new Date(t + 2 * 3600_000), 'Europe/Lisbon');
  if (openFor2h(now)) return 0;
  for (let t = now; t < now + 9 * 86400_000; t += 15 * 60_000) {
    if (openFor2h(t) && localTime(new Date(t), 'Europe/Lisbon').time >= '09:00') return t - now;
  }
  throw new Error('no opening time found');
}
const OFFSET = openClockOffset();

interface StaffApi {
  api: APIRequestContext;
  centreId: string;
  post<T>(path: string, data?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

/** A signed-in API client (cookie + CSRF token), for making things happen while a page watches. */
async function staffApi(h: Harness, username: string): Promise<StaffApi> {
  const api = await request.newContext({ baseURL: h.baseUrl });
  const res = await api.post('/api/session', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const session = (await res.json()) as { csrfToken: string; user: { centreId: string } };
  const check = async <T,>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`);
    return (r.status() === 204 ? undefined : await r.json()) as T;
  };
  return {
    api,
    centreId: session.user.centreId,
    post: async (path, data = {}) => check(await api.post(path, { data, headers: { 'x-csrf-token': session.csrfToken } })),
    get: async (path) => check(await api.get(path)),
  };
}

interface Config {
  services: { id: string; code: string; ticketPrefix: string }[];
  counters: { id: string; number: number; serviceIds: string[] }[];
}

/** The centre manager registers a screen; the page pairs with the code. */
async function pair(h: Harness, manager: StaffApi, page: Page, kind: 'display' | 'kiosk', lang: string): Promise<void> {
  const { pairingCode } = await manager.post<{ pairingCode: string }>('/api/devices', { centreId: manager.centreId, kind, name: `Test ${kind} ${Math.random().toString(36).slice(2, 6)}` });
  await page.goto(`${h.baseUrl}/${kind}?lng=${lang}`);
  await page.locator('#pairing-code').fill(pairingCode);
  await page.locator('form button[type=submit]').click();
}

/** Records what the page would say instead of speaking: voices for pt-PT and English only. */
const SPEECH_STUB = () => {
  const w = window as unknown as Record<string, unknown>;
  const spoken: { text: string; lang: string }[] = [];
  w.__spoken = spoken;
  w.__printed = 0;
  window.print = () => {
    (w.__printed as number)++;
  };
  class FakeUtterance {
    text: string;
    lang = '';
    voice: unknown = null;
    volume = 1;
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  w.SpeechSynthesisUtterance = FakeUtterance;
  const voices = [
    { lang: 'pt-PT', name: 'Português', default: true, localService: true, voiceURI: 'pt' },
    { lang: 'en-GB', name: 'English', default: false, localService: true, voiceURI: 'en' },
  ];
  const synth = {
    speaking: false,
    pending: false,
    speak(u: FakeUtterance) {
      if (u.text.trim()) spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend?.(), 20);
    },
    cancel() {},
    getVoices: () => voices,
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
};

describe.runIf(browserAvailable())('display board and kiosk', () => {
  let h: Harness;
  let manager: StaffApi;
  let mediator: StaffApi;
  let config: Config;
  let welcoming: Config['services'][number];
  let wCounters: Config['counters'];
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    manager = await staffApi(h, 'gestor.lisboa');
    mediator = await staffApi(h, 'mediador.lisboa');
    config = await mediator.get<Config>(`/api/centres/${mediator.centreId}`);
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
    const context = await h.newContext();
    await context.addInitScript(SPEECH_STUB);
    const board = await context.newPage();
    await withScreenshots('display-board', () => [board], async () => {
      await board.goto(`${h.baseUrl}/display?lng=pt-PT`);
      await board.locator('#pairing-code').waitFor();
      await expectNoAxeViolations(board, 'display pairing (pt-PT)');
      await pair(h, manager, board, 'display', 'pt-PT');
      await board.getByRole('button', { name: 'Ativar o som' }).click();
      await board.getByTestId('connection').getByText('Em direto').waitFor();

      const first = await issueAndCall('ar');
      const live = board.locator('[aria-live="assertive"]');
      await live.locator('.board-call-number', { hasText: first.number }).waitFor();
      expect(await live.innerText()).toContain(`Posto ${first.counter}`);
      // The client's language (Arabic) has no screen text yet: English is shown and spoken.
      expect(await live.innerText()).toContain(`Ticket ${first.number}, please go to counter ${first.counter}`);
      expect(await board.getByTestId('recent-calls').innerText()).toContain(first.number);
      await board.waitForFunction(() => ((window as unknown as { __spoken: unknown[] }).__spoken ?? []).length >= 2);
      const spoken = await board.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
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
    });
  });

  it('the kiosk issues a ticket in the chosen language, right-to-left for Arabic, with a QR code, and resets when idle', async () => {
    const context = await h.newContext();
    await context.addInitScript(SPEECH_STUB);
    const kiosk = await context.newPage();
    await withScreenshots('kiosk', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT`);
      await kiosk.locator('#pairing-code').waitFor();
      await pair(h, manager, kiosk, 'kiosk', 'pt-PT');
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      await expectNoAxeViolations(kiosk, 'kiosk language step (pt-PT)');

      const flows: { lang: string; endonym: string; dir: string; topicTitle: RegExp; take: RegExp }[] = [
        { lang: 'ar', endonym: 'العربية', dir: 'rtl', topicTitle: /What did you come for/, take: /Take a ticket/ },
        { lang: 'uk', endonym: 'Українська', dir: 'ltr', topicTitle: /What did you come for/, take: /Take a ticket/ },
        { lang: 'pt-PT', endonym: 'Português (Portugal)', dir: 'ltr', topicTitle: /Qual é o assunto/, take: /Tirar senha/ },
        { lang: 'en', endonym: 'English', dir: 'ltr', topicTitle: /What did you come for/, take: /Take a ticket/ },
      ];
      let printed = 0;
      for (const f of flows) {
        await kiosk.getByRole('button', { name: f.endonym, exact: true }).click();
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
        await kiosk.locator('.kiosk-read').click();
        await kiosk.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length > 0);
        const said = await kiosk.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken.splice(0));
        expect(said[0]!.text).toContain(number);
        expect(said[0]!.lang).toBe(f.lang === 'pt-PT' ? 'pt-PT' : 'en');
        await kiosk.locator('.kiosk-nav .kiosk-take').click();
        await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
        expect(await kiosk.locator('html').getAttribute('lang')).toBe('pt-PT');
      }
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en`);
      await kiosk.getByRole('heading', { level: 1, name: 'Choose your language' }).waitFor();
      await expectNoAxeViolations(kiosk, 'kiosk language step (en)');

      // Idle: a warning with a countdown, "Continue" keeps the session, then it starts again with nothing kept.
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=pt-PT&idle=1&warn=3`);
      await kiosk.getByRole('button', { name: 'العربية', exact: true }).click();
      const dialog = kiosk.getByRole('alertdialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('Are you still there?');
      await expectNoAxeViolations(kiosk, 'kiosk idle warning (ar)');
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('ar');
      await dialog.waitFor();
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor({ timeout: 10_000 });
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('pt-PT');
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('ltr');
    });
  });
});
