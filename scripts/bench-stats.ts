/**
 * Statistics bench (part of `npm run bench`, or alone: `npx tsx scripts/bench-stats.ts`):
 *   history-generate  visits/s written by `balcao history` (visits, tickets and statistics cells)
 *   stats-query       the questions the /app/stats dashboard asks, over years of history of the CNAI
 *                     network (3 centres), each asked repeatedly: p50 and p95 in ms, budget p95 < 300 ms
 * Options (environment): BENCH_STATS_YEARS (10; 1 for a quick run), BENCH_STATS_REPEAT (20),
 * BENCH_DATABASE_URL (also run on that PostgreSQL, in a schema of its own, dropped afterwards).
 * The generated SQLite history is kept in the temp folder and reused by the next run with the same
 * years and seed (delete balcao-bench-history-* there to regenerate).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../server/db/database.ts';
import { seedCnaiPreset } from '../server/seed/seed.ts';
import { generateHistory } from '../server/modules/stats/history.ts';
import { statistics, type StatsQuery } from '../server/modules/stats/service.ts';
import { addDays } from '../core/stats/periods.ts';

const YEARS = Number(process.env.BENCH_STATS_YEARS ?? 10);
const REPEAT = Number(process.env.BENCH_STATS_REPEAT ?? 20);
const SEED = 2004;
const BUDGET_P95 = 300;
const UNTIL = '2026-11-30';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/** The questions the dashboard asks for a manager and an analyst. */
function dashboardQuestions(lisboa: string): [string, Omit<StatsQuery, 'lang'>][] {
  const monthStart = '2026-11-01';
  return [
    ['month-vs-previous', { from: monthStart, to: UNTIL, by: 'total', compare: true }],
    ['month-by-hour', { from: monthStart, to: UNTIL, by: 'hour', centreId: lisboa }],
    ['month-by-day', { from: monthStart, to: UNTIL, by: 'day', compare: true }],
    ['year-by-service', { from: '2026-01-01', to: UNTIL, by: 'service', compare: true }],
    ['year-by-nationality', { from: '2026-01-01', to: UNTIL, by: 'nationality' }],
    ['12-months-by-language', { from: addDays(UNTIL, -364), to: UNTIL, by: 'language', centreId: lisboa }],
    ['12-months-by-week', { from: addDays(UNTIL, -364), to: UNTIL, by: 'week' }],
    ['all-years-by-year', { from: `${2026 - YEARS + 1}-01-01`, to: UNTIL, by: 'year' }],
    ['all-years-by-month', { from: `${2026 - YEARS + 1}-01-01`, to: UNTIL, by: 'month', centreId: lisboa }],
    ['all-years-by-centre', { from: `${2026 - YEARS + 1}-01-01`, to: UNTIL, by: 'centre' }],
  ];
}

async function benchOn(label: string, handle: DatabaseHandle, needsHistory: boolean): Promise<boolean> {
  const ctx: AppContext = { db: handle.db, dbKind: handle.kind, config: loadConfig({}), now: () => new Date(`${UNTIL}T20:00:00Z`) };
  await migrateToLatest(handle.db);
  if (needsHistory) {
    await seedCnaiPreset(ctx);
    const h = await generateHistory(ctx, { days: Math.round(YEARS * 365.25), until: UNTIL, seed: SEED });
    console.log(`history-generate db=${label} visits=${h.visits} tickets=${h.tickets} days=${h.days} seconds=${h.seconds.toFixed(1)} visits/s=${Math.round(h.visits / h.seconds)}`);
  }
  const lisboa = (await handle.db.selectFrom('centre').select('id').where('code', '=', 'lisboa').executeTakeFirstOrThrow()).id;
  const all: number[] = [];
  let ok = true;
  for (const [name, q] of dashboardQuestions(lisboa)) {
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      await statistics(ctx, { ...q, lang: 'en' });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const p95 = pct(times, 0.95);
    ok = ok && p95 < BUDGET_P95;
    console.log(`stats-query db=${label} question=${name} p50=${pct(times, 0.5).toFixed(1)}ms p95=${p95.toFixed(1)}ms`);
  }
  all.sort((a, b) => a - b);
  const p95 = pct(all, 0.95);
  console.log(`stats-query db=${label} years=${YEARS} questions=${all.length} p50=${pct(all, 0.5).toFixed(1)}ms p95=${p95.toFixed(1)}ms budget_p95=${BUDGET_P95}ms ratio=${(p95 / BUDGET_P95).toFixed(2)} ${ok ? 'met' : 'MISSED (some question over budget)'}`);
  return ok;
}

export async function benchStatistics(): Promise<boolean> {
  let ok = true;
  const dir = join(tmpdir(), `balcao-bench-history-${YEARS}y-${SEED}`);
  const reuse = existsSync(join(dir, 'balcao.sqlite'));
  mkdirSync(dir, { recursive: true });
  const sqlite = openDatabase({ sqlitePath: join(dir, 'balcao.sqlite') });
  try {
    if (reuse) console.log(`# stats: reusing the ${YEARS}-year SQLite history in ${dir}`);
    ok = (await benchOn('sqlite', sqlite, !reuse)) && ok;
  } finally {
    await sqlite.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const handle = openDatabase({ databaseUrl: url, schema, poolSize: 4 });
    try {
      ok = (await benchOn('postgres', handle, true)) && ok;
    } finally {
      await handle.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchStatistics().then(
    (ok) => process.exit(ok ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
