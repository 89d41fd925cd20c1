import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isValidTimeZone, validateOpeningHours } from '../../../core/opening-hours.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, fieldError, notFound } from '../../http/errors.ts';
import type * as S from './schemas.ts';
import * as store from './store.ts';

const bool = (v: boolean | undefined, fallback = true): number => ((v ?? fallback) ? 1 : 0);

/** Runs a configuration write in one transaction; a unique clash that slips past the checks is a 409, not a 500. */
async function write<T>(ctx: AppContext, uniqueCode: string, uniqueField: string, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(uniqueCode, uniqueField);
    throw err;
  }
}

function checkCentreRules(input: Partial<S.CentreInputT>): void {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) throw fieldError('timeZone', 'unknown_time_zone');
  if (input.openingHours) {
    const problem = validateOpeningHours(input.openingHours);
    if (problem) throw fieldError('openingHours', problem);
  }
}

// Centres ---------------------------------------------------------------
export async function listCentres(ctx: AppContext): Promise<store.Centre[]> {
  return (await store.listCentres(ctx.db)).map(store.toCentre);
}

export async function getCentre(ctx: AppContext, id: string): Promise<store.Centre> {
  const row = await store.findCentre(ctx.db, id);
  if (!row) throw notFound('centre_not_found');
  return store.toCentre(row);
}

export async function createCentre(ctx: AppContext, input: S.CentreInputT): Promise<store.Centre> {
  checkCentreRules(input);
  const now = ctx.now().toISOString();
  const row = {
    id: randomUUID(),
    code: input.code,
    name: input.name.trim(),
    address: input.address.trim(),
    time_zone: input.timeZone,
    opening_hours: JSON.stringify(input.openingHours),
    languages: JSON.stringify(input.languages),
    active: bool(input.active),
    created_at: now,
    updated_at: now,
  };
  return write(ctx, 'code_taken', 'code', async (trx) => {
    if (await store.findCentreByCode(trx, input.code)) throw conflict('code_taken', 'code');
    await store.insertCentre(trx, row);
    return store.toCentre(row);
  });
}

export async function updateCentre(ctx: AppContext, id: string, patch: S.CentrePatchT): Promise<store.Centre> {
  checkCentreRules(patch);
  return write(ctx, 'code_taken', 'code', async (trx) => {
    const existing = await store.findCentre(trx, id);
    if (!existing) throw notFound('centre_not_found');
    if (patch.code && patch.code !== existing.code && (await store.findCentreByCode(trx, patch.code))) throw conflict('code_taken', 'code');
    const set = {
      ...(patch.code !== undefined && { code: patch.code }),
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.address !== undefined && { address: patch.address.trim() }),
      ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
      ...(patch.openingHours !== undefined && { opening_hours: JSON.stringify(patch.openingHours) }),
      ...(patch.languages !== undefined && { languages: JSON.stringify(patch.languages) }),
      ...(patch.active !== undefined && { active: bool(patch.active) }),
      updated_at: ctx.now().toISOString(),
    };
    await store.updateCentre(trx, id, set);
    return store.toCentre({ ...existing, ...set });
  });
}

// Partners --------------------------------------------------------------
export async function listPartners(ctx: AppContext): Promise<store.Partner[]> {
  return (await store.listPartners(ctx.db)).map(store.toPartner);
}

export async function createPartner(ctx: AppContext, input: S.PartnerInputT): Promise<store.Partner> {
  const now = ctx.now().toISOString();
  const row = { id: randomUUID(), code: input.code, kind: input.kind, name: JSON.stringify(input.name), active: bool(input.active), retention_years: input.retentionYears ?? null, retention_basis: input.retentionBasis?.trim() || null, created_at: now, updated_at: now };
  return write(ctx, 'code_taken', 'code', async (trx) => {
    if (await store.findPartnerByCode(trx, input.code)) throw conflict('code_taken', 'code');
    await store.insertPartner(trx, row);
    return store.toPartner(row);
  });
}

export async function updatePartner(ctx: AppContext, id: string, patch: S.PartnerPatchT): Promise<store.Partner> {
  return write(ctx, 'code_taken', 'code', async (trx) => {
    const existing = await store.findPartner(trx, id);
    if (!existing) throw notFound('partner_not_found');
    if (patch.code && patch.code !== existing.code && (await store.findPartnerByCode(trx, patch.code))) throw conflict('code_taken', 'code');
    const set = {
      ...(patch.code !== undefined && { code: patch.code }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.name !== undefined && { name: JSON.stringify(patch.name) }),
      ...(patch.active !== undefined && { active: bool(patch.active) }),
      ...(patch.retentionYears !== undefined && { retention_years: patch.retentionYears }),
      ...(patch.retentionBasis !== undefined && { retention_basis: patch.retentionBasis?.trim() || null }),
      updated_at: ctx.now().toISOString(),
    };
    await store.updatePartner(trx, id, set);
    return store.toPartner({ ...existing, ...set });
  });
}

