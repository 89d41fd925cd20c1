import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { cookieFrom, openTestApi, type TestApi } from '../../test-support/api.ts';

describe.each(TEST_DATABASES)('device pairing on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
  });
  afterEach(async () => api.close());

  it('pairs a display with a one-time code; the device token works until revoked', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const lisboa = await api.centreId('lisboa');
    const created = await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'display', name: 'Sala de espera' });
    expect(created.statusCode).toBe(201);
    const { pairingCode, device } = created.json();
    expect(pairingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(device.status).toBe('awaiting_pairing');

    // Typed on the device, in lower case and without the dash, as people do.
    const paired = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode.toLowerCase().replace('-', '') });
    expect(paired.statusCode).toBe(200);
    expect(paired.json()).toMatchObject({ device: { kind: 'display', status: 'paired' }, centre: { code: 'lisboa' } });
    const deviceCookie = cookieFrom(paired);
    expect(String(paired.headers['set-cookie'])).toMatch(/HttpOnly/);

    const whoami = await api.app.inject({ method: 'GET', url: '/api/device', headers: { cookie: deviceCookie } });
    expect(whoami.json().device.name).toBe('Sala de espera');
    // A device is not a staff member: it cannot read staff-only configuration.
    expect((await api.app.inject({ method: 'GET', url: '/api/centres', headers: { cookie: deviceCookie } })).statusCode).toBe(403);

    const again = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('pairing_code_invalid');

    expect((await manager.request('POST', `/api/devices/${device.id}/revoke`)).json().status).toBe('revoked');
    expect((await api.app.inject({ method: 'GET', url: '/api/device', headers: { cookie: deviceCookie } })).statusCode).toBe(401);
    const list = (await manager.request('GET', `/api/devices?centreId=${lisboa}`)).json().items;
    expect(list.find((d: { id: string }) => d.id === device.id).status).toBe('revoked');
  });

  it('lets a centre manager pair and revoke devices only at their own centre', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const porto = await api.centreId('porto');
    expect((await manager.request('POST', '/api/devices', { centreId: porto, kind: 'kiosk', name: 'Entrada' })).statusCode).toBe(403);
    expect((await manager.request('GET', `/api/devices?centreId=${porto}`)).statusCode).toBe(403);
    const portoManager = await api.signIn('gestor.porto');
    const portoKiosk = (await portoManager.request('POST', '/api/devices', { centreId: porto, kind: 'kiosk', name: 'Entrada' })).json().device;
    expect((await manager.request('POST', `/api/devices/${portoKiosk.id}/revoke`)).statusCode).toBe(403);
    const mediator = await api.signIn('mediador.lisboa');
    expect((await mediator.request('POST', '/api/devices', { centreId: await api.centreId('lisboa'), kind: 'kiosk', name: 'x' })).statusCode).toBe(403);
  });

  it('refuses an expired pairing code', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: await api.centreId('lisboa'), kind: 'kiosk', name: 'Entrada' })).json();
    api.setNow(new Date(Date.now() + 16 * 60_000));
    const res = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }, { 'accept-language': 'pt-PT' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Peça um novo ao gestor do centro/);
  });
});
