import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { seedKnowledge } from '../../seed/knowledge.ts';
import { bumpRevision } from '../knowledge/store.ts';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';

const get = (api: TestApi, url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers });

describe.each(TEST_DATABASES)('the public website on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(kind);
    await seedKnowledge(api.ctx);
    // A Tuesday at 10:00 in Lisbon: the centres are open.
    api.setNow(new Date('2026-11-24T10:00:00Z'));
  });
  afterAll(async () => api.close());

  it('sends "/" to the reader\'s language: their remembered choice, else their browser\'s, else Portuguese', async () => {
    expect((await get(api, '/', { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' })).headers.location).toBe('/uk/');
    expect((await get(api, '/', { 'accept-language': 'pt-BR' })).headers.location).toBe('/pt-BR/');
    expect((await get(api, '/', { 'accept-language': 'ja' })).headers.location).toBe('/pt-PT/');
    expect((await get(api, '/', { 'accept-language': 'en', cookie: 'balcao_lang=ar' })).headers.location).toBe('/ar/');
    const choose = await get(api, '/site/language?to=ar&next=/topics/health');
    expect(choose.headers.location).toBe('/ar/topics/health');
    expect(String(choose.headers['set-cookie'])).toMatch(/balcao_lang=ar;.*SameSite=Lax/i);
    // The return path is the site's own: never another host.
    expect((await get(api, '/site/language?to=ar&next=//evil.example/')).headers.location).toBe('/ar/');
    expect((await get(api, '/site/language?to=xx')).headers.location).toBe('/');
  });

  it('renders every page on the server with the language and direction of the reader', async () => {
    for (const locale of CLIENT_LANGUAGES) {
      const home = await get(api, `/${locale}/`);
      expect(home.statusCode, locale).toBe(200);
      expect(home.body).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(home.body).not.toMatch(/<script/);
      expect(home.body).toContain('href="/' + locale + '/topics/family-reunification"');
    }
  });

  it('shows a procedure with steps, documents, fees, where to go and a printable checklist', async () => {
    const page = await get(api, '/en/procedures/family-reunification-application');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<ol class="steps">(<li>[^<]+<\/li>){4,}<\/ol>/);
    expect(page.body).toMatch(/<ul class="checklist">(<li>[^<]+<\/li>){4,}<\/ul>/);
    expect(page.body).toContain('href="/en/centres/lisboa"');
    // Where to go: each centre once, the ticket sentence once, each desk with its ticket letter.
    expect(page.body).toContain('tickets start with A</span><span class="ticket-letter" aria-hidden="true">A</span>');
    expect(page.body.match(/take a ticket at the entrance/g)).toHaveLength(1);
    expect(page.body.match(/href="\/en\/centres\/lisboa"/g)).toHaveLength(1);
    const checklist = await get(api, '/en/procedures/family-reunification-application/checklist');
    expect(checklist.statusCode).toBe(200);
    expect(checklist.body).toContain('class="checklist print-boxes"');
    expect((await get(api, '/en/procedures/no-such-thing')).statusCode).toBe(404);
    expect((await get(api, '/en/procedures/no-such-thing')).body).toContain('<html lang="en"');
    // A topic is not a procedure.
    expect((await get(api, '/en/procedures/health')).statusCode).toBe(404);
  });

  it('marks machine translations and fallbacks, and puts the real language on the text', async () => {
    await api.ctx.db.deleteFrom('kb_text').where('locale', '=', 'ne').execute();
    await bumpRevision(api.ctx.db);
    const ne = await get(api, '/ne/procedures/family-reunification-application');
    expect(ne.statusCode).toBe(200);
    expect(ne.body).toMatch(/<div lang="en" dir="ltr"><h1>/);
    expect(ne.body).toContain('role="note"');
    const ar = await get(api, '/ar/procedures/family-reunification-application');
    expect(ar.body, 'the Arabic text is there, not a fallback').not.toContain('<div lang="en"');
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('role="note"');
  });

  it('searches in the reader\'s language', async () => {
    const en = await get(api, `/en/search?q=${encodeURIComponent('marriage certificate')}`);
    expect(en.body).toContain('/en/procedures/family-reunification-application');
    const empty = await get(api, '/en/search?q=');
    expect(empty.statusCode).toBe(200);
    const long = await get(api, `/en/search?q=${'x'.repeat(5000)}`);
    expect(long.statusCode).toBe(200);
  });

  it("shows each centre's hours and the live waiting times, with no personal data", async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const services = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items as { id: string; ticketPrefix: string }[];
    const aima = services.find((s) => s.ticketPrefix === 'A')!.id;
    for (let i = 0; i < 3; i++) await mediator.request('POST', '/api/visits', { serviceId: aima, language: 'ar', clientName: 'Fatima Secret' });
    api.setNow(new Date('2026-11-24T10:01:00Z'));
    const page = await get(api, '/en/centres/lisboa');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open now');
    expect(page.body).toMatch(/Residence permits and visas[^]*?<td><span class="cell-label" aria-hidden="true">People waiting<\/span>3<\/td>/);
    expect(page.body).not.toContain('Fatima');
    expect((await get(api, '/en/centres/atlantis')).statusCode).toBe(404);
  });
});
