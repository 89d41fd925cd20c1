import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';

describe.each(TEST_DATABASES)('the phone ticket page on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-23T10:00:00Z'));
  });
  afterEach(async () => api.close());

  async function issue(language: string, clientName?: string) {
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const services = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items as { id: string; ticketPrefix: string }[];
    const a = services.find((s) => s.ticketPrefix === 'A')!.id;
    const first = (await mediator.request('POST', '/api/visits', { serviceId: a, language: 'pt-PT' })).json();
    api.setNow(new Date('2026-11-23T10:01:00Z'));
    const mine = (await mediator.request('POST', '/api/visits', { serviceId: a, language, ...(clientName ? { clientName } : {}) })).json();
    return { first, mine };
  }

  it("renders in the client's language, readable without JavaScript, with position and wait and no personal data", async () => {
    const { mine } = await issue('pt-PT', 'Maria Secreta');
    const res = await api.anonymous.request('GET', mine.ticketUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('<html lang="pt-PT" dir="ltr">');
    expect(html).toContain('A002');
    expect(html).toMatch(/Em espera\. Está 1 pessoa à sua frente\. Espera prevista: \d+ a \d+ minutos\./);
    // The measured accuracy of the estimates, in the page's language.
    expect(html).toMatch(/a menos de 5 minutos da espera real para \d+ em cada 10 pessoas/);
    expect(html).not.toContain('Maria');
    expect(Buffer.byteLength(html)).toBeLessThan(6000);
    const fragment = await api.anonymous.request('GET', `${mine.ticketUrl}?fragment=1`);
    expect(fragment.body.startsWith('<main id="ticket"')).toBe(true);
  });

  it('stops saying it updates by itself once the visit is over', async () => {
    const { mine } = await issue('en');
    expect((await api.anonymous.request('GET', mine.ticketUrl)).body).toContain('This page updates by itself.');
    // The AIMA desk serves the ticket ahead, then this one: the visit ends.
    const aima = await api.signIn('aima.lisboa');
    const config = (await aima.request('GET', `/api/centres/${await api.centreId('lisboa')}`)).json();
    const a = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'A').id;
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(a));
    await aima.request('POST', `/api/counters/${counter.id}/session`, {});
    for (let i = 0; i < 2; i++) {
      const called = (await aima.request('POST', `/api/counters/${counter.id}/call-next`)).json();
      expect((await aima.request('POST', `/api/tickets/${called.ticket.id}/finish`, { outcome: 'resolved' })).statusCode).toBe(200);
    }
    expect((await api.anonymous.request('GET', mine.ticketUrl)).body).toMatch(/A002[\s\S]*finished/);
    expect((await api.anonymous.request('GET', mine.ticketUrl)).body).not.toContain('This page updates by itself.');
  });

  it('uses English plural rules in English and marks a language it cannot show yet', async () => {
    const { mine } = await issue('en');
    const english = (await api.anonymous.request('GET', mine.ticketUrl)).body;
    expect(english).toMatch(/Waiting\. 1 person is ahead of you\./);
    expect(english).not.toContain('machine-translated');
    const { mine: chinese } = await issue('zh');
    const html = (await api.anonymous.request('GET', chinese.ticketUrl)).body;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('This page is not yet available in your language. It is shown in English.');
  });

  it("shows every client language with its own plural rules, and says discreetly when a computer translated it", async () => {
    const { mine } = await issue('uk');
    const html = (await api.anonymous.request('GET', mine.ticketUrl)).body;
    expect(html).toContain('<html lang="uk" dir="ltr">');
    expect(html).toContain('Очікування. Перед вами 1 людина.');
    expect(html).not.toContain('class="notice"');
    expect(html).toContain('<p class="machine-translated">Цю сторінку переклав комп’ютер, і людина її ще не перевірила.');
    const arabic = (await api.anonymous.request('GET', `${mine.ticketUrl}?lang=ar`)).body;
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(arabic).toContain('في الانتظار. أمامك شخص واحد.');
    const portuguese = (await api.anonymous.request('GET', `${mine.ticketUrl}?lang=pt-PT`)).body;
    expect(portuguese).not.toContain('machine-translated');
  });

  it('says plainly when the link is not valid', async () => {
    const res = await api.anonymous.request('GET', '/t/not-a-real-token-at-all?lang=pt-PT');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Esta ligação de senha não é válida ou expirou');
    // Without ?lang=, in the phone's language when the page is written in it.
    const french = await api.anonymous.request('GET', '/t/not-a-real-token-at-all', undefined, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(french.body).toContain('<html lang="fr"');
    expect(french.body).toContain('Ce lien de ticket n’est pas valable ou a expiré.');
    // The JSON API behind the page answers a phone in its language too.
    const api404 = await api.anonymous.request('GET', '/api/t/not-a-real-token-at-all', undefined, { 'accept-language': 'ro' });
    expect(api404.json().error.message).toBe('Acest link de bon nu este valabil sau a expirat. Întrebați la recepție.');
  });

  it("ends the link after the visit's day in the centre's time zone: page, fragment, JSON and event stream", async () => {
    const { mine } = await issue('uk');
    const token = mine.ticketUrl.slice('/t/'.length);
    // 23:59 in Lisbon (UTC in November) is still the visit's day.
    api.setNow(new Date('2026-11-23T23:59:00Z'));
    expect((await api.anonymous.request('GET', mine.ticketUrl)).statusCode).toBe(200);
    expect((await api.anonymous.request('GET', `/api/t/${token}`)).statusCode).toBe(200);
    api.setNow(new Date('2026-11-24T00:00:30Z'));
    const page = await api.anonymous.request('GET', mine.ticketUrl);
    expect(page.statusCode).toBe(410);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<html lang="uk"');
    expect(page.body).toContain('Термін дії цього посилання на талон закінчився');
    // Nothing of the visit or the queue is shown any more.
    expect(page.body).not.toContain('A002');
    const fragment = await api.anonymous.request('GET', `${mine.ticketUrl}?fragment=1&lang=en`);
    expect(fragment.statusCode).toBe(410);
    expect(fragment.body).toMatch(/^<main id="ticket" data-status="expired">.*valid only on the day of your visit/);
    const json = await api.anonymous.request('GET', `/api/t/${token}`, undefined, { 'accept-language': 'pt-PT' });
    expect(json.statusCode).toBe(410);
    expect(json.json().error).toEqual({ code: 'ticket_link_expired', message: expect.stringContaining('só era válida no dia da sua visita') });
    const stream = await api.anonymous.request('GET', `/api/t/${token}/events`);
    expect(stream.statusCode).toBe(410);
  });

  it('serves its script and stylesheet from this origin (allowed by the CSP)', async () => {
    const js = await api.anonymous.request('GET', '/static/phone.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('EventSource');
    expect((await api.anonymous.request('GET', '/static/phone.css')).statusCode).toBe(200);
  });
});
