import type { Migration } from 'kysely';
import * as foundation from './2026-11-23T0900-foundation.ts';
import * as visits from './2026-11-23T1100-visits.ts';
import * as childrensRoom from './2026-11-23T1200-childrens-room.ts';
import * as serviceQueueRules from './2026-11-23T1300-service-queue-rules.ts';
import * as casefile from './2026-11-23T1400-casefile.ts';
import * as retention from './2026-11-23T1500-retention.ts';
import * as knowledge from './2026-11-23T1600-knowledge.ts';
import * as knowledgeRevision from './2026-11-23T1700-knowledge-revision.ts';
import * as ticketCounterIndex from './2026-11-23T1800-ticket-counter-index.ts';
import * as ticketPriorityIndex from './2026-11-23T1900-ticket-priority-index.ts';
import * as ticketQueueOrderIndex from './2026-11-23T2000-ticket-queue-order-index.ts';
import * as statistics from './2026-12-04T1000-statistics.ts';
import * as surveys from './2026-12-04T1100-surveys.ts';
import * as totpLastStep from './2026-12-04T1130-totp-last-step.ts';
import * as appointments from './2026-12-05T1000-appointments.ts';
import * as appointmentAllocation from './2026-12-05T1100-appointment-allocation.ts';
import * as outbox from './2026-12-05T1200-outbox.ts';
import * as turnAlerts from './2026-12-05T1200-turn-alerts.ts';
import * as singleSignOn from './2026-12-05T1400-single-sign-on.ts';
import * as boardNotice from './2026-12-05T1500-board-notice.ts';
import * as networkSettings from './2026-12-05T1700-network-settings.ts';

/** Every migration, in order. Never edit one that has landed: add a new file. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900-foundation': foundation,
  '2026-11-23T1100-visits': visits,
  '2026-11-23T1200-childrens-room': childrensRoom,
  '2026-11-23T1300-service-queue-rules': serviceQueueRules,
  '2026-11-23T1400-casefile': casefile,
  '2026-11-23T1500-retention': retention,
  '2026-11-23T1600-knowledge': knowledge,
  '2026-11-23T1700-knowledge-revision': knowledgeRevision,
  '2026-11-23T1800-ticket-counter-index': ticketCounterIndex,
  '2026-11-23T1900-ticket-priority-index': ticketPriorityIndex,
  '2026-11-23T2000-ticket-queue-order-index': ticketQueueOrderIndex,
  '2026-12-04T1000-statistics': statistics,
  '2026-12-04T1100-surveys': surveys,
  '2026-12-04T1130-totp-last-step': totpLastStep,
  '2026-12-05T1000-appointments': appointments,
  '2026-12-05T1100-appointment-allocation': appointmentAllocation,
  '2026-12-05T1200-outbox': outbox,
  '2026-12-05T1200-turn-alerts': turnAlerts,
  '2026-12-05T1400-single-sign-on': singleSignOn,
  '2026-12-05T1500-board-notice': boardNotice,
  '2026-12-05T1700-network-settings': networkSettings,
};
