import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isCountryCode } from '../../../core/countries.ts';
import { isOpenAt, localTime } from '../../../core/opening-hours.ts';
import { formatTicketNumber } from '../../../core/queue/numbering.ts';
import { countsAsPriorityCall, DEFAULT_ORDERING_RULES, pickNextTicket, type OrderingRules, type WaitingTicket } from '../../../core/queue/ordering.ts';
import { AT_COUNTER, priorityClassOf, type PriorityReason } from '../../../core/queue/priority.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { lockCentre, recordEvent } from '../../realtime/events.ts';
import { newToken } from '../auth/tokens.ts';
import * as network from '../network/store.ts';
import * as store from './store.ts';
import { forgetTurnAlerts, queueTurnMessages } from '../turn-alerts/service.ts';

type Db = Kysely<Database>;

/** Runs a visit operation in one transaction, then tells the realtime bus the centre changed. */
async function inCentreTransaction<T>(ctx: AppContext, centreId: string, fn: (trx: Db) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction().execute(fn);
  ctx.bus?.committed(centreId);
  return result;
}

async function centreOf(db: Db, centreId: string) {
  const row = await network.findCentre(db, centreId);
  if (!row || row.active !== 1) throw notFound('centre_not_found');
  return network.toCentre(row);
}

async function serviceAt(db: Db, centreId: string, serviceId: string, field = 'serviceId') {
  const row = await network.findService(db, serviceId);
  if (!row) throw fieldError(field, 'unknown_service');
  if (row.centre_id !== centreId) throw fieldError(field, 'service_not_offered_here');
  if (row.active !== 1) throw fieldError(field, 'service_inactive');
  return network.toService(row);
}

/** The desks of a route: each offered here, and never the same desk twice in a row (one visit there serves both). */
async function checkRoute(db: Db, centreId: string, serviceIds: readonly string[], field: string) {
  if (serviceIds.some((id, i) => i > 0 && serviceIds[i - 1] === id)) throw fieldError(field, 'route_repeats');
  for (const id of serviceIds) await serviceAt(db, centreId, id, field);
}

export interface IssueInput {
  centreId: string;
  serviceId?: string | undefined;
  topic?: string | undefined;
  language: string;
  priorityReason?: PriorityReason | null | undefined;
  appointmentAt?: string | null | undefined;
  clientName?: string | null | undefined;
  needsMediator?: boolean | undefined;
  /** For statistics only, when the client chose to say it. */
  declaredCountry?: string | null | undefined;
  channel: 'pre_sorting' | 'kiosk' | 'walk_in';
  idempotencyKey?: string | undefined;
  createdBy: string;
}

export interface IssuedTicket {
  ticket: store.Ticket;
  service: { id: string; ticketPrefix: string; name: Record<string, string> };
  visit: { id: string; publicToken: string; priorityReason: string | null };
  created: boolean;
}

/** The service a ticket for a network topic goes to at a centre: its first active service with that topic (the kiosk shows that service's wait). */
export function serviceForTopic<S extends { active: boolean; topics: readonly string[] }>(services: readonly S[], topic: string): S | undefined {
  return services.find((s) => s.active && s.topics.includes(topic));
}

async function resolveService(db: Db, input: IssueInput) {
  if (input.serviceId) return serviceAt(db, input.centreId, input.serviceId);
  if (!input.topic) throw fieldError('serviceId', 'required');
  const service = serviceForTopic((await network.listServices(db, input.centreId)).map(network.toService), input.topic);
  if (!service) throw fieldError('topic', 'no_service_for_topic');
  return service;
}

async function newTicketRow(
  trx: Db,
  base: { visitId: string; centreId: string; serviceId: string; prefix: string; localDate: string; priority: string; language: string; needsMediator: number; appointmentAt: string | null },
  at: string,
  extra: Partial<store.TicketRow> = {},
): Promise<store.TicketRow> {
  const sequence = await store.nextSequence(trx, base.serviceId, base.localDate);
  const row: store.TicketRow = {
    id: randomUUID(),
    visit_id: base.visitId,
    centre_id: base.centreId,
    service_id: base.serviceId,
    number: formatTicketNumber(base.prefix, sequence),
    local_date: base.localDate,
    priority: base.priority,
    language: base.language,
    needs_mediator: base.needsMediator,
    appointment_at: base.appointmentAt,
    status: 'waiting',
    counter_id: null,
    target_counter_id: null,
    served_by: null,
    recall_count: 0,
    outcome: null,
    note: null,
    transferred_from: null,
    idempotency_key: null,
    issued_at: at,
    queued_at: at,
    called_at: null,
    started_at: null,
    finished_at: null,
    ...extra,
  };
  await store.insertTicket(trx, row);
  return row;
}

