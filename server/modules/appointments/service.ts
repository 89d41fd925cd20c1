import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACTIVE_STATUSES, CODE_ALPHABET, CODE_LENGTH, formatBookingCode, isBirthDate, isEmail, normaliseBookingCode, normaliseDocumentNumber, normalisePhone, type BookingStatus } from '../../../core/appointments/booking.ts';
import { addDays, arrivalWindow, slotsOfDay } from '../../../core/appointments/slots.ts';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import { localTime, type OpeningHours } from '../../../core/opening-hours.ts';
import { appendAudit } from '../../access/audit.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { newToken, tokenHash } from '../auth/tokens.ts';
import { issueTicket } from '../visits/service.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

export interface Slot {
  startsAt: string;
  localTime: string;
  capacity: number;
  free: number;
  blocked: boolean;
}
export interface Day {
  date: string;
  closed: boolean;
  slots: Slot[];
}
export interface Availability {
  serviceId: string;
  centreId: string;
  bookingMode: string;
  timeZone: string;
  days: Day[];
}

export interface Booking {
  id: string;
  code: string;
  status: BookingStatus;
  serviceId: string;
  serviceName: Record<string, string>;
  centreId: string;
  centreName: string;
  centreAddress: string;
  timeZone: string;
  startsAt: string;
  localDate: string;
  localTime: string;
  language: string;
  needsMediator: boolean;
  clientName: string;
  email: string | null;
  phone: string | null;
  ticketId: string | null;
  checkedInAt: string | null;
}

export interface BookingInput {
  serviceId: string;
  startsAt: string;
  name: string;
  documentNumber: string;
  birthDate: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  language: string;
  needsMediator?: boolean | undefined;
}

const invalid = (fields: Record<string, string>) => new AppError(400, 'validation', {}, fields);

async function bookableService(db: Db, serviceId: string) {
  const s = await store.findBookableService(db, serviceId);
  if (!s || s.active !== 1 || s.centre_active !== 1 || s.appointments_enabled !== 1) throw invalid({ serviceId: 'unknown_service' });
  return s;
}

const centreToday = (ctx: AppContext, timeZone: string) => localTime(ctx.now(), timeZone).date;

// Identity ------------------------------------------------------------------------------------

let cachedKey: { db: Db; key: string } | undefined;
async function identityKey(ctx: AppContext): Promise<string> {
  if (ctx.config.bookingIdentitySecret) return ctx.config.bookingIdentitySecret;
  if (cachedKey?.db !== ctx.db) cachedKey = { db: ctx.db, key: await store.serverSecret(ctx.db, 'booking_identity', ctx.now().toISOString()) };
  return cachedKey.key;
}
const keyed = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url');

/** The keyed hashes that bind a booking to a person: identity (document + birth date) and the document alone (checked at check-in). */
export async function identityHashes(ctx: AppContext, documentNumber: string, birthDate: string) {
  const key = await identityKey(ctx);
  return { identity: keyed(key, `identity|${documentNumber}|${birthDate}`), document: keyed(key, `document|${documentNumber}`) };
}

// Supply ---------------------------------------------------------------------------------------

async function derivedDays(db: Db, s: store.BookableServiceRow, from: string, to: string) {
  const counters = await store.countersServing(db, s.id);
  const closed = await store.closedDates(db, s.centre_id, from, to);
  const rows = new Map((await store.slotRowsBetween(db, s.id, from, to)).map((r) => [r.starts_at, r]));
  const rules = { counters, expectedMinutes: s.expected_minutes, appointmentShare: s.appointment_share_percent / 100, slotMinutes: s.slot_minutes };
  const hours = JSON.parse(s.opening_hours) as OpeningHours;
  const days: Day[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const isClosed = closed.has(date);
    const slots = slotsOfDay({ date, openingHours: hours, timeZone: s.time_zone, closed: isClosed, rules }).map((d): Slot => {
      const row = rows.get(d.startsAt);
      const capacity = row ? row.capacity : d.capacity;
      const blocked = row?.blocked === 1;
      return { startsAt: d.startsAt, localTime: d.localTime, capacity, free: blocked ? 0 : Math.max(0, capacity - (row?.taken ?? 0)), blocked };
    });
    days.push({ date, closed: isClosed, slots });
  }
  return days;
}

