/**
 * Queueing maths for one service hour at a centre: clients arrive at random (Poisson), a counter
 * takes an exponentially distributed time to serve each one, clients are called in order.
 *
 *   Erlang B  — the loss formula (no waiting room); a building block of the other two.
 *   Erlang C  — M/M/c: everyone waits as long as it takes.
 *   Erlang A  — M/M/c+M: each client leaves after an exponentially distributed patience if not
 *               called by then. Stable at any load, because the queue sheds clients.
 *
 * Times are in seconds throughout. Offered load a = arrivals per second × mean handling seconds
 * (erlangs), utilisation ρ = a / counters.
 *
 * Numerics (1 to thousands of counters, ρ up to 0.999 and beyond for Erlang A):
 * - Erlang B by the recurrence 1/B(k) = 1 + (k/a)/B(k−1), carried in log space. The plain
 *   B recurrence is stable but underflows to 0 for a lightly loaded large centre, and Erlang A
 *   needs log(1/B − 1) exactly there; no factorial or power is ever formed.
 * - Erlang C from B: C = B / (1 − ρ(1 − B)); 1 − ρ comes from the inputs, so near ρ = 1 nothing
 *   cancels that was not already in the data.
 * - Erlang A in the Palm/Mandelbaum–Zeltyn form. Every measure is π_c (the chance that all
 *   counters are busy, over the states below) times an integral ∫₀¹ v^(s−1) e^(z(1−v)) dv —
 *   the incomplete-gamma function written as the series Σ_k z^k / (s(s+1)…(s+k)). We sum that
 *   series directly, all terms positive, outward from its largest term with the scale kept in
 *   log space. Why not the textbook closed form through γ(x, y) and Γ(x)? With long patience
 *   x and y run into the millions: lgamma there carries absolute errors of 1e-9 and the mean
 *   queue (y − x)A + x cancels almost completely as Erlang A tends to Erlang C. Positive sums
 *   have neither problem, and the series is the birth–death chain beyond c in another guise.
 */

export interface ServiceLoad {
  /** Clients arriving per hour. */
  arrivalsPerHour: number;
  /** Mean handling time at the counter, in seconds. */
  meanHandlingSeconds: number;
}

export interface ImpatientServiceLoad extends ServiceLoad {
  /** Mean time a client waits before giving up, in seconds (exponentially distributed). */
  patienceSeconds: number;
}

/** What the clients of one service hour can expect at a given number of counters. */
export interface QueueOutlook {
  stable: true;
  counters: number;
  /** Erlangs: arrivals per second × mean handling seconds. */
  offeredLoad: number;
  /** Chance that an arriving client finds every counter busy. */
  pWait: number;
  /** Chance that an arriving client leaves before being called (0 in Erlang C). */
  pAbandon: number;
  waitTargetSeconds: number;
  /**
   * Share of all arriving clients called within the target. A client who gave up before the
   * target was not called, so does not count as served in time.
   */
  serviceLevel: number;
  /** Mean wait over every arrival (until called, or until leaving). */
  meanWaitSeconds: number;
  /** Mean wait of the clients who were called (average speed of answer); null if nobody is. */
  asaSeconds: number | null;
  /** Share of counter time spent serving. */
  occupancy: number;
}

/** Erlang C at or beyond full utilisation: the queue grows without bound. */
export interface UnstableQueue {
  stable: false;
  counters: number;
  offeredLoad: number;
  pWait: 1;
  pAbandon: 0;
  waitTargetSeconds: number;
  serviceLevel: 0;
  /** No finite mean: the wait is infinite in the long run. */
  meanWaitSeconds: null;
  asaSeconds: null;
  occupancy: 1;
}

export type QueueResult = QueueOutlook | UnstableQueue;

/** A target a manager sets for a service: a share called within a time, or a mean wait. */
export type StaffingTarget =
  | { kind: 'service-level'; level: number; withinSeconds: number }
  | { kind: 'mean-wait'; maxSeconds: number };

