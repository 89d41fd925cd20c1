import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Actor } from '../access/actor.ts';
import { audit } from '../access/audit.ts';
import { can, type Action, type Resource } from '../access/policy.ts';
import type { AppContext } from '../context.ts';
import { actorFromSessionToken } from '../modules/auth/service.ts';
import { actorFromDeviceToken } from '../modules/devices/service.ts';
import { AppError } from './errors.ts';

/** Operations on casefile data: a refusal of any of them is itself audited, like every access. */
const CASEFILE_ACTIONS = new Set<Action>(['person.read', 'person.write', 'section.read', 'section.write', 'referral.create', 'referral.legal_basis', 'referral.decide', 'referral.revoke', 'audit.read', 'person.export', 'person.erase']);

/** Records a refused casefile operation: who tried what, on which person when the route names one. */
async function auditDenial(ctx: AppContext, request: FastifyRequest, action: Action): Promise<void> {
  if (request.actor.type !== 'staff') return;
  const url = request.routeOptions.url ?? '';
  const personId = url.startsWith('/api/persons/:id') ? ((request.params as { id?: string }).id ?? null) : null;
  await audit(ctx.db, {
    actorId: request.actor.id,
    actorPartnerId: request.actor.partnerId,
    action: 'deny',
    outcome: 'denied',
    personId,
    section: null,
    purpose: null,
    detail: { what: 'route', attempted: action, route: `${request.method} ${url}` },
    at: ctx.now().toISOString(),
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation this route performs; a route without one is refused for everyone. */
    action?: Action;
    /** The centre/partner the request touches, for centre- or partner-scoped rules. */
    resource?: (request: FastifyRequest) => Resource | Promise<Resource>;
    /** Sign-in itself cannot carry a session's CSRF token; it is guarded by SameSite and Origin. */
    csrfExempt?: boolean;
    /** A client-facing route (the phone ticket page): its errors come in the client's language (client.json). */
    clientFacing?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
  }
}

export interface CookieNames {
  session: string;
  device: string;
}

export function cookieNames(secure: boolean): CookieNames {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
  return secure
    ? { session: '__Host-balcao_session', device: '__Host-balcao_device' }
    : { session: 'balcao_session', device: 'balcao_device' };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // non-browser clients; browsers always send Origin on cross-site writes
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** The actor behind a request's cookies (a session first, then a paired device), or anonymous. */
async function actorOf(ctx: AppContext, request: FastifyRequest, touch: boolean): Promise<{ actor: Actor; csrfToken: string | null }> {
  const names = cookieNames(ctx.config.secureCookies);
  const sessionToken = request.cookies[names.session];
  if (sessionToken) {
    const actor = await actorFromSessionToken(ctx, sessionToken, { touch });
    if (actor) {
      const { csrfToken, ...staff } = actor;
      return { actor: staff, csrfToken };
    }
  }
  const deviceToken = request.cookies[names.device];
  if (deviceToken) {
    const device = await actorFromDeviceToken(ctx, deviceToken);
    if (device) return { actor: device, csrfToken: null };
  }
  return { actor: ANONYMOUS, csrfToken: null };
}

const actorKey = (a: Actor): string => (a.type === 'anonymous' ? 'anonymous' : `${a.type}:${a.id}`);

/**
 * Whether a request that is still running (an event stream) would be allowed if it were made now:
 * its cookies resolved again (a session signed out, expired or of a disabled user, a device
 * revoked, all fail) to the same actor, and the route's action allowed on its resource as of now
 * (roles and partner re-read). The session is not touched: a stream is not activity.
 */
export async function stillAuthorised(ctx: AppContext, request: FastifyRequest): Promise<boolean> {
  const { actor } = await actorOf(ctx, request, false);
  if (actorKey(actor) !== actorKey(request.actor)) return false;
  const config = request.routeOptions.config;
  if (!config.action) return false;
  const resource = config.resource ? await config.resource(request) : {};
  return can(actor, config.action, resource);
}

export function installAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    const { actor, csrfToken } = await actorOf(ctx, request, true);
    request.actor = actor;
    if (csrfToken !== null) request.csrfToken = csrfToken;
  });

  // Runs after schema validation, so resource resolvers see typed params and bodies.
  app.addHook('preHandler', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (!request.routeOptions.url) return; // 404 handler
    const action = config.action;
    if (!action) throw new AppError(403, 'forbidden');
    if (!SAFE_METHODS.has(request.method)) {
      if (!sameOrigin(request)) throw new AppError(403, 'cross_origin');
      if (request.actor.type === 'staff' && !config.csrfExempt && request.headers['x-csrf-token'] !== request.csrfToken) {
        throw new AppError(403, 'csrf');
      }
    }
    const resource = config.resource ? await config.resource(request) : {};
    if (!can(request.actor, action, resource)) {
      if (request.actor.type === 'anonymous') throw new AppError(401, 'unauthenticated');
      if (request.actor.type === 'staff' && !request.actor.mfaSatisfied) throw new AppError(403, 'mfa_enrolment_required');
      if (request.actor.type === 'staff' && CASEFILE_ACTIONS.has(action)) await auditDenial(ctx, request, action);
      throw new AppError(403, 'forbidden');
    }
  });
}
