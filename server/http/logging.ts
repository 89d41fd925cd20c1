import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A request id from the reverse proxy is kept when it is short and plain; otherwise a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/**
 * Request logs carry no case data: the path without its query string (searches put names
 * there), never bodies or cookies. Route parameters are opaque ids.
 */
export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req(req: { method: string; url: string; ip?: string }) {
        return { method: req.method, path: req.url.split('?')[0], remoteAddress: req.ip };
      },
    },
  };
}
