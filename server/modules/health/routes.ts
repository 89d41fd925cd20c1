import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { ping } from '../../db/database.ts';
import type { App } from '../../http/types.ts';
import { VERSION } from '../../version.ts';
import { pendingMigrations } from '../../observability/store.ts';

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

  // Readiness, for a load balancer or orchestrator: send traffic here only when the database
  // answers and its schema is the one this code expects. Liveness (/api/health) stays separate.
  const ReadyCheck = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
  app.get(
    '/api/health/ready',
    {
      config: { action: 'public.read' },
      schema: {
        tags: ['Operations'],
        summary: 'Readiness: the database is reachable and its migrations are current (503 otherwise)',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), checks: Type.Object({ database: ReadyCheck, migrations: ReadyCheck }) }),
          503: Type.Object({ status: Type.Literal('not_ready'), checks: Type.Object({ database: ReadyCheck, migrations: ReadyCheck }) }),
        },
      },
    },
    async (_req, reply) => {
      const database: { ok: boolean; detail?: string } = { ok: true };
      const migrations: { ok: boolean; detail?: string } = { ok: false };
      try {
        await ping(ctx.db);
        const pending = await pendingMigrations(ctx.db);
        if (pending.length) migrations.detail = `${pending.length} migration(s) not run: ${pending.join(', ')}`;
        else migrations.ok = true;
      } catch {
        database.ok = false;
        database.detail = 'the database does not answer';
        migrations.detail = 'unknown while the database does not answer';
      }
      if (database.ok && migrations.ok) return { status: 'ready', checks: { database, migrations } } as const;
      return reply.status(503).send({ status: 'not_ready', checks: { database, migrations } });
    },
  );
}
