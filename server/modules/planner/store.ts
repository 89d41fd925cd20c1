/** SQL for the planner: the statistics' hour cells of one centre, and its services with their counters. */
import type { Kysely } from 'kysely';
import type { HourCell } from '../../../core/planner/forecast.ts';
import type { Database } from '../../db/schema.ts';
import { isoWeekday } from '../../../core/stats/periods.ts';

type Db = Kysely<Database>;

/**
 * Hour cells (dim 'all') of a centre for the local days [from, to]: one indexed range read on
 * (grain, dim, period) narrowed to the centre. Periods are 'YYYY-MM-DDTHH' in the centre's calendar.
 */
export async function hourCells(db: Db, centreId: string, from: string, to: string): Promise<HourCell[]> {
  const rows = await db
    .selectFrom('stats_ticket_cell')
    .select(['service_id', 'period', 'tickets', 'no_show', 'waited', 'wait_sum_s', 'handled', 'handle_sum_s'])
    .where('grain', '=', 'hour')
    .where('dim', '=', 'all')
    .where('period', '>=', `${from}T00`)
    .where('period', '<=', `${to}T23`)
    .where('centre_id', '=', centreId)
    .execute();
  return rows.map((r) => ({
    serviceId: r.service_id,
    date: r.period.slice(0, 10),
    hour: Number(r.period.slice(11, 13)),
    tickets: Number(r.tickets),
    noShow: Number(r.no_show),
    waited: Number(r.waited),
    waitSumS: Number(r.wait_sum_s),
    handled: Number(r.handled),
    handleSumS: Number(r.handle_sum_s),
  }));
}

export interface PlannedService {
  id: string;
  code: string;
  name: string; // JSON { locale: text }
  partnerId: string;
  expectedMinutes: number;
  /** Active counters assigned to the service. */
  counters: number;
  /** Of those, counters that also serve another service. */
  sharedCounters: number;
}

/** The active services of a centre with the active counters assigned to each (counter_service). */
export async function servicesWithCounters(db: Db, centreId: string): Promise<PlannedService[]> {
  const services = await db
    .selectFrom('service')
    .innerJoin('desk', 'desk.id', 'service.desk_id')
    .select(['service.id', 'service.code', 'service.name', 'service.expected_minutes', 'desk.partner_id'])
    .where('service.centre_id', '=', centreId)
    .where('service.active', '=', 1)
    .orderBy('service.code')
    .execute();
  const links = await db
    .selectFrom('counter_service')
    .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
    .select(['counter_service.counter_id', 'counter_service.service_id'])
    .where('counter.centre_id', '=', centreId)
    .where('counter.active', '=', 1)
    .execute();
  const servicesPerCounter = new Map<string, number>();
  for (const l of links) servicesPerCounter.set(l.counter_id, (servicesPerCounter.get(l.counter_id) ?? 0) + 1);
  return services.map((s) => {
    const mine = links.filter((l) => l.service_id === s.id);
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      partnerId: s.partner_id,
      expectedMinutes: s.expected_minutes,
      counters: mine.length,
      sharedCounters: mine.filter((l) => servicesPerCounter.get(l.counter_id)! > 1).length,
    };
  });
}

/** The centre's active counters, each with the active services it serves. */
export async function countersWithServices(db: Db, centreId: string): Promise<{ id: string; serviceIds: string[] }[]> {
  const rows = await db
    .selectFrom('counter')
    .innerJoin('counter_service', 'counter_service.counter_id', 'counter.id')
    .innerJoin('service', 'service.id', 'counter_service.service_id')
    .select(['counter.id', 'counter_service.service_id'])
    .where('counter.centre_id', '=', centreId)
    .where('counter.active', '=', 1)
    .where('service.active', '=', 1)
    .orderBy('counter.number')
    .orderBy('counter_service.service_id')
    .execute();
  const counters = new Map<string, string[]>();
  for (const r of rows) counters.set(r.id, [...(counters.get(r.id) ?? []), r.service_id]);
  return [...counters].map(([id, serviceIds]) => ({ id, serviceIds }));
}

/** Appointments booked (not cancelled) at a centre for the local days [from, to], per service: 7 × 24 counts by ISO weekday and hour. */
export async function bookedPerHour(db: Db, centreId: string, from: string, to: string): Promise<Map<string, Float64Array>> {
  const rows = await db
    .selectFrom('appointment')
    .innerJoin('appointment_slot', 'appointment_slot.id', 'appointment.slot_id')
    .select(['appointment.service_id', 'appointment.local_date', 'appointment_slot.local_time'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('appointment.centre_id', '=', centreId)
    .where('appointment.local_date', '>=', from)
    .where('appointment.local_date', '<=', to)
    .where('appointment.status', '!=', 'cancelled')
    .groupBy(['appointment.service_id', 'appointment.local_date', 'appointment_slot.local_time'])
    .execute();
  const out = new Map<string, Float64Array>();
  for (const r of rows) {
    let week = out.get(r.service_id);
    if (!week) out.set(r.service_id, (week = new Float64Array(7 * 24)));
    week[(isoWeekday(r.local_date) - 1) * 24 + Number(r.local_time.slice(0, 2))]! += Number(r.n);
  }
  return out;
}

export async function centreOf(db: Db, centreId: string): Promise<{ id: string; name: string; opening_hours: string } | undefined> {
  return db.selectFrom('centre').select(['id', 'name', 'opening_hours']).where('id', '=', centreId).executeTakeFirst();
}

export async function activeCentres(db: Db): Promise<{ id: string; code: string; name: string }[]> {
  return db.selectFrom('centre').select(['id', 'code', 'name']).where('active', '=', 1).orderBy('code').execute();
}
