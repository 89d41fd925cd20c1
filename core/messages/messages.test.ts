import { describe, expect, it } from 'vitest';
import { isValidRecipient, maskRecipient, normalisePhoneNumber, parsePushSubscription, retryDelaySeconds } from './messages.ts';

describe('outbox rules', () => {
  it('doubles the retry delay from the base, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(50, 30)).toBe(3600);
  });

  it('normalises phone numbers to E.164 and refuses what is not one', () => {
    expect(normalisePhoneNumber('+351 912 345 678')).toBe('+351912345678');
    expect(normalisePhoneNumber('00351-912-345-678')).toBe('+351912345678');
    expect(normalisePhoneNumber('912345678')).toBeNull();
    expect(normalisePhoneNumber('+0123456789')).toBeNull();
    expect(normalisePhoneNumber('call me')).toBeNull();
  });

  it('checks recipients per channel', () => {
    expect(isValidRecipient('email', 'olena@example.org')).toBe(true);
    expect(isValidRecipient('email', 'olena@@example')).toBe(false);
    expect(isValidRecipient('sms', '+380 67 123 4567')).toBe(true);
    const sub = JSON.stringify({ endpoint: 'https://push.example.org/abc', keys: { p256dh: 'k', auth: 'a' } });
    expect(isValidRecipient('push', sub)).toBe(true);
    expect(parsePushSubscription('{"endpoint":"http://insecure"}')).toBeNull();
    expect(parsePushSubscription('not json')).toBeNull();
  });

  it('masks recipients for staff', () => {
    expect(maskRecipient('email', 'olena@example.org')).toBe('o•••@example.org');
    expect(maskRecipient('sms', '+351 912 345 678')).toBe('+351•••678');
    expect(maskRecipient('push', JSON.stringify({ endpoint: 'https://fcm.googleapis.com/x', keys: { p256dh: 'k', auth: 'a' } }))).toBe('push: fcm.googleapis.com');
  });
});
