import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../stats/periods.ts';
import { backtest, forecastWeek, MIN_ABANDONMENTS, slot, type HourCell } from './forecast.ts';
import { planWeek } from './plan.ts';

const MONDAY = '2026-03-02';
const cell = (serviceId: string, date: string, hour: number, tickets: number, extra: Partial<HourCell> = {}): HourCell => ({
  serviceId,
  date,
  hour,
  tickets,
  noShow: 0,
  waited: tickets,
  waitSumS: 0,
  handled: tickets,
  handleSumS: tickets * 600,
  ...extra,
});

/** `weeks` weeks before MONDAY, Monday–Friday 09:00–11:00, tickets from `count(age, weekday, hour)`. */
function history(weeks: number, count: (age: number, weekday: number, hour: number) => number, serviceId = 'a'): HourCell[] {
  const cells: HourCell[] = [];
  for (let age = weeks; age >= 1; age--) {
    for (let d = 0; d < 5; d++) {
      const date = addDays(MONDAY, -7 * age + d);
      for (const hour of [9, 10]) cells.push(cell(serviceId, date, hour, count(age, isoWeekday(date), hour)));
    }
  }
  return cells;
}

describe('forecasting a week of arrivals', () => {
  it('repeats a steady pattern exactly, per weekday and hour, and knows the hours the centre opens', () => {
    const f = forecastWeek(history(8, (_age, weekday, hour) => weekday * 10 + hour), ['a'], MONDAY);
    const a = f.services[0]!;
    expect(a.arrivals[slot(1, 9)]).toBeCloseTo(19, 10);
    expect(a.arrivals[slot(5, 10)]).toBeCloseTo(60, 10);
    expect(a.arrivals[slot(6, 9)]).toBe(0);
    expect(f.openSlots[slot(3, 10)]).toBe(true);
    expect(f.openSlots[slot(3, 11)]).toBe(false);
    expect(f.weeksOfHistory).toBe(8);
    expect(f.closedDays).toEqual([]);
  });

  it('weighs recent weeks more: with a half-life of one week, last week counts twice the week before', () => {
    // Last week 20 an hour, every week before 10.
    const cells = history(2, (age) => (age === 1 ? 20 : 10));
    const f = forecastWeek(cells, ['a'], MONDAY, { halfLifeWeeks: 1 });
    expect(f.services[0]!.arrivals[slot(2, 9)]).toBeCloseTo((2 * 20 + 1 * 10) / 3, 10);
    // A longer half-life moves towards the plain mean, never past it.
    const slow = forecastWeek(cells, ['a'], MONDAY, { halfLifeWeeks: 100 }).services[0]!.arrivals[slot(2, 9)]!;
    expect(slow).toBeGreaterThan(15);
    expect(slow).toBeLessThan((2 * 20 + 10) / 3);
  });

  it('leaves out a closed day (a holiday) instead of forecasting fewer clients, but keeps a quiet hour of one service', () => {
    const holiday = addDays(MONDAY, -14); // a Monday
    const cells = history(8, () => 12).filter((c) => c.date !== holiday);
    // Another service had nobody on Monday 09:00 three weeks ago: a real zero, kept.
    const other = history(8, () => 4, 'b').map((c) => (c.date === addDays(MONDAY, -21) && c.hour === 9 ? { ...c, tickets: 0 } : c));
    const f = forecastWeek([...cells, ...other.filter((c) => c.date !== holiday)], ['a', 'b'], MONDAY, { halfLifeWeeks: 1e9 });
    expect(f.closedDays).toEqual([holiday]);
    expect(f.services[0]!.arrivals[slot(1, 9)]).toBeCloseTo(12, 9);
    expect(f.services[1]!.arrivals[slot(1, 9)]).toBeCloseTo((4 * 6) / 7, 6);
    // Saturdays are not closures: that weekday is never open.
    expect(f.closedDays.some((d) => isoWeekday(d) === 6)).toBe(false);
  });

  it('does not take the days before the history began for closures', () => {
    const f = forecastWeek(history(3, () => 5), ['a'], MONDAY);
    expect(f.closedDays).toEqual([]);
    expect(f.weeksOfHistory).toBe(3);
    expect(f.services[0]!.arrivals[slot(4, 10)]).toBeCloseTo(5, 10);
  });

  it('handling time is the mean of served tickets; patience is waiting time per abandonment, known from enough no-shows', () => {
    const cells = history(4, () => 10).map((c) => ({ ...c, handleSumS: c.handled * 900, noShow: 1, waitSumS: 3600 }));
    const f = forecastWeek(cells, ['a', 'never'], MONDAY).services;
    expect(f[0]!.meanHandlingSeconds).toBeCloseTo(900, 10);
    // 40 cells, each one abandonment and an hour of waiting between its clients.
    expect(f[0]!.abandonments).toBe(40);
    expect(f[0]!.patienceSeconds).toBeCloseTo(3600, 10);
    expect(f[1]).toMatchObject({ meanHandlingSeconds: null, patienceSeconds: null, handled: 0 });
    const few = forecastWeek(history(1, () => 10).map((c) => ({ ...c, noShow: c.hour === 9 ? 1 : 0, waitSumS: 100 })), ['a'], MONDAY).services[0]!;
    expect(few.abandonments).toBeLessThan(MIN_ABANDONMENTS);
    expect(few.patienceSeconds).toBeNull();
  });

  it('recovers the patience of simulated walk-outs, apart from clients who miss their call whatever the wait', () => {
    // Each hour clients wait for a call after an exponential time (mean from 1 to 60 minutes) and
    // leave after an exponential patience (mean 30 min), whichever comes first; 3% more are not
    // there when called, however short the wait. Seeded.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
    const exp = (mean: number) => -mean * Math.log(random());
    const cells: HourCell[] = [];
    for (let day = 0; day < 20; day++) {
      for (let hour = 8; hour < 18; hour++) {
        const meanCall = 60 * (1 + ((day * 10 + hour) % 60));
        let noShow = 0;
        let waitSumS = 0;
        for (let i = 0; i < 200; i++) {
          const call = exp(meanCall);
          const leave = exp(1800);
          waitSumS += Math.min(call, leave);
          if (leave < call || random() < 0.03) noShow++;
        }
        cells.push(cell('a', addDays(MONDAY, -28 + day), hour, 200, { waited: 200, noShow, waitSumS }));
      }
    }
    const f = forecastWeek(cells, ['a'], MONDAY).services[0]!;
    // Within 15%: a client who already left cannot also miss the call, so the baseline is not quite
    // a fixed share of every hour, which the linear fit assumes.
    expect(f.patienceSeconds! / 1800).toBeGreaterThan(0.85);
    expect(f.patienceSeconds! / 1800).toBeLessThan(1.15);
    // The baseline comes out high (about 5%): an hour whose clients happened to leave more also
    // happened to wait less in total, which a least-squares fit on realised waits reads as baseline.
    expect(f.baselineNoShowShare).toBeGreaterThan(0.02);
    expect(f.baselineNoShowShare).toBeLessThan(0.07);
  });
});

