import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';
import { sendDueMessages } from '../outbox/worker.ts';
import type { MessageSender, OutgoingMessage, Senders } from '../outbox/senders.ts';

const form = (api: TestApi, url: string, fields: Record<string, string>) =>
  api.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost' }, payload: new URLSearchParams(fields).toString() });

function senders(send: (m: OutgoingMessage) => Promise<void>): Senders {
  const s: MessageSender = { name: 'test', send };
  return { email: s, sms: s, push: s };
}

describe.each(TEST_DATABASES)('"your turn is near" on %s', (kind) => {
  let api: TestApi;
  let aima: Client;
  let counterId: string;
  let tickets: { ticketUrl: string; ticket: { id: string; number: string } }[];
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-23T10:00:00Z'));
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    aima = await api.signIn('aima.lisboa');
    const config = (await aima.request('GET', `/api/centres/${lisboa}`)).json();
    const a = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'A').id;
    counterId = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(a)).id;
    tickets = [];
    for (let i = 0; i < 6; i++) {
      api.setNow(new Date(Date.UTC(2026, 10, 23, 10, i)));
      tickets.push((await mediator.request('POST', '/api/visits', { serviceId: a, language: i === 5 ? 'ar' : 'pt-PT' })).json());
    }
    api.setNow(new Date('2026-11-23T10:10:00Z'));
    expect((await aima.request('POST', `/api/counters/${counterId}/session`, {})).statusCode).toBe(200);
  });
  afterEach(async () => api.close());

  const messages = () => api.ctx.db.selectFrom('outbox_message').selectAll().orderBy('created_at').orderBy('kind').execute();
  async function callAndFinish() {
    const called = (await aima.request('POST', `/api/counters/${counterId}/call-next`)).json();
    expect((await aima.request('POST', `/api/tickets/${called.ticket.id}/finish`, { outcome: 'resolved' })).statusCode).toBe(200);
    return called.ticket.number as string;
  }

  it('takes a number on the phone page, tells the client when 3 are ahead and when called, in their language, then forgets the number', async () => {
    const mine = tickets[5]!;
    // A wrong number is explained in the page's language (Arabic), nothing is kept.
    const bad = await form(api, `${mine.ticketUrl}/alerts`, { phone: '912' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<html lang="ar" dir="rtl">');
    expect(bad.body).toContain('هذا ليس رقم هاتف محمول مع رمز البلد');
    expect(bad.body).toContain('aria-invalid="true"');
    expect(await api.ctx.db.selectFrom('turn_alert').selectAll().execute()).toEqual([]);

    const ok = await form(api, `${mine.ticketUrl}/alerts?lang=en`, { phone: '+351 912 345 678' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${mine.ticketUrl}?lang=en#alerts`);
    const page = (await api.anonymous.request('GET', `${mine.ticketUrl}?lang=en`)).body;
    expect(page).toContain('We will send a text message to +351•••678.');
    expect(page).not.toContain('912 345');
    // Someone else's page has no number in it.
    expect((await api.anonymous.request('GET', tickets[4]!.ticketUrl)).body).not.toContain('+351•••678');

    // Five people are ahead; the first call leaves four: nothing yet.
    await callAndFinish();
    expect(await messages()).toEqual([]);
    // Three ahead: "your turn is near", once.
    await callAndFinish();
    let queued = await messages();
    expect(queued).toMatchObject([{ channel: 'sms', kind: 'turn-near', recipient: '+351912345678', locale: 'en', relates_type: 'ticket', relates_id: mine.ticket.id, status: 'queued' }]);
    expect(queued[0]!.body_text).toBe(`Ticket ${mine.ticket.number}: your turn is near. Please come back to the waiting room and watch the screens.`);
    const sent: OutgoingMessage[] = [];
    await sendDueMessages(api.ctx, senders(async (m) => void sent.push(m)));
    expect(sent.map((m) => [m.to, m.kind])).toEqual([['+351912345678', 'turn-near']]);
    await callAndFinish();
    await callAndFinish();
    await callAndFinish();
    expect((await messages()).map((m) => m.kind)).toEqual(['turn-near']);
    // Called: "it is your turn", with the counter.
    api.setNow(new Date('2026-11-23T10:20:00Z'));
    const called = (await aima.request('POST', `/api/counters/${counterId}/call-next`)).json();
    expect(called.ticket.id).toBe(mine.ticket.id);
    queued = await messages();
    expect(queued.map((m) => [m.kind, m.status])).toEqual([
      ['turn-near', 'sent'],
      ['ticket-called', 'queued'],
    ]);
    expect(queued[1]!.body_text).toBe(`Ticket ${mine.ticket.number}: it is your turn. Please go to counter ${called.counterNumber} now.`);
    // Staff see the delivery state of the ticket's messages (masked).
    const gestor = await api.signIn('gestor.lisboa');
    const states = (await gestor.request('GET', `/api/messages?relatesType=ticket&relatesId=${mine.ticket.id}`)).json();
    expect(states.items.map((m: { kind: string; status: string; recipient: string }) => [m.kind, m.status, m.recipient])).toEqual([
      ['ticket-called', 'queued', '+351•••678'],
      ['turn-near', 'sent', '+351•••678'],
    ]);
    // The visit ends: the number is forgotten.
    expect((await aima.request('POST', `/api/tickets/${mine.ticket.id}/finish`, { outcome: 'resolved' })).statusCode).toBe(200);
    expect(await api.ctx.db.selectFrom('turn_alert').selectAll().execute()).toEqual([]);
  });

  it('a client may stop the messages; the number is forgotten at once', async () => {
    const mine = tickets[3]!;
    expect((await form(api, `${mine.ticketUrl}/alerts`, { phone: '00351912345678' })).statusCode).toBe(303);
    expect(await api.ctx.db.selectFrom('turn_alert').select('recipient').execute()).toEqual([{ recipient: '+351912345678' }]);
    expect((await form(api, `${mine.ticketUrl}/alerts`, { stop: '1' })).statusCode).toBe(303);
    expect(await api.ctx.db.selectFrom('turn_alert').selectAll().execute()).toEqual([]);
    await callAndFinish();
    expect(await messages()).toEqual([]);
  });

  it('a hanging provider does not hold up call-next: the call answers while the send still hangs', async () => {
    expect((await form(api, `${tickets[1]!.ticketUrl}/alerts`, { phone: '+351912345678' })).statusCode).toBe(303);
    await callAndFinish(); // ticket 1 called: it is now first; "near" for ticket 2 (0 ahead) is queued
    expect((await messages()).length).toBe(1);
    let release!: () => void;
    let entered = false;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let passDone = false;
    const pass = sendDueMessages(api.ctx, senders(async () => {
      entered = true;
      await hung;
    })).then(() => (passDone = true));
    await expect.poll(() => entered).toBe(true);
    // The provider is stuck mid-send; the counter calls the next client meanwhile.
    api.setNow(new Date('2026-11-23T10:20:00Z'));
    const res = await aima.request('POST', `/api/counters/${counterId}/call-next`);
    expect(res.statusCode).toBe(200);
    expect(res.json().ticket.id).toBe(tickets[1]!.ticket.id);
    expect(passDone).toBe(false);
    // And the call enqueued its message (not sent inline).
    expect((await messages()).map((m) => [m.kind, m.status])).toEqual([
      ['turn-near', 'sending'],
      ['ticket-called', 'queued'],
    ]);
    release();
    await pass;
  });
});
