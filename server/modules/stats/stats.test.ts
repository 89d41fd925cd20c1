import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUCKET_COUNT, bucketOf, percentileOf } from '../../../core/stats/histogram.ts';
import { seedCnaiPreset, seedDemoStaff } from '../../seed/seed.ts';
import { openTestDb, TEST_DATABASES, type TestDb } from '../../test-support/db.ts';
import * as visits from '../visits/service.ts';
import { foldPending, rebuildAll } from './fold.ts';
import { generateHistory } from './history.ts';
import { statistics } from './service.ts';
import { surveyResults } from '../surveys/service.ts';
import { IOM_POSITIVE_SHARE } from '../../../core/simulation/history.ts';

const MONDAY_9H = new Date('2026-11-23T09:00:00Z');

/** Every cell, in a stable order, to compare two ways of computing them. */
async function allCells(t: TestDb) {
  const tickets = await t.ctx.db.selectFrom('stats_ticket_cell').selectAll().orderBy('grain').orderBy('dim').orderBy('period').orderBy('centre_id').orderBy('service_id').orderBy('value').execute();
  const visitCells = await t.ctx.db.selectFrom('stats_visit_cell').selectAll().orderBy('grain').orderBy('dim').orderBy('period').orderBy('centre_id').orderBy('value').execute();
  const norm = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])));
  return { tickets: norm(tickets), visits: norm(visitCells) };
}

