import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findDuplicates, type DuplicateCandidate } from '../../../core/persons/duplicates.ts';
import { documentKey, searchName } from '../../../core/persons/names.ts';
import type { StaffActor } from '../../access/actor.ts';
import { appendAudit, audit, type AuditAction } from '../../access/audit.ts';
import { can, type Action } from '../../access/policy.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

export const PURPOSES = ['service', 'sorting', 'referral', 'data_subject_request', 'audit'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Who {
  actor: StaffActor;
  purpose: Purpose;
}

/** Days before expiry at which a document is flagged on the casefile and in the desk's list. */
export const EXPIRY_WINDOW_DAYS_DEFAULT = 60;

const auditBase = (ctx: AppContext, who: Who) => ({ actorId: who.actor.id, actorPartnerId: who.actor.partnerId, purpose: who.purpose, at: ctx.now().toISOString() });

async function record(ctx: AppContext, who: Who, action: AuditAction, personId: string | null, section: string | null, detail: Record<string, unknown>, db: Db = ctx.db) {
  const entry = { ...auditBase(ctx, who), action, outcome: 'allowed' as const, personId, section, detail };
  return db === ctx.db ? audit(db, entry) : appendAudit(db, entry);
}

/**
 * Decides access to one partner's section of a person's casefile, live: the owner always, another
 * partner only through an accepted, unexpired, unrevoked referral. A refusal is audited too.
 */
export async function authorizeSection(ctx: AppContext, who: Who, action: Extract<Action, 'section.read' | 'section.write'>, personId: string, sectionPartnerId: string): Promise<'own' | 'referral'> {
  const shared = await store.sharedWith(ctx.db, personId, sectionPartnerId, ctx.now().toISOString());
  if (!can(who.actor, action, { sectionPartnerId, sharedWith: shared })) {
    await audit(ctx.db, { ...auditBase(ctx, who), action: 'deny', outcome: 'denied', personId, section: sectionPartnerId, detail: { what: 'section', attempted: action } });
    throw new AppError(403, 'section_forbidden');
  }
  return who.actor.partnerId === sectionPartnerId ? 'own' : 'referral';
}

// The core: identity, languages, contacts, documents, household --------------------------------

export interface DocumentInput {
  type: string;
  number: string;
  issuingCountry?: string | null | undefined;
  issuedOn?: string | null | undefined;
  expiresOn?: string | null | undefined;
  verified?: boolean | undefined;
}

export interface PersonInput {
  fullName: string;
  birthDate?: string | null | undefined;
  nationalities?: string[] | undefined;
  languages?: string[] | undefined;
  contacts?: { phone?: string | undefined; email?: string | undefined; address?: string | undefined } | undefined;
  documents?: DocumentInput[] | undefined;
}

function daysBetween(fromIso: string, toDate: string): number {
  return Math.floor((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(fromIso.slice(0, 10) + 'T00:00:00Z')) / 86_400_000);
}

export type Expiry = 'none' | 'valid' | 'expiring_soon' | 'expired';

export function toDocument(r: store.DocumentRow, nowIso: string, windowDays = EXPIRY_WINDOW_DAYS_DEFAULT) {
  const days = r.expires_on ? daysBetween(nowIso, r.expires_on) : null;
  const expiry: Expiry = days === null ? 'none' : days < 0 ? 'expired' : days <= windowDays ? 'expiring_soon' : 'valid';
  return {
    id: r.id,
    type: r.type,
    number: r.number,
    issuingCountry: r.issuing_country,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at,
    hasAttachment: r.attachment_path !== null,
    expiry,
    daysToExpiry: days,
  };
}

export function toPersonSummary(r: store.PersonRow) {
  return { id: r.id, fullName: r.full_name, birthDate: r.birth_date, nationalities: JSON.parse(r.nationalities) as string[], languages: JSON.parse(r.languages) as string[], mergedInto: r.merged_into };
}

function documentRow(personId: string, d: DocumentInput, actorId: string, at: string): store.DocumentRow {
  return {
    id: randomUUID(),
    person_id: personId,
    type: d.type,
    number: d.number.trim(),
    number_key: documentKey(d.number),
    issuing_country: d.issuingCountry ?? null,
    issued_on: d.issuedOn ?? null,
    expires_on: d.expiresOn ?? null,
    verified_by: d.verified ? actorId : null,
    verified_at: d.verified ? at : null,
    attachment_path: null,
    attachment_type: null,
    attachment_size: null,
    created_at: at,
  };
}

async function candidatesFor(ctx: AppContext, input: { fullName: string; birthDate: string | null; documentNumbers: string[]; phone?: string | null }, excludeId?: string): Promise<DuplicateCandidate[]> {
  const rows = (await store.matchCandidates(ctx.db, { searchName: searchName(input.fullName), birthDate: input.birthDate, documentKeys: input.documentNumbers.map(documentKey) })).filter((r) => r.id !== excludeId);
  const docs = await store.documentsOf(ctx.db, rows.map((r) => r.id));
  return findDuplicates(
    input,
    rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      documentNumbers: docs.filter((d) => d.person_id === r.id).map((d) => d.number),
      phone: (JSON.parse(r.contacts) as { phone?: string }).phone ?? null,
    })),
  );
}

