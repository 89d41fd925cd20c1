/**
 * `balcao history`: fills a database with a realistic past (core/simulation/history.ts) — visits,
 * tickets and their statistics cells — fast enough for ten years of a network in a minute or two.
 * Rows are written in large multi-row inserts, one transaction per batch of days; the cells are
 * added through the same accumulator the live fold uses.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import { localTime, type OpeningHours, WEEKDAYS } from '../../../core/opening-hours.ts';
import { formatTicketNumber } from '../../../core/queue/numbering.ts';
import { seededRandom } from '../../../core/simulation/day.ts';
import { FIXED_HOLIDAYS, historyDay, MONTH_FACTOR, WEEKDAY_FACTOR, type HistoryService } from '../../../core/simulation/history.ts';
import { CellAccumulator } from '../../../core/stats/facts.ts';
import { addDays, isoWeekday } from '../../../core/stats/periods.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { addCells } from './cells.ts';
import { ensureStandardSurvey } from '../surveys/service.ts';
import { bulkInsert } from '../../db/bulk.ts';


/** Visits on an ordinary weekday, by centre code: about 1,300 a day for the network (CNAI, 2012). */
const DAILY_VISITS: Record<string, number> = { lisboa: 900, porto: 270, faro: 130 };
const DEFAULT_DAILY_VISITS = 200;
const DAYS_PER_BATCH = 28;

export interface HistoryOptions {
  /** Days of history ending with `until` (default: yesterday in UTC). */
  days: number;
  until?: string | undefined;
  /** Centre codes (default: every active centre). */
  centres?: readonly string[] | undefined;
  seed?: number | undefined;
  /** Multiplies every centre's daily volume (tests use small ones). */
  scale?: number | undefined;
  onProgress?: ((done: { day: string; visits: number }) => void) | undefined;
}

export interface HistoryResult {
  visits: number;
  tickets: number;
  days: number;
  seconds: number;
}

/** The UTC instant of a local wall-clock time in a time zone (exact outside the small hours of a DST change). */
function zonedToUtc(date: string, time: string, timeZone: string): number {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const local = localTime(new Date(guess), timeZone);
  const asIfUtc = Date.parse(`${local.date}T${local.time}:00Z`);
  return guess - (asIfUtc - guess);
}

