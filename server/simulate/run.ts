import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateArrivals, pickWeighted, seededRandom, serviceMinutes, type ArrivingClient } from '../../core/simulation/day.ts';
import type { AppContext } from '../context.ts';
import { currentTotp } from '../modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../seed/seed.ts';
import { StaffClient } from './client.ts';

export interface SimulateOptions {
  url: string;
  centre: string;
  /** Simulated minutes per real minute (60: a ten-hour day in ten minutes). */
  speed: number;
  /** Clients in the day. */
  visits: number;
  /** Simulated minutes to run (600 = 08:00–18:00). */
  minutes: number;
  seed: number;
  log: (line: string) => void;
}

interface Service {
  id: string;
  ticketPrefix: string;
  expectedMinutes: number;
  partnerId: string;
}
interface Counter {
  id: string;
  number: number;
  serviceIds: string[];
  active: boolean;
}
interface Ticket {
  id: string;
  number: string;
  visitId: string;
  queuedAt: string;
  calledAt: string | null;
  serviceId: string;
}

const ROLE_BY_PARTNER_KIND: Record<string, string> = { government_agency: 'agency_officer', support_office: 'support_officer' };
const ROLE_BY_PARTNER_CODE: Record<string, string> = { acolhimento: 'mediator', informacoes: 'info_counter', 'pre-triagem': 'mediator' };

/**
 * Drives a running server through a centre day: pre-sorting issues tickets as clients arrive,
 * simulated staff at every counter call, serve (lognormal times), record no-shows and route
 * visits on from welcoming to the desks. Uses only the public API, like real staff.
 * Needs the demo network (it signs in as the demo administrator to create its staff).
 */
export interface DayResult {
  issued: number;
  served: number;
  noShows: number;
  routedOn: number;
}

