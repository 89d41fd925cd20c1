import { localTime } from '../../../core/opening-hours.ts';
import { can } from '../../access/policy.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import * as network from '../network/store.ts';
import { centreSnapshot } from '../visits/queues.ts';
import { statistics } from '../stats/service.ts';
import type { TodayFigures } from '../../../core/today.ts';

export type { TodayFigures };

const DEFAULT_TIME_ZONE = 'Europe/Lisbon';

function previousDate(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function todayFor(ctx: AppContext, actor: StaffActor): Promise<TodayFigures> {
  const result: TodayFigures = { centre: null, myQueues: null, dataProtection: null, yesterday: null };
  const centreId = actor.centreId;

  if (centreId && can(actor, 'floor.manage', { centreId })) {
    const [snapshot, centreRow] = await Promise.all([centreSnapshot(ctx, centreId), network.findCentre(ctx.db, centreId)]);
    const services = (await network.listServices(ctx.db, centreId)).map(network.toService);
    const target = new Map(services.map((s) => [s.id, s.targetWaitMinutes]));
    result.centre = {
      centreId,
      centreName: centreRow?.name ?? '',
      waiting: snapshot.queues.reduce((n, q) => n + q.waiting, 0),
      longestWaitMinutes: Math.max(0, ...snapshot.queues.map((q) => q.longestWaitMinutes)),
      servedToday: snapshot.queues.reduce((n, q) => n + q.servedToday, 0),
      countersStaffed: snapshot.counters.filter((c) => c.open).length,
      countersActive: snapshot.counters.filter((c) => c.active).length,
      queuesPastTarget: snapshot.queues.filter((q) => q.waiting > 0 && q.longestWaitMinutes > (target.get(q.serviceId) ?? Infinity)).length,
    };
  } else if (centreId && can(actor, 'queue.read', { centreId })) {
    const services = (await network.listServices(ctx.db, centreId)).map(network.toService);
    const mine = new Set(services.filter((s) => s.active && can(actor, 'counter.operate', { centreId, partnerIds: [s.partnerId] })).map((s) => s.id));
    if (mine.size > 0) {
      const snapshot = await centreSnapshot(ctx, centreId);
      const queues = snapshot.queues.filter((q) => mine.has(q.serviceId));
      result.myQueues = {
        waiting: queues.reduce((n, q) => n + q.waiting, 0),
        longestWaitMinutes: Math.max(0, ...queues.map((q) => q.longestWaitMinutes)),
        servedToday: queues.reduce((n, q) => n + q.servedToday, 0),
        queues: queues.map((q) => ({ serviceId: q.serviceId, ticketPrefix: q.ticketPrefix, name: q.name, waiting: q.waiting, longestWaitMinutes: q.longestWaitMinutes })),
      };
    }
  }

  if (can(actor, 'audit.read')) {
    const timeZone = (await network.listCentres(ctx.db))[0]?.time_zone ?? DEFAULT_TIME_ZONE;
    const today = localTime(ctx.now(), timeZone).date;
    // The log's times are UTC; a day's window a little wider than any time zone's day is close enough for a glance.
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 14 * 3600_000).toISOString();
    const rows = await ctx.db.selectFrom('audit_entry').select(['action', 'outcome']).select((eb) => eb.fn.countAll().as('n')).where('at', '>=', from).groupBy(['action', 'outcome']).execute();
    const count = (test: (r: { action: string; outcome: string }) => boolean) => rows.filter(test).reduce((n, r) => n + Number(r.n), 0);
    result.dataProtection = {
      reads: count((r) => r.action === 'read' && r.outcome !== 'denied'),
      exports: count((r) => r.action === 'export' && r.outcome !== 'denied'),
      erasures: count((r) => r.action === 'erase' && r.outcome !== 'denied'),
      refusals: count((r) => r.action === 'deny' || r.outcome === 'denied'),
    };
  }

  if (can(actor, 'stats.read')) {
    const timeZone = (await network.listCentres(ctx.db))[0]?.time_zone ?? DEFAULT_TIME_ZONE;
    const date = previousDate(localTime(ctx.now(), timeZone).date);
    const stats = await statistics(ctx, { from: date, to: date, by: 'total', lang: 'en' });
    const t = stats.total.tickets;
    result.yesterday = { date, tickets: t.tickets, served: t.served, meanWaitMinutes: t.meanWaitMinutes, withinTargetShare: t.withinTargetShare };
  }
  return result;
}
