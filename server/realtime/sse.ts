import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from './bus.ts';
import { eventsAfter, type CentreEvent } from './events.ts';
import type { AppContext } from '../context.ts';

const HEARTBEAT_MS = 25_000;

/**
 * Streams a centre's events as Server-Sent Events. The event id is the centre sequence, so a
 * browser that reconnects sends Last-Event-ID and gets every event it missed — across a server
 * restart too, because events are read back from the database.
 */
export async function streamCentreEvents(
  ctx: AppContext,
  bus: EventBus,
  request: FastifyRequest,
  reply: FastifyReply,
  centreId: string,
  project: (e: CentreEvent) => Record<string, unknown> | null = (e) => ({ type: e.type, ...e.payload, at: e.at }),
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
  let last = 0;
  const send = (e: CentreEvent) => {
    if (e.seq <= last) return;
    last = e.seq;
    const data = project(e);
    // Events a subscriber may not see still advance its id, so a resync does not replay them.
    res.write(data ? `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n` : `id: ${e.seq}\n: skip\n\n`);
  };

  // Subscribe first and hold live events until the replay is written, so none fall in between.
  const held: CentreEvent[] = [];
  let replaying = true;
  const unsubscribe = await bus.subscribe(centreId, (e) => (replaying ? held.push(e) : send(e)));
  if (Number.isInteger(fromClient) && fromClient >= 0) {
    last = fromClient;
    let batch: CentreEvent[];
    do {
      batch = await eventsAfter(ctx.db, centreId, last);
      batch.forEach(send);
    } while (batch.length === 500);
  } else {
    last = bus.deliveredSeq(centreId) ?? 0;
    res.write(`id: ${last}\nevent: ready\ndata: {}\n\n`);
  }
  held.forEach(send);
  replaying = false;

  res.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on('close', close);
  res.on('error', close);
}
