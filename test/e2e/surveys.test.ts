import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, startHarness, withScreenshots, type Harness } from './harness.ts';
import { openClockOffset, pairDevice, screenPage, signedInPage, staffApi, type CentreConfig, type StaffApi } from './helpers.ts';

/**
 * Satisfaction surveys where clients meet them: the phone page offers the survey once the visit's
 * last desk is done (English, then Arabic right to left), a plain form without JavaScript; the
 * kiosk's "how did we do" by ticket number. Then staff read the results in the IOM evaluation's
 * form at /app/surveys, with comments masked. axe finds nothing anywhere.
 */

const OFFSET = openClockOffset();

describe.runIf(browserAvailable())('satisfaction surveys: phone page (en, ar), kiosk, staff results', () => {
  let h: Harness;
  let mediator: StaffApi;
  let officer: StaffApi;
  let manager: StaffApi;
  let service: string;
  let counter: string;
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + OFFSET) });
    mediator = await staffApi(h, 'mediador.lisboa');
    officer = await staffApi(h, 'aima.lisboa');
    manager = await staffApi(h, 'gestor.lisboa');
    const config = await officer.get<CentreConfig>(`/api/centres/${officer.centreId}`);
    service = config.services.find((s) => s.ticketPrefix === 'A')!.id;
    counter = config.counters.find((c) => c.serviceIds.includes(service))!.id;
    await officer.post(`/api/counters/${counter}/session`, {});
  });
  afterAll(async () => {
    for (const c of [mediator, officer, manager]) await c?.api.dispose();
    await h?.close();
  });

  /** A visit served and finished at the AIMA desk: its phone page now offers the survey. */
  async function finishedVisit(language: string): Promise<{ ticketUrl: string; number: string }> {
    const issued = await mediator.post<{ ticket: { id: string; number: string }; ticketUrl: string }>('/api/visits', { serviceId: service, language });
    await officer.post(`/api/counters/${counter}/call-next`, { ticketId: issued.ticket.id });
    await officer.post(`/api/tickets/${issued.ticket.id}/finish`, { outcome: 'resolved' });
    return { ticketUrl: issued.ticketUrl, number: issued.ticket.number };
  }

  /** Picks an answer for each question: the label of answer `n` of every fieldset. */
  async function answerAll(page: Page, choices: number[], fieldset = 'fieldset') {
    const sets = page.locator(fieldset);
    const count = await sets.count();
    expect(count).toBe(4);
    for (let i = 0; i < count; i++) await sets.nth(i).locator('label').nth(choices[i]! - 1).click();
  }

  it('offers the survey on the phone page after the last desk, in English, and takes the answers without JavaScript', async () => {
    const { ticketUrl } = await finishedVisit('en');
    // Phone-sized; the survey pages carry no script at all (the form posts by itself).
    const context = await h.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await withScreenshots('survey-phone-en', () => [page], async () => {
      await page.goto(`${h.baseUrl}${ticketUrl}`);
      await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
      await expectNoAxeViolations(page, 'phone page with the survey invitation (en)');
      await page.getByRole('link', { name: 'Answer the survey' }).click();
      await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('legend').allInnerTexts()).toEqual([
        'Are our opening hours adequate for you?',
        'How do you find the organisation, cleanliness and decoration of the space?',
        'How satisfied are you with the kindness of the service?',
        'How close was your relationship with the mediators?',
      ]);
      await expectNoAxeViolations(page, 'survey form (en)');
      await answerAll(page, [1, 2, 1, 1]);
      await page.getByLabel('Anything else you would like to tell us?').fill('Very kind. My number is 912 345 678.');
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
      await expectNoAxeViolations(page, 'survey thanks (en)');
      // The phone page now thanks instead of inviting.
      await page.goto(`${h.baseUrl}${ticketUrl}`);
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    });
    await context.close();
  });

  it('in Arabic: right to left, machine translation said so, axe clean', async () => {
    const { ticketUrl } = await finishedVisit('ar');
    const page = await h.newPage();
    await withScreenshots('survey-phone-ar', () => [page], async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.baseUrl}${ticketUrl}`);
      await page.getByRole('link', { name: 'أجب عن الاستبيان' }).click();
      await page.getByRole('heading', { level: 1, name: 'كيف كانت خدمتنا؟' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('legend').first().evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      await page.getByText('ترجم حاسوب هذه الأسئلة').waitFor();
      await expectNoAxeViolations(page, 'survey form (ar)');
      // Nothing chosen and nothing written: said plainly, in Arabic.
      await page.getByRole('button', { name: 'أرسل إجاباتي' }).click();
      await page.getByRole('alert').getByText('يُرجى الإجابة عن سؤال واحد على الأقل').waitFor();
      await expectNoAxeViolations(page, 'survey form with an error (ar)');
      await answerAll(page, [2, 3, 1, 1]);
      await page.getByRole('button', { name: 'أرسل إجاباتي' }).click();
      await page.getByRole('heading', { level: 1, name: 'شكرًا لك!' }).waitFor();
      await expectNoAxeViolations(page, 'survey thanks (ar)');
    });
  });

  it('the kiosk: "how did we do" by the ticket number, large answers, axe clean', async () => {
    const { number } = await finishedVisit('pt-PT');
    const { page } = await screenPage(h);
    await withScreenshots('survey-kiosk', () => [page], async () => {
      await pairDevice(h, manager, page, 'kiosk', 'Survey kiosk');
      await page.getByRole('heading', { level: 1, name: 'Escolha a sua língua' }).waitFor();
      await page.goto(`${h.baseUrl}/kiosk?lang=en`);
      await page.locator('[data-mode="survey"]').click();
      await page.getByLabel('Your ticket number').fill('Z999');
      await page.getByRole('button', { name: 'Start the survey' }).click();
      await page.getByRole('alert').getByText('We found no finished visit with this ticket number today.', { exact: false }).waitFor();
      await expectNoAxeViolations(page, 'kiosk survey, ticket not found');
      await page.getByLabel('Your ticket number').fill(number.toLowerCase());
      await page.getByRole('button', { name: 'Start the survey' }).click();
      await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
      await expectNoAxeViolations(page, 'kiosk survey form');
      await answerAll(page, [1, 1, 2, 1], '.kiosk-survey-question');
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.getByRole('heading', { level: 1, name: 'Choose your language' }).or(page.getByRole('heading', { level: 1, name: 'Escolha a sua língua' })).waitFor();
    });
  });

  it('staff read the results in the IOM form and the masked comments at /app/surveys; the administrator the questions', async () => {
    const page = await signedInPage(h, 'gestor.lisboa', 'en');
    await withScreenshots('survey-staff', () => [page], async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Satisfaction surveys' }).click();
      await page.getByRole('heading', { level: 1, name: 'Satisfaction surveys' }).waitFor();
      await page.getByTestId('survey-responses').getByText('3 responses').waitFor();
      // Opening hours: answers 1, 2 and 1 of the three phone and kiosk respondents (the Arabic one said 2).
      expect(await page.getByTestId('survey-summary-opening-hours').innerText()).toBe('Very adequate or adequate: 100%; not very adequate or not adequate at all: 0%');
      expect(await page.getByTestId('survey-summary-space').innerText()).toBe('Very pleasant or pleasant: 66.7%; not very pleasant or not at all: 33.3%');
      const comments = page.getByTestId('survey-comments');
      await comments.getByText('Very kind. My number is [phone number removed].').waitFor();
      expect(await comments.innerText()).not.toContain('912');
      await expectNoAxeViolations(page, '/app/surveys (manager)');
    });
    const admin = await signedInPage(h, 'admin', 'pt-PT');
    await withScreenshots('survey-admin', () => [admin], async () => {
      await admin.goto(`${h.baseUrl}/app/surveys`);
      await admin.getByRole('heading', { level: 1, name: 'Inquéritos de satisfação' }).waitFor();
      await admin.getByTestId('survey-questions').getByRole('cell', { name: 'opening-hours', exact: true }).waitFor();
      await admin.getByLabel('Código', { exact: true }).fill('waiting-time');
      await admin.getByLabel('Título nos resultados').first().fill('Tempo de espera');
      await admin.getByLabel('Pergunta para os utentes').first().fill('O tempo de espera foi aceitável?');
      for (const [i, text] of ['Muito aceitável', 'Aceitável', 'Pouco aceitável', 'Nada aceitável'].entries()) await admin.locator(`#survey-add-option${i + 1}`).fill(text);
      await admin.locator('#survey-add-positive').fill('Muito aceitável ou aceitável');
      await admin.locator('#survey-add-negative').fill('pouco aceitável ou nada aceitável');
      await admin.getByRole('button', { name: 'Acrescentar a pergunta' }).click();
      await admin.getByText('Pergunta waiting-time acrescentada: versão 2 do inquérito.').waitFor();
      await expectNoAxeViolations(admin, '/app/surveys (administrator)');
    });
  });
});
