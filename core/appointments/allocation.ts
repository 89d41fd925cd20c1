import { createHash, randomBytes } from 'node:crypto';

/**
 * Fair allocation of scarce appointment places by a published, seeded lottery.
 *
 * A round (a service, a centre, a week, a number of places) opens with a secret seed whose
 * SHA-256 — the commitment — is published at once. Clients request a place while the window is
 * open; each request gets a random, pseudonymous id. When the window closes the list of valid
 * request ids is fixed and the seed revealed, and every request's rank is
 *
 *     rank(id) = SHA-256(seed ":" listDigest ":" id)      (hex, compared as text)
 *     listDigest = SHA-256(the request ids, sorted, joined by "\n")
 *
 * The requests sorted by rank are the draw: the first `places` are allocated, the rest form the
 * waiting list in that order. Anyone holding the published seed, commitment and list can recompute
 * it (`balcao appointments verify`). Because the seed is fixed before any request exists, and every
 * rank also depends on the whole list, nobody — not even the operator who knows the seed — can pick
 * a request id that wins without knowing every other request first. Ranks are outputs of SHA-256,
 * so each ordering of the requests is equally likely: every requester has the same chance.
 *
 * Pure computation (hashing only, no I/O), shared by the server, the CLI and the tests.
 */

export const DRAW_METHOD = 'sha256-rank-v1';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A fresh secret seed (256 random bits, hex). */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

/** The commitment published when the window opens: SHA-256 of the seed's text, hex. */
export function seedCommitment(seed: string): string {
  return sha256(seed);
}

/** The digest of the list of request ids taking part (order does not matter). */
export function listDigest(requestIds: readonly string[]): string {
  return sha256([...requestIds].sort().join('\n'));
}

export function drawRank(seed: string, digest: string, requestId: string): string {
  return sha256(`${seed}:${digest}:${requestId}`);
}

/** The request ids in draw order: by rank, ties (never seen in practice) by id. */
export function drawOrder(seed: string, requestIds: readonly string[]): string[] {
  if (new Set(requestIds).size !== requestIds.length) throw new Error('request ids must be unique');
  const digest = listDigest(requestIds);
  return requestIds
    .map((id) => ({ id, rank: drawRank(seed, digest, id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
}

export interface AllocationRequest {
  id: string;
  /** The keyed hash of the person's identity (document number + birth date). */
  identityHash: string;
}

export interface Draw {
  method: typeof DRAW_METHOD;
  /** Every valid request id, in draw order. */
  order: string[];
  /** The first `places` of the order. */
  allocated: string[];
  /** The rest, in order: the waiting list. */
  waiting: string[];
  /** Requests refused at the draw: a second request by the same identity (the first one stands). */
  duplicates: string[];
}

/**
 * Draws a round. Requests are given in the order they arrived; a person's second request (same
 * identity hash) is not valid and takes no part — the store refuses it at request time already, so
 * this is a second line of defence.
 */
export function drawRound(seed: string, requests: readonly AllocationRequest[], places: number): Draw {
  if (!Number.isInteger(places) || places < 0) throw new Error('places must be a whole number ≥ 0');
  const seen = new Set<string>();
  const valid: string[] = [];
  const duplicates: string[] = [];
  for (const r of requests) {
    if (seen.has(r.identityHash)) duplicates.push(r.id);
    else {
      seen.add(r.identityHash);
      valid.push(r.id);
    }
  }
  const order = drawOrder(seed, valid);
  return { method: DRAW_METHOD, order, allocated: order.slice(0, places), waiting: order.slice(places), duplicates };
}

export interface PublishedDraw {
  seed: string;
  seedHash: string;
  places: number;
  /** Published request ids, in draw order, as the operator says they were drawn. */
  order: readonly string[];
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'seed_mismatch' | 'order_mismatch' | 'places_invalid' };

/** Checks a published draw: the seed matches its commitment, and the order is the one the seed gives. */
export function verifyDraw(d: PublishedDraw): VerifyResult {
  if (seedCommitment(d.seed) !== d.seedHash) return { ok: false, reason: 'seed_mismatch' };
  if (!Number.isInteger(d.places) || d.places < 0) return { ok: false, reason: 'places_invalid' };
  const again = drawOrder(d.seed, d.order);
  if (again.length !== d.order.length || again.some((id, i) => id !== d.order[i])) return { ok: false, reason: 'order_mismatch' };
  return { ok: true };
}

/** A request's state through a round's life. */
export type RequestStatus = 'requested' | 'allocated' | 'waiting' | 'cancelled' | 'not_drawn';

/**
 * Who gets a place freed by a cancellation: the first on the waiting list (lowest draw position)
 * still waiting. Null when nobody waits.
 */
export function nextOnWaitingList<T extends { status: RequestStatus; position: number | null }>(requests: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of requests) {
    if (r.status !== 'waiting' || r.position == null) continue;
    if (!best || r.position < (best.position ?? Infinity)) best = r;
  }
  return best;
}

/** A request's place on the waiting list: 1 for the next to be promoted. Null when not waiting. */
export function waitingListPlace<T extends { id: string; status: RequestStatus; position: number | null }>(requests: readonly T[], id: string): number | null {
  const me = requests.find((r) => r.id === id);
  if (!me || me.status !== 'waiting' || me.position == null) return null;
  return requests.filter((r) => r.status === 'waiting' && r.position != null && r.position <= (me.position ?? 0)).length;
}

/** Pseudonymous request ids, e.g. "R-7KQ2-M9XD": 40 random bits, unambiguous letters and digits. */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newRequestId(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i += 1) s += ID_ALPHABET[bytes[i]! % 32];
  return `R-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** The published draw as GET /api/public/appointments/rounds/:id/draw gives it. */
export interface PublishedDrawJson {
  round: { seed: string | null; seedHash: string; places: number; listDigest: string | null; method?: string };
  draw: { id: string; position: number; outcome: string }[];
}

export type PublishedCheck = { ok: true; requests: number; places: number } | { ok: false; reason: 'not_drawn_yet' | 'unknown_method' | 'digest_mismatch' | 'outcome_mismatch' | 'seed_mismatch' | 'order_mismatch' | 'places_invalid' };

/**
 * Everything a reader can check in a published draw: the seed matches the commitment published
 * when requests opened, the list digest is the list's, the order is the seed's, and the first
 * `places` (no more) were given a place. What `balcao appointments verify` runs.
 */
export function checkPublishedDraw(p: PublishedDrawJson): PublishedCheck {
  if (!p.round.seed) return { ok: false, reason: 'not_drawn_yet' };
  if (p.round.method && p.round.method !== DRAW_METHOD) return { ok: false, reason: 'unknown_method' };
  const order = [...p.draw].sort((a, b) => a.position - b.position).map((d) => d.id);
  if (p.round.listDigest !== listDigest(order)) return { ok: false, reason: 'digest_mismatch' };
  const verified = verifyDraw({ seed: p.round.seed, seedHash: p.round.seedHash, places: p.round.places, order });
  if (!verified.ok) return verified;
  if (p.draw.some((d) => d.outcome !== (d.position <= p.round.places ? 'allocated' : 'waiting'))) return { ok: false, reason: 'outcome_mismatch' };
  return { ok: true, requests: order.length, places: p.round.places };
}
