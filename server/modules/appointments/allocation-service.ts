import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { drawRound as drawLottery, DRAW_METHOD, listDigest, newRequestId, newSeed, seedCommitment } from '../../../core/appointments/allocation.ts';
import { normaliseDocumentNumber } from '../../../core/appointments/booking.ts';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import type { StaffActor } from '../../access/actor.ts';
import { isoNow, type AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/errors.ts';
import * as store from './allocation-store.ts';
import { identityHashes } from './service.ts';

/**
 * Fair allocation of appointment places: rounds (one service, one week) with a request window, a
 * seeded lottery at its close (core/appointments/allocation.ts), a published draw, and a waiting
 * list that takes over cancelled places in the cancellation's own transaction.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export interface RoundInput {
  serviceId: string;
  weekStart: string;
  places: number;
  opensAt: string;
  closesAt: string;
}

export interface RoundView {
  id: string;
  serviceId: string;
  centreId: string;
  weekStart: string;
  places: number;
  opensAt: string;
  closesAt: string;
  method: string;
  seedHash: string;
  /** Revealed at the draw; null before. */
  seed: string | null;
  listDigest: string | null;
  requestCount: number | null;
  drawnAt: string | null;
  state: 'upcoming' | 'open' | 'closed' | 'drawn';
}

export function roundView(r: store.RoundRow, now: Date): RoundView {
  const nowIso = now.toISOString();
  const state = r.drawn_at ? 'drawn' : nowIso < r.opens_at ? 'upcoming' : nowIso < r.closes_at ? 'open' : 'closed';
  return {
    id: r.id,
    serviceId: r.service_id,
    centreId: r.centre_id,
    weekStart: r.week_start,
    places: r.places,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    method: DRAW_METHOD,
    seedHash: r.seed_hash,
    seed: r.drawn_at ? r.seed : null,
    listDigest: r.list_digest,
    requestCount: r.request_count,
    drawnAt: r.drawn_at,
    state,
  };
}

/** The service a round is for, with its centre: it must exist and be active. */
async function serviceOf(ctx: AppContext, serviceId: string) {
  const s = await ctx.db.selectFrom('service').select(['id', 'centre_id', 'name', 'active', 'appointments_enabled', 'booking_mode']).where('id', '=', serviceId).executeTakeFirst();
  if (!s || !s.active) throw fieldError('serviceId', 'unknown_service');
  // Only a service that gives its places by lottery has rounds (first-come services book slots directly).
  if (!s.appointments_enabled || s.booking_mode !== 'allocation') throw fieldError('serviceId', 'service_not_in_allocation_mode');
  return s;
}

/** The centre a service belongs to (for can() before the round exists). */
export async function centreOfService(ctx: AppContext, serviceId: string): Promise<string | null> {
  const s = await ctx.db.selectFrom('service').select('centre_id').where('id', '=', serviceId).executeTakeFirst();
  return s?.centre_id ?? null;
}