const ticketEvent = (t: store.TicketRow, extra: Record<string, unknown> = {}) => ({
  ticketId: t.id,
  visitId: t.visit_id,
  serviceId: t.service_id,
  number: t.number,
  status: t.status,
  language: t.language,
  ...extra,
});

/**
 * Starts a visit with its first ticket (pre-sorting, kiosk or a walk-in). With an idempotency key,
 * a retry returns the ticket the first attempt made instead of making a second one.
 */
export async function issueTicket(ctx: AppContext, input: IssueInput): Promise<IssuedTicket> {
  if (input.idempotencyKey) {
    const existing = await store.findByIdempotencyKey(ctx.db, input.centreId, input.idempotencyKey);
    if (existing) return replay(ctx, existing);
  }
  const centre = await centreOf(ctx.db, input.centreId);
  const now = ctx.now();
  if (input.channel === 'kiosk' && !isOpenAt(centre.openingHours, now, centre.timeZone)) throw new AppError(409, 'centre_closed');
  const priority = priorityClassOf(input.priorityReason);
  if (input.declaredCountry && !isCountryCode(input.declaredCountry)) throw fieldError('declaredCountry', 'unknown_country');
  if (priority === 'appointment' && !input.appointmentAt) throw fieldError('appointmentAt', 'required');
  const at = now.toISOString();
  const localDate = localTime(now, centre.timeZone).date;
  try {
    return await inCentreTransaction(ctx, centre.id, async (trx) => {
      const service = await resolveService(trx, input);
      const visit: store.VisitRow = {
        id: randomUUID(),
        centre_id: centre.id,
        public_token: newToken(18),
        person_id: null,
        client_name: input.clientName?.trim() || null,
        language: input.language,
        priority,
        priority_reason: input.priorityReason ?? null,
        needs_mediator: input.needsMediator ? 1 : 0,
        topic: input.topic ?? null,
        channel: input.channel,
        route: '[]',
        status: 'active',
        local_date: localDate,
        created_by: input.createdBy,
        created_at: at,
        closed_at: null,
        stats_folded: 0,
        declared_country: input.declaredCountry ?? null,
      };
      await store.insertVisit(trx, visit);
      const ticket = await newTicketRow(
        trx,
        { visitId: visit.id, centreId: centre.id, serviceId: service.id, prefix: service.ticketPrefix, localDate, priority, language: input.language, needsMediator: visit.needs_mediator, appointmentAt: input.appointmentAt ?? null },
        at,
        { idempotency_key: input.idempotencyKey ?? null },
      );
      await recordEvent(trx, centre.id, 'ticket.issued', ticketEvent(ticket), at);
      return { ticket: store.toTicket(ticket), service: { id: service.id, ticketPrefix: service.ticketPrefix, name: service.name }, visit: { id: visit.id, publicToken: visit.public_token, priorityReason: visit.priority_reason }, created: true };
    });
  } catch (err) {
    // Two retries with the same key raced: the loser answers with the winner's ticket.
    if (input.idempotencyKey && isUniqueViolation(err)) {
      const existing = await store.findByIdempotencyKey(ctx.db, input.centreId, input.idempotencyKey);
      if (existing) return replay(ctx, existing);
    }
    throw err;
  }
}

async function replay(ctx: AppContext, ticket: store.TicketRow): Promise<IssuedTicket> {
  const visit = (await store.findVisit(ctx.db, ticket.visit_id))!;
  const service = network.toService((await network.findService(ctx.db, ticket.service_id))!);
  return { ticket: store.toTicket(ticket), service: { id: service.id, ticketPrefix: service.ticketPrefix, name: service.name }, visit: { id: visit.id, publicToken: visit.public_token, priorityReason: visit.priority_reason }, created: false };
}