/** Beyond this, a target is treated as unreachable rather than searched for ever. */
export const MAX_COUNTERS = 100_000;

export function offeredLoad({ arrivalsPerHour, meanHandlingSeconds }: ServiceLoad): number {
  return (arrivalsPerHour / 3600) * meanHandlingSeconds;
}

// ---------------------------------------------------------------------------------------------
// Erlang B

/** log(1 + e^u) without overflow for large u or loss for very negative u. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** One step of the recurrence: log(1/B(k)) from log(1/B(k−1)). */
function nextLogInverseB(previous: number, k: number, logLoad: number): number {
  return softplus(previous + Math.log(k) - logLoad);
}

/** log(1/B(c, a)) for a > 0. */
function logInverseErlangB(counters: number, load: number): number {
  const logLoad = Math.log(load);
  let l = 0;
  for (let k = 1; k <= counters; k++) l = nextLogInverseB(l, k, logLoad);
  return l;
}

/** Erlang B: the chance that a client finds all `counters` busy when no one can wait. */
export function erlangB(counters: number, load: number): number {
  checkCounters(counters);
  checkFinite(load, 'offered load', 0);
  if (load === 0) return counters === 0 ? 1 : 0;
  return Math.exp(-logInverseErlangB(counters, load));
}

// ---------------------------------------------------------------------------------------------
// Erlang C

/** Erlang C: the chance of waiting in M/M/c; 1 when a ≥ c (everyone waits, eventually for ever). */
export function erlangCProbabilityOfWaiting(counters: number, load: number): number {
  checkCounters(counters);
  checkFinite(load, 'offered load', 0);
  if (load === 0) return 0;
  if (load >= counters) return 1;
  return pWaitFromLogInverseB(logInverseErlangB(counters, load), counters, load);
}

function pWaitFromLogInverseB(logInverseB: number, counters: number, load: number): number {
  const b = Math.exp(-logInverseB);
  const rho = load / counters;
  return b / (1 - rho + rho * b);
}

/** Erlang C measures for one service hour at `counters` counters. */
export function erlangC(load: ServiceLoad, counters: number, waitTargetSeconds: number): QueueResult {
  checkLoad(load);
  checkCounters(counters);
  checkFinite(waitTargetSeconds, 'wait target', 0);
  const a = offeredLoad(load);
  if (a === 0) return idle(counters, waitTargetSeconds);
  if (a >= counters) return unstable(counters, a, waitTargetSeconds);
  return erlangCAt(logInverseErlangB(counters, a), counters, a, load.meanHandlingSeconds, waitTargetSeconds);
}

function erlangCAt(logInverseB: number, counters: number, a: number, handling: number, target: number): QueueOutlook {
  const pWait = pWaitFromLogInverseB(logInverseB, counters, a);
  const spare = counters - a;
  const meanWait = (pWait * handling) / spare;
  return {
    stable: true,
    counters,
    offeredLoad: a,
    pWait,
    pAbandon: 0,
    waitTargetSeconds: target,
    // Waiting time beyond zero is exponential with rate (c − a)/handling.
    serviceLevel: 1 - pWait * Math.exp((-spare * target) / handling),
    meanWaitSeconds: meanWait,
    asaSeconds: meanWait,
    occupancy: a / counters,
  };
}

// ---------------------------------------------------------------------------------------------
// Erlang A

/**
 * Sums of the series T_k = z^k / (s(s+1)…(s+k)), k ≥ 0, each as exp(logScale) × value:
 *   f  = Σ T_k            = ∫₀¹ v^(s−1) e^(z(1−v)) dv
 *   k  = Σ k·T_k
 *   ln = Σ T_k·H_k, H_k = Σ_{i≤k} 1/(s+i)   = ∫₀¹ (−ln v) v^(s−1) e^(z(1−v)) dv
 */
