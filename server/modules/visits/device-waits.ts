import type { AppContext } from '../../context.ts';
import * as network from '../network/store.ts';
import { centreSnapshot } from './queues.ts';
import { serviceForTopic } from './service.ts';
import { withinFiveInTen } from './wait-accuracy.ts';

export interface KioskWaits {
  at: string;
  /** "8 in 10": the measured accuracy the kiosk publishes with the ranges (wait-accuracy.json). */
  accuracyInTen: number;
  services: { serviceId: string; ticketPrefix: string; name: Record<string, string>; waiting: number; expectedWaitMinutes: number; expectedWaitRange: [number, number]; openCounters: number }[];
  /** Network topic → the service a ticket for it goes to here (the rule issuing uses), for the topics this centre handles. */
  topics: Record<string, string>;
}

/**
 * What a kiosk shows before a client takes a ticket: per active service of its centre, the people
 * waiting and the expected wait as a range (the same figures as the floor, phone page and public
 * site: centreSnapshot), and which service each topic leads to. Nothing about anyone in the queues.
 */
export async function kioskWaits(ctx: AppContext, centreId: string): Promise<KioskWaits> {
  const [snapshot, services] = await Promise.all([centreSnapshot(ctx, centreId), network.listServices(ctx.db, centreId).then((r) => r.map(network.toService))]);
  const topics: Record<string, string> = {};
  for (const code of new Set(services.flatMap((s) => s.topics))) {
    const service = serviceForTopic(services, code);
    if (service) topics[code] = service.id;
  }
  return {
    at: ctx.now().toISOString(),
    accuracyInTen: withinFiveInTen(),
    services: snapshot.queues.map((q) => ({
      serviceId: q.serviceId,
      ticketPrefix: q.ticketPrefix,
      name: q.name,
      waiting: q.waiting,
      expectedWaitMinutes: q.expectedWaitMinutes,
      expectedWaitRange: q.expectedWaitRange,
      openCounters: q.openCounters,
    })),
    topics,
  };
}