// Counter sessions ---------------------------------------------------------

export interface CounterContext {
  counter: network.Counter;
  session: store.CounterSessionRow;
}

export async function counterWithSession(db: Db, counterId: string, userId: string): Promise<CounterContext> {
  const row = await network.findCounter(db, counterId);
  if (!row) throw notFound('counter_not_found');
  const session = await store.openSession(db, counterId);
  if (!session || session.user_id !== userId) throw new AppError(409, 'counter_not_taken');
  const services = (await network.counterServiceIds(db, [counterId])).get(counterId) ?? [];
  return { counter: network.toCounter(row, services), session };
}

/** A staff member takes a counter: chooses which of its services to call and the languages they speak. */
export async function takeCounter(ctx: AppContext, userId: string, counterId: string, input: { serviceIds?: string[] | undefined; languages?: string[] | undefined }) {
  const row = await network.findCounter(ctx.db, counterId);
  if (!row) throw notFound('counter_not_found');
  if (row.active !== 1) throw new AppError(409, 'counter_closed');
  const services = (await network.counterServiceIds(ctx.db, [counterId])).get(counterId) ?? [];
  const chosen = input.serviceIds ?? services;
  if (chosen.length === 0 || chosen.some((s) => !services.includes(s))) throw fieldError('serviceIds', 'service_not_at_counter');
  const at = ctx.now().toISOString();
  return inCentreTransaction(ctx, row.centre_id, async (trx) => {
    const current = await store.openSession(trx, counterId);
    if (current && current.user_id !== userId) throw new AppError(409, 'counter_in_use');
    const mine = await store.openSessionOfUser(trx, userId);
    if (mine && mine.counter_id !== counterId) await store.closeSession(trx, mine.id, at);
    if (current) await store.closeSession(trx, current.id, at);
    const session: store.CounterSessionRow = {
      id: randomUUID(),
      counter_id: counterId,
      user_id: userId,
      service_ids: JSON.stringify(chosen),
      languages: JSON.stringify(input.languages ?? []),
      priority_streak: current?.priority_streak ?? 0,
      opened_at: at,
      closed_at: null,
    };
    await store.insertSession(trx, session);
    await recordEvent(trx, row.centre_id, 'counter.opened', { counterId, number: row.number, serviceIds: chosen }, at);
    return { counterId, number: row.number, serviceIds: chosen, languages: input.languages ?? [], openedAt: at };
  });
}

export async function leaveCounter(ctx: AppContext, userId: string, counterId: string): Promise<void> {
  const { counter, session } = await counterWithSession(ctx.db, counterId, userId);
  const busy = await store.ticketsAtCounter(ctx.db, counterId, AT_COUNTER);
  if (busy.length) throw new AppError(409, 'counter_busy');
  const at = ctx.now().toISOString();
  await inCentreTransaction(ctx, counter.centreId, async (trx) => {
    await store.closeSession(trx, session.id, at);
    await recordEvent(trx, counter.centreId, 'counter.closed', { counterId, number: counter.number }, at);
  });
}

const toWaiting = (r: store.CandidateRow): WaitingTicket => ({
  id: r.id,
  priority: r.priority as WaitingTicket['priority'],
  queuedAt: Date.parse(r.queued_at),
  appointmentAt: r.appointment_at ? Date.parse(r.appointment_at) : null,
  language: r.language,
});

export interface CalledTicket {
  ticket: store.Ticket;
  counterNumber: number;
}

/**
 * Calls the next ticket (or a chosen one) to this counter. Many counters may call at the same
 * moment: each call holds the centre's lock while it reads the queue and takes a ticket, so no
 * two counters ever get the same ticket, on SQLite or PostgreSQL, and nobody has to retry.
 */
