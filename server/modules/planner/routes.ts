import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { StaffingTarget } from '../../../core/planner/erlang.ts';
import { isLocalDate } from '../../../core/stats/periods.ts';
import type { AppContext } from '../../context.ts';
import { requestLocale } from '../../http/error-handler.ts';
import { fieldError } from '../../http/errors.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { parseAdjustments, plan, planCsv, type PlannerQuery } from './service.ts';

const PlannerQueryString = Type.Object(
  {
    centreId: Type.String({ format: 'uuid' }),
    weekStart: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "A day of the week to plan (YYYY-MM-DD, the centre's calendar); the plan starts on its Monday. Default: next week" })),
    targetSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 14_400, description: 'Service-level target: the wait within which clients should be called, in seconds (default 1200)' })),
    serviceLevel: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Service-level target: the share of clients called within targetSeconds (default 0.8)' })),
    meanWaitSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 14_400, description: 'A mean-wait target instead of a service level, in seconds' })),
    adjust: Type.Optional(
      Type.Array(Type.String({ maxLength: 60 }), {
        maxItems: 200,
        description: 'What if: a counter more or fewer for a service at a weekday (1 = Monday) and hour, as serviceId:weekday:hour:+1; repeat for several',
      }),
    ),
    openEarlier: Type.Optional(Type.Boolean({ description: "What if: open an hour before the first open hour (the first hour's clients spread over both)" })),
    appointmentShare: Type.Optional(Type.Number({ minimum: 0, maximum: 0.9, description: 'What if: this share of clients books an appointment instead of walking in' })),
    lang: Type.Optional(Type.String({ maxLength: 10, description: 'Language of the service names' })),
  },
  { additionalProperties: false },
);
type PlannerQueryT = Static<typeof PlannerQueryString>;

const Outlook = Type.Object({
  counters: Type.Integer(),
  model: Type.Union([Type.Literal('erlang-a'), Type.Literal('erlang-c')]),
  stable: Type.Boolean({ description: 'False when the queue grows without bound (no finite wait)' }),
  pWait: Type.Number(),
  pAbandon: Type.Number(),
  serviceLevel: Type.Number({ description: 'Share of walk-ins called within the target time' }),
  meanWaitSeconds: Type.Union([Type.Number(), Type.Null()]),
  occupancy: Type.Number(),
  meetsTarget: Type.Boolean(),
});
const Hour = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  arrivals: Type.Number({ description: 'Forecast clients in the hour, at least the appointments already booked' }),
  booked: Type.Integer({ description: 'Appointments already booked for the hour (known demand)' }),
  walkIns: Type.Number(),
  appointmentLoad: Type.Number({ description: 'Erlangs of counter time booked by appointments' }),
  erlangC: Type.Integer({ description: 'Counters needed by Erlang C' }),
  erlangA: Type.Union([Type.Integer(), Type.Null()], { description: 'Counters needed by Erlang A (null when patience is not known)' }),
  recommended: Type.Integer(),
  rostered: Type.Integer(),
  atRostered: Outlook,
  atRecommended: Outlook,
  added: Type.Boolean({ description: 'The hour added by openEarlier' }),
  shared: Type.Union(
    [
      Type.Object({
        serviceLevel: Type.Number(),
        serviceLevelHalfWidth95: Type.Number({ description: "Half-width of the service level's 95% confidence interval across the simulated days" }),
        meanWaitSeconds: Type.Number(),
        pAbandon: Type.Number(),
        meetsTarget: Type.Boolean(),
      }),
      Type.Null(),
    ],
    { description: 'The rostered counters simulated as they are, each counted once however many services it serves (walk-ins of this hour)' },
  ),
});
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const PlannerResponse = Type.Object({
  centreId: Type.String(),
  centreName: Type.String(),
  weekStart: Type.String(),
  days: Type.Array(Type.String()),
  target: Type.Union([
    Type.Object({ kind: Type.Literal('service-level'), level: Type.Number(), withinSeconds: Type.Number() }),
    Type.Object({ kind: Type.Literal('mean-wait'), maxSeconds: Type.Number() }),
  ]),
  whatIf: Type.Object({
    openEarlier: Type.Boolean(),
    appointmentShare: Type.Number(),
    adjust: Type.Array(Type.Object({ serviceId: Type.String(), weekday: Type.Integer(), hour: Type.Integer(), delta: Type.Integer() })),
  }),
  forecast: Type.Object({ weeks: Type.Integer(), halfLifeWeeks: Type.Number(), weeksOfHistory: Type.Integer(), closedDays: Type.Array(Type.String()) }),
  backtest: Type.Object({
    metric: Type.Literal('wape'),
    wape: NullableNumber,
    weeks: Type.Array(Type.Object({ weekStart: Type.String(), wape: NullableNumber, actual: Type.Number(), forecast: Type.Number() })),
  }),
  services: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      partnerId: Type.String(),
      rostered: Type.Integer(),
      sharedCounters: Type.Integer(),
      meanHandlingSeconds: Type.Number(),
      handlingFromHistory: Type.Boolean(),
      patienceSeconds: NullableNumber,
      backtestWape: NullableNumber,
      hours: Type.Array(Hour),
    }),
  ),
  sharedCounters: Type.Object({ replications: Type.Integer({ description: 'Days simulated per weekday' }), hoursShort: Type.Integer({ description: 'Service hours below the target once shared counters are counted once' }) }),
  totals: Type.Object({ arrivals: Type.Number(), booked: Type.Integer(), recommendedCounterHours: Type.Integer(), rosteredCounterHours: Type.Integer(), hoursShort: Type.Integer() }),
});

