import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { translator } from '../../i18n.ts';
import { maskRecipient, normalisePhoneNumber, parsePushSubscription } from '../../../core/messages/messages.ts';
import { cancelMessages, enqueueMessage } from '../outbox/outbox.ts';
import { visitByLiveToken } from '../visits/queues.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

export type AlertChannel = 'sms' | 'push';

export interface AlertState {
  /** The masked number messages go to, or null. */
  sms: string | null;
  push: boolean;
}

async function openVisit(ctx: AppContext, token: string) {
  const visit = await visitByLiveToken(ctx, token);
  if (visit.status !== 'active') throw new AppError(409, 'visit_closed');
  return visit;
}

/**
 * A waiting client asks to be told when their turn is near and when they are called: by SMS to a
 * phone number, or by Web Push to this browser. The messages are in `locale` (the page's language).
 */
export async function requestTurnAlert(ctx: AppContext, token: string, input: { channel: AlertChannel; to: string; locale: string }): Promise<AlertState> {
  const visit = await openVisit(ctx, token);
  let recipient: string;
  if (input.channel === 'sms') {
    const phone = normalisePhoneNumber(input.to);
    if (!phone) throw new AppError(400, 'validation', {}, { phone: 'invalid_phone' });
    recipient = phone;
  } else {
    const subscription = parsePushSubscription(input.to);
    if (!subscription) throw new AppError(400, 'validation', {}, { subscription: 'invalid_subscription' });
    recipient = JSON.stringify(subscription);
  }
  await store.saveAlert(ctx.db, { id: randomUUID(), visit_id: visit.id, centre_id: visit.centre_id, channel: input.channel, recipient, locale: input.locale, created_at: ctx.now().toISOString() });
  return alertStateOfVisit(ctx.db, visit.id);
}

/** The client changes their mind: the number (and subscription) is forgotten at once. */
export async function stopTurnAlerts(ctx: AppContext, token: string): Promise<AlertState> {
  const visit = await visitByLiveToken(ctx, token);
  await store.deleteAlertsOfVisit(ctx.db, visit.id);
  return { sms: null, push: false };
}

export async function alertStateOfVisit(db: Db, visitId: string): Promise<AlertState> {
  const rows = await store.alertsOfVisit(db, visitId);
  const sms = rows.find((r) => r.channel === 'sms');
  return { sms: sms ? maskRecipient('sms', sms.recipient) : null, push: rows.some((r) => r.channel === 'push') };
}

export async function alertStateForToken(ctx: AppContext, token: string): Promise<AlertState> {
  const visit = await visitByLiveToken(ctx, token);
  return alertStateOfVisit(ctx.db, visit.id);
}

/** The visit ended: its numbers and subscriptions are forgotten. Call in the closing transaction. */
export async function forgetTurnAlerts(db: Db, visitId: string): Promise<void> {
  await store.deleteAlertsOfVisit(db, visitId);
}

export const forgetAlertsOfEndedVisits = (db: Db) => store.deleteAlertsOfEndedVisits(db);

interface CalledTicket {
  id: string;
  visit_id: string;
  service_id: string;
  number: string;
}

/**
 * Called inside "call next"'s transaction, after the ticket is called: enqueues (never sends)
 * "it is your turn" for the called client, and "your turn is near" for clients of the same queue
 * who now have the centre's number of people or fewer ahead. One read when nobody at the centre
 * asked for messages, which is the usual case on the hot path.
 */
export async function queueTurnMessages(trx: Db, input: { centreId: string; called: CalledTicket; counterNumber: number; at: Date }): Promise<void> {
  const alerts = await store.alertsAtCentre(trx, input.centreId);
  if (alerts.length === 0) return;
  const { called } = input;
  const common = { centreId: input.centreId, at: input.at };
  for (const alert of alerts.filter((a) => a.visit_id === called.visit_id)) {
    const t = translator(alert.locale, 'client');
    await enqueueMessage(trx, {
      ...common,
      channel: alert.channel as AlertChannel,
      to: alert.recipient,
      locale: alert.locale,
      kind: 'ticket-called',
      subject: t('turnAlert.calledTitle'),
      text: t('turnAlert.called', { number: called.number, counter: input.counterNumber }),
      relatesTo: { type: 'ticket', id: called.id },
      dedupeKey: `ticket-called:${called.id}:${alert.id}`,
    });
  }
  await cancelMessages(trx, { type: 'ticket', ids: [called.id] }, { kinds: ['turn-near'], at: input.at });
  const others = alerts.filter((a) => a.visit_id !== called.visit_id);
  if (others.length === 0) return;
  const waiting = await store.waitingTicketsOf(trx, [...new Set(others.map((a) => a.visit_id))], called.service_id);
  if (waiting.length === 0) return;
  const threshold = await store.turnNearAhead(trx, input.centreId);
  for (const ticket of waiting) {
    if ((await store.peopleAhead(trx, called.service_id, ticket.queued_at, ticket.id)) > threshold) continue;
    for (const alert of others.filter((a) => a.visit_id === ticket.visit_id)) {
      const t = translator(alert.locale, 'client');
      await enqueueMessage(trx, {
        ...common,
        channel: alert.channel as AlertChannel,
        to: alert.recipient,
        locale: alert.locale,
        kind: 'turn-near',
        subject: t('turnAlert.nearTitle'),
        text: t('turnAlert.near', { number: ticket.number }),
        relatesTo: { type: 'ticket', id: ticket.id },
        dedupeKey: `turn-near:${ticket.id}:${alert.id}`,
      });
    }
  }
}
