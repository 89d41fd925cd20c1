import { randomUUID } from 'node:crypto';
import { can } from '../../access/policy.ts';
import type { AppContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { authorizeSection, getCore, record, type Who } from './service.ts';
import * as store from './store.ts';

export const CASE_STATUSES = ['open', 'waiting_for_client', 'waiting_for_decision', 'closed'] as const;

function toCase(r: store.CaseRow, notes: (store.NoteRow & { author_name?: string | null })[]) {
  return {
    id: r.id,
    personId: r.person_id,
    partnerId: r.partner_id,
    centreId: r.centre_id,
    visitId: r.visit_id,
    title: r.title,
    status: r.status,
    nextStep: r.next_step,
    followUpOn: r.follow_up_on,
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    notes: notes.filter((n) => n.case_id === r.id).map((n) => ({ id: n.id, authorId: n.author_id, authorName: n.author_name ?? null, body: n.body, createdAt: n.created_at })),
  };
}

function requirePartner(who: Who): string {
  if (!who.actor.partnerId) throw new AppError(403, 'section_forbidden');
  return who.actor.partnerId;
}

/** One partner's section: its cases and notes. Audited as a read of that section. */
export async function readSection(ctx: AppContext, who: Who, personId: string, partnerId: string) {
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  const access = await authorizeSection(ctx, who, 'section.read', personId, partnerId);
  const cases = await store.casesOf(ctx.db, personId, [partnerId]);
  const notes = await store.notesOf(ctx.db, cases.map((c) => c.id));
  await record(ctx, who, 'read', personId, partnerId, { what: 'section', via: access, cases: cases.length });
  return { partnerId, access, cases: cases.map((c) => toCase(c, notes)) };
}

/**
 * The casefile as this user may see it: the core, their own partner's section, and the sections
 * shared with their partner by live referrals. Other sections are not mentioned at all.
 */
export async function readCasefile(ctx: AppContext, who: Who, personId: string) {
  const core = await getCore(ctx, who, personId);
  const partnerId = who.actor.partnerId;
  const sections = [];
  if (partnerId && can(who.actor, 'section.read', { sectionPartnerId: partnerId })) sections.push(await readSection(ctx, who, personId, partnerId));
  if (partnerId) {
    for (const shared of await store.sectionsSharedTo(ctx.db, personId, partnerId, ctx.now().toISOString())) {
      if (shared.from_partner_id !== partnerId) sections.push({ ...(await readSection(ctx, who, personId, shared.from_partner_id)), referralId: shared.id, sharedUntil: shared.expires_at });
    }
  }
  const visits = await ctx.db
    .selectFrom('visit')
    .innerJoin('ticket', 'ticket.visit_id', 'visit.id')
    .select(['visit.id as visitId', 'visit.centre_id as centreId', 'ticket.number', 'ticket.service_id as serviceId', 'ticket.status', 'ticket.issued_at as issuedAt', 'ticket.finished_at as finishedAt', 'ticket.outcome'])
    .where('visit.person_id', '=', personId)
    .orderBy('ticket.issued_at')
    .execute();
  const timeline = [
    ...visits.map((v) => ({ at: v.issuedAt, kind: 'ticket' as const, ...v })),
    ...sections.flatMap((s) => s.cases.flatMap((c) => [{ at: c.openedAt, kind: 'case_opened' as const, caseId: c.id, partnerId: c.partnerId, title: c.title }, ...c.notes.map((n) => ({ at: n.createdAt, kind: 'note' as const, caseId: c.id, partnerId: c.partnerId }))])),
  ].sort((a, b) => (a.at < b.at ? 1 : -1));
  return { person: core, sections, timeline };
}

export async function openCase(ctx: AppContext, who: Who, personId: string, input: { title: string; nextStep?: string | undefined; followUpOn?: string | undefined; visitId?: string | undefined }) {
  const partnerId = requirePartner(who);
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  await authorizeSection(ctx, who, 'section.write', personId, partnerId);
  const centreId = who.actor.centreId ?? (input.visitId ? (await ctx.db.selectFrom('visit').select('centre_id').where('id', '=', input.visitId).executeTakeFirst())?.centre_id : null);
  if (!centreId) throw fieldError('visitId', 'case_needs_centre');
  const at = ctx.now().toISOString();
  const row: store.CaseRow = {
    id: randomUUID(),
    person_id: personId,
    partner_id: partnerId,
    centre_id: centreId,
    visit_id: input.visitId ?? null,
    title: input.title.trim(),
    status: 'open',
    next_step: input.nextStep?.trim() || null,
    follow_up_on: input.followUpOn ?? null,
    opened_by: who.actor.id,
    opened_at: at,
    closed_at: null,
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertCase(trx, row);
    await record(ctx, who, 'write', personId, partnerId, { what: 'case-opened', caseId: row.id }, trx);
  });
  return toCase(row, []);
}

