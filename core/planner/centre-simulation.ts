/**
 * A centre's day as it really is staffed: counters that each serve their own set of services,
 * clients of every service arriving hour by hour, and each free counter calling the client who
 * has waited longest among the services it serves. Erlang C and A assume each service has its
 * counters to itself, so a counter assigned to three services is counted three times; this
 * simulation counts it once, and shows what the rostered counters really give.
 *
 * Modelled: walk-ins arrive at random (Poisson, at the hour's forecast rate); booked clients
 * arrive on schedule, evenly through the hour, and are called before walk-ins; handling times are
 * lognormal with the service's mean and a coefficient of variation of 1 (right-skewed, as at
 * government counters, with the exponential's mean and variance so the result stays comparable
 * with Erlang); clients whose patience is known leave after an exponential time with that mean.
 * Clients inside at closing are served. Follow-on tickets of multi-desk routes are in each
 * service's forecast arrivals already. Legal priority is not separated: it changes who waits,
 * not how long the queue is, and the figures are for all walk-ins of a service together.
 *
 * Pure and seeded: the same input and seeds give the same answer.
 */
import type { StaffingTarget } from './erlang.ts';
import type { ServicePlan, WhatIf } from './plan.ts';
import { queueRandom, studentT975 } from './queue-simulation.ts';

export interface SimulatedService {
  id: string;
  meanHandlingSeconds: number;
  patienceSeconds: number | null;
  waitTargetSeconds: number;
  /** Per open hour of the day: walk-ins and booked clients expected in that hour. */
  hours: readonly { hour: number; walkIns: number; booked: number }[];
}

export interface SimulatedCounter {
  id: string;
  serviceIds: readonly string[];
}

export interface CounterChange {
  serviceId: string;
  hour: number;
  /** Positive: counters added for this service only during the hour; negative: counters serving it that stay closed that hour. */
  delta: number;
}

export interface CentreDayInput {
  services: readonly SimulatedService[];
  counters: readonly SimulatedCounter[];
  changes?: readonly CounterChange[];
}

export interface SimulatedHour {
  serviceId: string;
  hour: number;
  /** Walk-ins who arrived in the hour, averaged over the replications. */
  walkIns: number;
  /** Share of those walk-ins called within the service's target (mean over replications), with its 95% half-width. */
  serviceLevel: number;
  serviceLevelHalfWidth95: number;
  meanWaitSeconds: number;
  pAbandon: number;
}

interface Client {
  service: number;
  arrival: number;
  booked: boolean;
  leavesAt: number;
  hour: number;
}

interface Tally {
  walkIns: number;
  inTime: number;
  abandoned: number;
  waitSum: number;
}

const HOUR = 3600;

function lognormalSeconds(random: () => number, mean: number): number {
  // cv = 1: sigma² = ln 2.
  const sigma2 = Math.LN2;
  const mu = Math.log(mean) - sigma2 / 2;
  const z = Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}

