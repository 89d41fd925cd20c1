import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { migrateToLatest, openDatabase, type DatabaseKind } from '../db/database.ts';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const TEST_DATABASES: DatabaseKind[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDb {
  ctx: AppContext;
  /** Move the clock the services see. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a fresh schema in the PostgreSQL of
 * TEST_DATABASE_URL, dropped again on close.
 */
export async function openTestDb(kind: DatabaseKind, configOverrides: Partial<Config> = {}): Promise<TestDb> {
  const config: Config = { ...loadConfig({}), secureCookies: false, ...configOverrides };
  let now: Date | null = null;
  let cleanup: () => Promise<void>;
  let handle;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = openDatabase({ databaseUrl: url, schema, poolSize: 20 });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-test-'));
    handle = openDatabase({ sqlitePath: join(dir, 'test.sqlite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrateToLatest(handle.db, handle.postgres?.schema);
  const ctx: AppContext = { db: handle.db, dbKind: handle.kind, config, now: () => now ?? new Date(), dbQueries: handle.queryObserver, ...(handle.poolStats ? { dbPoolStats: handle.poolStats } : {}) };
  return {
    ctx,
    setNow: (d) => {
      now = d;
    },
    async close() {
      await handle.close();
      await cleanup();
    },
  };
}
