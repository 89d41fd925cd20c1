/**
 * A discrete-event simulation of one queue in front of identical counters: Poisson arrivals,
 * exponential handling, clients called first come first served, and (optionally) exponential
 * patience — the M/M/c and M/M/c+M models that Erlang C and Erlang A solve exactly. It exists to
 * check those formulas, and the formulas to check it.
 *
 * First come first served makes each client's call time depend only on those ahead, so the
 * event list reduces to the times at which each counter next becomes free: a client is called
 * when the earliest of them comes (or on arrival if that is past), and one who would wait
 * longer than their patience leaves and takes no counter time.
 */

export interface QueueSimulationInput {
  arrivalsPerHour: number;
  meanHandlingSeconds: number;
  /** Mean patience in seconds; omitted, clients wait as long as it takes. */
  patienceSeconds?: number;
  counters: number;
  waitTargetSeconds: number;
  /** Clients measured, after the warm-up. */
  clients: number;
  /** Clients simulated first and not measured, so the queue starts from its usual state, not empty. */
  warmUpClients: number;
  seed: number;
}

export interface QueueSimulationResult {
  clients: number;
  /** Share who found every counter busy on arrival. */
  pWait: number;
  pAbandon: number;
  /** Share of all clients called within the target. */
  serviceLevel: number;
  /** Mean wait of every client, until called or until leaving. */
  meanWaitSeconds: number;
}

/**
 * sfc32 seeded through splitmix32. Not the mulberry32 of core/simulation: its period of 2^32
 * draws is too short here — twenty replications of millions of clients would use a good part of
 * it, and replications started from nearby seeds could overlap.
 */
export function queueRandom(seed: number): () => number {
  let s = seed | 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  // Signed 32-bit arithmetic throughout (`| 0`) keeps every value a small integer for V8: four
  // times faster than the unsigned form, and the same bits.
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  // In (0, 1): never 0, so −log(u) is always finite.
  return () => ((next() >>> 0) + 0.5) / 4294967296;
}

export function simulateQueue(input: QueueSimulationInput): QueueSimulationResult {
  const { counters, clients, warmUpClients, waitTargetSeconds } = input;
  if (!Number.isInteger(counters) || counters < 1) throw new RangeError('counters must be a whole number of at least 1');
  if (!(input.arrivalsPerHour > 0) || !(input.meanHandlingSeconds > 0)) throw new RangeError('arrivals and handling time must be positive');
  if (!Number.isInteger(clients) || clients < 1 || !Number.isInteger(warmUpClients) || warmUpClients < 0) throw new RangeError('clients must be whole numbers');
  const random = queueRandom(input.seed);
  const meanGap = 3600 / input.arrivalsPerHour;
  const handling = input.meanHandlingSeconds;
  const patience = input.patienceSeconds;
  const freeAt = new CounterHeap(counters);
  let now = 0;
  let waited = 0;
  let abandoned = 0;
  let calledInTime = 0;
  let totalWait = 0;
  for (let i = 0, n = warmUpClients + clients; i < n; i++) {
    now += -Math.log(random()) * meanGap;
    const wait = Math.max(0, freeAt.earliest() - now);
    const givesUpAfter = patience === undefined ? Infinity : -Math.log(random()) * patience;
    const leaves = wait > givesUpAfter;
    if (!leaves) freeAt.replaceEarliest(now + wait - Math.log(random()) * handling);
    if (i < warmUpClients) continue;
    if (wait > 0) waited++;
    if (leaves) {
      abandoned++;
      totalWait += givesUpAfter;
    } else {
      totalWait += wait;
      if (wait <= waitTargetSeconds) calledInTime++;
    }
  }
  return {
    clients,
    pWait: waited / clients,
    pAbandon: abandoned / clients,
    serviceLevel: calledInTime / clients,
    meanWaitSeconds: totalWait / clients,
  };
}

export interface Estimate {
  mean: number;
  /** Half-width of the 95% confidence interval across replications (Student t). */
  halfWidth95: number;
}

export type ReplicatedQueueSimulation = Record<'pWait' | 'pAbandon' | 'serviceLevel' | 'meanWaitSeconds', Estimate> & {
  replications: number;
  seeds: number[];
};

/** Independent replications, one per seed, each with its own warm-up. */
export function replicateQueueSimulation(input: Omit<QueueSimulationInput, 'seed'>, seeds: readonly number[]): ReplicatedQueueSimulation {
  if (seeds.length < 2) throw new RangeError('a confidence interval needs at least two replications');
  const runs = seeds.map((seed) => simulateQueue({ ...input, seed }));
  const estimate = (pick: (r: QueueSimulationResult) => number): Estimate => {
    const values = runs.map(pick);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    return { mean, halfWidth95: studentT975(values.length - 1) * Math.sqrt(variance / values.length) };
  };
  return {
    replications: runs.length,
    seeds: [...seeds],
    pWait: estimate((r) => r.pWait),
    pAbandon: estimate((r) => r.pAbandon),
    serviceLevel: estimate((r) => r.serviceLevel),
    meanWaitSeconds: estimate((r) => r.meanWaitSeconds),
  };
}

/**
 * The 97.5% quantile of Student's t: exact table to 30 degrees of freedom, beyond that the
 * Cornish–Fisher expansion around the normal quantile (error below 1e-4).
 */
export function studentT975(degreesOfFreedom: number): number {
  const table = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
    2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
  ];
  if (degreesOfFreedom <= table.length) return table[degreesOfFreedom - 1]!;
  const z = 1.959963984540054;
  const v = degreesOfFreedom;
  return z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v * v) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3);
}

/** Min-heap of the times at which each counter next becomes free. */
class CounterHeap {
  private readonly times: Float64Array;

  constructor(size: number) {
    this.times = new Float64Array(size);
  }

  earliest(): number {
    return this.times[0]!;
  }

  replaceEarliest(time: number): void {
    const t = this.times;
    const n = t.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && t[right]! < t[left]! ? right : left;
      if (t[child]! >= time) break;
      t[i] = t[child]!;
      i = child;
    }
    t[i] = time;
  }
}
