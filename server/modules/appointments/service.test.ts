import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import type { AppError } from '../../http/errors.ts';
import * as appointments from './service.ts';

// Monday 23 November 2026, 09:00 in Lisbon (UTC in winter).
const MONDAY_9H = new Date('2026-11-23T09:00:00Z');
const PERSON = { name: 'Ana Sousa', documentNumber: 'AB 123 456', birthDate: '1990-04-12', email: 'ana@example.pt', language: 'uk' };

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe.each(TEST_DATABASES)('appointments on %s', (kind) => {
  let api: TestApi;
  let social: string; // Lisboa social security: 3 counters × 15 min
  let school: string; // Faro school enrolment: 1 counter × 15 min → 0.8 seats per half hour

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_9H);
    const ids = async (centre: string, prefix: string) =>
      (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', await api.centreId(centre)).where('ticket_prefix', '=', prefix).executeTakeFirstOrThrow()).id;
    social = await ids('lisboa', 'S');
    school = await ids('faro', 'E');
    await api.ctx.db.updateTable('service').set({ appointments_enabled: 1 }).where('id', 'in', [social, school]).execute();
  });
  afterEach(async () => api.close());

  it('offers slots from opening hours, counters and the appointment share, only in the future', async () => {
    const a = await appointments.availability(api.ctx, social, undefined, 7);
    expect(a.days.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    const today = a.days[0]!;
    expect(today.slots[0]!.startsAt).toBe('2026-11-23T09:30:00.000Z'); // 08:00–09:00 already past
    const tuesday = a.days[1]!;
    expect(tuesday.slots).toHaveLength(20); // 08:00 … 17:30
    expect(tuesday.slots.reduce((n, s) => n + s.capacity, 0)).toBe(48); // 3 counters × 10 h × 4/h × 40%
    expect(a.days[5]!.slots).toEqual([]); // Saturday
  });

  it('has no slots on a holiday of the network or an exception of the centre', async () => {
    await appointments.addClosure(api.ctx, { centreId: null, date: '2026-11-24', reason: 'holiday', createdBy: 'test' });
    await appointments.addClosure(api.ctx, { centreId: await api.centreId('faro'), date: '2026-11-25', reason: 'works', createdBy: 'test' });
    const lisboa = await appointments.availability(api.ctx, social, '2026-11-24', 2);
    expect(lisboa.days.map((d) => [d.closed, d.slots.length])).toEqual([[true, 0], [false, 20]]);
    const faro = await appointments.availability(api.ctx, school, '2026-11-25', 1);
    expect(faro.days[0]).toMatchObject({ closed: true, slots: [] });
  });

  it('books a slot: a code, a manage link, the seat taken, no identity stored in the clear', async () => {
    const made = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    expect(made.booking).toMatchObject({ status: 'booked', localDate: '2026-11-24', localTime: '10:00', clientName: 'Ana Sousa', language: 'uk' });
    expect(made.booking.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const row = await api.ctx.db.selectFrom('appointment').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/AB ?123 ?456|1990-04-12/);
    expect(row.manage_token_hash).not.toBe(made.manageToken);
    expect(row.erase_after).toBe('2026-12-24');
    expect((await appointments.bookingByToken(api.ctx, made.manageToken)).code).toBe(made.booking.code);
    const slot = (await appointments.availability(api.ctx, social, '2026-11-24', 1)).days[0]!.slots.find((s) => s.localTime === '10:00')!;
    expect(slot.free).toBe(slot.capacity - 1);
  });

  it('refuses bad input field by field, and writes nothing', async () => {
    const bad = await refused(appointments.book(api.ctx, { serviceId: social, startsAt: '2026-11-24T10:00:00Z', name: ' ', documentNumber: '1', birthDate: '1990-02-30', email: 'not-an-email', phone: '12', language: 'xx' }));
    expect(bad.status).toBe(400);
    expect(bad.fields).toEqual({ name: 'name_required', documentNumber: 'document_number_invalid', birthDate: 'birth_date_invalid', email: 'email_invalid', phone: 'phone_invalid', language: 'unknown_language' });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-23T08:30:00Z' }))).fields).toEqual({ startsAt: 'slot_past' });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:10:00Z' }))).fields).toEqual({ startsAt: 'unknown_slot' });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-28T10:00:00Z' }))).fields).toEqual({ startsAt: 'unknown_slot' });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, serviceId: 'nope', startsAt: '2026-11-24T10:00:00Z' }))).fields).toEqual({ serviceId: 'unknown_service' });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, email: '', serviceId: social, startsAt: '2026-11-24T10:00:00Z' }))).fields).toEqual({ email: 'contact_required' });
    expect(await api.ctx.db.selectFrom('appointment').select('id').execute()).toEqual([]);
    expect(await api.ctx.db.selectFrom('appointment_slot').select('id').execute()).toEqual([]);
  });

  it('keeps one active booking per person and service; a cancelled one frees the seat and the person', async () => {
    const first = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    // The same document typed differently, another email: still the same person.
    const again = await refused(appointments.book(api.ctx, { ...PERSON, documentNumber: 'ab123456', email: 'other@example.pt', serviceId: social, startsAt: '2026-11-25T10:00:00Z' }));
    expect([again.status, again.code]).toEqual([409, 'already_booked']);
    const seats = async () => (await api.ctx.db.selectFrom('appointment_slot').select(['starts_at', 'taken']).orderBy('starts_at').execute()).map((r) => [r.starts_at, Number(r.taken)]);
    expect(await seats()).toEqual([['2026-11-24T10:00:00.000Z', 1]]);
    // Another service is another booking.
    await appointments.book(api.ctx, { ...PERSON, serviceId: school, startsAt: '2026-11-24T10:00:00Z' });
    await appointments.cancelByToken(api.ctx, first.manageToken);
    expect((await refused(appointments.cancelByToken(api.ctx, first.manageToken))).code).toBe('booking_not_cancellable');
    const second = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-25T10:00:00Z' });
    expect(second.booking.status).toBe('booked');
  });

  it('never sells a seat twice: a full slot is refused and a reschedule moves the seat', async () => {
    // Faro school enrolment: 08:30 has one seat (0.8 per half hour, carried).
    const day = (await appointments.availability(api.ctx, school, '2026-11-24', 1)).days[0]!;
    const one = day.slots.find((s) => s.capacity === 1)!;
    const zero = day.slots.find((s) => s.capacity === 0)!;
    expect((await refused(appointments.book(api.ctx, { ...PERSON, serviceId: school, startsAt: zero.startsAt }))).code).toBe('slot_full');
    const a = await appointments.book(api.ctx, { ...PERSON, serviceId: school, startsAt: one.startsAt });
    const full = await refused(appointments.book(api.ctx, { ...PERSON, documentNumber: 'ZX998877', serviceId: school, startsAt: one.startsAt }));
    expect([full.status, full.code]).toEqual([409, 'slot_full']);
    const other = day.slots.find((s) => s.capacity === 1 && s.startsAt !== one.startsAt)!;
    const moved = await appointments.rescheduleByToken(api.ctx, a.manageToken, other.startsAt);
    expect(moved.startsAt).toBe(other.startsAt);
    const after = (await appointments.availability(api.ctx, school, '2026-11-24', 1)).days[0]!.slots;
    expect(after.find((s) => s.startsAt === one.startsAt)!.free).toBe(1);
    expect(after.find((s) => s.startsAt === other.startsAt)!.free).toBe(0);
  });

  it('a blocked slot takes no new booking, and keeps the ones it has', async () => {
    const a = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    const blocked = await appointments.setSlotBlocked(api.ctx, social, '2026-11-24T10:00:00Z', true, 'staff absence');
    expect(blocked).toMatchObject({ blocked: true, free: 0 });
    expect((await refused(appointments.book(api.ctx, { ...PERSON, documentNumber: 'ZX998877', serviceId: social, startsAt: '2026-11-24T10:00:00Z' }))).code).toBe('slot_full');
    expect((await appointments.bookingByToken(api.ctx, a.manageToken)).status).toBe('booked');
  });

  it('checks in with the booked document within the window; early and late are told apart', async () => {
    const made = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    const lisboa = await api.centreId('lisboa');
    const where = { centreId: lisboa, channel: 'kiosk' as const, createdBy: 'kiosk' };
    api.setNow(new Date('2026-11-24T08:30:00Z'));
    const early = await refused(appointments.checkInByCode(api.ctx, made.booking.code, PERSON.documentNumber, where));
    expect([early.code, early.vars]).toEqual(['checkin_too_early', { time: '09:00' }]);
    api.setNow(new Date('2026-11-24T09:50:00Z'));
    expect((await refused(appointments.checkInByCode(api.ctx, made.booking.code, 'ZZ000000', where))).fields).toEqual({ documentNumber: 'document_mismatch' });
    expect((await refused(appointments.checkInByCode(api.ctx, made.booking.code, PERSON.documentNumber, { ...where, centreId: await api.centreId('porto') }))).code).toBe('booking_other_centre');
    const done = await appointments.checkInByCode(api.ctx, made.booking.code.toLowerCase().replace('-', ' '), PERSON.documentNumber, where);
    expect(done.booking.status).toBe('checked_in');
    expect(done.ticket.number).toMatch(/^S\d{3}$/);
    const ticket = await api.ctx.db.selectFrom('ticket').selectAll().where('id', '=', done.ticket.id).executeTakeFirstOrThrow();
    expect([ticket.priority, ticket.appointment_at, ticket.language]).toEqual(['appointment', '2026-11-24T10:00:00.000Z', 'uk']);
    // A second check-in (a double tap) gives the same ticket.
    expect((await appointments.checkInByToken(api.ctx, made.manageToken, PERSON.documentNumber)).ticket.id).toBe(done.ticket.id);

    const late = await appointments.book(api.ctx, { ...PERSON, documentNumber: 'ZX998877', serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    api.setNow(new Date('2026-11-24T10:16:00Z'));
    expect((await refused(appointments.checkInByCode(api.ctx, late.booking.code, 'ZX998877', where))).code).toBe('checkin_late');
  });

  it('records no-shows after the grace period and erases bookings after the retention days', async () => {
    const made = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
    api.setNow(new Date('2026-11-24T10:10:00Z'));
    expect(await appointments.recordNoShows(api.ctx)).toBe(0);
    api.setNow(new Date('2026-11-24T10:20:00Z'));
    expect(await appointments.recordNoShows(api.ctx)).toBe(1);
    expect((await appointments.bookingByToken(api.ctx, made.manageToken)).status).toBe('no_show');
    api.setNow(new Date('2026-12-24T12:00:00Z'));
    expect(await appointments.eraseExpiredBookings(api.ctx)).toBe(0);
    api.setNow(new Date('2026-12-25T00:30:00Z'));
    expect(await appointments.eraseExpiredBookings(api.ctx)).toBe(1);
    expect(await api.ctx.db.selectFrom('appointment').select('id').execute()).toEqual([]);
  });

  it('refuses a person who keeps booking and cancelling', async () => {
    for (let i = 0; i < api.ctx.config.bookingsPerIdentityPerDay; i++) {
      const made = await appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' });
      await appointments.cancelByToken(api.ctx, made.manageToken);
    }
    const err = await refused(appointments.book(api.ctx, { ...PERSON, serviceId: social, startsAt: '2026-11-24T10:00:00Z' }));
    expect([err.status, err.code]).toEqual([429, 'too_many_bookings']);
  });
});
