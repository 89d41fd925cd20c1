import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import type { EventBus } from '../realtime/bus.ts';
import type { LiveStreams } from '../realtime/streams.ts';
import { queueGauges } from './store.ts';

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  // Hashing first gives both sides one length, so the comparison time says nothing about the token.
  const given = createHash('sha256').update(match[1]!.trim()).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

/** Where the metrics read what they report at scrape time. */
export interface MetricSources {
  streams: LiveStreams;
  bus: EventBus;
}

/**
 * Prometheus metrics for one app: request duration per route pattern, tickets issued and served,
 * open event streams, event delivery lag, queues (read from the database at scrape time), the
 * database pool, and the process's own (memory, CPU, event-loop lag).
 */
export function createMetrics(ctx: AppContext, sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'balcao_' });

  const requestDuration = new Histogram({
    name: 'balcao_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (never the URL itself), method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ticketsIssued = new Counter({ name: 'balcao_tickets_issued_total', help: 'Visits started with a first ticket on this node', registers: [registry] });
  const ticketsServed = new Counter({ name: 'balcao_tickets_served_total', help: 'Tickets finished at a counter on this node', registers: [registry] });
  const deliveryLag = new Histogram({
    name: 'balcao_event_delivery_lag_seconds',
    help: 'From an event being recorded to this node handing it to its subscribers',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'balcao_sse_subscribers',
    help: 'Event streams open on this node (display boards, counters, floor screens, phone pages)',
    registers: [registry],
    collect() {
      this.set(sources.streams.size);
    },
  });
  const waitingGauge = new Gauge({ name: 'balcao_queue_waiting', help: 'People waiting per service', labelNames: ['centre', 'service'] as const, registers: [registry] });
  const oldestGauge = new Gauge({
    name: 'balcao_queue_oldest_wait_seconds',
    help: 'How long the longest-waiting person of each service has waited',
    labelNames: ['centre', 'service'] as const,
    registers: [registry],
  });
  const dbUp = new Gauge({ name: 'balcao_database_up', help: '1 when the last scrape could read the database, else 0', registers: [registry] });
  if (ctx.dbPoolStats) {
    const stats = ctx.dbPoolStats;
    new Gauge({
      name: 'balcao_db_pool_connections',
      help: 'PostgreSQL connection pool: total, idle, and requests waiting for a connection',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  const queryDuration = new Histogram({
    name: 'balcao_db_query_duration_seconds',
    help: 'Time each database statement took (inside transactions too), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  if (ctx.dbQueries) ctx.dbQueries.observe = (seconds, failed) => queryDuration.observe({ outcome: failed ? 'error' : 'ok' }, seconds);

  sources.bus.onDelivered = (event) => {
    const at = Date.parse(event.at);
    if (Number.isFinite(at)) deliveryLag.observe(Math.max(0, (Date.now() - at) / 1000));
  };

  /** Queues and database reachability, read when Prometheus scrapes (not on a timer). */
  async function refreshFromDatabase(): Promise<void> {
    try {
      const gauges = await queueGauges(ctx.db);
      waitingGauge.reset();
      oldestGauge.reset();
      const now = ctx.now().getTime();
      for (const g of gauges) {
        const labels = { centre: g.centre, service: g.service };
        waitingGauge.set(labels, g.waiting);
        oldestGauge.set(labels, g.oldestQueuedAt ? Math.max(0, (now - Date.parse(g.oldestQueuedAt)) / 1000) : 0);
      }
      dbUp.set(1);
    } catch {
      dbUp.set(0);
    }
  }

  return {
    registry,
    observeResponse(request: FastifyRequest, statusCode: number, seconds: number) {
      const route = request.routeOptions.url ?? 'unmatched';
      requestDuration.observe({ method: request.method, route, status_code: String(statusCode) }, seconds);
      if (statusCode >= 300) return;
      if (request.routeOptions.config?.action === 'ticket.issue' && request.method === 'POST') ticketsIssued.inc();
      else if (route === '/api/tickets/:id/finish') ticketsServed.inc();
    },
    async render(): Promise<{ contentType: string; body: string }> {
      await refreshFromDatabase();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * GET /metrics when METRICS_TOKEN is set (absent otherwise: 404 like any unknown path). Only a
 * request bearing `Authorization: Bearer <token>` is answered; others get 401.
 */
export function metricsRoutes(app: App, ctx: AppContext, sources: MetricSources): void {
  const token = ctx.config.metricsToken;
  if (!token) return;
  const metrics = createMetrics(ctx, sources);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeResponse(request, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ error: { code: 'unauthenticated', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } });
    }
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