export type CreateResult = { created: true; person: Awaited<ReturnType<typeof readCore>> } | { created: false; duplicates: (DuplicateCandidate & { person: ReturnType<typeof toPersonSummary> })[] };

/**
 * Creates a person's casefile core. Likely duplicates are shown first, with their reasons; the
 * mediator then opens the existing one or confirms this is someone new.
 */
export async function createPerson(ctx: AppContext, who: Who, input: PersonInput, confirmedNew: boolean): Promise<CreateResult> {
  const birthDate = input.birthDate ?? null;
  if (!confirmedNew) {
    const duplicates = await candidatesFor(ctx, { fullName: input.fullName, birthDate, documentNumbers: (input.documents ?? []).map((d) => d.number), phone: input.contacts?.phone ?? null });
    if (duplicates.length) {
      const rows = await Promise.all(duplicates.map((d) => store.findPerson(ctx.db, d.id)));
      for (const d of duplicates) await record(ctx, who, 'read', d.id, 'core', { what: 'duplicate-candidate' });
      return { created: false, duplicates: duplicates.map((d, i) => ({ ...d, person: toPersonSummary(rows[i]!) })) };
    }
  }
  const at = ctx.now().toISOString();
  const row: store.PersonRow = {
    id: randomUUID(),
    full_name: input.fullName.trim(),
    search_name: searchName(input.fullName),
    birth_date: birthDate,
    nationalities: JSON.stringify(input.nationalities ?? []),
    languages: JSON.stringify(input.languages ?? []),
    contacts: JSON.stringify(input.contacts ?? {}),
    merged_into: null,
    created_by: who.actor.id,
    created_at: at,
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertPerson(trx, row);
    for (const d of input.documents ?? []) await store.insertDocument(trx, documentRow(row.id, d, who.actor.id, at));
    await record(ctx, who, 'write', row.id, 'core', { what: 'person-created', documents: (input.documents ?? []).length }, trx);
  });
  return { created: true, person: await readCore(ctx, row.id) };
}

