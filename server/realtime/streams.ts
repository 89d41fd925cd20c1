import type { Actor } from '../access/actor.ts';

/** How often every open stream is authorised again (a change made on another node is seen within this). */
export const STREAM_RECHECK_MS = 30_000;

export interface LiveStream {
  /** Who opened the stream, to re-check only the streams a change can concern. */
  readonly actor: Actor;
  /** Whether the stream may still be open: the same checks as when it was opened, made again. */
  stillAllowed(): Promise<boolean>;
  /** Ends the stream; with `retryMs`, tells the client to reconnect after that long first. */
  end(retryMs?: number): void;
}

/**
 * The event streams open on this node. A stream is authorised when it opens and for as long as
 * it lives: every STREAM_RECHECK_MS, and at once after a change on this node that can end it (a
 * sign-out, a user disabled, a device revoked: see app.ts). A stream no longer allowed is ended;
 * the client's reconnection then meets the refusal. On shutdown every stream is ended with a
 * retry hint, so boards reconnect — to another node, or to this one once it is back.
 */
export class LiveStreams {
  private readonly open = new Set<LiveStream>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly recheckEveryMs = STREAM_RECHECK_MS) {}

  get size(): number {
    return this.open.size;
  }

  /** Registers a stream; the returned function forgets it (call it when the stream closes). */
  add(stream: LiveStream): () => void {
    this.open.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => void this.recheck(), this.recheckEveryMs);
      // An idle timer must not keep a stopping process alive.
      this.timer.unref();
    }
    return () => {
      this.open.delete(stream);
      if (!this.open.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /**
   * Authorises the open streams again (those `which` selects, or all) and ends those no longer
   * allowed. Checks run one after another, so a node with many boards does not take the whole
   * database pool at once; a failing check (the database briefly away) keeps the stream.
   */
  recheck(which: (actor: Actor) => boolean = () => true): Promise<void> {
    const streams = [...this.open].filter((s) => which(s.actor));
    this.checking = this.checking.then(async () => {
      for (const stream of streams) {
        if (!this.open.has(stream)) continue;
        const allowed = await stream.stillAllowed().catch(() => true);
        if (!allowed) stream.end();
      }
    });
    return this.checking;
  }

  /**
   * Ends every stream with a retry hint, for a graceful shutdown. Each client gets a different
   * delay within `retryMs`, so a node's boards do not all reconnect in the same instant.
   */
  endAll(retryMs: number): void {
    for (const stream of [...this.open]) stream.end(Math.round(retryMs / 2 + Math.random() * (retryMs / 2)));
    this.open.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
