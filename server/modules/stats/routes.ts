import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requestLocale } from '../../http/error-handler.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { isLocalDate } from '../../../core/stats/periods.ts';
import { LANGUAGE_CODES } from '../../../core/languages.ts';
import { fieldError } from '../../http/errors.ts';
import { BREAKDOWNS, statistics, type StatsQuery } from './service.ts';
import { annualReport } from './report.ts';
import { renderAnnualReportOffThread } from './report-render.ts';
import { PUBLISHED_COLUMNS, publishedCsv, publishTable, SUPPRESSION_NOTE } from './published.ts';

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "A day in the centres' own calendar, YYYY-MM-DD" });
const Uuid = Type.String({ format: 'uuid' });

const StatsQueryString = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    by: Type.Optional(Type.Enum([...BREAKDOWNS], { description: 'What each row is: a centre, partner, service, language, nationality, channel, priority, or a time (hour of day, weekday, day, ISO week, month, year)' })),
    centreId: Type.Optional(Uuid),
    partnerId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    compare: Type.Optional(Type.Boolean({ description: 'Also answer for the period of the same length just before' })),
    lang: Type.Optional(Type.String({ maxLength: 10, description: 'Language of the labels (service and country names)' })),
  },
  { additionalProperties: false },
);
type StatsQueryT = Static<typeof StatsQueryString>;

const Percentile = Type.Union([Type.Null(), Type.Object({ minutes: Type.Number(), low: Type.Number(), high: Type.Union([Type.Number(), Type.Null()]) })]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const TicketFigures = Type.Object({
  tickets: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  transfers: Type.Integer(),
  cancelled: Type.Integer(),
  withinTargetShare: NullableNumber,
  meanWaitMinutes: NullableNumber,
  medianWait: Percentile,
  p90Wait: Percentile,
  meanHandlingMinutes: NullableNumber,
  medianHandling: Percentile,
  p90Handling: Percentile,
  waited: Type.Integer(),
  handled: Type.Integer(),
});
const VisitFigures = Type.Union([Type.Null(), Type.Object({ visits: Type.Integer(), peopleServed: Type.Integer(), multiDeskVisits: Type.Integer(), desksPerVisit: NullableNumber })]);
const Row = Type.Object({ key: Type.String(), label: Type.String(), tickets: TicketFigures, visits: VisitFigures });
const Answer = Type.Object({ rows: Type.Array(Row), total: Row });
const StatsResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  by: Type.String(),
  rows: Type.Array(Row),
  total: Row,
  previous: Type.Union([Type.Null(), Type.Intersect([Type.Object({ from: Type.String(), to: Type.String() }), Answer])]),
});

const OPEN_BREAKDOWNS = ['total', 'centre', 'partner', 'service', 'language', 'nationality', 'channel', 'priority', 'month', 'year'] as const;
const OpenDataQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    by: Type.Optional(Type.Enum([...OPEN_BREAKDOWNS])),
    lang: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const CsvFile = Type.Unsafe<string>(Type.String({ description: 'CSV, UTF-8 with a byte-order mark; empty cells are suppressed small numbers' }));
const PdfFile = Type.Unsafe<Buffer>(Type.String({ description: 'PDF', format: 'binary' }));
const PublishedValues = Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()]), { description: 'null: fewer than five people (or a cell that would reveal such a count), or not known' });
const OpenDataResponse = Type.Object({
  licence: Type.Object({ name: Type.String(), url: Type.String() }),
  note: Type.String(),
  from: Type.String(),
  to: Type.String(),
  by: Type.String(),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), values: PublishedValues })),
  total: Type.Object({ key: Type.String(), label: Type.String(), values: PublishedValues }),
});
const LICENCE = { name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)', url: 'https://creativecommons.org/licenses/by/4.0/' };

/** Labels in the language asked for when Balcão knows it, else the reader's. */
const labelLanguage = (req: FastifyRequest, lang: string | undefined) => (lang && LANGUAGE_CODES.includes(lang) ? lang : requestLocale(req));

function toQuery(req: FastifyRequest, q: StatsQueryT): StatsQuery {
  if (!isLocalDate(q.from)) throw fieldError('from', 'invalid_date');
  if (!isLocalDate(q.to)) throw fieldError('to', 'invalid_date');
  return { from: q.from, to: q.to, by: q.by ?? 'total', centreId: q.centreId, partnerId: q.partnerId, serviceId: q.serviceId, compare: q.compare, lang: labelLanguage(req, q.lang) };
}

