import { accessReport } from '../../access/audit.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { record, toDocument, toPersonSummary, type Who } from './service.ts';
import * as store from './store.ts';

/** The part of the file an access touched: the core, the audit log, a partner's section ('all' for a whole export), or none. */
export type AccessSection = 'core' | 'audit' | { id: string; name: Record<string, string> | null } | null;

/**
 * Who accessed a person's file (or one section), when and why, with names rather than ids: the
 * data-protection officer's one screen. The person can be given the same report.
 */
export async function personAccessReport(ctx: AppContext, who: Who, personId: string, section?: string, format: 'json' | 'csv' = 'json') {
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  const entries = await accessReport(ctx.db, personId, section);
  const userIds = [...new Set(entries.map((e) => e.actorId))];
  const partnerIds = [...new Set(entries.flatMap((e) => [e.actorPartnerId, e.section].filter((x): x is string => !!x && x !== 'core')))];
  const [users, partners] = await Promise.all([
    userIds.length ? ctx.db.selectFrom('staff_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [],
    partnerIds.length ? ctx.db.selectFrom('partner').select(['id', 'name']).where('id', 'in', partnerIds).execute() : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const partnerName = new Map(partners.map((p) => [p.id, JSON.parse(p.name) as Record<string, string>]));
  await record(ctx, who, 'read', personId, 'audit', { what: 'access-report', section: section ?? null, entries: entries.length, ...(format !== 'json' && { format }) });
  return entries.map((e) => ({
    seq: e.seq,
    at: e.at,
    who: userName.get(e.actorId) ?? e.actorId,
    partner: e.actorPartnerId ? (partnerName.get(e.actorPartnerId) ?? null) : null,
    action: e.action,
    outcome: e.outcome,
    section: (e.section === 'core' || e.section === 'audit' ? e.section : e.section ? { id: e.section, name: partnerName.get(e.section) ?? null } : null) as AccessSection,
    purpose: e.purpose,
    what: typeof e.detail.what === 'string' ? e.detail.what : null,
  }));
}

/** Everything held about a person, every section, for a data-subject access request. Audited as an export (and the format it left in). */
export async function exportPerson(ctx: AppContext, who: Who, personId: string, format: 'json' | 'pdf' = 'json') {
  const person = await store.findPerson(ctx.db, personId);
  if (!person) throw notFound('person_not_found');
  const now = ctx.now().toISOString();
  const [documents, household, cases, referrals, visits] = await Promise.all([
    store.documentsOf(ctx.db, [personId]),
    store.householdOf(ctx.db, personId),
    store.casesOf(ctx.db, personId),
    ctx.db.selectFrom('referral').selectAll().where('person_id', '=', personId).execute(),
    ctx.db.selectFrom('visit').innerJoin('ticket', 'ticket.visit_id', 'visit.id').select(['visit.id', 'visit.centre_id', 'ticket.number', 'ticket.issued_at', 'ticket.status', 'ticket.outcome']).where('visit.person_id', '=', personId).execute(),
  ]);
  const notes = await store.notesOf(ctx.db, cases.map((c) => c.id));
  await record(ctx, who, 'export', personId, 'all', { what: 'data-subject-export', cases: cases.length, documents: documents.length, ...(format !== 'json' && { format }) });
  const accesses = await personAccessReport(ctx, who, personId);
  return {
    exportedAt: now,
    person: { ...toPersonSummary(person), contacts: JSON.parse(person.contacts), createdAt: person.created_at },
    documents: documents.map((d) => toDocument(d, now)),
    household: household.map((h) => ({ personId: h.related_person_id, relation: h.relation, fullName: h.full_name })),
    visits: visits.map((v) => ({ visitId: v.id, centreId: v.centre_id, ticket: v.number, issuedAt: v.issued_at, status: v.status, outcome: v.outcome })),
    sections: [...new Set(cases.map((c) => c.partner_id))].map((partnerId) => ({
      partnerId,
      cases: cases
        .filter((c) => c.partner_id === partnerId)
        .map((c) => ({ id: c.id, title: c.title, status: c.status, nextStep: c.next_step, followUpOn: c.follow_up_on, openedAt: c.opened_at, closedAt: c.closed_at, notes: notes.filter((n) => n.case_id === c.id).map((n) => ({ body: n.body, createdAt: n.created_at })) })),
    })),
    referrals: referrals.map((r) => ({ id: r.id, from: r.from_partner_id, to: r.to_partner_id, purpose: r.purpose, basis: r.basis, status: r.status, createdAt: r.created_at, expiresAt: r.expires_at })),
    accesses,
  };
}
