import nodemailer from 'nodemailer';
import webpush from 'web-push';
import type { MessagesConfig } from '../../config.ts';
import type { MessageChannel } from '../../../core/messages/messages.ts';

/** A message as a sender gets it: the recipient and bodies, decoded. */
export interface OutgoingMessage {
  id: string;
  channel: MessageChannel;
  to: string;
  locale: string;
  kind: string;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Delivers one message or throws. `signal` is aborted when the send takes longer than
 * MESSAGE_SEND_TIMEOUT_MS; the sending job stops waiting then whatever the sender does.
 */
export interface MessageSender {
  readonly name: string;
  send(message: OutgoingMessage, signal: AbortSignal): Promise<void>;
}

export type Senders = Record<MessageChannel, MessageSender>;

/** A failure that another try cannot fix (a push subscription that is gone, a refused number). */
export class PermanentSendError extends Error {}

export interface SenderLog {
  info(obj: object, msg: string): void;
}

/** Nothing configured: the message is written to the server log (development, demos). */
export function logSender(channel: MessageChannel, log: SenderLog): MessageSender {
  return {
    name: `log-${channel}`,
    async send(message) {
      log.info({ messageId: message.id, channel, kind: message.kind, locale: message.locale, subject: message.subject, text: message.text }, 'message to a client (log sender: nothing configured for this channel)');
    },
  };
}

/** E-mail through a real SMTP server (SMTP_URL), from MAIL_FROM. */
export function smtpSender(config: Pick<MessagesConfig, 'smtpUrl' | 'mailFrom' | 'sendTimeoutMs'>): MessageSender {
  const timeout = config.sendTimeoutMs;
  const transport = nodemailer.createTransport(config.smtpUrl!, undefined);
  transport.set('connectionTimeout', timeout);
  return {
    name: 'smtp',
    async send(message) {
      await transport.sendMail({
        from: config.mailFrom,
        to: message.to,
        subject: message.subject ?? '',
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        headers: { 'Content-Language': message.locale },
      });
    },
  };
}

/**
 * SMS through an HTTP gateway (SMS_URL): POST {to, text, locale} as JSON, with SMS_TOKEN as a
 * bearer token if set. A 2xx answer is a send; 4xx other than 408/429 will not get better.
 */
export function httpSmsSender(config: Pick<MessagesConfig, 'smsUrl' | 'smsToken'>): MessageSender {
  return {
    name: 'sms-http',
    async send(message, signal) {
      const res = await fetch(config.smsUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(config.smsToken ? { authorization: `Bearer ${config.smsToken}` } : {}) },
        body: JSON.stringify({ to: message.to, text: message.text, locale: message.locale }),
        signal,
      });
      if (res.ok) return;
      const error = `SMS gateway answered ${res.status}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentSendError(error);
      throw new Error(error);
    },
  };
}

/** Web Push (VAPID keys from config): the subscription is the recipient; title and text are shown. */
export function webPushSender(config: Pick<MessagesConfig, 'vapidPublicKey' | 'vapidPrivateKey' | 'vapidSubject' | 'sendTimeoutMs'>): MessageSender {
  const vapidDetails = { subject: config.vapidSubject, publicKey: config.vapidPublicKey!, privateKey: config.vapidPrivateKey! };
  return {
    name: 'web-push',
    async send(message) {
      const payload = JSON.stringify({ title: message.subject ?? '', body: message.text, lang: message.locale, tag: message.kind });
      try {
        await webpush.sendNotification(JSON.parse(message.to) as webpush.PushSubscription, payload, { vapidDetails, timeout: config.sendTimeoutMs, TTL: 600, urgency: 'high' });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        // The browser unsubscribed or the subscription expired: no retry will reach it.
        if (status === 404 || status === 410) throw new PermanentSendError(`push service answered ${status}`);
        throw err;
      }
    },
  };
}

/** The senders the configuration asks for; a channel with nothing configured logs instead. */
export function sendersFromConfig(config: MessagesConfig, log: SenderLog): Senders {
  return {
    email: config.smtpUrl ? smtpSender(config) : logSender('email', log),
    sms: config.smsUrl ? httpSmsSender(config) : logSender('sms', log),
    push: config.vapidPublicKey && config.vapidPrivateKey ? webPushSender(config) : logSender('push', log),
  };
}

/** A new VAPID key pair for Web Push (`balcao vapid-keys`). */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