/** Statistics for staff (figures, CSV) and the public open-data endpoint. */
export function statsRoutes(app: App, ctx: AppContext): void {
  const tags = ['Statistics'];
  // Who may ask: the question's centre and partner are the resource (a manager must ask about their centre).
  const resource = async (req: FastifyRequest) => {
    const q = req.query as StatsQueryT;
    const partnerIds = new Set<string>();
    if (q.partnerId) partnerIds.add(q.partnerId);
    if (q.serviceId) {
      const s = await ctx.db.selectFrom('service').innerJoin('desk', 'desk.id', 'service.desk_id').select(['desk.partner_id', 'service.centre_id']).where('service.id', '=', q.serviceId).executeTakeFirst();
      if (s) partnerIds.add(s.partner_id);
      if (s && q.centreId && s.centre_id !== q.centreId) partnerIds.add('(another centre)');
    }
    return { centreId: q.centreId ?? null, partnerIds: partnerIds.size === 1 ? [...partnerIds] : partnerIds.size ? ['(several partners)'] : [] };
  };

  app.get(
    '/api/stats',
    {
      config: { action: 'stats.read', resource },
      schema: {
        tags,
        summary: 'Visits, tickets, waits and handling times for a period, broken down one way, optionally against the previous period',
        description:
          'Figures come from aggregates kept up to date as tickets finish. Wait percentiles are exact to their bucket (1 minute under 3 min, then 3–5, 5–7, 7–10, 10–15, 15–20, 20–30, 30–45, 45–60, 60–90, 90–120, 120–180, 180–240, 240+) and interpolated inside it. Centre managers must give their centreId; agency and support officers their centreId and partnerId.',
        querystring: StatsQueryString,
        response: { 200: StatsResponse, ...errorResponses },
      },
    },
    async (req) => statistics(ctx, toQuery(req, req.query)),
  );

  app.get(
    '/api/stats.csv',
    {
      config: { action: 'stats.read', resource },
      schema: { tags, summary: 'The same table as CSV, counts of fewer than five people suppressed', querystring: StatsQueryString, response: { 200: CsvFile, ...errorResponses } },
    },
    async (req, reply) => {
      const q = toQuery(req, req.query);
      const result = await statistics(ctx, q);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="balcao-statistics-${q.by}-${q.from}-${q.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(publishedCsv(result, 'total'));
    },
  );

  app.get(
    '/api/stats/report.pdf',
    {
      config: { action: 'stats.read', resource: (req) => ({ centreId: (req.query as { centreId?: string }).centreId ?? null, partnerIds: [] }) },
      schema: {
        tags,
        summary: "The annual report as a PDF: a year's figures of the network (or one centre), counts under five people suppressed",
        querystring: Type.Object(
          { year: Type.Integer({ minimum: 2000, maximum: 2100 }), lang: Type.Optional(Type.Enum(['pt-PT', 'en'])), centreId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: PdfFile, ...errorResponses },
      },
    },
    async (req, reply) => {
      const q = req.query as { year: number; lang?: 'pt-PT' | 'en'; centreId?: string };
      const pdf = await renderAnnualReportOffThread(await annualReport(ctx, { year: q.year, lang: q.lang ?? (requestLocale(req) === 'pt-PT' ? 'pt-PT' : 'en'), centreId: q.centreId }));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="balcao-annual-report-${q.year}${q.centreId ? '-centre' : ''}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/open-data/statistics',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['Open data'],
        summary: "The network's statistics as open data (JSON), no sign-in; counts under five people suppressed",
        description: `Network-wide figures for a period, one row per centre, partner, service, language, nationality, channel, priority, month or year. ${SUPPRESSION_NOTE} Licence: ${LICENCE.name}. Also as CSV at /api/open-data/statistics.csv.`,
        querystring: OpenDataQuery,
        response: { 200: OpenDataResponse, 400: errorResponses[400], 429: errorResponses[429] },
      },
    },
    async (req, reply) => {
      const q = openQuery(req, req.query as Static<typeof OpenDataQuery>);
      const result = await statistics(ctx, q);
      const table = publishTable(result);
      return reply.header('cache-control', 'public, max-age=3600').send({
        licence: LICENCE,
        note: SUPPRESSION_NOTE,
        from: q.from,
        to: q.to,
        by: q.by,
        columns: [...PUBLISHED_COLUMNS],
        rows: table.rows,
        total: table.total,
      });
    },
  );

  app.get(
    '/api/open-data/statistics.csv',
    { config: { action: 'public.read' }, schema: { tags: ['Open data'], summary: 'The open-data statistics as CSV (same query)', querystring: OpenDataQuery, response: { 200: CsvFile, 400: errorResponses[400], 429: errorResponses[429] } } },
    async (req, reply) => {
      const q = openQuery(req, req.query as Static<typeof OpenDataQuery>);
      const result = await statistics(ctx, q);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="balcao-open-data-${q.by}-${q.from}-${q.to}.csv"`)
        .header('cache-control', 'public, max-age=3600')
        .header('link', `<${LICENCE.url}>; rel="license"`)
        .send(publishedCsv(result, 'total'));
    },
  );
}

function openQuery(req: FastifyRequest, q: Static<typeof OpenDataQuery>): StatsQuery {
  if (!isLocalDate(q.from)) throw fieldError('from', 'invalid_date');
  if (!isLocalDate(q.to)) throw fieldError('to', 'invalid_date');
  return { from: q.from, to: q.to, by: q.by ?? 'total', lang: labelLanguage(req, q.lang) };
}
