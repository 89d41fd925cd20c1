import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../test-support/api.ts';

/** The part of JSON Schema (as OpenAPI prints the routes' TypeBox schemas) the generator follows. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  method: string;
  path: string;
  query: { name: string; schema: Schema }[];
  params: Record<string, Schema>;
  body: Schema | null;
}

/** Stands for a number JSON cannot write (1e400 parses to Infinity): swapped in after stringify. */
const NON_FINITE = ['__1e400__', '__-1e400__'] as const;
const jsonText = (value: unknown): string => JSON.stringify(value).replace(/"__(-?1e400)__"/g, '$1');

/** Text as people and programs send it, with what a database cannot store mixed in. */
const text = fc.oneof(
  { weight: 20, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', 'Ol\u0000ena', '%00', '..', '1e400', 'NaN', 'Infinity', '') },
  { weight: 2, arbitrary: fc.uuid() },
);
/** Ids of what the seed made (centres, services, counters, partners, desks, staff): paths and fields that name one reach further. */
let knownIds: string[] = ['00000000-0000-4000-8000-000000000000'];
const id = () => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...knownIds) }, { weight: 2, arbitrary: fc.uuid() }, { weight: 1, arbitrary: text });
const number = (s: Schema) =>
  fc.oneof(
    // Within the schema's bounds (which need not be whole numbers: a share runs 0–1).
    { weight: 4, arbitrary: s.type === 'integer' || (s.maximum ?? 1000) - (s.minimum ?? -1000) >= 2 ? fc.integer({ min: Math.ceil(Math.max(s.minimum ?? -1000, -1e6)), max: Math.floor(Math.min(s.maximum ?? 1000, 1e6)) }) : fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...NON_FINITE, 1e20, -1, 0) },
  );
/** A query value: mostly one that fits the parameter, written as a query string writes it; sometimes a hostile one. */
const queryValue = (schema: Schema) =>
  fc.oneof(
    { weight: 6, arbitrary: valueFor(schema).map((v) => (NON_FINITE.includes(v as never) ? String(v).slice(2, -2) : typeof v === 'string' ? v : JSON.stringify(v))) },
    { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('1e400', '-1e400', 'NaN', 'Infinity', '1e20', '7', '0', 'true')) },
  );

/** Values that mostly fit a schema (so requests get past validation to the handler), with hostile text and numbers inside. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: text });
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueFor(v, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return id();
      if (schema.format === 'date') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('2026-11-23', '1990-04-02', '2027-01-10') }, { weight: 1, arbitrary: text });
      if (schema.format === 'date-time') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('2026-11-23T10:00:00Z', '2026-12-31T23:59:59.999Z') }, { weight: 1, arbitrary: text });
      if (schema.pattern) return fc.oneof({ weight: 3, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) }, { weight: 1, arbitrary: text });
      return text;
    case 'integer':
    case 'number':
      return number(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(props).map(([k, s]) => [k, required.has(k) ? valueFor(s, depth + 1) : fc.option(valueFor(s, depth + 1), { nil: undefined })] as const);
      return fc.record(Object.fromEntries(entries)).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * User input never causes a 5xx: every API route, called by signed-in staff with bodies and query
 * strings drawn from its own schema (so most requests reach the handler and the database) with
 * NUL characters, non-finite and huge numbers among the values, answers with a status below 500.
 * The test must bite: it refuses to pass when too few requests got past validation and
 * authorisation, and it never signs its own users out.
 */