/** The core without auditing: callers audit. */
async function readCore(ctx: AppContext, personId: string) {
  const row = await store.findPerson(ctx.db, personId);
  if (!row) throw notFound('person_not_found');
  const [docs, household] = await Promise.all([store.documentsOf(ctx.db, [personId]), store.householdOf(ctx.db, personId)]);
  const now = ctx.now().toISOString();
  return {
    ...toPersonSummary(row),
    contacts: JSON.parse(row.contacts) as Record<string, string>,
    documents: docs.map((d) => toDocument(d, now, ctx.config.documentExpiryWindowDays)),
    household: household.map((h) => ({ personId: h.related_person_id, relation: h.relation, fullName: h.full_name })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getCore(ctx: AppContext, who: Who, personId: string) {
  const core = await readCore(ctx, personId);
  await record(ctx, who, 'read', personId, 'core', { what: 'core' });
  return core;
}

export async function updateCore(ctx: AppContext, who: Who, personId: string, patch: Partial<Omit<PersonInput, 'documents'>>) {
  const existing = await store.findPerson(ctx.db, personId);
  if (!existing) throw notFound('person_not_found');
  const set = {
    ...(patch.fullName !== undefined && { full_name: patch.fullName.trim(), search_name: searchName(patch.fullName) }),
    ...(patch.birthDate !== undefined && { birth_date: patch.birthDate }),
    ...(patch.nationalities !== undefined && { nationalities: JSON.stringify(patch.nationalities) }),
    ...(patch.languages !== undefined && { languages: JSON.stringify(patch.languages) }),
    ...(patch.contacts !== undefined && { contacts: JSON.stringify(patch.contacts) }),
    updated_at: ctx.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.updatePerson(trx, personId, set);
    await record(ctx, who, 'write', personId, 'core', { what: 'core-updated', fields: Object.keys(patch) }, trx);
  });
  return readCore(ctx, personId);
}

export async function addDocument(ctx: AppContext, who: Who, personId: string, input: DocumentInput) {
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) throw fieldError('expiresOn', 'expires_before_issue');
  const at = ctx.now().toISOString();
  const row = documentRow(personId, input, who.actor.id, at);
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertDocument(trx, row);
    await record(ctx, who, 'write', personId, 'core', { what: 'document-added', documentId: row.id, type: row.type }, trx);
  });
  return toDocument(row, at, ctx.config.documentExpiryWindowDays);
}

/** Search by name (any script, accents and case ignored, typos tolerated), document number and/or birth date. */
export async function searchPersons(ctx: AppContext, who: Who, query: { q?: string | undefined; birthDate?: string | undefined; document?: string | undefined }) {
  const name = query.q?.trim() ?? '';
  const documentNumbers = query.document ? [query.document] : [];
  let results: { id: string; score: number; reasons: string[] }[];
  if (!name && !query.document && !query.birthDate) throw new AppError(400, 'search_needs_criteria');
  if (name) {
    results = await candidatesFor(ctx, { fullName: name, birthDate: query.birthDate ?? null, documentNumbers }).then((r) => r);
    // A name search also lists weaker matches than a duplicate alarm would.
    if (results.length === 0) {
      const rows = await store.matchCandidates(ctx.db, { searchName: searchName(name), birthDate: query.birthDate ?? null, documentKeys: documentNumbers.map(documentKey) }, 50);
      const { nameSimilarity } = await import('../../../core/persons/duplicates.ts');
      results = rows
        .map((r) => ({ id: r.id, score: nameSimilarity(name, r.full_name), reasons: ['similar_name'] }))
        .filter((r) => r.score >= 0.6)
        .sort((a, b) => b.score - a.score)
        .slice(0, 20);
    }
  } else {
    const rows = await store.matchCandidates(ctx.db, { searchName: '', birthDate: query.birthDate ?? null, documentKeys: documentNumbers.map(documentKey) }, 50);
    results = rows
      .filter((r) => (!query.birthDate || r.birth_date === query.birthDate))
      .map((r) => ({ id: r.id, score: 1, reasons: query.document ? ['same_document'] : ['same_birth_date'] }));
  }
  const rows = await Promise.all(results.map((r) => store.findPerson(ctx.db, r.id)));
  const items = results.flatMap((r, i) => (rows[i] && !rows[i]!.merged_into ? [{ ...toPersonSummary(rows[i]!), score: r.score, reasons: r.reasons }] : []));
  for (const item of items) await record(ctx, who, 'read', item.id, 'core', { what: 'search-result' });
  return items;
}

/** Documents expiring within the window (or expired), for the desk to remind people. */
export async function expiringDocuments(ctx: AppContext, who: Who, days: number, format: 'json' | 'csv' = 'json') {
  const now = ctx.now();
  const until = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await ctx.db
    .selectFrom('person_document')
    .innerJoin('person', 'person.id', 'person_document.person_id')
    .selectAll('person_document')
    .select(['person.full_name'])
    .where('person_document.expires_on', 'is not', null)
    .where('person_document.expires_on', '<=', until)
    .where('person.merged_into', 'is', null)
    .orderBy('person_document.expires_on')
    .limit(500)
    .execute();
  const iso = now.toISOString();
  for (const personId of new Set(rows.map((r) => r.person_id))) await record(ctx, who, 'read', personId, 'core', { what: 'expiring-documents-list', ...(format !== 'json' && { format }) });
  return rows.map((r) => ({ personId: r.person_id, fullName: r.full_name, ...toDocument(r, iso, days) }));
}