/** Free slots of a service from a day (the centre's today by default) for a number of days; past slots left out. */
export async function availability(ctx: AppContext, serviceId: string, fromDate?: string, dayCount = 14): Promise<Availability> {
  const s = await bookableService(ctx.db, serviceId);
  const today = centreToday(ctx, s.time_zone);
  const from = fromDate && fromDate > today ? fromDate : today;
  const last = addDays(today, ctx.config.bookingHorizonDays);
  const to = addDays(from, Math.max(0, Math.min(dayCount, 62) - 1)) < last ? addDays(from, Math.max(0, Math.min(dayCount, 62) - 1)) : last;
  const now = ctx.now().toISOString();
  const days = from > last ? [] : (await derivedDays(ctx.db, s, from, to)).map((d) => ({ ...d, slots: d.slots.filter((x) => x.startsAt > now) }));
  return { serviceId: s.id, centreId: s.centre_id, bookingMode: s.booking_mode, timeZone: s.time_zone, days };
}

/** The derived slot at `startsAt` for a service, or a field error naming why it cannot be booked. */
async function bookableSlot(ctx: AppContext, db: Db, s: store.BookableServiceRow, startsAt: string) {
  const at = Date.parse(startsAt);
  if (!Number.isFinite(at)) throw invalid({ startsAt: 'unknown_slot' });
  const iso = new Date(at).toISOString();
  if (iso <= ctx.now().toISOString()) throw invalid({ startsAt: 'slot_past' });
  const date = localTime(new Date(at), s.time_zone).date;
  if (date > addDays(centreToday(ctx, s.time_zone), ctx.config.bookingHorizonDays)) throw invalid({ startsAt: 'slot_too_far' });
  const [day] = await derivedDays(db, s, date, date);
  const slot = day?.slots.find((x) => x.startsAt === iso);
  if (!slot) throw invalid({ startsAt: day?.closed ? 'day_closed' : 'unknown_slot' });
  return { slot, date };
}

// Booking --------------------------------------------------------------------------------------

function validateBooking(ctx: AppContext, input: BookingInput, today: string) {
  const fields: Record<string, string> = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 120) fields.name = 'name_required';
  const documentNumber = normaliseDocumentNumber(input.documentNumber);
  if (!documentNumber) fields.documentNumber = 'document_number_invalid';
  if (!isBirthDate(input.birthDate, today)) fields.birthDate = 'birth_date_invalid';
  const email = input.email?.trim() ? input.email.trim() : null;
  if (email && !isEmail(email)) fields.email = 'email_invalid';
  const phone = input.phone?.trim() ? normalisePhone(input.phone) : null;
  if (input.phone?.trim() && !phone) fields.phone = 'phone_invalid';
  if (!email && !input.phone?.trim()) fields.email = 'contact_required';
  if (!(CLIENT_LANGUAGES as readonly string[]).includes(input.language)) fields.language = 'unknown_language';
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { name, documentNumber: documentNumber!, email, phone };
}

function newBookingCode(): string {
  return formatBookingCode(Array.from({ length: CODE_LENGTH }, () => randomInt(CODE_ALPHABET.length)));
}

function toBooking(r: store.AppointmentRow, s: Pick<store.BookableServiceRow, 'name' | 'centre_name' | 'centre_address' | 'time_zone'>): Booking {
  return {
    id: r.id,
    code: r.code,
    status: r.status as BookingStatus,
    serviceId: r.service_id,
    serviceName: JSON.parse(s.name),
    centreId: r.centre_id,
    centreName: s.centre_name,
    centreAddress: s.centre_address,
    timeZone: s.time_zone,
    startsAt: r.starts_at,
    localDate: r.local_date,
    localTime: localTime(new Date(r.starts_at), s.time_zone).time,
    language: r.language,
    needsMediator: r.needs_mediator === 1,
    clientName: r.client_name,
    email: r.email,
    phone: r.phone,
    ticketId: r.ticket_id,
    checkedInAt: r.checked_in_at,
  };
}

