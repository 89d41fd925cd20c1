import SQLite from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase, type DatabaseKind } from '../db/database.ts';
import { verifyAuditChain } from '../access/audit.ts';
import { VERSION } from '../version.ts';

const run = promisify(execFile);

/** Where a backup comes from or a restore goes: the database and the folder of document scans. */
export interface BackupTarget {
  kind: DatabaseKind;
  /** SQLite: the database file. */
  sqlitePath?: string;
  /** PostgreSQL: the connection URL and, when not the default, the schema the database lives in. */
  databaseUrl?: string;
  schema?: string;
  attachmentsDir: string;
}

/** Written inside every backup: what it holds, so a restore can prove it got everything back. */
export interface BackupManifest {
  format: 'balcao-backup-1';
  createdAt: string;
  version: string;
  database: DatabaseKind;
  /** Rows per table at the instant the dump was consistent. */
  rowCounts: Record<string, number>;
  /** The audit log's head at that instant (what a restore must verify to). */
  auditHead: { lastSeq: number; lastHash: string } | null;
  attachments: { files: number; bytes: number };
  databaseSha256: string;
}

export class BackupError extends Error {}

/** PostgreSQL client programs: PG_BIN, else the newest under /usr/lib/postgresql, else the PATH. */
export function pgProgram(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
    if (version && existsSync(join(base, version, 'bin', name))) return join(base, version, 'bin', name);
  }
  return name;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

function sqliteCounts(db: SQLite.Database): { rowCounts: Record<string, number>; auditHead: BackupManifest['auditHead'] } {
  const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[];
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables) rowCounts[name] = Number((db.prepare(`select count(*) as n from ${quoteIdent(name)}`).get() as { n: number }).n);
  const head = tables.some((t) => t.name === 'audit_head') ? (db.prepare('select last_seq, last_hash from audit_head where id = 1').get() as { last_seq: number; last_hash: string } | undefined) : undefined;
  return { rowCounts, auditHead: head ? { lastSeq: Number(head.last_seq), lastHash: head.last_hash } : null };
}

