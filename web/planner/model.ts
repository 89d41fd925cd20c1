import type { Adjustment } from '../../core/planner/api.ts';

export type { PlannerResult, PlannedServiceResult } from '../../core/planner/api.ts';
export type { PlanOutlook } from '../../core/planner/plan.ts';
export type { PlannedHour as PlanHour } from '../../core/planner/api.ts';
export type { Adjustment };

/** Roles that plan staff: managers their own centre, analysts and network administrators every centre. */
export const PLANNER_ROLES = ['centre_manager', 'analyst', 'network_admin'] as const;

export function canOpenPlanner(user: { roles: readonly string[]; centreId: string | null }): boolean {
  if (user.roles.includes('analyst') || user.roles.includes('network_admin')) return true;
  return user.roles.includes('centre_manager') && !!user.centreId;
}

/** Whether the user may choose any centre (else their own is fixed). */
export const plansAnyCentre = (roles: readonly string[]) => roles.includes('analyst') || roles.includes('network_admin');

export interface PlannerInputs {
  centreId: string;
  weekStart: string;
  targetKind: 'service-level' | 'mean-wait';
  /** Percent, 1–99. */
  sharePercent: number;
  withinMinutes: number;
  meanWaitMinutes: number;
  openEarlier: boolean;
  /** Percent, 0–90. */
  appointmentPercent: number;
  adjust: Adjustment[];
}

/** The query string of GET /api/planner (and its CSV) for these inputs. */
export function plannerQuery(i: PlannerInputs, lang: string): string {
  const q = new URLSearchParams({ centreId: i.centreId, weekStart: i.weekStart, lang });
  if (i.targetKind === 'mean-wait') q.set('meanWaitSeconds', String(Math.round(i.meanWaitMinutes * 60)));
  else {
    q.set('serviceLevel', String(i.sharePercent / 100));
    q.set('targetSeconds', String(Math.round(i.withinMinutes * 60)));
  }
  if (i.openEarlier) q.set('openEarlier', 'true');
  if (i.appointmentPercent > 0) q.set('appointmentShare', String(i.appointmentPercent / 100));
  for (const a of i.adjust) q.append('adjust', `${a.serviceId}:${a.weekday}:${a.hour}:${a.delta > 0 ? '+' : ''}${a.delta}`);
  return q.toString();
}

/** Inputs a person can type that the API would refuse: not sent. */
export function inputsValid(i: PlannerInputs): boolean {
  const between = (x: number, lo: number, hi: number) => Number.isFinite(x) && x >= lo && x <= hi;
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(i.weekStart) &&
    between(i.appointmentPercent, 0, 90) &&
    (i.targetKind === 'mean-wait' ? between(i.meanWaitMinutes, 1 / 60, 240) : between(i.sharePercent, 1, 99) && between(i.withinMinutes, 0, 240))
  );
}

/** Next Monday, as YYYY-MM-DD, from a local date. */
export function nextMonday(today: string): string {
  const t = Date.parse(`${today}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  return new Date(t + (7 - weekday) * 86_400_000).toISOString().slice(0, 10);
}

export type CellState = 'short' | 'enough' | 'spare';
export const cellState = (recommended: number, rostered: number): CellState => (rostered < recommended ? 'short' : rostered > recommended ? 'spare' : 'enough');
export const CELL_SYMBOL: Record<CellState, string> = { short: '▲', enough: '✓', spare: '▽' };