export async function callNext(ctx: AppContext, userId: string, counterId: string, ticketId?: string): Promise<CalledTicket> {
  const counterRow = await network.findCounter(ctx.db, counterId);
  if (!counterRow) throw notFound('counter_not_found');
  const counter = { id: counterRow.id, centreId: counterRow.centre_id, number: counterRow.number };
  const now = ctx.now();
  const at = now.toISOString();
  const row = await inCentreTransaction(ctx, counter.centreId, async (trx) => {
    await lockCentre(trx, counter.centreId);
    const session = await store.openSession(trx, counterId);
    if (!session || session.user_id !== userId) throw new AppError(409, 'counter_not_taken');
    if ((await store.ticketsAtCounter(trx, counterId, AT_COUNTER)).length) throw new AppError(409, 'counter_busy');
    const serviceIds = JSON.parse(session.service_ids) as string[];
    let chosen: store.TicketRow | undefined;
    if (ticketId) {
      chosen = await store.findTicket(trx, ticketId);
      if (!chosen || chosen.centre_id !== counter.centreId) throw notFound('ticket_not_found');
      if (!serviceIds.includes(chosen.service_id)) throw new AppError(409, 'ticket_not_for_counter');
      if (chosen.status !== 'waiting') throw new AppError(409, 'ticket_taken');
    } else {
      const waiting = await store.callCandidates(trx, serviceIds, counterId);
      const next = pickNextTicket(waiting.map(toWaiting), await rulesFor(trx, serviceIds), {
        now: now.getTime(),
        consecutivePriorityCalls: session.priority_streak,
        counterLanguages: JSON.parse(session.languages) as string[],
      });
      if (!next) throw new AppError(409, 'queue_empty');
      chosen = await store.findTicket(trx, next.id);
      if (!chosen) throw new AppError(409, 'ticket_taken');
    }
    const set = { status: 'called', counter_id: counterId, served_by: userId, called_at: at };
    const res = await store.updateTicket(trx, chosen.id, set, ['waiting']);
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'ticket_taken');
    const streak = countsAsPriorityCall(toWaiting(chosen), DEFAULT_ORDERING_RULES, now.getTime()) ? session.priority_streak + 1 : 0;
    await store.setStreak(trx, session.id, streak);
    const called = { ...chosen, ...set };
    await recordEvent(trx, counter.centreId, 'ticket.called', ticketEvent(called, { counterId, counterNumber: counter.number, recall: 0 }), at);
    // Messages a client asked for ("your turn is near", "it is your turn") are only enqueued here.
    await queueTurnMessages(trx, { centreId: counter.centreId, called, counterNumber: counter.number, at: now });
    return called;
  });
  return { ticket: store.toTicket(row), counterNumber: counter.number };
}

/**
 * The ordering rules of the services a counter calls. A counter calling several services uses
 * the strictest guard among them, so no service's clients wait longer than that service allows.
 */
async function rulesFor(db: Db, serviceIds: string[]): Promise<OrderingRules> {
  const rows = await db.selectFrom('service').select(['max_wait_minutes', 'priority_burst']).where('id', 'in', serviceIds).execute();
  if (rows.length === 0) return DEFAULT_ORDERING_RULES;
  const bursts = rows.map((r) => r.priority_burst).filter((b) => b > 0);
  return {
    ...DEFAULT_ORDERING_RULES,
    maxWaitMinutes: Math.min(...rows.map((r) => r.max_wait_minutes)),
    priorityBurst: bursts.length ? Math.min(...bursts) : 0,
  };
}

async function ticketAtMyCounter(db: Db, ticketId: string, userId: string) {
  const ticket = await store.findTicket(db, ticketId);
  if (!ticket) throw notFound('ticket_not_found');
  if (!ticket.counter_id) throw new AppError(409, 'ticket_not_at_counter');
  const ctxCounter = await counterWithSession(db, ticket.counter_id, userId);
  return { ticket, ...ctxCounter };
}

/** Changes a ticket's status if it is still in one of `from`; otherwise the caller was too late. */
async function transition(trx: Db, ticket: store.TicketRow, from: readonly string[], set: Partial<store.TicketRow>) {
  const res = await store.updateTicket(trx, ticket.id, set, from);
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'ticket_state_changed');
  return { ...ticket, ...set };
}

export async function recall(ctx: AppContext, userId: string, ticketId: string): Promise<CalledTicket> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  const at = ctx.now().toISOString();
  const updated = await inCentreTransaction(ctx, counter.centreId, async (trx) => {
    const t = await transition(trx, ticket, ['called'], { recall_count: ticket.recall_count + 1 });
    await recordEvent(trx, counter.centreId, 'ticket.called', ticketEvent(t, { counterId: counter.id, counterNumber: counter.number, recall: t.recall_count }), at);
    return t;
  });
  return { ticket: store.toTicket(updated), counterNumber: counter.number };
}

