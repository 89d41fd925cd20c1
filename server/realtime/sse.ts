import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from './bus.ts';
import { eventsAfter, type CentreEvent } from './events.ts';
import type { AppContext } from '../context.ts';
import { stillAuthorised } from '../http/auth-hooks.ts';
import type { LiveStreams } from './streams.ts';

const HEARTBEAT_MS = 25_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The event streams open on this node (see streams.ts). */
    liveStreams: LiveStreams;
  }
}

/**
 * Streams a centre's events as Server-Sent Events. The event id is the centre sequence, so a
 * browser that reconnects sends Last-Event-ID and gets every event it missed — across a server
 * restart too, because events are read back from the database.
 *
 * The stream is authorised for as long as it lives, not only when it opens: it is registered
 * with the node's LiveStreams, which re-runs the route's authorisation (and `stillValid`, a
 * route's own condition such as a phone link's day) and ends the stream once it fails.
 */
export async function streamCentreEvents(
  ctx: AppContext,
  bus: EventBus,
  request: FastifyRequest,
  reply: FastifyReply,
  centreId: string,
  project: (e: CentreEvent) => Record<string, unknown> | null = (e) => ({ type: e.type, ...e.payload, at: e.at }),
  stillValid: () => Promise<boolean> = async () => true,
): Promise<void> {
  const header = request.headers['last-event-id'];
  const query = (request.query as { after?: string } | undefined)?.after;
  const fromClient = Number(Array.isArray(header) ? header[0] : (header ?? query));

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // Nothing is written once the stream has ended (revoked, or the node stopping mid-replay).
  const write = (text: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(text);
  };

  // Comments keep proxies from timing the stream out; whole blocks, so they never split an event.
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
  let unsubscribe: () => void = () => undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    forget();
  };
  // Registered before anything is awaited, so a shutdown or a revocation during the replay ends it too.
  const forget = request.server.liveStreams.add({
    actor: request.actor,
    stillAllowed: async () => (await stillAuthorised(ctx, request)) && (await stillValid()),
    end: (retryMs) => {
      if (retryMs !== undefined) write(`retry: ${retryMs}\n\n`);
      close();
      // The connection carried only this stream: close it, so a stopping server is not kept waiting.
      res.end(() => res.socket?.destroy());
    },
  });
  request.raw.on('close', close);
  res.on('error', close);

  let last = 0;
  const send = (e: CentreEvent) => {
    if (e.seq <= last) return;
    last = e.seq;
    const data = project(e);
    // Events a subscriber may not see still advance its id, so a resync does not replay them.
    write(data ? `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n` : `id: ${e.seq}\n: skip\n\n`);
  };

  // Subscribe first and hold live events until the replay is written, so none fall in between.
  const held: CentreEvent[] = [];
  let replaying = true;
  try {
    const off = await bus.subscribe(centreId, (e) => (replaying ? held.push(e) : send(e)));
    if (closed) return off();
    unsubscribe = off;
    // Sequences are 32-bit integers in the database: a larger Last-Event-ID is not one of ours.
    if (Number.isInteger(fromClient) && fromClient >= 0 && fromClient <= 2 ** 31 - 1) {
      last = fromClient;
      let batch: CentreEvent[];
      do {
        batch = await eventsAfter(ctx.db, centreId, last);
        batch.forEach(send);
      } while (batch.length === 500 && !closed);
    } else {
      last = bus.deliveredSeq(centreId) ?? 0;
      write(`id: ${last}\nevent: ready\ndata: {}\n\n`);
    }
  } catch (err) {
    // The response has begun, so no error answer can follow: end it and let the client come back.
    request.log.error({ err }, 'event stream replay failed');
    write('retry: 3000\n\n');
    close();
    res.end();
    return;
  }
  held.forEach(send);
  replaying = false;
  if (closed) return;

  write('retry: 3000\n\n');
}
