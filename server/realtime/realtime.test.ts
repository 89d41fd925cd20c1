import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { TEST_DATABASES } from '../test-support/db.ts';
import { cookieFrom, openTestApi, type TestApi } from '../test-support/api.ts';
import type { App } from '../http/types.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z');

/** Reads a Server-Sent Events stream until `until` returns true for the events seen so far. */
async function readEvents(url: string, headers: Record<string, string>, until: (events: { id: string; event: string; data: unknown }[]) => boolean, timeoutMs = 10_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: { id: string; event: string; data: unknown }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => /^(id|event|data):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
        if (fields.event) events.push({ id: fields.id ?? '', event: fields.event, data: fields.data ? JSON.parse(fields.data) : null });
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe.each(TEST_DATABASES)('live events on %s', (kind) => {
  let api: TestApi;
  const extra: App[] = [];
  afterEach(async () => {
    for (const a of extra.splice(0)) await a.close();
    await api.close();
  });

  async function setUp() {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    const lisboa = await api.centreId('lisboa');
    const manager = await api.signIn('gestor.lisboa');
    const config = (await manager.request('GET', `/api/centres/${lisboa}`)).json();
    const w = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(w));
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'display', name: 'Sala' })).json();
    const display = cookieFrom(await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }));
    const mediator = await api.signIn('mediador.lisboa');
    await mediator.request('POST', `/api/counters/${counter.id}/session`, {});
    return { lisboa, w, counter, display, mediator };
  }

  it('a display board hears a call live, and after reconnecting gets exactly what it missed', async () => {
    const { lisboa, w, counter, display, mediator } = await setUp();
    const url = `${await api.app.listen({ port: 0, host: '127.0.0.1' })}/api/centres/${lisboa}/events`;

    const live = readEvents(url, { cookie: display }, (ev) => ev.some((e) => e.event === 'ticket.called'));
    await new Promise((r) => setTimeout(r, 300));
    const issued = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'ar' })).json().ticket;
    await mediator.request('POST', `/api/counters/${counter.id}/call-next`);
    const got = await live;
    const call = got.find((e) => e.event === 'ticket.called')!;
    expect(call.data).toMatchObject({ number: issued.number, counterNumber: counter.number, language: 'ar' });
    const lastId = call.id;

    // While the board is away: a recall and a new ticket.
    await mediator.request('POST', `/api/tickets/${issued.id}/recall`);
    await mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' });
    const resumed = await readEvents(url, { cookie: display, 'last-event-id': lastId }, (ev) => ev.length >= 2);
    expect(resumed.map((e) => [e.event, Number(e.id)])).toEqual([
      ['ticket.called', Number(lastId) + 1],
      ['ticket.issued', Number(lastId) + 2],
    ]);
    expect(resumed[0]!.data).toMatchObject({ recall: 1 });
  });

  it('refuses the stream to a display of another centre and to the public', async () => {
    const { display } = await setUp();
    const porto = await api.centreId('porto');
    expect((await api.app.inject({ method: 'GET', url: `/api/centres/${porto}/events`, headers: { cookie: display } })).statusCode).toBe(403);
    expect((await api.anonymous.request('GET', `/api/centres/${porto}/events`)).statusCode).toBe(401);
  });

  it('a phone page hears only that something changed, never other clients details', async () => {
    const { w, counter, mediator } = await setUp();
    const mine = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk', clientName: 'Secret Name' })).json();
    const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const phone = readEvents(`${base}/api/t/${mine.visit.publicToken}/events`, {}, (ev) => ev.some((e) => e.event === 'ticket.called'));
    await new Promise((r) => setTimeout(r, 300));
    api.setNow(new Date(MONDAY_10H.getTime() + 60_000));
    await mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT', clientName: 'Other Person' });
    await mediator.request('POST', `/api/counters/${counter.id}/call-next`); // calls the first ticket: mine
    const events = await phone;
    expect(events.find((e) => e.event === 'ticket.issued')!.data).toEqual({ visit: false });
    expect(events.find((e) => e.event === 'ticket.called')!.data).toEqual({ visit: true });
    expect(JSON.stringify(events)).not.toMatch(/Name|Person|number/);
  });

  // Several nodes only exist on PostgreSQL; on SQLite there is one process, so no such test.
  if (kind === 'postgres') it('two app nodes on one PostgreSQL: a call made on one reaches a display subscribed to the other', async () => {
    const { lisboa, w, counter, display, mediator } = await setUp();
    // The second node gets its own context, hence its own bus: only NOTIFY connects the two.
    const second = await buildApp({ ...api.ctx, bus: undefined }, { rateLimitPerMinute: 100_000, postgresUrl: process.env.TEST_DATABASE_URL! });
    extra.push(second);
    const url = `${await second.listen({ port: 0, host: '127.0.0.1' })}/api/centres/${lisboa}/events`;
    const onSecond = readEvents(url, { cookie: display }, (ev) => ev.some((e) => e.event === 'ticket.called'));
    await new Promise((r) => setTimeout(r, 300));
    await mediator.request('POST', '/api/visits', { serviceId: w, language: 'en' });
    await mediator.request('POST', `/api/counters/${counter.id}/call-next`);
    const events = await onSecond;
    expect(events.find((e) => e.event === 'ticket.called')!.data).toMatchObject({ number: 'W001', counterNumber: counter.number });
  });
});
