import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../test-support/api.ts';

/**
 * User input never causes a 5xx: every API route, called by signed-in staff with arbitrary
 * bodies, query strings and path parameters, answers with a status below 500.
 */
describe.each(TEST_DATABASES)('arbitrary input on %s', (kind) => {
  let api: TestApi;
  let users: Client[];
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    api = await openTestApi(kind);
    users = [await api.signIn('admin'), await api.signIn('mediador.lisboa'), await api.signIn('aima.lisboa'), await api.signIn('auditor')];
    const spec = (await api.anonymous.request('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      // Streams stay open by design; they are tested on their own.
      .filter((r) => !r.path.endsWith('/events'));
  });
  afterAll(async () => api.close());

  const segment = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('00000000-0000-4000-8000-000000000000'), fc.constant('%00'), fc.constant('..'));
  const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.constant(undefined));

  it('never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), segment, body, fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }), async (r, u, param, payload, query) => {
        const route = routes[r % routes.length]!;
        const user = users[u % users.length]!;
        const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(param));
        const qs = new URLSearchParams(query).toString();
        const res = await user.request(route.method as 'GET', `${path}${qs ? `?${qs}` : ''}`, route.method === 'GET' || route.method === 'DELETE' ? undefined : payload);
        expect(res.statusCode, `${route.method} ${path} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