async function caseForWrite(ctx: AppContext, who: Who, caseId: string) {
  const row = await store.findCase(ctx.db, caseId);
  if (!row) throw notFound('case_not_found');
  await authorizeSection(ctx, who, 'section.write', row.person_id, row.partner_id);
  return row;
}

export async function updateCase(ctx: AppContext, who: Who, caseId: string, patch: { title?: string | undefined; status?: string | undefined; nextStep?: string | null | undefined; followUpOn?: string | null | undefined }) {
  const row = await caseForWrite(ctx, who, caseId);
  const at = ctx.now().toISOString();
  const set = {
    ...(patch.title !== undefined && { title: patch.title.trim() }),
    ...(patch.status !== undefined && { status: patch.status, closed_at: patch.status === 'closed' ? at : null }),
    ...(patch.nextStep !== undefined && { next_step: patch.nextStep?.trim() || null }),
    ...(patch.followUpOn !== undefined && { follow_up_on: patch.followUpOn }),
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.updateCase(trx, caseId, set);
    await record(ctx, who, 'write', row.person_id, row.partner_id, { what: 'case-updated', caseId, fields: Object.keys(patch) }, trx);
  });
  const notes = await store.notesOf(ctx.db, [caseId]);
  return toCase({ ...row, ...set }, notes);
}

export async function addNote(ctx: AppContext, who: Who, caseId: string, body: string) {
  const row = await caseForWrite(ctx, who, caseId);
  const note: store.NoteRow = { id: randomUUID(), case_id: caseId, author_id: who.actor.id, body: body.trim(), created_at: ctx.now().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertNote(trx, note);
    await record(ctx, who, 'write', row.person_id, row.partner_id, { what: 'note-added', caseId, noteId: note.id }, trx);
  });
  const author = await ctx.db.selectFrom('staff_user').select('display_name').where('id', '=', who.actor.id).executeTakeFirst();
  return { id: note.id, authorId: note.author_id, authorName: author?.display_name ?? null, body: note.body, createdAt: note.created_at };
}

// Referrals -------------------------------------------------------------------------------

export interface ReferralInput {
  toPartnerId: string;
  purpose: string;
  basis: 'consent' | 'legal_basis';
  consentGivenBy?: string | undefined;
  legalBasisReason?: string | undefined;
  expiresAt: string;
}

export function toReferral(r: store.ReferralRow & { full_name?: string }) {
  return {
    id: r.id,
    personId: r.person_id,
    ...(r.full_name !== undefined ? { personName: r.full_name } : {}),
    fromPartnerId: r.from_partner_id,
    toPartnerId: r.to_partner_id,
    purpose: r.purpose,
    basis: r.basis,
    consentGivenBy: r.consent_given_by,
    consentGivenAt: r.consent_given_at,
    legalBasisReason: r.legal_basis_reason,
    expiresAt: r.expires_at,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    revokedAt: r.revoked_at,
  };
}

/**
 * Shares the actor's own partner's section of a person with another partner. With consent: who
 * gave it, when, for what, until when. On a legal basis instead: a separate permission and a
 * written reason. The receiver must accept before it gives access.
 */
