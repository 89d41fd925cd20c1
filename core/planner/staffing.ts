import { erlangA, erlangC, fewestCounters, meetsTarget, type QueueOutlook, type QueueResult, type StaffingTarget } from './erlang.ts';

/** One service in one opening hour, as forecast. */
export interface ServiceHour {
  arrivalsPerHour: number;
  meanHandlingSeconds: number;
  /** Mean time clients wait before leaving, in seconds, where walk-outs and no-shows tell it. */
  patienceSeconds?: number;
}

export interface CountersNeeded {
  counters: number;
  /** What clients can expect at that many counters. */
  outlook: QueueOutlook;
}

export interface RosteredOutlook {
  counters: number;
  erlangC: QueueResult;
  /** Null when patience is not known. */
  erlangA: QueueOutlook | null;
  /** By the model the recommendation uses. */
  meetsTarget: boolean;
  /** Counters to add to reach the recommendation (negative: counters to spare). */
  shortfall: number;
}

export interface HourStaffing {
  target: StaffingTarget;
  /** Everyone waits as long as it takes: the cautious count. */
  erlangC: CountersNeeded;
  /** Clients leave after their patience; null when patience is not known. */
  erlangA: CountersNeeded | null;
  /**
   * Erlang A's count where patience is known — it models the clients who give up, as a real
   * queue has them — and Erlang C's otherwise.
   */
  recommended: number;
  rostered: RosteredOutlook | null;
}

/**
 * The counters one service needs in one hour to meet `target`, by Erlang C and (patience known)
 * Erlang A, and what clients can expect at the rostered count. For a mean-wait target the
 * outlooks' service level is the share called within that same time.
 */
export function staffServiceHour(hour: ServiceHour, target: StaffingTarget, rosteredCounters?: number): HourStaffing {
  const load = { arrivalsPerHour: hour.arrivalsPerHour, meanHandlingSeconds: hour.meanHandlingSeconds };
  const byC = fewestCounters(load, target);
  const patience = hour.patienceSeconds;
  const byA = patience === undefined ? null : fewestCounters({ ...load, patienceSeconds: patience }, target);
  const recommended = (byA ?? byC).counters;
  let rostered: RosteredOutlook | null = null;
  if (rosteredCounters !== undefined) {
    const within = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
    const c = erlangC(load, rosteredCounters, within);
    const a = patience === undefined ? null : erlangA({ ...load, patienceSeconds: patience }, rosteredCounters, within);
    rostered = {
      counters: rosteredCounters,
      erlangC: c,
      erlangA: a,
      meetsTarget: meetsTarget(a ?? c, target),
      shortfall: recommended - rosteredCounters,
    };
  }
  return { target, erlangC: byC, erlangA: byA, recommended, rostered };
}