async function pgCounts(client: pg.Client, schema: string | undefined): Promise<{ rowCounts: Record<string, number>; auditHead: BackupManifest['auditHead'] }> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = coalesce($1, current_schema()) and table_type = 'BASE TABLE' order by table_name`,
    [schema ?? null],
  );
  const prefix = schema ? `${quoteIdent(schema)}.` : '';
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables) rowCounts[name] = Number((await client.query<{ n: string }>(`select count(*) as n from ${prefix}${quoteIdent(name)}`)).rows[0]!.n);
  let auditHead: BackupManifest['auditHead'] = null;
  if (rowCounts.audit_head !== undefined) {
    const head = (await client.query<{ last_seq: string; last_hash: string }>(`select last_seq, last_hash from ${prefix}audit_head where id = 1`)).rows[0];
    if (head) auditHead = { lastSeq: Number(head.last_seq), lastHash: head.last_hash };
  }
  return { rowCounts, auditHead };
}

async function copyAttachments(from: string, to: string): Promise<{ files: number; bytes: number }> {
  await mkdir(to, { recursive: true });
  if (!existsSync(from)) return { files: 0, bytes: 0 };
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    await copyFile(join(from, entry.name), join(to, entry.name));
    files++;
    bytes += (await stat(join(from, entry.name))).size;
  }
  return { files, bytes };
}

/**
 * Writes one file (a tar archive): the database — SQLite through its online backup API, consistent
 * while the server keeps writing; PostgreSQL through pg_dump in custom format — the document
 * scans, and a manifest of row counts and the audit head taken at the dump's own instant.
 */
export async function createBackup(source: BackupTarget, to: string, now = new Date()): Promise<BackupManifest> {
  const staging = await mkdtemp(join(tmpdir(), 'balcao-backup-'));
  try {
    let counted: { rowCounts: Record<string, number>; auditHead: BackupManifest['auditHead'] };
    let dbFile: string;
    if (source.kind === 'sqlite') {
      if (!source.sqlitePath || !existsSync(source.sqlitePath)) throw new BackupError(`no SQLite database at ${source.sqlitePath}`);
      dbFile = join(staging, 'database.sqlite');
      const live = new SQLite(source.sqlitePath, { fileMustExist: true });
      try {
        await live.backup(dbFile);
      } finally {
        live.close();
      }
      const copy = new SQLite(dbFile, { readonly: true });
      try {
        counted = sqliteCounts(copy);
      } finally {
        copy.close();
      }
    } else {
      dbFile = join(staging, 'database.pgdump');
      // The counts and the dump see one snapshot: counted in a repeatable-read transaction whose
      // snapshot pg_dump is given.
      const client = new pg.Client({ connectionString: source.databaseUrl });
      await client.connect();
      try {
        await client.query('begin isolation level repeatable read read only');
        const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
        counted = await pgCounts(client, source.schema);
        const args = ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${dbFile}`, ...(source.schema ? [`--schema=${source.schema}`] : []), `--dbname=${source.databaseUrl}`];
        try {
          await run(pgProgram('pg_dump'), args, { maxBuffer: 16 * 1024 * 1024 });
        } catch (err) {
          throw new BackupError(`pg_dump failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
        }
        await client.query('commit');
      } finally {
        await client.end();
      }
    }
    const attachments = await copyAttachments(source.attachmentsDir, join(staging, 'attachments'));
    const manifest: BackupManifest = {
      format: 'balcao-backup-1',
      createdAt: now.toISOString(),
      version: VERSION,
      database: source.kind,
      ...counted,
      attachments,
      databaseSha256: await sha256File(dbFile),
    };
    await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await mkdir(dirname(to), { recursive: true });
    // Written beside and renamed, so a backup file that exists is complete.
    const partial = join(dirname(to), `.${basename(to)}.partial`);
    await run('tar', ['-cf', partial, '-C', staging, 'manifest.json', basename(dbFile), 'attachments']);
    await run('mv', [partial, to]);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Tables whose row count differs from the manifest (empty when everything came back). */
  mismatches: { table: string; expected: number; restored: number }[];
  audit: { ok: boolean; entries: number; reason?: string };
}

async function databaseIsEmpty(target: BackupTarget): Promise<boolean> {
  if (target.kind === 'sqlite') {
    if (!target.sqlitePath || !existsSync(target.sqlitePath)) return true;
    const db = new SQLite(target.sqlitePath, { readonly: true });
    try {
      return !db.prepare(`select 1 from sqlite_master where type = 'table' limit 1`).get();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select 1 from information_schema.tables where table_schema = coalesce($1, current_schema()) limit 1`, [target.schema ?? null]);
    return rows.length === 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into an EMPTY database (refused otherwise: a restore never merges into live
 * data), puts the document scans back, then checks what came back: row counts against the
 * manifest, and the audit chain re-verified up to the head the backup recorded.
 */
export async function restoreBackup(file: string, target: BackupTarget): Promise<RestoreReport> {
  if (!existsSync(file)) throw new BackupError(`no backup file at ${file}`);
  const staging = await mkdtemp(join(tmpdir(), 'balcao-restore-'));
  try {
    try {
      await run('tar', ['-xf', file, '-C', staging]);
    } catch {
      throw new BackupError(`${file} is not a Balcão backup (not a tar archive)`);
    }
    if (!existsSync(join(staging, 'manifest.json'))) throw new BackupError(`${file} is not a Balcão backup (no manifest.json)`);
    const manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 'balcao-backup-1') throw new BackupError(`unknown backup format ${String(manifest.format)}`);
    if (manifest.database !== target.kind) {
      throw new BackupError(`this backup is of a ${manifest.database} database and the target is ${target.kind}: restore it into the same kind of database`);
    }
    const dbFile = join(staging, manifest.database === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
    if ((await sha256File(dbFile)) !== manifest.databaseSha256) throw new BackupError('the database in this backup does not match its manifest (damaged file)');
    if (!(await databaseIsEmpty(target))) {
      throw new BackupError('the target database is not empty: restore only into a new, empty database (nothing was changed)');
    }
    if (existsSync(target.attachmentsDir) && (await readdir(target.attachmentsDir)).length) {
      throw new BackupError(`the attachments folder ${target.attachmentsDir} is not empty: restore into an empty one (nothing was changed)`);
    }

    if (target.kind === 'sqlite') {
      await mkdir(dirname(target.sqlitePath!), { recursive: true });
      for (const suffix of ['-wal', '-shm']) await rm(`${target.sqlitePath}${suffix}`, { force: true });
      await copyFile(dbFile, target.sqlitePath!);
    } else {
      // The dump names its schema; the target's (empty) schema already exists, so its creation is
      // left out of the list pg_restore follows.
      const list = (await run(pgProgram('pg_restore'), ['--list', dbFile], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      const listFile = join(staging, 'restore.list');
      await writeFile(listFile, list.split('\n').filter((line) => !/^\d+;\s*\d+\s+\d+\s+SCHEMA\s/.test(line)).join('\n'));
      try {
        await run(pgProgram('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--use-list=${listFile}`, `--dbname=${target.databaseUrl}`, dbFile], { maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        throw new BackupError(`pg_restore failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
      }
    }
    await mkdir(target.attachmentsDir, { recursive: true, mode: 0o700 });
    await cp(join(staging, 'attachments'), target.attachmentsDir, { recursive: true });
    return await checkRestored(target, manifest);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function checkRestored(target: BackupTarget, manifest: BackupManifest): Promise<RestoreReport> {
  let counted: { rowCounts: Record<string, number>; auditHead: BackupManifest['auditHead'] };
  if (target.kind === 'sqlite') {
    const db = new SQLite(target.sqlitePath!, { readonly: true });
    try {
      counted = sqliteCounts(db);
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      counted = await pgCounts(client, target.schema);
    } finally {
      await client.end();
    }
  }
  const tables = new Set([...Object.keys(manifest.rowCounts), ...Object.keys(counted.rowCounts)]);
  const mismatches = [...tables]
    .map((table) => ({ table, expected: manifest.rowCounts[table] ?? -1, restored: counted.rowCounts[table] ?? -1 }))
    .filter((m) => m.expected !== m.restored);
  const handle = openDatabase(target.kind === 'sqlite' ? { sqlitePath: target.sqlitePath! } : { databaseUrl: target.databaseUrl!, ...(target.schema ? { schema: target.schema } : {}) });
  try {
    const chain = await verifyAuditChain(handle.db);
    let audit: RestoreReport['audit'] = chain.ok ? { ok: true, entries: chain.entries } : { ok: false, entries: chain.entries, reason: `broken at entry ${chain.firstBrokenSeq}: ${chain.reason}` };
    if (audit.ok && manifest.auditHead && (counted.auditHead?.lastSeq !== manifest.auditHead.lastSeq || counted.auditHead?.lastHash !== manifest.auditHead.lastHash)) {
      audit = { ok: false, entries: chain.entries, reason: `the restored log ends at entry ${counted.auditHead?.lastSeq ?? 0}, the backup recorded ${manifest.auditHead.lastSeq}` };
    }
    return { manifest, mismatches, audit };
  } finally {
    await handle.close();
  }
}

/** backup-2026-12-05T22-00-00Z.tar: sortable, and safe in every file system. */
export const backupFileName = (at: Date) => `balcao-backup-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.tar`;

/** Deletes the oldest scheduled backups in `dir` beyond the newest `keep`. Returns what it deleted. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => /^balcao-backup-.*\.tar$/.test(f)).sort();
  const old = files.slice(0, Math.max(0, files.length - keep));
  for (const f of old) await rm(join(dir, f), { force: true });
  return old;
}

/** The database and scans a configured server uses (PostgreSQL: the schema of the URL's search path). */
export function targetFor(config: { databaseUrl: string | undefined; dataDir: string; attachmentsDir: string }, sqlitePath: string): BackupTarget {
  if (config.databaseUrl) {
    // A database kept in its own schema names it in the URL (?options=-c search_path=…): the
    // backup then holds that schema only.
    let schema: string | undefined;
    try {
      schema = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(new URL(config.databaseUrl).searchParams.get('options') ?? '')?.[1];
    } catch {
      schema = undefined;
    }
    return { kind: 'postgres', databaseUrl: config.databaseUrl, ...(schema ? { schema } : {}), attachmentsDir: config.attachmentsDir };
  }
  return config.databaseUrl
    ? { kind: 'postgres', databaseUrl: config.databaseUrl, attachmentsDir: config.attachmentsDir }
    : { kind: 'sqlite', sqlitePath, attachmentsDir: config.attachmentsDir };
}