/** One simulated day; tallies per service and hour of arrival (walk-ins only). */
export function simulateCentreDay(input: CentreDayInput, seed: number): Map<string, Tally> {
  const random = queueRandom(seed);
  const services = input.services;
  const serviceIndex = new Map(services.map((s, i) => [s.id, i]));
  const openHours = [...new Set(services.flatMap((s) => s.hours.map((h) => h.hour)))].sort((a, b) => a - b);
  if (openHours.length === 0) return new Map();
  const lastHour = openHours[openHours.length - 1]!;

  // Counters: the rostered ones, then one dedicated counter per added unit of each change.
  const counters = input.counters.map((c) => ({ services: c.serviceIds.map((id) => serviceIndex.get(id)).filter((i): i is number => i !== undefined), onlyHour: -1, closedHours: new Set<number>() }));
  for (const change of input.changes ?? []) {
    const s = serviceIndex.get(change.serviceId);
    if (s === undefined || change.delta === 0) continue;
    if (change.delta > 0) {
      for (let k = 0; k < change.delta; k++) counters.push({ services: [s], onlyHour: change.hour, closedHours: new Set() });
    } else {
      // The counters closed are the most specialised ones serving the service (the plan counted them for it).
      const serving = counters
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.onlyHour === -1 && c.services.includes(s) && !c.closedHours.has(change.hour))
        .sort((a, b) => a.c.services.length - b.c.services.length || a.i - b.i);
      for (const { c } of serving.slice(0, -change.delta)) c.closedHours.add(change.hour);
    }
  }
  // Which counters are open each hour (the day's hours and the evening after closing, when those inside are served).
  const HOURS = 48;
  const open = counters.map((c) => {
    const byHour = new Uint8Array(HOURS);
    for (let h = 0; h < HOURS; h++) byHour[h] = c.onlyHour === -1 ? (!c.closedHours.has(h) && (openHours.includes(h) || h > lastHour) ? 1 : 0) : c.onlyHour === h ? 1 : 0;
    return byHour;
  });
  const opensAt = (c: number, hour: number) => hour < HOURS && open[c]![hour] === 1;
  const busyUntil = new Float64Array(counters.length).fill(-1);

  // Arrivals, in time order.
  const arrivals: Client[] = [];
  services.forEach((s, si) => {
    for (const h of s.hours) {
      const start = h.hour * HOUR;
      if (h.walkIns > 0) {
        for (let t = start - Math.log(random()) * (HOUR / h.walkIns); t < start + HOUR; t -= Math.log(random()) * (HOUR / h.walkIns)) {
          arrivals.push({ service: si, arrival: t, booked: false, leavesAt: leaveTime(random, t, s.patienceSeconds), hour: h.hour });
        }
      }
      // Booked clients: a whole number each hour, the fraction carried by chance, spread evenly.
      const booked = Math.floor(h.booked) + (random() < h.booked - Math.floor(h.booked) ? 1 : 0);
      for (let k = 0; k < booked; k++) arrivals.push({ service: si, arrival: start + ((k + 0.5) * HOUR) / booked, booked: true, leavesAt: Infinity, hour: h.hour });
    }
  });
  arrivals.sort((a, b) => a.arrival - b.arrival);

  const queues = services.map(() => ({ walkIns: [] as Client[], walkInHead: 0, booked: [] as Client[], bookedHead: 0 }));
  const tallies: Tally[] = Array.from({ length: services.length * 24 }, () => ({ walkIns: 0, inTime: 0, abandoned: 0, waitSum: 0 }));
  const tally = (c: Client) => tallies[c.service * 24 + c.hour]!;
  const serve = (counter: number, client: Client, at: number) => {
    busyUntil[counter] = at + lognormalSeconds(random, services[client.service]!.meanHandlingSeconds);
    if (client.booked) return;
    const t = tally(client);
    t.walkIns++;
    t.waitSum += at - client.arrival;
    if (at - client.arrival <= services[client.service]!.waitTargetSeconds) t.inTime++;
  };
  /** The client a counter free at `at` calls: booked first, then the walk-in who has waited longest; those gone are counted. */
  const nextFor = (counter: number, at: number): Client | null => {
    let best: Client | null = null;
    let bestQueue = -1;
    for (const s of counters[counter]!.services) {
      const q = queues[s]!;
      const b = q.booked[q.bookedHead];
      if (b && (!best || !best.booked || b.arrival < best.arrival)) {
        best = b;
        bestQueue = s;
      }
    }
    if (best) {
      queues[bestQueue]!.bookedHead++;
      return best;
    }
    for (const s of counters[counter]!.services) {
      const q = queues[s]!;
      while (q.walkInHead < q.walkIns.length && q.walkIns[q.walkInHead]!.leavesAt <= at) {
        const gone = q.walkIns[q.walkInHead++]!;
        const t = tally(gone);
        t.walkIns++;
        t.abandoned++;
        t.waitSum += gone.leavesAt - gone.arrival;
      }
      const w = q.walkIns[q.walkInHead];
      if (w && (!best || w.arrival < best.arrival)) {
        best = w;
        bestQueue = s;
      }
    }
    if (best) queues[bestQueue]!.walkInHead++;
    return best;
  };

  // Which counters serve each service, the most specialised first: a new client goes to a free
  // counter that serves few other services, keeping the versatile ones free for the rest.
  const servingCounters = services.map((_, si) =>
    counters
      .map((c, ci) => ({ c, ci }))
      .filter(({ c }) => c.services.includes(si))
      .sort((x, y) => x.c.services.length - y.c.services.length || x.ci - y.ci)
      .map(({ ci }) => ci),
  );
  const freeing = new FreeTimes();
  const tryCall = (c: number, at: number) => {
    if (busyUntil[c]! > at || !opensAt(c, Math.floor(at / HOUR))) return false;
    const client = nextFor(c, at);
    if (!client) return false;
    serve(c, client, at);
    freeing.push(busyUntil[c]!, c);
    return true;
  };
  const waitingLeft = () => queues.some((q) => q.walkInHead < q.walkIns.length || q.bookedHead < q.booked.length);

  // Time moves from event to event: the next arrival, a counter becoming free, or the next hour
  // (counters opening and closing).
  let i = 0;
  let now = openHours[0]! * HOUR;
  for (;;) {
    const nextArrival = i < arrivals.length ? arrivals[i]!.arrival : Infinity;
    const nextFree = freeing.earliest();
    if (nextArrival === Infinity && nextFree === Infinity && !waitingLeft()) break;
    const nextHour = (Math.floor(now / HOUR) + 1) * HOUR;
    now = Math.min(nextArrival, nextFree, nextHour);
    if (now >= HOURS * HOUR) break;
    if (now === nextFree) {
      while (freeing.earliest() <= now) tryCall(freeing.pop(), now);
    } else if (now === nextArrival) {
      const a = arrivals[i++]!;
      const q = queues[a.service]!;
      (a.booked ? q.booked : q.walkIns).push(a);
      for (const c of servingCounters[a.service]!) if (tryCall(c, now)) break;
    } else {
      for (let c = 0; c < counters.length; c++) tryCall(c, now);
    }
  }
  // Still waiting when every counter of their services has closed for good: they went home.
  for (const q of queues) {
    for (let k = q.walkInHead; k < q.walkIns.length; k++) {
      const gone = q.walkIns[k]!;
      const t = tally(gone);
      t.walkIns++;
      t.abandoned++;
      t.waitSum += Math.min(gone.leavesAt, now) - gone.arrival;
    }
  }
  const byKey = new Map<string, Tally>();
  services.forEach((s, si) => {
    for (let h = 0; h < 24; h++) if (tallies[si * 24 + h]!.walkIns > 0) byKey.set(`${s.id}|${h}`, tallies[si * 24 + h]!);
  });
  return byKey;
}

