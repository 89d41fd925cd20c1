/**
 * How accurate the wait estimates clients see are, and the ranges shown with them: measured by
 * replaying CNAI days (core/queue/wait-replay.ts) — the ranges from one set of replayed days
 * (calibration), the published accuracy from another. Computed at build time into
 * wait-accuracy.json (`npx tsx scripts/bench-wait.ts --write`; a test fails when it is stale), so
 * the server starts without replaying anything.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrateBands, newEstimator, oldEstimator, replayAccuracy, type AccuracySummary, type ReplayCentre } from '../../../core/queue/wait-replay.ts';
import { waitRange, type WaitBand } from '../../../core/queue/wait-estimate.ts';
import { CENTRES, PARTNERS } from '../../seed/cnai-preset.ts';

/** Visits on an ordinary weekday at the CNAI centres (as `balcao history`). */
const CNAI_DAILY_VISITS: Record<string, number> = { lisboa: 900, porto: 270, faro: 130 };

/** The CNAI network's centres with their services and rostered counters, for a replay. */
export function cnaiReplayCentres(): ReplayCentre[] {
  return CENTRES.map((c, i) => ({
    code: c.code,
    visits: CNAI_DAILY_VISITS[c.code] ?? 200,
    services: PARTNERS.flatMap((p) => p.services).map((s) => ({ id: s.code, prefix: s.prefix, expectedMinutes: s.minutes, counters: s.counters[i] ?? 1 })),
  }));
}

/** The replayed days measured (each day: the three centres) and, apart, the days the ranges are calibrated on. */
export const MEASURED_DAYS = { days: 10, seed: 2026 };
export const CALIBRATION_DAYS = { days: 10, seed: 1990 };

export interface WaitAccuracy {
  days: number;
  seed: number;
  old: Omit<AccuracySummary, 'inRange'>;
  new: AccuracySummary;
  /** Ranges: error quantiles per estimate size (the last band's `upTo` null = no limit). */
  bands: { upTo: number | null; below: number; above: number; samples: number }[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const rounded = (s: AccuracySummary) => ({
  tickets: s.tickets,
  estimates: s.estimates,
  meanActualMinutes: round(s.meanActualMinutes, 2),
  maeMinutes: round(s.maeMinutes, 2),
  maeRatio: round(s.maeRatio),
  within5min: round(s.within5min),
  inRange: s.inRange == null ? null : round(s.inRange),
});

/** Replays the days (a few seconds): the ranges from the calibration days, both estimators scored on the measured ones. */
export function measureWaitAccuracy(): WaitAccuracy {
  const centres = cnaiReplayCentres();
  const calibration = replayAccuracy({ centres, ...CALIBRATION_DAYS }, { new: newEstimator }, { keepPairs: true });
  // 85% of the errors: once rounded to whole fives, the range holds about 8 in 10 actual waits.
  const bands = calibrateBands(calibration.new!.pairs, 0.85);
  const measured = replayAccuracy({ centres, ...MEASURED_DAYS }, { old: oldEstimator, new: newEstimator }, { bands: { new: bands } });
  const { inRange: _unused, ...old } = rounded(measured.old!);
  return {
    ...MEASURED_DAYS,
    old,
    new: rounded(measured.new!),
    bands: bands.map((b) => ({ upTo: Number.isFinite(b.upTo) ? b.upTo : null, below: b.below, above: b.above, samples: b.samples ?? 0 })),
  };
}

export const ACCURACY_FILE = join(dirname(fileURLToPath(import.meta.url)), 'wait-accuracy.json');

let loaded: { accuracy: WaitAccuracy; bands: WaitBand[] } | null = null;
function load() {
  if (!loaded) {
    const accuracy = JSON.parse(readFileSync(ACCURACY_FILE, 'utf8')) as WaitAccuracy;
    loaded = { accuracy, bands: accuracy.bands.map((b) => ({ upTo: b.upTo ?? Infinity, below: b.below, above: b.above })) };
  }
  return loaded;
}

/** The measured accuracy (from wait-accuracy.json). */
export function waitAccuracy(): WaitAccuracy {
  return load().accuracy;
}

/** The range to show for an estimate, in whole minutes: [low, high]. */
export function shownWaitRange(estimateMinutes: number): [number, number] {
  return waitRange(estimateMinutes, load().bands);
}

/** "8 in 10": how many people in ten the estimate was within five minutes for. */
export function withinFiveInTen(): number {
  return Math.round(load().accuracy.new.within5min * 10);
}
