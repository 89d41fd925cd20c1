import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { isValidRecipient, maskRecipient, normalisePhoneNumber, type MessageChannel } from '../../../core/messages/messages.ts';
import * as store from './store.ts';

/**
 * The one way to send a client a message. Call it inside the transaction that commits what the
 * message announces (a booking, a call, a reminder run): the message exists if and only if that
 * committed. Nothing is sent here — the sending job (worker.ts) does it, outside every request.
 */
export interface MessageInput {
  channel: MessageChannel;
  /** An e-mail address, a phone number (international form) or a Web Push subscription (JSON). */
  to: string;
  /** The client's language: the texts below are already written in it. */
  locale: string;
  /** What the message is, e.g. 'turn-near', 'ticket-called', 'booking-confirmation', 'document-expiry'. */
  kind: string;
  subject?: string | undefined;
  text: string;
  html?: string | undefined;
  attachments?: readonly MessageAttachment[] | undefined;
  /** What the message is about (staff find its delivery state there); e.g. { type: 'ticket', id }. */
  relatesTo?: { type: string; id: string } | undefined;
  /** The centre and partner it belongs to: who among staff may see its delivery state. */
  centreId?: string | null | undefined;
  partnerId?: string | null | undefined;
  /** Not sent before this time (e.g. a reminder the day before). */
  notBefore?: Date | undefined;
  /** A message with the same key is enqueued once only (a daily job run twice, a repeated event). */
  dedupeKey?: string | undefined;
  /** When it is enqueued (the caller's clock); now by default. */
  at?: Date | undefined;
}

export interface MessageAttachment {
  filename: string;
  contentType: string;
  content: string | Uint8Array;
}

/**
 * Enqueues a message; returns its id, or null when `dedupeKey` was enqueued before. A recipient
 * that cannot be one for the channel is refused with a 400 (callers check input first and show the
 * client their own message; this is the last guard).
 */
export async function enqueueMessage(db: Kysely<Database>, input: MessageInput): Promise<string | null> {
  if (!isValidRecipient(input.channel, input.to)) throw new AppError(400, 'invalid_recipient');
  const to = input.channel === 'sms' ? normalisePhoneNumber(input.to)! : input.to;
  const at = (input.at ?? new Date()).toISOString();
  const id = randomUUID();
  const inserted = await store.insertMessage(db, {
    id,
    channel: input.channel,
    recipient: to,
    recipient_hint: maskRecipient(input.channel, to),
    locale: input.locale,
    kind: input.kind,
    subject: input.subject ?? null,
    body_text: input.text,
    body_html: input.html ?? null,
    attachments: input.attachments?.length
      ? JSON.stringify(
          input.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content).toString('base64'),
          })),
        )
      : null,
    relates_type: input.relatesTo?.type ?? null,
    relates_id: input.relatesTo?.id ?? null,
    centre_id: input.centreId ?? null,
    partner_id: input.partnerId ?? null,
    dedupe_key: input.dedupeKey ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: (input.notBefore ?? input.at ?? new Date()).toISOString(),
    lease_until: null,
    claim_token: null,
    last_error: null,
    created_at: at,
    sent_at: null,
    updated_at: at,
  });
  return inserted ? id : null;
}

/**
 * Messages about something that are still queued are not sent (a booking cancelled, a visit
 * ended): their recipients and bodies are cleared at once. Call it in the caller's transaction.
 */
export async function cancelMessages(db: Kysely<Database>, relatesTo: { type: string; ids: readonly string[] }, options: { kinds?: readonly string[]; at?: Date } = {}): Promise<number> {
  return store.cancelQueued(db, relatesTo.type, relatesTo.ids, (options.at ?? new Date()).toISOString(), options.kinds);
}

/** What staff see of a message: its state, never its body or full recipient. */
export interface MessageState {
  id: string;
  channel: string;
  recipient: string;
  locale: string;
  kind: string;
  relatesTo: { type: string; id: string } | null;
  centreId: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const toMessageState = (r: store.MessageRow): MessageState => ({
  id: r.id,
  channel: r.channel,
  recipient: r.recipient_hint,
  locale: r.locale,
  kind: r.kind,
  relatesTo: r.relates_type && r.relates_id ? { type: r.relates_type, id: r.relates_id } : null,
  centreId: r.centre_id,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Delivery state of the messages about one thing (e.g. a ticket, a booking), newest first. */
export async function messagesAbout(db: Kysely<Database>, relatesTo: { type: string; id: string }): Promise<MessageState[]> {
  return (await store.listMessages(db, { relatesType: relatesTo.type, relatesId: relatesTo.id, limit: 100 })).map(toMessageState);
}
