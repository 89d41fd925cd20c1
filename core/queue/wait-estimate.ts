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
