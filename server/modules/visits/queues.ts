import { localTime } from '../../../core/opening-hours.ts';
import { DEFAULT_ORDERING_RULES, orderForCalling, type WaitingTicket } from '../../../core/queue/ordering.ts';
import { estimateWait, meanHandlingMinutes, minutesPerCall, waitAhead, type QueueObservation } from '../../../core/queue/wait-estimate.ts';
import { shownWaitRange } from './wait-accuracy.ts';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import * as network from '../network/store.ts';
import * as store from './store.ts';
import { childrenCountByVisit } from '../childrens-room/service.ts';

const RECENT_SAMPLES = 10;

export interface QueueSummary {
  serviceId: string;
  ticketPrefix: string;
  name: Record<string, string>;
  waiting: number;
  longestWaitMinutes: number;
  expectedWaitMinutes: number;
  /** What clients are shown: the range the measured error puts around the estimate, in minutes. */
  expectedWaitRange: [number, number];
  meanHandlingMinutes: number;
  /** Minutes a counter is taken per call today (core/queue/wait-estimate.ts minutesPerCall). */
  minutesPerCall: number;
  openCounters: number;
  /**
   * Counters the estimate divides by: the open ones, or — before any is staffed (the morning) —
   * the active counters that serve this queue, at whose pace it will move once they open.
   */
  estimateCounters: number;
  /** Open counters of this queue with nobody at them. */
  freeCounters: number;
  servedToday: number;
}

export interface CounterState {
  counterId: string;
  number: number;
  serviceIds: string[];
  /** The manager's switch: a closed counter cannot be taken. */
  active: boolean;
  /** Someone is working at it now. */
  open: boolean;
  staffedBy: string | null;
  staffedById: string | null;
  current: (store.Ticket & { childrenInRoom: number; clientName: string | null; priorityReason: string | null; personId: string | null; route: string[] }) | null;
}

export interface CentreSnapshot {
  centreId: string;
  localDate: string;
  queues: QueueSummary[];
  counters: CounterState[];
  waiting: (store.Ticket & { waitedMinutes: number; clientName: string | null; childrenInRoom: number; priorityReason: string | null })[];
  /** Tickets put aside at a counter (the client fetches a document…), to be resumed there. */
  parked: (store.Ticket & { clientName: string | null })[];
  recentCalls: { ticketId: string; number: string; counterNumber: number; language: string; calledAt: string; calling: boolean }[];
}

/** Waiting tickets in the order counters will call them, so positions and estimates match what happens. */
function callOrder(waiting: store.TicketRow[], now: number): store.TicketRow[] {
  const byId = new Map(waiting.map((t) => [t.id, t]));
  const order = orderForCalling(
    waiting.map((t) => ({ id: t.id, priority: t.priority as WaitingTicket['priority'], queuedAt: Date.parse(t.queued_at), appointmentAt: t.appointment_at ? Date.parse(t.appointment_at) : null, language: t.language })),
    DEFAULT_ORDERING_RULES,
    now,
  );
  return order.map((w) => byId.get(w.id)!);
}

const minutesBetween = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 60000));

