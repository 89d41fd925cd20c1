/**
 * Expected wait for a ticket, from the live service rate of the counters serving its queue.
 *
 *   handling = mean of the last few handling times of this service today (start → finish),
 *              or the service's expected handling time while there are fewer than `minSamples`
 *   rate     = open counters calling this service / handling      (clients per minute)
 *   wait(k)  = (k + ½) / rate   for a ticket with k people ahead of it: their services, plus on
 *              average half of the service under way at the counter it will go to
 *
 * With no counter open, the estimate assumes one counter, so a client still gets a figure.
 *
 * That was the estimate until the replay (wait-replay.ts) measured it; `estimateWait` below is the
 * one shown now: it measures the counter time per call (no-shows and walking to the counter
 * included) over the day's last 120 calls, lets free counters take the first clients at once, and
 * comes with a range from its measured error (`waitRange`).
 */
export interface WaitInputs {
  /** Handling times of recently finished tickets, in minutes, newest first. */
  recentHandlingMinutes: readonly number[];
  expectedMinutes: number;
  openCounters: number;
  minSamples?: number;
}

export function meanHandlingMinutes({ recentHandlingMinutes, expectedMinutes, minSamples = 3 }: WaitInputs): number {
  if (recentHandlingMinutes.length < minSamples) return expectedMinutes;
  const sum = recentHandlingMinutes.reduce((a, b) => a + b, 0);
  return Math.max(0.5, sum / recentHandlingMinutes.length);
}

export function expectedWaitMinutes(ahead: number, inputs: WaitInputs): number {
  return waitFromRate(ahead, meanHandlingMinutes(inputs), inputs.openCounters);
}

export function waitFromRate(ahead: number, handlingMinutes: number, openCounters: number): number {
  return Math.round(((ahead + 0.5) * handlingMinutes) / Math.max(1, openCounters));
}

/** A call of this queue that has ended (the client served, or not there): times in minutes. */
export interface RecentCall {
  calledAt: number;
  /** When service began; null when the client did not come. */
  startedAt: number | null;
  /** When the counter was free again. */
  finishedAt: number;
  /** Served to the end here (not transferred, not a no-show). */
  done: boolean;
}

/** What the system knows about a queue at a moment. Times in minutes on any common origin. */
export interface QueueObservation {
  now: number;
  expectedMinutes: number;
  /** Counters open now for this queue. */
  openCounters: number;
  /** When each client now at one of its counters was called. */
  busySince: readonly number[];
  /** Calls that have ended, newest first (the last 120 are used). */
  recent: readonly RecentCall[];
}

/** How many recent calls the counter time per call is measured on, and how much the service's expected time weighs against them. */
const OCCUPANCY_SAMPLES = 120;
const PRIOR_WEIGHT = 10;

/**
 * Minutes a counter of this queue is taken per call: from calling the client until it is free
 * again, over the last calls — so clients who do not come (a two-minute call) and the walk to the
 * counter count as they really do — shrunk towards the service's expected time while there are
 * few calls.
 */
export function minutesPerCall(o: QueueObservation, tuning: EstimateTuning = {}): number {
  const samples = o.recent.slice(0, tuning.samples ?? OCCUPANCY_SAMPLES);
  const sum = samples.reduce((s, r) => s + (r.finishedAt - r.calledAt), 0);
  const prior = tuning.priorWeight ?? PRIOR_WEIGHT;
  return Math.max(0.5, (sum + prior * (o.expectedMinutes + 0.5)) / (samples.length + prior));
}

/** The estimator's constants, open for the replay to compare variants. */
export interface EstimateTuning {
  samples?: number;
  priorWeight?: number;
  firstMove?: number;
}

/**
 * The expected wait (minutes, not rounded) of a ticket with `ahead` people before it:
 *   free counters take the first clients at once; after that, the queue moves one person every
 *   (minutes per call ÷ counters), and the ticket waits for `ahead − free` of those moves plus,
 *   on average, half of one (the calls under way are half done).
 */
export function estimateWait(ahead: number, o: QueueObservation, tuning: EstimateTuning = {}): number {
  const free = Math.max(0, o.openCounters - o.busySince.length);
  return waitAhead(ahead, minutesPerCall(o, tuning), o.openCounters, free, tuning.firstMove);
}

/** The same from a queue's summary (minutes per call, counters open and free now). */
export function waitAhead(ahead: number, perCall: number, openCounters: number, freeCounters: number, firstMove = FIRST_MOVE): number {
  const counters = Math.max(1, openCounters);
  if (ahead < freeCounters) return 0;
  return ((ahead - freeCounters + firstMove) * perCall) / counters;
}
const FIRST_MOVE = 0.5;

/** Measured error of estimates up to `upTo` minutes: actual − estimate at the 10th (`below`) and 90th (`above`) percentile. */
export interface WaitBand {
  upTo: number;
  below: number;
  above: number;
  samples?: number;
}

/** The range to show for an estimate: its measured 10th–90th percentile, to the nearest 5 minutes, at least 5 wide. */
export function waitRange(estimate: number, bands: readonly WaitBand[]): [number, number] {
  const band = bands.find((b) => estimate < b.upTo) ?? bands[bands.length - 1] ?? { upTo: Infinity, below: 0, above: 0 };
  const low = Math.max(0, Math.round((estimate + band.below) / 5) * 5);
  const high = Math.max(low + 5, Math.round((estimate + band.above) / 5) * 5);
  return [low, high];
}
