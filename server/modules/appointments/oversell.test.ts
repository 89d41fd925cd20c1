import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import * as appointments from './service.ts';

const MONDAY_9H = new Date('2026-11-23T09:00:00Z');

/**
 * No seat is ever sold twice: many people booking the same slot at the same instant — on
 * PostgreSQL through two app nodes (two connection pools) on one database — get exactly as many
 * bookings as the slot has seats, and the slot's counter matches the bookings stored.
 */
describe.each(TEST_DATABASES)('concurrent bookings on %s', (kind) => {
  let api: TestApi;
  let second: DatabaseHandle | undefined;
  let nodes: AppContext[];
  let social: string;

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_9H);
    social = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', await api.centreId('lisboa')).where('ticket_prefix', '=', 'S').executeTakeFirstOrThrow()).id;
    await api.ctx.db.updateTable('service').set({ appointments_enabled: 1 }).where('id', '=', social).execute();
    nodes = [api.ctx];
    if (kind === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(api.ctx.db)).rows[0]!.s;
      second = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, poolSize: 10 });
      nodes.push({ ...api.ctx, db: second.db });
    }
  });
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await api.close();
  });

  it('sells each slot at most its capacity, whatever the number of simultaneous requests', async () => {
    const slots = (await appointments.availability(api.ctx, social, '2026-11-24', 5)).days.flatMap((d) => d.slots);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: slots.length - 1 }), fc.integer({ min: 1, max: 12 }), async (slotIndex, requests) => {
        run++;
        const slot = slots[slotIndex]!;
        const before = await api.ctx.db.selectFrom('appointment').select('id').where('starts_at', '=', slot.startsAt).where('status', '=', 'booked').execute();
        const free = slot.capacity - before.length;
        const results = await Promise.allSettled(
          Array.from({ length: requests }, (_, i) =>
            appointments.book(nodes[i % nodes.length]!, {
              serviceId: social,
              startsAt: slot.startsAt,
              name: `Person ${run}-${i}`,
              documentNumber: `DOC${run}X${i}`,
              birthDate: '1980-01-01',
              email: `p${run}.${i}@example.org`,
              language: 'en',
            }),
          ),
        );
        const sold = results.filter((r) => r.status === 'fulfilled').length;
        for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('slot_full');
        expect(sold).toBe(Math.min(requests, Math.max(0, free)));
        const stored = await api.ctx.db.selectFrom('appointment').select('id').where('starts_at', '=', slot.startsAt).where('status', '=', 'booked').execute();
        const row = await api.ctx.db.selectFrom('appointment_slot').select(['taken', 'capacity']).where('service_id', '=', social).where('starts_at', '=', slot.startsAt).executeTakeFirst();
        expect(stored.length).toBeLessThanOrEqual(slot.capacity);
        expect(Number(row?.taken ?? 0)).toBe(stored.length);
      }),
      { numRuns: 15 },
    );
  });
});
