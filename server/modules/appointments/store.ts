import { randomBytes, randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AppointmentSlotTable, AppointmentTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type AppointmentRow = Selectable<AppointmentTable>;
export type SlotRow = Selectable<AppointmentSlotTable>;

/** A service with what booking needs: its centre (time zone, opening hours) and its appointment settings. */
export function findBookableService(db: Db, serviceId: string) {
  return db
    .selectFrom('service')
    .innerJoin('centre', 'centre.id', 'service.centre_id')
    .innerJoin('desk', 'desk.id', 'service.desk_id')
    .innerJoin('partner', 'partner.id', 'desk.partner_id')
    .select([
      'service.id',
      'service.centre_id',
      'service.name',
      'service.ticket_prefix',
      'service.expected_minutes',
      'service.active',
      'service.appointments_enabled',
      'service.booking_mode',
      'service.appointment_share_percent',
      'service.slot_minutes',
      'service.checkin_early_minutes',
      'service.checkin_late_minutes',
      'service.topics',
      'service.languages',
      'centre.time_zone',
      'centre.opening_hours',
      'centre.active as centre_active',
      'centre.name as centre_name',
      'centre.code as centre_code',
      'centre.address as centre_address',
      'desk.partner_id',
      'partner.booking_retention_days',
    ])
    .where('service.id', '=', serviceId)
    .executeTakeFirst();
}
export type BookableServiceRow = NonNullable<Awaited<ReturnType<typeof findBookableService>>>;

/** Services clients can book, at one centre or everywhere. */
export function listBookableServices(db: Db, centreId?: string) {
  let q = db
    .selectFrom('service')
    .innerJoin('centre', 'centre.id', 'service.centre_id')
    .select(['service.id', 'service.centre_id', 'service.name', 'service.topics', 'service.booking_mode', 'centre.name as centre_name', 'centre.code as centre_code'])
    .where('service.appointments_enabled', '=', 1)
    .where('service.active', '=', 1)
    .where('centre.active', '=', 1);
  if (centreId) q = q.where('service.centre_id', '=', centreId);
  return q.orderBy('centre.name').orderBy('service.code').execute();
}

/** Active counters that serve the service. */
export async function countersServing(db: Db, serviceId: string): Promise<number> {
  const row = await db
    .selectFrom('counter_service')
    .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('counter_service.service_id', '=', serviceId)
    .where('counter.active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Closed dates between two dates (inclusive) for a centre: the network calendar and the centre's own exceptions. */
export async function closedDates(db: Db, centreId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('appointment_closure')
    .select('date')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where((eb) => eb.or([eb('centre_id', 'is', null), eb('centre_id', '=', centreId)]))
    .execute();
  return new Set(rows.map((r) => r.date));
}

export const insertClosure = (db: Db, row: { centre_id: string | null; date: string; reason: string; created_by: string; created_at: string }) =>
  db.insertInto('appointment_closure').values({ id: randomUUID(), ...row }).execute();

export const slotRowsBetween = (db: Db, serviceId: string, from: string, to: string) =>
  db.selectFrom('appointment_slot').selectAll().where('service_id', '=', serviceId).where('local_date', '>=', from).where('local_date', '<=', to).execute();

export const findSlot = (db: Db, serviceId: string, startsAt: string) =>
  db.selectFrom('appointment_slot').selectAll().where('service_id', '=', serviceId).where('starts_at', '=', startsAt).executeTakeFirst();

/**
 * The slot's row, made with the capacity derived now if it has none yet. Two nodes making it at
 * once: the unique (service, start) keeps one, the other's insert does nothing.
 */
export async function ensureSlot(db: Db, slot: Omit<Insertable<AppointmentSlotTable>, 'id' | 'taken' | 'blocked' | 'block_reason'>): Promise<SlotRow> {
  await db
    .insertInto('appointment_slot')
    .values({ id: randomUUID(), taken: 0, blocked: 0, block_reason: null, ...slot })
    .onConflict((oc) => oc.columns(['service_id', 'starts_at']).doNothing())
    .execute();
  return (await findSlot(db, slot.service_id, slot.starts_at))!;
}

/**
 * Takes one seat of a slot if one is free and the slot is not blocked: a single guarded UPDATE,
 * so on PostgreSQL a concurrent taker re-checks `taken < capacity` after the first commits, and on
 * SQLite writers are serialised. True when a seat was taken.
 */
export async function takeSeat(db: Db, slotId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('appointment_slot')
    .set((eb) => ({ taken: eb('taken', '+', 1), updated_at: at }))
    .where('id', '=', slotId)
    .where('blocked', '=', 0)
    .where((eb) => eb('taken', '<', eb.ref('capacity')))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const releaseSeat = (db: Db, slotId: string, at: string) =>
  db
    .updateTable('appointment_slot')
    .set((eb) => ({ taken: eb('taken', '-', 1), updated_at: at }))
    .where('id', '=', slotId)
    .where('taken', '>', 0)
    .execute();

export const setSlotBlocked = (db: Db, slotId: string, blocked: boolean, reason: string | null, at: string) =>
  db.updateTable('appointment_slot').set({ blocked: blocked ? 1 : 0, block_reason: blocked ? reason : null, updated_at: at }).where('id', '=', slotId).execute();

export const insertAppointment = (db: Db, row: AppointmentRow) => db.insertInto('appointment').values(row).execute();
export const findAppointment = (db: Db, id: string) => db.selectFrom('appointment').selectAll().where('id', '=', id).executeTakeFirst();
export const findByCode = (db: Db, code: string) => db.selectFrom('appointment').selectAll().where('code', '=', code).executeTakeFirst();
export const findByManageHash = (db: Db, hash: string) => db.selectFrom('appointment').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst();

/** Updates a booking only while it is in one of `fromStatuses`; true when it was. */
export async function updateAppointment(db: Db, id: string, set: Partial<AppointmentRow>, fromStatuses: readonly string[]): Promise<boolean> {
  const res = await db.updateTable('appointment').set(set).where('id', '=', id).where('status', 'in', [...fromStatuses]).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Bookings one identity made for a service since a time (any status): the abuse limit. */
export async function bookingsOfIdentitySince(db: Db, identityHash: string, serviceId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('appointment')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('identity_hash', '=', identityHash)
    .where('service_id', '=', serviceId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const bookingsOfDay = (db: Db, centreId: string, localDate: string, serviceId?: string) => {
  let q = db.selectFrom('appointment').selectAll().where('centre_id', '=', centreId).where('local_date', '=', localDate);
  if (serviceId) q = q.where('service_id', '=', serviceId);
  return q.orderBy('starts_at').orderBy('code').execute();
};

/** Booked (not checked-in) appointments whose time started before `before`: candidates for no-show. */
export const bookedStartingBefore = (db: Db, before: string) =>
  db
    .selectFrom('appointment')
    .innerJoin('service', 'service.id', 'appointment.service_id')
    .select(['appointment.id', 'appointment.starts_at', 'appointment.centre_id', 'service.checkin_late_minutes'])
    .where('appointment.status', '=', 'booked')
    .where('appointment.starts_at', '<', before)
    .execute();

/** Deletes bookings past their erasure date; returns how many. */
export async function eraseBookingsBefore(db: Db, today: string): Promise<number> {
  const res = await db.deleteFrom('appointment').where('erase_after', '<', today).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A server-wide secret by name, made once (the first node to ask creates it; every node reads the same). */
export async function serverSecret(db: Db, name: string, at: string): Promise<string> {
  const found = await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('server_secret')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}
