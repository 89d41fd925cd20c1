import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { VERSION } from '../../version.ts';

describe.each(TEST_DATABASES)('health, OpenAPI and defaults on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(kind);
  });
  afterAll(async () => api.close());

  it('reports the database in use and the version', async () => {
    const res = await api.anonymous.request('GET', '/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: kind, version: VERSION });
  });

  it('publishes OpenAPI 3 generated from the route schemas, every route declaring its responses', async () => {
    const spec = (await api.anonymous.request('GET', '/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/session', '/api/centres', '/api/services', '/api/counters', '/api/staff', '/api/devices', '/api/device/pair']) {
      expect(spec.paths[path], path).toBeDefined();
    }
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const codes = Object.keys(op.responses ?? {});
        // A redirect is the success of a route that sends the browser elsewhere (single sign-on's start).
        expect(codes.some((c) => /^[23]/.test(c)), `${method} ${path} declares its success response`).toBe(true);
        expect(codes.some((c) => /^[45]/.test(c)), `${method} ${path} declares its errors`).toBe(true);
      }
    }
    expect(spec.paths['/api/services'].post.requestBody.content['application/json'].schema.properties.ticketPrefix.pattern).toBe('^[A-Z]{1,2}$');
    expect((await api.anonymous.request('GET', '/api/docs/')).statusCode).toBe(200);
  });

  it('sends strict security headers', async () => {
    const res = await api.anonymous.request('GET', '/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers unknown API paths and malformed JSON with a clear 4xx, never a 5xx', async () => {
    expect((await api.anonymous.request('GET', '/api/nothing-here')).statusCode).toBe(404);
    const bad = await api.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBeTruthy();
  });
});
