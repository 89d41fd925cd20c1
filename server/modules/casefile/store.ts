import type { Kysely, Selectable } from 'kysely';
import type { CaseMatterTable, CaseNoteTable, Database, PersonDocumentTable, PersonTable, ReferralTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type PersonRow = Selectable<PersonTable>;
export type DocumentRow = Selectable<PersonDocumentTable>;
export type CaseRow = Selectable<CaseMatterTable>;
export type NoteRow = Selectable<CaseNoteTable>;
export type ReferralRow = Selectable<ReferralTable>;

export const findPerson = (db: Db, id: string) => db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
export const insertPerson = (db: Db, row: PersonRow) => db.insertInto('person').values(row).execute();
export const updatePerson = (db: Db, id: string, set: Partial<PersonRow>) => db.updateTable('person').set(set).where('id', '=', id).execute();

export const documentsOf = (db: Db, personIds: string[]) =>
  personIds.length ? db.selectFrom('person_document').selectAll().where('person_id', 'in', personIds).orderBy('created_at').execute() : Promise.resolve([] as DocumentRow[]);
export const insertDocument = (db: Db, row: DocumentRow) => db.insertInto('person_document').values(row).execute();
export const findDocument = (db: Db, id: string) => db.selectFrom('person_document').selectAll().where('id', '=', id).executeTakeFirst();
export const updateDocument = (db: Db, id: string, set: Partial<DocumentRow>) => db.updateTable('person_document').set(set).where('id', '=', id).execute();

export const householdOf = (db: Db, personId: string) =>
  db
    .selectFrom('household_link')
    .innerJoin('person', 'person.id', 'household_link.related_person_id')
    .select(['household_link.related_person_id', 'household_link.relation', 'person.full_name'])
    .where('household_link.person_id', '=', personId)
    .execute();

/**
 * Possible matches for a new or searched person, narrowed in SQL (same birth date, a shared
 * document, or a name sharing its first letters) before the careful comparison in core/persons.
 */
export async function matchCandidates(db: Db, input: { searchName: string; birthDate: string | null; documentKeys: string[] }, limit = 300) {
  const firstToken = input.searchName.split(' ')[0] ?? '';
  const prefix = firstToken.slice(0, 3);
  const lastToken = input.searchName.split(' ').at(-1) ?? '';
  const rows = await db
    .selectFrom('person')
    .selectAll()
    .where('merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        ...(input.birthDate ? [eb('birth_date', '=', input.birthDate)] : []),
        ...(prefix ? [eb('search_name', 'like', `${prefix}%`), eb('search_name', 'like', `% ${lastToken.slice(0, 3)}%`)] : []),
        ...(input.documentKeys.length ? [eb('id', 'in', eb.selectFrom('person_document').select('person_id').where('number_key', 'in', input.documentKeys))] : []),
      ]),
    )
    .limit(limit)
    .execute();
  return rows;
}

export const casesOf = (db: Db, personId: string, partnerIds?: string[]) => {
  let q = db.selectFrom('case_matter').selectAll().where('person_id', '=', personId);
  if (partnerIds) {
    if (partnerIds.length === 0) return Promise.resolve([] as CaseRow[]);
    q = q.where('partner_id', 'in', partnerIds);
  }
  return q.orderBy('opened_at', 'desc').execute();
};
export const findCase = (db: Db, id: string) => db.selectFrom('case_matter').selectAll().where('id', '=', id).executeTakeFirst();
export const insertCase = (db: Db, row: CaseRow) => db.insertInto('case_matter').values(row).execute();
export const updateCase = (db: Db, id: string, set: Partial<CaseRow>) => db.updateTable('case_matter').set(set).where('id', '=', id).execute();
/** Notes with their author's name, oldest first. */
export const notesOf = (db: Db, caseIds: string[]) =>
  caseIds.length
    ? db
        .selectFrom('case_note')
        .leftJoin('staff_user', 'staff_user.id', 'case_note.author_id')
        .selectAll('case_note')
        .select('staff_user.display_name as author_name')
        .where('case_id', 'in', caseIds)
        .orderBy('case_note.created_at')
        .execute()
    : Promise.resolve([] as (NoteRow & { author_name: string | null })[]);
export const insertNote = (db: Db, row: NoteRow) => db.insertInto('case_note').values(row).execute();

export const insertReferral = (db: Db, row: ReferralRow) => db.insertInto('referral').values(row).execute();
export const findReferral = (db: Db, id: string) => db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
export const updateReferral = (db: Db, id: string, set: Partial<ReferralRow>, fromStatus: string) =>
  db.updateTable('referral').set(set).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();

/** Partners a section of this person is shared with right now: accepted, not revoked, not expired. */
export async function sharedWith(db: Db, personId: string, sectionPartnerId: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('to_partner_id')
    .where('person_id', '=', personId)
    .where('from_partner_id', '=', sectionPartnerId)
    .where('status', '=', 'accepted')
    .where('expires_at', '>', now)
    .execute();
  return rows.map((r) => r.to_partner_id);
}

/** Sections of this person shared with a partner right now, with the referral that shares each. */
export async function sectionsSharedTo(db: Db, personId: string, partnerId: string, now: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'from_partner_id', 'purpose', 'expires_at'])
    .where('person_id', '=', personId)
    .where('to_partner_id', '=', partnerId)
    .where('status', '=', 'accepted')
    .where('expires_at', '>', now)
    .execute();
}

export function referralsFor(db: Db, partnerId: string, direction: 'incoming' | 'outgoing', personId?: string) {
  let q = db
    .selectFrom('referral')
    .innerJoin('person', 'person.id', 'referral.person_id')
    .selectAll('referral')
    .select('person.full_name')
    .where(direction === 'incoming' ? 'to_partner_id' : 'from_partner_id', '=', partnerId);
  if (personId) q = q.where('referral.person_id', '=', personId);
  return q.orderBy('referral.created_at', 'desc').limit(200).execute();
}
