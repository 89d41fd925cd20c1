/** The planner API's answer (GET /api/planner), one shape for the server, the web app and the tests. */
import type { StaffingTarget } from './erlang.ts';
import type { BacktestWeek } from './forecast.ts';
import type { SharedCountersOutlook } from './centre-simulation.ts';
import type { PlanHour, WhatIf } from './plan.ts';

export type { SharedCountersOutlook };

export type Adjustment = NonNullable<WhatIf['adjust']>[number];

export type PlannedHour = PlanHour & { shared: SharedCountersOutlook | null };

export interface PlannedServiceResult {
  id: string;
  code: string;
  name: string;
  partnerId: string;
  /** Active counters assigned to the service today. */
  rostered: number;
  /** Of those, counters that also serve other services (counted fully here). */
  sharedCounters: number;
  meanHandlingSeconds: number;
  handlingFromHistory: boolean;
  patienceSeconds: number | null;
  /** This service's backtest error (WAPE) over the weeks tested; null without actuals. */
  backtestWape: number | null;
  hours: PlannedHour[];
}

export interface PlannerResult {
  centreId: string;
  centreName: string;
  weekStart: string;
  /** The dates of the week, Monday first. */
  days: string[];
  target: StaffingTarget;
  whatIf: Required<Pick<WhatIf, 'openEarlier' | 'appointmentShare'>> & { adjust: Adjustment[] };
  forecast: { weeks: number; halfLifeWeeks: number; weeksOfHistory: number; closedDays: string[] };
  backtest: { metric: 'wape'; wape: number | null; weeks: BacktestWeek[] };
  services: PlannedServiceResult[];
  /** The rostered day simulated with each counter serving its own services: replications, and hours below target. */
  sharedCounters: { replications: number; hoursShort: number };
  totals: { arrivals: number; booked: number; recommendedCounterHours: number; rosteredCounterHours: number; hoursShort: number };
}
