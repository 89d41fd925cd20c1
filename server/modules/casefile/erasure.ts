import type { Kysely } from 'kysely';
import { appendAudit } from '../../access/audit.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { record, type Who } from './service.ts';
import * as store from './store.ts';
import type { ErasureSection } from '../../../core/persons/erasure-plan.ts';

const ERASED = '—';

/** Empties one partner's section of a person: notes deleted, cases kept only as anonymous shells (for statistics). */
async function eraseCases(trx: Kysely<Database>, caseIds: string[], at: string): Promise<void> {
  if (caseIds.length === 0) return;
  await trx.deleteFrom('case_note').where('case_id', 'in', caseIds).execute();
  await trx.updateTable('case_matter').set({ title: ERASED, next_step: null, follow_up_on: null, updated_at: at }).where('id', 'in', caseIds).execute();
}

/**
 * The data-protection officer erases a partner's section of a person on request. A section the
 * partner must keep by law is refused, with the legal reason shown.
 */
export async function eraseSection(ctx: AppContext, who: Who, personId: string, partnerId: string, reason: string) {
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  const partner = await ctx.db.selectFrom('partner').select(['id', 'retention_basis']).where('id', '=', partnerId).executeTakeFirst();
  if (!partner) throw notFound('partner_not_found');
  // Shells left by an earlier erasure hold nothing: only cases with content count.
  const cases = (await store.casesOf(ctx.db, personId, [partnerId])).filter((c) => c.title !== ERASED);
  if (partner.retention_basis && cases.length) throw new AppError(409, 'section_retained', { basis: partner.retention_basis });
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await eraseCases(trx, cases.map((c) => c.id), at);
    await trx.updateTable('referral').set({ status: 'revoked', revoked_by: who.actor.id, revoked_at: at }).where('person_id', '=', personId).where('from_partner_id', '=', partnerId).where('status', 'in', ['pending', 'accepted']).execute();
    await record(ctx, who, 'erase', personId, partnerId, { what: 'section-erased', cases: cases.length, reason }, trx);
  });
  return { personId, partnerId, erasedCases: cases.length };
}

export type { ErasureSection };

/**
 * What the data-protection officer may erase for a person, before doing it: each partner's
 * section with its retention rule and whether it must be kept (and why), and whether the core can
 * be anonymised. Counts and dates only, never case content. Audited.
 */
export async function erasurePlan(ctx: AppContext, who: Who, personId: string) {
  const person = await store.findPerson(ctx.db, personId);
  if (!person) throw notFound('person_not_found');
  const [cases, referrals] = await Promise.all([
    store.casesOf(ctx.db, personId),
    ctx.db.selectFrom('referral').select(['from_partner_id', 'status']).where('person_id', '=', personId).execute(),
  ]);
  const partnerIds = [...new Set([...cases.map((c) => c.partner_id), ...referrals.map((r) => r.from_partner_id)])];
  const partners = partnerIds.length ? await ctx.db.selectFrom('partner').select(['id', 'code', 'name', 'retention_years', 'retention_basis']).where('id', 'in', partnerIds).orderBy('code').execute() : [];
  const sections: ErasureSection[] = partners.map((p) => {
    const own = cases.filter((c) => c.partner_id === p.id);
    const live = own.filter((c) => c.title !== ERASED);
    const lastClosed = live.every((c) => c.status === 'closed' && c.closed_at) ? live.map((c) => c.closed_at!).sort().at(-1) : undefined;
    return {
      partnerId: p.id,
      partnerName: JSON.parse(p.name) as Record<string, string>,
      retentionYears: p.retention_years,
      retentionBasis: p.retention_basis,
      cases: live.length,
      openCases: live.filter((c) => c.status !== 'closed').length,
      erasedCases: own.length - live.length,
      liveReferrals: referrals.filter((r) => r.from_partner_id === p.id && (r.status === 'pending' || r.status === 'accepted')).length,
      mustKeep: !!p.retention_basis && live.length > 0,
      erasedAutomaticallyOn: lastClosed && p.retention_years ? new Date(Date.parse(lastClosed) + p.retention_years * 365.25 * 86_400_000).toISOString().slice(0, 10) : null,
    };
  });
  await record(ctx, who, 'read', personId, 'audit', { what: 'erasure-plan', sections: sections.length });
  const anonymised = person.full_name === ERASED;
  return {
    personId,
    fullName: person.full_name,
    birthDate: person.birth_date,
    anonymised,
    mergedInto: person.merged_into,
    sections,
    canAnonymise: !anonymised && sections.every((s) => !s.mustKeep),
  };
}

/**
 * Anonymises the core: identity, contacts and documents go; visits stay as anonymous history.
 * Refused while any section with a legal retention obligation still holds cases.
 */
export async function anonymisePerson(ctx: AppContext, who: Who, personId: string, reason: string) {
  if (!(await store.findPerson(ctx.db, personId))) throw notFound('person_not_found');
  const retained = await ctx.db
    .selectFrom('case_matter')
    .innerJoin('partner', 'partner.id', 'case_matter.partner_id')
    .select(['partner.retention_basis'])
    .where('case_matter.person_id', '=', personId)
    .where('partner.retention_basis', 'is not', null)
    .where('case_matter.title', '!=', ERASED)
    .executeTakeFirst();
  if (retained) throw new AppError(409, 'section_retained', { basis: retained.retention_basis! });
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const cases = await store.casesOf(trx, personId);
    await eraseCases(trx, cases.map((c) => c.id), at);
    await trx.deleteFrom('person_document').where('person_id', '=', personId).execute();
    await trx.deleteFrom('household_link').where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)])).execute();
    await trx.updateTable('visit').set({ client_name: null }).where('person_id', '=', personId).execute();
    await store.updatePerson(trx, personId, { full_name: ERASED, search_name: '', birth_date: null, contacts: '{}', nationalities: '[]', languages: '[]', updated_at: at });
    await record(ctx, who, 'erase', personId, 'core', { what: 'person-anonymised', reason }, trx);
  });
  return { personId, anonymised: true };
}

/**
 * The scheduled retention job: cases closed longer ago than their partner's retention period are
 * erased, whatever the legal basis (the obligation ends with the period). Audited as the system.
 */
export async function runRetention(ctx: AppContext): Promise<{ erasedCases: number }> {
  const now = ctx.now();
  const partners = await ctx.db.selectFrom('partner').select(['id', 'retention_years']).where('retention_years', 'is not', null).execute();
  let erased = 0;
  for (const p of partners) {
    const cutoff = new Date(now.getTime() - p.retention_years! * 365.25 * 86_400_000).toISOString();
    const due = await ctx.db
      .selectFrom('case_matter')
      .select(['id', 'person_id'])
      .where('partner_id', '=', p.id)
      .where('status', '=', 'closed')
      .where('closed_at', '<', cutoff)
      .where('title', '!=', ERASED)
      .execute();
    if (due.length === 0) continue;
    const at = now.toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await eraseCases(trx, due.map((c) => c.id), at);
      for (const personId of new Set(due.map((c) => c.person_id))) {
        await appendAudit(trx, { actorId: 'system:retention', actorPartnerId: null, action: 'erase', outcome: 'allowed', personId, section: p.id, purpose: 'retention', detail: { what: 'retention-expired', years: p.retention_years }, at });
      }
    });
    erased += due.length;
  }
  return { erasedCases: erased };
}
