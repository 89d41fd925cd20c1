import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { cookieFrom, openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z');

describe.each(TEST_DATABASES)('the display board on %s', (kind) => {
  let api: TestApi;
  let lisboa: string;
  let services: Record<string, string>;
  let counters: { id: string; number: number; serviceIds: string[] }[];

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    lisboa = await api.centreId('lisboa');
    const config = (await (await api.signIn('gestor.lisboa')).request('GET', `/api/centres/${lisboa}`)).json();
    services = Object.fromEntries(config.services.map((s: { ticketPrefix: string; id: string }) => [s.ticketPrefix, s.id]));
    counters = config.counters;
  });
  afterEach(async () => api.close());

  async function pairedBoard(): Promise<Client> {
    const manager = await api.signIn('gestor.lisboa');
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'display', name: 'Sala' })).json();
    const cookie = cookieFrom(await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }));
    return { cookie, csrfToken: '', request: (method, url, body, headers = {}) => api.app.inject({ method, url, headers: { cookie, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) }) };
  }

  it('marks as calling only the calls whose client has not reached the counter yet', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const w1 = counters.find((c) => c.serviceIds.includes(services.W!));
    await mediator.request('POST', '/api/visits', { serviceId: services.W, language: 'ar' });
    await mediator.request('POST', '/api/visits', { serviceId: services.W, language: 'ur' });
    await mediator.request('POST', `/api/counters/${w1!.id}/session`, {});
    const first = (await mediator.request('POST', `/api/counters/${w1!.id}/call-next`)).json();
    await mediator.request('POST', `/api/tickets/${first.ticket.id}/finish`, { outcome: 'resolved' });
    const second = (await mediator.request('POST', `/api/counters/${w1!.id}/call-next`)).json();
    expect(second.ticket?.id).toBeTruthy();

    const body = (await (await pairedBoard()).request('GET', `/api/centres/${lisboa}/recent-calls`)).json();
    const byId = Object.fromEntries(body.calls.map((c: { ticketId: string; calling: boolean }) => [c.ticketId, c.calling]));
    expect(byId).toEqual({ [first.ticket.id]: false, [second.ticket.id]: true });
    expect(body.notice).toBeNull();
  });

  it('lets the centre manager set and clear the notice line, tells the boards, and refuses others and bad input', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const set = await manager.request('PUT', `/api/centres/${lisboa}/board-notice`, { notice: '  Closed on Friday   for a holiday ' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ centreId: lisboa, notice: 'Closed on Friday for a holiday' });
    const board = await pairedBoard();
    expect((await board.request('GET', `/api/centres/${lisboa}/recent-calls`)).json().notice).toBe('Closed on Friday for a holiday');
    const events = await api.ctx.db.selectFrom('centre_event').select(['type', 'payload']).where('centre_id', '=', lisboa).where('type', '=', 'board.notice').execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([{ notice: 'Closed on Friday for a holiday' }]);

    expect((await manager.request('PUT', `/api/centres/${lisboa}/board-notice`, { notice: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await manager.request('PUT', `/api/centres/${lisboa}/board-notice`, { text: 'wrong field' })).statusCode).toBe(400);
    const mediator = await api.signIn('mediador.lisboa');
    expect((await mediator.request('PUT', `/api/centres/${lisboa}/board-notice`, { notice: 'no' })).statusCode).toBe(403);
    const porto = await api.centreId('porto');
    expect((await manager.request('PUT', `/api/centres/${porto}/board-notice`, { notice: 'no' })).statusCode).toBe(403);
    expect((await board.request('PUT', `/api/centres/${lisboa}/board-notice`, { notice: 'no' })).statusCode).toBeGreaterThanOrEqual(401);

    const cleared = await manager.request('PUT', `/api/centres/${lisboa}/board-notice`, { notice: '   ' });
    expect(cleared.json().notice).toBeNull();
    expect((await board.request('GET', `/api/centres/${lisboa}/recent-calls`)).json().notice).toBeNull();
  });
});
