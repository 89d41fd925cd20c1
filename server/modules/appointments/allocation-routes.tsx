import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import type { StaffActor } from '../../access/actor.ts';
import { can } from '../../access/policy.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { clientMessageTranslator } from '../../i18n.ts';
import { languageName, renderPage } from '../public-site/layout.tsx';
import { AllocationMessagePage, allocationPageContext, DrawPage, drawPath, RequestFormPage, requestFormPath, StatusPage, statusPath, type RequestFormState } from './allocation-pages.tsx';
import * as S from './allocation-schemas.ts';
import * as allocation from './allocation-service.ts';

const staff = (req: FastifyRequest) => req.actor as StaffActor;

/** Fair allocation: staff open rounds; clients request, follow and withdraw; anyone checks the draw. */
export function allocationRoutes(app: App, ctx: AppContext): void {
  const tags = ['Appointments: fair allocation'];

  // Every node draws the rounds whose window has closed, each minute (and at start); the draw
  // itself makes sure only one of them does it.
  let drawing: NodeJS.Timeout | undefined;
  const drawDue = () => void allocation.drawDueRounds(ctx).catch((err: unknown) => app.log.error({ err }, 'drawing allocation rounds failed'));
  app.addHook('onReady', async () => {
    drawDue();
    drawing = setInterval(drawDue, 60_000);
    drawing.unref();
  });
  app.addHook('onClose', async () => clearInterval(drawing));

  const roundCentre = async (req: FastifyRequest) => ({ centreId: (await allocation.findRound(ctx, (req.params as { id: string }).id)).centre_id });

  app.post(
    '/api/appointments/rounds',
    {
      config: { action: 'appointment.allocate', resource: async (req) => ({ centreId: await allocation.centreOfService(ctx, (req.body as { serviceId: string }).serviceId) }) },
      schema: { tags, summary: "Open a lottery round: a service's places in one week, a request window, a seed whose SHA-256 is published at once", body: S.RoundInput, response: { 201: S.Round, ...errorResponses } },
    },
    async (req, reply) => reply.status(201).send(await allocation.openRound(ctx, staff(req), req.body)),
  );
  app.get(
    '/api/appointments/rounds',
    {
      config: {
        action: 'appointment.allocate',
        // Narrowed to the reader's own centre unless they may see every centre.
        resource: (req) => ({ centreId: (req.query as { centreId?: string }).centreId ?? (req.actor.type === 'staff' ? req.actor.centreId : null) }),
      },
      schema: { tags, summary: "A centre's rounds, newest week first, with their requests counted per status (no personal data)", querystring: S.RoundsQuery, response: { 200: S.Rounds, ...errorResponses } },
    },
    async (req) => {
      const actor = staff(req);
      const centreId = req.query.centreId ?? (can(actor, 'appointment.allocate', {}) ? undefined : (actor.centreId ?? undefined));
      return { rounds: await allocation.listRounds(ctx, { centreId, serviceId: req.query.serviceId }) };
    },
  );
  app.post(
    '/api/appointments/rounds/:id/draw',
    {
      config: { action: 'appointment.allocate', resource: roundCentre },
      schema: { tags, summary: 'Draw a closed round now (the job does it within a minute anyway); drawing twice changes nothing', params: S.RoundParams, response: { 200: S.PublishedDraw, ...errorResponses } },
    },
    async (req) => {
      const round = await allocation.findRound(ctx, req.params.id);
      if (!round.drawn_at && allocation.roundView(round, ctx.now()).state !== 'closed') throw new AppError(409, 'round_still_open');
      await allocation.drawRound(ctx, round.id);
      return allocation.publishedDraw(ctx, round.id);
    },
  );

  // --- Anyone: the published draw; clients: their request.
  const publicConfig = { action: 'public.read', clientFacing: true } as const;
  app.get(
    '/api/public/appointments/rounds/:id/draw',
    { config: publicConfig, schema: { tags, summary: 'The published draw: commitment, seed (after the draw), list digest, every request id in draw order', params: S.RoundParams, response: { 200: S.PublishedDraw, ...errorResponses } } },
    async (req, reply) => reply.header('cache-control', 'no-cache').send(await allocation.publishedDraw(ctx, req.params.id)),
  );
  app.post(
    '/api/public/appointments/rounds/:id/requests',
    { config: publicConfig, schema: { tags, summary: 'Ask for a place while the window is open (one live request per person and service)', params: S.RoundParams, body: S.RequestInput, response: { 201: S.RequestReceipt, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await allocation.submitRequest(ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/public/appointments/requests/:token',
    { config: publicConfig, schema: { tags, summary: "A request's status: requested, allocated, waiting (with the place on the waiting list), cancelled", params: S.TokenParams, response: { 200: S.RequestStatus, ...errorResponses } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await allocation.requestStatus(ctx, req.params.token)),
  );
  app.post(
    '/api/public/appointments/requests/:token/cancel',
    { config: publicConfig, schema: { tags, summary: 'Withdraw a request; a place it held goes at once to the first on the waiting list', params: S.TokenParams, response: { 200: S.Cancelled, ...errorResponses } } },
    async (req) => {
      await allocation.cancelRequest(ctx, req.params.token);
      return { cancelled: true as const };
    },
  );

  registerAllocationPages(app, ctx);
}

async function centreTimeZone(ctx: AppContext, centreId: string): Promise<string> {
  const c = await ctx.db.selectFrom('centre').select('time_zone').where('id', '=', centreId).executeTakeFirst();
  return c?.time_zone ?? 'UTC';
}

async function serviceName(ctx: AppContext, serviceId: string): Promise<Record<string, string>> {
  const s = await ctx.db.selectFrom('service').select('name').where('id', '=', serviceId).executeTakeFirstOrThrow();
  return JSON.parse(s.name) as Record<string, string>;
}

const formValue = (body: Record<string, string | string[]>, name: string) => {
  const v = body[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Server-rendered pages in each client language (no JavaScript), like the public website. */
function registerAllocationPages(app: App, ctx: AppContext): void {
  const config = { action: 'public.read', clientFacing: true } as const;
  const send = (reply: FastifyReply, element: ReactNode, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'same-origin').send(renderPage(element));

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, out);
    });

    for (const locale of CLIENT_LANGUAGES) {
      const languages = CLIENT_LANGUAGES.map((code) => ({ code, name: languageName(code, locale) }));
      const invalid = (reply: FastifyReply, path: string) => {
        const pc = allocationPageContext(locale, path, 'UTC');
        return send(reply, <AllocationMessagePage pc={pc} title={pc.a('status.title')} body={pc.a('status.invalid')} />, 404);
      };
      /** The round of a page, or null (unknown id). */
      const roundOf = async (id: string) => (UUID.test(id) ? ((await ctx.db.selectFrom('allocation_round').selectAll().where('id', '=', id).executeTakeFirst()) ?? null) : null);

      scope.get(`/${locale}/appointments/draws/:id`, { config, schema: { hide: true } }, async (req, reply) => {
        const { id } = req.params as { id: string };
        const round = await roundOf(id);
        if (!round) return invalid(reply, drawPath(id));
        const pc = allocationPageContext(locale, drawPath(id), await centreTimeZone(ctx, round.centre_id));
        return send(reply, <DrawPage pc={pc} published={await allocation.publishedDraw(ctx, id)} serviceName={await serviceName(ctx, round.service_id)} />);
      });

      scope.get(`/${locale}/appointments/rounds/:id/request`, { config, schema: { hide: true } }, async (req, reply) => {
        const { id } = req.params as { id: string };
        const round = await roundOf(id);
        if (!round) return invalid(reply, requestFormPath(id));
        const pc = allocationPageContext(locale, requestFormPath(id), await centreTimeZone(ctx, round.centre_id));
        return send(reply, <RequestFormPage pc={pc} round={allocation.roundView(round, ctx.now())} serviceName={await serviceName(ctx, round.service_id)} languages={languages} state={{ values: { language: locale } }} />);
      });

      scope.post(`/${locale}/appointments/rounds/:id/request`, { config, schema: { hide: true } }, async (req, reply) => {
        const { id } = req.params as { id: string };
        const round = await roundOf(id);
        if (!round) return invalid(reply, requestFormPath(id));
        const pc = allocationPageContext(locale, requestFormPath(id), await centreTimeZone(ctx, round.centre_id));
        const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | string[]>;
        const values = Object.fromEntries(['name', 'documentNumber', 'birthDate', 'email', 'phone', 'language', 'needsMediator'].map((k) => [k, formValue(body, k).slice(0, 300)]));
        const again = async (state: RequestFormState, status: number) =>
          send(reply, <RequestFormPage pc={pc} round={allocation.roundView(round, ctx.now())} serviceName={await serviceName(ctx, round.service_id)} languages={languages} state={state} />, status);
        try {
          const receipt = await allocation.submitRequest(ctx, id, {
            name: values.name!,
            documentNumber: values.documentNumber!,
            birthDate: values.birthDate!,
            email: values.email,
            phone: values.phone,
            language: values.language || locale,
            needsMediator: values.needsMediator === '1',
          });
          return reply.redirect(`/${locale}${statusPath(receipt.statusToken)}`, 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const client = clientMessageTranslator(locale);
          const fieldErrors = Object.fromEntries(Object.entries(err.fields).map(([field, code]) => [field, client(`fields.${code}`, { defaultValue: client('fields.invalid') })]));
          const message = client(`errors.${err.code}`, { defaultValue: client('errors.bad_request') });
          return again({ values, error: err.code === 'validation' ? pc.a('form.error') : message, fieldErrors }, err.status);
        }
      });

      scope.get(`/${locale}/appointments/requests/:token`, { config, schema: { hide: true } }, async (req, reply) => {
        const { token } = req.params as { token: string };
        let view: allocation.RequestStatusView;
        try {
          view = await allocation.requestStatus(ctx, token);
        } catch (err) {
          if (err instanceof AppError && err.status === 404) return invalid(reply, statusPath(token));
          throw err;
        }
        const pc = allocationPageContext(locale, statusPath(token), await centreTimeZone(ctx, view.round.centreId));
        const notice = (req.query as { done?: string }).done === 'cancelled' ? pc.a('status.cancelledNow') : undefined;
        return send(reply, <StatusPage pc={pc} token={token} view={view} notice={notice} />);
      });

      scope.post(`/${locale}/appointments/requests/:token/cancel`, { config, schema: { hide: true } }, async (req, reply) => {
        const { token } = req.params as { token: string };
        try {
          await allocation.cancelRequest(ctx, token);
        } catch (err) {
          if (err instanceof AppError && err.status === 404) return invalid(reply, statusPath(token));
          // Already withdrawn: the status page says so.
          if (!(err instanceof AppError && err.code === 'request_not_live')) throw err;
        }
        return reply.redirect(`/${locale}${statusPath(token)}?done=cancelled`, 303);
      });
    }
  });
}
