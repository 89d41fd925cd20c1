import type { Kysely, Selectable } from 'kysely';
import type { CounterSessionTable, Database, TicketTable, VisitTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type TicketRow = Selectable<TicketTable>;
export type VisitRow = Selectable<VisitTable>;
export type CounterSessionRow = Selectable<CounterSessionTable>;

export interface Ticket {
  id: string;
  visitId: string;
  centreId: string;
  serviceId: string;
  number: string;
  status: string;
  priority: string;
  language: string;
  needsMediator: boolean;
  appointmentAt: string | null;
  counterId: string | null;
  targetCounterId: string | null;
  recallCount: number;
  outcome: string | null;
  note: string | null;
  transferredFrom: string | null;
  issuedAt: string;
  queuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  visitId: r.visit_id,
  centreId: r.centre_id,
  serviceId: r.service_id,
  number: r.number,
  status: r.status,
  priority: r.priority,
  language: r.language,
  needsMediator: r.needs_mediator === 1,
  appointmentAt: r.appointment_at,
  counterId: r.counter_id,
  targetCounterId: r.target_counter_id,
  recallCount: r.recall_count,
  outcome: r.outcome,
  note: r.note,
  transferredFrom: r.transferred_from,
  issuedAt: r.issued_at,
  queuedAt: r.queued_at,
  calledAt: r.called_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Takes the next number of a service's daily sequence; the row lock makes it safe under concurrency. */
export async function nextSequence(trx: Db, serviceId: string, localDate: string): Promise<number> {
  const row = await trx
    .insertInto('ticket_sequence')
    .values({ service_id: serviceId, local_date: localDate, last_number: 1 })
    .onConflict((oc) => oc.columns(['service_id', 'local_date']).doUpdateSet((eb) => ({ last_number: eb('ticket_sequence.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

export const insertVisit = (db: Db, row: VisitRow) => db.insertInto('visit').values(row).execute();
export const insertTicket = (db: Db, row: TicketRow) => db.insertInto('ticket').values(row).execute();
export const findTicket = (db: Db, id: string) => db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirst();
export const findVisit = (db: Db, id: string) => db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirst();
export const findVisitByToken = (db: Db, token: string) => db.selectFrom('visit').selectAll().where('public_token', '=', token).executeTakeFirst();
export const ticketsOfVisit = (db: Db, visitId: string) => db.selectFrom('ticket').selectAll().where('visit_id', '=', visitId).orderBy('issued_at').orderBy('number').execute();
export const findByIdempotencyKey = (db: Db, centreId: string, key: string) =>
  db.selectFrom('ticket').selectAll().where('centre_id', '=', centreId).where('idempotency_key', '=', key).executeTakeFirst();

export function updateTicket(db: Db, id: string, set: Partial<TicketRow>, expectStatus?: readonly string[]) {
  let q = db.updateTable('ticket').set(set).where('id', '=', id);
  if (expectStatus) q = q.where('status', 'in', [...expectStatus]);
  return q.executeTakeFirst();
}

export const updateVisit = (db: Db, id: string, set: Partial<VisitRow>) => db.updateTable('visit').set(set).where('id', '=', id).execute();

/** What the ordering rules need of a waiting ticket; the full row is read only for the one called. */
export type CandidateRow = Pick<TicketRow, 'id' | 'priority' | 'queued_at' | 'appointment_at' | 'language'>;

/**
 * The waiting tickets that can be next at this counter: every priority or appointment ticket
 * (few), and only the longest-waiting ordinary ones — the rest cannot be called before them.
 * Keeps "call next" cheap however long the queue grows: the queue-order index hands the ordinary
 * ones over already sorted, and only the columns the ordering rules read are fetched.
 */
export async function callCandidates(db: Db, serviceIds: string[], counterId: string, ordinaryLimit = 50): Promise<CandidateRow[]> {
  if (serviceIds.length === 0) return [];
  const base = () =>
    db
      .selectFrom('ticket')
      .select(['id', 'priority', 'queued_at', 'appointment_at', 'language'])
      .where('service_id', 'in', serviceIds)
      .where('status', '=', 'waiting')
      .where((eb) => eb.or([eb('target_counter_id', 'is', null), eb('target_counter_id', '=', counterId)]));
  const [special, ordinary] = await Promise.all([
    // Named classes rather than "!= 'none'", so the queue index finds them without a scan.
    base().where('priority', 'in', ['legal', 'appointment']).execute(),
    base().where('priority', '=', 'none').orderBy('queued_at').limit(ordinaryLimit).execute(),
  ]);
  return [...special, ...ordinary];
}

export const ticketsAtCounter = (db: Db, counterId: string, statuses: readonly string[]) =>
  db.selectFrom('ticket').selectAll().where('counter_id', '=', counterId).where('status', 'in', [...statuses]).orderBy('called_at').execute();

export const openSession = (db: Db, counterId: string) =>
  db.selectFrom('counter_session').selectAll().where('counter_id', '=', counterId).where('closed_at', 'is', null).executeTakeFirst();

export const openSessionsAt = (db: Db, counterIds: string[]) =>
  counterIds.length
    ? db.selectFrom('counter_session').selectAll().where('counter_id', 'in', counterIds).where('closed_at', 'is', null).execute()
    : Promise.resolve([] as CounterSessionRow[]);

export const openSessionOfUser = (db: Db, userId: string) =>
  db.selectFrom('counter_session').selectAll().where('user_id', '=', userId).where('closed_at', 'is', null).executeTakeFirst();

export const insertSession = (db: Db, row: CounterSessionRow) => db.insertInto('counter_session').values(row).execute();
export const closeSession = (db: Db, id: string, at: string) => db.updateTable('counter_session').set({ closed_at: at }).where('id', '=', id).where('closed_at', 'is', null).execute();
export const setStreak = (db: Db, id: string, streak: number) => db.updateTable('counter_session').set({ priority_streak: streak }).where('id', '=', id).execute();

/** Today's tickets at a centre (for the floor, queues and the phone page's position). */
export const ticketsOfDay = (db: Db, centreId: string, localDate: string) =>
  db.selectFrom('ticket').selectAll().where('centre_id', '=', centreId).where('local_date', '=', localDate).execute();