export interface BookingMade {
  booking: Booking;
  /** The secret of the manage link; shown once, stored only as a hash. */
  manageToken: string;
}

/**
 * Books a first-come slot: every check first, then in one transaction the slot's row, a seat
 * taken by a guarded UPDATE and the booking — a full slot or a second active booking of the same
 * person for the service (a unique key) rolls the whole transaction back.
 */
export async function book(ctx: AppContext, input: BookingInput, by: { channel: 'web' | 'staff' | 'api'; createdBy?: string | null } = { channel: 'web' }): Promise<BookingMade> {
  const s = await bookableService(ctx.db, input.serviceId);
  if (s.booking_mode !== 'first_come') throw new AppError(409, 'booking_by_allocation', {}, { serviceId: 'booking_by_allocation' });
  const today = centreToday(ctx, s.time_zone);
  const clean = validateBooking(ctx, input, today);
  const { slot, date } = await bookableSlot(ctx, ctx.db, s, input.startsAt);
  if (slot.free <= 0) throw new AppError(409, 'slot_full', {}, { startsAt: 'slot_full' });
  const hashes = await identityHashes(ctx, clean.documentNumber, input.birthDate);
  const now = ctx.now();
  const at = now.toISOString();
  if ((await store.bookingsOfIdentitySince(ctx.db, hashes.identity, s.id, new Date(now.getTime() - 86_400_000).toISOString())) >= ctx.config.bookingsPerIdentityPerDay) {
    throw new AppError(429, 'too_many_bookings');
  }
  const manageToken = newToken(24);
  for (let attempt = 0; ; attempt++) {
    const row: store.AppointmentRow = {
      id: randomUUID(),
      code: newBookingCode(),
      manage_token_hash: tokenHash(manageToken),
      service_id: s.id,
      centre_id: s.centre_id,
      slot_id: '',
      starts_at: slot.startsAt,
      local_date: date,
      status: 'booked',
      identity_hash: hashes.identity,
      document_hash: hashes.document,
      active_key: `${hashes.identity}:${s.id}`,
      client_name: clean.name,
      email: clean.email,
      phone: clean.phone,
      language: input.language,
      needs_mediator: input.needsMediator ? 1 : 0,
      channel: by.channel,
      created_by: by.createdBy ?? null,
      visit_id: null,
      ticket_id: null,
      person_id: null,
      created_at: at,
      updated_at: at,
      checked_in_at: null,
      cancelled_at: null,
      reminded_at: null,
      erase_after: addDays(date, s.booking_retention_days ?? ctx.config.bookingRetentionDays),
    };
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const slotRow = await store.ensureSlot(trx, { service_id: s.id, centre_id: s.centre_id, starts_at: slot.startsAt, local_date: date, local_time: slot.localTime, capacity: slot.capacity, updated_at: at });
        if (!(await store.takeSeat(trx, slotRow.id, at))) throw new AppError(409, 'slot_full', {}, { startsAt: 'slot_full' });
        row.slot_id = slotRow.id;
        await store.insertAppointment(trx, row);
      });
      return { booking: toBooking(row, s), manageToken };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const mine = await ctx.db.selectFrom('appointment').select('id').where('active_key', '=', row.active_key).executeTakeFirst();
      if (mine || attempt >= 3) throw new AppError(409, 'already_booked', {}, { documentNumber: 'already_booked' });
      // else the random code collided with another booking's: try another code.
    }
  }
}