/** When a centre opens and for how long on a day; round-the-clock demo hours count as 08:00–18:00. */
function openingOf(hours: OpeningHours, day: string): { open: string; minutes: number } | null {
  if (FIXED_HOLIDAYS.includes(day.slice(5))) return null;
  const weekday = WEEKDAYS[isoWeekday(day) - 1]!;
  const periods = hours[weekday] ?? [];
  if (periods.length === 0) return null;
  const open = periods[0]!.open;
  const close = periods[periods.length - 1]!.close;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const minutes = (close === '24:00' || close === '23:59' ? 1440 : toMin(close)) - toMin(open);
  if (minutes >= 16 * 60) return { open: '08:00', minutes: 600 };
  return { open, minutes: Math.min(minutes, 600) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A UUID (version 7 layout) that starts with its time: rows of a past written in time order land at
 * the end of their indexes instead of all over them, which makes a long history load several
 * times faster. The 74 random bits keep ids unguessable.
 */
function timeOrderedId(ms: number): string {
  const r = randomHex(20);
  const hex = ms.toString(16).padStart(12, '0') + '7' + r.slice(0, 3) + ((parseInt(r.slice(3, 5), 16) & 0x3f) | 0x80).toString(16) + r.slice(5, 19);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A phone-page token for a past visit: time first (index order), then 128 random bits. */
const pastToken = (ms: number) => ms.toString(36).padStart(9, '0') + randomHex(32);

// Random bytes drawn a megabyte at a time: one system call per ten thousand ids, not one per id.
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomHex(chars: number): string {
  const bytes = Math.ceil(chars / 2);
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(1 << 20);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes).slice(0, chars);
  poolAt += bytes;
  return hex;
}

export async function generateHistory(ctx: AppContext, options: HistoryOptions): Promise<HistoryResult> {
  const started = Date.now();
  const random = seededRandom(options.seed ?? 2004);
  const until = options.until ?? new Date(ctx.now().getTime() - 86_400_000).toISOString().slice(0, 10);
  const first = addDays(until, -(options.days - 1));
  let centres = await ctx.db.selectFrom('centre').selectAll().where('active', '=', 1).orderBy('code').execute();
  if (options.centres?.length) {
    const unknown = options.centres.filter((c) => !centres.some((x) => x.code === c));
    if (unknown.length) throw new Error(`unknown centre code(s): ${unknown.join(', ')} (known: ${centres.map((c) => c.code).join(', ')})`);
    centres = centres.filter((c) => options.centres!.includes(c.code));
  }
  const plans: Plan[] = [];
  for (const c of centres) {
    const services = await ctx.db
      .selectFrom('service')
      .leftJoin('counter_service', 'counter_service.service_id', 'service.id')
      .innerJoin('desk', 'desk.id', 'service.desk_id')
      .select(['service.id', 'service.ticket_prefix', 'service.expected_minutes', 'service.target_wait_minutes', 'desk.partner_id'])
      .select((eb) => eb.fn.count<number>('counter_service.counter_id').as('counters'))
      .where('service.centre_id', '=', c.id)
      .where('service.active', '=', 1)
      .groupBy(['service.id', 'service.ticket_prefix', 'service.expected_minutes', 'service.target_wait_minutes', 'desk.partner_id'])
      // A fixed order: the seeded history must be the same on either database.
      .orderBy('service.ticket_prefix')
      .orderBy('service.id')
      .execute();
    if (services.length === 0) continue;
    plans.push({
      centre: c,
      hours: JSON.parse(c.opening_hours) as OpeningHours,
      daily: (DAILY_VISITS[c.code] ?? DEFAULT_DAILY_VISITS) * (options.scale ?? 1),
      services: services.map((s) => ({ id: s.id, prefix: s.ticket_prefix, expectedMinutes: s.expected_minutes, counters: Number(s.counters), target: s.target_wait_minutes, partnerId: s.partner_id })),
    });
  }

  await ensureStandardSurvey(ctx);
  const version = (await ctx.db.selectFrom('survey_version').select('version').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow()).version;
  const questions = new Map((await ctx.db.selectFrom('survey_question').select(['id', 'code']).execute()).map((q) => [q.code, q.id]));
  const survey = { version: Number(version), questions };

  // A bulk load wants a large page cache on SQLite (default 2 MB); put back afterwards.
  // A crash mid-load leaves whole four-week batches written or not, never half of one (each is one transaction).
  if (ctx.dbKind === 'sqlite') await sql`pragma cache_size = -262144`.execute(ctx.db);
  // Years of history load several times faster into tables without their secondary indexes, built
  // once at the end (SQLite; the indexes' own definitions are kept and replayed).
  const estimated = options.days * plans.reduce((s, p) => s + p.daily, 0) * 0.7;
  const dropped = ctx.dbKind === 'sqlite' && estimated > 200_000 ? await dropSecondaryIndexes(ctx) : [];
  try {
    return await loadDays(ctx, plans, { first, until, random, started, onProgress: options.onProgress, survey });
  } finally {
    for (const definition of dropped) await sql.raw(definition).execute(ctx.db);
    if (ctx.dbKind === 'sqlite') await sql`pragma cache_size = -2000`.execute(ctx.db);
  }

}

interface Plan {
  centre: { id: string; time_zone: string };
  hours: OpeningHours;
  daily: number;
  services: (HistoryService & { target: number; partnerId: string })[];
}

/** Generates and writes the days, a week per transaction. */
async function loadDays(
  ctx: AppContext,
  plans: readonly Plan[],
  run: { first: string; until: string; random: () => number; started: number; onProgress: HistoryOptions['onProgress']; survey: { version: number; questions: Map<string, string> } },
): Promise<HistoryResult> {
  const { first, until, random, started } = run;
  let visitsTotal = 0;
  let ticketsTotal = 0;
  let days = 0;
  for (let batchStart = first; batchStart <= until; batchStart = addDays(batchStart, DAYS_PER_BATCH)) {
    const visitRows: Insertable<Database['visit']>[] = [];
    const ticketRows: Insertable<Database['ticket']>[] = [];
    const responseRows: Insertable<Database['survey_response']>[] = [];
    const answerRows: Insertable<Database['survey_answer']>[] = [];
    const acc = new CellAccumulator();
    for (let d = 0; d < DAYS_PER_BATCH; d++) {
      const day = addDays(batchStart, d);
      if (day > until) break;
      days++;
      for (const plan of plans) {
        const opening = openingOf(plan.hours, day);
        if (!opening) continue;
        const volume = Math.round(plan.daily * WEEKDAY_FACTOR[isoWeekday(day) - 1]! * MONTH_FACTOR[Number(day.slice(5, 7)) - 1]! * (0.9 + 0.2 * random()));
        if (volume <= 0) continue;
        const openUtc = zonedToUtc(day, opening.open, plan.centre.time_zone);
        const openHour = Number(opening.open.slice(0, 2));
        const at = (minute: number) => iso(openUtc + minute * 60_000);
        const hourOf = (minute: number) => String(Math.min(23, openHour + Math.floor(minute / 60))).padStart(2, '0');
        const sequence = new Map<string, number>();
        const target = new Map(plan.services.map((s) => [s.id, s.target]));
        for (const v of historyDay(random, { visits: volume, openMinutes: opening.minutes, services: plan.services })) {
          const visitId = timeOrderedId(openUtc + v.arrivedAt * 60_000);
          const last = v.tickets[v.tickets.length - 1]!;
          visitRows.push({
            id: visitId,
            centre_id: plan.centre.id,
            public_token: pastToken(openUtc + v.arrivedAt * 60_000),
            person_id: null,
            client_name: null,
            language: v.language,
            priority: v.priorityReason ? 'legal' : 'none',
            priority_reason: v.priorityReason,
            needs_mediator: 0,
            topic: null,
            channel: v.channel,
            route: '[]',
            status: 'done',
            local_date: day,
            created_by: 'history',
            created_at: at(v.arrivedAt),
            closed_at: at(last.finishedAt),
            stats_folded: 1,
            declared_country: v.declared ? v.nationality : null,
          });
          if (v.survey) {
            const responseId = timeOrderedId(openUtc + last.finishedAt * 60_000);
            const partnerId = plan.services.find((x) => x.id === last.serviceId)?.partnerId ?? null;
            responseRows.push({ id: responseId, survey_version: run.survey.version, centre_id: plan.centre.id, partner_id: partnerId, language: v.language, local_date: day, channel: v.survey.channel, comment: null });
            for (const [code, value] of Object.entries(v.survey.answers)) {
              const questionId = run.survey.questions.get(code);
              if (questionId) answerRows.push({ response_id: responseId, question_id: questionId, value });
            }
          }
          const nationality = v.declared ? v.nationality : null;
          const priority = v.priorityReason ? 'legal' : 'none';
          acc.addVisit({ centreId: plan.centre.id, local: { date: day, hour: hourOf(v.arrivedAt) }, language: v.language, nationality, channel: v.channel, priority, ticketStatuses: v.tickets.map((t) => t.status) });
          for (const t of v.tickets) {
            const n = (sequence.get(t.serviceId) ?? 0) + 1;
            sequence.set(t.serviceId, n);
            const row = {
              id: timeOrderedId(openUtc + t.issuedAt * 60_000),
              visit_id: visitId,
              centre_id: plan.centre.id,
              service_id: t.serviceId,
              number: formatTicketNumber(t.prefix, n),
              local_date: day,
              priority,
              language: v.language,
              needs_mediator: 0,
              appointment_at: null,
              status: t.status,
              counter_id: null,
              target_counter_id: null,
              served_by: null,
              recall_count: t.status === 'no_show' ? 2 : 0,
              outcome: t.status === 'done' ? 'resolved' : null,
              note: null,
              transferred_from: null,
              idempotency_key: null,
              issued_at: at(t.issuedAt),
              queued_at: at(t.issuedAt),
              called_at: t.calledAt === null ? null : at(t.calledAt),
              started_at: t.startedAt === null ? null : at(t.startedAt),
              finished_at: at(t.finishedAt),
            };
            ticketRows.push(row);
            acc.addTicket({
              centreId: plan.centre.id,
              serviceId: t.serviceId,
              local: { date: day, hour: hourOf(t.issuedAt) },
              status: t.status,
              issuedAt: row.issued_at,
              calledAt: row.called_at,
              startedAt: row.started_at,
              finishedAt: row.finished_at,
              language: v.language,
              nationality,
              channel: v.channel,
              priority,
              targetWaitMinutes: target.get(t.serviceId) ?? 20,
            });
          }
        }
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      await bulkInsert(trx, ctx.dbKind, 'visit', visitRows);
      await bulkInsert(trx, ctx.dbKind, 'ticket', ticketRows);
      await bulkInsert(trx, ctx.dbKind, 'survey_response', responseRows);
      await bulkInsert(trx, ctx.dbKind, 'survey_answer', answerRows);
      await addCells(trx, ctx.dbKind, acc);
    });
    visitsTotal += visitRows.length;
    ticketsTotal += ticketRows.length;
    run.onProgress?.({ day: addDays(batchStart, DAYS_PER_BATCH - 1), visits: visitsTotal });
  }
  return { visits: visitsTotal, tickets: ticketsTotal, days, seconds: (Date.now() - started) / 1000 };
}

async function dropSecondaryIndexes(ctx: AppContext): Promise<string[]> {
  const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name in ('visit', 'ticket') and sql is not null`.execute(ctx.db);
  for (const r of rows) await sql.raw(`drop index "${r.name.replace(/"/g, '""')}"`).execute(ctx.db);
  return rows.map((r) => r.sql);
}
