import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { verifyAuditChain } from './audit.ts';

/**
 * Signed checkpoints of the audit chain's head, kept outside the database. Whoever can write to the
 * database can cut the log's tail and reset its head, or rewrite the whole chain, and the chain
 * alone still verifies; a checkpoint signed with a key the database never sees (Ed25519) pins the
 * hash of entry N, so a log that no longer holds that entry, or holds another, is caught.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  /** The signing key's public half (SPKI, base64), to tell keys apart after a rotation. */
  publicKey: string;
  signature: string;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

const signedText = (c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at'>) => `balcao-audit-checkpoint-1\n${c.seq}\n${c.hash}\n${c.at}`;
const publicKeyText = (key: KeyObject) => createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');

/** A new Ed25519 key pair, as PEM: the private key for AUDIT_CHECKPOINT_KEY(_FILE), the public one to keep on record. */
export function generateCheckpointKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The signing key from AUDIT_CHECKPOINT_KEY (PEM) or AUDIT_CHECKPOINT_KEY_FILE; undefined when neither is set. */
export function checkpointKeyFrom(env: NodeJS.ProcessEnv = process.env): KeyObject | undefined {
  const pem = env.AUDIT_CHECKPOINT_KEY?.replace(/\\n/g, '\n') || (env.AUDIT_CHECKPOINT_KEY_FILE ? readFileSync(env.AUDIT_CHECKPOINT_KEY_FILE, 'utf8') : '');
  if (!pem) return undefined;
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_CHECKPOINT_KEY must be an Ed25519 private key (balcao audit keygen makes one)');
  return key;
}

export interface CheckpointOptions {
  key: KeyObject;
  dir: string;
  /** Also POSTed here as JSON (a witness outside the operator's reach); failures are reported, not fatal. */
  witnessUrl?: string | undefined;
  now?: Date;
}

/** Signs the current head and appends it to the checkpoint file (and tells the witness). */
export async function takeCheckpoint(db: Kysely<Database>, options: CheckpointOptions): Promise<AuditCheckpoint & { witness?: string }> {
  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  const body = { seq: Number(head?.last_seq ?? 0), hash: head?.last_hash ?? 'genesis', at: (options.now ?? new Date()).toISOString() };
  const checkpoint: AuditCheckpoint = { ...body, publicKey: publicKeyText(options.key), signature: sign(null, Buffer.from(signedText(body)), options.key).toString('base64') };
  await mkdir(options.dir, { recursive: true });
  await appendFile(join(options.dir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  let witness: string | undefined;
  if (options.witnessUrl) {
    try {
      const res = await fetch(options.witnessUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(checkpoint), signal: AbortSignal.timeout(10_000) });
      witness = res.ok ? 'accepted' : `refused (${res.status})`;
    } catch (err) {
      witness = `unreachable (${(err as Error).message})`;
    }
  }
  return { ...checkpoint, ...(witness ? { witness } : {}) };
}

/** The newest checkpoint in the file that this key signed (others — forged or another key's — are skipped). */
export async function latestCheckpoint(dir: string, key: KeyObject): Promise<AuditCheckpoint | undefined> {
  const file = join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return undefined;
  const mine = publicKeyText(key);
  const publicKey = createPublicKey(key);
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean).reverse();
  for (const line of lines) {
    let c: AuditCheckpoint;
    try {
      c = JSON.parse(line) as AuditCheckpoint;
    } catch {
      continue;
    }
    if (c.publicKey !== mine || typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.at !== 'string') continue;
    if (verify(null, Buffer.from(signedText(c)), publicKey, Buffer.from(c.signature, 'base64'))) return c;
  }
  return undefined;
}

export type CheckpointVerdict =
  | { ok: true; entries: number; checkpoint: AuditCheckpoint | undefined }
  | { ok: false; entries: number; checkpoint: AuditCheckpoint | undefined; reason: string };

/**
 * The chain re-computed, then held against the latest signed checkpoint: the entry it names must
 * still be there with the hash it had. Entries written after the checkpoint are covered by the
 * chain only (so checkpoints are taken hourly and with every backup and export).
 */
export async function verifyAgainstCheckpoint(db: Kysely<Database>, dir: string, key: KeyObject | undefined): Promise<CheckpointVerdict> {
  const chain = await verifyAuditChain(db);
  const checkpoint = key ? await latestCheckpoint(dir, key) : undefined;
  if (!chain.ok) return { ok: false, entries: chain.entries, checkpoint, reason: `entry ${chain.firstBrokenSeq}: ${chain.reason}` };
  if (!checkpoint || checkpoint.seq === 0) return { ok: true, entries: chain.entries, checkpoint };
  if (chain.entries < checkpoint.seq) {
    return { ok: false, entries: chain.entries, checkpoint, reason: `the log ends at entry ${chain.entries}, but a checkpoint signed at ${checkpoint.at} saw ${checkpoint.seq} (entries removed)` };
  }
  const row = await db.selectFrom('audit_entry').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirst();
  if (row?.hash !== checkpoint.hash) {
    return { ok: false, entries: chain.entries, checkpoint, reason: `entry ${checkpoint.seq} is not the one signed at ${checkpoint.at} (the log was rewritten)` };
  }
  return { ok: true, entries: chain.entries, checkpoint };
}
