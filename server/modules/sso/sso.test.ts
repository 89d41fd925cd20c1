import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';
import { DEMO_PASSWORD } from '../../seed/seed.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from '../../test-support/oidc-provider.ts';

const PUBLIC_URL = 'http://balcao.test';
const SECRET_VARIABLE = 'BALCAO_TEST_SSO_CLIENT_SECRET';

const cookiesOf = (res: LightMyRequestResponse | Response): Record<string, string> => {
  const set = res instanceof Response ? res.headers.getSetCookie() : ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return Object.fromEntries(set.map((c) => c.split(';')[0]!.split('=') as [string, string]).map(([k, ...v]) => [k, v.join('=')]));
};

/** A browser going through the test provider's pages: follows redirects, keeps the provider's cookies. */
async function throughProvider(idp: TestIdentityProvider, authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const [k, v] of Object.entries(cookiesOf(res))) jar.set(k, v);
    return res;
  };
  let res = await go(authorizationUrl);
  let location = new URL(res.headers.get('location')!, idp.issuer).href;
  res = await go(location);
  const uid = /\/interaction\/([\w-]+)/.exec(await res.text())![1]!;
  res = await go(`${idp.issuer}/interaction/${uid}`, { method: 'POST', body: `login=${encodeURIComponent(login)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  location = new URL(res.headers.get('location')!, idp.issuer).href;
  while (!location.startsWith(PUBLIC_URL)) {
    res = await go(location);
    location = new URL(res.headers.get('location')!, idp.issuer).href;
  }
  return location;
}

describe.each(TEST_DATABASES)('single sign-on through a real OpenID Connect provider on %s', (kind) => {
  let api: TestApi;
  let admin: Client;
  let idp: TestIdentityProvider;
  let providerId: string;
  let lisboa: string;
  let aima: string;
  const redirectUris: string[] = [];

  beforeAll(async () => {
    // The provider is started once; each test's Balcão provider gets its own redirect URI added.
    idp = await startTestIdentityProvider(redirectUris, [
      { sub: 'officer-1', claims: { name: 'Rita Officer', preferred_username: 'rita', email: 'rita@gov.test', groups: ['balcao-aima-lisboa'] }, amr: ['pwd'] },
      { sub: 'stranger-1', claims: { name: 'Sam Stranger', preferred_username: 'sam', groups: ['other'] }, amr: ['pwd'] },
      { sub: 'admin-otp', claims: { name: 'Ada Admin', preferred_username: 'ada', groups: ['balcao-admins'] }, amr: ['pwd', 'otp'] },
      { sub: 'admin-pwd', claims: { name: 'Pat Admin', preferred_username: 'pat', groups: ['balcao-admins'] }, amr: ['pwd'] },
      { sub: 'admin-acr', claims: { name: 'Acr Admin', preferred_username: 'acra', groups: ['balcao-admins'] }, acr: 'urn:balcao:test:mfa' },
      // Takes the username of a local demo account: gets another one, never that account.
      { sub: 'clash-1', claims: { name: 'Clash', preferred_username: 'mediador.lisboa', groups: ['balcao-admins'] }, amr: ['otp'] },
    ]);
    process.env[SECRET_VARIABLE] = idp.clientSecret;
  });
  afterAll(async () => {
    await idp?.close();
    delete process.env[SECRET_VARIABLE];
  });

  beforeEach(async () => {
    api = await openTestApi(kind, { publicUrl: PUBLIC_URL });
    admin = await api.signIn('admin');
    lisboa = await api.centreId('lisboa');
    aima = await api.partnerId('aima');
    const res = await admin.request('POST', '/api/sso-providers', {
      name: 'Government ID',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretRef: `env:${SECRET_VARIABLE}`,
      rules: [
        { value: 'balcao-aima-lisboa', roles: ['agency_officer'], partnerId: aima, centreId: lisboa },
        { value: 'balcao-admins', roles: ['network_admin'], partnerId: null, centreId: null },
      ],
      mfaAcr: ['urn:balcao:test:mfa'],
    });
    expect(res.statusCode, res.body).toBe(201);
    providerId = res.json().id;
    redirectUris.push(`${PUBLIC_URL}/auth/sso/${providerId}/callback`);
  });
  afterEach(async () => api.close());

  /** The whole code flow: start → provider → callback. Returns the callback's answer and the session cookie. */
  async function signInAs(login: string, lang = 'en') {
    const start = await api.app.inject({ method: 'GET', url: `/auth/sso/${providerId}/start`, headers: { 'accept-language': lang } });
    expect(start.statusCode, start.body).toBe(303);
    const authorizationUrl = String(start.headers.location);
    const binding = cookiesOf(start).balcao_sso!;
    const callbackUrl = await throughProvider(idp, authorizationUrl, login);
    const callback = await api.app.inject({ method: 'GET', url: callbackUrl.slice(PUBLIC_URL.length), headers: { cookie: `balcao_sso=${binding}`, 'accept-language': lang } });
    return { authorizationUrl, callbackUrl, binding, callback, session: cookiesOf(callback).balcao_session };
  }
  const sessionOf = async (cookie: string) => (await api.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `balcao_session=${cookie}` } })).json();

  it('walks the code flow with PKCE, state and nonce, creates the account on first sign-in and maps groups to role, partner and centre', async () => {
    const { authorizationUrl, callback, session } = await signInAs('officer-1');
    const params = new URL(authorizationUrl).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/sso/${providerId}/callback`);
    expect(callback.statusCode).toBe(200);
    expect(callback.body).toContain('<meta http-equiv="refresh" content="0;url=/app/">');
    expect(callback.body).toContain('Signed in');
    expect(session).toBeTruthy();
    const me = await sessionOf(session!);
    expect(me).toMatchObject({ mfa: 'ok', user: { username: 'rita', displayName: 'Rita Officer', roles: ['agency_officer'], partnerId: aima, centreId: lisboa } });
    // The pending sign-in was used once and is gone.
    expect(await api.ctx.db.selectFrom('sso_pending').selectAll().execute()).toHaveLength(0);
    // The account has no password: the local form cannot open it.
    const local = await api.anonymous.request('POST', '/api/session', { username: 'rita', password: 'anything-at-all' });
    expect(local.statusCode).toBe(401);
  });

  it('re-reads roles at every sign-in and keeps one account per subject', async () => {
    const first = await signInAs('officer-1');
    const userId = (await sessionOf(first.session!)).user.id;
    const porto = await api.centreId('porto');
    const changed = await admin.request('PATCH', `/api/sso-providers/${providerId}`, { rules: [{ value: 'balcao-aima-lisboa', roles: ['agency_officer', 'analyst'], partnerId: aima, centreId: porto }] });
    expect(changed.statusCode, changed.body).toBe(200);
    const second = await signInAs('officer-1');
    const me = await sessionOf(second.session!);
    expect(me.user).toMatchObject({ id: userId, roles: ['agency_officer', 'analyst'], centreId: porto });
    expect(await api.ctx.db.selectFrom('staff_user').select('id').where('username', 'like', 'rita%').execute()).toHaveLength(1);
  });

  it('refuses someone no group lets in with a translated 403 page, and opens no session', async () => {
    const en = await signInAs('stranger-1', 'en');
    expect(en.callback.statusCode).toBe(403);
    expect(en.callback.body).toContain('No access to Balcão');
    expect(en.callback.body).toContain('<html lang="en"');
    expect(en.session).toBeUndefined();
    const pt = await signInAs('stranger-1', 'pt-PT');
    expect(pt.callback.statusCode).toBe(403);
    expect(pt.callback.body).toContain('Sem acesso ao Balcão');
    expect(await api.ctx.db.selectFrom('staff_user').select('id').where('username', '=', 'sam').execute()).toHaveLength(0);
  });

  it('refuses a callback replayed, or brought back by another browser', async () => {
    const { callbackUrl, binding } = await signInAs('officer-1');
    const replay = await api.app.inject({ method: 'GET', url: callbackUrl.slice(PUBLIC_URL.length), headers: { cookie: `balcao_sso=${binding}` } });
    expect(replay.statusCode).toBe(403);
    expect(replay.body).toContain('The sign-in expired');

    const start = await api.app.inject({ method: 'GET', url: `/auth/sso/${providerId}/start` });
    const callbackUrl2 = await throughProvider(idp, String(start.headers.location), 'officer-1');
    const otherBrowser = await api.app.inject({ method: 'GET', url: callbackUrl2.slice(PUBLIC_URL.length), headers: { cookie: 'balcao_sso=someone-elses' } });
    expect(otherBrowser.statusCode).toBe(403);
    expect(cookiesOf(otherBrowser).balcao_session).toBeUndefined();
  });

  it('counts the provider’s second factor (amr or a configured acr); without it an administrator must enrol before anything else', async () => {
    for (const login of ['admin-otp', 'admin-acr']) {
      const { session } = await signInAs(login);
      expect((await sessionOf(session!)).mfa).toBe('ok');
      const staff = await api.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: `balcao_session=${session}` } });
      expect(staff.statusCode).toBe(200);
    }
    const { session } = await signInAs('admin-pwd');
    expect((await sessionOf(session!)).mfa).toBe('enrolment_required');
    const staff = await api.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: `balcao_session=${session}` } });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.code).toBe('mfa_enrolment_required');
  });

  it('gives a username already taken locally another name, never the local account', async () => {
    const { session } = await signInAs('clash-1');
    const me = await sessionOf(session!);
    expect(me.user.username).toMatch(/^mediador\.lisboa\.[0-9a-f]{6}$/);
    const local = await api.ctx.db.selectFrom('staff_user').select('roles').where('username', '=', 'mediador.lisboa').executeTakeFirstOrThrow();
    expect(JSON.parse(local.roles)).toEqual(['mediator']);
  });

  it('answers 503 with a page when the provider cannot be reached', async () => {
    const res = await admin.request('POST', '/api/sso-providers', { name: 'Down', issuer: 'http://127.0.0.1:9', clientId: 'x', rules: [] });
    expect(res.statusCode).toBe(201);
    const start = await api.app.inject({ method: 'GET', url: `/auth/sso/${res.json().id}/start`, headers: { 'accept-language': 'pt-PT' } });
    expect(start.statusCode).toBe(503);
    expect(start.body).toContain('Não é possível contactar o fornecedor de identidade');
    const unknown = await api.app.inject({ method: 'GET', url: '/auth/sso/no-such-provider/start' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets only the network administrator configure providers, never with a secret in clear, and offers active ones on the sign-in page', async () => {
    const bad = await admin.request('POST', '/api/sso-providers', { name: 'X', issuer: idp.issuer, clientId: 'x', clientSecretRef: 'the-secret-itself', rules: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('clientSecretRef');
    const insecure = await admin.request('POST', '/api/sso-providers', { name: 'X', issuer: 'http://idp.example.org', clientId: 'x', rules: [] });
    expect(insecure.json().error.fields).toHaveProperty('issuer');
    const badRule = await admin.request('POST', '/api/sso-providers', { name: 'X', issuer: idp.issuer, clientId: 'x', rules: [{ value: 'g', roles: ['mediator'], partnerId: 'nope', centreId: null }] });
    expect(badRule.json().error.fields).toHaveProperty('rules');
    const manager = await api.signIn('gestor.lisboa');
    expect((await manager.request('GET', '/api/sso-providers')).statusCode).toBe(403);
    const options = (await api.anonymous.request('GET', '/api/sign-in/options')).json();
    expect(options).toEqual({ providers: [{ id: providerId, name: 'Government ID' }], localSignIn: 'all' });
    await admin.request('PATCH', `/api/sso-providers/${providerId}`, { active: false });
    expect((await api.anonymous.request('GET', '/api/sign-in/options')).json().providers).toEqual([]);
  });
});

describe.each(TEST_DATABASES)('LOCAL_SIGN_IN on %s', (kind) => {
  it('admins: only network administrators sign in with a password; none: nobody', async () => {
    const api = await openTestApi(kind, { localSignIn: 'admins' });
    try {
      await expect(api.signIn('admin')).resolves.toBeTruthy();
      const mediator = await api.anonymous.request('POST', '/api/session', { username: 'mediador.lisboa', password: DEMO_PASSWORD });
      expect(mediator.statusCode).toBe(403);
      expect(mediator.json().error.code).toBe('local_sign_in_disabled');
      // A wrong password says only that: whether the account may use a password is not revealed.
      const wrong = await api.anonymous.request('POST', '/api/session', { username: 'mediador.lisboa', password: 'not-the-password' });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await api.close();
    }
    const none = await openTestApi(kind, { localSignIn: 'none' });
    try {
      await expect(none.signIn('admin')).rejects.toThrow(/403/);
    } finally {
      await none.close();
    }
  });
});
