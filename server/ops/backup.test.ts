import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../access/audit.ts';
import { seedDemoCasefiles } from '../seed/demo-casefiles.ts';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { BackupError, backupFileName, createBackup, pruneBackups, restoreBackup, type BackupTarget } from './backup.ts';

const url = process.env.TEST_DATABASE_URL;

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * The restore drill: a database in use (tickets being issued during the backup, casefiles, an
 * audit trail, document scans) is backed up, the original is lost, and the backup is restored into
 * an empty database: every row and scan comes back and the audit chain verifies to the same head.
 */
describe.each(TEST_DATABASES)('backup and restore drill on %s', (kind) => {
  let api: TestApi | undefined;
  let dir: string;
  afterEach(async () => {
    await api?.close();
    api = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while serving, refuses a non-empty target, restores everything into an empty one and verifies it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'balcao-drill-'));
    const attachmentsDir = join(dir, 'attachments');
    mkdirSync(attachmentsDir);
    api = await openTestApi(kind, { attachmentsDir });
    await seedDemoCasefiles(api.ctx);
    for (let i = 0; i < 5; i++) {
      await audit(api.ctx.db, { actorId: 'drill', actorPartnerId: null, action: 'read', outcome: 'allowed', personId: null, section: null, purpose: 'drill', detail: { i }, at: new Date().toISOString() });
    }
    writeFileSync(join(attachmentsDir, 'scan-1'), Buffer.from('%PDF-1.4 a scanned passport'));
    writeFileSync(join(attachmentsDir, 'scan-2'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));

    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const w = (await mediator.request('GET', `/api/centres/${lisboa}`)).json().services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    const source: BackupTarget =
      kind === 'sqlite'
        ? { kind, sqlitePath: (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(api.ctx.db)).rows[0]!.file, attachmentsDir }
        : { kind, databaseUrl: url!, schema: (await sql<{ s: string }>`select current_schema() as s`.execute(api.ctx.db)).rows[0]!.s, attachmentsDir };

    const file = join(dir, 'backups', backupFileName(new Date()));
    // Tickets are issued while the backup runs: the backup is whatever instant it took, whole.
    const [manifest, ...issued] = await Promise.all([
      createBackup(source, file),
      ...Array.from({ length: 8 }, () => mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' })),
    ]);
    for (const res of issued) expect(res.statusCode).toBe(201);
    expect(existsSync(file)).toBe(true);
    expect(manifest.database).toBe(kind);
    expect(manifest.rowCounts.person).toBeGreaterThan(0);
    expect(manifest.rowCounts.audit_entry).toBeGreaterThanOrEqual(5);
    expect(manifest.auditHead?.lastSeq).toBe(manifest.rowCounts.audit_entry);
    expect(manifest.attachments).toEqual({ files: 2, bytes: 27 + 7 });

    // Into the live database: refused, nothing changed.
    const before = await api.ctx.db.selectFrom('ticket').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(restoreBackup(file, { ...source, attachmentsDir: join(dir, 'other') })).rejects.toThrow(/not empty/);
    const after = await api.ctx.db.selectFrom('ticket').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // The original is lost…
    await api.close();
    api = undefined;
    let target: BackupTarget;
    if (kind === 'sqlite') {
      target = { kind, sqlitePath: join(dir, 'restored', 'balcao.sqlite'), attachmentsDir: join(dir, 'restored', 'attachments') };
    } else {
      // A schema named in the dump: the drill recreates it empty (openTestApi's close dropped it).
      await pgAdmin((c) => c.query(`create schema ${source.schema}`));
      target = { ...source, attachmentsDir: join(dir, 'restored', 'attachments') };
    }
    try {
      const report = await restoreBackup(file, target);
      expect(report.mismatches).toEqual([]);
      expect(report.audit).toEqual({ ok: true, entries: manifest.auditHead!.lastSeq });
      expect(readdirSync(target.attachmentsDir).sort()).toEqual(['scan-1', 'scan-2']);
      expect(readFileSync(join(target.attachmentsDir, 'scan-1'), 'utf8')).toBe('%PDF-1.4 a scanned passport');
      // A second restore into what is now full is refused.
      await expect(restoreBackup(file, { ...target, attachmentsDir: join(dir, 'x') })).rejects.toThrow(BackupError);
    } finally {
      if (kind === 'postgres') await pgAdmin((c) => c.query(`drop schema if exists ${source.schema} cascade`));
    }
  });
});

describe('backup files', () => {
  it('refuses what is not a backup, with a clear message', async () => {
    const d = mkdtempSync(join(tmpdir(), 'balcao-notbackup-'));
    try {
      writeFileSync(join(d, 'x.tar'), 'not a tar');
      const target: BackupTarget = { kind: 'sqlite', sqlitePath: join(d, 'db.sqlite'), attachmentsDir: join(d, 'a') };
      await expect(restoreBackup(join(d, 'x.tar'), target)).rejects.toThrow(/not a Balcão backup/);
      await expect(restoreBackup(join(d, 'missing.tar'), target)).rejects.toThrow(/no backup file/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('keeps the newest BACKUP_KEEP scheduled backups', async () => {
    const d = mkdtempSync(join(tmpdir(), 'balcao-prune-'));
    try {
      const names = [0, 1, 2, 3].map((h) => backupFileName(new Date(Date.UTC(2026, 11, 5, h))));
      for (const n of names) writeFileSync(join(d, n), '');
      writeFileSync(join(d, 'unrelated.txt'), '');
      expect(await pruneBackups(d, 2)).toEqual(names.slice(0, 2));
      expect(readdirSync(d).sort()).toEqual([...names.slice(2), 'unrelated.txt'].sort());
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
