/**
 * The annual report: a year of the network (or one centre) in the shape of the source documents —
 * cases attended in the year and since opening, daily average, main nationalities, each centre and
 * partner, waits, and the satisfaction survey in the IOM evaluation's form. Every figure is
 * published, so counts under five people are suppressed.
 */
import type { AppContext } from '../../context.ts';
import { fieldError } from '../../http/errors.ts';
import { MIN_PEOPLE } from '../../../core/stats/suppression.ts';
import { suppressResults, surveyResults } from '../surveys/service.ts';
import { countedDays, countedRange } from './store.ts';
import { publishTable, type PublishedRow } from './published.ts';
import { statistics } from './service.ts';

export interface AnnualReport {
  year: number;
  lang: string;
  networkName: string;
  centreName: string | null;
  /** Cases attended (tickets served at a desk) in the year and since the first counted day. */
  attended: number;
  attendedSinceOpening: number;
  firstDay: string | null;
  visits: number;
  peopleServed: number;
  multiDeskVisits: number;
  openDays: number;
  dailyAverageVisits: number | null;
  /** Main nationalities: share of visits whose nationality is known. */
  nationalities: { code: string; label: string; share: number }[];
  nationalityKnownShare: number | null;
  months: { month: string; visits: number }[];
  centres: PublishedRow[];
  partners: PublishedRow[];
  total: PublishedRow;
  /** Suppressed like every published figure (no count of 1–4 people, nor one that reveals it). */
  survey: ReturnType<typeof suppressResults>;
}

export async function annualReport(ctx: AppContext, input: { year: number; lang: string; centreId?: string | undefined }): Promise<AnnualReport> {
  const { year, lang, centreId } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw fieldError('year', 'invalid');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const base = { from, to, lang, centreId };
  const [byMonth, byCentre, byPartner, byNationality, range, network] = await Promise.all([
    statistics(ctx, { ...base, by: 'month' }),
    statistics(ctx, { ...base, by: 'centre' }),
    statistics(ctx, { ...base, by: 'partner' }),
    statistics(ctx, { ...base, by: 'nationality' }),
    countedRange(ctx.db, centreId ? [centreId] : undefined),
    ctx.db.selectFrom('network').select('name').executeTakeFirst(),
  ]);
  const since = range.first && range.first <= to ? await statistics(ctx, { from: range.first, to, by: 'total', lang, centreId }) : null;
  const openDays = await countedDays(ctx.db, from, to, centreId ? [centreId] : undefined);
  const visits = byMonth.total.visits?.visits ?? 0;
  const known = byNationality.rows.filter((r) => r.key !== 'unknown');
  const knownVisits = known.reduce((s, r) => s + (r.visits?.visits ?? 0), 0);
  const centreName = centreId ? ((await ctx.db.selectFrom('centre').select('name').where('id', '=', centreId).executeTakeFirst())?.name ?? null) : null;
  const published = publishTable(byCentre);
  return {
    year,
    lang,
    networkName: network?.name ?? 'Balcão',
    centreName,
    attended: byMonth.total.tickets.served,
    attendedSinceOpening: since?.total.tickets.served ?? 0,
    firstDay: range.first,
    visits,
    peopleServed: byMonth.total.visits?.peopleServed ?? 0,
    multiDeskVisits: byMonth.total.visits?.multiDeskVisits ?? 0,
    openDays,
    dailyAverageVisits: openDays ? Math.round(visits / openDays) : null,
    nationalities: known
      .filter((r) => (r.visits?.visits ?? 0) >= MIN_PEOPLE)
      .sort((a, b) => (b.visits?.visits ?? 0) - (a.visits?.visits ?? 0))
      .slice(0, 8)
      .map((r) => ({ code: r.key, label: r.label, share: (r.visits?.visits ?? 0) / knownVisits })),
    nationalityKnownShare: visits ? knownVisits / visits : null,
    months: byMonth.rows.map((r) => ({ month: r.key, visits: r.visits?.visits ?? 0 })),
    centres: published.rows,
    partners: publishTable(byPartner).rows,
    total: published.total,
    survey: suppressResults(await surveyResults(ctx, { from, to, centreId }, lang)),
  };
}
