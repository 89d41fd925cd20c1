/**
 * Figures a person reads, from summed cells: means, percentiles and shares. Shared by the server
 * (API, CSV, open data, report) and the web app, so every surface says the same number.
 */
import { BUCKET_COUNT, percentileOf, type Percentile } from './histogram.ts';

/** Sums of ticket cells over some slice (a period, a centre, a language…). */
export interface TicketSums {
  tickets: number;
  served: number;
  noShow: number;
  transferred: number;
  cancelled: number;
  /** Tickets that were called: their wait is known. */
  waited: number;
  waitSumS: number;
  withinTarget: number;
  /** Tickets served with a start and an end: their handling time is known. */
  handled: number;
  handleSumS: number;
  waitHist: number[];
  handleHist: number[];
}

export interface VisitSums {
  visits: number;
  /** Visits in which at least one desk served the client: people served. */
  servedVisits: number;
  /** Visits that went to two desks or more. */
  multiDesk: number;
  /** Desks visited (tickets that were not handed on by a transfer). */
  desks: number;
}

export interface TicketFigures {
  tickets: number;
  served: number;
  noShows: number;
  transfers: number;
  cancelled: number;
  /** Of the tickets called, the share called within their service's target wait (0–1). */
  withinTargetShare: number | null;
  meanWaitMinutes: number | null;
  medianWait: Percentile | null;
  p90Wait: Percentile | null;
  meanHandlingMinutes: number | null;
  medianHandling: Percentile | null;
  p90Handling: Percentile | null;
  /** Tickets called (the base of the wait figures) and served with a known duration (handling). */
  waited: number;
  handled: number;
}

export interface VisitFigures {
  visits: number;
  peopleServed: number;
  multiDeskVisits: number;
  /** Desks per visit, on average. */
  desksPerVisit: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export const emptyTicketSums = (): TicketSums => ({
  tickets: 0,
  served: 0,
  noShow: 0,
  transferred: 0,
  cancelled: 0,
  waited: 0,
  waitSumS: 0,
  withinTarget: 0,
  handled: 0,
  handleSumS: 0,
  waitHist: new Array<number>(BUCKET_COUNT).fill(0),
  handleHist: new Array<number>(BUCKET_COUNT).fill(0),
});

export function addTicketSums(into: TicketSums, s: TicketSums): TicketSums {
  for (const k of ['tickets', 'served', 'noShow', 'transferred', 'cancelled', 'waited', 'waitSumS', 'withinTarget', 'handled', 'handleSumS'] as const) into[k] += s[k];
  for (let i = 0; i < BUCKET_COUNT; i++) {
    into.waitHist[i]! += s.waitHist[i] ?? 0;
    into.handleHist[i]! += s.handleHist[i] ?? 0;
  }
  return into;
}

export function ticketFigures(s: TicketSums): TicketFigures {
  return {
    tickets: s.tickets,
    served: s.served,
    noShows: s.noShow,
    transfers: s.transferred,
    cancelled: s.cancelled,
    withinTargetShare: s.waited ? s.withinTarget / s.waited : null,
    meanWaitMinutes: s.waited ? round1(s.waitSumS / s.waited / 60) : null,
    medianWait: percentileOf(s.waitHist, 0.5),
    p90Wait: percentileOf(s.waitHist, 0.9),
    meanHandlingMinutes: s.handled ? round1(s.handleSumS / s.handled / 60) : null,
    medianHandling: percentileOf(s.handleHist, 0.5),
    p90Handling: percentileOf(s.handleHist, 0.9),
    waited: s.waited,
    handled: s.handled,
  };
}

export function visitFigures(s: VisitSums): VisitFigures {
  return {
    visits: s.visits,
    peopleServed: s.servedVisits,
    multiDeskVisits: s.multiDesk,
    desksPerVisit: s.visits ? Math.round((s.desks / s.visits) * 100) / 100 : null,
  };
}