// Desks -----------------------------------------------------------------
export async function listDesks(ctx: AppContext, centreId?: string): Promise<store.Desk[]> {
  return (await store.listDesks(ctx.db, centreId)).map(store.toDesk);
}

export async function createDesk(ctx: AppContext, input: S.DeskInputT): Promise<store.Desk> {
  const now = ctx.now().toISOString();
  const row = { id: randomUUID(), centre_id: input.centreId, partner_id: input.partnerId, active: bool(input.active), created_at: now, updated_at: now };
  return write(ctx, 'desk_exists', 'partnerId', async (trx) => {
    if (!(await store.findCentre(trx, input.centreId))) throw fieldError('centreId', 'unknown_centre');
    if (!(await store.findPartner(trx, input.partnerId))) throw fieldError('partnerId', 'unknown_partner');
    if (await store.findDeskAt(trx, input.centreId, input.partnerId)) throw conflict('desk_exists', 'partnerId');
    await store.insertDesk(trx, row);
    return store.toDesk(row);
  });
}

export async function updateDesk(ctx: AppContext, id: string, patch: { active: boolean }): Promise<store.Desk> {
  const existing = await store.findDesk(ctx.db, id);
  if (!existing) throw notFound('desk_not_found');
  const set = { active: bool(patch.active), updated_at: ctx.now().toISOString() };
  await store.updateDesk(ctx.db, id, set);
  return store.toDesk({ ...existing, ...set });
}

// Topics ----------------------------------------------------------------
export async function listTopics(ctx: AppContext): Promise<store.Topic[]> {
  return (await store.listTopics(ctx.db)).map(store.toTopic);
}

export async function createTopic(ctx: AppContext, input: S.TopicInputT): Promise<store.Topic> {
  const row = { code: input.code, name: JSON.stringify(input.name) };
  return write(ctx, 'code_taken', 'code', async (trx) => {
    await store.insertTopic(trx, row);
    return store.toTopic(row);
  });
}

async function checkTopics(db: Kysely<Database>, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const known = new Set((await store.listTopics(db)).map((t) => t.code));
  if (topics.some((t) => !known.has(t))) throw fieldError('topics', 'unknown_topic');
}

// Services --------------------------------------------------------------
export async function listServices(ctx: AppContext, centreId?: string): Promise<store.Service[]> {
  return (await store.listServices(ctx.db, centreId)).map(store.toService);
}

export async function createService(ctx: AppContext, input: S.ServiceInputT): Promise<store.Service> {
  const now = ctx.now().toISOString();
  return write(ctx, 'prefix_taken', 'ticketPrefix', async (trx) => {
    const desk = await store.findDesk(trx, input.deskId);
    if (!desk) throw fieldError('deskId', 'unknown_desk');
    await checkTopics(trx, input.topics);
    if (await store.findServiceByPrefix(trx, desk.centre_id, input.ticketPrefix)) throw conflict('prefix_taken', 'ticketPrefix');
    if (await store.findServiceByCode(trx, desk.centre_id, input.code)) throw conflict('code_taken', 'code');
    const row = {
      id: randomUUID(),
      centre_id: desk.centre_id,
      desk_id: desk.id,
      code: input.code,
      name: JSON.stringify(input.name),
      ticket_prefix: input.ticketPrefix,
      expected_minutes: input.expectedMinutes,
      max_wait_minutes: input.maxWaitMinutes ?? 45,
      target_wait_minutes: input.targetWaitMinutes ?? 20,
      priority_burst: input.priorityBurst ?? 3,
      topics: JSON.stringify(input.topics),
      languages: JSON.stringify(input.languages),
      active: bool(input.active),
      created_at: now,
      updated_at: now,
    };
    await store.insertService(trx, row);
    return store.toService({ ...row, partner_id: desk.partner_id });
  });
}

