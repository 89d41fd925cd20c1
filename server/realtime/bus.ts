import pg from 'pg';
import type { AppContext } from '../context.ts';
import { eventsAfter, lastSeq, type CentreEvent } from './events.ts';

export type Listener = (event: CentreEvent) => void;

const CHANNEL = 'balcao_centre_events';
/** PostgreSQL NOTIFY takes a global lock at commit: send at most one per centre per this many ms. */
const NOTIFY_EVERY_MS = 100;

/**
 * Fans committed events out to subscribers. Events are stored in the database inside the writing
 * transaction; after commit, `committed(centreId)` makes this node read what is new once and hand
 * it to every local subscriber. On PostgreSQL the node also sends a coalesced NOTIFY so other
 * nodes do the same; the notification carries only the centre id, subscribers re-read the table.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Map<string, number>();
  private readonly reading = new Map<string, Promise<void>>();
  private readonly rereadRequested = new Set<string>();
  private readonly notifyTimers = new Map<string, NodeJS.Timeout>();
  private listenClient: pg.Client | null = null;
  private notifyClient: pg.Client | null = null;
  private closed = false;
  /** Told of each event as this node hands it to its subscribers (metrics: delivery lag). */
  onDelivered: ((event: CentreEvent) => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly postgres?: { connectionString: string },
  ) {}

  /** On PostgreSQL: start listening for other nodes' notifications. */
  async start(): Promise<void> {
    if (!this.postgres) return;
    this.listenClient = new pg.Client({ connectionString: this.postgres.connectionString });
    this.notifyClient = new pg.Client({ connectionString: this.postgres.connectionString });
    await Promise.all([this.listenClient.connect(), this.notifyClient.connect()]);
    this.listenClient.on('notification', (msg) => {
      if (msg.payload) this.pull(msg.payload);
    });
    await this.listenClient.query(`LISTEN ${CHANNEL}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.notifyTimers.values()) clearTimeout(t);
    await Promise.all([this.listenClient?.end(), this.notifyClient?.end()]);
  }

  async subscribe(centreId: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(centreId);
    if (!set) {
      set = new Set();
      this.listeners.set(centreId, set);
      if (!this.delivered.has(centreId)) this.delivered.set(centreId, await lastSeq(this.ctx.db, centreId));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** The sequence this node has delivered up to, for a new subscriber to resume from. */
  deliveredSeq(centreId: string): number | undefined {
    return this.delivered.get(centreId);
  }

  /** Call after a transaction that recorded events for this centre has committed. */
  committed(centreId: string): void {
    this.pull(centreId);
    if (this.notifyClient && !this.notifyTimers.has(centreId)) {
      this.notifyTimers.set(
        centreId,
        setTimeout(() => {
          this.notifyTimers.delete(centreId);
          if (!this.closed) this.notifyClient?.query('SELECT pg_notify($1, $2)', [CHANNEL, centreId]).catch(() => undefined);
        }, NOTIFY_EVERY_MS),
      );
    }
  }

  /** Reads new events for a centre once, however many callers ask at the same time. */
  private pull(centreId: string): void {
    if (!this.listeners.get(centreId)?.size || this.closed) return;
    if (this.reading.has(centreId)) {
      this.rereadRequested.add(centreId);
      return;
    }
    const run = (async () => {
      do {
        this.rereadRequested.delete(centreId);
        const from = this.delivered.get(centreId) ?? 0;
        const events = await eventsAfter(this.ctx.db, centreId, from);
        for (const e of events) {
          this.delivered.set(centreId, e.seq);
          this.onDelivered?.(e);
          for (const l of this.listeners.get(centreId) ?? []) {
            try {
              l(e);
            } catch {
              // one broken subscriber must not stop the others
            }
          }
        }
        if (events.length === 500) this.rereadRequested.add(centreId);
      } while (this.rereadRequested.has(centreId) && !this.closed);
    })()
      .catch(() => undefined)
      .finally(() => this.reading.delete(centreId));
    this.reading.set(centreId, run);
  }
}