async function withService(ctx: AppContext, row: store.AppointmentRow | undefined): Promise<{ row: store.AppointmentRow; service: store.BookableServiceRow }> {
  if (!row) throw notFound('booking_not_found');
  const service = await store.findBookableService(ctx.db, row.service_id);
  if (!service) throw notFound('booking_not_found');
  return { row, service };
}

const byToken = async (ctx: AppContext, token: string) => withService(ctx, await store.findByManageHash(ctx.db, tokenHash(token)));

/** The booking behind a manage link. */
export async function bookingByToken(ctx: AppContext, token: string): Promise<Booking> {
  const { row, service } = await byToken(ctx, token);
  return toBooking(row, service);
}

/** Cancels through the manage link: the seat is freed and the person may book again. */
export async function cancelByToken(ctx: AppContext, token: string): Promise<Booking> {
  const { row, service } = await byToken(ctx, token);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await store.updateAppointment(trx, row.id, { status: 'cancelled', active_key: null, cancelled_at: at, updated_at: at }, ['booked']))) throw new AppError(409, 'booking_not_cancellable');
    await store.releaseSeat(trx, row.slot_id, at);
  });
  return toBooking({ ...row, status: 'cancelled', active_key: null, cancelled_at: at }, service);
}

/** Moves a booking to another free slot of the same service in one transaction: the new seat is taken before the old is freed. */
export async function rescheduleByToken(ctx: AppContext, token: string, startsAt: string): Promise<Booking> {
  const { row, service } = await byToken(ctx, token);
  if (row.status !== 'booked') throw new AppError(409, 'booking_not_cancellable');
  const { slot, date } = await bookableSlot(ctx, ctx.db, service, startsAt);
  if (slot.startsAt === row.starts_at) return toBooking(row, service);
  if (slot.free <= 0) throw new AppError(409, 'slot_full', {}, { startsAt: 'slot_full' });
  const at = ctx.now().toISOString();
  const set = { starts_at: slot.startsAt, local_date: date, updated_at: at, reminded_at: null, erase_after: addDays(date, service.booking_retention_days ?? ctx.config.bookingRetentionDays) };
  let slotId = '';
  await ctx.db.transaction().execute(async (trx) => {
    const slotRow = await store.ensureSlot(trx, { service_id: service.id, centre_id: service.centre_id, starts_at: slot.startsAt, local_date: date, local_time: slot.localTime, capacity: slot.capacity, updated_at: at });
    if (!(await store.takeSeat(trx, slotRow.id, at))) throw new AppError(409, 'slot_full', {}, { startsAt: 'slot_full' });
    slotId = slotRow.id;
    if (!(await store.updateAppointment(trx, row.id, { ...set, slot_id: slotRow.id }, ['booked']))) throw new AppError(409, 'booking_not_cancellable');
    await store.releaseSeat(trx, row.slot_id, at);
  });
  return toBooking({ ...row, ...set, slot_id: slotId }, service);
}

// Check-in -------------------------------------------------------------------------------------

export interface CheckedIn {
  booking: Booking;
  ticket: { id: string; number: string; serviceId: string };
  visitToken: string;
}

/**
 * Checks a client in: the document typed must be the one booked with (a booking is not
 * transferable), at the booking's centre, within the service's window around the booked time
 * (too early → come back later; late → a walk-in ticket instead). Issues a ticket with appointment
 * priority at the booked time; a repeated check-in returns the same ticket.
 */
