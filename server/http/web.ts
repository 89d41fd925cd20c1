import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './types.ts';
import { errorBody } from './error-handler.ts';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/** Paths the single-page app answers; everything else is API, assets or 404. */
const SPA_ROUTES = ['/app', '/app/*', '/kiosk', '/kiosk/*', '/display', '/display/*'];

export async function webRoutes(app: App): Promise<void> {
  const indexPath = join(WEB_DIST, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(WEB_DIST, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  const html = built ? readFileSync(indexPath, 'utf8') : null;
  for (const url of SPA_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (req, reply) => {
      if (!html) return reply.status(503).send(errorBody(req, 'web_not_built'));
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    });
  }
  for (const icon of ['/favicon.ico', '/favicon.svg']) {
    app.get(icon, { schema: { hide: true } }, async (_req, reply) => {
      const file = join(WEB_DIST, 'favicon.svg');
      if (!existsSync(file)) return reply.status(404).send();
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(readFileSync(file));
    });
  }
}
