import { useCallback, useEffect, useRef, useState } from 'react';
import { languageInfo } from '../../core/languages.ts';
import { get, localized, post, type Centre, type Counter, type Desk, type LocalizedText, type RequestOptions, type Service } from '../api.ts';
import { CENTRE_EVENT_TYPES } from '../device/centreEvents.ts';
import { SURFACES } from '../staff/surfaces.ts';

/** A ticket as the visit API returns it (server/modules/visits/schemas.ts). */
export interface Ticket {
  id: string;
  visitId: string;
  centreId: string;
  serviceId: string;
  number: string;
  status: 'waiting' | 'called' | 'serving' | 'parked' | 'done' | 'no_show' | 'transferred' | 'cancelled';
  priority: 'none' | 'legal' | 'appointment';
  language: string;
  needsMediator: boolean;
  appointmentAt: string | null;
  counterId: string | null;
  targetCounterId: string | null;
  recallCount: number;
  outcome: string | null;
  note: string | null;
  transferredFrom: string | null;
  issuedAt: string;
  queuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Issued {
  ticket: Ticket;
  /** What the ticket is for, to show and print. */
  service: { id: string; ticketPrefix: string; name: LocalizedText };
  visit: { id: string; publicToken: string };
  ticketUrl: string;
}

export interface CentreConfig {
  centre: Centre;
  desks: Desk[];
  services: Service[];
  counters: Counter[];
}

export interface QueueSummary {
  serviceId: string;
  ticketPrefix: string;
  name: LocalizedText;
  waiting: number;
  longestWaitMinutes: number;
  expectedWaitMinutes: number;
  /** What clients are shown: the range from the estimate's measured error, in minutes. */
  expectedWaitRange?: [number, number];
  openCounters: number;
  servedToday: number;
}

export interface CounterState {
  counterId: string;
  number: number;
  serviceIds: string[];
  /** The manager's switch: a closed counter cannot be taken. */
  active: boolean;
  /** Someone is working at it now. */
  open: boolean;
  staffedBy: string | null;
  staffedById: string | null;
  /** personId: the casefile the sorting office linked to the visit, if any. */
  current: (Ticket & { childrenInRoom: number; clientName: string | null; priorityReason: PriorityReason | null; personId: string | null; route: string[] }) | null;
}

export type WaitingTicket = Ticket & { waitedMinutes: number; clientName: string | null; childrenInRoom: number; priorityReason: PriorityReason | null };
export type ParkedTicket = Ticket & { clientName: string | null };

export interface Snapshot {
  centreId: string;
  localDate: string;
  queues: QueueSummary[];
  counters: CounterState[];
  waiting: WaitingTicket[];
  /** Tickets put aside at a counter, to be resumed there. */
  parked: ParkedTicket[];
  recentCalls: { ticketId: string; number: string; counterNumber: number; language: string; calledAt: string }[];
}

export const PRIORITY_REASONS = ['disability', 'senior', 'pregnancy', 'infant', 'appointment'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
export const OUTCOMES = ['resolved', 'needs_documents', 'referred', 'follow_up', 'information_given', 'other'] as const;


/** Whether the user's roles open a surface of the role table (web/staff/surfaces.ts). */
export function canOpen(surfaceId: string, roles: readonly string[]): boolean {
  const s = SURFACES.find((x) => x.id === surfaceId);
  return !!s && (s.roles === 'all' || s.roles.some((r) => roles.includes(r)));
}

/** Roles that do the welcoming-and-sorting part (identify the client, route the visit). */
export const canSort = (roles: readonly string[]) => roles.includes('mediator') || roles.includes('centre_manager');

/** The centre's configuration (services, counters, languages). */
export function useCentreConfig(centreId: string | null) {
  const [data, setData] = useState<CentreConfig | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (!centreId) return;
    let live = true;
    get<CentreConfig>(`/api/centres/${centreId}`).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [centreId]);
  return { data, error };
}

/**
 * The centre's snapshot, kept live: every centre event re-reads it, at most once per 500 ms.
 * Answers that arrive out of order are dropped, so the newest read always wins.
 */
export function useSnapshot(centreId: string | null) {
  const [data, setData] = useState<Snapshot | undefined>(undefined);
  const [readAt, setReadAt] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const seq = useRef(0);
  const applied = useRef(0);
  const reload = useCallback(async () => {
    if (!centreId) return;
    const mine = ++seq.current;
    const startedAt = Date.now();
    try {
      const snap = await get<Snapshot>(`/api/centres/${centreId}/snapshot`);
      if (mine < applied.current) return;
      applied.current = mine;
      setData(snap);
      setReadAt(startedAt);
      setError(null);
    } catch (e) {
      if (mine >= applied.current) setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [centreId]);
  useEffect(() => {
    if (!centreId) return;
    void reload();
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/centres/${centreId}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, last + 500 - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        void reload();
      }, wait);
    };
    // Every centre event may change the snapshot.
    for (const name of CENTRE_EVENT_TYPES) source.addEventListener(name, schedule);
    // After a reconnection the stream may have missed events: read everything again.
    source.addEventListener('open', schedule);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [centreId, reload]);
  /** readAt: when the request behind `data` was sent (what it shows happened before then). */
  return { data, readAt, error, reload };
}

/** A language named in its own script, marked with its language for screen readers. */
export function LanguageName({ code }: { code: string }) {
  const info = languageInfo(code);
  return (
    <span lang={code} dir={info?.dir}>
      {info?.endonym ?? code}
    </span>
  );
}

/** A service's name in the interface language (data: isolated for bidirectional text). */
export function serviceLabel(service: { name: LocalizedText } | undefined, lang: string): string {
  return service ? localized(service.name, lang) : '';
}

/** A ticket number: data, not interface text. */
export function TicketNumber({ number, className }: { number: string; className?: string }) {
  return (
    <bdi className={className} translate="no">
      {number}
    </bdi>
  );
}

export function readStored<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be unavailable (private mode): the choice lasts for this page only.
  }
}

/** Minutes between two instants, never negative. */
export const minutesBetween = (from: string, to: string | number = Date.now()) =>
  Math.max(0, Math.round(((typeof to === 'number' ? to : Date.parse(to)) - Date.parse(from)) / 60000));

/**
 * POST /api/visits with an Idempotency-Key: a retry with the same key returns the ticket the first
 * attempt made instead of a second one. Used by pre-sorting and by the kiosk.
 */
export function issueVisit(idempotencyKey: string, body: Record<string, unknown>, options: Omit<RequestOptions, 'body' | 'headers'> = {}): Promise<Issued> {
  return post<Issued>('/api/visits', body, { ...options, headers: { 'Idempotency-Key': idempotencyKey } });
}
