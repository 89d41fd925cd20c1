import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { cookieFrom, openTestApi, totpFor, type TestApi } from '../../test-support/api.ts';
import { DEMO_PASSWORD } from '../../seed/seed.ts';
import { authenticator } from 'otplib';
import { currentTotp } from './totp.ts';
import { lockMinutes } from './service.ts';

describe.each(TEST_DATABASES)('staff sign-in and sessions on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
  });
  afterEach(async () => api.close());

  it('signs in with an HTTP-only, SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const res = await api.anonymous.request('POST', '/api/session', { username: 'mediador.lisboa', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(res.json().user).toMatchObject({ username: 'mediador.lisboa', roles: ['mediator'] });
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const me = await api.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieFrom(res) } });
    expect(me.json().user.username).toBe('mediador.lisboa');
  });

  it('refuses a wrong password with a translated message and no cookie', async () => {
    const res = await api.anonymous.request('POST', '/api/session', { username: 'mediador.lisboa', password: 'wrong-password' }, { 'accept-language': 'pt-PT' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'invalid_credentials', message: 'O nome de utilizador ou a palavra-passe não estão corretos.' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('locks the account after repeated failures, even for the right password, and tells for how long', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await api.anonymous.request('POST', '/api/session', { username: 'ss.lisboa', password: 'nope-nope-nope' })).statusCode).toBe(401);
    }
    const fifth = await api.anonymous.request('POST', '/api/session', { username: 'ss.lisboa', password: 'nope-nope-nope' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('sign_in_locked');
    const right = await api.anonymous.request('POST', '/api/session', { username: 'ss.lisboa', password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(429);
    api.setNow(new Date(Date.now() + 2 * 60_000));
    expect((await api.anonymous.request('POST', '/api/session', { username: 'ss.lisboa', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('asks a network administrator for the second factor and accepts only the current code', async () => {
    const noCode = await api.anonymous.request('POST', '/api/session', { username: 'admin', password: DEMO_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');
    const wrong = await api.anonymous.request('POST', '/api/session', { username: 'admin', password: DEMO_PASSWORD, totpCode: '000000' });
    expect(wrong.json().error.code).toBe('totp_invalid');
    const ok = await api.anonymous.request('POST', '/api/session', { username: 'admin', password: DEMO_PASSWORD, totpCode: await totpFor(api, 'admin') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfa).toBe('ok');
  });

  it('refuses a second-factor code used once already, also when two sign-ins race with it, and accepts the next code', async () => {
    const secret = (await api.ctx.db.selectFrom('staff_user').select('totp_secret').where('username', '=', 'admin').executeTakeFirstOrThrow()).totp_secret!;
    const code = currentTotp(secret);
    const signIn = (totpCode: string) => api.anonymous.request('POST', '/api/session', { username: 'admin', password: DEMO_PASSWORD, totpCode }, { 'accept-language': 'en' });
    // Both at once: the step is claimed by one conditional UPDATE, so exactly one wins.
    const both = await Promise.all([signIn(code), signIn(code)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const refused = both.find((r) => r.statusCode === 401)!;
    expect(refused.json().error).toMatchObject({ code: 'totp_replayed', message: expect.stringMatching(/already been used/) });
    // Seen later, from another client: still refused, and an older code of the window too.
    expect((await signIn(code)).json().error.code).toBe('totp_replayed');
    expect((await signIn(authenticator.clone({ epoch: Date.now() - 30_000 }).generate(secret))).json().error.code).toBe('totp_replayed');
    // The code of the next period (the window allows one step of drift) is still accepted once.
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    expect((await signIn(next)).statusCode).toBe(200);
    expect((await signIn(next)).json().error.code).toBe('totp_replayed');
    const row = await api.ctx.db.selectFrom('staff_user').select('totp_last_step').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(Number(row.totp_last_step)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 30_000));
  });

  it('makes a new network administrator enrol a second factor before doing anything else', async () => {
    const admin = await api.signIn('admin');
    const created = await admin.request('POST', '/api/staff', { username: 'nova.admin', displayName: 'Nova', password: 'a-long-password-1', roles: ['network_admin'] });
    expect(created.statusCode).toBe(201);
    const signIn = await api.anonymous.request('POST', '/api/session', { username: 'nova.admin', password: 'a-long-password-1' });
    expect(signIn.json().mfa).toBe('enrolment_required');
    const nova = { cookie: cookieFrom(signIn), csrf: signIn.json().csrfToken as string };
    const headers = { cookie: nova.cookie, 'x-csrf-token': nova.csrf };
    const blocked = await api.app.inject({ method: 'GET', url: '/api/staff', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_enrolment_required');
    const enrol = await api.app.inject({ method: 'POST', url: '/api/me/totp', headers });
    expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.json().qrSvg).toMatch(/<svg/);
    const bad = await api.app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { code: '123456' } });
    expect(bad.statusCode).toBe(400);
    const confirm = await api.app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { code: currentTotp(enrol.json().secret) } });
    expect(confirm.statusCode).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: '/api/staff', headers })).statusCode).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token or from another origin', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const noToken = await api.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: manager.cookie }, payload: { locale: 'en' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf');
    const crossSite = await manager.request('PATCH', '/api/me', { locale: 'en' }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('cross_origin');
    const ok = await manager.request('PATCH', '/api/me', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
  });

  it('signs out: the cookie no longer works', async () => {
    const user = await api.signIn('info.lisboa');
    expect((await user.request('DELETE', '/api/session')).statusCode).toBe(204);
    expect((await user.request('GET', '/api/session')).statusCode).toBe(401);
  });

  it('ends a session after the idle limit and after the absolute limit', async () => {
    const t0 = Date.now();
    const idle = await api.signIn('analista');
    api.setNow(new Date(t0 + 29 * 60_000));
    expect((await idle.request('GET', '/api/session')).statusCode).toBe(200); // activity resets the idle clock
    api.setNow(new Date(t0 + 29 * 60_000 + 31 * 60_000));
    expect((await idle.request('GET', '/api/session')).statusCode).toBe(401);

    api.setNow(new Date(t0));
    const busy = await api.signIn('auditor');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      api.setNow(new Date(t0 + minutes * 60_000));
      expect((await busy.request('GET', '/api/session')).statusCode).toBe(200);
    }
    api.setNow(new Date(t0 + 12 * 60 * 60_000 + 1000));
    expect((await busy.request('GET', '/api/session')).statusCode).toBe(401);
  });

  it('disabling a user ends their sessions at once; a role change applies on the next request', async () => {
    const admin = await api.signIn('admin');
    const officer = await api.signIn('aima.lisboa');
    const officerId = (await officer.request('GET', '/api/session')).json().user.id;
    expect((await officer.request('GET', '/api/staff')).statusCode).toBe(403);
    await admin.request('PATCH', `/api/staff/${officerId}`, { roles: ['agency_officer', 'network_admin'] });
    // Now a network administrator without a second factor: must enrol first.
    expect((await officer.request('GET', '/api/staff')).json().error.code).toBe('mfa_enrolment_required');
    await admin.request('PATCH', `/api/staff/${officerId}`, { roles: ['agency_officer'] });
    expect((await officer.request('GET', '/api/session')).json().user.roles).toEqual(['agency_officer']);
    expect((await admin.request('POST', `/api/staff/${officerId}/disable`)).json().disabled).toBe(true);
    expect((await officer.request('GET', '/api/session')).statusCode).toBe(401);
    expect((await api.anonymous.request('POST', '/api/session', { username: 'aima.lisboa', password: DEMO_PASSWORD })).statusCode).toBe(401);
  });

  it('never lets a user change their own roles, partner or status', async () => {
    const admin = await api.signIn('admin');
    const me = (await admin.request('GET', '/api/session')).json().user;
    const roles = await admin.request('PATCH', `/api/staff/${me.id}`, { roles: ['network_admin', 'auditor'] });
    expect(roles.statusCode).toBe(403);
    expect(roles.json().error.code).toBe('cannot_change_own_access');
    expect((await admin.request('POST', `/api/staff/${me.id}/disable`)).statusCode).toBe(403);
    const viaProfile = await admin.request('PATCH', '/api/me', { roles: ['auditor'] });
    expect(viaProfile.statusCode).toBe(400);
    expect(viaProfile.json().error.fields.roles).toBeDefined();
    expect((await admin.request('GET', '/api/session')).json().user.roles).toEqual(['network_admin']);
  });
});

describe('lock-out back-off', () => {
  it('doubles the lock for each failure past the limit, up to an hour', () => {
    expect([4, 5, 6, 7, 12, 30].map((n) => lockMinutes(n, 5))).toEqual([0, 1, 2, 4, 60, 60]);
  });
});
