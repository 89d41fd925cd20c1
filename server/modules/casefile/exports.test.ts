import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv.ts';
import { verifyAuditChain } from '../../access/audit.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { pdfText } from '../../test-support/pdf.ts';
import { chooseDsarLocale } from './dsar-pdf.tsx';
import { pdfWorkers } from './pdf-workers.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('the language of the data-subject PDF', () => {
  it("is the person's first preferred language when translated, else a sibling locale or English, and says when it falls back", () => {
    expect(chooseDsarLocale(['pt-PT', 'en'])).toEqual({ locale: 'pt-PT', fallbackFrom: null });
    expect(chooseDsarLocale(['en', 'pt-PT'])).toEqual({ locale: 'en', fallbackFrom: null });
    expect(chooseDsarLocale(['uk', 'pt-PT'])).toEqual({ locale: 'uk', fallbackFrom: null });
    expect(chooseDsarLocale(['pt-BR'])).toEqual({ locale: 'pt-BR', fallbackFrom: null });
    expect(chooseDsarLocale(['ur', 'pt-PT'])).toEqual({ locale: 'en', fallbackFrom: 'ur' });
    expect(chooseDsarLocale(['pt'])).toEqual({ locale: 'pt-PT', fallbackFrom: 'pt' });
    expect(chooseDsarLocale([])).toEqual({ locale: 'en', fallbackFrom: null });
    expect(chooseDsarLocale(['uk'], 'pt-PT')).toEqual({ locale: 'pt-PT', fallbackFrom: null });
    expect(chooseDsarLocale(['pt-PT'], 'ar')).toEqual({ locale: 'ar', fallbackFrom: null });
    expect(chooseDsarLocale(['pt-PT'], 'zh')).toEqual({ locale: 'en', fallbackFrom: 'zh' });
  });
});