/** Everything the live floor, counters and boards show about a centre today, from one read of its tickets. */
export async function centreSnapshot(ctx: AppContext, centreId: string): Promise<CentreSnapshot> {
  const centreRow = await network.findCentre(ctx.db, centreId);
  if (!centreRow) throw notFound('centre_not_found');
  const centre = network.toCentre(centreRow);
  const now = ctx.now();
  const localDate = localTime(now, centre.timeZone).date;
  const [services, counterRows, tickets, visits] = await Promise.all([
    network.listServices(ctx.db, centreId).then((r) => r.map(network.toService)),
    network.listCounterRows(ctx.db, centreId),
    store.ticketsOfDay(ctx.db, centreId, localDate),
    ctx.db.selectFrom('visit').select(['id', 'client_name', 'priority_reason', 'person_id', 'route']).where('centre_id', '=', centreId).where('local_date', '=', localDate).execute(),
  ]);
  const names = new Map(visits.map((v) => [v.id, v.client_name]));
  const reasons = new Map(visits.map((v) => [v.id, v.priority_reason]));
  const personOf = new Map(visits.map((v) => [v.id, v.person_id]));
  const routeOf = new Map(visits.map((v) => [v.id, v.route]));
  const children = await childrenCountByVisit(ctx, centreId);
  const counterServices = await network.counterServiceIds(ctx.db, counterRows.map((c) => c.id));
  const sessions = await store.openSessionsAt(ctx.db, counterRows.map((c) => c.id));
  const staff = sessions.length
    ? await ctx.db.selectFrom('staff_user').select(['id', 'display_name']).where('id', 'in', sessions.map((s) => s.user_id)).execute()
    : [];
  const staffName = new Map(staff.map((s) => [s.id, s.display_name]));
  const sessionOf = new Map(sessions.map((s) => [s.counter_id, s]));

  const counters: CounterState[] = counterRows.map((c) => {
    const session = sessionOf.get(c.id);
    const current = tickets.find((t) => t.counter_id === c.id && (t.status === 'called' || t.status === 'serving'));
    return {
      counterId: c.id,
      number: c.number,
      serviceIds: counterServices.get(c.id) ?? [],
      active: c.active === 1,
      open: Boolean(session),
      staffedBy: session ? (staffName.get(session.user_id) ?? null) : null,
      staffedById: session?.user_id ?? null,
      current: current
        ? {
            ...store.toTicket(current),
            childrenInRoom: children.get(current.visit_id) ?? 0,
            clientName: names.get(current.visit_id) ?? null,
            priorityReason: reasons.get(current.visit_id) ?? null,
            // The casefile the sorting office linked to this visit, if any.
            personId: personOf.get(current.visit_id) ?? null,
            // The desks still ahead of this visit after this one, so the counter can show and change them.
            route: JSON.parse(routeOf.get(current.visit_id) ?? '[]') as string[],
          }
        : null,
    };
  });

  const t = now.getTime();
  const queues: QueueSummary[] = services
    .filter((s) => s.active)
    .map((s) => {
      const mine = tickets.filter((x) => x.service_id === s.id);
      const waiting = mine.filter((x) => x.status === 'waiting');
      const recent = mine
        .filter((x) => x.status === 'done' && x.started_at && x.finished_at)
        .sort((a, b) => (a.finished_at! < b.finished_at! ? 1 : -1))
        .slice(0, RECENT_SAMPLES)
        .map((x) => (Date.parse(x.finished_at!) - Date.parse(x.started_at!)) / 60000);
      const openCounters = sessions.filter((ses) => (JSON.parse(ses.service_ids) as string[]).includes(s.id)).length;
      // The estimate clients see (measured by core/queue/wait-replay.ts): counter time per call over
      // today's last calls, free counters taking the first clients at once.
      const observation: QueueObservation = {
        now: t / 60000,
        expectedMinutes: s.expectedMinutes,
        openCounters,
        busySince: mine.filter((x) => (x.status === 'called' || x.status === 'serving') && x.called_at).map((x) => Date.parse(x.called_at!) / 60000),
        recent: mine
          .filter((x) => x.called_at && x.finished_at && x.status !== 'waiting')
          .sort((a, b) => (a.finished_at! < b.finished_at! ? 1 : -1))
          .slice(0, 120)
          .map((x) => ({ calledAt: Date.parse(x.called_at!) / 60000, startedAt: x.started_at ? Date.parse(x.started_at) / 60000 : null, finishedAt: Date.parse(x.finished_at!) / 60000, done: x.status === 'done' })),
      };
      const serving = counterRows.filter((c) => c.active === 1 && (counterServices.get(c.id) ?? []).includes(s.id)).length;
      const estimateCounters = openCounters > 0 ? openCounters : Math.max(1, serving);
      // Nobody calls before a counter is staffed: no counter counts as free until then.
      const freeCounters = openCounters > 0 ? Math.max(0, openCounters - observation.busySince.length) : 0;
      // The next client to join waits behind everyone now waiting.
      const expected = openCounters > 0 ? estimateWait(waiting.length, observation) : waitAhead(waiting.length, minutesPerCall(observation), estimateCounters, 0);
      return {
        serviceId: s.id,
        ticketPrefix: s.ticketPrefix,
        name: s.name,
        waiting: waiting.length,
        longestWaitMinutes: waiting.reduce((m, x) => Math.max(m, minutesBetween(x.queued_at, t)), 0),
        expectedWaitMinutes: Math.round(expected),
        expectedWaitRange: shownWaitRange(expected),
        meanHandlingMinutes: meanHandlingMinutes({ recentHandlingMinutes: recent, expectedMinutes: s.expectedMinutes, openCounters }),
        minutesPerCall: Math.round(minutesPerCall(observation) * 10) / 10,
        openCounters,
        estimateCounters,
        freeCounters,
        servedToday: mine.filter((x) => x.status === 'done').length,
      };
    });

  const waiting = services.flatMap((s) => callOrder(tickets.filter((x) => x.service_id === s.id && x.status === 'waiting'), t));
  const counterNumber = new Map(counterRows.map((c) => [c.id, c.number]));
  const recentCalls = tickets
    .filter((x) => x.called_at && x.counter_id)
    .sort((a, b) => (a.called_at! < b.called_at! ? 1 : -1))
    .slice(0, 10)
    .map((x) => ({ ticketId: x.id, number: x.number, counterNumber: counterNumber.get(x.counter_id!) ?? 0, language: x.language, calledAt: x.called_at!, calling: x.status === 'called' }));

  return {
    centreId,
    localDate,
    queues,
    counters,
    waiting: waiting.map((x) => ({
      ...store.toTicket(x),
      waitedMinutes: minutesBetween(x.queued_at, t),
      clientName: names.get(x.visit_id) ?? null,
      childrenInRoom: children.get(x.visit_id) ?? 0,
      priorityReason: reasons.get(x.visit_id) ?? null,
    })),
    parked: tickets.filter((x) => x.status === 'parked').map((x) => ({ ...store.toTicket(x), clientName: names.get(x.visit_id) ?? null })),
    recentCalls,
  };
}

