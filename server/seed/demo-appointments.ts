import type { AppContext } from '../context.ts';
import * as appointments from '../modules/appointments/service.ts';

/** Services that take bookings in the demo: social security and civil registry at CNAI Lisboa. */
const DEMO_BOOKABLE_PREFIXES = ['S', 'R'];
const DEMO_CLIENTS = [
  { name: 'Mariana Costa Silva', language: 'pt-BR' },
  { name: 'Olena Kovalenko', language: 'uk' },
  { name: 'Rahul Sharma', language: 'hi' },
  { name: 'Fatou Baldé', language: 'fr' },
  { name: 'Ahmed Al-Sayed', language: 'ar' },
  { name: 'Ion Popescu', language: 'ro' },
  { name: 'Nasrin Akter', language: 'bn' },
  { name: 'Carlos Mendoza', language: 'es' },
];

/**
 * Demo appointments at CNAI Lisboa (open around the clock in the demo): bookings for the next slots
 * of today, and those whose time has come checked in — so the floor and counters show appointment
 * tickets among the walk-ins from the first minute. Returns how many bookings were made.
 */
export async function seedDemoAppointments(ctx: AppContext): Promise<number> {
  const services = await ctx.db
    .selectFrom('service')
    .innerJoin('centre', 'centre.id', 'service.centre_id')
    .select(['service.id'])
    .where('centre.code', '=', 'lisboa')
    .where('service.ticket_prefix', 'in', DEMO_BOOKABLE_PREFIXES)
    .execute();
  if (services.length === 0) return 0;
  await ctx.db.updateTable('service').set({ appointments_enabled: 1 }).where('id', 'in', services.map((s) => s.id)).execute();
  let made = 0;
  for (const [si, service] of services.entries()) {
    const days = (await appointments.availability(ctx, service.id, undefined, 2)).days;
    const slots = days.flatMap((d) => d.slots).filter((s) => s.free > 0);
    for (let i = 0; i < 4 && i < slots.length; i++) {
      const client = DEMO_CLIENTS[(si * 4 + i) % DEMO_CLIENTS.length]!;
      const documentNumber = `DEMO${si}${i}1234`;
      const { booking } = await appointments.book(
        ctx,
        { serviceId: service.id, startsAt: slots[i]!.startsAt, name: client.name, documentNumber, birthDate: '1985-06-15', email: `demo${si}${i}@example.org`, language: client.language, needsMediator: i === 1 },
        { channel: 'staff', createdBy: 'demo' },
      );
      made++;
      // The first two of each service are due now: checked in at pre-sorting, so they wait with appointment priority.
      if (i < 2) await appointments.checkInByCode(ctx, booking.code, documentNumber, { centreId: booking.centreId, channel: 'pre_sorting', createdBy: 'demo' }).catch(() => undefined);
    }
  }
  return made;
}