export async function startService(ctx: AppContext, userId: string, ticketId: string): Promise<store.Ticket> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  const at = ctx.now().toISOString();
  return store.toTicket(
    await inCentreTransaction(ctx, counter.centreId, async (trx) => {
      // A client called back after parking was already being served: the service began then.
      const t = await transition(trx, ticket, ['called'], { status: 'serving', started_at: ticket.started_at ?? at });
      await recordEvent(trx, counter.centreId, 'ticket.started', ticketEvent(t, { counterId: counter.id }), at);
      return t;
    }),
  );
}

export async function markNoShow(ctx: AppContext, userId: string, ticketId: string, recallsNeeded: number): Promise<store.Ticket> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  if (ticket.recall_count < recallsNeeded) throw new AppError(409, 'no_show_too_soon', { recalls: recallsNeeded });
  const at = ctx.now().toISOString();
  return store.toTicket(
    await inCentreTransaction(ctx, counter.centreId, async (trx) => {
      const t = await transition(trx, ticket, ['called'], { status: 'no_show', finished_at: at });
      await closeVisitIfDone(trx, t.visit_id, at);
      await recordEvent(trx, counter.centreId, 'ticket.no_show', ticketEvent(t, { counterId: counter.id }), at);
      return t;
    }),
  );
}

async function closeVisitIfDone(trx: Db, visitId: string, at: string): Promise<void> {
  const open = (await store.ticketsOfVisit(trx, visitId)).some((t) => ['waiting', 'called', 'serving', 'parked'].includes(t.status));
  if (!open) {
    await store.updateVisit(trx, visitId, { status: 'done', closed_at: at });
    await forgetTurnAlerts(trx, visitId);
  }
}

export interface FinishResult {
  ticket: store.Ticket;
  next: store.Ticket | null;
}

/**
 * Finishes a ticket with an outcome. If the visit has more desks on its route (set now or by
 * the sorting office earlier), the next ticket is issued at once: the client's journey goes on.
 */
export async function finish(ctx: AppContext, userId: string, ticketId: string, input: { outcome: string; note?: string | undefined; routeTo?: string[] | undefined }): Promise<FinishResult> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  const centre = await centreOf(ctx.db, counter.centreId);
  const now = ctx.now();
  const at = now.toISOString();
  return inCentreTransaction(ctx, counter.centreId, async (trx) => {
    const done = await transition(trx, ticket, ['called', 'serving'], { status: 'done', outcome: input.outcome, note: input.note ?? ticket.note, started_at: ticket.started_at ?? at, finished_at: at });
    const visit = (await store.findVisit(trx, ticket.visit_id))!;
    let route = JSON.parse(visit.route) as string[];
    if (input.routeTo) {
      await checkRoute(trx, counter.centreId, input.routeTo, 'routeTo');
      route = [...input.routeTo];
    }
    let next: store.TicketRow | null = null;
    const nextServiceId = route.shift();
    if (nextServiceId) {
      const service = await serviceAt(trx, counter.centreId, nextServiceId, 'routeTo');
      next = await newTicketRow(
        trx,
        { visitId: visit.id, centreId: visit.centre_id, serviceId: service.id, prefix: service.ticketPrefix, localDate: localTime(now, centre.timeZone).date, priority: ticket.priority === 'appointment' ? 'none' : ticket.priority, language: ticket.language, needsMediator: ticket.needs_mediator, appointmentAt: null },
        at,
      );
    }
    await store.updateVisit(trx, visit.id, { route: JSON.stringify(route), ...(next ? {} : { status: 'done', closed_at: at }) });
    if (!next) await forgetTurnAlerts(trx, visit.id);
    await recordEvent(trx, counter.centreId, 'ticket.finished', ticketEvent(done, { counterId: counter.id, outcome: input.outcome }), at);
    if (next) await recordEvent(trx, counter.centreId, 'ticket.issued', ticketEvent(next, { followsTicketId: ticket.id }), at);
    return { ticket: store.toTicket(done), next: next ? store.toTicket(next) : null };
  });
}