interface SeriesSums {
  logScale: number;
  f: number;
  k: number;
  ln: number;
}

const SERIES_TOLERANCE = 1e-17;
const SERIES_MAX_TERMS = 50_000_000;
/** Up to here the log of the rising factorial is summed term by term, beyond by Stirling. */
const DIRECT_SUM_LIMIT = 1_000_000;

function gammaSeries(s: number, z: number): SeriesSums {
  if (z === 0) return { logScale: -Math.log(s), f: 1, k: 0, ln: 1 / s };
  // Terms rise while z/(s+k) ≥ 1, so the largest is at m; summing outward from it keeps every
  // partial sum within a factor of the total and the scale exact in logs.
  const m = Math.max(0, Math.floor(z - s));
  const logZ = Math.log(z);
  const logScale = m * logZ - logRising(s, m + 1);
  const hAtMode = harmonicRising(s, m + 1);
  let f = 0;
  let kSum = 0;
  let ln = 0;
  let term = 1;
  let h = hAtMode;
  let steps = 0;
  for (let k = m; ; k++) {
    f += term;
    kSum += k * term;
    ln += h * term;
    const r = z / (s + k + 1);
    // Ratios only fall from here, so the rest is below a geometric series with ratio r.
    const g = r / (1 - r);
    const g2 = r / ((1 - r) * (1 - r));
    if (
      term * g <= SERIES_TOLERANCE * f &&
      term * (k * g + g2) <= SERIES_TOLERANCE * kSum + Number.MIN_VALUE &&
      term * (h * g + g2 / (s + k + 1)) <= SERIES_TOLERANCE * ln
    ) {
      break;
    }
    term *= r;
    h += 1 / (s + k + 1);
    if (++steps > SERIES_MAX_TERMS) throw new RangeError('Erlang A series did not converge (patience too long for this load)');
  }
  term = 1;
  h = hAtMode;
  for (let k = m; k > 0; ) {
    const q = (s + k) / z;
    term *= q;
    h -= 1 / (s + k);
    k--;
    f += term;
    kSum += k * term;
    ln += h * term;
    const g = q / (1 - q);
    if (q < 1 && term * g <= SERIES_TOLERANCE * f && k * term * g <= SERIES_TOLERANCE * kSum + Number.MIN_VALUE && h * term * g <= SERIES_TOLERANCE * ln) break;
    if (++steps > SERIES_MAX_TERMS) throw new RangeError('Erlang A series did not converge (patience too long for this load)');
  }
  return { logScale, f, k: kSum, ln };
}

/** Σ_{i<n} log(s+i) = log Γ(s+n) − log Γ(s). */
function logRising(s: number, n: number): number {
  let sum = 0;
  const direct = n <= DIRECT_SUM_LIMIT ? n : 64;
  for (let i = 0; i < direct; i++) sum += Math.log(s + i);
  return direct === n ? sum : sum + logGammaLarge(s + n) - logGammaLarge(s + direct);
}

/** Σ_{i<n} 1/(s+i) = ψ(s+n) − ψ(s). */
function harmonicRising(s: number, n: number): number {
  let sum = 0;
  const direct = n <= DIRECT_SUM_LIMIT ? n : 64;
  for (let i = 0; i < direct; i++) sum += 1 / (s + i);
  return direct === n ? sum : sum + digammaLarge(s + n) - digammaLarge(s + direct);
}