export interface PhoneView {
  centre: { name: string; timeZone: string };
  language: string;
  tickets: { number: string; serviceName: Record<string, string>; status: string; counterNumber: number | null; issuedAt: string; calledAt: string | null; finishedAt: string | null }[];
  current: { number: string; status: string; position: number | null; expectedWaitMinutes: number | null; expectedWaitRange: [number, number] | null; counterNumber: number | null } | null;
}

/** What the phone page shows for a visit: no names, no documents — numbers, places and waits only. */
/**
 * The visit behind a phone link, while the link lives: through the visit's day in the centre's
 * time zone. After it the link answers 410 (ticket_link_expired): a QR code photographed or
 * shared must not show a centre's queue, or that visit's comings and goings, for ever — and the
 * next day's queue is not the one the ticket was in.
 */
export async function visitByLiveToken(ctx: AppContext, token: string) {
  const visit = await store.findVisitByToken(ctx.db, token);
  if (!visit) throw notFound('ticket_link_invalid');
  const centre = await network.findCentre(ctx.db, visit.centre_id);
  // The visit's language goes with the refusal: the page saying the link has ended is in it.
  if (!centre || localTime(ctx.now(), centre.time_zone).date > visit.local_date) throw new AppError(410, 'ticket_link_expired', { language: visit.language });
  return visit;
}

export async function phoneView(ctx: AppContext, token: string): Promise<PhoneView> {
  const visit = await visitByLiveToken(ctx, token);
  const snapshot = await centreSnapshot(ctx, visit.centre_id);
  const centre = (await network.findCentre(ctx.db, visit.centre_id))!;
  const tickets = await store.ticketsOfVisit(ctx.db, visit.id);
  const services = new Map((await network.listServices(ctx.db, visit.centre_id)).map((s) => [s.id, network.toService(s)]));
  const counterNumber = new Map(snapshot.counters.map((c) => [c.counterId, c.number]));
  const active = tickets.find((t) => ['waiting', 'called', 'serving', 'parked'].includes(t.status)) ?? null;
  let current: PhoneView['current'] = null;
  if (active) {
    const queue = snapshot.waiting.filter((w) => w.serviceId === active.service_id);
    const index = queue.findIndex((w) => w.id === active.id);
    const summary = snapshot.queues.find((q) => q.serviceId === active.service_id);
    const expected = index >= 0 && summary ? waitAhead(index, summary.minutesPerCall, summary.estimateCounters, summary.freeCounters) : null;
    current = {
      number: active.number,
      status: active.status,
      position: index >= 0 ? index + 1 : null,
      expectedWaitMinutes: expected == null ? null : Math.round(expected),
      expectedWaitRange: expected == null ? null : shownWaitRange(expected),
      counterNumber: active.counter_id ? (counterNumber.get(active.counter_id) ?? null) : null,
    };
  }
  return {
    centre: { name: centre.name, timeZone: centre.time_zone },
    language: visit.language,
    tickets: tickets.map((t) => ({
      number: t.number,
      serviceName: services.get(t.service_id)?.name ?? {},
      status: t.status,
      counterNumber: t.counter_id ? (counterNumber.get(t.counter_id) ?? null) : null,
      issuedAt: t.issued_at,
      calledAt: t.called_at,
      finishedAt: t.finished_at,
    })),
    current,
  };
}

/**
 * What a display board opened now shows straight away: today's last calls (numbers and counters, no
 * names), and the event id they are current to — read first, so a call made meanwhile comes through
 * the event stream instead of being lost.
 */
export async function recentCalls(ctx: AppContext, centreId: string): Promise<{ lastEventId: number; calls: CentreSnapshot['recentCalls']; notice: string | null }> {
  const row = await ctx.db.selectFrom('centre_event_counter').select('last_seq').where('centre_id', '=', centreId).executeTakeFirst();
  const snapshot = await centreSnapshot(ctx, centreId);
  const centre = await ctx.db.selectFrom('centre').select('board_notice').where('id', '=', centreId).executeTakeFirst();
  return { lastEventId: Number(row?.last_seq ?? 0), calls: snapshot.recentCalls, notice: centre?.board_notice ?? null };
}