export async function park(ctx: AppContext, userId: string, ticketId: string, note?: string): Promise<store.Ticket> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  const at = ctx.now().toISOString();
  return store.toTicket(
    await inCentreTransaction(ctx, counter.centreId, async (trx) => {
      const t = await transition(trx, ticket, ['serving', 'called'], { status: 'parked', note: note ?? ticket.note });
      await recordEvent(trx, counter.centreId, 'ticket.parked', ticketEvent(t, { counterId: counter.id }), at);
      return t;
    }),
  );
}

/**
 * Calls a parked client back to the counter: the board shows and says the call again and the phone
 * page says which counter, as for any call (the client stepped away to fetch a document). The
 * first call and start times stay, so waits and service times are measured from them.
 */
export async function resume(ctx: AppContext, userId: string, ticketId: string): Promise<store.Ticket> {
  const { ticket, counter } = await ticketAtMyCounter(ctx.db, ticketId, userId);
  if ((await store.ticketsAtCounter(ctx.db, counter.id, AT_COUNTER)).length) throw new AppError(409, 'counter_busy');
  const at = ctx.now().toISOString();
  return store.toTicket(
    await inCentreTransaction(ctx, counter.centreId, async (trx) => {
      const t = await transition(trx, ticket, ['parked'], { status: 'called', recall_count: 0 });
      await recordEvent(trx, counter.centreId, 'ticket.called', ticketEvent(t, { counterId: counter.id, counterNumber: counter.number, recall: 0, resumed: true }), at);
      return t;
    }),
  );
}

/**
 * Sends the client to another service (optionally to one counter) with a note. The new ticket
 * keeps its place: it queues from when the client first queued, and links to the original.
 */
export async function transfer(
  ctx: AppContext,
  ticketId: string,
  input: { serviceId: string; counterId?: string | undefined; note?: string | undefined },
  by: { userId: string; asManager: boolean },
): Promise<FinishResult> {
  const ticket = await store.findTicket(ctx.db, ticketId);
  if (!ticket) throw notFound('ticket_not_found');
  const from = by.asManager ? ['waiting', 'called', 'serving', 'parked'] : ['called', 'serving', 'parked'];
  if (!by.asManager) await ticketAtMyCounter(ctx.db, ticketId, by.userId);
  const centre = await centreOf(ctx.db, ticket.centre_id);
  const now = ctx.now();
  const at = now.toISOString();
  return inCentreTransaction(ctx, centre.id, async (trx) => {
    const service = await serviceAt(trx, centre.id, input.serviceId);
    if (input.counterId) {
      const services = (await network.counterServiceIds(trx, [input.counterId])).get(input.counterId) ?? [];
      const target = await network.findCounter(trx, input.counterId);
      if (!target || target.centre_id !== centre.id || !services.includes(service.id)) throw fieldError('counterId', 'counter_not_for_service');
    }
    const old = await transition(trx, ticket, from, { status: 'transferred', note: input.note ?? ticket.note, finished_at: at });
    const next = await newTicketRow(
      trx,
      { visitId: ticket.visit_id, centreId: centre.id, serviceId: service.id, prefix: service.ticketPrefix, localDate: localTime(now, centre.timeZone).date, priority: ticket.priority, language: ticket.language, needsMediator: ticket.needs_mediator, appointmentAt: ticket.appointment_at },
      at,
      { transferred_from: ticket.id, queued_at: ticket.queued_at, target_counter_id: input.counterId ?? null, note: input.note ?? null },
    );
    await recordEvent(trx, centre.id, 'ticket.transferred', ticketEvent(old, { toTicketId: next.id }), at);
    await recordEvent(trx, centre.id, 'ticket.issued', ticketEvent(next, { transferredFrom: ticket.id }), at);
    return { ticket: store.toTicket(old), next: store.toTicket(next) };
  });
}

