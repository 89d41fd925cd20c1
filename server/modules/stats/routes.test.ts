import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { generateHistory } from './history.ts';
import { pdfText } from '../../test-support/pdf.ts';

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe.each(TEST_DATABASES)('statistics API on %s', (kind) => {
  let api: TestApi;
  let lisboa: string;
  let porto: string;
  let aima: string;

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-23T10:00:00Z'));
    lisboa = await api.centreId('lisboa');
    porto = await api.centreId('porto');
    aima = await api.partnerId('aima');
    await generateHistory(api.ctx, { days: 14, until: '2026-11-22', seed: 3, scale: 0.05 });
  });
  afterEach(async () => api.close());

  const period = { from: '2026-11-09', to: '2026-11-22' };

  it('lets a manager see their centre, an analyst every centre, an agency officer their partner — and no one else', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const own = await manager.request('GET', `/api/stats?${q({ ...period, centreId: lisboa, by: 'service' })}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total.tickets.tickets).toBeGreaterThan(0);
    expect((await manager.request('GET', `/api/stats?${q({ ...period, centreId: porto })}`)).statusCode).toBe(403);
    expect((await manager.request('GET', `/api/stats?${q(period)}`)).statusCode).toBe(403);

    const analyst = await api.signIn('analista');
    const network = (await analyst.request('GET', `/api/stats?${q({ ...period, by: 'centre' })}`)).json();
    expect(network.rows.map((r: { label: string }) => r.label).sort()).toEqual(['CNAI Faro', 'CNAI Lisboa', 'CNAI Porto'].sort());
    expect(network.total.tickets.tickets).toBe(network.rows.reduce((s: number, r: { tickets: { tickets: number } }) => s + r.tickets.tickets, 0));

    const officer = await api.signIn('aima.lisboa');
    const mine = await officer.request('GET', `/api/stats?${q({ ...period, centreId: lisboa, partnerId: aima, by: 'service' })}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().rows.map((r: { label: string }) => r.label)).toEqual(['Residence permits and visas']);
    // Visit figures are about every desk a client went to: not shown for one agency.
    expect(mine.json().total.visits).toBeNull();
    expect((await officer.request('GET', `/api/stats?${q({ ...period, centreId: lisboa })}`)).statusCode).toBe(403);
    expect((await officer.request('GET', `/api/stats?${q({ ...period, centreId: lisboa, partnerId: await api.partnerId('seguranca-social') })}`)).statusCode).toBe(403);

    for (const who of ['mediador.lisboa', 'info.lisboa', 'auditor', 'editor']) {
      expect((await (await api.signIn(who)).request('GET', `/api/stats?${q({ ...period, centreId: lisboa })}`)).statusCode).toBe(403);
    }
    expect((await api.anonymous.request('GET', `/api/stats?${q({ ...period, centreId: lisboa })}`)).statusCode).toBe(401);
  });

  it('compares a period with the one before, and breaks it down by hour of the day', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const body = (await manager.request('GET', `/api/stats?${q({ from: '2026-11-16', to: '2026-11-22', centreId: lisboa, by: 'hour', compare: 'true' })}`)).json();
    expect(body.previous).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });
    expect(body.previous.total.tickets.tickets).toBeGreaterThan(0);
    const hours = body.rows.map((r: { key: string }) => r.key);
    expect(hours[0] >= '08').toBe(true);
    expect(hours).toEqual([...hours].sort());
    // Mornings are busier than late afternoons, as the model says.
    const at = (h: string) => body.rows.find((r: { key: string }) => r.key === h)?.tickets.tickets ?? 0;
    expect(at('09')).toBeGreaterThan(at('16'));
  });

  it('exports CSV and open data with every count under five people suppressed', async () => {
    const analyst = await api.signIn('analista');
    const csv = await analyst.request('GET', `/api/stats.csv?${q({ ...period, by: 'nationality' })}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    expect(rows[0]!.slice(0, 4)).toEqual(['nationality', 'label', 'tickets', 'served']);
    const numbers = rows.slice(1).flatMap((r) => r.slice(2, 10)).filter((c) => c !== '').map(Number);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((n) => n > 0 && n < 5)).toEqual([]);
    // Small nationalities exist in this small history, and they are the ones left empty.
    expect(rows.slice(1).some((r) => r[2] === '')).toBe(true);

    const open = await api.anonymous.request('GET', `/api/open-data/statistics?${q({ ...period, by: 'language' })}`);
    expect(open.statusCode).toBe(200);
    const data = open.json();
    expect(data.licence.name).toMatch(/CC BY 4.0/);
    for (const r of data.rows) for (const c of ['tickets', 'served', 'no_shows', 'transfers', 'cancelled', 'visits']) expect(r.values[c] === null || r.values[c] === 0 || r.values[c] >= 5).toBe(true);
    const openCsv = await api.anonymous.request('GET', `/api/open-data/statistics.csv?${q({ ...period, by: 'month' })}`);
    expect(openCsv.statusCode).toBe(200);
    expect(openCsv.headers.link).toMatch(/licenses\/by\/4.0/);
  });

  it('refuses impossible periods with a message a person can act on', async () => {
    const analyst = await api.signIn('analista');
    const reversed = await analyst.request('GET', `/api/stats?${q({ from: '2026-11-22', to: '2026-11-01' })}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields.to).toMatch(/before its start/);
    const bad = await analyst.request('GET', `/api/stats?${q({ from: '2026-02-30', to: '2026-03-01' })}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.from).toMatch(/YYYY-MM-DD/);
    expect((await analyst.request('GET', `/api/stats?${q({ from: '1990-01-01', to: '2026-01-01' })}`)).statusCode).toBe(400);
    expect((await analyst.request('GET', `/api/stats?${q({ ...period, by: 'colour' })}`)).statusCode).toBe(400);
    expect((await api.anonymous.request('GET', `/api/open-data/statistics?${q({ ...period, by: 'hour' })}`)).statusCode).toBe(400);
  });
});

describe.each(TEST_DATABASES)('annual report on %s', (kind) => {
  it('gives the year in the seed\'s shape, in Portuguese and English, to analysts and to a manager for their centre', async () => {
    const api = await openTestApi(kind);
    try {
      api.setNow(new Date('2026-11-23T10:00:00Z'));
      await generateHistory(api.ctx, { days: 60, until: '2025-12-31', seed: 11, scale: 0.05 });
      const analyst = await api.signIn('analista');
      const en = await analyst.request('GET', '/api/stats/report.pdf?year=2025&lang=en');
      expect(en.statusCode).toBe(200);
      expect(en.headers['content-type']).toBe('application/pdf');
      const { text } = await pdfText(en.rawPayload);
      const stats = (await analyst.request('GET', `/api/stats?${q({ from: '2025-01-01', to: '2025-12-31' })}`)).json();
      expect(text).toContain('Annual report 2025');
      expect(text).toContain('Cases attended in 2025');
      expect(text).toContain(new Intl.NumberFormat('en-GB').format(stats.total.tickets.served));
      expect(text).toMatch(/Main nationalities[\s\S]*Brazil \d/);
      expect(text).toMatch(/Opening hours[\s\S]*adequate: \d/i);
      const pt = await analyst.request('GET', '/api/stats/report.pdf?year=2025&lang=pt-PT');
      expect((await pdfText(pt.rawPayload)).text).toContain('Relatório anual 2025');

      const manager = await api.signIn('gestor.lisboa');
      expect((await manager.request('GET', '/api/stats/report.pdf?year=2025')).statusCode).toBe(403);
      expect((await manager.request('GET', `/api/stats/report.pdf?year=2025&centreId=${await api.centreId('lisboa')}`)).statusCode).toBe(200);
      expect((await analyst.request('GET', '/api/stats/report.pdf?year=1999')).statusCode).toBe(400);
    } finally {
      await api.close();
    }
  });
});
