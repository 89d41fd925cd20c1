import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDERING_RULES, pickNextTicket, type WaitingTicket } from './ordering.ts';
import { formatTicketNumber, parseTicketNumber } from './numbering.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23, 10, 0);
const rules = DEFAULT_ORDERING_RULES;
const ctx = { now: NOW, consecutivePriorityCalls: 0, counterLanguages: [] as string[] };

const t = (id: string, minutesAgo: number, extra: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id,
  priority: 'none',
  queuedAt: NOW - minutesAgo * MIN,
  language: 'pt-PT',
  ...extra,
});

describe('ticket numbering', () => {
  it('prints the prefix and at least three digits, and reads them back', () => {
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('AB', 23)).toBe('AB023');
    expect(formatTicketNumber('W', 1204)).toBe('W1204');
    expect(parseTicketNumber('A023')).toEqual({ prefix: 'A', sequence: 23 });
    expect(parseTicketNumber('a23')).toBeNull();
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
  });

  it('round-trips every prefix and number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,2}$/), fc.integer({ min: 1, max: 99_999 }), (prefix, n) => {
        expect(parseTicketNumber(formatTicketNumber(prefix, n))).toEqual({ prefix, sequence: n });
      }),
    );
  });
});

describe('which ticket is called next', () => {
  it('serves first come, first served', () => {
    expect(pickNextTicket([t('b', 5), t('a', 10), t('c', 1)], rules, ctx)?.id).toBe('a');
  });

  it('serves legal priority before ordinary tickets, and a due appointment before both', () => {
    const waiting = [t('old', 30), t('pregnant', 2, { priority: 'legal' }), t('booked', 1, { priority: 'appointment', appointmentAt: NOW + 2 * MIN })];
    expect(pickNextTicket(waiting, rules, ctx)?.id).toBe('booked');
    expect(pickNextTicket(waiting.slice(0, 2), rules, ctx)?.id).toBe('pregnant');
  });

  it('lets an early appointment wait with everyone else until its time', () => {
    const waiting = [t('old', 30), t('early', 40, { priority: 'appointment', appointmentAt: NOW + 60 * MIN })];
    expect(pickNextTicket(waiting, rules, ctx)?.id).toBe('early'); // it was simply there first
    expect(pickNextTicket([t('old', 30), t('early', 10, { priority: 'appointment', appointmentAt: NOW + 60 * MIN })], rules, ctx)?.id).toBe('old');
  });

  it('does not let priority starve others: past the maximum wait an ordinary ticket goes first', () => {
    const waiting = [t('starving', 46), t('legal', 1, { priority: 'legal' })];
    expect(pickNextTicket(waiting, rules, ctx)?.id).toBe('starving');
    expect(pickNextTicket([t('waiting', 20), t('legal', 1, { priority: 'legal' })], rules, ctx)?.id).toBe('legal');
  });

  it('calls an ordinary ticket after a burst of priority calls', () => {
    const waiting = [t('ordinary', 5), t('legal', 1, { priority: 'legal' })];
    expect(pickNextTicket(waiting, rules, { ...ctx, consecutivePriorityCalls: 3 })?.id).toBe('ordinary');
    expect(pickNextTicket(waiting, { ...rules, priorityBurst: 0 }, { ...ctx, consecutivePriorityCalls: 9 })?.id).toBe('legal');
  });

  it('prefers a client whose language the counter speaks, within the window only', () => {
    const waiting = [t('pt', 12), t('uk-near', 5, { language: 'uk' }), t('uk-far', 1, { language: 'uk' })];
    const ukCounter = { ...ctx, counterLanguages: ['uk', 'ru'] };
    expect(pickNextTicket(waiting, rules, ukCounter)?.id).toBe('uk-near');
    expect(pickNextTicket([t('pt', 30), t('uk', 5, { language: 'uk' })], rules, ukCounter)?.id).toBe('pt');
  });
});

