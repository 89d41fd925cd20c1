import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CentreTable, CounterTable, Database, DeskTable, PartnerTable, ServiceTable, TopicTable } from '../../db/schema.ts';
import type { OpeningHours } from '../../../core/opening-hours.ts';

type Db = Kysely<Database>;
/** Columns the appointments module owns (it reads them through its own store). */
type AppointmentServiceColumns = 'appointments_enabled' | 'booking_mode' | 'appointment_share_percent' | 'slot_minutes' | 'checkin_early_minutes' | 'checkin_late_minutes';
type ServiceRow = Omit<Selectable<ServiceTable>, AppointmentServiceColumns>;
type PartnerRow = Omit<Selectable<PartnerTable>, 'booking_retention_days'>;

export interface Centre {
  id: string;
  code: string;
  name: string;
  address: string;
  timeZone: string;
  languages: string[];
  openingHours: OpeningHours;
  active: boolean;
}
export interface Partner {
  id: string;
  code: string;
  kind: 'government_agency' | 'support_office' | 'centre_service';
  name: Record<string, string>;
  active: boolean;
  retentionYears: number | null;
  retentionBasis: string | null;
}
export interface Desk {
  id: string;
  centreId: string;
  partnerId: string;
  active: boolean;
}
export interface Topic {
  code: string;
  name: Record<string, string>;
}
export interface Service {
  id: string;
  centreId: string;
  deskId: string;
  partnerId: string;
  code: string;
  name: Record<string, string>;
  ticketPrefix: string;
  expectedMinutes: number;
  maxWaitMinutes: number;
  targetWaitMinutes: number;
  priorityBurst: number;
  topics: string[];
  languages: string[];
  active: boolean;
}
export interface Counter {
  id: string;
  centreId: string;
  number: number;
  label: string;
  serviceIds: string[];
  active: boolean;
}

/** A centre row; the boards' notice line is left out where a centre is created or converted (it starts empty). */
type CentreRow = Omit<Selectable<CentreTable>, 'board_notice'> & { board_notice?: string | null };
export const toCentre = (r: CentreRow): Centre => ({
  id: r.id,
  code: r.code,
  name: r.name,
  address: r.address,
  timeZone: r.time_zone,
  languages: JSON.parse(r.languages),
  openingHours: JSON.parse(r.opening_hours),
  active: r.active === 1,
});
export const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  code: r.code,
  kind: r.kind as Partner['kind'],
  name: JSON.parse(r.name),
  active: r.active === 1,
  retentionYears: r.retention_years,
  retentionBasis: r.retention_basis,
});
export const toDesk = (r: Selectable<DeskTable>): Desk => ({ id: r.id, centreId: r.centre_id, partnerId: r.partner_id, active: r.active === 1 });
export const toTopic = (r: Selectable<TopicTable>): Topic => ({ code: r.code, name: JSON.parse(r.name) });
export const toService = (r: ServiceRow & { partner_id: string }): Service => ({
  id: r.id,
  centreId: r.centre_id,
  deskId: r.desk_id,
  partnerId: r.partner_id,
  code: r.code,
  name: JSON.parse(r.name),
  ticketPrefix: r.ticket_prefix,
  expectedMinutes: r.expected_minutes,
  maxWaitMinutes: r.max_wait_minutes,
  targetWaitMinutes: r.target_wait_minutes,
  priorityBurst: r.priority_burst,
  topics: JSON.parse(r.topics),
  languages: JSON.parse(r.languages),
  active: r.active === 1,
});
export const toCounter = (r: Selectable<CounterTable>, serviceIds: string[]): Counter => ({
  id: r.id,
  centreId: r.centre_id,
  number: r.number,
  label: r.label,
  serviceIds,
  active: r.active === 1,
});

// Centres
export const listCentres = (db: Db) => db.selectFrom('centre').selectAll().orderBy('name').execute();
export const findCentre = (db: Db, id: string) => db.selectFrom('centre').selectAll().where('id', '=', id).executeTakeFirst();
export const findCentreByCode = (db: Db, code: string) => db.selectFrom('centre').selectAll().where('code', '=', code).executeTakeFirst();
export const insertCentre = (db: Db, row: CentreRow) => db.insertInto('centre').values(row).execute();
export const updateCentre = (db: Db, id: string, set: Partial<Selectable<CentreTable>>) => db.updateTable('centre').set(set).where('id', '=', id).execute();

