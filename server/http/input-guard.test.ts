import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { cookieFrom, openTestApi, type Client, type TestApi } from '../test-support/api.ts';

/**
 * Text with a NUL character and non-finite numbers are refused with a 400 a person can act on, on
 * every route and in every part of a request — where PostgreSQL used to answer 500.
 */
describe.each(TEST_DATABASES)('unstorable input on %s', (kind) => {
  let api: TestApi;
  let mediator: Client;
  let editor: Client;
  let kiosk: Client;
  let serviceId: string;

  beforeAll(async () => {
    api = await openTestApi(kind);
    mediator = await api.signIn('mediador.lisboa');
    editor = await api.signIn('editor');
    const manager = await api.signIn('gestor.lisboa');
    const lisboa = await api.centreId('lisboa');
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'kiosk', name: 'Entrada' })).json();
    const paired = await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode });
    const cookie = cookieFrom(paired);
    kiosk = { cookie, csrfToken: '', request: (method, url, body, headers = {}) => api.app.inject({ method, url, headers: { cookie, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) }) };
    serviceId = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', lisboa).where('ticket_prefix', '=', 'W').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => api.close());

  it('refuses a NUL character at sign-in, in the staff member\'s language, naming the field', async () => {
    const res = await api.anonymous.request('POST', '/api/session', { username: 'mediador\u0000.lisboa', password: 'x' }, { 'accept-language': 'pt-PT' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'nul_character', fields: { username: expect.stringContaining('NUL') } });
    expect(res.json().error.message).toMatch(/carácter de controlo invisível/);
  });

  it('refuses a NUL character in a body, deep in it, in a key, in a query, a path parameter and a stored header', async () => {
    const deep = await mediator.request('POST', '/api/persons', { fullName: 'Olena', documents: [{ type: 'passport', number: 'AB\u00001' }] });
    expect(deep.statusCode, deep.body).toBe(400);
    expect(deep.json().error).toMatchObject({ code: 'nul_character', fields: { documents: expect.any(String) } });
    const key = await mediator.request('POST', '/api/persons', { ['full\u0000Name']: 'Olena' });
    expect(key.json().error.code).toBe('nul_character');
    const query = await mediator.request('GET', `/api/persons?q=${encodeURIComponent('Ol\u0000ena')}`);
    expect(query.statusCode).toBe(400);
    expect(query.json().error).toMatchObject({ code: 'nul_character', fields: { q: expect.any(String) } });
    const param = await mediator.request('GET', '/api/persons/a%00b');
    expect(param.json().error.code).toBe('nul_character');
    const header = await mediator.request('POST', '/api/visits', { serviceId, language: 'pt-PT' }, { 'idempotency-key': 'key-\u0000-0001' });
    expect(header.statusCode, header.body).toBe(400);
    expect(header.json().error.code).toBe('nul_character');
    // Nothing was written: the visit was refused before its handler ran.
    expect(await api.ctx.db.selectFrom('visit').select('id').execute()).toHaveLength(0);
  });

  it("answers a kiosk in the client's language", async () => {
    const res = await kiosk.request('POST', '/api/visits', { serviceId, language: 'uk\u0000' }, { 'accept-language': 'uk' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'nul_character', message: expect.stringMatching(/невидимий символ/) });
  });

  it('refuses a non-finite number from JSON (1e400) and from a query or path coerced to a number', async () => {
    const created = await editor.request('POST', '/api/knowledge/admin/items', { kind: 'topic', slug: 'family', topicCode: 'family-reunification', published: true, content: { title: 'Família', summary: 'Trazer a família.' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const text = { content: { title: 'Family', summary: 'Bringing the family.' }, machineTranslated: true };

    // JSON's 1e400 is Infinity once parsed; a schema-less or open field would take it as is.
    const json = await editor.request('PUT', `/api/knowledge/admin/items/${id}/texts/en`, `{"content":{"title":"Family","summary":"Bringing the family."},"machineTranslated":true,"basedOnSourceVersion":1e400}`, { 'content-type': 'application/json' });
    expect(json.statusCode, json.body).toBe(400);
    // A string coerced by the schema: "1e400" passes `integer, minimum 1` as Infinity.
    const coerced = await editor.request('PUT', `/api/knowledge/admin/items/${id}/texts/en`, { ...text, basedOnSourceVersion: '1e400' });
    expect(coerced.statusCode, coerced.body).toBe(400);
    expect(coerced.json().error).toMatchObject({ code: 'number_not_finite', fields: { basedOnSourceVersion: expect.any(String) } });
    const path = await editor.request('POST', `/api/knowledge/admin/items/${id}/texts/en/versions/1e400/review`);
    expect(path.statusCode, path.body).toBe(400);
    expect(path.json().error.code).toBe('number_not_finite');
    const query = await mediator.request('GET', '/api/documents/expiring?days=-1e400');
    expect(query.statusCode).toBe(400);

    // An ordinary number still goes through.
    const ok = await editor.request('PUT', `/api/knowledge/admin/items/${id}/texts/en`, { ...text, basedOnSourceVersion: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