const CsvFile = Type.Unsafe<string>(
  Type.String({ description: 'CSV, UTF-8 with a byte-order mark: one row per service, day and hour (forecast, handling, counters by Erlang C and A, recommended, rostered, and the outlook at each)' }),
);

function toQuery(req: FastifyRequest, q: PlannerQueryT): PlannerQuery {
  if (q.weekStart !== undefined && !isLocalDate(q.weekStart)) throw fieldError('weekStart', 'invalid_date');
  if (q.meanWaitSeconds !== undefined && (q.serviceLevel !== undefined || q.targetSeconds !== undefined)) throw fieldError('meanWaitSeconds', 'invalid');
  const target: StaffingTarget =
    q.meanWaitSeconds !== undefined ? { kind: 'mean-wait', maxSeconds: q.meanWaitSeconds } : { kind: 'service-level', level: q.serviceLevel ?? 0.8, withinSeconds: q.targetSeconds ?? 1200 };
  return {
    centreId: q.centreId,
    weekStart: q.weekStart,
    target,
    whatIf: { adjust: parseAdjustments(q.adjust ?? []), openEarlier: q.openEarlier ?? false, appointmentShare: q.appointmentShare ?? 0 },
    lang: q.lang ?? requestLocale(req),
  };
}

/** The staffing planner: a week's forecast, counters needed by Erlang C and A, what-ifs, CSV. */
export function plannerRoutes(app: App, ctx: AppContext): void {
  const tags = ['Planner'];
  const config = { action: 'planner.read' as const, resource: (req: FastifyRequest) => ({ centreId: (req.query as PlannerQueryT).centreId }) };
  const description =
    "Arrivals per service, weekday and hour forecast from the centre's last 8 weeks of statistics (weights halve every 4 weeks; days the centre was closed left out), the mean handling time, and patience (no-shows ÷ time spent waiting, when at least 20 no-shows tell it). Counters needed by Erlang C, and by Erlang A where patience is known (the recommendation), against the counters assigned to the service today. The backtest error is WAPE (Σ|forecast − actual| ÷ Σ actual) of each of the last 8 weeks forecast from the weeks before it. Centre managers their own centre; analysts and network administrators every centre.";

  app.get(
    '/api/planner',
    { config, schema: { tags, summary: "A week's staffing plan for a centre, with what-ifs", description, querystring: PlannerQueryString, response: { 200: PlannerResponse, ...errorResponses } } },
    async (req) => plan(ctx, toQuery(req, req.query)),
  );

  app.get(
    '/api/planner.csv',
    { config, schema: { tags, summary: 'The same staffing plan as CSV: one row per service, day and hour', querystring: PlannerQueryString, response: { 200: CsvFile, ...errorResponses } } },
    async (req, reply) => {
      const result = await plan(ctx, toQuery(req, req.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="balcao-staffing-plan-${result.weekStart}.csv"`)
        .header('cache-control', 'no-store')
        .send(planCsv(result));
    },
  );
}
