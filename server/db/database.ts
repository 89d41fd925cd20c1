import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type LogEvent, PostgresDialect, SqliteDialect, sql, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** For PostgreSQL: the connection settings, so the realtime layer can open its LISTEN connection. */
  postgres?: { connectionString: string; schema?: string };
  /** PostgreSQL: the pool's connections now (for metrics). */
  poolStats?: () => PoolStats;
  /** Where each query's duration in seconds is reported (metrics); set at most once per handle. */
  queryObserver: QueryObserver;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** A slot the metrics fill in: told how long each query took, and whether it failed. */
export interface QueryObserver {
  observe?: (seconds: number, failed: boolean) => void;
}

function queryLogger(observer: QueryObserver) {
  return (event: LogEvent) => observer.observe?.(event.queryDurationMillis / 1000, event.level === 'error');
}

export interface DatabaseOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
  /** PostgreSQL schema to work in (tests give each run its own). */
  schema?: string;
  poolSize?: number;
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const queryObserver: QueryObserver = {};
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLogger(queryObserver) });
    return {
      db,
      kind: 'postgres',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      queryObserver,
      postgres: { connectionString: url, ...(options.schema ? { schema: options.schema } : {}) },
      close: () => db.destroy(),
    };
  }
  const path = options.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run beside the writer; synchronous=NORMAL in WAL mode never corrupts the
  // database, and at worst loses the last transactions on power loss (not on a process crash).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const queryObserver: QueryObserver = {};
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: queryLogger(queryObserver) });
  return { db, kind: 'sqlite', queryObserver, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; better-sqlite3 statements can be reused. Caching the
 * prepared statements by SQL text saves about a tenth of the server's CPU on the hot paths.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/**
 * `schema`: the PostgreSQL schema the database lives in, when not `public`. Kysely otherwise looks
 * for its migration tables in any schema of the search path and, on a server shared by several
 * schemas (tests, several deployments), can find another schema's lock table.
 */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Features developed side by side land in any order: a database that already ran a later-named
    // migration still takes an earlier-named one that arrives after it (each is independent).
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Runs fn in a transaction. SQLite and PostgreSQL both roll back everything on error. */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