export async function simulateDay(ctx: AppContext, options: SimulateOptions): Promise<DayResult> {
  const { log } = options;
  const random = seededRandom(options.seed);
  const simMs = (minutes: number) => (minutes * 60_000) / options.speed;

  const admin = await ctx.db.selectFrom('staff_user').select(['totp_secret', 'is_demo']).where('username', '=', 'admin').executeTakeFirst();
  if (!admin || admin.is_demo !== 1 || !admin.totp_secret) throw new Error('simulate needs the demo network (the demo administrator "admin"): run it against a server started with demo data');
  const adminClient = new StaffClient(options.url, 'admin');
  await adminClient.signIn(DEMO_PASSWORD, currentTotp(admin.totp_secret));

  const centres = (await adminClient.ok<{ items: { id: string; code: string; name: string }[] }>('GET', '/api/centres')).items;
  const centre = centres.find((c) => c.code === options.centre);
  if (!centre) throw new Error(`no centre "${options.centre}" (known: ${centres.map((c) => c.code).join(', ')})`);
  const config = await adminClient.ok<{ services: Service[]; counters: Counter[] }>('GET', `/api/centres/${centre.id}`);
  const partners = (await adminClient.ok<{ items: { id: string; code: string; kind: string }[] }>('GET', '/api/partners')).items;
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const serviceByPrefix = new Map(config.services.map((s) => [s.ticketPrefix, s]));
  const serviceById = new Map(config.services.map((s) => [s.id, s]));

  // Simulated staff: one per counter, plus one at pre-sorting. Fresh random passwords every run.
  async function staffMember(username: string, partnerId: string, role: string): Promise<StaffClient> {
    const password = randomBytes(12).toString('base64url');
    const created = await adminClient.call<{ id: string }>('POST', '/api/staff', { username, displayName: `Sim ${username.split('.').pop()}`, password, roles: [role], partnerId, centreId: centre!.id });
    if (created.status === 409) {
      const existing = (await adminClient.ok<{ items: { id: string; username: string }[] }>('GET', '/api/staff')).items.find((u) => u.username === username)!;
      await adminClient.ok('POST', `/api/staff/${existing.id}/enable`);
      await adminClient.ok('PATCH', `/api/staff/${existing.id}`, { roles: [role], partnerId, centreId: centre!.id });
      await adminClient.ok('POST', `/api/staff/${existing.id}/password`, { password });
    } else if (created.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(created.data)}`);
    const client = new StaffClient(options.url, username);
    await client.signIn(password);
    return client;
  }

  const presortPartner = partners.find((p) => p.code === 'pre-triagem') ?? partners.find((p) => p.code === 'acolhimento')!;
  const presorter = await staffMember(`sim.${centre.code}.presort`, presortPartner.id, 'mediator');

  const counters = config.counters.filter((c) => c.active && c.serviceIds.length > 0);
  const agents: { counter: Counter; client: StaffClient; welcoming: boolean }[] = [];
  for (const counter of counters) {
    const service = serviceById.get(counter.serviceIds[0]!)!;
    const partner = partnerById.get(service.partnerId)!;
    const role = ROLE_BY_PARTNER_CODE[partner.code] ?? ROLE_BY_PARTNER_KIND[partner.kind] ?? 'agency_officer';
    const client = await staffMember(`sim.${centre.code}.c${counter.number}`, partner.id, role);
    const took = await client.call('POST', `/api/counters/${counter.id}/session`, {});
    if (took.status !== 200) {
      log(`counter ${counter.number}: not taken (${JSON.stringify(took.data)}) — skipped`);
      continue;
    }
    agents.push({ counter, client, welcoming: service.ticketPrefix === 'W' });
  }
  log(`${centre.name}: ${agents.length} counters staffed by simulated staff; ${options.visits} clients over ${options.minutes} simulated minutes at ${options.speed}× speed`);

  const clients = new Map<string, ArrivingClient>(); // by ticket id
  const stats = { issued: 0, served: 0, noShows: 0, routedOn: 0, waits: [] as number[] };
  const start = Date.now();
  const simNow = () => ((Date.now() - start) * options.speed) / 60_000;
  const done = () => simNow() >= options.minutes;

  const arrivals = generateArrivals(random, options.visits, Math.ceil(options.minutes / 60)).filter((a) => a.atMinute < options.minutes);
  const arrivalLoop = (async () => {
    for (const a of arrivals) {
      const wait = start + simMs(a.atMinute) - Date.now();
      if (wait > 0) await sleep(wait);
      if (done()) return;
      const service = serviceByPrefix.get(a.firstPrefix);
      if (!service) continue;
      const res = await presorter.call<{ ticket: Ticket }>('POST', '/api/visits', { serviceId: service.id, language: a.language, priorityReason: a.priorityReason }, { 'idempotency-key': randomUUID() });
      if (res.status === 201) {
        clients.set(res.data.ticket.id, a);
        stats.issued++;
      }
    }
  })();

  const agentLoop = async (agent: (typeof agents)[number]) => {
    const base = `/api/counters/${agent.counter.id}`;
    while (!done()) {
      const called = await agent.client.call<{ ticket: Ticket }>('POST', `${base}/call-next`, {});
      if (called.status !== 200) {
        await sleep(simMs(1));
        continue;
      }
      const ticket = called.data.ticket;
      // Server times are real; scaled by the speed they are simulated minutes.
      stats.waits.push(((Date.parse(ticket.calledAt!) - Date.parse(ticket.queuedAt)) / 60_000) * options.speed);
      const who = clients.get(ticket.id);
      const firstTicket = who && serviceById.get(ticket.serviceId)?.ticketPrefix === who.firstPrefix;
      if (who?.noShow && firstTicket) {
        await sleep(simMs(1));
        await agent.client.call('POST', `/api/tickets/${ticket.id}/recall`, {});
        await sleep(simMs(1.5));
        await agent.client.call('POST', `/api/tickets/${ticket.id}/no-show`, {});
        stats.noShows++;
        continue;
      }
      await sleep(simMs(0.5 + random()));
      await agent.client.call('POST', `/api/tickets/${ticket.id}/start`, {});
      const service = serviceById.get(ticket.serviceId)!;
      await sleep(simMs(Math.min(serviceMinutes(random, service.expectedMinutes), service.expectedMinutes * 6)));
      const routeTo = agent.welcoming && who ? who.route.map((p) => serviceByPrefix.get(p)?.id).filter((x): x is string => !!x) : undefined;
      const outcome = routeTo?.length ? 'referred' : pickWeighted(random, [['resolved', 6], ['needs_documents', 2], ['follow_up', 1], ['information_given', 1]] as const);
      const finished = await agent.client.call<{ next: Ticket | null }>('POST', `/api/tickets/${ticket.id}/finish`, { outcome, ...(routeTo?.length ? { routeTo } : {}) });
      stats.served++;
      if (finished.status === 200 && finished.data.next && who) {
        clients.set(finished.data.next.id, who);
        stats.routedOn++;
      }
    }
  };

  const reporter = (async () => {
    let hour = 0;
    while (!done()) {
      await sleep(Math.min(simMs(60), 5_000));
      const h = Math.floor(simNow() / 60);
      if (h > hour) {
        hour = h;
        const clock = `${String(8 + hour).padStart(2, '0')}:00`;
        log(`${clock} issued=${stats.issued} served=${stats.served} no-shows=${stats.noShows} sent-on=${stats.routedOn}`);
      }
    }
  })();

  await Promise.all([arrivalLoop, reporter, ...agents.map(agentLoop)]);
  for (const agent of agents) await agent.client.call('DELETE', `/api/counters/${agent.counter.id}/session`).catch(() => undefined);
  const sorted = [...stats.waits].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1) : '-');
  log(`day over: issued=${stats.issued} served=${stats.served} no-shows=${stats.noShows} sent-on=${stats.routedOn} wait in simulated minutes p50=${pct(0.5)} p90=${pct(0.9)}`);
  return { issued: stats.issued, served: stats.served, noShows: stats.noShows, routedOn: stats.routedOn };
}
