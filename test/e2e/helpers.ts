import { expect } from 'vitest';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, signIn, type Harness } from './harness.ts';
import { isOpenAt, localTime, weekdayHours } from '../../core/opening-hours.ts';

/**
 * The server refuses kiosk tickets outside 08:00–18:00 Mon–Fri in Lisbon, so a test server's clock
 * can be shifted (keeping its pace) by this much: to the next moment the centre is open for two hours.
 */
export function openClockOffset(): number {
  const hours = weekdayHours('08:00', '18:00', ['mon', 'tue', 'wed', 'thu', 'fri']);
  const now = Date.now();
  const openFor2h = (t: number) => isOpenAt(hours, new Date(t), 'Europe/Lisbon') && isOpenAt(hours, new Date(t + 2 * 3600_000), 'Europe/Lisbon');
  if (openFor2h(now)) return 0;
  for (let t = now; t < now + 9 * 86400_000; t += 15 * 60_000) {
    if (openFor2h(t) && localTime(new Date(t), 'Europe/Lisbon').time >= '09:00') return t - now;
  }
  throw new Error('no opening time found');
}

export interface StaffApi {
  api: APIRequestContext;
  centreId: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, data?: unknown): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, data: unknown): Promise<T>;
}

/** A signed-in API client (cookie + CSRF token; the administrator's second factor), to make things happen while a page watches. */
export async function staffApi(h: Harness, username: string): Promise<StaffApi> {
  const api = await request.newContext({ baseURL: h.baseUrl });
  const data = { username, password: DEMO_PASSWORD, ...(username === 'admin' ? { totpCode: await h.adminTotp() } : {}) };
  const res = await api.post('/api/session', { data });
  expect(res.status(), await res.text()).toBe(200);
  const session = (await res.json()) as { csrfToken: string; user: { centreId: string } };
  const check = async <T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!r.ok()) throw new Error(`${r.url()} → ${r.status()} ${await r.text()}`);
    return (r.status() === 204 ? undefined : await r.json()) as T;
  };
  const send = async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> =>
    check<T>(await api.fetch(path, { method, data: body, headers: { 'x-csrf-token': session.csrfToken } }));
  return {
    api,
    centreId: session.user.centreId,
    get: async (path) => check(await api.get(path)),
    post: (path, body = {}) => send('POST', path, body),
    send,
  };
}

/** The parts of GET /api/centres/:id the tests use. */
export interface CentreConfig {
  services: { id: string; code: string; ticketPrefix: string }[];
  counters: { id: string; number: number; serviceIds: string[] }[];
}

/** The centre manager registers a screen; the page opens it and pairs with the code it is given. */
export async function pairDevice(h: Harness, manager: StaffApi, page: Page, kind: 'display' | 'kiosk', name: string, lang = 'pt-PT'): Promise<void> {
  const { pairingCode } = await manager.post<{ pairingCode: string }>('/api/devices', { centreId: manager.centreId, kind, name });
  await page.goto(`${h.baseUrl}/${kind}?lng=${lang}`);
  await page.locator('#pairing-code').fill(pairingCode);
  await page.locator('form button[type=submit]').click();
}

/** A fresh browser context's page, signed in through the form. */
export async function signedInPage(h: Harness, username: string, lang = 'pt-PT'): Promise<Page> {
  const page = await h.newPage();
  await signIn(page, h, username, lang);
  return page;
}

/** Records what a screen would say and print, instead of speaking and printing: voices for pt-PT and English. */
const SCREEN_STUB = () => {
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

/** A page for a kiosk or display board, in its own context, whose speech and printing are recorded (window.__spoken, window.__printed). */
export async function screenPage(h: Harness): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.newContext();
  await context.addInitScript(SCREEN_STUB);
  return { context, page: await context.newPage() };
}

/** What a screen page has said so far. */
export const spokenOn = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

/** Every visible text node, except data (people and places, isolated in <bdi>) and text marked as another language. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const pageLang = document.documentElement.lang;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      if (el.closest('option') && !(el.closest('option') as HTMLOptionElement).selected) continue;
      if (el.closest('bdi')) continue;
      // Data values (a centre's or service's name) are marked translate="no": they are not interface text.
      if (el.closest('[translate="no"]')) continue;
      const langEl = el.closest('[lang]');
      if (langEl && langEl.getAttribute('lang') !== pageLang) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
      out.push(text);
    }
    return out;
  });
}

/** Takes the first free counter offered (its services all checked, the default); answers the counter's number from the heading. */
export async function takeCounter(page: Page): Promise<number> {
  await page.locator('form.take-counter').waitFor();
  await page.locator('form.take-counter button[type=submit]').click();
  const heading = page.locator('.counter-head h1');
  await heading.waitFor();
  return Number(/(\d+)/.exec(await heading.innerText())?.[1]);
}
