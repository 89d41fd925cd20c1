import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import { installAuthHooks } from './http/auth-hooks.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { installInputGuards } from './http/input-guard.ts';
import type { App } from './http/types.ts';
import { webRoutes } from './http/web.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { ssoRoutes } from './modules/sso/routes.ts';
import { deviceRoutes } from './modules/devices/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { networkRoutes } from './modules/network/routes.ts';
import { staffRoutes } from './modules/staff/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { childrensRoomRoutes } from './modules/childrens-room/routes.ts';
import { phonePageRoutes } from './modules/visits/phone-page.ts';
import { casefileRoutes } from './modules/casefile/routes.ts';
import { knowledgeRoutes } from './modules/knowledge/routes.ts';
import { publicSiteRoutes } from './modules/public-site/routes.tsx';
import { brandingRoutes } from './modules/branding/routes.ts';
import { surveyRoutes } from './modules/surveys/routes.tsx';
import { statsRoutes } from './modules/stats/routes.ts';
import { plannerRoutes } from './modules/planner/routes.ts';
import { todayRoutes } from './modules/today/routes.ts';
import { appointmentRoutes } from './modules/appointments/routes.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { allocationRoutes } from './modules/appointments/allocation-routes.tsx';
import { EventBus } from './realtime/bus.ts';
import { LiveStreams } from './realtime/streams.ts';
import { VERSION } from './version.ts';
import { metricsRoutes } from './observability/metrics.ts';
import { requestIdFor } from './http/logging.ts';

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per client before 429; sign-in and pairing have stricter limits of their own. */
  rateLimitPerMinute?: number;
  /** On PostgreSQL: where the realtime bus LISTENs for other nodes' events. */
  postgresUrl?: string;
  /** How often open event streams are authorised again (default STREAM_RECHECK_MS). */
  streamRecheckMs?: number;
}

/** Event-stream clients told to reconnect within this many milliseconds when the server stops. */
const STREAM_RETRY_ON_SHUTDOWN_MS = 5_000;

/** Builds the whole application without listening, so tests can drive it with inject(). */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: process.env.TRUST_PROXY === 'true',
    bodyLimit: 1024 * 1024,
    // Each request's id: the proxy's X-Request-Id when it sends a sane one, else a fresh UUID. It is
    // on every log line of the request (reqId) and in the response's X-Request-Id.
    genReqId: requestIdFor,
    // Unknown fields are refused, not silently dropped: no mass assignment.
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A route with no explicit action that is not under /api is a public page or asset; under /api,
  // only the documentation is public. Every other /api route must declare its action or be refused.
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { action?: string };
    if (!config.action && (!route.url.startsWith('/api') || route.url.startsWith('/api/docs'))) {
      route.config = { ...route.config, action: 'public.read' };
    }
  });

  // A POST without a body is an empty object: action routes like "recall" need none, and a form
  // that forgot every field gets "required" next to each field rather than a type error.
  app.addHook('preValidation', async (request) => {
    if (request.body == null && ['POST', 'PUT', 'PATCH'].includes(request.method)) request.body = {};
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // NUL characters and non-finite numbers are refused for every route, before authorization.
  installInputGuards(app);

  installErrorHandling(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute ?? ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => (req.cookies ? Object.values(req.cookies).join('').slice(0, 64) : '') || req.ip,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Balcão API', version: VERSION, description: 'The API of Balcão, the computer system for immigrant one-stop shops.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'balcao_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { action: 'public.read' }, schema: { hide: true } }, async () => app.swagger());

  installAuthHooks(app, ctx);
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  ssoRoutes(app, ctx);
  staffRoutes(app, ctx);
  networkRoutes(app, ctx);
  deviceRoutes(app, ctx);

  const bus = new EventBus(ctx, options.postgresUrl ? { connectionString: options.postgresUrl } : undefined);
  await bus.start();
  ctx.bus = bus;
  app.addHook('onClose', async () => bus.close());

  // Event streams stay open by design, so a closing server ends them first — with a retry hint,
  // so boards reconnect by themselves (elsewhere, or here after a restart) — and then drains the
  // requests in flight (Fastify answers new ones 503 meanwhile).
  const streams = new LiveStreams(options.streamRecheckMs);
  app.decorate('liveStreams', streams);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    streams.endAll(STREAM_RETRY_ON_SHUTDOWN_MS);
  });
  // A request answered while closing ends its connection: kept alive, it would hold the stop
  // for the keep-alive timeout.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // A change on this node that can end someone's streams re-checks them at once; the periodic
  // re-check catches changes made on other nodes (and expiries).
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 400 || request.method === 'GET' || request.method === 'HEAD' || !streams.size) return;
    const action = request.routeOptions.config?.action;
    const actor = request.actor;
    if (action === 'session.self' || action === 'mfa.enrol') {
      // Sign-out, or enrolment ending one's other sessions: this user's streams.
      if (actor.type === 'staff') void streams.recheck((a) => a.type === 'staff' && a.id === actor.id);
    } else if (action === 'staff.manage') {
      void streams.recheck((a) => a.type === 'staff');
    } else if (action === 'device.manage') {
      void streams.recheck((a) => a.type === 'device');
    }
  });
  metricsRoutes(app, ctx, { streams, bus });
  visitRoutes(app, ctx, bus);
  childrensRoomRoutes(app, ctx);
  phonePageRoutes(app, ctx);
  casefileRoutes(app, ctx);
  knowledgeRoutes(app, ctx);
  publicSiteRoutes(app, ctx);
  brandingRoutes(app, ctx);
  surveyRoutes(app, ctx);
  statsRoutes(app, ctx);
  plannerRoutes(app, ctx);
  todayRoutes(app, ctx);
  appointmentRoutes(app, ctx);
  outboxRoutes(app, ctx);
  allocationRoutes(app, ctx);
  await webRoutes(app);
  return app;
}