export async function createReferral(ctx: AppContext, who: Who, personId: string, input: ReferralInput) {
  const from = requirePartner(who);
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  if (input.toPartnerId === from) throw fieldError('toPartnerId', 'referral_to_self');
  if (!(await ctx.db.selectFrom('partner').select('id').where('id', '=', input.toPartnerId).executeTakeFirst())) throw fieldError('toPartnerId', 'unknown_partner');
  const now = ctx.now();
  if (Date.parse(input.expiresAt) <= now.getTime()) throw fieldError('expiresAt', 'expiry_in_past');
  if (Date.parse(input.expiresAt) > now.getTime() + 366 * 86_400_000) throw fieldError('expiresAt', 'expiry_too_far');
  await authorizeSection(ctx, who, 'section.write', personId, from);
  if (input.basis === 'consent' && !input.consentGivenBy?.trim()) throw fieldError('consentGivenBy', 'required');
  if (input.basis === 'legal_basis') {
    if (!can(who.actor, 'referral.legal_basis', { sectionPartnerId: from })) throw new AppError(403, 'legal_basis_forbidden');
    if ((input.legalBasisReason?.trim().length ?? 0) < 20) throw fieldError('legalBasisReason', 'reason_too_short');
  }
  const at = now.toISOString();
  const row: store.ReferralRow = {
    id: randomUUID(),
    person_id: personId,
    from_partner_id: from,
    to_partner_id: input.toPartnerId,
    purpose: input.purpose.trim(),
    basis: input.basis,
    consent_given_by: input.basis === 'consent' ? input.consentGivenBy!.trim() : null,
    consent_given_at: input.basis === 'consent' ? at : null,
    legal_basis_reason: input.basis === 'legal_basis' ? input.legalBasisReason!.trim() : null,
    expires_at: input.expiresAt,
    status: 'pending',
    created_by: who.actor.id,
    created_at: at,
    decided_by: null,
    decided_at: null,
    revoked_by: null,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertReferral(trx, row);
    await record(ctx, who, 'grant', personId, from, { what: 'referral-created', referralId: row.id, to: input.toPartnerId, basis: input.basis }, trx);
  });
  return toReferral(row);
}

async function transitionReferral(ctx: AppContext, who: Who, id: string, from: string, to: string, side: 'to' | 'from') {
  const row = await store.findReferral(ctx.db, id);
  if (!row) throw notFound('referral_not_found');
  const partner = side === 'to' ? row.to_partner_id : row.from_partner_id;
  const action = side === 'to' ? 'referral.decide' : 'referral.revoke';
  if (!can(who.actor, action, { sectionPartnerId: partner })) {
    await record(ctx, who, 'deny', row.person_id, row.from_partner_id, { what: 'referral', attempted: to, referralId: id });
    throw new AppError(403, 'forbidden');
  }
  const at = ctx.now().toISOString();
  const set = to === 'revoked' ? { status: to, revoked_by: who.actor.id, revoked_at: at } : { status: to, decided_by: who.actor.id, decided_at: at };
  await ctx.db.transaction().execute(async (trx) => {
    const res = await store.updateReferral(trx, id, set, from);
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'referral_state_changed');
    await record(ctx, who, 'grant', row.person_id, row.from_partner_id, { what: `referral-${to}`, referralId: id }, trx);
  });
  return toReferral({ ...row, ...set });
}

export const acceptReferral = (ctx: AppContext, who: Who, id: string) => transitionReferral(ctx, who, id, 'pending', 'accepted', 'to');
export const rejectReferral = (ctx: AppContext, who: Who, id: string) => transitionReferral(ctx, who, id, 'pending', 'rejected', 'to');

/** Revocation works on pending and accepted referrals and removes access on the very next request. */
export async function revokeReferral(ctx: AppContext, who: Who, id: string) {
  const row = await store.findReferral(ctx.db, id);
  if (!row) throw notFound('referral_not_found');
  if (!['pending', 'accepted'].includes(row.status)) throw new AppError(409, 'referral_state_changed');
  return transitionReferral(ctx, who, id, row.status, 'revoked', 'from');
}

export async function listReferrals(ctx: AppContext, who: Who, direction: 'incoming' | 'outgoing', personId?: string) {
  const partnerId = requirePartner(who);
  const rows = await store.referralsFor(ctx.db, partnerId, direction, personId);
  for (const personId of new Set(rows.map((r) => r.person_id))) await record(ctx, who, 'read', personId, 'core', { what: 'referral-list' });
  return rows.map(toReferral);
}