/**
 * Merges a duplicate into the person kept: documents, household, cases, visits and referrals move
 * over; the duplicate stays as a pointer (its history is kept) and both are audited.
 */
export async function mergePersons(ctx: AppContext, who: Who, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw fieldError('duplicateId', 'merge_same_person');
  const [keep, dup] = await Promise.all([store.findPerson(ctx.db, keepId), store.findPerson(ctx.db, duplicateId)]);
  if (!keep || !dup) throw notFound('person_not_found');
  if (dup.merged_into || keep.merged_into) throw new AppError(409, 'already_merged');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('person_document').set({ person_id: keepId }).where('person_id', '=', duplicateId).execute();
    await trx.updateTable('case_matter').set({ person_id: keepId }).where('person_id', '=', duplicateId).execute();
    await trx.updateTable('referral').set({ person_id: keepId }).where('person_id', '=', duplicateId).execute();
    await trx.updateTable('visit').set({ person_id: keepId }).where('person_id', '=', duplicateId).execute();
    const links = await trx.selectFrom('household_link').selectAll().where('person_id', '=', duplicateId).execute();
    for (const l of links) {
      await trx.insertInto('household_link').values({ ...l, person_id: keepId }).onConflict((oc) => oc.columns(['person_id', 'related_person_id']).doNothing()).execute();
    }
    await trx.deleteFrom('household_link').where('person_id', '=', duplicateId).execute();
    await store.updatePerson(trx, duplicateId, { merged_into: keepId, updated_at: at });
    await record(ctx, who, 'merge', keepId, 'core', { what: 'merged-in', from: duplicateId }, trx);
    await record(ctx, who, 'merge', duplicateId, 'core', { what: 'merged-into', into: keepId }, trx);
  });
  return readCore(ctx, keepId);
}

export async function addHouseholdLink(ctx: AppContext, who: Who, personId: string, relatedId: string, relation: string) {
  if (personId === relatedId) throw fieldError('personId', 'household_self');
  if (!(await store.findPerson(ctx.db, personId)) || !(await store.findPerson(ctx.db, relatedId))) throw notFound('person_not_found');
  const inverse: Record<string, string> = { parent: 'child', child: 'parent', spouse: 'spouse', sibling: 'sibling', other: 'other' };
  await ctx.db.transaction().execute(async (trx) => {
    for (const [a, b, rel] of [
      [personId, relatedId, relation],
      [relatedId, personId, inverse[relation] ?? 'other'],
    ] as const) {
      await trx.insertInto('household_link').values({ person_id: a, related_person_id: b, relation: rel }).onConflict((oc) => oc.columns(['person_id', 'related_person_id']).doUpdateSet({ relation: rel })).execute();
    }
    await record(ctx, who, 'write', personId, 'core', { what: 'household-link', related: relatedId, relation }, trx);
    await record(ctx, who, 'write', relatedId, 'core', { what: 'household-link', related: personId, relation: inverse[relation] ?? 'other' }, trx);
  });
  return readCore(ctx, personId);
}

/** The sorting office says whose visit this is: the seam between the visit and the casefile. */
export async function linkVisit(ctx: AppContext, who: Who, visitId: string, personId: string) {
  const visit = await ctx.db.selectFrom('visit').select(['id', 'centre_id']).where('id', '=', visitId).executeTakeFirst();
  if (!visit) throw notFound('visit_not_found');
  const person = await store.findPerson(ctx.db, personId);
  if (!person) throw fieldError('personId', 'person_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('visit').set({ person_id: personId, client_name: person.full_name }).where('id', '=', visitId).execute();
    await record(ctx, who, 'write', personId, 'core', { what: 'visit-linked', visitId }, trx);
  });
  return { visitId, personId };
}

export { record };