async function checkIn(ctx: AppContext, row: store.AppointmentRow, service: store.BookableServiceRow, documentNumber: string, where: { centreId?: string | undefined; channel: 'kiosk' | 'pre_sorting' | 'walk_in'; createdBy: string }): Promise<CheckedIn> {
  const doc = normaliseDocumentNumber(documentNumber);
  if (!doc) throw invalid({ documentNumber: 'document_number_invalid' });
  const key = await identityKey(ctx);
  if (keyed(key, `document|${doc}`) !== row.document_hash) throw invalid({ documentNumber: 'document_mismatch' });
  if (where.centreId && where.centreId !== row.centre_id) throw new AppError(409, 'booking_other_centre');
  if (row.status !== 'booked' && row.status !== 'checked_in') throw new AppError(409, 'booking_not_active');
  const window = arrivalWindow(row.starts_at, ctx.now(), { earlyMinutes: service.checkin_early_minutes, lateMinutes: service.checkin_late_minutes });
  if (row.status === 'booked' && window === 'early') throw new AppError(409, 'checkin_too_early', { time: localTime(new Date(Date.parse(row.starts_at) - service.checkin_early_minutes * 60_000), service.time_zone).time });
  if (row.status === 'booked' && window === 'late') throw new AppError(409, 'checkin_late');
  const issued = await issueTicket(ctx, {
    centreId: row.centre_id,
    serviceId: row.service_id,
    language: row.language,
    priorityReason: 'appointment',
    appointmentAt: row.starts_at,
    clientName: row.client_name,
    needsMediator: row.needs_mediator === 1,
    channel: where.channel,
    idempotencyKey: `appointment:${row.id}`,
    createdBy: where.createdBy,
  });
  const at = ctx.now().toISOString();
  await store.updateAppointment(ctx.db, row.id, { status: 'checked_in', ticket_id: issued.ticket.id, visit_id: issued.visit.id, checked_in_at: row.checked_in_at ?? at, updated_at: at }, ['booked', 'checked_in']);
  const fresh = (await store.findAppointment(ctx.db, row.id))!;
  return { booking: toBooking(fresh, service), ticket: { id: issued.ticket.id, number: issued.ticket.number, serviceId: issued.ticket.serviceId }, visitToken: issued.visit.publicToken };
}

/** Check-in by booking code and document number (kiosk, pre-sorting). */
export async function checkInByCode(ctx: AppContext, code: string, documentNumber: string, where: { centreId?: string | undefined; channel: 'kiosk' | 'pre_sorting'; createdBy: string }): Promise<CheckedIn> {
  const normal = normaliseBookingCode(code);
  if (!normal) throw invalid({ code: 'booking_code_invalid' });
  const row = await store.findByCode(ctx.db, normal);
  if (!row) throw invalid({ code: 'booking_not_found' });
  const { service } = await withService(ctx, row);
  return checkIn(ctx, row, service, documentNumber, where);
}

/** Check-in on arrival through the manage link (with the document, like at the kiosk). */
export async function checkInByToken(ctx: AppContext, token: string, documentNumber: string): Promise<CheckedIn> {
  const { row, service } = await byToken(ctx, token);
  return checkIn(ctx, row, service, documentNumber, { channel: 'walk_in', createdBy: 'manage-link' });
}

// Staff ----------------------------------------------------------------------------------------

/** A centre's bookings of a day for staff; the read of clients' personal data is audited. */
export async function bookingsForStaff(ctx: AppContext, actor: StaffActor, centreId: string, date: string, serviceId?: string): Promise<Booking[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await store.bookingsOfDay(trx, centreId, date, serviceId);
    const services = new Map<string, store.BookableServiceRow>();
    for (const id of new Set(rows.map((r) => r.service_id))) services.set(id, (await store.findBookableService(trx, id))!);
    await appendAudit(trx, {
      actorId: actor.id,
      actorPartnerId: actor.partnerId,
      action: 'read',
      outcome: 'allowed',
      personId: null,
      section: 'appointments',
      purpose: 'appointments',
      detail: { what: 'bookings', centreId, date, serviceId: serviceId ?? null, bookings: rows.map((r) => r.id) },
      at: ctx.now().toISOString(),
    });
    return rows.map((r) => toBooking(r, services.get(r.service_id)!));
  });
}