describe.each(TEST_DATABASES)('exports: the data-subject PDF and CSV files on %s', (kind) => {
  let api: TestApi;
  let mediator: Client;
  let dpo: Client;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(NOW);
    mediator = await api.signIn('mediador.lisboa');
    dpo = await api.signIn('auditor');
  });
  afterEach(async () => api.close());

  async function person(fullName: string, languages: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const res = await mediator.request('POST', '/api/persons', { fullName, birthDate: '1990-04-02', languages, confirmedNew: true, ...extra });
    expect(res.statusCode).toBe(201);
    return res.json().person.id;
  }

  const exportEntries = (personId: string) =>
    api.ctx.db.selectFrom('audit_entry').select(['actor_id', 'action', 'section', 'purpose', 'detail']).where('person_id', '=', personId).where('action', '=', 'export').orderBy('seq').execute();

  it("writes everything held in the person's language, with their name in its own script, and audits it as an export", async () => {
    const id = await person('Олена Коваленко', ['uk', 'ru'], { nationalities: ['UA'], contacts: { phone: '+351 912 345 678' }, documents: [{ type: 'passport', number: 'FX 123456', expiresOn: '2027-01-10' }] });
    const aima = await api.signIn('aima.lisboa');
    const c = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Renovação de autorização de residência' })).json();
    await aima.request('POST', `/api/cases/${c.id}/notes`, { body: 'Contrato de trabalho em falta' });
    const lisboa = await api.centreId('lisboa');
    const w = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    const visit = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk' })).json().visit;
    await mediator.request('PUT', `/api/visits/${visit.id}/person`, { personId: id });

    const res = await dpo.request('GET', `/api/persons/${id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="casefile-${id}-2026-11-23.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-language']).toBe('uk');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(res.rawPayload)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Ваші персональні дані');
    expect(text).not.toContain('not yet available');
    expect(text).toContain('Олена Коваленко');
    expect(text).toContain('FX 123456');
    expect(text).toContain('Паспорт');
    expect(text).toContain('Renovação de autorização de residência');
    expect(text).toContain('Contrato de trabalho em falta');
    expect(text).toContain('W001');
    expect(text).toContain('Копія ваших даних'); // the export itself is in the access list

    const [entry] = await exportEntries(id);
    expect(entry).toMatchObject({ actor_id: (await api.ctx.db.selectFrom('staff_user').select('id').where('username', '=', 'auditor').executeTakeFirstOrThrow()).id, section: 'all', purpose: 'data_subject_request' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ what: 'data-subject-export', format: 'pdf', cases: 1, documents: 1 });
    expect(await verifyAuditChain(api.ctx.db)).toMatchObject({ ok: true });
  });

  it('uses Portuguese labels for a Portuguese speaker, Brazilian ones for pt-BR, English for a language without labels (said so), and a language asked for', async () => {
    const pt = await person('Amadou Baldé', ['pt-PT']);
    const ptText = (await pdfText((await dpo.request('GET', `/api/persons/${pt}/export.pdf`)).rawPayload)).text;
    expect(ptText).toContain('Os seus dados pessoais');
    expect(ptText).toContain('Amadou Baldé');
    expect(ptText).not.toContain('ainda não está disponível');

    const br = await person('Joana Silva', ['pt-BR']);
    const brText = (await pdfText((await dpo.request('GET', `/api/persons/${br}/export.pdf`)).rawPayload)).text;
    expect(brText).toContain('Seus dados pessoais');
    expect(brText).not.toContain('ainda não está disponível');

    const ff = await person('Aissatou Diallo', ['ff']);
    const ffText = (await pdfText((await dpo.request('GET', `/api/persons/${ff}/export.pdf`)).rawPayload)).text.replace(/\s+/g, ' ');
    expect(ffText).toContain('This document is not yet available in Fulfulde; it is shown in English.');

    const asked = await dpo.request('GET', `/api/persons/${pt}/export.pdf?lang=en`);
    expect(asked.headers['content-language']).toBe('en');
    expect((await pdfText(asked.rawPayload)).text).toContain('Your personal data');
    expect((await dpo.request('GET', `/api/persons/${pt}/export.pdf?lang=xx`)).statusCode).toBe(400);
  });

  it('writes names and labels of Arabic, Devanagari and Bengali speakers with the embedded fonts', async () => {
    const id = await person('محمد الأمين', ['ar'], { contacts: { address: 'राजेश कुमार शर्मा, রহিম উদ্দিন' } });
    const res = await dpo.request('GET', `/api/persons/${id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    const pdf = res.rawPayload.toString('latin1');
    for (const font of ['NotoSans-Regular', 'IBMPlexSansArabic-Bold', 'NotoSansDevanagari-Regular', 'HindSiliguri-Regular']) expect(pdf, font).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font}`));
  });

  it('renders off the request thread: other requests are answered while a PDF renders', async () => {
    const notes = Array.from({ length: 5 }, (_, i) => `Nota ${i + 1}: documentos entregues e conferidos na presença do requerente.`);
    const id = await person('Олена Коваленко', ['uk'], { documents: [{ type: 'passport', number: 'FX 123456', expiresOn: '2027-01-10' }] });
    const aima = await api.signIn('aima.lisboa');
    const c = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Renovação de autorização de residência' })).json();
    for (const body of notes) await aima.request('POST', `/api/cases/${c.id}/notes`, { body });

    let pdfDone = false;
    const pdf = dpo.request('GET', `/api/persons/${id}/export.pdf`).then((res) => {
      pdfDone = true;
      return res;
    });
    // Once the render is under way in a worker, the node still answers: a request made now comes
    // back before the PDF does. (On the request thread it could only come back after it.)
    while (pdfWorkers.busy === 0 && !pdfDone) await new Promise((r) => setImmediate(r));
    expect(pdfDone).toBe(false);
    const during = await mediator.request('GET', '/api/session');
    expect(during.statusCode).toBe(200);
    expect(pdfDone).toBe(false);
    const res = await pdf;
    expect(res.statusCode).toBe(200);
    expect((await pdfText(res.rawPayload)).text).toContain("Nota 5");
  });

  it("writes an Arabic speaker's file with Arabic labels, right to left, and no fallback line", async () => {
    const id = await person('محمد الأمين', ['ar'], { contacts: { phone: '+351 912 345 678' }, documents: [{ type: 'passport', number: 'FX 123456', expiresOn: '2027-01-10' }] });
    const res = await dpo.request('GET', `/api/persons/${id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('ar');
    const text = (await pdfText(res.rawPayload)).text;
    // pdf.js reads right-to-left text back in visual order (words reversed, lam-alef ligatures split),
    // so single words without such ligatures are compared.
    for (const word of ['بياناتك', 'الشخصية', 'الهاتف', 'الوثائق', 'السفر', 'الملف', 'رقم']) expect(text, word).toContain(word);
    expect(text).toContain('+351 912 345 678'); // the phone number reads left to right
    expect(text).toContain('FX 123456');
    expect(text).not.toContain('Your personal data');
    expect(text).not.toContain('not yet available');
  });

  it('is refused to everyone but the data-protection officer, like the JSON export, and leaves the same audit trail', async () => {
    const id = await person('Olena Kovalenko', ['uk']);
    for (const username of ['mediador.lisboa', 'aima.lisboa', 'admin', 'analista', 'gestor.lisboa']) {
      const user = username === 'mediador.lisboa' ? mediator : await api.signIn(username);
      expect((await user.request('GET', `/api/persons/${id}/export`)).statusCode, username).toBe(403);
      expect((await user.request('GET', `/api/persons/${id}/export.pdf`)).statusCode, username).toBe(403);
    }
    expect((await api.anonymous.request('GET', `/api/persons/${id}/export.pdf`)).statusCode).toBe(401);
    expect(await exportEntries(id)).toEqual([]);
    expect((await dpo.request('GET', '/api/persons/00000000-0000-4000-8000-000000000000/export.pdf')).statusCode).toBe(404);

    await dpo.request('GET', `/api/persons/${id}/export`);
    await dpo.request('GET', `/api/persons/${id}/export.pdf`);
    const entries = await exportEntries(id);
    expect(entries.map((e) => [e.action, e.section, e.purpose, JSON.parse(e.detail).format ?? 'json'])).toEqual([
      ['export', 'all', 'data_subject_request', 'json'],
      ['export', 'all', 'data_subject_request', 'pdf'],
    ]);
  });

  it("gives the DPO the access report as CSV in the reader's language, audited like the report", async () => {
    const id = await person('Olena Kovalenko', ['uk']);
    await mediator.request('GET', `/api/persons/${id}`);
    const res = await dpo.request('GET', `/api/persons/${id}/access-report.csv`, undefined, { 'accept-language': 'pt-PT' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="access-report-${id}.csv"`);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['Quando (UTC)', 'Quem', 'Organização', 'Ação', 'Resultado', 'Parte', 'Finalidade', 'O quê']);
    // Newest first, as on the screen.
    expect(rows.slice(1).map((r) => [r[1], r[3], r[5], r[7]])).toEqual([
      ['Mamadu Mediador', 'Leitura', 'Identidade e documentos', 'Identidade e documentos'],
      ['Mamadu Mediador', 'Alteração', 'Identidade e documentos', 'Processo aberto'],
    ]);
    expect(rows[1]![0]).toBe('2026-11-23T10:00:00.000Z');

    const reports = await api.ctx.db.selectFrom('audit_entry').select(['action', 'section', 'detail']).where('person_id', '=', id).where('detail', 'like', '%access-report%').execute();
    expect(reports.map((r) => [r.action, r.section, JSON.parse(r.detail).format])).toEqual([['read', 'audit', 'csv']]);
    expect((await mediator.request('GET', `/api/persons/${id}/access-report.csv`)).statusCode).toBe(403);
    // A section filter with characters unsafe in a header does not reach the file name.
    const odd = await dpo.request('GET', `/api/persons/${id}/access-report.csv?section=${encodeURIComponent('x"\r\nSet-Cookie: a=b')}`);
    expect(odd.headers['content-disposition']).toBe(`attachment; filename="access-report-${id}-x___Set-Cookie__a_b.csv"`);
    expect(odd.headers['set-cookie']).toBeUndefined();
  });

  it('gives the desk the expiring documents as CSV with formula-like cells neutralised, audited like the list', async () => {
    const id = await person('=HYPERLINK("http://evil.example","click")', ['pt-PT'], { documents: [{ type: 'passport', number: '+351-000', expiresOn: '2026-12-01' }] });
    const res = await mediator.request('GET', '/api/documents/expiring.csv?days=30', undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="expiring-documents-2026-11-23.csv"');
    const rows = parseCsv(res.body);
    expect(rows).toEqual([
      ['Person', 'Casefile number', 'Document', 'Number', 'Expires on', 'Status', 'Days left'],
      [`'=HYPERLINK("http://evil.example","click")`, id, 'Passport', "'+351-000", '2026-12-01', 'Expires soon', '8'],
    ]);
    const reads = await api.ctx.db.selectFrom('audit_entry').select('detail').where('person_id', '=', id).where('detail', 'like', '%expiring-documents-list%').execute();
    expect(reads.map((r) => JSON.parse(r.detail))).toEqual([{ what: 'expiring-documents-list', format: 'csv' }]);
    for (const username of ['auditor', 'admin', 'analista']) {
      const user = await api.signIn(username);
      expect((await user.request('GET', '/api/documents/expiring.csv')).statusCode, username).toBe(403);
    }
  });
});
