import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';

describe.each(TEST_DATABASES)("the children's room on %s", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-23T10:00:00Z'));
  });
  afterEach(async () => api.close());

  it("checks a child in against the guardian's ticket, the guardian's counter sees it, and checks out", async () => {
    const lisboa = await api.centreId('lisboa');
    const mediator = await api.signIn('mediador.lisboa');
    const services = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items as { id: string; ticketPrefix: string }[];
    const aService = services.find((s) => s.ticketPrefix === 'A')!.id;
    const ticket = (await mediator.request('POST', '/api/visits', { serviceId: aService, language: 'fr' })).json().ticket;

    const attendant = await api.signIn('criancas.lisboa');
    const bad = await attendant.request('POST', `/api/centres/${lisboa}/children`, { ticketNumber: 'Z999', childName: 'Awa' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.ticketNumber).toBe('No ticket with this number was issued here today.');

    const checkIn = await attendant.request('POST', `/api/centres/${lisboa}/children`, { ticketNumber: ` ${ticket.number.toLowerCase()} `, childName: 'Awa', ageYears: 4, notes: 'Alergia a amendoins' });
    expect(checkIn.statusCode).toBe(201);
    expect(checkIn.json()).toMatchObject({ guardianTicket: ticket.number, childName: 'Awa', visitId: ticket.visitId });
    const inRoom = (await attendant.request('GET', `/api/centres/${lisboa}/children`)).json().items;
    expect(inRoom.map((c: { childName: string }) => c.childName)).toEqual(['Awa']);

    const aima = await api.signIn('aima.lisboa');
    const snapshot = (await aima.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(snapshot.waiting.find((w: { id: string }) => w.id === ticket.id).childrenInRoom).toBe(1);
    // An agency officer does not run the children's room.
    expect((await aima.request('GET', `/api/centres/${lisboa}/children`)).statusCode).toBe(403);

    expect((await attendant.request('POST', `/api/children/${checkIn.json().id}/check-out`)).statusCode).toBe(204);
    expect((await attendant.request('POST', `/api/children/${checkIn.json().id}/check-out`)).statusCode).toBe(409);
    expect((await attendant.request('GET', `/api/centres/${lisboa}/children`)).json().items).toEqual([]);
    const events = await api.ctx.db.selectFrom('centre_event').select(['type', 'payload']).where('type', 'like', 'child.%').execute();
    expect(events.map((e) => e.type)).toEqual(['child.checked_in', 'child.checked_out']);
    expect(events.map((e) => e.payload).join()).not.toMatch(/Awa|amendoins/);
  });
});
