import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { openDemoCentreAroundTheClock } from './seed.ts';

describe.each(TEST_DATABASES)('the demo opening hours on %s', (kind) => {
  let api: TestApi;
  afterEach(async () => api.close());

  it('let a kiosk take a ticket at CNAI Lisboa on a Sunday night, while Porto keeps its real hours', async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-29T22:30:00Z')); // Sunday, 22:30 in Lisbon
    const manager = await api.signIn('gestor.lisboa');
    const lisboa = await api.centreId('lisboa');
    const kiosk = async () => {
      const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'kiosk', name: 'Demo kiosk' })).json();
      const paired = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode });
      const cookie = String(paired.headers['set-cookie']).split(';')[0]!;
      return api.app.inject({ method: 'POST', url: '/api/visits', headers: { cookie, 'accept-language': 'en' }, payload: { topic: 'legalisation', language: 'en' } });
    };
    expect((await kiosk()).json().error.code).toBe('centre_closed');
    await openDemoCentreAroundTheClock(api.ctx);
    expect((await kiosk()).statusCode).toBe(201);
    const porto = await api.ctx.db.selectFrom('centre').select('opening_hours').where('code', '=', 'porto').executeTakeFirstOrThrow();
    expect(JSON.parse(porto.opening_hours).sun).toEqual([]);
  });
});
