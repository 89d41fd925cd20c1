import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../app.ts';
import { loggerOptions } from '../http/logging.ts';
import { TEST_DATABASES, openTestDb } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { bearerMatches } from './metrics.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z');
const TOKEN = 'scrape-me-0123456789';

/** The value of one sample line of the exposition text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('the metrics token', () => {
  it('is compared whole, as a bearer token', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
});

describe.each(TEST_DATABASES)('metrics and readiness on %s', (kind) => {
  let api: TestApi;
  afterEach(async () => api?.close());

  it('has no /metrics without METRICS_TOKEN', async () => {
    api = await openTestApi(kind);
    expect((await api.anonymous.request('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(404);
  });

  it('answers /metrics only to the bearer of the token: requests per route pattern, tickets, queues, streams', async () => {
    api = await openTestApi(kind, { metricsToken: TOKEN });
    api.setNow(MONDAY_10H);
    expect((await api.anonymous.request('GET', '/metrics')).statusCode).toBe(401);
    expect((await api.anonymous.request('GET', '/metrics', undefined, { authorization: 'Bearer wrong' })).statusCode).toBe(401);

    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const config = (await mediator.request('GET', `/api/centres/${lisboa}`)).json();
    const w = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W');
    for (let i = 0; i < 3; i++) expect((await mediator.request('POST', '/api/visits', { serviceId: w.id, language: 'pt-PT' })).statusCode).toBe(201);
    api.setNow(new Date(MONDAY_10H.getTime() + 240_000));

    const res = await api.anonymous.request('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    // The route pattern, never the URL with its ids.
    expect(sample(text, 'balcao_http_request_duration_seconds_count', { route: '/api/centres/:id', method: 'GET', status_code: '200' })).toBe(1);
    expect(text).not.toContain(lisboa);
    expect(sample(text, 'balcao_http_request_duration_seconds_count', { route: '/api/visits', method: 'POST', status_code: '201' })).toBe(3);
    expect(sample(text, 'balcao_tickets_issued_total')).toBe(3);
    expect(sample(text, 'balcao_tickets_served_total')).toBe(0);
    expect(sample(text, 'balcao_queue_waiting', { centre: 'lisboa', service: w.code })).toBe(3);
    expect(sample(text, 'balcao_queue_oldest_wait_seconds', { centre: 'lisboa', service: w.code })).toBe(240);
    expect(sample(text, 'balcao_sse_subscribers')).toBe(0);
    expect(sample(text, 'balcao_database_up')).toBe(1);
    expect(sample(text, 'balcao_db_query_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    if (kind === 'postgres') expect(sample(text, 'balcao_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(text).toContain('balcao_event_delivery_lag_seconds_bucket');
    expect(text).toContain('balcao_process_resident_memory_bytes');
  });

  it('is ready when the database answers and every migration has run, not ready otherwise', async () => {
    api = await openTestApi(kind);
    const ok = await api.anonymous.request('GET', '/api/health/ready');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true } } });
    const last = (await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(api.ctx.db)).rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(api.ctx.db);
    const behind = await api.anonymous.request('GET', '/api/health/ready');
    expect(behind.statusCode).toBe(503);
    expect(behind.json().checks.migrations).toEqual({ ok: false, detail: `1 migration(s) not run: ${last}` });
    // Liveness is another question: the process answers.
    expect((await api.anonymous.request('GET', '/api/health')).statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('are on every log line of a request and in the X-Request-Id header; a sane one from the proxy is kept', async () => {
    const db = await openTestDb('sqlite');
    let logged = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
    const app = await buildApp(db.ctx, { logger: loggerOptions('info', sink) });
    try {
      const fresh = await app.inject({ method: 'GET', url: '/api/health' });
      const id = String(fresh.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-abc.123' } });
      expect(kept.headers['x-request-id']).toBe('proxy-abc.123');
      const refused = await app.inject({ method: 'GET', url: '/api/nothing', headers: { 'x-request-id': 'bad id\twith "quotes"' } });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const lines = logged.trim().split('\n').map((l) => JSON.parse(l) as { reqId?: string; msg: string });
      const requestLines = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
      expect(requestLines.length).toBeGreaterThanOrEqual(6);
      for (const l of requestLines) expect(l.reqId).toBeTruthy();
      expect(lines.filter((l) => l.reqId === id).length).toBe(2);
      expect(lines.filter((l) => l.reqId === 'proxy-abc.123').length).toBe(2);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
