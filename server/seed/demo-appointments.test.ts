import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { seedDemoAppointments } from './demo-appointments.ts';
import { openDemoCentreAroundTheClock } from './seed.ts';

describe.each(TEST_DATABASES)('demo appointments on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-28T21:10:00Z')); // a Saturday night: only the demo's always-open Lisboa takes them
    await openDemoCentreAroundTheClock(api.ctx);
  });
  afterEach(async () => api.close());

  it('books the next slots at CNAI Lisboa and checks the due ones in, so appointment tickets wait among walk-ins', async () => {
    expect(await seedDemoAppointments(api.ctx)).toBe(8);
    const tickets = await api.ctx.db.selectFrom('ticket').select(['priority', 'appointment_at', 'status']).execute();
    expect(tickets).toHaveLength(4);
    expect(tickets.every((t) => t.priority === 'appointment' && t.appointment_at !== null && t.status === 'waiting')).toBe(true);
    const statuses = (await api.ctx.db.selectFrom('appointment').select('status').execute()).map((r) => r.status).sort();
    expect(statuses).toEqual(['booked', 'booked', 'booked', 'booked', 'checked_in', 'checked_in', 'checked_in', 'checked_in']);
  });
});
