import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES, openTestDb, type TestDb } from '../test-support/db.ts';
import { audit, type AuditInput } from './audit.ts';
import { CHECKPOINT_FILE, checkpointKeyFrom, generateCheckpointKey, latestCheckpoint, takeCheckpoint, verifyAgainstCheckpoint } from './checkpoint.ts';

const entry = (i: number, actorId = `user-${i % 3}`): AuditInput => ({
  actorId,
  actorPartnerId: 'partner-a',
  action: 'read',
  outcome: 'allowed',
  personId: 'person-1',
  section: 'core',
  purpose: 'service',
  detail: { what: 'case', n: i },
  at: new Date(Date.UTC(2026, 10, 23, 10, 0, i)).toISOString(),
});

const { privateKeyPem } = generateCheckpointKey();
const key = createPrivateKey(privateKeyPem);

describe('checkpoint keys', () => {
  it('come from AUDIT_CHECKPOINT_KEY (PEM, newlines possibly escaped) and must be Ed25519', () => {
    expect(checkpointKeyFrom({})).toBeUndefined();
    expect(checkpointKeyFrom({ AUDIT_CHECKPOINT_KEY: privateKeyPem })?.asymmetricKeyType).toBe('ed25519');
    expect(checkpointKeyFrom({ AUDIT_CHECKPOINT_KEY: privateKeyPem.replace(/\n/g, '\\n') })?.asymmetricKeyType).toBe('ed25519');
  });
});

/**
 * What someone with write access to the database can do — switch the guard triggers off, cut the
 * log, reset its head, write a new chain — and the chain alone would call intact; each is caught
 * against the latest signed checkpoint.
 */
describe.each(TEST_DATABASES)('audit checkpoints on %s', (kind) => {
  let db: TestDb;
  let dir: string;
  beforeEach(async () => {
    db = await openTestDb(kind);
    dir = mkdtempSync(join(tmpdir(), 'balcao-checkpoints-'));
    for (let i = 1; i <= 10; i++) await audit(db.ctx.db, entry(i));
    await takeCheckpoint(db.ctx.db, { key, dir, now: new Date('2026-11-23T11:00:00Z') });
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function asDatabaseAdministrator(...statements: string[]) {
    if (kind === 'postgres') await sql.raw('alter table audit_entry disable trigger audit_entry_no_update').execute(db.ctx.db);
    else {
      await sql.raw('drop trigger if exists audit_entry_no_update').execute(db.ctx.db);
      await sql.raw('drop trigger if exists audit_entry_no_delete').execute(db.ctx.db);
    }
    for (const s of statements) await sql.raw(s).execute(db.ctx.db);
  }
  const resetHeadTo = async (seq: number) => {
    const hash = seq ? (await db.ctx.db.selectFrom('audit_entry').select('hash').where('seq', '=', seq).executeTakeFirstOrThrow()).hash : 'genesis';
    await db.ctx.db.updateTable('audit_head').set({ last_seq: seq, last_hash: hash }).where('id', '=', 1).execute();
  };

  it('verifies an untouched log, and one that grew after the checkpoint', async () => {
    expect(await verifyAgainstCheckpoint(db.ctx.db, dir, key)).toMatchObject({ ok: true, entries: 10, checkpoint: { seq: 10, at: '2026-11-23T11:00:00.000Z' } });
    await audit(db.ctx.db, entry(11));
    expect(await verifyAgainstCheckpoint(db.ctx.db, dir, key)).toMatchObject({ ok: true, entries: 11 });
  });

  it('detects a cut tail with the head reset (the chain alone says intact)', async () => {
    await asDatabaseAdministrator('delete from audit_entry where seq > 7');
    await resetHeadTo(7);
    const verdict = await verifyAgainstCheckpoint(db.ctx.db, dir, key);
    expect(verdict).toMatchObject({ ok: false, entries: 7 });
    expect(verdict.ok || verdict.reason).toMatch(/ends at entry 7.*saw 10 \(entries removed\)/);
    // Without a checkpoint key the same log would pass: this is what the checkpoint adds.
    expect((await verifyAgainstCheckpoint(db.ctx.db, dir, undefined)).ok).toBe(true);
  });

  it('detects truncation of the whole log', async () => {
    await asDatabaseAdministrator('delete from audit_entry');
    await resetHeadTo(0);
    const verdict = await verifyAgainstCheckpoint(db.ctx.db, dir, key);
    expect(verdict.ok || verdict.reason).toMatch(/ends at entry 0/);
  });

  it('detects a full rewrite (a new, self-consistent chain as long or longer)', async () => {
    await asDatabaseAdministrator('delete from audit_entry');
    await resetHeadTo(0);
    for (let i = 1; i <= 12; i++) await audit(db.ctx.db, entry(i, i === 4 ? 'nobody-saw-this' : `user-${i % 3}`));
    const verdict = await verifyAgainstCheckpoint(db.ctx.db, dir, key);
    expect(verdict).toMatchObject({ ok: false, entries: 12 });
    expect(verdict.ok || verdict.reason).toMatch(/entry 10 is not the one signed .*rewritten/);
  });

  it('ignores checkpoint lines it did not sign (forged, or another key)', async () => {
    const other = createPrivateKey(generateCheckpointKey().privateKeyPem);
    await asDatabaseAdministrator('delete from audit_entry where seq > 3');
    await resetHeadTo(3);
    await takeCheckpoint(db.ctx.db, { key: other, dir });
    appendFileSync(join(dir, CHECKPOINT_FILE), `${JSON.stringify({ seq: 3, hash: 'x', at: new Date().toISOString(), publicKey: 'AAAA', signature: 'AAAA' })}\nnot json\n`);
    expect((await latestCheckpoint(dir, key))?.seq).toBe(10);
    expect((await verifyAgainstCheckpoint(db.ctx.db, dir, key)).ok).toBe(false);
  });
});
