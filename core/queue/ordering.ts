/**
 * Which waiting ticket a counter calls next. Pure and deterministic, so it can be property-tested
 * and so every node decides the same way.
 *
 * Order of precedence:
 *  1. booked appointments whose time has come (earliest appointment first);
 *  2. the starvation guard: an ordinary ticket that has waited longer than `maxWaitMinutes`
 *     goes before priority tickets (oldest first); and after `priorityBurst` priority calls in a
 *     row, the oldest ordinary ticket is called once;
 *  3. legal priority (disability, 65+ with a limitation, pregnancy, a child under two);
 *  4. everyone else, first come first served.
 * Within the chosen group, a ticket whose language the counter's staff speak may go before the
 * head of the group, but only if it arrived within `languageWindowMinutes` of the head — so the
 * preference never costs anyone more than that window.
 */
export type PriorityClass = 'none' | 'legal' | 'appointment';

export interface WaitingTicket {
  id: string;
  priority: PriorityClass;
  /** When the ticket joined this queue (epoch ms). */
  queuedAt: number;
  /** For appointments: the booked time (epoch ms). */
  appointmentAt?: number | null;
  /** The client's preferred language (BCP 47). */
  language: string;
}

export interface OrderingRules {
  maxWaitMinutes: number;
  /** After this many priority calls in a row an ordinary ticket is called; 0 turns the ratio off. */
  priorityBurst: number;
  languageWindowMinutes: number;
  /** An appointment counts as due this many minutes before its time. */
  appointmentEarlyMinutes: number;
}

export const DEFAULT_ORDERING_RULES: OrderingRules = {
  maxWaitMinutes: 45,
  priorityBurst: 3,
  languageWindowMinutes: 10,
  appointmentEarlyMinutes: 5,
};

export interface CallContext {
  now: number;
  /** Priority (legal or appointment) calls made in a row by this queue just before this one. */
  consecutivePriorityCalls: number;
  /** Languages the staff at the calling counter speak; empty means no preference. */
  counterLanguages: readonly string[];
}

const MINUTE = 60_000;

function byQueuedAt(a: WaitingTicket, b: WaitingTicket): number {
  return a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function isDueAppointment(t: WaitingTicket, rules: OrderingRules, now: number): boolean {
  return t.priority === 'appointment' && t.appointmentAt != null && t.appointmentAt - rules.appointmentEarlyMinutes * MINUTE <= now;
}

/** Early appointments wait with everyone else until their time comes. */
function isOrdinary(t: WaitingTicket, rules: OrderingRules, now: number): boolean {
  return t.priority === 'none' || (t.priority === 'appointment' && !isDueAppointment(t, rules, now));
}

function preferLanguage(group: WaitingTicket[], rules: OrderingRules, ctx: CallContext): WaitingTicket {
  const head = group[0]!;
  if (ctx.counterLanguages.length === 0 || ctx.counterLanguages.includes(head.language)) return head;
  const limit = head.queuedAt + rules.languageWindowMinutes * MINUTE;
  return group.find((t) => t.queuedAt <= limit && ctx.counterLanguages.includes(t.language)) ?? head;
}

export function pickNextTicket(waiting: readonly WaitingTicket[], rules: OrderingRules, ctx: CallContext): WaitingTicket | null {
  if (waiting.length === 0) return null;
  const { now } = ctx;

  const due = waiting
    .filter((t) => isDueAppointment(t, rules, now))
    .sort((a, b) => a.appointmentAt! - b.appointmentAt! || byQueuedAt(a, b));
  if (due.length) return due[0]!;

  const ordinary = waiting.filter((t) => isOrdinary(t, rules, now)).sort(byQueuedAt);
  const legal = waiting.filter((t) => t.priority === 'legal').sort(byQueuedAt);

  const starving = ordinary.filter((t) => now - t.queuedAt > rules.maxWaitMinutes * MINUTE);
  if (starving.length) return starving[0]!;
  if (legal.length && ordinary.length && rules.priorityBurst > 0 && ctx.consecutivePriorityCalls >= rules.priorityBurst) {
    return preferLanguage(ordinary, rules, ctx);
  }
  if (legal.length) return preferLanguage(legal, rules, ctx);
  return preferLanguage(ordinary, rules, ctx);
}

/** Whether calling this ticket counts toward a burst of priority calls. */
export function countsAsPriorityCall(t: WaitingTicket, rules: OrderingRules, now: number): boolean {
  return t.priority === 'legal' || isDueAppointment(t, rules, now);
}

/**
 * The whole queue in the order counters will call it (ignoring language preference), in
 * O(n log n): the same decisions as calling `pickNextTicket` repeatedly, for positions and
 * wait estimates on the floor, the counter screen and the phone page.
 */
export function orderForCalling(waiting: readonly WaitingTicket[], rules: OrderingRules, now: number, initialStreak = 0): WaitingTicket[] {
  const due = waiting.filter((t) => isDueAppointment(t, rules, now)).sort((a, b) => a.appointmentAt! - b.appointmentAt! || byQueuedAt(a, b));
  const legal = waiting.filter((t) => t.priority === 'legal').sort(byQueuedAt);
  const ordinary = waiting.filter((t) => isOrdinary(t, rules, now)).sort(byQueuedAt);
  const out: WaitingTicket[] = [...due];
  let streak = initialStreak + due.length;
  let li = 0;
  let oi = 0;
  while (li < legal.length || oi < ordinary.length) {
    const o = ordinary[oi];
    const l = legal[li];
    const starving = o !== undefined && now - o.queuedAt > rules.maxWaitMinutes * MINUTE;
    const burstDone = l !== undefined && o !== undefined && rules.priorityBurst > 0 && streak >= rules.priorityBurst;
    if (o && (starving || burstDone || !l)) {
      out.push(o);
      oi++;
      streak = 0;
    } else {
      out.push(l!);
      li++;
      streak++;
    }
  }
  return out;
}
