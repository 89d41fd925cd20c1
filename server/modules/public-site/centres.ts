import { isOpenAt, localTime, type OpeningHours } from '../../../core/opening-hours.ts';
import type { AppContext } from '../../context.ts';
import { localizedName } from '../../http/html.ts';
import * as network from '../network/store.ts';
import { centreSnapshot } from '../visits/queues.ts';
import { withinFiveInTen } from '../visits/wait-accuracy.ts';

export interface PublicCentre {
  code: string;
  name: string;
  address: string;
  timeZone: string;
  openingHours: OpeningHours;
  languages: string[];
  openNow: boolean;
}

export interface PublicQueue {
  service: string;
  serviceLang: string;
  partner: string;
  partnerLang: string;
  ticketPrefix: string;
  waiting: number;
  expectedWaitMinutes: number;
  /** Shown instead of the estimate: its range from the measured error. */
  expectedWaitRange?: [number, number];
}

export async function publicCentres(ctx: AppContext): Promise<PublicCentre[]> {
  const now = ctx.now();
  return (await network.listCentres(ctx.db))
    .filter((c) => c.active === 1)
    .map(network.toCentre)
    .map((c) => ({ code: c.code, name: c.name, address: c.address, timeZone: c.timeZone, openingHours: c.openingHours, languages: c.languages, openNow: isOpenAt(c.openingHours, now, c.timeZone) }));
}

// Waiting times are read from the live queues at most every 20 seconds per centre, so a busy public
// site costs the database one snapshot per centre, not one per reader.
const CACHE_MS = 20_000;
interface CachedQueue {
  names: Record<string, string>;
  partnerId: string;
  ticketPrefix: string;
  waiting: number;
  expectedWaitMinutes: number;
  expectedWaitRange: [number, number];
}
const cache = new WeakMap<AppContext, Map<string, { at: number; queues: CachedQueue[] }>>();

/** The centre's queues now: people waiting and the expected wait, nothing about anyone in them. */
export async function publicQueues(ctx: AppContext, centreCode: string, locale: string): Promise<{ queues: PublicQueue[]; at: string; localTime: string; accuracyInTen: number } | null> {
  const centreRow = await network.findCentreByCode(ctx.db, centreCode);
  if (!centreRow || centreRow.active !== 1) return null;
  const now = ctx.now();
  const perCtx = cache.get(ctx) ?? cache.set(ctx, new Map()).get(ctx)!;
  let entry = perCtx.get(centreRow.id);
  if (!entry || now.getTime() - entry.at > CACHE_MS || now.getTime() < entry.at) {
    const [snapshot, services] = await Promise.all([centreSnapshot(ctx, centreRow.id), network.listServices(ctx.db, centreRow.id)]);
    const partnerOf = new Map(services.map((s) => [s.id, s.partner_id]));
    entry = {
      at: now.getTime(),
      queues: snapshot.queues.map((q) => ({ names: q.name, partnerId: partnerOf.get(q.serviceId) ?? '', ticketPrefix: q.ticketPrefix, waiting: q.waiting, expectedWaitMinutes: q.expectedWaitMinutes, expectedWaitRange: q.expectedWaitRange })),
    };
    perCtx.set(centreRow.id, entry);
  }
  const partners = new Map((await network.listPartners(ctx.db)).map((p) => [p.id, JSON.parse(p.name) as Record<string, string>]));
  return {
    at: new Date(entry.at).toISOString(),
    localTime: localTime(new Date(entry.at), centreRow.time_zone).time,
    // How often the estimates were within five minutes, measured by replaying centre days (wait-accuracy.json).
    accuracyInTen: withinFiveInTen(),
    queues: entry.queues.map((q) => {
      const service = localizedName(q.names, locale);
      const partner = localizedName(partners.get(q.partnerId) ?? {}, locale);
      return {
        service: service.text,
        serviceLang: service.lang,
        partner: partner.text,
        partnerLang: partner.lang,
        ticketPrefix: q.ticketPrefix,
        waiting: q.waiting,
        expectedWaitMinutes: q.expectedWaitMinutes,
        expectedWaitRange: q.expectedWaitRange,
      };
    }),
  };
}