/** The sorting office sets which desks the visit goes to next, in order. */
export async function routeVisit(ctx: AppContext, visitId: string, input: { serviceIds: string[]; clientName?: string | null | undefined }) {
  const visit = await store.findVisit(ctx.db, visitId);
  if (!visit) throw notFound('visit_not_found');
  if (visit.status === 'done') throw new AppError(409, 'visit_closed');
  await checkRoute(ctx.db, visit.centre_id, input.serviceIds, 'serviceIds');
  await store.updateVisit(ctx.db, visitId, {
    route: JSON.stringify(input.serviceIds),
    ...(input.clientName !== undefined ? { client_name: input.clientName?.trim() || null } : {}),
  });
  return { id: visitId, route: input.serviceIds };
}

/** The centre manager opens or closes a counter. Closing a busy counter is refused. */
export async function setCounterOpen(ctx: AppContext, counterId: string, open: boolean) {
  const row = await network.findCounter(ctx.db, counterId);
  if (!row) throw notFound('counter_not_found');
  const at = ctx.now().toISOString();
  return inCentreTransaction(ctx, row.centre_id, async (trx) => {
    if (!open) {
      if ((await store.ticketsAtCounter(trx, counterId, AT_COUNTER)).length) throw new AppError(409, 'counter_busy');
      const session = await store.openSession(trx, counterId);
      if (session) await store.closeSession(trx, session.id, at);
    }
    await network.updateCounter(trx, counterId, { active: open ? 1 : 0, updated_at: at });
    await recordEvent(trx, row.centre_id, open ? 'counter.opened' : 'counter.closed', { counterId, number: row.number, byManager: true }, at);
    return { counterId, number: row.number, active: open };
  });
}


const OPEN_TICKET_STATUSES = ['waiting', 'called', 'serving', 'parked'] as const;

/**
 * Tickets still open when their day is over (the centre closed with people waiting, a client
 * left called or parked) are cancelled with the outcome `day_ended`, and their visits closed.
 * Without this a counter's call-next the next morning could call yesterday's ticket, the floor
 * would count yesterday's clients as waiting, and the statistics would never see that day end.
 * Runs at start and every few minutes; idempotent, and safe with several nodes (guarded updates
 * under the centre's lock).
 */
export async function closeEndedDays(ctx: AppContext): Promise<number> {
  const centres = await ctx.db.selectFrom('centre').select(['id', 'time_zone']).execute();
  const at = ctx.now().toISOString();
  let cancelled = 0;
  for (const centre of centres) {
    const today = localTime(ctx.now(), centre.time_zone).date;
    const stale = () =>
      ctx.db.selectFrom('ticket').selectAll().where('centre_id', '=', centre.id).where('status', 'in', [...OPEN_TICKET_STATUSES]).where('local_date', '<', today);
    if (!(await stale().select('id').limit(1).executeTakeFirst())) continue;
    cancelled += await inCentreTransaction(ctx, centre.id, async (trx) => {
      await lockCentre(trx, centre.id);
      const rows = await trx.selectFrom('ticket').selectAll().where('centre_id', '=', centre.id).where('status', 'in', [...OPEN_TICKET_STATUSES]).where('local_date', '<', today).execute();
      const visits = new Set<string>();
      let n = 0;
      for (const t of rows) {
        const set = { status: 'cancelled', outcome: 'day_ended', finished_at: at };
        const res = await store.updateTicket(trx, t.id, set, OPEN_TICKET_STATUSES);
        if (Number(res.numUpdatedRows) !== 1) continue;
        n++;
        visits.add(t.visit_id);
        await recordEvent(trx, centre.id, 'ticket.cancelled', ticketEvent({ ...t, ...set }, { counterId: t.counter_id, reason: 'day_ended' }), at);
      }
      for (const visitId of visits) await closeVisitIfDone(trx, visitId, at);
      return n;
    });
  }
  return cancelled;
}

/**
 * The centre manager's line on the centre's display boards (a closure, an outage). Blank text
 * removes it. Boards hear the change at once through the centre's events.
 */
export async function setBoardNotice(ctx: AppContext, centreId: string, notice: string | null) {
  await centreOf(ctx.db, centreId);
  const text = notice?.replace(/\s+/g, ' ').trim() || null;
  const at = ctx.now().toISOString();
  return inCentreTransaction(ctx, centreId, async (trx) => {
    await network.updateCentre(trx, centreId, { board_notice: text, updated_at: at });
    await recordEvent(trx, centreId, 'board.notice', { notice: text }, at);
    return { centreId, notice: text };
  });
}
