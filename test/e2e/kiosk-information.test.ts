import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT_LANGUAGES, languageInfo } from '../../core/languages.ts';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, spokenOn, staffApi, type CentreConfig, type StaffApi } from './helpers.ts';

/**
 * The kiosk's information mode, read from the knowledge base: a client picks their language (or the
 * kiosk is opened with ?lang=), reads a procedure with the documents to bring, and takes a ticket
 * for the desk of this centre that handles it. Right to left in Arabic; machine translation and
 * the English fallback (Chinese has no content) marked as such. Then: the idle reset keeps nothing, and axe
 * finds nothing on the kiosk and the display board (pairing screen included) in any client language.
 */

const OFFSET = openClockOffset();
/** Moves the server's clock further, e.g. into the night, for one test. */
let extraShift = 0;

/** Every visible button and link of the kiosk that is smaller than 44 × 44 CSS pixels. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.kiosk-screen button, .kiosk-screen a[href]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el.textContent?.trim().slice(0, 40)} (${Math.round(r.width)}×${Math.round(r.height)})`),
  );
}

/** The lang and dir an element's text is shown in (its own or inherited). */
const langDir = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => ({ lang: el.closest('[lang]')?.getAttribute('lang'), dir: getComputedStyle(el).direction }));

describe.runIf(browserAvailable())('the kiosk: information, a ticket for the right desk, idle reset, accessibility in every client language', () => {
  let h: Harness;
  let manager: StaffApi;
  let kiosk: Page;
  let lisbonId: string;
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET + extraShift) });
    manager = await staffApi(h, 'gestor.lisboa');
    lisbonId = manager.centreId;
    ({ page: kiosk } = await screenPage(h));
    await pairDevice(h, manager, kiosk, 'kiosk', 'Information kiosk');
    await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
  });
  afterAll(async () => {
    await manager?.api.dispose();
    await h?.close();
  });

  /** Opens information → family reunification → the application procedure; answers the POST of the ticket taken for the A desk. */
  async function familyReunificationTicket(page: Page) {
    await page.locator('[data-mode="information"]').click();
    await page.locator('[data-testid="kiosk-info-topics"] [data-slug="family-reunification"]').click();
    await page.locator('[data-testid="kiosk-procedure"][data-slug="family-reunification-application"]').click();
    await page.getByTestId('kiosk-documents').waitFor();
  }

  it('in Arabic (?lang=ar): right to left, the family-reunification procedure (machine-translated, said so), documents to bring, a ticket for the AIMA desk', async () => {
    await withScreenshots('kiosk-information-ar', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=ar`);
      // ?lang= chose the language: no picker, straight to "read information or take a ticket".
      await kiosk.getByRole('heading', { level: 1, name: 'ماذا تريد أن تفعل؟' }).waitFor();
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('ar');
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await kiosk.getByTestId('kiosk-change-language').innerText()).toContain('العربية');
      await screenshot(kiosk, 'kiosk-information-mode-ar');

      await kiosk.getByRole('button', { name: /قراءة المعلومات/ }).click();
      await kiosk.getByRole('heading', { level: 1, name: 'معلومات' }).waitFor();
      const topicTile = kiosk.locator('[data-slug="family-reunification"] .kiosk-tile-title');
      expect(await topicTile.innerText()).toBe('لمّ شمل الأسرة');
      expect(await langDir(kiosk, '[data-slug="family-reunification"] .kiosk-tile-title')).toEqual({ lang: 'ar', dir: 'rtl' });
      // The Arabic content is machine-translated and not yet reviewed: the page says so.
      const notice = kiosk.getByTestId('kiosk-text-notice');
      expect(await notice.locator('[data-notice="machine"]').innerText()).toContain('ترجمة آلية لم يراجعها شخص بعد');
      expect(await notice.locator('[data-notice="fallback"]').count()).toBe(0);
      // Plural forms of Arabic: "n pages to read" under each topic (3: the "few" form).
      expect(await kiosk.locator('[data-slug="family-reunification"] .kiosk-tile-detail').innerText()).toBe('3 صفحات للقراءة');
      await screenshot(kiosk, 'kiosk-information-topics-ar');

      await topicTile.click();
      await kiosk.getByRole('heading', { level: 1, name: 'لمّ شمل الأسرة' }).waitFor();
      expect(await kiosk.locator('h1').getAttribute('lang')).toBe('ar');
      await kiosk.getByRole('heading', { level: 2, name: 'الإجراءات' }).waitFor();
      await kiosk.getByRole('heading', { level: 2, name: 'أسئلة وأجوبة' }).waitFor();
      await kiosk.locator('[data-testid="kiosk-procedure"][data-slug="family-reunification-application"]').click();

      // The procedure: summary, steps, documents to bring, fees — right to left.
      await kiosk.getByRole('heading', { level: 1, name: 'طلب لمّ شمل الأسرة' }).waitFor();
      const documents = kiosk.getByTestId('kiosk-documents');
      await documents.getByRole('heading', { level: 2, name: 'الوثائق التي يجب إحضارها' }).waitFor();
      expect(await documents.locator('li').first().innerText()).toBe('بطاقة إقامتك (título de residência) وجواز سفرك');
      expect(await langDir(kiosk, '[data-testid="kiosk-documents"] li')).toEqual({ lang: 'ar', dir: 'rtl' });
      await kiosk.getByRole('heading', { level: 2, name: 'خطوة بخطوة' }).waitFor();
      await kiosk.getByRole('heading', { level: 2, name: 'الرسوم' }).waitFor();
      expect(await kiosk.getByTestId('kiosk-text-notice').locator('[data-notice="machine"]').isVisible()).toBe(true);
      // Right to left for real: headings and list items end at the right edge of the page, list markers on the right.
      const main = (await kiosk.locator('main').boundingBox())!;
      const heading = (await documents.locator('h2').boundingBox())!;
      const item = (await documents.locator('li').first().boundingBox())!;
      expect(main.x + main.width - (heading.x + heading.width)).toBeLessThan(80);
      expect(item.x + item.width).toBeGreaterThan(heading.x + heading.width - 80);
      // No Arabic voice in the stub, and everything on this page is Arabic: "read aloud" is not offered.
      expect(await kiosk.locator('.kiosk-read').count()).toBe(0);

      // Where to go in CNAI Lisboa: the AIMA desk (A) and the family reunification office (F), each with its ticket.
      const desks = kiosk.getByTestId('kiosk-desks');
      await desks.getByRole('heading', { level: 2, name: 'إلى أين تذهب في هذا المركز' }).waitFor();
      expect((await desks.locator('[data-prefix]').evaluateAll((els) => els.map((e) => e.getAttribute('data-prefix')))).sort()).toEqual(['A', 'F']);
      const aima = desks.locator('[data-prefix="A"]');
      expect(await aima.innerText()).toContain('التذاكر التي تبدأ بـ A');
      await screenshot(kiosk, 'kiosk-information-procedure-ar');
      await kiosk.screenshot({ path: '/tmp/kiosk-ar.png', fullPage: true });

      const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST');
      await aima.getByRole('button', { name: /خذ تذكرة لهذا الشباك/ }).click();
      const response = await issued;
      expect(response.status()).toBe(201);
      expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      const body = JSON.parse(response.request().postData() ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ language: 'ar', topic: 'family-reunification' });
      const centre = await manager.get<CentreConfig>(`/api/centres/${lisbonId}`);
      expect(body.serviceId).toBe(centre.services.find((s) => s.ticketPrefix === 'A')!.id);

      const ticket = kiosk.getByTestId('kiosk-ticket');
      await ticket.waitFor();
      expect((await ticket.locator('.kiosk-ticket-number').innerText()).trim()).toMatch(/^A\d{3}$/);
      expect(await ticket.getByTestId('kiosk-service').getAttribute('lang')).toBe('ar');
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('rtl');
      await kiosk.waitForFunction(() => (window as unknown as { __printed: number }).__printed >= 1);
      await kiosk.screenshot({ path: '/tmp/kiosk-ar-ticket.png', fullPage: true });
    });
  });

  it('in a language without content (Chinese, offered in Lisbon): the English fallback is marked and read aloud in English', async () => {
    await withScreenshots('kiosk-information-zh', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=zh`);
      // No Chinese kiosk text either: the kiosk speaks English, and says the page's content is in English.
      await kiosk.getByRole('heading', { level: 1, name: 'What would you like to do?' }).waitFor();
      expect(await kiosk.locator('main').getAttribute('lang')).toBe('en');
      await familyReunificationTicket(kiosk);
      await kiosk.getByRole('heading', { level: 1, name: 'Apply for family reunification' }).waitFor();
      expect(await kiosk.locator('h1').getAttribute('lang')).toBe('en');
      const fallback = kiosk.getByTestId('kiosk-text-notice').locator('[data-notice="fallback"]');
      expect(await fallback.innerText()).toContain('This text is not yet translated into your language. It is shown in: English');
      expect(await fallback.locator('[lang="en"]').innerText()).toBe('English');
      expect(await kiosk.getByTestId('kiosk-documents').locator('li').first().innerText()).toBe('Your residence card and passport');

      // Read aloud: what the screen shows, in the language it is in; a second touch stops.
      await kiosk.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken.splice(0));
      await kiosk.locator('.kiosk-read').click();
      await kiosk.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length >= 3);
      const said = await spokenOn(kiosk);
      expect(said[0]).toEqual({ text: 'Apply for family reunification', lang: 'en' });
      expect(said.map((s) => s.text)).toContain('This text is not yet translated into your language. It is shown in:');
      expect(new Set(said.map((s) => s.lang))).toEqual(new Set(['en']));
      await kiosk.locator('.kiosk-read').click();
      expect(await kiosk.locator('.kiosk-read').innerText()).toBe('Read aloud');
    });
  });

  it('in Ukrainian (picked on the language step): machine-translated content marked, documents to bring, a ticket for the AIMA desk', async () => {
    await withScreenshots('kiosk-information-uk', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT`);
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      await kiosk.getByRole('button', { name: 'Українська', exact: true }).click();
      await kiosk.getByRole('heading', { level: 1, name: 'Що ви хочете зробити?' }).waitFor();
      expect(await kiosk.locator('html').getAttribute('lang')).toBe('uk');
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('ltr');
      await familyReunificationTicket(kiosk);

      await kiosk.getByRole('heading', { level: 1, name: 'Подати заяву на возз’єднання сім’ї' }).waitFor();
      expect(await kiosk.locator('h1').getAttribute('lang')).toBe('uk');
      const documents = kiosk.getByTestId('kiosk-documents');
      await documents.getByRole('heading', { level: 2, name: 'Документи, які треба принести' }).waitFor();
      expect(await documents.locator('li').first().innerText()).toBe('Ваша посвідка на проживання і паспорт');
      // In Ukrainian, machine-translated and not reviewed: said so; not a fallback.
      const notice = kiosk.getByTestId('kiosk-text-notice');
      expect(await notice.locator('[data-notice="machine"]').innerText()).toContain('Перекладено комп’ютером');
      expect(await notice.locator('[data-notice="fallback"]').count()).toBe(0);
      // No Ukrainian voice in the stub and nothing on this page in another language: "read aloud" is not offered.
      expect(await kiosk.locator('.kiosk-read').count()).toBe(0);

      const issued = kiosk.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST');
      await kiosk.getByTestId('kiosk-desks').locator('[data-prefix="A"]').getByRole('button', { name: /Взяти талон до цього вікна/ }).click();
      expect((await issued).status()).toBe(201);
      const ticket = kiosk.getByTestId('kiosk-ticket');
      await ticket.waitFor();
      const number = (await ticket.locator('.kiosk-ticket-number').innerText()).trim();
      expect(number).toMatch(/^A\d{3}$/);
      // The service in Ukrainian.
      expect(await ticket.getByTestId('kiosk-service').getAttribute('lang')).toBe('uk');
      await screenshot(kiosk, 'kiosk-information-ticket-uk');
      // Finish: back to the language step, in the kiosk's own language.
      await kiosk.locator('.kiosk-nav .kiosk-take').click();
      await kiosk.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
    });
  });

  it('warns before the idle reset (Continue keeps the page), then goes back to the language step keeping nothing', async () => {
    await withScreenshots('kiosk-idle', () => [kiosk], async () => {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en&idle=3&warn=5`);
      await familyReunificationTicket(kiosk);
      // A ticket on the screen: the most personal thing a kiosk shows.
      await kiosk.getByTestId('kiosk-desks').locator('[data-prefix="F"] button').click();
      const number = (await kiosk.getByTestId('kiosk-ticket').locator('.kiosk-ticket-number').innerText()).trim();
      expect(number).toMatch(/^F\d{3}$/);

      const dialog = kiosk.getByRole('alertdialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('Are you still there?');
      expect(await dialog.innerText()).toMatch(/The kiosk will start again in \d seconds?\./);
      // The warning takes the focus, so one key press answers it.
      expect(await kiosk.evaluate(() => document.activeElement?.textContent)).toBe('Continue');
      await expectNoAxeViolations(kiosk, 'kiosk idle warning (en)');
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await kiosk.getByTestId('kiosk-ticket').isVisible()).toBe(true);

      // Untouched again: the warning, then the language step; the ticket, the page and the language are gone.
      await dialog.waitFor();
      await kiosk.getByRole('heading', { level: 1, name: 'Choose your language' }).waitFor({ timeout: 10_000 });
      expect(await kiosk.getByTestId('kiosk-ticket').count()).toBe(0);
      expect(await kiosk.content()).not.toContain(number);
      expect(await kiosk.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
      // Choosing a language starts afresh, not where the last client was.
      await kiosk.getByRole('button', { name: 'English', exact: true }).click();
      await kiosk.getByRole('heading', { level: 1, name: 'What would you like to do?' }).waitFor();
    });
  });

  it('works with the keyboard alone, with a visible focus, and every target is at least 44 px', async () => {
    await kiosk.goto(`${h.baseUrl}/kiosk?lng=en`);
    await kiosk.getByRole('heading', { level: 1, name: 'Choose your language' }).waitFor();
    /** Presses Tab until the element matching `selector` has the focus; checks its focus ring. */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await kiosk.keyboard.press('Tab');
        if (await kiosk.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
          const ring = await kiosk.evaluate(() => {
            const style = getComputedStyle(document.activeElement!);
            return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
          });
          expect(ring.style, `focus ring on ${selector}`).not.toBe('none');
          expect(ring.width).toBeGreaterThanOrEqual(2);
          return;
        }
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    expect(await smallTargets(kiosk)).toEqual([]);
    await tabTo('.kiosk-languages button[lang="en"]');
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { level: 1, name: 'What would you like to do?' }).waitFor();
    expect(await smallTargets(kiosk)).toEqual([]);
    await tabTo('[data-mode="information"]');
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-slug="family-reunification"]').waitFor();
    expect(await smallTargets(kiosk)).toEqual([]);
    await tabTo('[data-slug="family-reunification"]');
    await kiosk.keyboard.press('Enter');
    await tabTo('[data-slug="family-reunification-application"]');
    await kiosk.keyboard.press(' ');
    await kiosk.getByTestId('kiosk-desks').waitFor();
    expect(await smallTargets(kiosk)).toEqual([]);
    await tabTo('[data-prefix="A"] button');
    await kiosk.keyboard.press('Enter');
    await kiosk.getByTestId('kiosk-ticket').waitFor();
    expect(await smallTargets(kiosk)).toEqual([]);
    await tabTo('.kiosk-nav .kiosk-take');
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { level: 1, name: 'Choose your language' }).waitFor();
  });

  it('at night says the centre is closed before the client picks anything, offers no ticket, and still reads information', async () => {
    extraShift = 14 * 3600_000; // two hours into opening time + 14 h: the centre is closed
    try {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=en`);
      await kiosk.getByTestId('kiosk-closed').getByText('The centre is closed now').waitFor();
      expect(await kiosk.locator('[data-mode="ticket"]').isDisabled()).toBe(true);
      await expectNoAxeViolations(kiosk, 'kiosk closed (en)');
      await screenshot(kiosk, 'kiosk-closed-en');
      await kiosk.locator('[data-mode="information"]').click();
      await kiosk.getByTestId('kiosk-info-topics').waitFor();
      // Right to left too, in Arabic.
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=ar`);
      await kiosk.getByTestId('kiosk-closed').getByText('المركز مغلق الآن').waitFor();
      expect(await kiosk.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await kiosk.locator('[data-mode="ticket"]').isDisabled()).toBe(true);
      await expectNoAxeViolations(kiosk, 'kiosk closed (ar)');
    } finally {
      extraShift = 0;
    }
    await kiosk.goto(`${h.baseUrl}/kiosk?lang=en`);
    await kiosk.locator('[data-mode="ticket"]').waitFor();
    expect(await kiosk.locator('[data-mode="ticket"]').isDisabled()).toBe(false);
    expect(await kiosk.getByTestId('kiosk-closed').count()).toBe(0);
  });

  it('draws Hindi, Nepali, Bengali and Arabic with bundled fonts, also on the language step of a Portuguese kiosk (no boxes)', async () => {
    const loadedFonts = () =>
      kiosk.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
      });
    // The test machine has no fonts for Devanagari or Bengali: without the bundled ones these would be boxes.
    await kiosk.goto(`${h.baseUrl}/kiosk?lng=pt-PT`);
    await kiosk.locator('.kiosk-languages button[lang="hi"]').waitFor();
    expect(await loadedFonts()).toEqual(expect.arrayContaining(['Balcao Devanagari', 'Balcao Bengali', 'Balcao Arabic']));
    await screenshot(kiosk, 'kiosk-script-language-step');
    const scripts = { hi: 'Balcao Devanagari', ne: 'Balcao Devanagari', bn: 'Balcao Bengali', ar: 'Balcao Arabic' } as const;
    for (const [lang, family] of Object.entries(scripts)) {
      await kiosk.goto(`${h.baseUrl}/kiosk?lang=${lang}`);
      await kiosk.locator('[data-mode="information"]').waitFor();
      expect(await loadedFonts(), lang).toContain(family);
      await screenshot(kiosk, `kiosk-script-${lang}`);
    }
  });

  it('axe finds nothing on the kiosk (language step, topics, procedure, ticket) in any client language', async () => {
    const pages = ['language', 'mode', 'topics', 'procedure', 'ticket'] as const;
    const sweep = async (tab: Page, lang: string) => {
      await tab.goto(`${h.baseUrl}/kiosk?lng=${lang}`);
      await tab.locator('.kiosk-languages').waitFor();
      expect(await tab.locator('html').getAttribute('lang')).toBe(lang);
      // Each language on the picker is named in its own script, and marked as such.
      expect(await tab.locator(`.kiosk-languages button[lang="${lang}"]`).innerText()).toBe(languageInfo(lang)!.endonym);
      await expectNoAxeViolations(tab, `kiosk ${pages[0]} (${lang})`);
      await tab.goto(`${h.baseUrl}/kiosk?lang=${lang}`);
      await tab.locator('[data-mode="information"]').waitFor();
      expect(await tab.locator('html').getAttribute('dir')).toBe(languageInfo(lang)!.dir);
      await expectNoAxeViolations(tab, `kiosk ${pages[1]} (${lang})`);
      await tab.locator('[data-mode="information"]').click();
      await tab.getByTestId('kiosk-info-topics').waitFor();
      await expectNoAxeViolations(tab, `kiosk ${pages[2]} (${lang})`);
      await tab.locator('[data-testid="kiosk-info-topics"] [data-slug="family-reunification"]').click();
      await tab.locator('[data-testid="kiosk-procedure"][data-slug="family-reunification-application"]').click();
      await tab.getByTestId('kiosk-desks').waitFor();
      await expectNoAxeViolations(tab, `kiosk ${pages[3]} (${lang})`);
      expect(await smallTargets(tab), `small targets (${lang})`).toEqual([]);
      await tab.getByTestId('kiosk-desks').locator('[data-prefix="A"] button').click();
      await tab.getByTestId('kiosk-ticket').locator('img').waitFor();
      await expectNoAxeViolations(tab, `kiosk ${pages[4]} (${lang})`);
    };
    // A second tab of the same paired kiosk shares the languages: axe runs in the browser, so both cores work.
    const second = await kiosk.context().newPage();
    const languages = [...CLIENT_LANGUAGES];
    await withScreenshots('kiosk-axe', () => [kiosk, second], async () => {
      await Promise.all(
        [kiosk, second].map(async (tab) => {
          for (let lang = languages.shift(); lang; lang = languages.shift()) await sweep(tab, lang);
        }),
      );
    });
    await second.close();
    expect(languages).toEqual([]);
  }, 300_000);

  it('axe finds nothing on the display board and its pairing screen in any client language; calls are shown and spoken, and stay still with reduced motion', async () => {
    const { page: board } = await screenPage(h);
    await withScreenshots('board-axe', () => [board], async () => {
      for (const lang of CLIENT_LANGUAGES) {
        await board.goto(`${h.baseUrl}/display?lang=${lang}`);
        await board.locator('#pairing-code').waitFor();
        expect(await board.locator('html').getAttribute('lang')).toBe(lang);
        await expectNoAxeViolations(board, `display pairing (${lang})`);
      }
      await pairDevice(h, manager, board, 'display', 'Accessibility board');
      await board.getByRole('button', { name: 'Ativar o som' }).click();
      await board.getByTestId('connection').getByText('Em direto').waitFor();

      // A call, shown and spoken.
      const mediator = await staffApi(h, 'mediador.lisboa');
      const config = await mediator.get<CentreConfig>(`/api/centres/${mediator.centreId}`);
      const welcoming = config.services.find((s) => s.code === 'welcoming')!;
      const counter = config.counters.filter((c) => c.serviceIds.includes(welcoming.id)).sort((a, b) => a.number - b.number)[0]!;
      await mediator.post('/api/visits', { serviceId: welcoming.id, language: 'en' });
      await mediator.post(`/api/counters/${counter.id}/session`, {});
      const called = await mediator.post<{ ticket: { number: string }; counterNumber: number }>(`/api/counters/${counter.id}/call-next`, {});
      await mediator.api.dispose();
      await board.locator('[aria-live="assertive"] .board-call-number', { hasText: called.ticket.number }).waitFor();
      await board.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length >= 2);
      expect((await spokenOn(board)).map((s) => s.lang)).toEqual(['pt-PT', 'en']);

      await board.emulateMedia({ reducedMotion: 'reduce' });
      for (const lang of CLIENT_LANGUAGES) {
        await board.goto(`${h.baseUrl}/display?lang=${lang}`);
        // The board remembers its calls for the session: the call is there again, in this language.
        await board.locator('.board-call-number', { hasText: called.ticket.number }).waitFor();
        expect(await board.locator('html').getAttribute('dir')).toBe(languageInfo(lang)!.dir);
        expect(await board.locator('.board-call').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
        await expectNoAxeViolations(board, `display board (${lang})`);
      }
      // Without a tap this session, the board asks for one to turn the sound on: in every language too.
      for (const lang of CLIENT_LANGUAGES) {
        await board.evaluate(() => sessionStorage.removeItem('balcao.sound'));
        await board.goto(`${h.baseUrl}/display?lang=${lang}`);
        await board.locator('.sound-button').waitFor();
        await expectNoAxeViolations(board, `display board, sound not yet on (${lang})`);
      }
      await board.emulateMedia({ reducedMotion: null });
    });
  }, 300_000);
});
