import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { StaffActor } from '../../access/actor.ts';
import { cookieNames } from '../../http/auth-hooks.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { StaffUser } from '../staff/schemas.ts';
import * as auth from './service.ts';

const Session = Type.Object({
  user: StaffUser,
  csrfToken: Type.String({ description: 'Send back as the X-CSRF-Token header on every state-changing request' }),
  mfa: Type.Union([Type.Literal('ok'), Type.Literal('enrolment_required'), Type.Literal('code_required')], {
    description: 'enrolment_required: set up a second factor first; code_required: after single sign-on, type a code (POST /api/session/second-factor)',
  }),
});

const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totpCode: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

/** Sign-in, session, sign-out and second-factor enrolment. */
export function authRoutes(app: App, ctx: AppContext): void {
  const names = cookieNames(ctx.config.secureCookies);
  const tags = ['Session'];

  const sessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(names.session, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      path: '/',
      maxAge: ctx.config.sessionAbsoluteHours * 3600,
    });

  app.post(
    '/api/session',
    {
      config: { action: 'public.read', csrfExempt: true, rateLimit: { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in', description: 'Answers 401 with code totp_required when the second factor is needed.', body: SignInBody, response: { 200: Session, ...errorResponses } },
    },
    async (req, reply) => {
      const signedIn = await auth.signIn(ctx, { ...req.body, userAgent: req.headers['user-agent'] ?? '' });
      sessionCookie(reply, signedIn.token);
      return {
        user: signedIn.user,
        csrfToken: signedIn.csrfToken,
        mfa: auth.mfaState(ctx.config, signedIn.user.roles, signedIn.user.totpEnabled, signedIn.user.totpEnabled),
      };
    },
  );

  app.get('/api/session', { config: { action: 'session.self' }, schema: { tags, summary: 'The signed-in user and CSRF token', response: { 200: Session, ...errorResponses } } }, async (req) => {
    const actor = req.actor as StaffActor;
    const user = await auth.currentUser(ctx, actor.id);
    return { user, csrfToken: req.csrfToken ?? '', mfa: actor.mfaSatisfied ? 'ok' : user.totpEnabled ? 'code_required' : 'enrolment_required' } as const;
  });

  app.delete('/api/session', { config: { action: 'session.self' }, schema: { tags, summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await auth.signOut(ctx, (req.actor as StaffActor).sessionId);
    reply.clearCookie(names.session, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(
    '/api/me/totp',
    {
      config: { action: 'mfa.enrol' },
      schema: {
        tags,
        summary: 'Start second-factor enrolment',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrSvg: Type.String() }), ...errorResponses },
      },
    },
    async (req) => auth.beginTotpEnrolment(ctx, (req.actor as StaffActor).id),
  );

  app.post(
    '/api/me/totp/confirm',
    {
      config: { action: 'mfa.enrol' },
      schema: { tags, summary: 'Confirm enrolment with a code from the authenticator app', body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 10 }) }, { additionalProperties: false }), response: { 200: Session, ...errorResponses } },
    },
    async (req) => {
      const actor = req.actor as StaffActor;
      const user = await auth.confirmTotpEnrolment(ctx, actor.id, actor.sessionId, req.body.code);
      if (!req.csrfToken) throw new AppError(401, 'unauthenticated');
      return { user, csrfToken: req.csrfToken, mfa: 'ok' } as const;
    },
  );

  app.post(
    '/api/session/second-factor',
    {
      config: { action: 'mfa.enrol', rateLimit: { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Prove the second factor for this session',
        description: 'After a single sign-on whose provider did not prove a second factor (mfa is code_required): a code from the authenticator app enrolled here.',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 10 }) }, { additionalProperties: false }),
        response: { 200: Session, ...errorResponses },
      },
    },
    async (req) => {
      const actor = req.actor as StaffActor;
      const user = await auth.proveSecondFactor(ctx, actor.id, actor.sessionId, req.body.code);
      if (!req.csrfToken) throw new AppError(401, 'unauthenticated');
      return { user, csrfToken: req.csrfToken, mfa: 'ok' } as const;
    },
  );
}