/** Stirling's series; good to ~1e-19 relative for x ≥ 64, which is all it is called with. */
function logGammaLarge(x: number): number {
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

function digammaLarge(x: number): number {
  const x2 = x * x;
  return Math.log(x) - 1 / (2 * x) - (1 / 12 - (1 / 120 - 1 / (252 * x2)) / x2) / x2;
}

function logAddExp(p: number, q: number): number {
  const hi = Math.max(p, q);
  return hi === -Infinity ? -Infinity : hi + Math.log1p(Math.exp(Math.min(p, q) - hi));
}

/**
 * Erlang A measures for one service hour at `counters` counters.
 *
 * With x = c·patience/handling and y = arrivals·patience (both per unit of patience), the
 * states with n ≥ c clients weigh π_c·∏ y/(x+j), and (Mandelbaum & Zeltyn):
 *   P(wait)              = π_c · x·F(x, y)
 *   mean queue E[Q]      = π_c · x·K(x, y);   P(abandon) = E[Q]/y;   mean wait = E[Q]/λ
 *   P(called after a wait ≤ t) = π_c · x·[F(x+1, y) − e^(y(1−u)) u^(x+1) F(x+1, y·u)],  u = e^(−t/patience)
 *   Σ waits of those called = π_c · x·patience·Ln(x+1, y)
 * where 1/π_c = (1/B − 1) + x·F(x, y), F, K and Ln the sums of gammaSeries.
 */
export function erlangA(load: ImpatientServiceLoad, counters: number, waitTargetSeconds: number): QueueOutlook {
  checkLoad(load);
  checkCounters(counters);
  checkFinite(waitTargetSeconds, 'wait target', 0);
  checkFinite(load.patienceSeconds, 'patience', 0, true);
  const a = offeredLoad(load);
  if (a === 0) return idle(counters, waitTargetSeconds);
  if (counters === 0) return nobodyServed(a, load.patienceSeconds, waitTargetSeconds);
  return erlangAAt(logInverseErlangB(counters, a), counters, a, load, waitTargetSeconds);
}

function erlangAAt(logInverseB: number, counters: number, a: number, load: ImpatientServiceLoad, target: number): QueueOutlook {
  const patience = load.patienceSeconds;
  const arrivalsPerSecond = load.arrivalsPerHour / 3600;
  const x = (counters * patience) / load.meanHandlingSeconds;
  const y = arrivalsPerSecond * patience;
  const logX = Math.log(x);

  const atX = gammaSeries(x, y);
  const atX1 = gammaSeries(x + 1, y);
  // log(1/B − 1), from log(1/B) > 0
  const logLoss = logInverseB + Math.log(-Math.expm1(-logInverseB));
  const logWaitWeight = logX + atX.logScale + Math.log(atX.f);
  const logNorm = logAddExp(logLoss, logWaitWeight);
  const share = (logValue: number) => Math.exp(logValue - logNorm);

  const pWait = share(logWaitWeight);
  const pAbandon = atX.k > 0 ? share(logX + atX.logScale + Math.log(atX.k) - Math.log(y)) : 0;
  const calledAfterWaiting = share(logX + atX1.logScale + Math.log(atX1.f));
  // Called after waiting longer than the target: the same integral from e^(−t/patience) down.
  let calledLate = calledAfterWaiting;
  if (target > 0) {
    const decay = target / patience;
    const late = gammaSeries(x + 1, y * Math.exp(-decay));
    calledLate = share(logX + y * -Math.expm1(-decay) - (x + 1) * decay + late.logScale + Math.log(late.f));
  }
  const pCalled = 1 - pAbandon;
  const waitOfCalled = share(logX + Math.log(patience) + atX1.logScale + Math.log(atX1.ln));
  return {
    stable: true,
    counters,
    offeredLoad: a,
    pWait,
    pAbandon,
    waitTargetSeconds: target,
    serviceLevel: clamp01(1 - pWait + Math.max(0, calledAfterWaiting - calledLate)),
    meanWaitSeconds: pAbandon * patience,
    asaSeconds: pCalled > 0 ? waitOfCalled / pCalled : null,
    occupancy: (a * pCalled) / counters,
  };
}

// ---------------------------------------------------------------------------------------------
// Fewest counters

export function meetsTarget(result: QueueResult, target: StaffingTarget): boolean {
  if (!result.stable) return false;
  if (target.kind === 'mean-wait') return result.meanWaitSeconds <= target.maxSeconds;
  return result.serviceLevel >= target.level;
}

/**
 * The fewest counters meeting `target`: by Erlang A when `patienceSeconds` is given, else by
 * Erlang C. Walks up from one counter carrying the Erlang B recurrence along, so the whole
 * search costs about as much as one evaluation at the answer.
 */
export function fewestCounters(load: ServiceLoad & { patienceSeconds?: number }, target: StaffingTarget): { counters: number; outlook: QueueOutlook } {
  checkLoad(load);
  checkTarget(target);
  // For a mean-wait target the outlook's service level is the share called within that time.
  const withinSeconds = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
  const a = offeredLoad(load);
  if (a === 0) return { counters: 0, outlook: idle(0, withinSeconds) };
  const patience = load.patienceSeconds;
  if (patience !== undefined) checkFinite(patience, 'patience', 0, true);
  const logLoad = Math.log(a);
  let logInverseB = 0;
  for (let c = 1; c <= MAX_COUNTERS; c++) {
    logInverseB = nextLogInverseB(logInverseB, c, logLoad);
    let outlook: QueueOutlook | null = null;
    if (patience !== undefined) {
      outlook = erlangAAt(logInverseB, c, a, { ...load, patienceSeconds: patience }, withinSeconds);
    } else if (c > a) {
      outlook = erlangCAt(logInverseB, c, a, load.meanHandlingSeconds, withinSeconds);
    }
    if (outlook && meetsTarget(outlook, target)) return { counters: c, outlook };
  }
  throw new RangeError(`no staffing up to ${MAX_COUNTERS} counters meets the target`);
}

// ---------------------------------------------------------------------------------------------

function idle(counters: number, target: number): QueueOutlook {
  return { stable: true, counters, offeredLoad: 0, pWait: 0, pAbandon: 0, waitTargetSeconds: target, serviceLevel: 1, meanWaitSeconds: 0, asaSeconds: 0, occupancy: 0 };
}

function unstable(counters: number, a: number, target: number): UnstableQueue {
  return { stable: false, counters, offeredLoad: a, pWait: 1, pAbandon: 0, waitTargetSeconds: target, serviceLevel: 0, meanWaitSeconds: null, asaSeconds: null, occupancy: 1 };
}

/** No counter open: everyone waits until their patience runs out. */
function nobodyServed(a: number, patience: number, target: number): QueueOutlook {
  return { stable: true, counters: 0, offeredLoad: a, pWait: 1, pAbandon: 1, waitTargetSeconds: target, serviceLevel: 0, meanWaitSeconds: patience, asaSeconds: null, occupancy: 0 };
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function checkFinite(value: number, name: string, min: number, strict = false): void {
  if (!Number.isFinite(value) || value < min || (strict && value === min)) {
    throw new RangeError(`${name} must be a finite number ${strict ? 'above' : 'of at least'} ${min}, got ${value}`);
  }
}

function checkCounters(counters: number): void {
  if (!Number.isInteger(counters) || counters < 0 || counters > MAX_COUNTERS) {
    throw new RangeError(`counters must be a whole number from 0 to ${MAX_COUNTERS}, got ${counters}`);
  }
}

function checkLoad(load: ServiceLoad): void {
  checkFinite(load.arrivalsPerHour, 'arrivals per hour', 0);
  checkFinite(load.meanHandlingSeconds, 'mean handling time', 0, true);
}

function checkTarget(target: StaffingTarget): void {
  if (target.kind === 'mean-wait') {
    checkFinite(target.maxSeconds, 'mean wait target', 0, true);
  } else {
    if (!(target.level > 0 && target.level < 1)) throw new RangeError(`service level must be between 0 and 1, got ${target.level}`);
    checkFinite(target.withinSeconds, 'service level time', 0);
  }
}
