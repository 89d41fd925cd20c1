import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import { CSV_BOM, toCsv } from '../../../core/csv.ts';
import type { Actor, StaffActor } from '../../access/actor.ts';
import { can, type Action, type Resource } from '../../access/policy.ts';
import type { AppContext } from '../../context.ts';
import { requestLocale } from '../../http/error-handler.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { clientMessageTranslator } from '../../i18n.ts';
import { renderPage } from '../public-site/layout.tsx';
import { SurveyMessagePage, SurveyPage, surveyPageContext, type FormState } from './pages.tsx';
import * as S from './schemas.ts';
import * as surveys from './service.ts';

const staff = (req: FastifyRequest) => req.actor as StaffActor;

/**
 * The filter a staff member's request really asks for: what they chose, narrowed to what they may
 * see. Someone who may not read every centre gets their own centre; someone who may not read a
 * whole centre (an agency officer) gets their own partner's desk there. can() then checks it.
 */
export function scopedFilter<T extends surveys.SurveyFilter>(actor: Actor, action: Action, query: T): T {
  if (actor.type !== 'staff') return query;
  const filter = { ...query };
  if (!filter.centreId && !can(actor, action, {}) && actor.centreId) filter.centreId = actor.centreId;
  if (!filter.partnerId && !can(actor, action, { centreId: filter.centreId ?? null }) && actor.partnerId) filter.partnerId = actor.partnerId;
  return filter;
}
const scopeResource = (f: surveys.SurveyFilter): Resource => ({ centreId: f.centreId ?? null, partnerIds: f.partnerId ? [f.partnerId] : [] });