/** Min-heap of (time, counter): when each busy counter becomes free. */
class FreeTimes {
  private readonly times: number[] = [];
  private readonly counters: number[] = [];

  earliest(): number {
    return this.times.length ? this.times[0]! : Infinity;
  }

  push(time: number, counter: number): void {
    const t = this.times;
    const c = this.counters;
    let k = t.length;
    t.push(time);
    c.push(counter);
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (t[parent]! <= time) break;
      t[k] = t[parent]!;
      c[k] = c[parent]!;
      k = parent;
    }
    t[k] = time;
    c[k] = counter;
  }

  pop(): number {
    const t = this.times;
    const c = this.counters;
    const top = c[0]!;
    const lastTime = t.pop()!;
    const lastCounter = c.pop()!;
    const n = t.length;
    if (n > 0) {
      let k = 0;
      for (;;) {
        const left = 2 * k + 1;
        if (left >= n) break;
        const child = left + 1 < n && t[left + 1]! < t[left]! ? left + 1 : left;
        if (t[child]! >= lastTime) break;
        t[k] = t[child]!;
        c[k] = c[child]!;
        k = child;
      }
      t[k] = lastTime;
      c[k] = lastCounter;
    }
    return top;
  }
}

function leaveTime(random: () => number, arrival: number, patience: number | null): number {
  return patience === null ? Infinity : arrival - Math.log(random()) * patience;
}

