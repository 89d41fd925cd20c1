/** A queue's wait against its service's target, as the live floor colours it (always with its words too). */
export type WaitState = 'empty' | 'within' | 'near' | 'past';

/** Past the target; "near" in its last fifth; otherwise within. No target set: within. Nobody waiting: empty. */
export function waitState(waiting: number, longestWaitMinutes: number, target: number | null): WaitState {
  if (waiting === 0) return 'empty';
  if (target == null || target <= 0) return 'within';
  if (longestWaitMinutes > target) return 'past';
  return longestWaitMinutes >= target * 0.8 ? 'near' : 'within';
}
