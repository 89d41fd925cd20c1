import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { generateHistory } from '../stats/history.ts';
import * as appointments from '../appointments/service.ts';

const q = (params: Record<string, string | string[]>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) s.append(k, x);
  return s.toString();
};

interface Hour {
  weekday: number;
  hour: number;
  arrivals: number;
  recommended: number;
  rostered: number;
  erlangC: number;
  erlangA: number | null;
  added: boolean;
  atRostered: { counters: number; meanWaitSeconds: number | null; serviceLevel: number; occupancy: number; stable: boolean };
  atRecommended: { meetsTarget: boolean };
  shared: { serviceLevel: number; serviceLevelHalfWidth95: number; meanWaitSeconds: number; pAbandon: number; meetsTarget: boolean } | null;
}
interface Service {
  id: string;
  code: string;
  name: string;
  rostered: number;
  meanHandlingSeconds: number;
  handlingFromHistory: boolean;
  patienceSeconds: number | null;
  hours: Hour[];
}

describe.each(TEST_DATABASES)('planner API on %s', (kind) => {
  let api: TestApi;
  let lisboa: string;
  let porto: string;
  // A Monday: the history ends the Sunday before.
  const weekStart = '2026-11-23';

  // The tests only read the plan: one history serves them all.
  beforeAll(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-20T10:00:00Z'));
    lisboa = await api.centreId('lisboa');
    porto = await api.centreId('porto');
    await generateHistory(api.ctx, { days: 42, until: '2026-11-22', seed: 11, scale: 0.1, centres: ['lisboa', 'porto'] });
  }, 120_000);
  afterAll(async () => api.close());

  it("plans a centre's week: forecast from its history, Erlang counters against the rostered ones, and the backtest error", async () => {
    const manager = await api.signIn('gestor.lisboa');
    const res = await manager.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart: '2026-11-25', lang: 'en' })}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.weekStart).toBe(weekStart);
    expect(body.days).toHaveLength(7);
    expect(body.target).toEqual({ kind: 'service-level', level: 0.8, withinSeconds: 1200 });
    expect(body.forecast.weeksOfHistory).toBe(6);
    // Six weeks of history: the five latest can be backtested (each from the weeks before it).
    expect(body.backtest.metric).toBe('wape');
    expect(body.backtest.weeks).toHaveLength(5);
    expect(body.backtest.wape).toBeGreaterThan(0);
    // Small volumes (a tenth of CNAI) are noisy: Poisson counts of ~2 an hour alone give about 0.5.
    expect(body.backtest.wape).toBeLessThan(0.9);

    const permits = body.services.find((s: Service) => s.code === 'residence-permits') as Service;
    expect(permits.name).toBe('Residence permits and visas');
    expect(permits.rostered).toBe(8);
    // Handling time from the history, near the service's 20 configured minutes.
    expect(permits.handlingFromHistory).toBe(true);
    expect(permits.meanHandlingSeconds / 60).toBeGreaterThan(10);
    expect(permits.meanHandlingSeconds / 60).toBeLessThan(35);
    // Weekdays 08–17 only (the centre is closed at weekends).
    const weekdays = new Set(permits.hours.map((h) => h.weekday));
    expect([...weekdays].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(permits.hours.every((h) => h.hour >= 8 && h.hour <= 17)).toBe(true);
    const busiest = permits.hours.reduce((a, b) => (b.arrivals > a.arrivals ? b : a));
    expect(busiest.arrivals).toBeGreaterThan(1);
    expect(busiest.recommended).toBeGreaterThanOrEqual(1);
    expect(busiest.atRecommended.meetsTarget).toBe(true);
    // Where enough walk-outs tell the patience, Erlang A's count is the recommendation; else Erlang C's.
    // (This history staffs generously: its few walk-outs are mostly the 2% who leave at any wait,
    // and the fit finds no patience to speak of.)
    const services = body.services as Service[];
    for (const s of services) for (const h of s.hours) expect(h.recommended).toBe(s.patienceSeconds === null ? h.erlangC : h.erlangA);
    expect(body.totals.recommendedCounterHours).toBe((body.services as Service[]).reduce((n, s) => n + s.hours.reduce((m, h) => m + h.recommended, 0), 0));
  });

  it('what if: a counter fewer at one hour, an hour earlier, half the clients by appointment', async () => {
    const analyst = await api.signIn('analista');
    const base = (await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart })}`)).json();
    const permits = base.services.find((s: Service) => s.code === 'residence-permits') as Service;
    const busiest = permits.hours.reduce((a, b) => (b.arrivals > a.arrivals ? b : a));
    const adjust = `${permits.id}:${busiest.weekday}:${busiest.hour}:-6`;
    const fewer = (await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart, adjust: [adjust, `${permits.id}:${busiest.weekday}:${busiest.hour}:+1`] })}`)).json();
    const after = (fewer.services as Service[]).find((s) => s.id === permits.id)!.hours.find((h) => h.weekday === busiest.weekday && h.hour === busiest.hour)!;
    expect(after.rostered).toBe(3);
    expect(after.recommended).toBe(busiest.recommended);
    expect(after.atRostered.occupancy).toBeGreaterThan(busiest.atRostered.occupancy);
    expect(after.atRostered.serviceLevel).toBeLessThanOrEqual(busiest.atRostered.serviceLevel);
    expect(fewer.whatIf.adjust).toHaveLength(2);

    const earlier = (await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart, openEarlier: 'true' })}`)).json();
    const monday = (earlier.services as Service[]).find((s) => s.id === permits.id)!.hours.filter((h) => h.weekday === 1);
    expect(monday[0]).toMatchObject({ hour: 7, added: true });
    const baseEight = permits.hours.find((h) => h.weekday === 1 && h.hour === 8)!;
    expect(monday[0]!.arrivals + monday[1]!.arrivals).toBeCloseTo(baseEight.arrivals, 9);

    const booked = (await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart, appointmentShare: '0.5' })}`)).json();
    expect(booked.totals.arrivals).toBeCloseTo(base.totals.arrivals, 6);
    expect(booked.totals.recommendedCounterHours).toBeLessThanOrEqual(base.totals.recommendedCounterHours);

    // A mean-wait target of 5 minutes asks for at least as many counters as 80% within 20.
    const strict = (await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart, meanWaitSeconds: '300' })}`)).json();
    expect(strict.target).toEqual({ kind: 'mean-wait', maxSeconds: 300 });
    expect(strict.totals.recommendedCounterHours).toBeGreaterThanOrEqual(base.totals.recommendedCounterHours);
  });

  it('simulates the rostered day with each shared counter counted once, and moves with a what-if counter', async () => {
    const manager = await api.signIn('gestor.lisboa');
    // A harder target than the history's staffing meets everywhere, at three times its volume.
    const ask = (extra: Record<string, string | string[]> = {}) => manager.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart, targetSeconds: '300', ...extra })}`);
    const body = (await ask()).json();
    const services = body.services as (Service & { sharedCounters: number })[];
    expect(body.sharedCounters.replications).toBeGreaterThanOrEqual(10);
    const hours = services.flatMap((s) => s.hours);
    // Every open service hour with walk-ins has its simulated outlook.
    for (const h of hours) {
      expect(h.shared).not.toBeNull();
      expect(h.shared!.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(h.shared!.serviceLevel).toBeLessThanOrEqual(1);
      expect(h.shared!.meetsTarget).toBe(h.shared!.serviceLevel >= 0.8);
    }
    expect(body.sharedCounters.hoursShort).toBe(hours.filter((h) => !h.shared!.meetsTarget).length);
    // Deterministic: the same question, the same simulated days.
    expect((await ask()).json().services).toEqual(body.services);
    // Counters added at the busiest hour of a service shorten its simulated wait there.
    const permits = services.find((s) => s.code === 'residence-permits')!;
    const busiest = permits.hours.reduce((a, b) => (b.arrivals > a.arrivals ? b : a));
    const closed = (await ask({ adjust: `${permits.id}:${busiest.weekday}:${busiest.hour}:-8` })).json();
    const after = (closed.services as Service[]).find((s) => s.id === permits.id)!.hours.find((h) => h.weekday === busiest.weekday && h.hour === busiest.hour)!;
    expect(after.rostered).toBe(0);
    expect(after.shared!.meanWaitSeconds).toBeGreaterThan(busiest.shared!.meanWaitSeconds);
    expect(after.shared!.serviceLevel).toBeLessThanOrEqual(busiest.shared!.serviceLevel);
  });

  it('exports the plan as CSV, one row per service, day and hour', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const res = await manager.request('GET', `/api/planner.csv?${q({ centreId: lisboa, weekStart, lang: 'pt-PT' })}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('balcao-staffing-plan-2026-11-23.csv');
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]!.slice(0, 5)).toEqual(['service_code', 'service', 'date', 'weekday', 'hour']);
    const permits = rows.filter((r) => r[0] === 'residence-permits');
    expect(permits).toHaveLength(50);
    expect(permits[0]!.slice(1, 5)).toEqual(['Autorizações de residência e vistos', '2026-11-23', '1', '08:00']);
    const header = rows[0]!;
    for (const r of permits) expect(Number(r[header.indexOf('difference')]!)).toBe(Number(r[header.indexOf('rostered')]!) - Number(r[header.indexOf('recommended')]!));
    for (const r of permits) expect(Number(r[header.indexOf('shared_counters_service_level')]!)).toBeGreaterThanOrEqual(0);
  });

  it('lets a manager plan their own centre, analysts and the network administrator every centre, and no one else', async () => {
    const manager = await api.signIn('gestor.lisboa');
    expect((await manager.request('GET', `/api/planner?${q({ centreId: porto, weekStart })}`)).statusCode).toBe(403);
    expect((await manager.request('GET', `/api/planner.csv?${q({ centreId: porto, weekStart })}`)).statusCode).toBe(403);
    const admin = await api.signIn('admin');
    expect((await admin.request('GET', `/api/planner?${q({ centreId: porto, weekStart })}`)).statusCode).toBe(200);
    for (const who of ['mediador.lisboa', 'aima.lisboa', 'info.lisboa', 'auditor', 'editor']) {
      expect((await (await api.signIn(who)).request('GET', `/api/planner?${q({ centreId: lisboa, weekStart })}`)).statusCode, who).toBe(403);
    }
    expect((await api.anonymous.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart })}`)).statusCode).toBe(401);
  });

  it('refuses a bad date, a malformed or foreign adjustment, and two kinds of target at once', async () => {
    const analyst = await api.signIn('analista');
    const bad = await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart: '2026-02-30' })}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.weekStart).toMatch(/YYYY-MM-DD/);
    expect((await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, adjust: 'nonsense' })}`)).json().error.fields.adjust).toBeTruthy();
    const portoService = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', porto).executeTakeFirstOrThrow()).id;
    expect((await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, adjust: `${portoService}:1:9:+1` })}`)).statusCode).toBe(400);
    expect((await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, meanWaitSeconds: '300', serviceLevel: '0.8' })}`)).statusCode).toBe(400);
    expect((await analyst.request('GET', `/api/planner?${q({ centreId: lisboa, appointmentShare: '1' })}`)).statusCode).toBe(400);
  });
  it('counts appointments already booked in the week as known demand', async () => {
    const permits = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', lisboa).where('code', '=', 'residence-permits').executeTakeFirstOrThrow()).id;
    await api.ctx.db.updateTable('service').set({ appointments_enabled: 1 }).where('id', '=', permits).execute();
    // Tuesday 24 November, 10:00 in Lisbon: three people booked, one of them cancelled since.
    const people = ['AA 100', 'AA 101', 'AA 102'].map((documentNumber, i) => ({ name: `Pessoa ${i}`, documentNumber, birthDate: '1990-01-0' + (i + 1), email: `p${i}@example.pt`, language: 'pt-PT' }));
    const made = [];
    for (const p of people) made.push(await appointments.book(api.ctx, { ...p, serviceId: permits, startsAt: '2026-11-24T10:00:00.000Z' }));
    await appointments.cancelByToken(api.ctx, made[2]!.manageToken);
    const manager = await api.signIn('gestor.lisboa');
    const body = (await manager.request('GET', `/api/planner?${q({ centreId: lisboa, weekStart })}`)).json();
    const hours = (body.services as Service[]).find((s) => s.id === permits)!.hours as (Hour & { booked: number })[];
    const tuesday10 = hours.find((h) => h.weekday === 2 && h.hour === 10)!;
    expect(tuesday10.booked).toBe(2);
    expect(tuesday10.arrivals).toBeGreaterThanOrEqual(2);
    expect(hours.filter((h) => h !== tuesday10).every((h) => h.booked === 0)).toBe(true);
    expect(body.totals.booked).toBe(2);
    const csv = parseCsv((await manager.request('GET', `/api/planner.csv?${q({ centreId: lisboa, weekStart })}`)).body.replace(/^\uFEFF/, ''));
    const column = csv[0]!.indexOf('booked_appointments');
    expect(csv.slice(1).reduce((n, r) => n + Number(r[column]), 0)).toBe(2);
  });
});

describe('planner API documentation', () => {
  it('is in the OpenAPI document, with its query, its answer and the CSV', async () => {
    const api = await openTestApi('sqlite');
    try {
      const doc = (await api.anonymous.request('GET', '/api/openapi.json')).json();
      const get = doc.paths['/api/planner'].get;
      expect(get.tags).toEqual(['Planner']);
      expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['centreId', 'weekStart', 'targetSeconds', 'serviceLevel', 'meanWaitSeconds', 'adjust', 'openEarlier', 'appointmentShare']));
      expect(Object.keys(get.responses['200'].content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['forecast', 'backtest', 'services', 'totals']));
      expect(doc.paths['/api/planner.csv'].get.responses['200']).toBeTruthy();
    } finally {
      await api.close();
    }
  });
});
