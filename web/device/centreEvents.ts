import { useEffect, useRef, useState } from 'react';

/** A centre event as the server sends it: its name, its per-centre sequence number and its data. */
export interface CentreEventMessage {
  type: string;
  id: number;
  data: Record<string, unknown>;
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** The events the server sends on a centre's stream. */
export const CENTRE_EVENT_TYPES = [
  'ticket.called',
  'ticket.issued',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.parked',
  'ticket.transferred',
  'ticket.cancelled',
  'counter.opened',
  'counter.closed',
  'child.checked_in',
  'child.checked_out',
  'board.notice',
] as const;

const RETRY_MS = 3000;

/**
 * Follows a centre's Server-Sent Events. The browser resends Last-Event-ID when it reconnects by
 * itself; when the connection is closed for good (server gone, network error) we open a new one
 * with `?after=<last id>` so no event is missed, and we drop anything at or below the last id
 * seen, so a replay never repeats an announcement.
 */
export function useCentreEvents(
  centreId: string | null | undefined,
  onEvent: (e: CentreEventMessage) => void,
  onResync?: () => void,
  /** The last event id already seen (e.g. kept across a reload): the first connection resumes after it. */
  resumeFrom?: number,
): { state: ConnectionState; lastId: number } {
  const [state, setState] = useState<ConnectionState>('connecting');
  const [lastIdState, setLastIdState] = useState(0);
  const handler = useRef(onEvent);
  const resync = useRef(onResync);
  useEffect(() => {
    handler.current = onEvent;
    resync.current = onResync;
  });

  useEffect(() => {
    if (!centreId) return;
    let lastId = resumeFrom !== undefined && resumeFrom >= 0 ? resumeFrom : -1;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    let hadError = false;

    const seen = (raw: string): number | null => {
      const id = Number(raw);
      if (!Number.isFinite(id) || raw === '') return null;
      return id;
    };

    const open = () => {
      if (closed) return;
      const url = `/api/centres/${encodeURIComponent(centreId)}/events${lastId >= 0 ? `?after=${lastId}` : ''}`;
      const es = new EventSource(url, { withCredentials: true });
      source = es;
      es.onopen = () => {
        setState('live');
        if (hadError) resync.current?.();
        hadError = false;
      };
      es.addEventListener('ready', (ev) => {
        const id = seen((ev as MessageEvent).lastEventId);
        if (id !== null && id > lastId) {
          lastId = id;
          setLastIdState(id);
        }
        setState('live');
      });
      for (const type of CENTRE_EVENT_TYPES) {
        es.addEventListener(type, (ev) => {
          const msg = ev as MessageEvent<string>;
          const id = seen(msg.lastEventId);
          if (id !== null) {
            if (id <= lastId) return;
            lastId = id;
            setLastIdState(id);
          }
          let data: Record<string, unknown> = {};
          try {
            data = JSON.parse(msg.data) as Record<string, unknown>;
          } catch {
            data = {};
          }
          handler.current({ type, id: id ?? lastId, data });
        });
      }
      es.onerror = () => {
        hadError = true;
        setState('reconnecting');
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          timer = setTimeout(open, RETRY_MS);
        }
      };
    };
    open();
    // Coming back online: reconnect at once instead of waiting for the browser's retry.
    const online = () => {
      if (!source || source.readyState !== EventSource.OPEN) {
        source?.close();
        clearTimeout(timer);
        hadError = true;
        open();
      }
    };
    const offline = () => setState('reconnecting');
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
    // resumeFrom is read once, when the connection starts.
  }, [centreId]);

  return { state, lastId: lastIdState };
}