export async function updateService(ctx: AppContext, id: string, patch: S.ServicePatchT): Promise<store.Service> {
  return write(ctx, 'prefix_taken', 'ticketPrefix', async (trx) => {
    const existing = await store.findService(trx, id);
    if (!existing) throw notFound('service_not_found');
    if (patch.topics) await checkTopics(trx, patch.topics);
    if (patch.ticketPrefix && patch.ticketPrefix !== existing.ticket_prefix && (await store.findServiceByPrefix(trx, existing.centre_id, patch.ticketPrefix))) {
      throw conflict('prefix_taken', 'ticketPrefix');
    }
    if (patch.code && patch.code !== existing.code && (await store.findServiceByCode(trx, existing.centre_id, patch.code))) throw conflict('code_taken', 'code');
    const set = {
      ...(patch.code !== undefined && { code: patch.code }),
      ...(patch.name !== undefined && { name: JSON.stringify(patch.name) }),
      ...(patch.ticketPrefix !== undefined && { ticket_prefix: patch.ticketPrefix }),
      ...(patch.expectedMinutes !== undefined && { expected_minutes: patch.expectedMinutes }),
      ...(patch.maxWaitMinutes !== undefined && { max_wait_minutes: patch.maxWaitMinutes }),
      ...(patch.targetWaitMinutes !== undefined && { target_wait_minutes: patch.targetWaitMinutes }),
      ...(patch.priorityBurst !== undefined && { priority_burst: patch.priorityBurst }),
      ...(patch.topics !== undefined && { topics: JSON.stringify(patch.topics) }),
      ...(patch.languages !== undefined && { languages: JSON.stringify(patch.languages) }),
      ...(patch.active !== undefined && { active: bool(patch.active) }),
      updated_at: ctx.now().toISOString(),
    };
    await store.updateService(trx, id, set);
    return store.toService({ ...existing, ...set });
  });
}

// Counters --------------------------------------------------------------
export async function listCounters(ctx: AppContext, centreId?: string, db: Kysely<Database> = ctx.db): Promise<store.Counter[]> {
  const rows = await store.listCounterRows(db, centreId);
  const services = await store.counterServiceIds(db, rows.map((r) => r.id));
  return rows.map((r) => store.toCounter(r, services.get(r.id) ?? []));
}

async function checkCounterServices(db: Kysely<Database>, centreId: string, serviceIds: string[]): Promise<void> {
  if ((await store.countServicesAt(db, centreId, serviceIds)) !== serviceIds.length) throw fieldError('serviceIds', 'service_not_at_centre');
}

export async function createCounter(ctx: AppContext, input: S.CounterInputT): Promise<store.Counter> {
  const now = ctx.now().toISOString();
  return write(ctx, 'counter_number_taken', 'number', async (trx) => {
    if (!(await store.findCentre(trx, input.centreId))) throw fieldError('centreId', 'unknown_centre');
    await checkCounterServices(trx, input.centreId, input.serviceIds);
    if (await store.findCounterByNumber(trx, input.centreId, input.number)) throw conflict('counter_number_taken', 'number');
    const row = {
      id: randomUUID(),
      centre_id: input.centreId,
      number: input.number,
      label: (input.label ?? '').trim(),
      active: bool(input.active),
      created_at: now,
      updated_at: now,
    };
    await store.insertCounter(trx, row);
    await store.setCounterServices(trx, row.id, input.serviceIds);
    return store.toCounter(row, input.serviceIds);
  });
}

export async function updateCounter(ctx: AppContext, id: string, patch: S.CounterPatchT): Promise<store.Counter> {
  return write(ctx, 'counter_number_taken', 'number', async (trx) => {
    const existing = await store.findCounter(trx, id);
    if (!existing) throw notFound('counter_not_found');
    if (patch.serviceIds) await checkCounterServices(trx, existing.centre_id, patch.serviceIds);
    if (patch.number !== undefined && patch.number !== existing.number && (await store.findCounterByNumber(trx, existing.centre_id, patch.number))) {
      throw conflict('counter_number_taken', 'number');
    }
    const set = {
      ...(patch.number !== undefined && { number: patch.number }),
      ...(patch.label !== undefined && { label: patch.label.trim() }),
      ...(patch.active !== undefined && { active: bool(patch.active) }),
      updated_at: ctx.now().toISOString(),
    };
    await store.updateCounter(trx, id, set);
    if (patch.serviceIds) await store.setCounterServices(trx, id, patch.serviceIds);
    const services = patch.serviceIds ?? (await store.counterServiceIds(trx, [id])).get(id) ?? [];
    return store.toCounter({ ...existing, ...set }, services);
  });
}

// A whole centre's configuration, as every surface at that centre needs it.
export async function centreConfig(ctx: AppContext, centreId: string) {
  const centre = await getCentre(ctx, centreId);
  const [desks, services, counters] = await Promise.all([listDesks(ctx, centreId), listServices(ctx, centreId), listCounters(ctx, centreId)]);
  return { centre, desks, services, counters };
}