/** Satisfaction surveys: clients answer (phone, kiosk), staff read results, administrators keep the questions. */
export function surveyRoutes(app: App, ctx: AppContext): void {
  const tags = ['Satisfaction surveys'];
  // The standard IOM survey is there from the first start; invitations past their 7 days are
  // forgotten every hour (and at start), so no visit stays tied to having answered.
  let forgetting: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await surveys.ensureStandardSurvey(ctx);
    await surveys.forgetClosedInvitations(ctx);
    forgetting = setInterval(() => void surveys.forgetClosedInvitations(ctx).catch((err: unknown) => app.log.error({ err }, 'forgetting closed survey invitations failed')), 3600_000);
    forgetting.unref();
  });
  app.addHook('onClose', async () => clearInterval(forgetting));

  // --- Clients: the token in the link is the only key; nothing identifies who answers.
  app.get(
    '/api/surveys/form/:token',
    {
      config: { action: 'public.read', clientFacing: true },
      schema: { tags, summary: 'The survey behind an invitation token: its state (open, answered, closed) and the questions in a language', params: S.TokenParams, querystring: S.FormQuery, response: { 200: S.SurveyForm, ...errorResponses } },
    },
    async (req) => surveys.surveyForm(ctx, req.params.token, req.query.lang),
  );
  app.post(
    '/api/surveys/form/:token',
    {
      config: { action: 'public.read', clientFacing: true },
      schema: {
        tags,
        summary: 'Answer a survey, once, within 7 days of the visit. Anonymous: the response keeps the centre, partner, language and day only.',
        params: S.TokenParams,
        body: S.ResponseBody,
        response: { 201: S.Answered, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await surveys.submitResponse(ctx, req.params.token, req.body, req.actor.type === 'device' ? 'kiosk' : 'phone')),
  );
  app.post(
    '/api/surveys/kiosk/lookup',
    {
      config: { action: 'survey.kiosk', resource: (req) => ({ centreId: req.actor.type === 'device' ? req.actor.centreId : null }) },
      schema: { tags, summary: "Kiosk: the survey of a visit that ended today at this centre, by the ticket's number (or its QR code's address)", body: S.KioskLookupBody, response: { 200: S.Invitation, ...errorResponses } },
    },
    async (req) => {
      if (req.actor.type !== 'device') throw new AppError(403, 'forbidden');
      return surveys.invitationAtKiosk(ctx, req.actor.centreId, req.body.ticket);
    },
  );

  // --- Server-rendered survey pages, in each client language, like the public website.
  registerSurveyPages(app, ctx);

  // --- Staff: results, comments.
  const resultsConfig = (action: Action) => ({ action, resource: (req: FastifyRequest) => scopeResource(scopedFilter(req.actor, action, req.query as surveys.SurveyFilter)) });
  app.get(
    '/api/surveys/results',
    {
      config: resultsConfig('survey.results'),
      schema: {
        tags,
        summary: 'Results per question: each answer\'s share, positive against negative with a 95% interval, in the IOM evaluation\'s form',
        description: 'Managers see their centre, analysts and network administrators every centre (or one), agency officers their partner at their centre. Without centreId or partnerId the request is narrowed to what the reader may see.',
        querystring: S.ResultsQuery,
        response: { 200: S.Results, ...errorResponses },
      },
    },
    async (req) => surveys.surveyResults(ctx, scopedFilter(req.actor, 'survey.results', req.query), requestLocale(req)),
  );
  app.get(
    '/api/surveys/results.csv',
    {
      config: resultsConfig('survey.results'),
      schema: { tags, summary: 'The results as CSV for a spreadsheet, counts under 5 (and any that would reveal them) left empty', querystring: S.ResultsQuery, produces: ['text/csv'], response: { 200: S.CsvFile, ...errorResponses } },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const table = surveys.resultsTable(await surveys.surveyResults(ctx, scopedFilter(req.actor, 'survey.results', req.query), locale), locale);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="survey-results.csv"')
        .header('cache-control', 'no-store')
        .send(CSV_BOM + toCsv(table.header, [...table.rows, [table.note]]));
    },
  );
  app.get(
    '/api/surveys/comments',
    {
      config: resultsConfig('survey.comments'),
      schema: { tags, summary: "Clients' comments for centre managers, newest first, with emails, phone, document and long numbers masked", querystring: S.CommentsQuery, response: { 200: S.Comments, ...errorResponses } },
    },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return surveys.surveyComments(ctx, scopedFilter(req.actor, 'survey.comments', filter), requestLocale(req), limit ?? 100, offset ?? 0);
    },
  );

  // --- Questions: network administrators add and retire them; translators translate them.
  app.get(
    '/api/surveys/questions',
    { config: { action: 'survey.translate' }, schema: { tags, summary: 'Every question with its source text and each client language\'s translation state, and the survey\'s versions', response: { 200: S.AdminQuestions, ...errorResponses } } },
    async () => surveys.listQuestionsForAdmin(ctx),
  );
  app.post(
    '/api/surveys/questions',
    { config: { action: 'survey.manage' }, schema: { tags, summary: 'Add a question (on the same 4-point scale): the survey gets a new version', body: S.QuestionInput, response: { 201: S.AdminQuestion, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await surveys.createQuestion(ctx, staff(req), req.body)),
  );
  app.patch(
    '/api/surveys/questions/:id',
    { config: { action: 'survey.manage' }, schema: { tags, summary: 'Retire, restore or move a question (a new survey version), or change its source text (its translations turn outdated)', params: S.IdParams, body: S.QuestionPatch, response: { 200: S.AdminQuestion, ...errorResponses } } },
    async (req) => surveys.updateQuestion(ctx, staff(req), req.params.id, req.body),
  );
  app.put(
    '/api/surveys/questions/:id/texts/:locale',
    { config: { action: 'survey.translate' }, schema: { tags, summary: "Save a question's translation into a language (a new version, made from the current source)", params: S.TextParams, body: S.TranslationInput, response: { 200: S.AdminQuestion, ...errorResponses } } },
    async (req) => surveys.saveTranslation(ctx, staff(req), req.params.id, req.params.locale, req.body),
  );
  app.post(
    '/api/surveys/questions/:id/texts/:locale/review',
    { config: { action: 'survey.translate' }, schema: { tags, summary: 'Mark a machine translation as reviewed by a person', params: S.TextParams, response: { 200: S.AdminQuestion, ...errorResponses } } },
    async (req) => surveys.reviewTranslation(ctx, staff(req), req.params.id, req.params.locale),
  );
}

/** Reads an HTML form's answers: q-<question id> = 1…4, and comment. */
function readForm(body: unknown): { answers: Record<string, number>; comment: string; bad: string[] } {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, string | string[]>;
  const answers: Record<string, number> = {};
  const bad: string[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if (!name.startsWith('q-')) continue;
    const value = Number(Array.isArray(raw) ? raw[0] : raw);
    if (Number.isInteger(value) && value >= 1 && value <= 4) answers[name.slice(2)] = value;
    else bad.push(name.slice(2));
  }
  const comment = fields.comment;
  return { answers, comment: (Array.isArray(comment) ? comment.join('\n') : (comment ?? '')).slice(0, 5000), bad };
}

function registerSurveyPages(app: App, ctx: AppContext): void {
  const config = { action: 'public.read', clientFacing: true } as const;
  const send = (reply: FastifyReply, element: ReactNode, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
      // A browser sends "Origin: null" with a form posted from a no-referrer page, which the
      // same-origin check refuses: the token-bearing address still never leaves this site.
      .header('referrer-policy', 'same-origin')
      .send(renderPage(element));

  void app.register(async (scope) => {
    // A plain HTML form posts application/x-www-form-urlencoded: read it here only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, out);
    });

    for (const locale of CLIENT_LANGUAGES) {
      const path = `/${locale}/survey/:token`;
      const params = S.TokenParams;
      const message = (reply: FastifyReply, token: string, title: string, body: string, status: number) => send(reply, <SurveyMessagePage pc={surveyPageContext(locale, token)} title={title} body={body} />, status);

      scope.get(path, { config, schema: { hide: true, params } }, async (req, reply) => {
        const { token } = req.params as { token: string };
        const pc = surveyPageContext(locale, token);
        let form: surveys.SurveyForm;
        try {
          form = await surveys.surveyForm(ctx, token, locale);
        } catch (err) {
          if (err instanceof AppError && err.status === 404) return message(reply, token, pc.s('title'), pc.s('invalid'), 404);
          throw err;
        }
        if (form.state === 'answered') return message(reply, token, pc.s('title'), pc.s('answered'), 200);
        if (form.state === 'closed') return message(reply, token, pc.s('title'), pc.s('closed'), 200);
        return send(reply, <SurveyPage pc={pc} token={token} form={form} state={{ answers: {}, comment: '' }} />);
      });

      scope.post(path, { config, schema: { hide: true, params } }, async (req, reply) => {
        const { token } = req.params as { token: string };
        const pc = surveyPageContext(locale, token);
        const { answers, comment, bad } = readForm(req.body);
        let form: surveys.SurveyForm;
        try {
          form = await surveys.surveyForm(ctx, token, locale);
        } catch (err) {
          if (err instanceof AppError && err.status === 404) return message(reply, token, pc.s('title'), pc.s('invalid'), 404);
          throw err;
        }
        const again = (state: FormState, status = 400) => send(reply, <SurveyPage pc={pc} token={token} form={form} state={state} />, status);
        const client = clientMessageTranslator(locale);
        if (bad.length) return again({ answers, comment, error: pc.s('error'), fieldErrors: Object.fromEntries(bad.map((id) => [id, client('fields.invalid_choice')])) });
        try {
          await surveys.submitResponse(ctx, token, { answers, comment }, 'phone');
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code === 'survey_answered') return message(reply, token, pc.s('title'), pc.s('answered'), 409);
          if (err.code === 'survey_closed') return message(reply, token, pc.s('title'), pc.s('closed'), 409);
          if (err.code === 'survey_link_invalid') return message(reply, token, pc.s('title'), pc.s('invalid'), 404);
          const field = Object.values(err.fields)[0];
          return again({ answers, comment, error: field ? client(`fields.${field}`, { defaultValue: client('fields.invalid') }) : client(`errors.${err.code}`, { defaultValue: client('errors.bad_request') }) });
        }
        return message(reply, token, pc.s('thanks.title'), pc.s('thanks.body'), 200);
      });
    }
  });
}
