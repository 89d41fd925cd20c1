import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { ping } from '../../db/database.ts';
import type { App } from '../../http/types.ts';
import { VERSION } from '../../version.ts';

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['Operations'],
        summary: 'Liveness and database reachability',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]), version: Type.String() }),
          503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String(), version: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await ping(ctx.db);
        return { status: 'ok', database: ctx.dbKind, version: VERSION } as const;
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: ctx.dbKind, version: VERSION });
      }
    },
  );
}
