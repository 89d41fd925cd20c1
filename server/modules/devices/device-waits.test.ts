import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { cookieFrom, openTestApi, type TestApi } from '../../test-support/api.ts';
import { shownWaitRange, withinFiveInTen } from '../visits/wait-accuracy.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z'); // 10:00 in Lisbon (UTC in winter)

interface Waits {
  at: string;
  accuracyInTen: number;
  services: { serviceId: string; ticketPrefix: string; waiting: number; expectedWaitMinutes: number; expectedWaitRange: [number, number]; openCounters: number }[];
  topics: Record<string, string>;
}

describe.each(TEST_DATABASES)('a kiosk reading its centre’s waits on %s', (kind) => {
  let api: TestApi;
  let lisboa: string;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    lisboa = await api.centreId('lisboa');
  });
  afterEach(async () => api.close());

  async function paired(kindOf: 'kiosk' | 'display', centre = 'lisboa', manager = 'gestor.lisboa') {
    const staff = await api.signIn(manager);
    const { pairingCode } = (await staff.request('POST', '/api/devices', { centreId: await api.centreId(centre), kind: kindOf, name: 'Entrada' })).json();
    const cookie = cookieFrom(await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }));
    return (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
      api.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
  }

  it('answers per active service the people waiting and the range shown elsewhere, which service each topic leads to, and the measured accuracy', async () => {
    const kiosk = await paired('kiosk');
    const before = await kiosk('GET', '/api/device/waits');
    expect(before.statusCode).toBe(200);
    const empty = before.json() as Waits;
    expect(empty.accuracyInTen).toBe(withinFiveInTen());
    expect(empty.accuracyInTen).toBeGreaterThanOrEqual(1);
    expect(empty.services.length).toBeGreaterThan(3);
    expect(empty.services.every((s) => s.waiting === 0)).toBe(true);
    for (const s of empty.services) {
      expect(s.expectedWaitRange[0]).toBeLessThan(s.expectedWaitRange[1]);
      expect(s.expectedWaitRange).toEqual(shownWaitRange(s.expectedWaitMinutes));
    }

    // A ticket for a topic goes to the service the answer names for it.
    const topic = 'family-reunification';
    const serviceId = empty.topics[topic];
    expect(serviceId).toBeDefined();
    for (let i = 0; i < 4; i++) {
      const issued = await kiosk('POST', '/api/visits', { topic, language: 'ar' }, { 'idempotency-key': `kiosk-wait-${i}-0001` });
      expect(issued.statusCode).toBe(201);
      expect(issued.json().service.id).toBe(serviceId);
    }
    const after = (await kiosk('GET', '/api/device/waits')).json() as Waits;
    const queue = after.services.find((s) => s.serviceId === serviceId)!;
    expect(queue.waiting).toBe(4);
    const before4 = empty.services.find((s) => s.serviceId === serviceId)!;
    expect(queue.expectedWaitMinutes).toBeGreaterThan(before4.expectedWaitMinutes);
    expect(queue.expectedWaitRange[1]).toBeGreaterThan(before4.expectedWaitRange[1]);

    // The same figures as the live floor shows (one estimate, one range, everywhere).
    const manager = await api.signIn('gestor.lisboa');
    const snapshot = (await manager.request('GET', `/api/centres/${lisboa}/snapshot`)).json() as { queues: Waits['services'] };
    for (const s of after.services) {
      const q = snapshot.queues.find((x) => x.serviceId === s.serviceId)!;
      expect([s.waiting, s.expectedWaitMinutes, s.expectedWaitRange]).toEqual([q.waiting, q.expectedWaitMinutes, q.expectedWaitRange]);
    }
    // Nothing about anyone in the queue.
    expect(JSON.stringify(after)).not.toMatch(/ticketId|visitId|number|language|clientName/);
  });

  it('is the kiosk’s only: a display board, staff and anonymous visitors are refused; a kiosk sees only its own centre', async () => {
    expect((await (await paired('display'))('GET', '/api/device/waits')).statusCode).toBe(403);
    expect((await (await api.signIn('gestor.lisboa')).request('GET', '/api/device/waits')).statusCode).toBe(403);
    expect((await api.anonymous.request('GET', '/api/device/waits')).statusCode).toBe(401);
    const porto = await paired('kiosk', 'porto', 'gestor.porto');
    const waits = (await porto('GET', '/api/device/waits')).json() as Waits;
    const portoServices = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', await api.centreId('porto')).execute()).map((s) => s.id);
    expect(waits.services.every((s) => portoServices.includes(s.serviceId))).toBe(true);
    expect(Object.values(waits.topics).every((id) => portoServices.includes(id))).toBe(true);
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await api.anonymous.request('GET', '/api/openapi.json')).json() as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(doc.paths['/api/device/waits']?.get?.responses['200']).toBeDefined();
  });
});
