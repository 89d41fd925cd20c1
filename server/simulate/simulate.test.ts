import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { simulateDay } from './run.ts';

describe.each(TEST_DATABASES)('the simulated day on %s', (kind) => {
  let api: TestApi;
  afterEach(async () => api.close());

  it('drives a running server through arrivals, calls, no-shows and multi-desk visits', async () => {
    api = await openTestApi(kind, { signInRateLimitPerMinute: 1000 });
    const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const lines: string[] = [];
    // 60 simulated minutes in about 4 seconds.
    const result = await simulateDay(api.ctx, { url, centre: 'porto', speed: 900, visits: 60, minutes: 60, seed: 11, log: (l) => lines.push(l) });
    expect(result.issued).toBeGreaterThan(15);
    expect(result.served).toBeGreaterThan(5);
    const tickets = await api.ctx.db.selectFrom('ticket').select(['visit_id', 'status']).execute();
    const perVisit = new Map<string, number>();
    for (const t of tickets) perVisit.set(t.visit_id, (perVisit.get(t.visit_id) ?? 0) + 1);
    expect([...perVisit.values()].some((n) => n > 1)).toBe(true); // someone went on to a desk
    expect(lines[0]).toMatch(/CNAI Porto: \d+ counters staffed/);
    expect(lines.at(-1)).toMatch(/^day over: issued=\d+ served=\d+/);
  }, 60_000);

  it('refuses to run without the demo network', async () => {
    api = await openTestApi(kind);
    await api.ctx.db.updateTable('staff_user').set({ is_demo: 0 }).execute();
    await expect(simulateDay(api.ctx, { url: 'http://127.0.0.1:9', centre: 'porto', speed: 60, visits: 1, minutes: 1, seed: 1, log: () => undefined })).rejects.toThrow(/demo network/);
  });
});