describe.each(TEST_DATABASES)('statistics on %s', (kind) => {
  let t: TestDb;
  let lisboa: string;
  let porto: string;

  beforeEach(async () => {
    t = await openTestDb(kind);
    t.setNow(MONDAY_9H);
    await seedCnaiPreset(t.ctx);
    await seedDemoStaff(t.ctx);
    const centres = await t.ctx.db.selectFrom('centre').select(['id', 'code']).execute();
    lisboa = centres.find((c) => c.code === 'lisboa')!.id;
    porto = centres.find((c) => c.code === 'porto')!.id;
  });
  afterEach(async () => t.close());

  it('keeps incremental aggregates equal to a full rebuild after any sequence of issue, call, finish, transfer and no-show', async () => {
    const services = await t.ctx.db.selectFrom('service').select(['id', 'ticket_prefix']).where('centre_id', '=', lisboa).execute();
    const prefix = (p: string) => services.find((s) => s.ticket_prefix === p)!.id;
    const queues = [prefix('W'), prefix('A'), prefix('S')];
    const counters = await t.ctx.db.selectFrom('counter_service').innerJoin('counter', 'counter.id', 'counter_service.counter_id').select(['counter.id', 'counter_service.service_id']).where('counter.centre_id', '=', lisboa).execute();
    const users = (await t.ctx.db.selectFrom('staff_user').select('id').orderBy('username').execute()).map((u) => u.id);
    // One counter per queue, each taken by its own staff member.
    const desks = queues.map((serviceId, i) => ({ counterId: counters.find((c) => c.service_id === serviceId)!.id, userId: users[i]!, serviceId }));
    for (const d of desks) await visits.takeCounter(t.ctx, d.userId, d.counterId, { serviceIds: [d.serviceId] });

    let clock = MONDAY_9H.getTime();
    let endedSeen = 0;
    const command = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant('issue' as const), queue: fc.nat(2), language: fc.constantFrom('pt-BR', 'uk', 'ar'), country: fc.constantFrom(null, 'BR', 'UA') }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('call' as const), desk: fc.nat(2) }) },
      { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('start' as const, 'finish' as const, 'route' as const, 'transfer' as const, 'noShow' as const), desk: fc.nat(2) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('fold' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(command, fc.integer({ min: 5, max: 900 })), { minLength: 10, maxLength: 60 }), async (commands) => {
        for (const [c, seconds] of commands) {
          clock += seconds * 1000;
          t.setNow(new Date(clock));
          try {
            if (c.op === 'issue') await visits.issueTicket(t.ctx, { centreId: lisboa, serviceId: queues[c.queue], language: c.language, declaredCountry: c.country, channel: 'pre_sorting', createdBy: 'test' });
            else if (c.op === 'fold') await foldPending(t.ctx);
            else {
              const d = desks[c.desk]!;
              const current = await t.ctx.db.selectFrom('ticket').select(['id', 'status']).where('counter_id', '=', d.counterId).where('status', 'in', ['called', 'serving']).executeTakeFirst();
              if (c.op === 'call') await visits.callNext(t.ctx, d.userId, d.counterId);
              else if (!current) continue;
              else if (c.op === 'start') await visits.startService(t.ctx, d.userId, current.id);
              else if (c.op === 'finish') await visits.finish(t.ctx, d.userId, current.id, { outcome: 'resolved' });
              else if (c.op === 'route') await visits.finish(t.ctx, d.userId, current.id, { outcome: 'referred', routeTo: [queues[(c.desk + 1) % 3]!] });
              else if (c.op === 'transfer') await visits.transfer(t.ctx, current.id, { serviceId: queues[(c.desk + 2) % 3]! }, { userId: d.userId, asManager: false });
              else if (c.op === 'noShow') await visits.markNoShow(t.ctx, d.userId, current.id, 0);
            }
          } catch (err) {
            // Refusals (empty queue, ticket already started…) are part of the game; anything else is a failure.
            if (!(err instanceof Error && 'status' in err && (err as { status: number }).status < 500)) throw err;
          }
        }
        await foldPending(t.ctx);
        const incremental = await allCells(t);
        await rebuildAll(t.ctx);
        expect(await allCells(t)).toEqual(incremental);
        // And both equal a direct count over the raw rows.
        const ended = await t.ctx.db.selectFrom('ticket').select(['status']).where('status', 'in', ['done', 'no_show', 'transferred', 'cancelled']).execute();
        const total = incremental.tickets.filter((c) => c.grain === 'day' && c.dim === 'all').reduce((s, c) => s + Number(c.tickets), 0);
        expect(total).toBe(ended.length);
        endedSeen += ended.length;
        const closed = await t.ctx.db.selectFrom('visit').select('id').where('status', '=', 'done').execute();
        expect(incremental.visits.filter((c) => c.grain === 'day' && c.dim === 'all').reduce((s, c) => s + Number(c.visits), 0)).toBe(closed.length);
      }),
      { numRuns: kind === 'postgres' ? 8 : 15, seed: 20261204 },
    );
    // The runs did end tickets (the comparison is not of empty tables).
    expect(endedSeen).toBeGreaterThan(20);
  });

  it('answers every total, percentile and share of a generated history exactly as a direct count over its raw rows', async () => {
    const history = await generateHistory(t.ctx, { days: 21, until: '2026-11-22', centres: ['lisboa', 'porto'], seed: 7, scale: 0.1 });
    expect(history.visits).toBeGreaterThan(500);
    const from = '2026-11-02';
    const to = '2026-11-22';
    const raw = await t.ctx.db
      .selectFrom('ticket')
      .innerJoin('visit', 'visit.id', 'ticket.visit_id')
      .innerJoin('service', 'service.id', 'ticket.service_id')
      .select(['ticket.status', 'ticket.language', 'ticket.issued_at', 'ticket.called_at', 'ticket.started_at', 'ticket.finished_at', 'ticket.centre_id', 'visit.declared_country', 'service.target_wait_minutes'])
      .where('ticket.local_date', '>=', from)
      .where('ticket.local_date', '<=', to)
      .where('ticket.centre_id', '=', lisboa)
      .execute();
    const result = await statistics(t.ctx, { from, to, centreId: lisboa, by: 'language', lang: 'en' });
    const total = result.total.tickets;
    expect(total.tickets).toBe(raw.length);
    expect(total.served).toBe(raw.filter((r) => r.status === 'done').length);
    expect(total.noShows).toBe(raw.filter((r) => r.status === 'no_show').length);
    expect(total.transfers).toBe(raw.filter((r) => r.status === 'transferred').length);
    expect(total.cancelled).toBe(raw.filter((r) => r.status === 'cancelled').length);
    const waits = raw.filter((r) => r.called_at).map((r) => Math.round((Date.parse(r.called_at!) - Date.parse(r.issued_at)) / 1000));
    expect(total.waited).toBe(waits.length);
    expect(total.meanWaitMinutes).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length / 60, 1);
    const histogram = new Array<number>(BUCKET_COUNT).fill(0);
    for (const w of waits) histogram[bucketOf(w)]! += 1;
    expect(total.medianWait).toEqual(percentileOf(histogram, 0.5));
    expect(total.p90Wait).toEqual(percentileOf(histogram, 0.9));
    // The exact median of the raw waits lies in the bucket reported.
    const sorted = [...waits].sort((a, b) => a - b);
    const exactMedian = sorted[Math.ceil(0.5 * sorted.length) - 1]! / 60;
    expect(exactMedian).toBeGreaterThanOrEqual(total.medianWait!.low);
    if (total.medianWait!.high !== null) expect(exactMedian).toBeLessThan(total.medianWait!.high);
    const within = raw.filter((r) => r.called_at && Math.round((Date.parse(r.called_at) - Date.parse(r.issued_at)) / 1000) <= r.target_wait_minutes * 60).length;
    expect(total.withinTargetShare).toBeCloseTo(within / waits.length, 10);
    // Each language's row is that language's direct count.
    for (const row of result.rows) expect(row.tickets.tickets).toBe(raw.filter((r) => r.language === row.key).length);
    expect(result.rows.reduce((s, r) => s + r.tickets.tickets, 0)).toBe(raw.length);

    // Visits: people served and multi-desk visits.
    const rawVisits = await t.ctx.db.selectFrom('visit').select(['id']).where('centre_id', '=', lisboa).where('local_date', '>=', from).where('local_date', '<=', to).execute();
    expect(result.total.visits!.visits).toBe(rawVisits.length);
    const statuses = await t.ctx.db.selectFrom('ticket').select(['visit_id', 'status']).where('centre_id', '=', lisboa).where('local_date', '>=', from).where('local_date', '<=', to).execute();
    const perVisit = new Map<string, string[]>();
    for (const s of statuses) perVisit.set(s.visit_id, [...(perVisit.get(s.visit_id) ?? []), s.status]);
    expect(result.total.visits!.peopleServed).toBe([...perVisit.values()].filter((l) => l.includes('done')).length);
    expect(result.total.visits!.multiDeskVisits).toBe([...perVisit.values()].filter((l) => l.filter((s) => s !== 'transferred').length >= 2).length);

    // Nationality breakdown counts declared countries, the rest as unknown.
    const byNationality = await statistics(t.ctx, { from, to, centreId: lisboa, by: 'nationality', lang: 'en' });
    const brazil = byNationality.rows.find((r) => r.key === 'BR')!;
    expect(brazil.label).toBe('Brazil');
    expect(brazil.tickets.tickets).toBe(raw.filter((r) => r.declared_country === 'BR').length);
    expect(byNationality.rows.find((r) => r.key === 'unknown')!.tickets.tickets).toBe(raw.filter((r) => r.declared_country === null).length);

    // A network-wide question spans both centres; months and loose days add up the same.
    const network = await statistics(t.ctx, { from: '2026-11-01', to: '2026-11-22', by: 'centre', lang: 'en', compare: true });
    const all = await t.ctx.db.selectFrom('ticket').select('id').where('local_date', '>=', '2026-11-01').where('local_date', '<=', '2026-11-22').execute();
    expect(network.total.tickets.tickets).toBe(all.length);
    expect(network.rows.map((r) => r.key).sort()).toEqual([lisboa, porto].sort());
    expect(network.previous).toMatchObject({ from: '2026-10-10', to: '2026-10-31' });
    const byMonth = await statistics(t.ctx, { from: '2026-11-01', to: '2026-11-30', by: 'month', lang: 'en' });
    expect(byMonth.rows).toHaveLength(1);
    expect(byMonth.rows[0]!.tickets.tickets).toBe(all.length);

    // Survey answers of the generated past are near the IOM evaluation (each within its 95% interval).
    const survey = await surveyResults(t.ctx, { from: '2026-11-02', to: '2026-11-22' }, 'en');
    expect(survey.responses).toBeGreaterThan(30);
    for (const [code, share] of Object.entries(IOM_POSITIVE_SHARE)) {
      const q = survey.questions.find((x) => x.code === code)!;
      expect(q.positive.ci95!.low).toBeLessThanOrEqual(share);
      expect(q.positive.ci95!.high).toBeGreaterThanOrEqual(share);
    }

    // The cells the generator wrote are exactly what a rebuild from its raw rows computes.
    const generated = await allCells(t);
    await rebuildAll(t.ctx);
    expect(await allCells(t)).toEqual(generated);
  });
});
