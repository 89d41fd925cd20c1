import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, TurnAlertTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type TurnAlertRow = Selectable<TurnAlertTable>;

/** One request per visit and channel: a second one replaces the first (a corrected number). */
export async function saveAlert(db: Db, row: TurnAlertRow): Promise<void> {
  await db
    .insertInto('turn_alert')
    .values(row)
    .onConflict((oc) => oc.columns(['visit_id', 'channel']).doUpdateSet({ recipient: row.recipient, locale: row.locale, created_at: row.created_at }))
    .execute();
}

export async function deleteAlertsOfVisit(db: Db, visitId: string): Promise<number> {
  const res = await db.deleteFrom('turn_alert').where('visit_id', '=', visitId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Numbers left behind by visits that ended some other way (a day closed, a no-show): forgotten. */
export async function deleteAlertsOfEndedVisits(db: Db): Promise<number> {
  const res = await db
    .deleteFrom('turn_alert')
    .where('visit_id', 'in', (eb) => eb.selectFrom('visit').select('id').where('status', '!=', 'active'))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export const alertsOfVisit = (db: Db, visitId: string) => db.selectFrom('turn_alert').selectAll().where('visit_id', '=', visitId).execute();

export const alertsAtCentre = (db: Db, centreId: string) => db.selectFrom('turn_alert').selectAll().where('centre_id', '=', centreId).execute();

/** The centre's setting: "your turn is near" when this many people or fewer are ahead. */
export async function turnNearAhead(db: Db, centreId: string): Promise<number> {
  const row = (await sql<{ n: number }>`select turn_near_ahead as n from centre where id = ${centreId}`.execute(db)).rows[0];
  return Number(row?.n ?? 3);
}

/** Waiting tickets of these visits in one service queue. */
export const waitingTicketsOf = (db: Db, visitIds: readonly string[], serviceId: string) =>
  db.selectFrom('ticket').select(['id', 'visit_id', 'number', 'queued_at']).where('visit_id', 'in', visitIds).where('service_id', '=', serviceId).where('status', '=', 'waiting').execute();

/** People waiting for the same service who joined its queue earlier. */
export async function peopleAhead(db: Db, serviceId: string, queuedAt: string, ticketId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('service_id', '=', serviceId)
    .where('status', '=', 'waiting')
    .where('id', '!=', ticketId)
    .where('queued_at', '<', queuedAt)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
