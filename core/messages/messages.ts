/** Pure rules of the outbox (messages to clients): retry delays, recipients checked and masked. */

export const MESSAGE_CHANNELS = ['email', 'sms', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Seconds to wait before the next try after `attempts` failed ones: doubling, at most an hour. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(3600, baseSeconds * 2 ** exponent);
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** A plausible e-mail address (the mail server is the final judge). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/**
 * A phone number in international form, as clients type it: "+351 912 345 678", "00351912345678".
 * Returns the E.164 form (+ and 8–15 digits) or null.
 */
export function normalisePhoneNumber(value: string): string | null {
  const compact = value.trim().replace(/[\s().-]/g, '');
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{7,14}$/.test(withPlus) ? withPlus : null;
}

/** A Web Push subscription as the browser's PushManager gives it. */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export function parsePushSubscription(value: string): PushSubscriptionJson | null {
  try {
    const parsed = JSON.parse(value) as Partial<PushSubscriptionJson> | null;
    if (!parsed || typeof parsed.endpoint !== 'string' || !/^https:\/\//.test(parsed.endpoint)) return null;
    const keys = parsed.keys;
    if (!keys || typeof keys.p256dh !== 'string' || typeof keys.auth !== 'string' || !keys.p256dh || !keys.auth) return null;
    return { endpoint: parsed.endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
  } catch {
    return null;
  }
}

/** Whether `to` is a valid recipient for the channel. */
export function isValidRecipient(channel: MessageChannel, to: string): boolean {
  if (channel === 'email') return isEmailAddress(to);
  if (channel === 'sms') return normalisePhoneNumber(to) !== null;
  return parsePushSubscription(to) !== null;
}

/** What staff see of a recipient: enough to recognise it, not enough to use it. */
export function maskRecipient(channel: MessageChannel, to: string): string {
  if (channel === 'email') {
    const [local = '', domain = ''] = to.split('@');
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  if (channel === 'sms') {
    const phone = normalisePhoneNumber(to) ?? to;
    return `${phone.slice(0, 4)}•••${phone.slice(-3)}`;
  }
  const endpoint = parsePushSubscription(to)?.endpoint;
  try {
    return endpoint ? `push: ${new URL(endpoint).host}` : 'push';
  } catch {
    return 'push';
  }
}
