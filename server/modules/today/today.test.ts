import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z'); // 10:00 in Lisbon (UTC in winter)

describe.each(TEST_DATABASES)("each role's numbers for today on %s", (kind) => {
  let api: TestApi;
  let lisboa: string;
  let services: Record<string, string>; // prefix → id
  let counters: { id: string; number: number; serviceIds: string[] }[];

  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    lisboa = await api.centreId('lisboa');
    const manager = await api.signIn('gestor.lisboa');
    const config = (await manager.request('GET', `/api/centres/${lisboa}`)).json();
    services = Object.fromEntries(config.services.map((s: { ticketPrefix: string; id: string }) => [s.ticketPrefix, s.id]));
    counters = config.counters;
  });
  afterEach(async () => api.close());

  it("gives the manager the floor's totals, an officer their own queues, the DPO the audit log's day, the analyst yesterday — and nobody more", async () => {
    const manager = await api.signIn('gestor.lisboa');
    for (const prefix of ['A', 'A', 'S']) expect((await manager.request('POST', '/api/visits', { serviceId: services[prefix], language: 'pt-PT' })).statusCode).toBe(201);
    api.setNow(new Date(MONDAY_10H.getTime() + 25 * 60_000));
    const aima = await api.signIn('aima.lisboa');
    const aimaCounter = counters.find((c) => c.serviceIds.includes(services.A!))!;
    expect((await aima.request('POST', `/api/counters/${aimaCounter.id}/session`, { languages: ['pt-PT'] })).statusCode).toBe(200);

    const floor = (await manager.request('GET', '/api/me/today')).json();
    expect(floor.centre).toMatchObject({ centreId: lisboa, centreName: 'CNAI Lisboa', waiting: 3, longestWaitMinutes: 25, servedToday: 0, countersStaffed: 1 });
    expect(floor.centre.countersActive).toBeGreaterThan(1);
    expect(floor).toMatchObject({ myQueues: null, dataProtection: null, yesterday: null });

    const officer = (await aima.request('GET', '/api/me/today')).json();
    expect(officer.centre).toBeNull();
    // AIMA's officer sees AIMA's queue, not Social Security's.
    expect(officer.myQueues).toMatchObject({ waiting: 2, longestWaitMinutes: 25, servedToday: 0 });
    expect(officer.myQueues.queues.map((q: { ticketPrefix: string }) => q.ticketPrefix)).toEqual(['A']);

    const auditor = await api.signIn('auditor');
    const dpo = (await auditor.request('GET', '/api/me/today')).json();
    expect(dpo).toMatchObject({ centre: null, myQueues: null, yesterday: null });
    expect(dpo.dataProtection).toEqual({ reads: expect.any(Number), exports: 0, erasures: 0, refusals: expect.any(Number) });

    const analyst = (await (await api.signIn('analista')).request('GET', '/api/me/today')).json();
    expect(analyst).toMatchObject({ centre: null, myQueues: null, dataProtection: null });
    expect(analyst.yesterday).toMatchObject({ date: '2026-11-22', tickets: 0, served: 0 });

    const children = (await (await api.signIn('criancas.lisboa')).request('GET', '/api/me/today')).json();
    expect(children).toEqual({ centre: null, myQueues: null, dataProtection: null, yesterday: null });

    expect((await api.anonymous.request('GET', '/api/me/today')).statusCode).toBe(401);
  });

  it("counts a casefile read in the DPO's day", async () => {
    const auditor = await api.signIn('auditor');
    const before = (await auditor.request('GET', '/api/me/today')).json().dataProtection;
    const mediator = await api.signIn('mediador.lisboa');
    const person = (await mediator.request('POST', '/api/persons', { fullName: 'Maria Aparecida da Silva' })).json().person;
    expect((await mediator.request('GET', `/api/persons/${person.id}`)).statusCode).toBe(200);
    const after = (await auditor.request('GET', '/api/me/today')).json().dataProtection;
    expect(after.reads).toBeGreaterThan(before.reads);
  });
});
