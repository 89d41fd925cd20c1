import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';

const MONDAY_9H = new Date('2026-11-23T09:00:00Z');
const BODY = { name: 'Омар Хан', documentNumber: 'P-7788991', birthDate: '1988-01-30', phone: '+351 912 345 678', language: 'ar', needsMediator: true };

describe.each(TEST_DATABASES)('appointments API on %s', (kind) => {
  let api: TestApi;
  let social: string;

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_9H);
    social = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', await api.centreId('lisboa')).where('ticket_prefix', '=', 'S').executeTakeFirstOrThrow()).id;
    await api.ctx.db.updateTable('service').set({ appointments_enabled: 1 }).where('id', '=', social).execute();
  });
  afterEach(async () => api.close());

  it('books through the API, manages by the secret link and checks in at pre-sorting; a staff read is audited', async () => {
    const services = (await api.anonymous.request('GET', `/api/appointments/services?centreId=${await api.centreId('lisboa')}`)).json();
    expect(services.map((s: { id: string }) => s.id)).toEqual([social]);
    const slots = (await api.anonymous.request('GET', `/api/appointments/services/${social}/slots?from=2026-11-24&days=1`)).json();
    const slot = slots.days[0].slots[0];
    expect(slot).toMatchObject({ localTime: '08:00', free: 2 });

    const made = await api.anonymous.request('POST', '/api/appointments/bookings', { ...BODY, serviceId: social, startsAt: slot.startsAt });
    expect(made.statusCode).toBe(201);
    const { booking, manageToken, managePath } = made.json();
    expect(managePath).toBe(`/ar/appointments/manage/${manageToken}`);
    expect(booking).toMatchObject({ status: 'booked', phone: '+351912345678', needsMediator: true, language: 'ar' });

    // The same person again: a clear 409 in the client's language, nothing written.
    const again = await api.anonymous.request('POST', '/api/appointments/bookings', { ...BODY, serviceId: social, startsAt: slots.days[0].slots[1].startsAt }, { 'accept-language': 'ar' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_booked', message: 'لديك حجز بالفعل لهذه الخدمة. ألغه أو غيّره من خلال الرابط الذي وصلك.' });
    const bad = await api.anonymous.request('POST', '/api/appointments/bookings', { ...BODY, phone: 'abc', serviceId: social, startsAt: slot.startsAt }, { 'accept-language': 'pt-PT' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ phone: 'Escreva o telefone com o indicativo do país, p. ex. +351 912 345 678.' });
    expect(await api.ctx.db.selectFrom('appointment').select('id').execute()).toHaveLength(1);

    expect((await api.anonymous.request('GET', `/api/appointments/manage/${manageToken}`)).json().code).toBe(booking.code);
    expect((await api.anonymous.request('GET', '/api/appointments/manage/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    const moved = await api.anonymous.request('POST', `/api/appointments/manage/${manageToken}/reschedule`, { startsAt: slots.days[0].slots[3].startsAt });
    expect(moved.json()).toMatchObject({ localTime: '09:30' });

    api.setNow(new Date('2026-11-24T09:20:00Z'));
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const checked = await mediator.request('POST', '/api/appointments/check-in', { code: booking.code, documentNumber: 'p7788991', centreId: lisboa });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ booking: { status: 'checked_in' }, ticket: { number: 'S001' } });
    // Porto's manager may not check in at Lisbon.
    const porto = await api.signIn('gestor.porto');
    expect((await porto.request('POST', '/api/appointments/check-in', { code: booking.code, documentNumber: 'p7788991', centreId: lisboa })).statusCode).toBe(403);
    // Anonymous callers may not use the kiosk check-in.
    expect((await api.anonymous.request('POST', '/api/appointments/check-in', { code: booking.code, documentNumber: 'p7788991', centreId: lisboa })).statusCode).toBe(401);

    const before = Number((await api.ctx.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const day = await mediator.request('GET', `/api/appointments/bookings?centreId=${lisboa}&date=2026-11-24`);
    expect(day.json().map((b: { clientName: string }) => b.clientName)).toEqual(['Омар Хан']);
    const entries = await api.ctx.db.selectFrom('audit_entry').selectAll().where('seq', '>', before).execute();
    expect(entries.map((e) => [e.action, e.section, JSON.parse(e.detail).what])).toEqual([['read', 'appointments', 'bookings']]);
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = (await api.anonymous.request('GET', '/api/openapi.json')).json();
    for (const path of ['/api/appointments/services/{serviceId}/slots', '/api/appointments/bookings', '/api/appointments/manage/{token}', '/api/appointments/check-in']) expect(Object.keys(doc.paths)).toContain(path);
  });
});