export async function openRound(ctx: AppContext, actor: StaffActor, input: RoundInput): Promise<RoundView> {
  const service = await serviceOf(ctx, input.serviceId);
  if (!isDate(input.weekStart) || new Date(`${input.weekStart}T00:00:00Z`).getUTCDay() !== 1) throw fieldError('weekStart', 'not_a_monday');
  if (!Number.isInteger(input.places) || input.places < 1 || input.places > 100_000) throw fieldError('places', 'invalid');
  const opens = Date.parse(input.opensAt);
  const closes = Date.parse(input.closesAt);
  if (Number.isNaN(opens)) throw fieldError('opensAt', 'invalid_format');
  if (Number.isNaN(closes)) throw fieldError('closesAt', 'invalid_format');
  if (closes <= opens) throw fieldError('closesAt', 'window_closes_before_it_opens');
  if (closes <= ctx.now().getTime()) throw fieldError('closesAt', 'window_in_the_past');
  // The draw must come before the week it gives places in.
  if (closes > Date.parse(`${input.weekStart}T00:00:00Z`)) throw fieldError('closesAt', 'window_after_week_start');
  const seed = newSeed();
  const now = isoNow(ctx);
  const row: store.RoundRow = {
    id: randomUUID(),
    service_id: service.id,
    centre_id: service.centre_id,
    week_start: input.weekStart,
    places: input.places,
    opens_at: new Date(opens).toISOString(),
    closes_at: new Date(closes).toISOString(),
    seed,
    seed_hash: seedCommitment(seed),
    list_digest: null,
    request_count: null,
    drawn_at: null,
    created_by: actor.id,
    created_at: now,
  };
  try {
    await store.insertRound(ctx.db, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('round_exists', 'weekStart');
    throw err;
  }
  return roundView(row, ctx.now());
}

export async function listRounds(ctx: AppContext, filter: { centreId?: string | undefined; serviceId?: string | undefined }) {
  const rows = await store.listRounds(ctx.db, filter);
  const now = ctx.now();
  return Promise.all(rows.map(async (r) => ({ ...roundView(r, now), counts: await store.statusCounts(ctx.db, r.id) })));
}

export async function findRound(ctx: AppContext, id: string): Promise<store.RoundRow> {
  const r = await store.findRound(ctx.db, id);
  if (!r) throw notFound('round_not_found');
  return r;
}

export interface PublishedDraw {
  round: RoundView;
  /** The draw: every request id in draw order, and what the draw gave it. Empty before the draw. */
  draw: { id: string; position: number; outcome: 'allocated' | 'waiting' }[];
}

/** What anyone may see of a round: the commitment, and after the draw the seed and the draw itself. */
export async function publishedDraw(ctx: AppContext, roundId: string): Promise<PublishedDraw> {
  const r = await findRound(ctx, roundId);
  const round = roundView(r, ctx.now());
  if (!r.drawn_at) return { round, draw: [] };
  const drawn = (await store.roundRequests(ctx.db, r.id)).filter((q) => q.position != null).sort((a, b) => a.position! - b.position!);
  return { round, draw: drawn.map((q) => ({ id: q.id, position: q.position!, outcome: q.position! <= r.places ? 'allocated' : 'waiting' })) };
}

// --- Clients' requests.

export interface RequestInput {
  name: string;
  documentNumber: string;
  birthDate: string;
  email?: string | undefined;
  phone?: string | undefined;
  language: string;
  needsMediator: boolean;
}

function validateRequest(ctx: AppContext, input: RequestInput): Required<Pick<RequestInput, 'name' | 'birthDate' | 'language' | 'needsMediator'>> & { document: string; email: string | null; phone: string | null } {
  const name = input.name.trim();
  if (!name) throw fieldError('name', 'required');
  if (name.length > 200) throw fieldError('name', 'too_long');
  if (!input.documentNumber.trim()) throw fieldError('documentNumber', 'required');
  const document = normaliseDocumentNumber(input.documentNumber);
  if (!document) throw fieldError('documentNumber', 'invalid_format');
  if (!input.birthDate) throw fieldError('birthDate', 'required');
  const today = ctx.now().toISOString().slice(0, 10);
  if (!isDate(input.birthDate) || input.birthDate >= today || input.birthDate < '1900-01-01') throw fieldError('birthDate', 'invalid_date');
  const email = input.email?.trim() || null;
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) throw fieldError('email', 'invalid_email');
  const phone = input.phone?.replace(/[\s().-]/g, '') || null;
  if (phone && !/^\+?\d{6,16}$/.test(phone)) throw fieldError('phone', 'invalid_phone');
  if (!(CLIENT_LANGUAGES as readonly string[]).includes(input.language)) throw fieldError('language', 'invalid_choice');
  return { name, document, birthDate: input.birthDate, email, phone, language: input.language, needsMediator: input.needsMediator };
}

export interface RequestReceipt {
  requestId: string;
  /** The secret of the client's status link; shown once. */
  statusToken: string;
}

/**
 * A client asks for a place in a round while its window is open. One live request per person per
 * service (the unique active key); a second is refused with 409, whatever email it gives.
 */
export async function submitRequest(ctx: AppContext, roundId: string, input: RequestInput): Promise<RequestReceipt> {
  const round = await findRound(ctx, roundId);
  const v = validateRequest(ctx, input);
  // The same keyed hash as bookings (appointments/service.ts): one person, whatever email they give.
  const hash = (await identityHashes(ctx, v.document, v.birthDate)).identity;
  const statusToken = randomBytes(24).toString('base64url');
  const now = isoNow(ctx);
  for (let attempt = 0; ; attempt += 1) {
    const id = newRequestId();
    try {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await store.holdOpenRound(trx, round.id, now))) throw new AppError(409, 'round_not_open');
        await store.insertRequest(trx, {
          id,
          round_id: round.id,
          service_id: round.service_id,
          identity_hash: hash,
          active_key: `${hash}:${round.service_id}`,
          status_token_hash: sha256(statusToken),
          status: 'requested',
          position: null,
          client_name: v.name,
          email: v.email,
          phone: v.phone,
          language: v.language,
          needs_mediator: v.needsMediator ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
      });
      return { requestId: id, statusToken };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A clash of the 40-bit public id is possible in principle: try another; else it is the person.
      const taken = await ctx.db.selectFrom('allocation_request').select('id').where('active_key', '=', `${hash}:${round.service_id}`).executeTakeFirst();
      if (taken || attempt >= 3) throw conflict('already_requested', 'documentNumber');
    }
  }
}

