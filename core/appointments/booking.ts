/**
 * Booking codes, identity normalisation and contact checks for appointments. Pure functions.
 */

/** Letters and digits nobody confuses when reading aloud or typing (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V). */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
export const CODE_LENGTH = 8;

/** A booking code from random integers below CODE_ALPHABET.length, shown as XXXX-XXXX. */
export function formatBookingCode(randomIndexes: readonly number[]): string {
  const chars = randomIndexes.slice(0, CODE_LENGTH).map((i) => CODE_ALPHABET[i]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a person typed as a booking code (any case, with or without spaces and dashes) → the stored form, or null. */
export function normaliseBookingCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== CODE_LENGTH || [...plain].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

/** A document number as typed (spaces, dashes, dots, case) → one canonical form; null when nothing is left. */
export function normaliseDocumentNumber(typed: string): string | null {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s\-./]/g, '');
  return /^[\p{L}\p{N}]{4,30}$/u.test(plain) ? plain : null;
}

/** A calendar birth date YYYY-MM-DD that exists and is not in the future (relative to `today`). */
export function isBirthDate(value: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && value <= today && value >= '1900-01-01';
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/.test(value);
}

/** A phone number in international form after removing spaces, dots, dashes and brackets: +, then 8–15 digits. */
export function normalisePhone(typed: string): string | null {
  const plain = typed.replace(/[\s.\-()]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{7,14}$/.test(plain) ? plain : null;
}

export const BOOKING_STATUSES = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses in which a booking still holds its seat and counts as the person's one booking for the service. */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['booked', 'checked_in'];
