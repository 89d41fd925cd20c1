import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { browserAvailable, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, spokenOn, staffApi, takeCounter, type StaffApi } from './helpers.ts';

/**
 * One visit through every surface, as it happens at a centre: the client takes a ticket at the
 * kiosk in Chinese (a language whose client text is not written yet, so every surface shows its
 * English fallback), the board in the waiting room calls it (and reads it out), the mediator at a
 * welcoming counter sends the client on to AIMA, the client follows on their phone, and an AIMA
 * officer calls and serves the follow-on ticket. Each step is checked on the screen the person sees.
 */

const OFFSET = openClockOffset();

/** axe (WCAG 2.1 A and AA) on a page; the violations, one line per node, for the report. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

/** Takes the first free counter offered; answers its number. */
async function takeCounterNumber(page: Page): Promise<number> {
  const number = await takeCounter(page);
  expect(number).toBeGreaterThan(0);
  return number;
}

describe.runIf(browserAvailable())('a visit across kiosk, board, counters and phone', () => {
  let h: Harness;
  let manager: StaffApi;
  let phoneContext: BrowserContext | undefined;
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    manager = await staffApi(h, 'gestor.lisboa');
    // In the CNAI preset the kiosk topic "general information" belongs to both Information (I) and
    // Welcoming and sorting (W), and the server takes the first by prefix: I. This centre sends
    // general enquiries to welcoming and sorting, the first step inside: the administrator says so.
    const admin = await staffApi(h, 'admin');
    const { services } = await admin.get<{ services: { id: string; code: string; topics: string[] }[] }>(`/api/centres/${manager.centreId}`);
    const information = services.find((s) => s.code === 'information')!;
    await admin.send('PATCH', `/api/services/${information.id}`, { topics: information.topics.filter((t) => t !== 'general-information') });
    await admin.api.dispose();
  });
  afterAll(async () => {
    await phoneContext?.close().catch(() => undefined);
    await manager?.api.dispose();
    await h?.close();
  });

  /** The manager registers a screen; the page pairs with the code it is given. */
  const pair = (page: Page, kind: 'kiosk' | 'display') => pairDevice(h, manager, page, kind, `Journey ${kind}`);

  const phoneOf = (browser: Browser) =>
    browser.newContext({ locale: 'uk-UA', viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  it('kiosk ticket in Chinese (English fallback) → board call → sorting sends to AIMA → phone follows → AIMA serves → finished', async () => {
    const { page: kiosk } = await screenPage(h);
    const { page: board } = await screenPage(h);
    const mediator = await h.newPage();
    const officer = await h.newPage();
    phoneContext = await phoneOf(h.browser);
    const phone = await phoneContext.newPage();
    const a11y: Record<string, string[]> = {};

    await withScreenshots('visit-journey', () => [kiosk, board, mediator, officer, phone], async () => {
      // (b) The board in the waiting room, paired and with its sound on, is open all along.
      await board.goto(`${h.baseUrl}/display?lng=pt-PT`);
      await board.locator('#pairing-code').waitFor();
      await pair(board, 'display');
      await board.getByRole('button', { name: 'Ativar o som' }).click();
      await board.getByTestId('connection').getByText('Em direto').waitFor();
      await board.getByTestId('current-call').waitFor({ state: 'attached' }); // empty (no call yet) is not visible

      // (a) The kiosk: 中文, "general information", take a ticket.
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT`);
      await kiosk.locator('#pairing-code').waitFor();
      await pair(kiosk, 'kiosk');
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      await kiosk.getByRole('button', { name: '中文', exact: true }).click();
      await kiosk.locator('[data-mode="ticket"]').click();
      // Chinese screen text is not written yet: the kiosk speaks English, marked as such.
      await kiosk.getByRole('heading', { level: 1, name: /What did you come for/ }).waitFor();
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('zh');
      await kiosk.locator('[data-topic="general-information"]').click();
      const issuedResponse = kiosk.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST');
      await kiosk.getByRole('button', { name: /Take a ticket/ }).first().click();
      const response = await issuedResponse;
      expect(response.status()).toBe(201);
      expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      const ticketUrl = ((await response.json()) as { ticketUrl: string }).ticketUrl;
      expect(ticketUrl).toMatch(/^\/t\/[A-Za-z0-9_-]{16,64}$/);

      const shown = kiosk.getByTestId('kiosk-ticket');
      await shown.waitFor();
      const number = (await shown.locator('.kiosk-ticket-number').innerText()).trim();
      expect(number).toBe('W001');
      // The service the server chose, in Portuguese (there is no Chinese name), not the topic.
      expect(await shown.getByTestId('kiosk-service').innerText()).toBe('Acolhimento e triagem');
      expect(await shown.getByTestId('kiosk-service').getAttribute('lang')).toBe('pt-PT');
      // The QR code on the screen is the phone page's address.
      const qr = shown.locator('.kiosk-qr img');
      await qr.waitFor();
      const expectedQr = 'data:image/svg+xml;utf8,' + encodeURIComponent(await QRCode.toString(h.baseUrl + ticketUrl, { type: 'svg', margin: 1 }));
      expect(await qr.getAttribute('src')).toBe(expectedQr);
      // And it is printed: the paper receipt carries the number, the service and the QR code.
      await kiosk.waitForFunction(() => (window as unknown as { __printed: number }).__printed >= 1);
      const paper = kiosk.locator('.print-root [data-testid=receipt]');
      expect(await paper.locator('.receipt-number').innerText()).toBe('W001');
      expect(await paper.locator('.receipt-service').innerText()).toBe('Acolhimento e triagem');
      await paper.locator('img.receipt-qr[src^="data:image/svg+xml"]').waitFor({ state: 'attached' });
      await screenshot(kiosk, 'journey-kiosk-ticket-zh');

      // (c) The mediator takes a welcoming counter and calls the next ticket.
      await signIn(mediator, h, 'mediador.lisboa', 'en');
      await mediator.goto(`${h.baseUrl}/app/counter?lng=en`);
      const wCounter = await takeCounterNumber(mediator);
      expect(await mediator.locator('.counter-head').innerText()).toContain('W Welcoming and sorting');
      await mediator.getByRole('row', { name: /W001/ }).waitFor();
      await mediator.getByRole('button', { name: 'Call next' }).click();
      const current = mediator.getByTestId('current-ticket');
      await current.locator('.current-number', { hasText: 'W001' }).waitFor();
      expect(await current.innerText()).toContain('中文');

      // The board shows the call and reads it out: Portuguese first, then the client's (English, the fallback for Chinese).
      const call = board.getByTestId('current-call');
      await call.locator('.board-call-number', { hasText: 'W001' }).waitFor();
      expect(await call.innerText()).toContain(`Posto ${wCounter}`);
      expect(await call.innerText()).toContain(`Ticket W001, please go to counter ${wCounter}`);
      await board.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length >= 2);
      expect(await spokenOn(board)).toEqual([
        { text: `Senha W001, dirija-se ao posto ${wCounter}`, lang: 'pt-PT' },
        { text: `Ticket W001, please go to counter ${wCounter}`, lang: 'en' },
      ]);

      // The mediator starts, sends the client on to AIMA, and finishes: the follow-on ticket is A001.
      await mediator.getByRole('button', { name: 'Start', exact: true }).click();
      await current.locator('.status-badge', { hasText: 'Being served' }).waitFor();
      await mediator.locator('#sort-route-add').selectOption({ label: 'A Residence permits and visas' });
      await mediator.getByRole('button', { name: 'Add', exact: true }).click();
      await mediator.getByRole('button', { name: 'Finish', exact: true }).click();
      expect(await mediator.locator('#finish-outcome').inputValue()).toBe('referred');
      await mediator.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
      await mediator.getByTestId('counter-message').getByText('Client goes on to A001 — Residence permits and visas').waitFor();
      await mediator.getByText('Nobody at the counter.', { exact: false }).waitFor();

      // (d) The client's phone: W001 finished at the welcoming counter, A001 waiting, next in line.
      await phone.goto(`${h.baseUrl}${ticketUrl}`);
      const ticket = phone.locator('#ticket');
      await ticket.waitFor();
      expect(await phone.locator('html').getAttribute('lang')).toBe('en');
      expect(await phone.locator('header .notice').innerText()).toContain('not yet available in your language');
      expect(await ticket.locator('.number').innerText()).toBe('A001');
      const journey = () => ticket.locator('ol').innerText();
      expect(await journey()).toMatch(new RegExp(`W001 Welcoming and sorting: finished — counter ${wCounter}`));
      expect(await journey()).toMatch(/A001 Residence permits and visas: waiting/);
      expect(await ticket.locator('.status').innerText()).toBe('Waiting. You are next.');
      a11y['phone, Chinese visit (English fallback), waiting'] = await axeViolations(phone);
      const phonePt = await phone.context().newPage();
      await phonePt.goto(`${h.baseUrl}${ticketUrl}?lang=pt-PT`);
      expect(await phonePt.locator('html').getAttribute('lang')).toBe('pt-PT');
      await phonePt.locator('#ticket .number', { hasText: 'A001' }).waitFor();
      a11y['phone, pt-PT, waiting'] = await axeViolations(phonePt);
      await phonePt.close();

      // (e) The AIMA officer takes an AIMA counter and calls A001.
      await signIn(officer, h, 'aima.lisboa', 'pt-PT');
      await officer.goto(`${h.baseUrl}/app/counter?lng=pt-PT`);
      const aCounter = await takeCounterNumber(officer);
      const row = officer.getByRole('row', { name: /A001/ });
      await row.waitFor();
      expect(await row.innerText()).toContain('中文');
      await officer.getByRole('button', { name: 'Chamar seguinte' }).click();
      await officer.getByTestId('current-ticket').locator('.current-number', { hasText: 'A001' }).waitFor();

      // The board calls A001 to the AIMA counter, the phone page follows by itself.
      await call.locator('.board-call-number', { hasText: 'A001' }).waitFor();
      expect(await call.innerText()).toContain(`Posto ${aCounter}`);
      await board.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length >= 4);
      expect((await spokenOn(board)).slice(2)).toEqual([
        { text: `Senha A001, dirija-se ao posto ${aCounter}`, lang: 'pt-PT' },
        { text: `Ticket A001, please go to counter ${aCounter}`, lang: 'en' },
      ]);
      expect(await board.getByTestId('recent-calls').innerText()).toMatch(/A001[\s\S]*W001/);
      await phone.locator('#ticket .status', { hasText: `It is your turn! Please go to counter ${aCounter} now.` }).waitFor({ timeout: 15_000 });
      expect(await phone.locator('#ticket').getAttribute('data-status')).toBe('called');
      expect(await journey()).toMatch(new RegExp(`A001 Residence permits and visas: called — counter ${aCounter}`));
      a11y['phone, Chinese visit (English fallback), called'] = await axeViolations(phone);
      await screenshot(phone, 'journey-phone-called');
      await screenshot(board, 'journey-board-a001');

      // The officer serves and finishes: the phone says the visit is over.
      await officer.getByRole('button', { name: 'Iniciar', exact: true }).click();
      await phone.locator('#ticket .status', { hasText: `You are being served at counter ${aCounter}.` }).waitFor({ timeout: 15_000 });
      await officer.getByRole('button', { name: 'Terminar', exact: true }).click();
      await officer.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
      await officer.getByTestId('counter-message').getByText('A001 terminada.').waitFor();
      await phone.locator('#ticket .status', { hasText: 'Your visit is finished. Thank you for coming.' }).waitFor({ timeout: 15_000 });
      expect(await journey()).toMatch(new RegExp(`A001 Residence permits and visas: finished — counter ${aCounter}`));
      await screenshot(phone, 'journey-phone-finished');

      const found = Object.entries(a11y).filter(([, v]) => v.length > 0);
      if (found.length) console.error('axe violations on the phone page:\n' + found.map(([k, v]) => `${k}:\n  ${v.join('\n  ')}`).join('\n'));
      expect(Object.fromEntries(found), 'axe violations on the phone page').toEqual({});
    });
  });
});
