import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '../../../core/roles.ts';
import { SECRET_REF_PATTERN } from '../../../core/sso.ts';
import type { AppContext } from '../../context.ts';
import { cookieNames } from '../../http/auth-hooks.ts';
import { AppError } from '../../http/errors.ts';
import { requestLocale } from '../../http/error-handler.ts';
import { escapeHtml } from '../../http/html.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { translator } from '../../i18n.ts';
import * as sso from './service.ts';

const Rule = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 200, description: 'A value of the groups claim' }),
    roles: Type.Array(Type.Enum([...ROLES], { description: 'Staff role' }), { minItems: 1, uniqueItems: true }),
    partnerId: Type.Union([Type.String(), Type.Null()]),
    centreId: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Shown on the sign-in button' }),
  issuer: Type.String({ minLength: 8, maxLength: 500, description: 'The issuer URL (HTTPS; plain HTTP only on the loopback address)' }),
  clientId: Type.String({ minLength: 1, maxLength: 200 }),
  clientSecretRef: Type.Union([Type.String({ pattern: SECRET_REF_PATTERN, maxLength: 500 }), Type.Null()], {
    description: 'Where the client secret is: env:NAME or file:/path. Never the secret itself. Null for a public client (PKCE only).',
  }),
  scopes: Type.String({ minLength: 6, maxLength: 300, description: 'Space-separated; must include openid' }),
  groupsClaim: Type.String({ minLength: 1, maxLength: 100, description: 'The claim that carries groups (ID token or userinfo)' }),
  rules: Type.Array(Rule, { maxItems: 200, description: 'Groups → roles, partner and centre; roles of every matching rule are united' }),
  mfaAcr: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: 'acr values that count as a second factor (amr mfa/otp/hwk always do)' }),
  active: Type.Boolean(),
};

const Provider = Type.Object({ id: Type.String(), ...fields, createdAt: Type.String(), updatedAt: Type.String() });
const ProviderInput = Type.Object(
  {
    ...fields,
    clientSecretRef: Type.Optional(fields.clientSecretRef),
    scopes: Type.Optional(fields.scopes),
    groupsClaim: Type.Optional(fields.groupsClaim),
    mfaAcr: Type.Optional(fields.mfaAcr),
    active: Type.Optional(fields.active),
  },
  { additionalProperties: false },
);
const ProviderPatch = Type.Partial(Type.Object(fields), { additionalProperties: false });

/** The sign-in routes answer with a redirect or a small HTML page, never JSON. */
const htmlPage = (description: string) => ({ description, type: 'string' as const });
const pageResponses = {
  403: htmlPage('Refused: a translated page saying why (no role, no partner, disabled, expired, denied)'),
  404: htmlPage('No such active provider'),
  503: htmlPage('The provider cannot be reached'),
};

/** The address the provider sends the browser back to: PUBLIC_URL when set, else this request's own origin. */
function redirectUri(ctx: AppContext, req: FastifyRequest, providerId: string): string {
  const base = ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;
  return new URL(sso.callbackPath(providerId), base).href;
}

