import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Role } from '../../core/roles.ts';
import * as networkStore from '../modules/network/store.ts';
import { createStaff } from '../modules/staff/service.ts';
import { updateUser } from '../modules/staff/store.ts';
import { newTotpSecret } from '../modules/auth/totp.ts';
import { CENTRES, NETWORK_NAME, PARTNERS, SERVICE_LANGUAGES, TOPICS } from './cnai-preset.ts';
import { WEEKDAYS, weekdayHours } from '../../core/opening-hours.ts';

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('centre').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Writes the CNAI network in one transaction: all of it or nothing. Does nothing if centres exist. */
export async function seedCnaiPreset(ctx: AppContext): Promise<boolean> {
  if (!(await isEmpty(ctx))) return false;
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('network').values({ id: 'network', name: NETWORK_NAME, default_locale: 'pt-PT', updated_at: now }).execute();
    for (const t of TOPICS) await networkStore.insertTopic(trx, { code: t.code, name: JSON.stringify(t.name) });
    const partnerIds = new Map<string, string>();
    for (const p of PARTNERS) {
      const id = randomUUID();
      partnerIds.set(p.code, id);
      await networkStore.insertPartner(trx, { id, code: p.code, kind: p.kind, name: JSON.stringify(p.name), active: 1, retention_years: p.retention?.years ?? null, retention_basis: p.retention?.basis ?? null, created_at: now, updated_at: now });
    }
    for (const [centreIndex, c] of CENTRES.entries()) {
      const centreId = randomUUID();
      await networkStore.insertCentre(trx, {
        id: centreId,
        code: c.code,
        name: c.name,
        address: c.address,
        time_zone: c.timeZone,
        opening_hours: JSON.stringify(c.openingHours),
        languages: JSON.stringify(c.languages),
        active: 1,
        created_at: now,
        updated_at: now,
      });
      let counterNumber = 1;
      for (const p of PARTNERS) {
        const deskId = randomUUID();
        await networkStore.insertDesk(trx, { id: deskId, centre_id: centreId, partner_id: partnerIds.get(p.code)!, active: 1, created_at: now, updated_at: now });
        for (const s of p.services) {
          const serviceId = randomUUID();
          await networkStore.insertService(trx, {
            id: serviceId,
            centre_id: centreId,
            desk_id: deskId,
            code: s.code,
            name: JSON.stringify(s.name),
            ticket_prefix: s.prefix,
            expected_minutes: s.minutes,
            max_wait_minutes: 45,
            target_wait_minutes: 20,
            priority_burst: 3,
            topics: JSON.stringify(s.topics),
            languages: JSON.stringify(SERVICE_LANGUAGES),
            active: 1,
            created_at: now,
            updated_at: now,
          });
          for (let i = 0; i < s.counters[centreIndex]!; i++) {
            const counterId = randomUUID();
            await networkStore.insertCounter(trx, { id: counterId, centre_id: centreId, number: counterNumber++, label: '', active: 1, created_at: now, updated_at: now });
            await networkStore.setCounterServices(trx, counterId, [serviceId]);
          }
        }
      }
    }
  });
  return true;
}

export const DEMO_PASSWORD = 'balcao-demo-2026';

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  centre?: string;
  partner?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Ana Administradora', roles: ['network_admin'] },
  { username: 'gestor.lisboa', displayName: 'Gonçalo Gestor', roles: ['centre_manager'], centre: 'lisboa' },
  { username: 'gestor.porto', displayName: 'Graça Gestora', roles: ['centre_manager'], centre: 'porto' },
  { username: 'mediador.lisboa', displayName: 'Mamadu Mediador', roles: ['mediator'], centre: 'lisboa', partner: 'acolhimento' },
  { username: 'aima.lisboa', displayName: 'Alice Oficial AIMA', roles: ['agency_officer'], centre: 'lisboa', partner: 'aima' },
  { username: 'ss.lisboa', displayName: 'Sérgio Segurança Social', roles: ['agency_officer'], centre: 'lisboa', partner: 'seguranca-social' },
  { username: 'juridico.lisboa', displayName: 'Joana Apoio Jurídico', roles: ['support_officer'], centre: 'lisboa', partner: 'apoio-juridico' },
  { username: 'info.lisboa', displayName: 'Inês Informações', roles: ['info_counter'], centre: 'lisboa', partner: 'informacoes' },
  { username: 'criancas.lisboa', displayName: 'Carla Espaço Criança', roles: ['childrens_room'], centre: 'lisboa', partner: 'espaco-crianca' },
  { username: 'analista', displayName: 'André Analista', roles: ['analyst'] },
  { username: 'auditor', displayName: 'Aurora Auditora', roles: ['auditor'] },
  { username: 'editor', displayName: 'Eva Editora', roles: ['content_editor'] },
];

/** Creates the demo staff (one per role) if they are not there yet. The administrator gets a second factor. */
export async function seedDemoStaff(ctx: AppContext): Promise<boolean> {
  const existing = await ctx.db.selectFrom('staff_user').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (existing) return false;
  const centres = new Map((await networkStore.listCentres(ctx.db)).map((c) => [c.code, c.id]));
  const partners = new Map((await networkStore.listPartners(ctx.db)).map((p) => [p.code, p.id]));
  for (const u of DEMO_USERS) {
    const created = await createStaff(
      ctx,
      {
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        roles: u.roles,
        centreId: u.centre ? (centres.get(u.centre) ?? null) : null,
        partnerId: u.partner ? (partners.get(u.partner) ?? null) : null,
        locale: 'pt-PT',
      },
      { isDemo: true },
    );
    if (u.roles.includes('network_admin')) {
      await updateUser(ctx.db, created.id, { totp_secret: newTotpSecret(), totp_enabled: 1 });
    }
  }
  return true;
}

/** The demo's centre that is open around the clock, so the demo can be tried at any hour. */
const DEMO_ALWAYS_OPEN_CENTRE = 'lisboa';

/**
 * On a freshly seeded demo, CNAI Lisboa opens every day, all day: someone trying Balcão in the
 * evening can still take a kiosk ticket there. The other centres keep the real hours, so a closed
 * centre can be seen too. Never used outside the demo.
 */
export async function openDemoCentreAroundTheClock(ctx: AppContext): Promise<void> {
  const hours = weekdayHours('00:00', '23:59', WEEKDAYS);
  await ctx.db.updateTable('centre').set({ opening_hours: JSON.stringify(hours), updated_at: ctx.now().toISOString() }).where('code', '=', DEMO_ALWAYS_OPEN_CENTRE).execute();
}