// Partners
export const listPartners = (db: Db) => db.selectFrom('partner').selectAll().orderBy('code').execute();
export const findPartner = (db: Db, id: string) => db.selectFrom('partner').selectAll().where('id', '=', id).executeTakeFirst();
export const findPartnerByCode = (db: Db, code: string) => db.selectFrom('partner').selectAll().where('code', '=', code).executeTakeFirst();
export const insertPartner = (db: Db, row: Insertable<PartnerTable>) => db.insertInto('partner').values(row).execute();
export const updatePartner = (db: Db, id: string, set: Partial<Selectable<PartnerTable>>) => db.updateTable('partner').set(set).where('id', '=', id).execute();

// Desks
export function listDesks(db: Db, centreId?: string) {
  let q = db.selectFrom('desk').selectAll().orderBy('centre_id').orderBy('partner_id');
  if (centreId) q = q.where('centre_id', '=', centreId);
  return q.execute();
}
export const findDesk = (db: Db, id: string) => db.selectFrom('desk').selectAll().where('id', '=', id).executeTakeFirst();
export const findDeskAt = (db: Db, centreId: string, partnerId: string) =>
  db.selectFrom('desk').selectAll().where('centre_id', '=', centreId).where('partner_id', '=', partnerId).executeTakeFirst();
export const insertDesk = (db: Db, row: Selectable<DeskTable>) => db.insertInto('desk').values(row).execute();
export const updateDesk = (db: Db, id: string, set: Partial<Selectable<DeskTable>>) => db.updateTable('desk').set(set).where('id', '=', id).execute();

// Topics
export const listTopics = (db: Db) => db.selectFrom('topic').selectAll().orderBy('code').execute();
export const insertTopic = (db: Db, row: Selectable<TopicTable>) => db.insertInto('topic').values(row).execute();

// Services (with the partner of their desk, which every reader needs)
function servicesQuery(db: Db) {
  return db.selectFrom('service').innerJoin('desk', 'desk.id', 'service.desk_id').selectAll('service').select('desk.partner_id');
}
export function listServices(db: Db, centreId?: string) {
  let q = servicesQuery(db).orderBy('service.centre_id').orderBy('service.ticket_prefix');
  if (centreId) q = q.where('service.centre_id', '=', centreId);
  return q.execute();
}
export const findService = (db: Db, id: string) => servicesQuery(db).where('service.id', '=', id).executeTakeFirst();
export const findServiceByPrefix = (db: Db, centreId: string, prefix: string) =>
  db.selectFrom('service').select('id').where('centre_id', '=', centreId).where('ticket_prefix', '=', prefix).executeTakeFirst();
export const findServiceByCode = (db: Db, centreId: string, code: string) =>
  db.selectFrom('service').select('id').where('centre_id', '=', centreId).where('code', '=', code).executeTakeFirst();
export const insertService = (db: Db, row: Insertable<ServiceTable>) => db.insertInto('service').values(row).execute();
export const updateService = (db: Db, id: string, set: Partial<Selectable<ServiceTable>>) => db.updateTable('service').set(set).where('id', '=', id).execute();

// Counters
export function listCounterRows(db: Db, centreId?: string) {
  let q = db.selectFrom('counter').selectAll().orderBy('centre_id').orderBy('number');
  if (centreId) q = q.where('centre_id', '=', centreId);
  return q.execute();
}
export async function counterServiceIds(db: Db, counterIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(counterIds.map((id) => [id, []]));
  if (counterIds.length === 0) return map;
  const rows = await db.selectFrom('counter_service').selectAll().where('counter_id', 'in', counterIds).execute();
  for (const r of rows) map.get(r.counter_id)?.push(r.service_id);
  return map;
}
export const findCounter = (db: Db, id: string) => db.selectFrom('counter').selectAll().where('id', '=', id).executeTakeFirst();
export const findCounterByNumber = (db: Db, centreId: string, number: number) =>
  db.selectFrom('counter').select('id').where('centre_id', '=', centreId).where('number', '=', number).executeTakeFirst();
export const insertCounter = (db: Db, row: Selectable<CounterTable>) => db.insertInto('counter').values(row).execute();
export const updateCounter = (db: Db, id: string, set: Partial<Selectable<CounterTable>>) => db.updateTable('counter').set(set).where('id', '=', id).execute();
export async function setCounterServices(db: Db, counterId: string, serviceIds: string[]): Promise<void> {
  await db.deleteFrom('counter_service').where('counter_id', '=', counterId).execute();
  if (serviceIds.length) await db.insertInto('counter_service').values(serviceIds.map((service_id) => ({ counter_id: counterId, service_id }))).execute();
}
export async function countServicesAt(db: Db, centreId: string, serviceIds: string[]): Promise<number> {
  if (serviceIds.length === 0) return 0;
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('centre_id', '=', centreId)
    .where('id', 'in', serviceIds)
    .executeTakeFirstOrThrow();
  return Number(row.n); // pg returns count as a string
}
