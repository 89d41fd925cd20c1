import { randomUUID } from 'node:crypto';
import { localTime } from '../../../core/opening-hours.ts';
import type { AppContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { recordEvent } from '../../realtime/events.ts';
import * as network from '../network/store.ts';

export interface ChildInRoom {
  id: string;
  visitId: string;
  guardianTicket: string | null;
  childName: string;
  ageYears: number | null;
  notes: string | null;
  checkedInAt: string;
  checkedOutAt: string | null;
}

/** The guardian is found by today's ticket number at the centre (what the attendant can see). */
async function visitByTicketNumber(ctx: AppContext, centreId: string, number: string) {
  const centre = await network.findCentre(ctx.db, centreId);
  if (!centre) throw notFound('centre_not_found');
  const localDate = localTime(ctx.now(), centre.time_zone).date;
  const ticket = await ctx.db
    .selectFrom('ticket')
    .select(['visit_id'])
    .where('centre_id', '=', centreId)
    .where('local_date', '=', localDate)
    .where('number', '=', number.trim().toUpperCase())
    .executeTakeFirst();
  if (!ticket) throw fieldError('ticketNumber', 'unknown_ticket_today');
  return ticket.visit_id;
}

export async function checkIn(
  ctx: AppContext,
  userId: string,
  centreId: string,
  input: { ticketNumber: string; childName: string; ageYears?: number | undefined; notes?: string | undefined },
): Promise<ChildInRoom> {
  const visitId = await visitByTicketNumber(ctx, centreId, input.ticketNumber);
  const at = ctx.now().toISOString();
  const row = {
    id: randomUUID(),
    centre_id: centreId,
    visit_id: visitId,
    child_name: input.childName.trim(),
    age_years: input.ageYears ?? null,
    notes: input.notes?.trim() || null,
    checked_in_at: at,
    checked_in_by: userId,
    checked_out_at: null,
    checked_out_by: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('child_checkin').values(row).execute();
    // No names in events: boards and counters only learn that a visit has a child in the room.
    await recordEvent(trx, centreId, 'child.checked_in', { checkinId: row.id, visitId }, at);
  });
  ctx.bus?.committed(centreId);
  return { id: row.id, visitId, guardianTicket: input.ticketNumber.trim().toUpperCase(), childName: row.child_name, ageYears: row.age_years, notes: row.notes, checkedInAt: at, checkedOutAt: null };
}

export async function checkOut(ctx: AppContext, userId: string, id: string): Promise<void> {
  const row = await ctx.db.selectFrom('child_checkin').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('child_not_found');
  if (row.checked_out_at) throw new AppError(409, 'child_already_out');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('child_checkin').set({ checked_out_at: at, checked_out_by: userId }).where('id', '=', id).where('checked_out_at', 'is', null).execute();
    await recordEvent(trx, row.centre_id, 'child.checked_out', { checkinId: id, visitId: row.visit_id }, at);
  });
  ctx.bus?.committed(row.centre_id);
}

export const checkinCentre = async (ctx: AppContext, id: string) =>
  (await ctx.db.selectFrom('child_checkin').select('centre_id').where('id', '=', id).executeTakeFirst())?.centre_id ?? null;

/** Who is in the room now, with the guardian's current (or last) ticket number. */
export async function childrenInRoom(ctx: AppContext, centreId: string): Promise<ChildInRoom[]> {
  const rows = await ctx.db.selectFrom('child_checkin').selectAll().where('centre_id', '=', centreId).where('checked_out_at', 'is', null).orderBy('checked_in_at').execute();
  if (rows.length === 0) return [];
  const tickets = await ctx.db
    .selectFrom('ticket')
    .select(['visit_id', 'number', 'status', 'issued_at'])
    .where('visit_id', 'in', rows.map((r) => r.visit_id))
    .orderBy('issued_at')
    .execute();
  const guardianTicket = new Map<string, string>();
  for (const t of tickets) guardianTicket.set(t.visit_id, t.number); // the latest wins
  return rows.map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    guardianTicket: guardianTicket.get(r.visit_id) ?? null,
    childName: r.child_name,
    ageYears: r.age_years,
    notes: r.notes,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
  }));
}

/** For counters: how many children each visit has in the room now. */
export async function childrenCountByVisit(ctx: AppContext, centreId: string): Promise<Map<string, number>> {
  const rows = await ctx.db.selectFrom('child_checkin').select('visit_id').where('centre_id', '=', centreId).where('checked_out_at', 'is', null).execute();
  const map = new Map<string, number>();
  for (const r of rows) map.set(r.visit_id, (map.get(r.visit_id) ?? 0) + 1);
  return map;
}
