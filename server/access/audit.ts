import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The audit log of casefile data: every read, write, export, grant and denial, with who, for
 * which partner, why and what. Append-only (database triggers refuse updates and deletes) and
 * hash-chained: each entry's hash covers its content and the previous entry's hash, so altering,
 * removing or reordering any stored entry breaks the chain from that entry on.
 */
export type AuditAction = 'read' | 'write' | 'export' | 'grant' | 'deny' | 'erase' | 'merge';

export interface AuditInput {
  actorId: string;
  actorPartnerId: string | null;
  action: AuditAction;
  outcome: 'allowed' | 'denied';
  personId: string | null;
  /** 'core' or the partner id whose section was touched. */
  section: string | null;
  purpose: string | null;
  /** What exactly: e.g. { what: 'case', caseId } — never case content. */
  detail: Record<string, unknown>;
  at: string;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export function entryHash(seq: number, prevHash: string, e: AuditInput): string {
  // A fixed field order makes the hashed text canonical.
  const canonical = JSON.stringify([seq, prevHash, e.at, e.actorId, e.actorPartnerId, e.action, e.outcome, e.personId, e.section, e.purpose, e.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends an entry inside the caller's transaction. The head row's lock serialises appenders,
 * so sequence numbers are gap-free and each entry chains to the one before it.
 */
export async function appendAudit(trx: Kysely<Database>, e: AuditInput): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.last_seq);
  const hash = entryHash(seq, head.last_hash, e);
  await trx
    .insertInto('audit_entry')
    .values({
      seq,
      at: e.at,
      actor_id: e.actorId,
      actor_partner_id: e.actorPartnerId,
      action: e.action,
      outcome: e.outcome,
      person_id: e.personId,
      section: e.section,
      purpose: e.purpose,
      detail: JSON.stringify(e.detail),
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
  return seq;
}

/** Appends in a transaction of its own (for reads and denials, which change nothing else). */
export const audit = (db: Kysely<Database>, e: AuditInput): Promise<number> => db.transaction().execute((trx) => appendAudit(trx, e));

type AuditRow = Awaited<ReturnType<typeof readEntries>>[number];

function readEntries(db: Kysely<Database>, afterSeq: number, limit: number) {
  return db.selectFrom('audit_entry').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorPartnerId: r.actor_partner_id,
  action: r.action as AuditAction,
  outcome: r.outcome as AuditInput['outcome'],
  personId: r.person_id,
  section: r.section,
  purpose: r.purpose,
  detail: JSON.parse(r.detail),
  prevHash: r.prev_hash,
  hash: r.hash,
});

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: number; reason: string };

/** Re-computes the whole chain. The first entry whose hash, link or sequence is wrong is named. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<VerifyResult> {
  let prevHash = 'genesis';
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await readEntries(db, expectedSeq - 1, 1000);
    for (const row of rows) {
      const e = toAuditEntry(row);
      if (e.seq !== expectedSeq) return { ok: false, entries: count, firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (e.prevHash !== prevHash) return { ok: false, entries: count, firstBrokenSeq: e.seq, reason: 'does not link to the entry before it' };
      if (entryHash(e.seq, e.prevHash, e) !== e.hash) return { ok: false, entries: count, firstBrokenSeq: e.seq, reason: 'content does not match its hash (altered)' };
      prevHash = e.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < 1000) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (Number(head.last_seq) !== count || head.last_hash !== prevHash)) {
    return { ok: false, entries: count, firstBrokenSeq: count + 1, reason: `the log ends at entry ${count} but ${Number(head.last_seq)} were written (entries removed from the end)` };
  }
  return { ok: true, entries: count };
}

/** Who accessed a person's file (optionally one section), newest first: the data-protection officer's screen. */
export async function accessReport(db: Kysely<Database>, personId: string, section?: string) {
  let q = db.selectFrom('audit_entry').selectAll().where('person_id', '=', personId);
  if (section) q = q.where('section', '=', section);
  return (await q.orderBy('seq', 'desc').limit(1000).execute()).map(toAuditEntry);
}
