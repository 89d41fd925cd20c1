import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loggerOptions } from './http/logging.ts';
import { loadConfig, sqlitePathFor, type Config } from './config.ts';
import type { AppContext } from './context.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import { openDemoCentreAroundTheClock, seedCnaiPreset, seedDemoStaff } from './seed/seed.ts';
import { seedDemoCasefiles } from './seed/demo-casefiles.ts';
import { seedDemoAppointments } from './seed/demo-appointments.ts';
import { seedKnowledge } from './seed/knowledge.ts';
import { deleteExpiredSessions } from './modules/auth/store.ts';
import { foldPending } from './modules/stats/fold.ts';
import { closeEndedDays } from './modules/visits/service.ts';
import { startOutboxJob } from './modules/outbox/worker.ts';
import { sendersFromConfig } from './modules/outbox/senders.ts';
import { appointmentHousekeeping } from './modules/appointments/service.ts';

export function openFromConfig(config: Config): DatabaseHandle {
  return openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
}

export function contextFor(config: Config, handle: DatabaseHandle): AppContext {
  return { db: handle.db, dbKind: handle.kind, config, now: () => new Date(), dbQueries: handle.queryObserver, ...(handle.poolStats ? { dbPoolStats: handle.poolStats } : {}) };
}

/** How long a stopping server waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface Running {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * A fresh demo gets the last 90 days of a realistic past, so every chart and the planner have data
 * at once (a quarter of CNAI's volume keeps the first start quick).
 */
async function seedDemoHistory(ctx: AppContext): Promise<void> {
  const { generateHistory } = await import('./modules/stats/history.ts');
  const result = await generateHistory(ctx, { days: 90, scale: 0.25, seed: 2004 });
  console.log(`Seeded 90 days of demo history: ${result.visits} visits, ${result.tickets} tickets (${result.seconds.toFixed(1)} s).`);
}

/** Opens the database, migrates, seeds the demo network on an empty database, and listens. */
export async function startServer(options: { demo: boolean; config?: Config }): Promise<Running> {
  const config = options.config ?? loadConfig();
  const handle = openFromConfig(config);
  await migrateToLatest(handle.db, handle.postgres?.schema);
  const ctx = contextFor(config, handle);
  if (options.demo) {
    const seeded = await seedCnaiPreset(ctx);
    if (seeded) await openDemoCentreAroundTheClock(ctx);
    if (seeded) console.log(`Seeded ${await seedDemoAppointments(ctx)} demo appointments at CNAI Lisboa (some checked in and waiting).`);
    const staff = await seedDemoStaff(ctx);
    if (staff) await seedDemoCasefiles(ctx);
    if (seeded || staff) console.log('Seeded the CNAI demo network and demo staff (see README: "Demo sign-ins"). CNAI Lisboa is open around the clock in the demo.');
    if (await seedKnowledge(ctx)) console.log('Seeded the knowledge base (content/cnai).');
    if (seeded) await seedDemoHistory(ctx);
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
  // A day's open tickets end with the day (at start, then every ten minutes; idempotent).
  const endDays = () => void closeEndedDays(ctx).catch((err: unknown) => app.log.error({ err }, 'closing ended days failed'));
  endDays();
  const dayEnd = setInterval(endDays, 600_000);
  dayEnd.unref();
  // Statistics: what finished since the last fold (here or on another node) is added to the cells.
  let folding = false;
  const fold = setInterval(() => {
    if (folding) return;
    folding = true;
    foldPending(ctx)
      .catch((err: unknown) => app.log.error({ err }, 'statistics fold failed'))
      .finally(() => (folding = false));
  }, config.statsFoldSeconds * 1000);
  fold.unref();
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
  // Appointments: no-shows after the late window, served once the ticket ends, erasure after the retention days.
  const appointmentJob = setInterval(() => void appointmentHousekeeping(ctx).catch((err: unknown) => app.log.error({ err }, 'appointment housekeeping failed')), 300_000);
  appointmentJob.unref();
  // Messages to clients: sent by this job, never inside a request (see server/modules/outbox).
  const outbox = startOutboxJob(ctx, sendersFromConfig(config.messages, app.log), app.log);
  // Signed audit checkpoints (when a key is configured): hourly, with every scheduled backup, and
  // at start. Kept outside the database (AUDIT_CHECKPOINT_DIR, optionally a witness URL).
  const { checkpointKeyFrom, takeCheckpoint } = await import('./access/checkpoint.ts');
  const checkpointKey = checkpointKeyFrom();
  const checkpoint = async () => {
    if (!checkpointKey) return;
    const c = await takeCheckpoint(ctx.db, { key: checkpointKey, dir: config.auditCheckpointDir, witnessUrl: config.auditWitnessUrl });
    if (c.witness && c.witness !== 'accepted') app.log.warn({ witness: c.witness }, 'audit checkpoint witness did not accept');
  };
  const checkpoints = checkpointKey ? setInterval(() => void checkpoint().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed')), 3600_000) : undefined;
  checkpoints?.unref();
  void checkpoint().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
  // Scheduled backups (off unless BACKUP_EVERY_HOURS is set): one file per run in BACKUP_DIR, the
  // newest BACKUP_KEEP kept. With several nodes, turn them on for one node only.
  const backups = config.backupEveryHours
    ? setInterval(() => {
        void (async () => {
          const { backupFileName, createBackup, pruneBackups, targetFor } = await import('./ops/backup.ts');
          const { join } = await import('node:path');
          const file = join(config.backupDir, backupFileName(new Date()));
          await createBackup(targetFor(config, sqlitePathFor(config)), file);
          await checkpoint();
          const pruned = await pruneBackups(config.backupDir, config.backupKeep);
          app.log.info({ file, pruned: pruned.length }, 'scheduled backup written');
        })().catch((err: unknown) => app.log.error({ err }, 'scheduled backup failed'));
      }, config.backupEveryHours * 3600_000)
    : undefined;
  backups?.unref();
  const url = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost');
  return {
    app,
    url,
    /**
     * Graceful: app.close() first ends the event streams with a retry hint (preClose in app.ts),
     * stops accepting connections, answers 503 to new requests on open ones and waits for the
     * requests in flight. One that is still running after the grace period is cut, so the process
     * stops in bounded time whatever a client does.
     */
    async stop() {
      clearInterval(sweep);
      clearInterval(fold);
      clearTimeout(firstRetention);
      clearInterval(dailyRetention);
      clearInterval(appointmentJob);
      await outbox.stop();
      if (backups) clearInterval(backups);
      if (checkpoints) clearInterval(checkpoints);
      const cut = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
      await handle.close();
    },
  };
}