describe('backtest', () => {
  it('is zero on a steady past and measures WAPE week by week, each week forecast only from the weeks before it', () => {
    const steady = backtest(history(16, () => 10), ['a'], MONDAY);
    expect(steady.metric).toBe('wape');
    expect(steady.weeks).toHaveLength(8);
    expect(steady.wape).toBeCloseTo(0, 12);

    // A jump to 20 an hour four weeks ago: the week of the jump was forecast 10 (error 50%), later
    // weeks partly catch up; nothing before the jump is wrong.
    const jump = backtest(history(16, (age) => (age <= 4 ? 20 : 10)), ['a'], MONDAY, { halfLifeWeeks: 1e9 });
    const byWeek = Object.fromEntries(jump.weeks.map((w) => [w.weekStart, w.wape]));
    expect(byWeek[addDays(MONDAY, -35)]).toBeCloseTo(0, 12);
    expect(byWeek[addDays(MONDAY, -28)]).toBeCloseTo(0.5, 6);
    // Three weeks ago, the window holds one week of 20 and seven of 10: forecast 11.25.
    expect(byWeek[addDays(MONDAY, -21)]).toBeCloseTo(8.75 / 20, 6);
    expect(jump.wape).toBeGreaterThan(0);
    expect(jump.byService[0]!.serviceId).toBe('a');
  });

  it('skips weeks with no history before them, and says null where nothing happened', () => {
    const b = backtest(history(2, () => 3), ['a'], MONDAY);
    expect(b.weeks.map((w) => w.weekStart)).toEqual([addDays(MONDAY, -7)]);
    expect(backtest([], ['a'], MONDAY)).toMatchObject({ wape: null, weeks: [] });
  });
});