/** Blocks or unblocks a slot (a staff absence, an event): a blocked slot takes no new bookings; existing ones stay. */
export async function setSlotBlocked(ctx: AppContext, serviceId: string, startsAt: string, blocked: boolean, reason: string | null): Promise<Slot> {
  const s = await bookableService(ctx.db, serviceId);
  const at = ctx.now().toISOString();
  const iso = Number.isFinite(Date.parse(startsAt)) ? new Date(startsAt).toISOString() : '';
  const date = iso ? localTime(new Date(iso), s.time_zone).date : '';
  const [day] = date ? await derivedDays(ctx.db, s, date, date) : [];
  const slot = day?.slots.find((x) => x.startsAt === iso);
  if (!slot) throw invalid({ startsAt: 'unknown_slot' });
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await store.ensureSlot(trx, { service_id: s.id, centre_id: s.centre_id, starts_at: slot.startsAt, local_date: date, local_time: slot.localTime, capacity: slot.capacity, updated_at: at });
    await store.setSlotBlocked(trx, r.id, blocked, reason, at);
    return (await store.findSlot(trx, s.id, slot.startsAt))!;
  });
  return { startsAt: row.starts_at, localTime: row.local_time, capacity: row.capacity, free: row.blocked ? 0 : Math.max(0, row.capacity - row.taken), blocked: row.blocked === 1 };
}

/** Closes a day for appointments at one centre, or at every centre (centreId null): a holiday. */
export async function addClosure(ctx: AppContext, input: { centreId: string | null; date: string; reason: string; createdBy: string }): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw invalid({ date: 'date_invalid' });
  await store.insertClosure(ctx.db, { centre_id: input.centreId, date: input.date, reason: input.reason, created_by: input.createdBy, created_at: ctx.now().toISOString() });
}

// Housekeeping ---------------------------------------------------------------------------------

/** Records a no-show for every booking not checked in by the end of its late window; the seat's person may book again. */
export async function recordNoShows(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const at = now.toISOString();
  let n = 0;
  for (const r of await store.bookedStartingBefore(ctx.db, at)) {
    if (Date.parse(r.starts_at) + r.checkin_late_minutes * 60_000 >= now.getTime()) continue;
    if (await store.updateAppointment(ctx.db, r.id, { status: 'no_show', active_key: null, updated_at: at }, ['booked'])) n++;
  }
  return n;
}

/** Erases bookings whose retention has passed (N days after the appointment's date). */
export async function eraseExpiredBookings(ctx: AppContext): Promise<number> {
  return store.eraseBookingsBefore(ctx.db, ctx.now().toISOString().slice(0, 10));
}

/** Marks a booking served when its ticket finished (called by the counter flow or housekeeping). */
export async function markServed(ctx: AppContext, ticketId: string): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.db.updateTable('appointment').set({ status: 'served', active_key: null, updated_at: at }).where('ticket_id', '=', ticketId).where('status', '=', 'checked_in').execute();
}

export const ACTIVE_BOOKING_STATUSES = ACTIVE_STATUSES;

/** Checked-in bookings whose ticket has ended become served (or no-show when the ticket was), freeing the person to book again. */
export async function settleCheckedIn(ctx: AppContext): Promise<number> {
  const at = ctx.now().toISOString();
  const rows = await ctx.db
    .selectFrom('appointment')
    .innerJoin('ticket', 'ticket.id', 'appointment.ticket_id')
    .select(['appointment.id', 'ticket.status as ticket_status'])
    .where('appointment.status', '=', 'checked_in')
    .where('ticket.status', 'in', ['done', 'no_show', 'cancelled', 'transferred'])
    .execute();
  let n = 0;
  for (const r of rows) {
    const status = r.ticket_status === 'no_show' ? 'no_show' : 'served';
    if (await store.updateAppointment(ctx.db, r.id, { status, active_key: null, updated_at: at }, ['checked_in'])) n++;
  }
  return n;
}

/** The appointments' housekeeping (every few minutes on every node; each step idempotent). */
export async function appointmentHousekeeping(ctx: AppContext): Promise<{ noShows: number; settled: number; erased: number }> {
  return { noShows: await recordNoShows(ctx), settled: await settleCheckedIn(ctx), erased: await eraseExpiredBookings(ctx) };
}