const arbTicket: fc.Arbitrary<WaitingTicket> = fc.record({
  id: fc.uuid(),
  priority: fc.constantFrom<WaitingTicket['priority']>('none', 'none', 'legal', 'appointment'),
  queuedAt: fc.integer({ min: NOW - 120 * MIN, max: NOW }),
  appointmentAt: fc.option(fc.integer({ min: NOW - 30 * MIN, max: NOW + 60 * MIN }), { nil: null }),
  language: fc.constantFrom('pt-PT', 'en', 'uk', 'ar'),
});
const arbQueue = fc.uniqueArray(arbTicket, { minLength: 0, maxLength: 30, selector: (x) => x.id });
const arbCtx = fc.record({
  now: fc.constant(NOW),
  consecutivePriorityCalls: fc.integer({ min: 0, max: 6 }),
  counterLanguages: fc.subarray(['pt-PT', 'en', 'uk', 'ar']),
});

describe('ordering invariants (property-based)', () => {
  it('always calls someone who is waiting, and someone whenever anyone is', () => {
    fc.assert(
      fc.property(arbQueue, arbCtx, (queue, c) => {
        const next = pickNextTicket(queue, rules, c);
        if (queue.length === 0) return next === null;
        return next !== null && queue.includes(next);
      }),
    );
  });

  it('never lets the language preference overtake by more than the window', () => {
    fc.assert(
      fc.property(arbQueue, arbCtx, (queue, c) => {
        const next = pickNextTicket(queue, rules, c);
        const plain = pickNextTicket(queue, rules, { ...c, counterLanguages: [] });
        if (!next || !plain) return true;
        return next.queuedAt - plain.queuedAt <= rules.languageWindowMinutes * MIN;
      }),
    );
  });

  it('with no appointments and no one over the maximum wait, never calls an ordinary ticket while legal priority waits (unless the burst rule applies)', () => {
    fc.assert(
      fc.property(arbQueue, arbCtx, (queue, c) => {
        const q = queue.filter((x) => x.priority !== 'appointment' && NOW - x.queuedAt <= rules.maxWaitMinutes * MIN);
        const next = pickNextTicket(q, rules, { ...c, consecutivePriorityCalls: 0 });
        return !q.some((x) => x.priority === 'legal') || next?.priority === 'legal';
      }),
    );
  });

  it('serves everyone in a finite number of calls: draining a queue calls each ticket exactly once', () => {
    fc.assert(
      fc.property(arbQueue, arbCtx, (queue, c) => {
        const left = [...queue];
        const called = new Set<string>();
        let burst = 0;
        while (left.length) {
          const next = pickNextTicket(left, rules, { ...c, consecutivePriorityCalls: burst })!;
          burst = next.priority === 'none' ? 0 : burst + 1;
          if (called.has(next.id)) return false;
          called.add(next.id);
          left.splice(left.indexOf(next), 1);
        }
        return called.size === queue.length;
      }),
    );
  });
});

import { orderForCalling } from './ordering.ts';

describe('the whole calling order', () => {
  it('is exactly what repeated calls of pickNextTicket would do', () => {
    fc.assert(
      fc.property(arbQueue, fc.integer({ min: 0, max: 5 }), (queue, streak0) => {
        const fast = orderForCalling(queue, rules, NOW, streak0).map((t) => t.id);
        const slow: string[] = [];
        const left = [...queue];
        let streak = streak0;
        while (left.length) {
          const next = pickNextTicket(left, rules, { now: NOW, consecutivePriorityCalls: streak, counterLanguages: [] })!;
          streak = next.priority === 'legal' || (next.priority === 'appointment' && next.appointmentAt != null && next.appointmentAt - rules.appointmentEarlyMinutes * MIN <= NOW) ? streak + 1 : 0;
          slow.push(next.id);
          left.splice(left.indexOf(next), 1);
        }
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });
});
