import type { StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { needsTotp } from '../modules/auth/service.ts';
import { addHouseholdLink, createPerson, type Who } from '../modules/casefile/service.ts';
import { acceptReferral, addNote, createReferral, openCase, readSection } from '../modules/casefile/sections.ts';
import type { Role } from '../../core/roles.ts';

async function asDemo(ctx: AppContext, username: string, purpose: Who['purpose'] = 'service'): Promise<Who> {
  const u = await ctx.db.selectFrom('staff_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const roles = JSON.parse(u.roles) as Role[];
  const actor: StaffActor = { type: 'staff', id: u.id, sessionId: 'seed', roles, partnerId: u.partner_id, centreId: u.centre_id, mfaSatisfied: !needsTotp(ctx.config, roles) || u.totp_enabled === 1 };
  return { actor, purpose };
}

const inDays = (ctx: AppContext, days: number) => new Date(ctx.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo casefiles, written through the same services staff use, so every screen has something to
 * show and the audit log has a real trail: persons with documents (one expiring soon), a
 * household, cases at AIMA and Social Security with notes, and an accepted consented referral.
 */
export async function seedDemoCasefiles(ctx: AppContext): Promise<boolean> {
  if (await ctx.db.selectFrom('person').select('id').limit(1).executeTakeFirst()) return false;
  const mediator = await asDemo(ctx, 'mediador.lisboa', 'sorting');
  const aima = await asDemo(ctx, 'aima.lisboa');
  const ss = await asDemo(ctx, 'ss.lisboa', 'referral');
  const created = async (input: Parameters<typeof createPerson>[2]) => {
    const r = await createPerson(ctx, mediator, input, true);
    if (!r.created) throw new Error('demo person not created');
    return r.person.id;
  };

  const olena = await created({
    fullName: 'Olena Kovalenko',
    birthDate: '1990-04-02',
    nationalities: ['UA'],
    languages: ['uk', 'ru', 'en'],
    contacts: { phone: '+351 912 000 101' },
    documents: [
      { type: 'passport', number: 'FX123456', issuingCountry: 'UA', issuedOn: '2019-03-01', expiresOn: '2029-03-01', verified: true },
      { type: 'residence_permit', number: 'AR-2024-778899', issuingCountry: 'PT', issuedOn: '2024-12-01', expiresOn: inDays(ctx, 40), verified: true },
      { type: 'tax_number', number: '299 000 101', issuingCountry: 'PT' },
    ],
  });
  const child = await created({ fullName: 'Sofiia Kovalenko', birthDate: '2019-09-15', nationalities: ['UA'], languages: ['uk', 'pt-PT'] });
  await addHouseholdLink(ctx, mediator, olena, child, 'child');
  await created({
    fullName: 'Maria Aparecida da Silva',
    birthDate: '1982-11-30',
    nationalities: ['BR'],
    languages: ['pt-BR'],
    contacts: { email: 'maria.silva@example.org' },
    documents: [{ type: 'passport', number: 'GH445566', issuingCountry: 'BR', expiresOn: '2031-05-20', verified: true }],
  });
  await created({ fullName: 'राजेश कुमार', birthDate: '1987-07-15', nationalities: ['IN'], languages: ['hi', 'en'], documents: [{ type: 'passport', number: 'Z1234567', issuingCountry: 'IN', expiresOn: inDays(ctx, -10) }] });
  await created({ fullName: 'Amadou Baldé', birthDate: '1995-01-20', nationalities: ['GW'], languages: ['pov', 'pt-PT', 'fr'] });

  const permit = await openCase(ctx, aima, olena, { title: 'Renovação de autorização de residência', nextStep: 'Trazer contrato de trabalho atualizado', followUpOn: inDays(ctx, 14) });
  await addNote(ctx, aima, permit.id, 'Documentação entregue exceto o contrato de trabalho. Agendado regresso.');
  const benefit = await openCase(ctx, ss, olena, { title: 'Pedido de abono de família', nextStep: 'Aguardar decisão sobre a autorização de residência' });
  await addNote(ctx, ss, benefit.id, 'O abono depende da renovação do título de residência (AIMA).');
  const referral = await createReferral(ctx, aima, olena, {
    toPartnerId: ss.actor.partnerId!,
    purpose: 'Pedido de abono de família depende da autorização de residência',
    basis: 'consent',
    consentGivenBy: 'Olena Kovalenko (a própria), por escrito no balcão',
    expiresAt: new Date(ctx.now().getTime() + 90 * 86_400_000).toISOString(),
  });
  await acceptReferral(ctx, ss, referral.id);
  await readSection(ctx, ss, olena, aima.actor.partnerId!);
  return true;
}
