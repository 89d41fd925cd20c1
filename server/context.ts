import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import type { DatabaseKind, PoolStats, QueryObserver } from './db/database.ts';

/** Told after a transaction that recorded events for a centre has committed (the realtime bus). */
export interface CommitListener {
  committed(centreId: string): void;
}

/** What every service needs: the database, the configuration and a clock tests can move. */
export interface AppContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  now: () => Date;
  bus?: CommitListener;
  /** PostgreSQL pool connections, for metrics. */
  dbPoolStats?: () => PoolStats;
  /** Told each query's duration, for metrics. */
  dbQueries?: QueryObserver;
}

export const isoNow = (ctx: AppContext): string => ctx.now().toISOString();
