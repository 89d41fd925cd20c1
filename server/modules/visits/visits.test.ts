import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { cookieFrom, openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z'); // 10:00 in Lisbon (UTC in winter)

describe.each(TEST_DATABASES)('the visit on %s', (kind) => {
  let api: TestApi;
  let lisboa: string;
  let services: Record<string, string>; // prefix → id
  let counters: { id: string; number: number; serviceIds: string[] }[];

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    clock = MONDAY_10H.getTime();
    lisboa = await api.centreId('lisboa');
    const admin = await api.signIn('gestor.lisboa');
    const config = (await admin.request('GET', `/api/centres/${lisboa}`)).json();
    services = Object.fromEntries(config.services.map((s: { ticketPrefix: string; id: string }) => [s.ticketPrefix, s.id]));
    counters = config.counters;
  });
  afterEach(async () => api.close());

  let clock = MONDAY_10H.getTime();
  /** Moves the clock on, as real time passes between steps of a visit. */
  const tick = (seconds = 30) => {
    clock += seconds * 1000;
    api.setNow(new Date(clock));
  };

  const counterFor = (prefix: string, nth = 0) => counters.filter((c) => c.serviceIds.includes(services[prefix]!))[nth]!;

  async function pairedKiosk(kind: 'kiosk' | 'display' = 'kiosk'): Promise<Client> {
    const manager = await api.signIn('gestor.lisboa');
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind, name: 'Entrada' })).json();
    const paired = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode });
    const cookie = cookieFrom(paired);
    return { cookie, csrfToken: '', request: (method, url, body, headers = {}) => api.app.inject({ method, url, headers: { cookie, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) }) };
  }

  it('runs a visit: kiosk ticket → sorting routes it to two desks → each desk calls and finishes → the phone page shows every step', async () => {
    const kiosk = await pairedKiosk();
    const issued = await kiosk.request('POST', '/api/visits', { serviceId: services.W, language: 'uk' }, { 'idempotency-key': 'kiosk-1-0001' });
    expect(issued.statusCode).toBe(201);
    const { ticket, ticketUrl } = issued.json();
    expect(ticket).toMatchObject({ number: 'W001', status: 'waiting', language: 'uk' });
    expect(issued.json().service).toMatchObject({ ticketPrefix: 'W', name: { en: 'Welcoming and sorting' } });
    const token = ticketUrl.split('/').pop();

    // A kiosk retry with the same key gets the same ticket, not a second one.
    const retry = await kiosk.request('POST', '/api/visits', { serviceId: services.W, language: 'uk' }, { 'idempotency-key': 'kiosk-1-0001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().ticket.id).toBe(ticket.id);

    const phone1 = (await api.anonymous.request('GET', `/api/t/${token}`)).json();
    expect(phone1.current).toMatchObject({ number: 'W001', status: 'waiting', position: 1 });
    expect(phone1.current.expectedWaitMinutes).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(phone1)).not.toMatch(/clientName|uk-name/);

    const mediator = await api.signIn('mediador.lisboa');
    const w = counterFor('W');
    expect((await mediator.request('POST', `/api/counters/${w.id}/session`, { languages: ['pt-PT', 'uk'] })).statusCode).toBe(200);
    const called = await mediator.request('POST', `/api/counters/${w.id}/call-next`);
    expect(called.json()).toMatchObject({ ticket: { id: ticket.id, status: 'called' }, counterNumber: w.number });
    expect((await api.anonymous.request('GET', `/api/t/${token}`)).json().current).toMatchObject({ status: 'called', counterNumber: w.number });

    tick();
    await mediator.request('POST', `/api/tickets/${ticket.id}/start`);
    tick(300);
    // The same desk twice in a row is one visit there: refused, with the field named.
    const repeated = await mediator.request('PUT', `/api/visits/${ticket.visitId}/route`, { serviceIds: [services.A, services.A] }, { 'accept-language': 'en' });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.fields.serviceIds).toMatch(/twice in a row/);
    const routed = await mediator.request('PUT', `/api/visits/${ticket.visitId}/route`, { serviceIds: [services.A, services.S], clientName: 'Olena K.' });
    expect(routed.statusCode).toBe(200);
    const fin1 = await mediator.request('POST', `/api/tickets/${ticket.id}/finish`, { outcome: 'referred' });
    expect(fin1.json().next).toMatchObject({ number: 'A001', status: 'waiting', language: 'uk', visitId: ticket.visitId });

    const aima = await api.signIn('aima.lisboa');
    const a = counterFor('A');
    await aima.request('POST', `/api/counters/${a.id}/session`, {});
    tick();
    const calledA = (await aima.request('POST', `/api/counters/${a.id}/call-next`)).json();
    expect(calledA.ticket.number).toBe('A001');
    // The AIMA counter sees where the visit goes after it.
    const atA = (await aima.request('GET', `/api/centres/${lisboa}/snapshot`)).json().counters.find((c: { counterId: string }) => c.counterId === a.id);
    expect(atA.current).toMatchObject({ number: 'A001', route: [services.S] });
    await aima.request('POST', `/api/tickets/${calledA.ticket.id}/start`);
    tick(600);
    const fin2 = (await aima.request('POST', `/api/tickets/${calledA.ticket.id}/finish`, { outcome: 'needs_documents', note: 'Traz o contrato' })).json();
    expect(fin2.next.number).toBe('S001');

    const phone = (await api.anonymous.request('GET', `/api/t/${token}`)).json();
    expect(phone.tickets.map((t: { number: string; status: string }) => `${t.number}:${t.status}`)).toEqual(['W001:done', 'A001:done', 'S001:waiting']);
    expect(phone.current).toMatchObject({ number: 'S001', position: 1 });
    expect(JSON.stringify(phone)).not.toContain('Olena');
    expect(JSON.stringify(phone)).not.toContain('contrato');

    // Social Security serves S001 and the visit ends; an ended visit's route can no longer change.
    const ss = await api.signIn('ss.lisboa');
    const s = counterFor('S');
    await ss.request('POST', `/api/counters/${s.id}/session`, {});
    const calledS = (await ss.request('POST', `/api/counters/${s.id}/call-next`)).json();
    expect((await ss.request('POST', `/api/tickets/${calledS.ticket.id}/finish`, { outcome: 'resolved' })).json().next).toBeNull();
    const late = await mediator.request('PUT', `/api/visits/${ticket.visitId}/route`, { serviceIds: [services.A] }, { 'accept-language': 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('visit_closed');
  });

  it('tells a board switched on mid-morning the last calls (no names) and the event id to follow on from', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    await mediator.request('POST', '/api/visits', { serviceId: services.W, language: 'uk', clientName: 'Olena K.' });
    const w = counterFor('W');
    await mediator.request('POST', `/api/counters/${w.id}/session`, {});
    tick();
    const called = (await mediator.request('POST', `/api/counters/${w.id}/call-next`)).json();
    const board = await pairedKiosk('display');
    const res = await board.request('GET', `/api/centres/${lisboa}/recent-calls`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.calls).toEqual([expect.objectContaining({ ticketId: called.ticket.id, number: 'W001', counterNumber: w.number, language: 'uk' })]);
    expect(JSON.stringify(body)).not.toContain('Olena');
    const lastSeq = await api.ctx.db.selectFrom('centre_event_counter').select('last_seq').where('centre_id', '=', lisboa).executeTakeFirstOrThrow();
    expect(body.lastEventId).toBe(Number(lastSeq.last_seq));
    expect((await api.anonymous.request('GET', `/api/centres/${lisboa}/recent-calls`)).statusCode).toBe(401);
  });

  it("gives the centre's staff a ticket's receipt to print again (phone page QR included), and nobody else", async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const issued = (await mediator.request('POST', '/api/visits', { serviceId: services.A, language: 'ar', priorityReason: 'senior' })).json();
    const aima = await api.signIn('aima.lisboa');
    const receipt = await aima.request('GET', `/api/tickets/${issued.ticket.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ ticket: { number: 'A001', language: 'ar' }, ticketUrl: issued.ticketUrl, priorityReason: 'senior' });
    const porto = await api.signIn('gestor.porto');
    expect((await porto.request('GET', `/api/tickets/${issued.ticket.id}/receipt`)).statusCode).toBe(403);
    expect((await api.anonymous.request('GET', `/api/tickets/${issued.ticket.id}/receipt`)).statusCode).toBe(401);
    // An unknown ticket belongs to no centre: refused like any ticket action (deny by default).
    expect((await aima.request('GET', '/api/tickets/00000000-0000-4000-8000-000000000000/receipt')).statusCode).toBe(403);
  });

  it('numbers tickets per service and restarts every local day', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const issue = async (prefix: string) => (await mediator.request('POST', '/api/visits', { serviceId: services[prefix], language: 'pt-PT' })).json().ticket.number;
    expect([await issue('A'), await issue('A'), await issue('S'), await issue('A')]).toEqual(['A001', 'A002', 'S001', 'A003']);
    api.setNow(new Date('2026-11-24T08:30:00Z')); // the next day in Lisbon
    const nextDay = await api.signIn('mediador.lisboa');
    expect((await nextDay.request('POST', '/api/visits', { serviceId: services.A, language: 'pt-PT' })).json().ticket.number).toBe('A001');
  });

  it('calls priority first, and the counter sees waits, priorities, languages and mediator needs', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    await mediator.request('POST', '/api/visits', { serviceId: services.A, language: 'pt-PT' });
    api.setNow(new Date(MONDAY_10H.getTime() + 60_000));
    await mediator.request('POST', '/api/visits', { serviceId: services.A, language: 'ar', priorityReason: 'pregnancy', needsMediator: true });
    const manager = await api.signIn('gestor.lisboa');
    const snapshot = (await manager.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    const queue = snapshot.waiting.filter((t: { serviceId: string }) => t.serviceId === services.A);
    expect(queue.map((t: { number: string; priority: string; language: string; needsMediator: boolean }) => [t.number, t.priority, t.language, t.needsMediator])).toEqual([
      ['A002', 'legal', 'ar', true],
      ['A001', 'none', 'pt-PT', false],
    ]);
    expect(snapshot.queues.find((q: { ticketPrefix: string }) => q.ticketPrefix === 'A')).toMatchObject({ waiting: 2, longestWaitMinutes: 1 });
    const aima = await api.signIn('aima.lisboa');
    const a = counterFor('A');
    await aima.request('POST', `/api/counters/${a.id}/session`, {});
    expect((await aima.request('POST', `/api/counters/${a.id}/call-next`)).json().ticket.number).toBe('A002');
  });

  it('recalls, then records a no-show; parks and resumes; transfers with a link to the original', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const aima = await api.signIn('aima.lisboa');
    const a = counterFor('A');
    await aima.request('POST', `/api/counters/${a.id}/session`, {});
    for (let i = 0; i < 3; i++) {
      tick();
      await mediator.request('POST', '/api/visits', { serviceId: services.A, language: 'en' });
    }

    const first = (await aima.request('POST', `/api/counters/${a.id}/call-next`)).json().ticket;
    const tooSoon = await aima.request('POST', `/api/tickets/${first.id}/no-show`, undefined, { 'accept-language': 'en' });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.message).toMatch(/at least 1 recall/);
    expect((await aima.request('POST', `/api/tickets/${first.id}/recall`)).json().ticket.recallCount).toBe(1);
    expect((await aima.request('POST', `/api/tickets/${first.id}/no-show`)).json().status).toBe('no_show');

    const second = (await aima.request('POST', `/api/counters/${a.id}/call-next`)).json().ticket;
    await aima.request('POST', `/api/tickets/${second.id}/start`);
    expect((await aima.request('POST', `/api/tickets/${second.id}/park`, { note: 'A buscar passaporte' })).json().status).toBe('parked');
    const third = (await aima.request('POST', `/api/counters/${a.id}/call-next`)).json().ticket;
    expect(third.number).toBe('A003');
    expect((await aima.request('POST', `/api/tickets/${second.id}/resume`)).statusCode).toBe(409); // counter busy with A003
    const transferred = (await aima.request('POST', `/api/tickets/${third.id}/transfer`, { serviceId: services.J, note: 'Precisa de apoio jurídico' })).json();
    expect(transferred.ticket.status).toBe('transferred');
    expect(transferred.next).toMatchObject({ number: 'J001', transferredFrom: third.id, queuedAt: third.queuedAt, note: 'Precisa de apoio jurídico' });
    // Resuming calls the client back: a call the boards announce and the phone page shows.
    const resumed = (await aima.request('POST', `/api/tickets/${second.id}/resume`)).json();
    expect(resumed).toMatchObject({ status: 'called', calledAt: second.calledAt, recallCount: 0 });
    const lastEvent = await api.ctx.db.selectFrom('centre_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(lastEvent.type).toBe('ticket.called');
    expect(JSON.parse(lastEvent.payload)).toMatchObject({ ticketId: second.id, counterNumber: a.number });
    const started = (await aima.request('POST', `/api/tickets/${second.id}/start`)).json();
    expect(started.status).toBe('serving');
    expect(started.startedAt).toBe(resumed.startedAt);
    expect(started.startedAt).not.toBeNull();
  });

  it("answers a kiosk in the client's language (client.json), and staff in theirs (server.json)", async () => {
    const kiosk = await pairedKiosk();
    api.setNow(new Date('2026-11-23T19:00:00Z'));
    const closed = (language: string, acceptLanguage: string) => kiosk.request('POST', '/api/visits', { topic: 'legalisation', language }, { 'accept-language': acceptLanguage });
    expect((await closed('uk', 'uk')).json().error).toMatchObject({ code: 'centre_closed', message: 'Центр зараз зачинений. Приходьте, будь ласка, у робочі години.' });
    expect((await closed('ar', 'ar')).json().error.message).toBe('المركز مغلق الآن. عد من فضلك في ساعات العمل.');
    expect((await closed('pt-BR', 'pt-BR')).json().error.message).toBe('O centro está fechado agora. Volte no horário de funcionamento.');
    // A language with no client text yet: English.
    expect((await closed('zh', 'zh')).json().error.message).toBe('The centre is closed now. Please come back during opening hours.');
    api.setNow(MONDAY_10H);

    // A topic no service deals with: the reason is given for the field, in the client's language.
    const admin = await api.signIn('admin');
    expect((await admin.request('PATCH', `/api/services/${services.V}`, { active: false })).statusCode).toBe(200);
    const noService = (await kiosk.request('POST', '/api/visits', { topic: 'voting', language: 'fr' }, { 'accept-language': 'fr' })).json().error;
    expect(noService.code).toBe('validation');
    expect(noService.fields.topic).toBe('Aucun service de ce centre ne s’occupe de ce sujet. Choisissez un autre sujet ou demandez à l’accueil.');
    const badBody = (await kiosk.request('POST', '/api/visits', { topic: 'voting', language: 'klingon' }, { 'accept-language': 'ru' })).json().error;
    expect(badBody.message).toBe('Чего-то не хватает или что-то не так. Попробуйте ещё раз.');
    expect(badBody.fields.language).toBe('Выберите один из показанных вариантов.');

    // Staff keep the staff messages, in the staff languages only.
    const mediator = await api.signIn('mediador.lisboa');
    const staffError = (await mediator.request('POST', '/api/visits', { topic: 'voting', language: 'uk' }, { 'accept-language': 'uk' })).json().error;
    expect(staffError.fields.topic).toBe('No service at this centre deals with this topic.');
  });

  it('explains bad input with a clear 4xx and writes nothing', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const porto = (await mediator.request('GET', `/api/services?centreId=${await api.centreId('porto')}`)).json().items[0].id;
    const notHere = await mediator.request('POST', '/api/visits', { serviceId: porto, language: 'en' }, { 'accept-language': 'en' });
    expect(notHere.statusCode).toBe(400);
    expect(notHere.json().error.fields.serviceId).toBe('This service is not offered at this centre.');
    const unknown = await mediator.request('POST', '/api/visits', { serviceId: '00000000-0000-4000-8000-000000000000', language: 'en' });
    expect(unknown.json().error.fields.serviceId).toBeDefined();
    const badLanguage = await mediator.request('POST', '/api/visits', { serviceId: services.A, language: 'klingon' });
    expect(badLanguage.statusCode).toBe(400);

    const kiosk = await pairedKiosk();
    api.setNow(new Date('2026-11-23T19:00:00Z'));
    const closed = await kiosk.request('POST', '/api/visits', { topic: 'legalisation', language: 'pt-PT' }, { 'accept-language': 'pt-PT' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/fechado/);
    api.setNow(MONDAY_10H);
    const byTopic = await kiosk.request('POST', '/api/visits', { topic: 'legalisation', language: 'pt-PT' });
    expect(byTopic.json().ticket.serviceId).toBe(services.A);

    const aima = await api.signIn('aima.lisboa');
    const a = counterFor('A');
    const notTaken = await aima.request('POST', `/api/counters/${a.id}/call-next`);
    expect(notTaken.json().error.code).toBe('counter_not_taken');
    await aima.request('POST', `/api/counters/${a.id}/session`, {});
    await aima.request('POST', `/api/counters/${a.id}/call-next`);
    await aima.request('POST', `/api/tickets/${byTopic.json().ticket.id}/finish`, { outcome: 'resolved' });
    const empty = await aima.request('POST', `/api/counters/${a.id}/call-next`, undefined, { 'accept-language': 'en' });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.message).toBe('Nobody is waiting for the services of this counter.');

    const tickets = await api.ctx.db.selectFrom('ticket').select('number').execute();
    expect(tickets.map((t) => t.number)).toEqual(['A001']);
    const visits = await api.ctx.db.selectFrom('visit').select('id').execute();
    expect(visits).toHaveLength(1);
  });

  it('keeps each agency to its own queues and centre', async () => {
    const aima = await api.signIn('aima.lisboa');
    expect((await aima.request('POST', `/api/counters/${counterFor('S').id}/session`, {})).statusCode).toBe(403);
    const portoCounter = (await aima.request('GET', `/api/counters?centreId=${await api.centreId('porto')}`)).json().items[0].id;
    expect((await aima.request('POST', `/api/counters/${portoCounter}/session`, {})).statusCode).toBe(403);
    expect((await aima.request('POST', '/api/visits', { serviceId: services.A, language: 'en' })).statusCode).toBe(403);
    const another = await api.signIn('ss.lisboa');
    await aima.request('POST', `/api/counters/${counterFor('A').id}/session`, {});
    expect((await another.request('POST', `/api/counters/${counterFor('A').id}/call-next`)).statusCode).toBe(403);
  });

  it('never gives one ticket to two counters when dozens call at once', async () => {
    // 30 counters calling the welcoming queue at the same moment; 20 tickets waiting.
    const mediator = await api.signIn('mediador.lisboa');
    for (let i = 0; i < 20; i++) await mediator.request('POST', '/api/visits', { serviceId: services.W, language: 'pt-PT' });
    const now = MONDAY_10H.toISOString();
    const partner = await api.partnerId('acolhimento');
    const ids: { user: string; counter: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const user = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const counter = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await api.ctx.db.insertInto('staff_user').values({ id: user, username: `mediator${i}`, display_name: `M${i}`, password_hash: 'x', roles: '["mediator"]', partner_id: partner, centre_id: lisboa, locale: 'pt-PT', totp_secret: null, totp_enabled: 0, is_demo: 0, failed_sign_ins: 0, locked_until: null, disabled_at: null, last_sign_in_at: null, created_at: now, updated_at: now }).execute();
      await api.ctx.db.insertInto('counter').values({ id: counter, centre_id: lisboa, number: 500 + i, label: '', active: 1, created_at: now, updated_at: now }).execute();
      await api.ctx.db.insertInto('counter_service').values({ counter_id: counter, service_id: services.W! }).execute();
      await api.ctx.db.insertInto('counter_session').values({ id: crypto.randomUUID(), counter_id: counter, user_id: user, service_ids: JSON.stringify([services.W]), languages: '[]', priority_streak: 0, opened_at: now, closed_at: null }).execute();
      ids.push({ user, counter });
    }
    const { callNext } = await import('./service.ts');
    const results = await Promise.allSettled(ids.map(({ user, counter }) => callNext(api.ctx, user, counter)));
    const won = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ ticket: { id: string } }>).value.ticket.id);
    const lost = results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as { code: string }).code);
    expect(won).toHaveLength(20);
    expect(new Set(won).size).toBe(20);
    expect(lost.every((c) => c === 'queue_empty')).toBe(true);
    const rows = await api.ctx.db.selectFrom('ticket').select(['status', 'counter_id']).execute();
    expect(rows.every((r) => r.status === 'called')).toBe(true);
    expect(new Set(rows.map((r) => r.counter_id)).size).toBe(20);
  });

  it('records every change as a numbered centre event, in order', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const w = counterFor('W');
    await mediator.request('POST', `/api/counters/${w.id}/session`, {});
    const t = (await mediator.request('POST', '/api/visits', { serviceId: services.W, language: 'ar' })).json().ticket;
    await mediator.request('POST', `/api/counters/${w.id}/call-next`);
    await mediator.request('POST', `/api/tickets/${t.id}/recall`);
    const events = await api.ctx.db.selectFrom('centre_event').select(['seq', 'type', 'payload']).where('centre_id', '=', lisboa).orderBy('seq').execute();
    expect(events.map((e) => [Number(e.seq), e.type])).toEqual([
      [1, 'counter.opened'],
      [2, 'ticket.issued'],
      [3, 'ticket.called'],
      [4, 'ticket.called'],
    ]);
    expect(JSON.parse(events[3]!.payload)).toMatchObject({ number: 'W001', counterNumber: w.number, language: 'ar', recall: 1 });
  });
});

describe.each(TEST_DATABASES)('the live floor on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
  });
  afterEach(async () => api.close());

  it('shows queues and who staffs each counter; the manager closes and reopens a counter and moves a ticket', async () => {
    const lisboa = await api.centreId('lisboa');
    const manager = await api.signIn('gestor.lisboa');
    const config = (await manager.request('GET', `/api/centres/${lisboa}`)).json();
    const svc = (p: string) => config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === p).id;
    const aCounter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(svc('A')));
    const mediator = await api.signIn('mediador.lisboa');
    // Before any AIMA counter is staffed, three waiting clients are estimated at the pace of the
    // counters that serve the queue once they open, not of a single counter.
    for (let i = 0; i < 3; i++) await mediator.request('POST', '/api/visits', { serviceId: svc('T'), language: 'en' });
    const serving = config.counters.filter((c: { serviceIds: string[]; active: boolean }) => c.active && c.serviceIds.includes(svc('T'))).length;
    const morning = (await manager.request('GET', `/api/centres/${lisboa}/snapshot`)).json().queues.find((q: { ticketPrefix: string }) => q.ticketPrefix === 'T');
    expect(serving).toBeGreaterThan(1);
    expect(morning).toMatchObject({ waiting: 3, openCounters: 0 });
    // (3 ahead + half a call) × (20 + ½) minutes per call ÷ the serving counters.
    expect(morning.expectedWaitMinutes).toBe(Math.round((3.5 * 20.5) / serving));
    const aima = await api.signIn('aima.lisboa');
    await aima.request('POST', `/api/counters/${aCounter.id}/session`, { languages: ['pt-PT', 'en'] });
    const t = (await mediator.request('POST', '/api/visits', { serviceId: svc('A'), language: 'en' })).json().ticket;

    let floor = (await manager.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(floor.counters.find((c: { counterId: string }) => c.counterId === aCounter.id)).toMatchObject({ open: true, staffedBy: 'Alice Oficial AIMA' });
    expect(floor.queues.find((q: { ticketPrefix: string }) => q.ticketPrefix === 'A')).toMatchObject({ waiting: 1, openCounters: 1, expectedWaitMinutes: 10 });
    // The counter is free for the one waiting; the next to come waits for half a call (20 min + the walk), shown as a range.
    expect(floor.queues.find((q: { ticketPrefix: string }) => q.ticketPrefix === 'A').expectedWaitRange).toEqual([5, 15]);

    const moved = await manager.request('POST', `/api/tickets/${t.id}/move`, { serviceId: svc('J'), note: 'Primeiro apoio jurídico' });
    expect(moved.json().next).toMatchObject({ number: 'J001', transferredFrom: t.id });
    expect((await aima.request('POST', `/api/tickets/${t.id}/move`, { serviceId: svc('S') })).statusCode).toBe(403);

    expect((await manager.request('POST', `/api/counters/${aCounter.id}/close`)).json()).toMatchObject({ active: false });
    floor = (await manager.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(floor.counters.find((c: { counterId: string }) => c.counterId === aCounter.id)).toMatchObject({ open: false, active: false });
    expect((await aima.request('POST', `/api/counters/${aCounter.id}/call-next`)).json().error.code).toBe('counter_not_taken');
    expect((await aima.request('POST', `/api/counters/${aCounter.id}/session`, {})).json().error.code).toBe('counter_closed');
    await manager.request('POST', `/api/counters/${aCounter.id}/open`);
    expect((await aima.request('POST', `/api/counters/${aCounter.id}/session`, {})).statusCode).toBe(200);
  });
});

describe.each(TEST_DATABASES)('per-service queue rules on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
  });
  afterEach(async () => api.close());

  it("uses each service's maximum wait: a stricter service lets an ordinary ticket overtake priority sooner", async () => {
    const lisboa = await api.centreId('lisboa');
    const admin = await api.signIn('admin');
    const config = (await admin.request('GET', `/api/centres/${lisboa}`)).json();
    const aService = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'A');
    expect(aService).toMatchObject({ maxWaitMinutes: 45, priorityBurst: 3 });
    const mediator = await api.signIn('mediador.lisboa');
    await mediator.request('POST', '/api/visits', { serviceId: aService.id, language: 'pt-PT' }); // ordinary, 10:00
    api.setNow(new Date(MONDAY_10H.getTime() + 20 * 60_000));
    await mediator.request('POST', '/api/visits', { serviceId: aService.id, language: 'pt-PT', priorityReason: 'senior' }); // priority, 10:20
    const aima = await api.signIn('aima.lisboa');
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(aService.id));
    await aima.request('POST', `/api/counters/${counter.id}/session`, {});
    // With the default 45 minutes, at 10:21 priority goes first; with 15 minutes the ordinary ticket has waited too long.
    expect((await admin.request('PATCH', `/api/services/${aService.id}`, { maxWaitMinutes: 15 })).json().maxWaitMinutes).toBe(15);
    api.setNow(new Date(MONDAY_10H.getTime() + 21 * 60_000));
    expect((await aima.request('POST', `/api/counters/${counter.id}/call-next`)).json().ticket.number).toBe('A001');
    const bad = await admin.request('PATCH', `/api/services/${aService.id}`, { maxWaitMinutes: 1 });
    expect(bad.json().error.fields.maxWaitMinutes).toBeDefined();
  });
});

describe.each(TEST_DATABASES)('what the counter screen reads on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
  });
  afterEach(async () => api.close());

  it('names who staffs a counter, the priority reason and client name of its ticket, and the parked tickets', async () => {
    const lisboa = await api.centreId('lisboa');
    const aima = await api.signIn('aima.lisboa');
    const config = (await aima.request('GET', `/api/centres/${lisboa}`)).json();
    const a = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'A').id;
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(a));
    const me = (await aima.request('GET', '/api/session')).json().user.id;
    const mediator = await api.signIn('mediador.lisboa');
    await mediator.request('POST', '/api/visits', { serviceId: a, language: 'en', priorityReason: 'infant', clientName: 'Awa D.' });
    await aima.request('POST', `/api/counters/${counter.id}/session`, {});
    const called = (await aima.request('POST', `/api/counters/${counter.id}/call-next`)).json().ticket;
    let snap = (await aima.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(snap.counters.find((c: { counterId: string }) => c.counterId === counter.id)).toMatchObject({ staffedById: me, current: { id: called.id, clientName: 'Awa D.', priorityReason: 'infant' } });
    await aima.request('POST', `/api/tickets/${called.id}/park`, { note: 'Vai buscar o passaporte' });
    snap = (await aima.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(snap.parked).toMatchObject([{ id: called.id, counterId: counter.id, note: 'Vai buscar o passaporte' }]);
  });
});
