import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDigest, seedCommitment, verifyDraw } from '../../../core/appointments/allocation.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { drawDueRounds, drawRound } from './allocation-service.ts';

const NOW = new Date('2026-12-02T10:00:00Z'); // a Wednesday
const ROUND = { weekStart: '2026-12-07', places: 2, opensAt: '2026-12-01T08:00:00Z', closesAt: '2026-12-04T18:00:00Z' };
const AFTER_CLOSE = new Date('2026-12-04T18:00:30Z');

const person = (i: number, extra: Record<string, unknown> = {}) => ({
  name: `Client ${i}`,
  documentNumber: `AB${100000 + i}`,
  birthDate: '1990-05-0' + ((i % 9) + 1),
  email: `client${i}@example.com`,
  language: 'en',
  needsMediator: false,
  ...extra,
});

describe.each(TEST_DATABASES)('fair allocation of appointment places on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(NOW);
  });
  afterEach(async () => api.close());

  async function serviceAt(centre: string, prefix = 'A'): Promise<string> {
    const manager = await api.signIn(centre === 'lisboa' ? 'gestor.lisboa' : 'gestor.porto');
    const items = (await manager.request('GET', `/api/services?centreId=${await api.centreId(centre)}`)).json().items as { id: string; ticketPrefix: string }[];
    const id = items.find((s) => s.ticketPrefix === prefix)!.id;
    await api.ctx.db.updateTable('service').set({ appointments_enabled: 1, booking_mode: 'allocation' }).where('id', '=', id).execute();
    return id;
  }

  async function openRound(extra: Record<string, unknown> = {}) {
    const manager = await api.signIn('gestor.lisboa');
    const serviceId = await serviceAt('lisboa');
    const res = await manager.request('POST', '/api/appointments/rounds', { serviceId, ...ROUND, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return { manager, serviceId, round: res.json() as { id: string; seedHash: string; seed: string | null; state: string } };
  }

  const request = (roundId: string, body: unknown, lang = 'en') => api.anonymous.request('POST', `/api/public/appointments/rounds/${roundId}/requests`, body, { 'accept-language': lang });

  it('lets only a manager of the centre (or the network administrator) open a round, and publishes only the commitment', async () => {
    const serviceId = await serviceAt('lisboa');
    const body = { serviceId, ...ROUND };
    expect((await (await api.signIn('gestor.porto')).request('POST', '/api/appointments/rounds', body)).statusCode).toBe(403);
    expect((await (await api.signIn('mediador.lisboa')).request('POST', '/api/appointments/rounds', body)).statusCode).toBe(403);
    expect((await (await api.signIn('aima.lisboa')).request('POST', '/api/appointments/rounds', body)).statusCode).toBe(403);
    expect((await api.anonymous.request('POST', '/api/appointments/rounds', body)).statusCode).toBe(401);

    const { round, manager } = await openRound();
    expect(round).toMatchObject({ state: 'open', seed: null, method: 'sha256-rank-v1' });
    expect(round.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const published = (await api.anonymous.request('GET', `/api/public/appointments/rounds/${round.id}/draw`)).json();
    expect(published.round.seed).toBeNull();
    expect(published.draw).toEqual([]);
    // Nowhere does the secret seed leave the server before the draw.
    const stored = await api.ctx.db.selectFrom('allocation_round').select('seed').where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(published)).not.toContain(stored.seed);
    expect((await manager.request('GET', '/api/appointments/rounds')).body).not.toContain(stored.seed);

    // One round per service and week; windows that make no sense are refused, field by field.
    expect((await manager.request('POST', '/api/appointments/rounds', body)).json().error.fields).toEqual({ weekStart: 'This service already has a round for that week.' });
    const bad = async (extra: Record<string, unknown>) => (await manager.request('POST', '/api/appointments/rounds', { ...body, weekStart: '2026-12-14', ...extra })).json().error.fields;
    expect(await bad({ weekStart: '2026-12-15' })).toEqual({ weekStart: 'Give the Monday that starts the week.' });
    expect(await bad({ closesAt: '2026-12-01T07:00:00Z' })).toEqual({ closesAt: 'Requests must close after they open.' });
    expect(await bad({ closesAt: '2026-12-15T07:00:00Z' })).toEqual({ closesAt: 'Requests must close before the week starts.' });
    expect((await manager.request('POST', '/api/appointments/rounds', { ...body, serviceId: 'nope' })).statusCode).toBe(403);
    // A first-come service has no rounds.
    const firstCome = await serviceAt('lisboa', 'S');
    await api.ctx.db.updateTable('service').set({ booking_mode: 'first_come' }).where('id', '=', firstCome).execute();
    expect((await manager.request('POST', '/api/appointments/rounds', { ...body, serviceId: firstCome })).json().error.fields).toEqual({ serviceId: 'This service does not give its appointments by lottery: set its booking mode to allocation first.' });

    // A Porto manager does not see Lisbon's rounds, even by asking for them.
    const porto = await api.signIn('gestor.porto');
    expect((await porto.request('GET', '/api/appointments/rounds')).json().rounds).toEqual([]);
    expect((await porto.request('GET', `/api/appointments/rounds?centreId=${await api.centreId('lisboa')}`)).statusCode).toBe(403);
    expect((await manager.request('GET', '/api/appointments/rounds')).json().rounds).toHaveLength(1);
  });

  it('takes one request per person and service during the window, refusing others in the client\'s language', async () => {
    const { round, serviceId, manager } = await openRound();
    const first = await request(round.id, person(1));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().requestId).toMatch(/^R-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // The same document typed differently, another email: the same person.
    const again = await request(round.id, person(1, { documentNumber: 'ab-100 001', email: 'other@example.com' }), 'pt-PT');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_requested');
    expect(again.json().error.message).toBe('Esta pessoa já pediu uma vaga para este serviço.');
    // …also in another week's round of the same service while the first request is live.
    const next = (await manager.request('POST', '/api/appointments/rounds', { serviceId, ...ROUND, weekStart: '2026-12-14' })).json();
    expect((await request(next.id, person(1))).statusCode).toBe(409);
    // Bad input: a clear 400 per field, and nothing stored.
    const bad = await request(round.id, person(2, { email: 'not-an-email', birthDate: '2030-01-01' }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['birthDate']);
    expect((await request(round.id, person(2, { email: 'not-an-email' }))).json().error.fields).toEqual({ email: 'Enter an email address like name@example.com.' });
    expect((await request(round.id, person(2, { language: 'xx' }))).statusCode).toBe(400);
    const count = await api.ctx.db.selectFrom('allocation_request').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // The document number is never stored, only its keyed hash.
    const stored = await api.ctx.db.selectFrom('allocation_request').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('100001');
    // Outside the window: refused.
    api.setNow(new Date('2026-11-30T10:00:00Z'));
    expect((await request(next.id, person(3))).json().error.code).toBe('round_not_open');
    api.setNow(AFTER_CLOSE);
    expect((await request(round.id, person(3))).statusCode).toBe(409);
    expect((await request('6c1f1b3e-0000-4000-8000-000000000000', person(3))).statusCode).toBe(404);
  });

  it('draws once at the close — two nodes at once draw it once — and anyone can recompute the draw', async () => {
    const { round, manager: early } = await openRound();
    const receipts = [];
    for (let i = 1; i <= 6; i += 1) receipts.push((await request(round.id, person(i))).json() as { requestId: string; statusToken: string });
    expect((await early.request('POST', `/api/appointments/rounds/${round.id}/draw`)).json().error.code).toBe('round_still_open');
    expect(await drawDueRounds(api.ctx)).toBe(0);

    api.setNow(AFTER_CLOSE);
    const manager = await api.signIn('gestor.lisboa');
    const results = await Promise.all([drawRound(api.ctx, round.id), drawRound(api.ctx, round.id), drawDueRounds(api.ctx)]);
    expect(results.filter((r) => r === true || r === 1)).toHaveLength(1);
    const published = (await api.anonymous.request('GET', `/api/public/appointments/rounds/${round.id}/draw`)).json();
    expect(published.round.state).toBe('drawn');
    expect(seedCommitment(published.round.seed)).toBe(round.seedHash);
    const order = published.draw.map((d: { id: string }) => d.id);
    expect([...order].sort()).toEqual(receipts.map((r) => r.requestId).sort());
    expect(published.round.listDigest).toBe(listDigest(order));
    expect(verifyDraw({ seed: published.round.seed, seedHash: round.seedHash, places: 2, order })).toEqual({ ok: true });
    expect(published.draw.map((d: { outcome: string }) => d.outcome)).toEqual(['allocated', 'allocated', 'waiting', 'waiting', 'waiting', 'waiting']);
    // Drawing again (the staff button, the job on another node) changes nothing.
    const again = (await manager.request('POST', `/api/appointments/rounds/${round.id}/draw`)).json();
    expect(again.draw).toEqual(published.draw);
    expect(again.round.drawnAt).toBe(published.round.drawnAt);
    const counts = (await manager.request('GET', '/api/appointments/rounds')).json().rounds[0].counts;
    expect(counts).toEqual({ allocated: 2, waiting: 4 });
    // The published draw holds no personal data.
    expect(JSON.stringify(published)).not.toMatch(/Client|example\.com/);
  });

  it('shows each client their place on the waiting list, and gives a cancelled place to the next in the same transaction', async () => {
    const { round } = await openRound();
    const receipts = new Map<string, string>();
    for (let i = 1; i <= 5; i += 1) {
      const r = (await request(round.id, person(i))).json();
      receipts.set(r.requestId, r.statusToken);
    }
    const before = (await api.anonymous.request('GET', `/api/public/appointments/requests/${[...receipts.values()][0]}`)).json();
    expect(before).toMatchObject({ status: 'requested', position: null, waitingPlace: null });
    api.setNow(AFTER_CLOSE);
    await drawDueRounds(api.ctx);
    const order = ((await api.anonymous.request('GET', `/api/public/appointments/rounds/${round.id}/draw`)).json().draw as { id: string }[]).map((d) => d.id);
    const status = async (id: string) => (await api.anonymous.request('GET', `/api/public/appointments/requests/${receipts.get(id)}`)).json();
    expect(await status(order[0]!)).toMatchObject({ status: 'allocated', position: 1 });
    expect(await status(order[2]!)).toMatchObject({ status: 'waiting', position: 3, waitingPlace: 1 });
    expect(await status(order[4]!)).toMatchObject({ status: 'waiting', position: 5, waitingPlace: 3 });

    // A waiting client withdraws: the others move up, nobody is promoted.
    expect((await api.anonymous.request('POST', `/api/public/appointments/requests/${receipts.get(order[2]!)}/cancel`)).statusCode).toBe(200);
    expect(await status(order[3]!)).toMatchObject({ status: 'waiting', waitingPlace: 1 });
    // A client with a place withdraws: the first still waiting gets it.
    expect((await api.anonymous.request('POST', `/api/public/appointments/requests/${receipts.get(order[1]!)}/cancel`)).statusCode).toBe(200);
    expect(await status(order[1]!)).toMatchObject({ status: 'cancelled', waitingPlace: null });
    expect(await status(order[3]!)).toMatchObject({ status: 'allocated' });
    expect(await status(order[4]!)).toMatchObject({ status: 'waiting', waitingPlace: 1 });
    // Twice is refused, clearly.
    expect((await api.anonymous.request('POST', `/api/public/appointments/requests/${receipts.get(order[1]!)}/cancel`)).json().error.code).toBe('request_not_live');
    // Two places freed at once go to two different people.
    await Promise.all([order[0]!, order[3]!].map((id) => api.anonymous.request('POST', `/api/public/appointments/requests/${receipts.get(id)}/cancel`)));
    expect(await status(order[4]!)).toMatchObject({ status: 'allocated' });
    const allocated = await api.ctx.db.selectFrom('allocation_request').select('id').where('status', '=', 'allocated').execute();
    expect(allocated.map((r) => r.id)).toEqual([order[4]]);
    // A withdrawn request frees the person to ask again in a later round.
    expect((await api.anonymous.request('GET', '/api/public/appointments/requests/not-a-real-token-at-all')).statusCode).toBe(404);
  });

  it('serves the request form, status and draw pages without JavaScript, in the client\'s language and direction', async () => {
    const { round } = await openRound();
    const form = await api.anonymous.request('GET', `/ar/appointments/rounds/${round.id}/request`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="ar" dir="rtl">');
    expect(form.body).toContain('طلب مكان لموعد');
    expect(form.body).not.toContain('<script');
    // A posted HTML form: errors beside the fields, then a redirect to the status page.
    const post = (body: Record<string, string>) =>
      api.app.inject({ method: 'POST', url: `/en/appointments/rounds/${round.id}/request`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });
    const wrong = await post({ name: 'Amina', documentNumber: 'X1', birthDate: '1985-02-30', language: 'en' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Please check the fields marked below.');
    expect(wrong.body).toContain('id="documentNumber-error"');
    expect(wrong.body).toContain('value="Amina"');
    const ok = await post({ name: 'Amina', documentNumber: 'P1234567', birthDate: '1985-02-28', language: 'ar', needsMediator: '1' });
    expect(ok.statusCode).toBe(303);
    const location = ok.headers.location as string;
    expect(location).toMatch(/^\/en\/appointments\/requests\/[A-Za-z0-9_-]+$/);
    const page = await api.anonymous.request('GET', location.replace('/en/', '/ar/'));
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('تم تسجيل طلبك');
    const dup = await post({ name: 'Amina', documentNumber: 'p 123 4567', birthDate: '1985-02-28', language: 'ar' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('This person has already asked for a place for this service.');

    api.setNow(AFTER_CLOSE);
    await drawDueRounds(api.ctx);
    const status = await api.anonymous.request('GET', location);
    expect(status.body).toContain('You have a place for the week of December 7, 2026.');
    const draw = await api.anonymous.request('GET', `/uk/appointments/draws/${round.id}`);
    expect(draw.body).toContain('Жеребкування записів');
    expect(draw.body).toContain(round.seedHash);
    // Withdrawing by the page's form.
    const cancel = await api.app.inject({ method: 'POST', url: `${location}/cancel` });
    expect(cancel.statusCode).toBe(303);
    expect((await api.anonymous.request('GET', cancel.headers.location as string)).body).toContain('Your request has been withdrawn.');
    expect((await api.anonymous.request('GET', '/en/appointments/requests/not-a-real-token-at-all')).statusCode).toBe(404);
    expect((await api.anonymous.request('GET', '/en/appointments/draws/not-a-uuid')).statusCode).toBe(404);
  });
});
