import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loggerOptions } from './http/logging.ts';
import { loadConfig, sqlitePathFor, type Config } from './config.ts';
import type { AppContext } from './context.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import { openDemoCentreAroundTheClock, seedCnaiPreset, seedDemoStaff } from './seed/seed.ts';
import { seedDemoCasefiles } from './seed/demo-casefiles.ts';
import { seedKnowledge } from './seed/knowledge.ts';
import { deleteExpiredSessions } from './modules/auth/store.ts';

export function openFromConfig(config: Config): DatabaseHandle {
  return openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
}

export function contextFor(config: Config, handle: DatabaseHandle): AppContext {
  return { db: handle.db, dbKind: handle.kind, config, now: () => new Date() };
}

export interface Running {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, seeds the demo network on an empty database, and listens. */
export async function startServer(options: { demo: boolean; config?: Config }): Promise<Running> {
  const config = options.config ?? loadConfig();
  const handle = openFromConfig(config);
  await migrateToLatest(handle.db);
  const ctx = contextFor(config, handle);
  if (options.demo) {
    const seeded = await seedCnaiPreset(ctx);
    if (seeded) await openDemoCentreAroundTheClock(ctx);
    const staff = await seedDemoStaff(ctx);
    if (staff) await seedDemoCasefiles(ctx);
    if (seeded || staff) console.log('Seeded the CNAI demo network and demo staff (see README: "Demo sign-ins"). CNAI Lisboa is open around the clock in the demo.');
    if (await seedKnowledge(ctx)) console.log('Seeded the knowledge base (content/cnai).');
  }
  const app = await buildApp(ctx, { logger: loggerOptions(config.logLevel), rateLimitPerMinute: config.rateLimitPerMinute, ...(handle.postgres ? { postgresUrl: handle.postgres.connectionString } : {}) });
  const address = await app.listen({ port: config.port, host: config.host });
  // Housekeeping: expired and idle sessions are removed every ten minutes.
  const sweep = setInterval(() => {
    const now = new Date();
    const idleBefore = new Date(now.getTime() - config.sessionIdleMinutes * 60000).toISOString();
    deleteExpiredSessions(ctx.db, now.toISOString(), idleBefore).catch((err: unknown) => app.log.error({ err }, 'session sweep failed'));
  }, 600_000);
  sweep.unref();
  // The retention job: once a day (first a minute after start), erase sections past their period.
  const retention = async () => {
    const { runRetention } = await import('./modules/casefile/erasure.ts');
    const result = await runRetention(ctx);
    if (result.erasedCases) app.log.info({ erasedCases: result.erasedCases }, 'retention job erased cases');
  };
  const firstRetention = setTimeout(() => void retention().catch((err: unknown) => app.log.error({ err }, 'retention job failed')), 60_000);
  const dailyRetention = setInterval(() => void retention().catch((err: unknown) => app.log.error({ err }, 'retention job failed')), 24 * 3600_000);
  firstRetention.unref();
  dailyRetention.unref();
  const url = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost');
  return {
    app,
    url,
    async stop() {
      clearInterval(sweep);
      clearTimeout(firstRetention);
      clearInterval(dailyRetention);
      await app.close();
      await handle.close();
    },
  };
}
