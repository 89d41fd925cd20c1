/**
 * Wait-estimate bench (part of `npm run bench`, or alone: `npx tsx scripts/bench-wait.ts`): replays
 * CNAI days and scores the old and the new wait estimator on the same estimates (at issue and at
 * every call of someone ahead), printing
 *   wait-estimate estimator=old|new mae_ratio=… within5min=… tickets=… estimates=… days=…
 * `--write` also writes server/modules/visits/wait-accuracy.json, the measurement the server
 * publishes and takes its ranges from.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ACCURACY_FILE, measureWaitAccuracy } from '../server/modules/visits/wait-accuracy.ts';

const GOAL = { maeRatio: 0.2, within5min: 0.8 };

export function benchWaitEstimates(write = false): boolean {
  const t0 = performance.now();
  const m = measureWaitAccuracy();
  const ms = Math.round(performance.now() - t0);
  for (const [name, s] of [['old', m.old], ['new', m.new]] as const) {
    const range = 'inRange' in s && s.inRange != null ? ` in_range=${s.inRange.toFixed(3)}` : '';
    console.log(`wait-estimate estimator=${name} mae_ratio=${s.maeRatio.toFixed(3)} within5min=${s.within5min.toFixed(3)} tickets=${s.tickets} estimates=${s.estimates} days=${m.days}x3${range}${name === 'new' ? ` ms=${ms}` : ''}`);
  }
  const met = m.new.maeRatio < GOAL.maeRatio && m.new.within5min >= GOAL.within5min;
  console.log(`wait-estimate goal mae_ratio<${GOAL.maeRatio} within5min>=${GOAL.within5min} ${met ? 'met' : 'MISSED'}`);
  if (write) {
    writeFileSync(ACCURACY_FILE, JSON.stringify(m, null, 2) + '\n');
    console.log(`wrote ${ACCURACY_FILE}`);
  }
  return met;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) benchWaitEstimates(process.argv.includes('--write'));