/** Independent replications of the day, summarised per service and hour of arrival. */
export function simulateCentreDayReplicated(input: CentreDayInput, seeds: readonly number[]): SimulatedHour[] {
  if (seeds.length < 2) throw new RangeError('a confidence interval needs at least two replications');
  const runs = seeds.map((seed) => simulateCentreDay(input, seed));
  const out: SimulatedHour[] = [];
  for (const s of input.services) {
    for (const h of s.hours) {
      const key = `${s.id}|${h.hour}`;
      const tallies = runs.map((r) => r.get(key) ?? { walkIns: 0, inTime: 0, abandoned: 0, waitSum: 0 });
      const withClients = tallies.filter((t) => t.walkIns > 0);
      const levels = withClients.map((t) => t.inTime / t.walkIns);
      const mean = levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : 1;
      const variance = levels.length > 1 ? levels.reduce((a, v) => a + (v - mean) ** 2, 0) / (levels.length - 1) : 0;
      const clients = tallies.reduce((n, t) => n + t.walkIns, 0);
      out.push({
        serviceId: s.id,
        hour: h.hour,
        walkIns: clients / runs.length,
        serviceLevel: mean,
        serviceLevelHalfWidth95: levels.length > 1 ? studentT975(levels.length - 1) * Math.sqrt(variance / levels.length) : 0,
        meanWaitSeconds: clients ? tallies.reduce((n, t) => n + t.waitSum, 0) / clients : 0,
        pAbandon: clients ? tallies.reduce((n, t) => n + t.abandoned, 0) / clients : 0,
      });
    }
  }
  return out;
}

/** What the rostered counters give when each is counted once, by simulating the day. */
export interface SharedCountersOutlook {
  serviceLevel: number;
  /** Half-width of the service level's 95% confidence interval across the simulated days. */
  serviceLevelHalfWidth95: number;
  meanWaitSeconds: number;
  pAbandon: number;
  meetsTarget: boolean;
}

/** Simulated days per weekday of a plan: enough for a service level to about ±5 points in a busy hour, fast enough for a page. */
export const PLAN_SEEDS: readonly number[] = Array.from({ length: 12 }, (_, i) => 1001 + i);

/**
 * A week's plan (Erlang, each service on its own) simulated as staffed: every weekday with the
 * centre's real counters and their services, the plan's walk-ins and booked clients per hour,
 * and the what-if counters. Keyed `serviceId|weekday|hour`.
 */
export function simulateWeekPlan(
  plans: readonly ServicePlan[],
  counters: readonly SimulatedCounter[],
  target: StaffingTarget,
  adjust: NonNullable<WhatIf['adjust']> = [],
  seeds: readonly number[] = PLAN_SEEDS,
): Map<string, SharedCountersOutlook> {
  const within = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
  const out = new Map<string, SharedCountersOutlook>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const services: SimulatedService[] = plans
      .map((p) => ({
        id: p.serviceId,
        meanHandlingSeconds: p.meanHandlingSeconds,
        patienceSeconds: p.patienceSeconds,
        waitTargetSeconds: within,
        hours: p.hours.filter((h) => h.weekday === weekday).map((h) => ({ hour: h.hour, walkIns: h.walkIns, booked: Math.max(0, h.arrivals - h.walkIns) })),
      }))
      .filter((s) => s.hours.length > 0);
    if (services.length === 0) continue;
    const changes = adjust.filter((a) => a.weekday === weekday).map((a) => ({ serviceId: a.serviceId, hour: a.hour, delta: a.delta }));
    for (const r of simulateCentreDayReplicated({ services, counters, changes }, seeds)) {
      const meets = target.kind === 'service-level' ? r.serviceLevel >= target.level : r.meanWaitSeconds <= target.maxSeconds;
      out.set(`${r.serviceId}|${weekday}|${r.hour}`, {
        serviceLevel: r.serviceLevel,
        serviceLevelHalfWidth95: r.serviceLevelHalfWidth95,
        meanWaitSeconds: r.meanWaitSeconds,
        pAbandon: r.pAbandon,
        meetsTarget: meets,
      });
    }
  }
  return out;
}
