import { Type } from 'typebox';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { todayFor } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Minutes = Type.Integer({ minimum: 0, description: 'Minutes' });

const TodayFigures = Type.Object({
  centre: Nullable(
    Type.Object({
      centreId: Type.String(),
      centreName: Type.String(),
      waiting: Type.Integer(),
      longestWaitMinutes: Minutes,
      servedToday: Type.Integer(),
      countersStaffed: Type.Integer(),
      countersActive: Type.Integer(),
      queuesPastTarget: Type.Integer({ description: 'Queues with someone waiting longer than the service’s target wait' }),
    }),
  ),
  myQueues: Nullable(
    Type.Object({
      waiting: Type.Integer(),
      longestWaitMinutes: Minutes,
      servedToday: Type.Integer(),
      queues: Type.Array(Type.Object({ serviceId: Type.String(), ticketPrefix: Type.String(), name: Type.Record(Type.String(), Type.String()), waiting: Type.Integer(), longestWaitMinutes: Minutes })),
    }),
  ),
  dataProtection: Nullable(Type.Object({ reads: Type.Integer(), exports: Type.Integer(), erasures: Type.Integer(), refusals: Type.Integer() })),
  yesterday: Nullable(
    Type.Object({ date: Type.String(), tickets: Type.Integer(), served: Type.Integer(), meanWaitMinutes: Nullable(Type.Number()), withinTargetShare: Nullable(Type.Number()) }),
  ),
});

/** The few numbers a role's home shows today. */
export function todayRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/me/today',
    {
      // Every signed-in user may ask; each part of the answer is decided by can() for the action it summarises.
      config: { action: 'session.self' },
      schema: {
        tags: ['Session'],
        summary: "Today's few numbers for your home: your centre's floor (managers), your queues (officers), the audit log's day (DPO), yesterday's figures (analysts)",
        response: { 200: TodayFigures, ...errorResponses },
      },
    },
    async (req) => todayFor(ctx, req.actor as StaffActor),
  );
}