describe('the week plan', () => {
  const target = { kind: 'service-level', level: 0.8, withinSeconds: 1200 } as const;
  const f = forecastWeek(history(8, (_a, _w, hour) => (hour === 9 ? 14 : 4)).map((c) => ({ ...c, handleSumS: c.handled * 1200 })), ['a'], MONDAY);

  it('recommends by Erlang C without patience and shows the rostered outlook', () => {
    const [plan] = planWeek(f, [{ id: 'a', rostered: 5, expectedMinutes: 20 }], target);
    expect(plan!.patienceSeconds).toBeNull();
    expect(plan!.hours).toHaveLength(10);
    const nine = plan!.hours.find((h) => h.weekday === 1 && h.hour === 9)!;
    // 14 an hour at 20 minutes, 80% within 20 minutes: 6 counters by Erlang C (staffing.test.ts).
    expect(nine).toMatchObject({ arrivals: expect.closeTo(14, 9), erlangC: 6, erlangA: null, recommended: 6, rostered: 5 });
    expect(nine.atRostered.meetsTarget).toBe(false);
    expect(nine.atRecommended.meetsTarget).toBe(true);
    expect(nine.atRecommended.occupancy).toBeCloseTo(14 / 3 / 6, 9);
  });

  it('what if: a counter more at one hour, an hour earlier, appointments', () => {
    const service = [{ id: 'a', rostered: 5, expectedMinutes: 20 }];
    const more = planWeek(f, service, target, { adjust: [{ serviceId: 'a', weekday: 1, hour: 9, delta: 1 }] })[0]!;
    expect(more.hours.find((h) => h.weekday === 1 && h.hour === 9)!.atRostered).toMatchObject({ counters: 6, meetsTarget: true });
    expect(more.hours.find((h) => h.weekday === 2 && h.hour === 9)!.rostered).toBe(5);

    const earlier = planWeek(f, service, target, { openEarlier: true })[0]!;
    const monday = earlier.hours.filter((h) => h.weekday === 1);
    expect(monday.map((h) => h.hour)).toEqual([8, 9, 10]);
    expect(monday[0]!).toMatchObject({ added: true, arrivals: expect.closeTo(7, 9) });
    expect(monday[1]!.arrivals).toBeCloseTo(7, 9);
    expect(monday[1]!.recommended).toBeLessThan(6);
    expect(monday[1]!.atRostered.meanWaitSeconds!).toBeLessThan(planWeek(f, service, target)[0]!.hours[0]!.atRostered.meanWaitSeconds!);

    // Half the clients booked: the walk-in queue shrinks, the booked time stays on the counters.
    const booked = planWeek(f, service, target, { appointmentShare: 0.5 })[0]!.hours.find((h) => h.weekday === 1 && h.hour === 9)!;
    expect(booked.walkIns).toBeCloseTo(7, 9);
    expect(booked.appointmentLoad).toBeCloseTo(7 / 3, 9);
    expect(booked.recommended).toBeLessThanOrEqual(6);
    expect(booked.recommended).toBeGreaterThanOrEqual(Math.ceil(14 / 3));
    expect(booked.atRecommended.occupancy).toBeCloseTo(14 / 3 / booked.recommended, 9);
    expect(() => planWeek(f, service, target, { appointmentShare: 1 })).toThrow(RangeError);
  });

  it('counts appointments already booked as known demand', () => {
    const service = [{ id: 'a', rostered: 5, expectedMinutes: 20 }];
    const week = new Float64Array(7 * 24);
    week[9] = 3; // Monday 09:00: 3 booked, fewer than the 14 forecast
    week[10] = 9; // Monday 10:00: 9 booked, more than the 4 forecast
    const plan = planWeek(f, service, target, {}, [], new Map([['a', week]]))[0]!;
    const at = (hour: number) => plan.hours.find((h) => h.weekday === 1 && h.hour === hour)!;
    // Fewer booked than forecast: the clients stay those forecast; 3 of them come booked.
    expect(at(9)).toMatchObject({ booked: 3, arrivals: expect.closeTo(14, 9), walkIns: expect.closeTo(11, 9), appointmentLoad: expect.closeTo(1, 9) });
    // More booked than forecast: at least the booked come, all of them by appointment.
    expect(at(10)).toMatchObject({ booked: 9, arrivals: 9, walkIns: 0, appointmentLoad: expect.closeTo(3, 9) });
    expect(plan.hours.find((h) => h.weekday === 2 && h.hour === 10)).toMatchObject({ booked: 0, arrivals: expect.closeTo(4, 9) });
    // A share of appointments and the bookings: the larger of the two is booked time.
    const shared = planWeek(f, service, target, { appointmentShare: 0.5 }, [], new Map([['a', week]]))[0]!;
    expect(shared.hours.find((h) => h.weekday === 1 && h.hour === 9)!.walkIns).toBeCloseTo(7, 9);
    expect(shared.hours.find((h) => h.weekday === 1 && h.hour === 10)!.walkIns).toBe(0);
  });

  it('an unstaffed busy hour is said to be unstable, not NaN', () => {
    const nine = planWeek(f, [{ id: 'a', rostered: 0, expectedMinutes: 20 }], target)[0]!.hours[0]!;
    expect(nine.atRostered).toMatchObject({ stable: false, meanWaitSeconds: null, meetsTarget: false });
  });
});
