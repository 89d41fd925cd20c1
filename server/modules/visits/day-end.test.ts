import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';
import { closeEndedDays } from './service.ts';

const MONDAY_18H = new Date('2026-11-23T18:00:00Z');
const TUESDAY_9H = new Date('2026-11-24T09:00:00Z');

/** A day's open tickets end with the day: the next morning starts from an empty queue. */
describe.each(TEST_DATABASES)('the end of a centre day on %s', (kind) => {
  let api: TestApi;
  let mediator: Client;
  let w: string;
  let counterId: string;

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_18H);
    mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const config = (await mediator.request('GET', `/api/centres/${lisboa}`)).json();
    w = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    counterId = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(w)).id;
  });
  afterEach(async () => api.close());

  it("cancels yesterday's open tickets, closes their visits, and never calls them the next morning", async () => {
    const monday = [];
    for (let i = 0; i < 3; i++) monday.push((await mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' })).json());
    expect((await mediator.request('POST', `/api/counters/${counterId}/session`, {})).statusCode).toBe(200);
    expect((await mediator.request('POST', `/api/counters/${counterId}/call-next`)).statusCode).toBe(200);
    // Still Monday: nothing has ended.
    expect(await closeEndedDays(api.ctx)).toBe(0);

    api.setNow(TUESDAY_9H);
    expect(await closeEndedDays(api.ctx)).toBe(3);
    const tickets = await api.ctx.db.selectFrom('ticket').select(['status', 'outcome', 'finished_at']).where('service_id', '=', w).execute();
    expect(tickets).toHaveLength(3);
    for (const t of tickets) expect(t).toEqual({ status: 'cancelled', outcome: 'day_ended', finished_at: TUESDAY_9H.toISOString() });
    const visits = await api.ctx.db.selectFrom('visit').select(['id', 'status', 'closed_at']).where('id', 'in', monday.map((m) => m.visit.id)).execute();
    expect(visits.map((v) => v.status)).toEqual(['done', 'done', 'done']);
    const events = await api.ctx.db.selectFrom('centre_event').select('type').where('type', '=', 'ticket.cancelled').execute();
    expect(events).toHaveLength(3);
    // Run again: nothing more to do.
    expect(await closeEndedDays(api.ctx)).toBe(0);

    // Tuesday's first client is the one called, not Monday's (a new day, a new sign-in).
    mediator = await api.signIn('mediador.lisboa');
    const tuesday = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk' })).json();
    const counterTicket = await api.ctx.db.selectFrom('ticket').select('id').where('counter_id', '=', counterId).where('status', 'in', ['called', 'serving']).execute();
    expect(counterTicket).toEqual([]);
    const called = await mediator.request('POST', `/api/counters/${counterId}/call-next`);
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().ticket.id).toBe(tuesday.ticket.id);
    expect((await mediator.request('POST', `/api/counters/${counterId}/call-next`)).statusCode).toBe(409);
  });
});
