import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z');

/**
 * Requests that arrive at the same instant, through HTTP like real clients: numbering, retries
 * with one Idempotency-Key, and a double press of "call next" must each come out as if they had
 * come one after the other.
 */
describe.each(TEST_DATABASES)('simultaneous requests on %s', (kind) => {
  let api: TestApi;
  let mediator: Client;
  let lisboa: string;
  let w: string;
  let counterId: string;

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    mediator = await api.signIn('mediador.lisboa');
    lisboa = await api.centreId('lisboa');
    const config = (await mediator.request('GET', `/api/centres/${lisboa}`)).json();
    w = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    counterId = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(w)).id;
  });
  afterEach(async () => api.close());

  const ticketsOf = () => api.ctx.db.selectFrom('ticket').select(['id', 'number', 'status', 'counter_id']).where('service_id', '=', w).execute();

  it('numbers tickets issued at the same instant without a duplicate or a gap', async () => {
    const desks = [mediator, await api.signIn('gestor.lisboa'), await api.signIn('mediador.lisboa')];
    const issued = await Promise.all(Array.from({ length: 12 }, (_, i) => desks[i % desks.length]!.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' })));
    expect(issued.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = issued.map((r) => r.json().ticket.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `W${String(i + 1).padStart(3, '0')}`));
    expect((await ticketsOf()).map((t) => t.number).sort()).toEqual(numbers);
  });

  it('makes one ticket when the same Idempotency-Key arrives several times at once', async () => {
    const key = { 'idempotency-key': 'kiosk-7-retry-0001' };
    const all = await Promise.all(Array.from({ length: 6 }, () => mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk' }, key)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const answers = all.map((r) => r.json());
    expect(new Set(answers.map((a) => a.ticket.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.visit.publicToken)).size).toBe(1);
    expect(await ticketsOf()).toHaveLength(1);
    expect(await api.ctx.db.selectFrom('visit').select('id').execute()).toHaveLength(1);
  });

  it('calls one ticket when one counter presses "call next" twice at once; the other press gets a 409', async () => {
    for (let i = 0; i < 3; i++) expect((await mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' })).statusCode).toBe(201);
    expect((await mediator.request('POST', `/api/counters/${counterId}/session`, {})).statusCode).toBe(200);
    const presses = await Promise.all([mediator.request('POST', `/api/counters/${counterId}/call-next`), mediator.request('POST', `/api/counters/${counterId}/call-next`)]);
    expect(presses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = presses.find((r) => r.statusCode === 409)!;
    expect(refused.json().error.code).toBe('counter_busy');
    const called = (await ticketsOf()).filter((t) => t.status === 'called');
    expect(called).toHaveLength(1);
    expect(called[0]!.id).toBe(presses.find((r) => r.statusCode === 200)!.json().ticket.id);
    // The one call is the one event the boards hear.
    const calls = await api.ctx.db.selectFrom('centre_event').select('type').where('centre_id', '=', lisboa).where('type', '=', 'ticket.called').execute();
    expect(calls).toHaveLength(1);
  });
});
