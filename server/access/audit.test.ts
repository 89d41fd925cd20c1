import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES, openTestDb, type TestDb } from '../test-support/db.ts';
import { appendAudit, audit, accessReport, verifyAuditChain, type AuditInput } from './audit.ts';

const run = promisify(execFile);

const entry = (i: number, personId = 'person-1'): AuditInput => ({
  actorId: `user-${i % 3}`,
  actorPartnerId: 'partner-a',
  action: i % 4 === 0 ? 'write' : 'read',
  outcome: 'allowed',
  personId,
  section: i % 2 ? 'core' : 'partner-a',
  purpose: 'service',
  detail: { what: 'case', n: i },
  at: new Date(Date.UTC(2026, 10, 23, 10, 0, i)).toISOString(),
});

describe.each(TEST_DATABASES)('the audit log on %s', (kind) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb(kind);
  });
  afterEach(async () => db.close());

  it('chains entries and verifies an untouched log', async () => {
    for (let i = 1; i <= 25; i++) await audit(db.ctx.db, entry(i));
    expect(await verifyAuditChain(db.ctx.db)).toEqual({ ok: true, entries: 25 });
    const report = await accessReport(db.ctx.db, 'person-1', 'core');
    expect(report).toHaveLength(13);
    expect(report[0]!.seq).toBeGreaterThan(report[1]!.seq);
  });

  it('keeps sequence numbers gap-free under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit(db.ctx.db, entry(i + 1, `p-${i % 5}`))));
    expect(await verifyAuditChain(db.ctx.db)).toEqual({ ok: true, entries: 40 });
  });

  it('refuses updates and deletes in the database itself', async () => {
    await audit(db.ctx.db, entry(1));
    await expect(db.ctx.db.updateTable('audit_entry').set({ purpose: 'nothing to see' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.ctx.db.deleteFrom('audit_entry').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  async function tamper(statement: string) {
    // An attacker with database access can switch the triggers off; the chain still tells.
    if (kind === 'postgres') {
      await sql.raw('alter table audit_entry disable trigger audit_entry_no_update').execute(db.ctx.db);
      await sql.raw(statement).execute(db.ctx.db);
      await sql.raw('alter table audit_entry enable trigger audit_entry_no_update').execute(db.ctx.db);
    } else {
      await sql.raw('drop trigger if exists audit_entry_no_update').execute(db.ctx.db);
      await sql.raw('drop trigger if exists audit_entry_no_delete').execute(db.ctx.db);
      await sql.raw(statement).execute(db.ctx.db);
    }
  }

  it('names the first altered entry', async () => {
    for (let i = 1; i <= 10; i++) await audit(db.ctx.db, entry(i));
    await tamper(`update audit_entry set actor_id = 'someone-else' where seq = 6`);
    expect(await verifyAuditChain(db.ctx.db)).toMatchObject({ ok: false, firstBrokenSeq: 6, entries: 5 });
  });

  it('notices a removed entry, in the middle or at the end', async () => {
    for (let i = 1; i <= 10; i++) await audit(db.ctx.db, entry(i));
    await tamper('delete from audit_entry where seq = 10');
    expect(await verifyAuditChain(db.ctx.db)).toMatchObject({ ok: false, firstBrokenSeq: 10 });
    await tamper('delete from audit_entry where seq = 4');
    expect(await verifyAuditChain(db.ctx.db)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('rolls back with the transaction it belongs to', async () => {
    await expect(
      db.ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(1));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await verifyAuditChain(db.ctx.db)).toEqual({ ok: true, entries: 0 });
  });
});

describe('balcao audit verify', () => {
  it('exits 0 on an intact log and non-zero, naming the entry, on a tampered one', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'balcao-audit-'));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'balcao.js');
    try {
      await run(process.execPath, [bin, 'migrate'], { env });
      const { openDatabase } = await import('../db/database.ts');
      const handle = openDatabase({ sqlitePath: join(dataDir, 'balcao.sqlite') });
      for (let i = 1; i <= 5; i++) await audit(handle.db, entry(i));
      expect((await run(process.execPath, [bin, 'audit', 'verify'], { env })).stdout).toMatch(/intact: 5 entries/);
      await sql.raw('drop trigger audit_entry_no_update').execute(handle.db);
      await sql.raw(`update audit_entry set purpose = 'curiosity' where seq = 3`).execute(handle.db);
      await handle.close();
      await expect(run(process.execPath, [bin, 'audit', 'verify'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/BROKEN at entry 3/) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
