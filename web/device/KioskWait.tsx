import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { get } from '../api.ts';

/** GET /api/device/waits: the kiosk's centre, per active service (server/modules/visits/device-waits.ts). */
export interface KioskWaits {
  at: string;
  /** Estimates were within 5 minutes of the real wait for this many people in 10 (measured). */
  accuracyInTen: number;
  services: { serviceId: string; ticketPrefix: string; waiting: number; expectedWaitMinutes: number; expectedWaitRange: [number, number]; openCounters: number }[];
  /** Network topic → the service a ticket for it goes to here. */
  topics: Record<string, string>;
}

/** How often the waits are read again while a screen that shows them is open, and how old they may get when a read fails. */
const REFRESH_MS = 25_000;
const STALE_MS = 90_000;

/**
 * The centre's waits while `active` (a screen showing them is open): read at once, then every
 * 25 seconds. A failed read keeps the last answer for a minute and a half, then shows none — an old
 * wait is worse than no wait.
 */
export function useKioskWaits(active: boolean): KioskWaits | null {
  const [waits, setWaits] = useState<{ data: KioskWaits; readAt: number } | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const load = async () => {
      try {
        const data = await get<KioskWaits>('/api/device/waits', { allow401: true });
        if (!stopped) setWaits({ data, readAt: Date.now() });
      } catch {
        if (!stopped) setTick((n) => n + 1);
      }
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
  if (!active || !waits || Date.now() - waits.readAt > STALE_MS) return null;
  return waits.data;
}

/** The range a ticket for this service (or topic) would wait now, if known. */
export function waitFor(waits: KioskWaits | null, target: { serviceId?: string | null; topic?: string | null }): [number, number] | null {
  if (!waits) return null;
  const serviceId = target.serviceId ?? (target.topic ? waits.topics[target.topic] : undefined);
  return waits.services.find((s) => s.serviceId === serviceId)?.expectedWaitRange ?? null;
}

/** "about 15–25 min", or "less than 5 min" when it may be no wait at all. */
export const waitText = (k: TFunction, [low, high]: [number, number]) => (low === 0 ? k('wait.upTo', { high }) : k('wait.range', { low, high }));
/** The same for reading aloud, in words ("Expected wait: about 15 to 25 minutes."). */
export const spokenWait = (k: TFunction, [low, high]: [number, number]) => (low === 0 ? k('wait.spokenUpTo', { high }) : k('wait.spokenRange', { low, high }));

/** A clock face; named "Expected wait" where it stands for those words (a tile), hidden where they are written. */
export function ClockIcon({ label }: { label?: string }) {
  return (
    <svg className="kiosk-clock" viewBox="0 0 24 24" width="1em" height="1em" focusable="false" {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M12 6.5V12l3.8 2.6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** On a tile or a desk: a clock and "about 15–25 min" (the clock read as "Expected wait"). */
export function WaitBadge({ k, range }: { k: TFunction; range: [number, number] }) {
  return (
    <span className="kiosk-wait" data-testid="kiosk-wait" data-low={range[0]} data-high={range[1]}>
      <ClockIcon label={k('wait.label')} /> <span className="kiosk-wait-text">{waitText(k, range)}</span>
    </span>
  );
}

/** Before issuing: "Expected wait: about 15–25 min", large, with how accurate such estimates were. */
export function WaitBeforeTicket({ k, range, accuracyInTen }: { k: TFunction; range: [number, number]; accuracyInTen: number }) {
  return (
    <div className="kiosk-wait-box" data-testid="kiosk-wait-confirm" data-low={range[0]} data-high={range[1]}>
      <p className="kiosk-wait kiosk-wait-large">
        <ClockIcon /> <span className="kiosk-wait-text">{k('wait.expected', { wait: waitText(k, range) })}</span>
      </p>
      <p className="kiosk-wait-accuracy">{k('wait.accuracy', { count: accuracyInTen })}</p>
    </div>
  );
}