/** A small server-rendered page in the staff member's language (sign-in done, refused, provider down). */
function page(req: FastifyRequest, reply: FastifyReply, status: number, key: string, options: { refreshTo?: string } = {}) {
  const locale = requestLocale(req);
  const t = translator(locale);
  const title = t(`sso.${key}.title`);
  const href = options.refreshTo ?? '/app/sign-in';
  const html = `<!doctype html><html lang="${escapeHtml(locale)}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${
    options.refreshTo ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(options.refreshTo)}">` : ''
  }<title>${escapeHtml(title)} — Balcão</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(`sso.${key}.body`))}</p><p><a href="${escapeHtml(href)}">${escapeHtml(t(`sso.${key}.link`))}</a></p></main></body></html>`;
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** Single sign-on through OpenID Connect: the administrator's providers, and the sign-in itself. */
export function ssoRoutes(app: App, ctx: AppContext): void {
  const tags = ['Single sign-on'];
  const configure = { action: 'network.configure' } as const;
  const names = cookieNames(ctx.config.secureCookies);
  // Binds a sign-in to the browser that started it. SameSite=Lax: it must come back on the
  // provider's top-level redirect, which Strict would not carry.
  const bindingCookie = ctx.config.secureCookies ? '__Host-balcao_sso' : 'balcao_sso';
  const signInLimit = { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' };

  app.get('/api/sign-in/options', { config: { action: 'public.read' }, schema: { tags, summary: 'What the sign-in page offers: providers, and who may use a password', response: { 200: Type.Object({ providers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), localSignIn: Type.Union([Type.Literal('all'), Type.Literal('admins'), Type.Literal('none')]) }), ...errorResponses } } }, async () =>
    sso.signInOptions(ctx),
  );

  app.get('/api/sso-providers', { config: configure, schema: { tags, summary: 'List single sign-on providers', response: { 200: Type.Object({ items: Type.Array(Provider) }), ...errorResponses } } }, async () => ({
    items: await sso.listProviders(ctx),
  }));
  app.post('/api/sso-providers', { config: configure, schema: { tags, summary: 'Add a single sign-on provider', body: ProviderInput, response: { 201: Provider, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(
      await sso.createProvider(ctx, {
        scopes: 'openid profile email',
        groupsClaim: 'groups',
        mfaAcr: [],
        active: true,
        clientSecretRef: null,
        ...req.body,
      }),
    ),
  );
  app.patch(
    '/api/sso-providers/:id',
    { config: configure, schema: { tags, summary: 'Change a single sign-on provider', params: Type.Object({ id: Type.String() }), body: ProviderPatch, response: { 200: Provider, ...errorResponses } } },
    async (req) => sso.updateProvider(ctx, req.params.id, req.body),
  );

  app.get(
    '/auth/sso/:id/start',
    {
      config: { action: 'public.read', rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Start signing in through a provider (redirects to it)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 303: htmlPage('To the provider’s authorisation endpoint (code + PKCE, state, nonce)'), ...pageResponses },
      },
    },
    async (req, reply) => {
      try {
        const { authorizationUrl, browserToken } = await sso.startSignIn(ctx, req.params.id, redirectUri(ctx, req, req.params.id));
        reply.setCookie(bindingCookie, browserToken, { httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, path: '/', maxAge: 600 });
        return reply.header('cache-control', 'no-store').redirect(authorizationUrl, 303);
      } catch (err) {
        if (err instanceof sso.SsoUnavailable) {
          req.log.warn({ err: err.failure }, 'single sign-on provider unavailable');
          return page(req, reply, 503, 'unavailable');
        }
        if (err instanceof AppError && err.status === 404) return page(req, reply, 404, 'unknown');
        throw err;
      }
    },
  );

  app.get(
    '/auth/sso/:id/callback',
    {
      config: { action: 'public.read', rateLimit: signInLimit },
      schema: {
        tags,
        summary: 'Where the provider sends the browser back (code, state)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: htmlPage('Signed in: sets the session cookie and moves on to /app/'), ...pageResponses },
      },
    },
    async (req, reply) => {
      const currentUrl = new URL(req.url, redirectUri(ctx, req, req.params.id));
      try {
        const signedIn = await sso.finishSignIn(ctx, req.params.id, currentUrl, req.cookies[bindingCookie], req.headers['user-agent'] ?? '');
        reply.clearCookie(bindingCookie, { path: '/' });
        reply.setCookie(names.session, signedIn.token, { httpOnly: true, sameSite: 'strict', secure: ctx.config.secureCookies, path: '/', maxAge: ctx.config.sessionAbsoluteHours * 3600 });
        // A page, not a redirect: the browser arrived from the provider's site, and a SameSite=Strict
        // cookie is sent only on a navigation this site starts itself.
        return page(req, reply, 200, 'signedIn', { refreshTo: '/app/' });
      } catch (err) {
        reply.clearCookie(bindingCookie, { path: '/' });
        if (err instanceof sso.SsoUnavailable) {
          req.log.warn({ err: err.failure }, 'single sign-on provider unavailable');
          return page(req, reply, 503, 'unavailable');
        }
        if (err instanceof sso.SsoRefused) return page(req, reply, 403, err.code);
        if (err instanceof AppError && err.status === 404) return page(req, reply, 404, 'unknown');
        throw err;
      }
    },
  );
}