describe.each(TEST_DATABASES)('arbitrary input on %s', (kind) => {
  let api: TestApi;
  let users: Client[];
  let operations: Operation[];
  let reachedHandler = 0;

  beforeAll(async () => {
    api = await openTestApi(kind, {}, {
      // Registered after the app's own hooks, so it runs once validation and authorisation passed.
      beforeReady: (app) =>
        app.addHook('preHandler', async () => {
          reachedHandler++;
        }),
    });
    const db = api.ctx.db;
    const fuzzUsers = ['admin', 'mediador.lisboa', 'aima.lisboa', 'auditor', 'gestor.lisboa'];
    // Not the fuzz users' own ids: an administrator disabling one of them would sign it out.
    const others = await db.selectFrom('staff_user').select('id').where('username', 'not in', fuzzUsers).execute();
    knownIds = [
      '00000000-0000-4000-8000-000000000000',
      ...(await Promise.all((['centre', 'service', 'counter', 'partner', 'desk'] as const).map((t) => db.selectFrom(t).select('id').execute()))).flat().map((r) => r.id),
      ...others.map((r) => r.id),
    ];
    users = [];
    for (const u of fuzzUsers) users.push(await api.signIn(u));
    const spec = (await api.anonymous.request('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    };
    operations = Object.entries(spec.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
          params: Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema])),
          body: op.requestBody?.content?.['application/json']?.schema ?? null,
        })),
      )
      // Streams stay open by design (tested on their own); signing out would leave the rest of
      // the run answering 401 before any handler, passing without testing anything.
      .filter((r) => !r.path.endsWith('/events') && !(r.method === 'DELETE' && r.path === '/api/session'));
  });
  afterAll(async () => api.close());

  /** A path parameter: mostly one that fits its schema (a known id, a locale), sometimes anything. */
  const segment = (schema: Schema | undefined) =>
    fc.oneof(
      { weight: 8, arbitrary: valueFor(schema ?? { type: 'string', format: 'uuid' }).map((v) => (NON_FINITE.includes(v as never) ? String(v).slice(2, -2) : String(v))) },
      { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('1e400', '-1e400', '1e20', 'NaN')) },
    );

  /** A request for `op`, drawn from its schema with `seed` (so a failure replays); one in eight has any JSON as body. */
  function draw(op: Operation, seed: number, wildBody: boolean) {
    const [params, query, payload] = fc.sample(
      fc.tuple(
        fc.record(Object.fromEntries(Object.keys(op.params).map((n) => [n, segment(op.params[n])]))),
        fc.record(Object.fromEntries(op.query.map((q) => [q.name, fc.option(queryValue(q.schema), { nil: undefined })]))),
        wildBody || !op.body ? fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)) : valueFor(op.body),
      ),
      { seed, numRuns: 1 },
    )[0]!;
    return { params: params as Record<string, string>, query: query as Record<string, string | undefined>, payload };
  }

  function send(user: Client, op: Operation, req: ReturnType<typeof draw>, headers: Record<string, string> = {}) {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(req.params[name] ?? '')));
    const qs = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
    const hasBody = op.method !== 'GET' && op.method !== 'DELETE' && req.payload !== undefined;
    const url = `${path}${qs ? `?${qs}` : ''}`;
    const what = `${op.method} ${url} ${hasBody ? jsonText(req.payload).slice(0, 300) : ''}`;
    return user.request(op.method as 'GET', url, hasBody ? jsonText(req.payload) : undefined, { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers }).then((res) => ({ res, what }));
  }

  it('never answers 5xx, and most requests reach a handler', async () => {
    const runs = 500;
    const before = reachedHandler;
    let signedOut = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), fc.nat(7), fc.option(text, { nil: undefined, freq: 8 }), async (r, u, seed, wild, idempotencyKey) => {
        const op = operations[r % operations.length]!;
        const { res, what } = await send(users[u % users.length]!, op, draw(op, seed, wild === 0), idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {});
        if (res.statusCode === 401 && op.path !== '/api/session') signedOut++;
        expect(res.statusCode, `${what} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: runs },
    );
    // Every user stays signed in throughout: a 401 anywhere but sign-in means the run lost its users.
    expect(signedOut, 'requests answered 401 though their user was signed in').toBe(0);
    const share = (reachedHandler - before) / runs;
    expect(share, `share of requests that reached a handler: ${share.toFixed(2)}`).toBeGreaterThanOrEqual(MIN_SHARE_REACHING_HANDLER);
  }, 240_000);

  /** The same request with one value made hostile: each top-level field, query and path parameter in turn. */
  function hostileVariants(op: Operation, req: ReturnType<typeof draw>): { req: ReturnType<typeof draw>; kind: 'nul' | 'number' }[] {
    const out: { req: ReturnType<typeof draw>; kind: 'nul' | 'number' }[] = [];
    const sendsBody = op.body && op.method !== 'GET' && op.method !== 'DELETE';
    const body = sendsBody && req.payload !== null && typeof req.payload === 'object' && !Array.isArray(req.payload) ? (req.payload as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string') out.push({ req: { ...req, payload: { ...body, [k]: `${v}\u0000` } }, kind: 'nul' });
      if (typeof v === 'number') out.push({ req: { ...req, payload: { ...body, [k]: NON_FINITE[0] } }, kind: 'number' });
    }
    for (const k of Object.keys(req.query)) {
      out.push({ req: { ...req, query: { ...req.query, [k]: 'a\u0000b' } }, kind: 'nul' }, { req: { ...req, query: { ...req.query, [k]: '1e400' } }, kind: 'number' });
    }
    for (const k of Object.keys(req.params)) out.push({ req: { ...req, params: { ...req.params, [k]: `${req.params[k]}\u0000` } }, kind: 'nul' });
    return out;
  }

  it('refuses a NUL character or a non-finite number in any field of a request that otherwise reaches its handler, on every route', async () => {
    let routesReached = 0;
    for (const op of operations) {
      // A request the handler accepts the shape of, by some user: found by trying a few seeds.
      let found: { user: Client; req: ReturnType<typeof draw> } | null = null;
      for (let seed = 1; seed <= 12 && !found; seed++) {
        const req = draw(op, seed, false);
        if (hostileVariants(op, req).length === 0) continue;
        for (const user of users) {
          const before = reachedHandler;
          const { res } = await send(user, op, req);
          if (reachedHandler > before && res.statusCode < 500) {
            found = { user, req };
            break;
          }
        }
      }
      if (!found) continue;
      routesReached++;
      for (const variant of hostileVariants(op, found.req)) {
        const { res, what } = await send(found.user, op, variant.req);
        expect(res.statusCode, `${what} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (variant.kind === 'nul') expect(res.json().error?.code, `${what} ${JSON.stringify(variant.req)}`).toBe('nul_character');
      }
    }
    // Most routes that take input must have been reached with a well-formed request, or this tested little.
    const withInput = operations.filter((op) => op.body || op.query.length || Object.keys(op.params).length).length;
    expect(routesReached / withInput, `routes reached: ${routesReached} of ${withInput}`).toBeGreaterThanOrEqual(0.5);
  }, 240_000);
});

/**
 * Measured at 0.20–0.24 with schema-drawn input (most of the rest: 403 for users without the
 * permission, and the hostile values refused on purpose); a run that signs its users out falls
 * far below. The floor leaves room for chance, not for a broken run.
 */
const MIN_SHARE_REACHING_HANDLER = 0.15;