/**
 * Draws a round if its window has closed and nobody has drawn it: idempotent, and safe when two
 * nodes try at once (claimDraw lets one through). The claim, every request's outcome and the
 * published digest are one transaction: a failed draw leaves the round undrawn, to be tried again.
 */
export async function drawRound(ctx: AppContext, roundId: string): Promise<boolean> {
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await store.claimDraw(trx, roundId, now))) return false;
    const round = (await store.findRound(trx, roundId))!;
    const requests = (await store.roundRequests(trx, roundId)).filter((r) => r.status === 'requested');
    const draw = drawLottery(round.seed, requests.map((r) => ({ id: r.id, identityHash: r.identity_hash })), round.places);
    for (const [i, id] of draw.order.entries()) await store.setRequestDrawn(trx, id, i < round.places ? 'allocated' : 'waiting', i + 1, now);
    for (const id of draw.duplicates) await store.setRequestDrawn(trx, id, 'not_drawn', null, now);
    await store.setRoundDrawn(trx, roundId, { list_digest: listDigest(draw.order), request_count: draw.order.length });
    return true;
  });
}

/** Draws every round whose window has closed (the job every node runs each minute). */
export async function drawDueRounds(ctx: AppContext): Promise<number> {
  let drawn = 0;
  for (const id of await store.dueRoundIds(ctx.db, isoNow(ctx))) if (await drawRound(ctx, id)) drawn += 1;
  return drawn;
}

export interface RequestStatusView {
  requestId: string;
  status: 'requested' | 'allocated' | 'waiting' | 'cancelled' | 'not_drawn';
  /** Place in the draw (1 = drawn first); null before the draw. */
  position: number | null;
  /** Place on the waiting list now (1 = next to get a place); null when not waiting. */
  waitingPlace: number | null;
  language: string;
  round: RoundView;
  service: { id: string; name: Record<string, string> };
}

async function requestByToken(ctx: AppContext, token: string): Promise<store.RequestRow> {
  const r = token.length >= 16 && token.length <= 64 ? await store.findRequestByToken(ctx.db, sha256(token)) : undefined;
  if (!r) throw notFound('request_link_invalid');
  return r;
}

/** What the client's status link shows: their request, its outcome, their place on the waiting list. */
export async function requestStatus(ctx: AppContext, token: string): Promise<RequestStatusView> {
  const r = await requestByToken(ctx, token);
  const round = await findRound(ctx, r.round_id);
  const service = await ctx.db.selectFrom('service').select(['id', 'name']).where('id', '=', round.service_id).executeTakeFirstOrThrow();
  return {
    requestId: r.id,
    status: r.status as RequestStatusView['status'],
    position: r.position,
    waitingPlace: r.status === 'waiting' && r.position != null ? await store.waitingPlace(ctx.db, r.round_id, r.position) : null,
    language: r.language,
    round: roundView(round, ctx.now()),
    service: { id: service.id, name: JSON.parse(service.name) as Record<string, string> },
  };
}

/**
 * The client withdraws. If they held a place, the first still waiting gets it in the same
 * transaction (a guarded update: two cancellations at once promote two different people).
 */
export async function cancelRequest(ctx: AppContext, token: string): Promise<{ promoted: string | null }> {
  const r = await requestByToken(ctx, token);
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const wasAllocated = await store.moveRequest(trx, r.id, ['allocated'], 'cancelled', now);
    if (!wasAllocated && !(await store.moveRequest(trx, r.id, ['requested', 'waiting'], 'cancelled', now))) throw conflict('request_not_live');
    if (!wasAllocated) return { promoted: null };
    for (const next of await store.waitingList(trx, r.round_id)) {
      if (await store.moveRequest(trx, next.id, ['waiting'], 'allocated', now)) return { promoted: next.id };
    }
    return { promoted: null };
  });
}
