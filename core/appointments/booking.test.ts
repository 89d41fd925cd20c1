import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatBookingCode, isBirthDate, isEmail, normaliseBookingCode, normaliseDocumentNumber, normalisePhone } from './booking.ts';

describe('booking codes and identity', () => {
  it('formats codes from unambiguous characters and reads them back however typed', () => {
    const code = formatBookingCode([0, 1, 2, 3, 4, 5, 6, 22]);
    expect(code).toBe('ACDE-FGH9');
    expect(normaliseBookingCode(' acde fgh9 ')).toBe(code);
    expect(normaliseBookingCode('ACDEFGH9')).toBe(code);
    expect(normaliseBookingCode('ACDE-FGH')).toBeNull();
    expect(normaliseBookingCode('ACD0-FGH9')).toBeNull(); // 0 is never used
    expect(CODE_ALPHABET).not.toMatch(/[01OILSZB258UV]/);
  });

  it('normalises document numbers so the same document always gives the same identity', () => {
    expect(normaliseDocumentNumber('ab 123-456.7')).toBe('AB1234567');
    expect(normaliseDocumentNumber('AB1234567')).toBe('AB1234567');
    expect(normaliseDocumentNumber('12')).toBeNull();
    expect(normaliseDocumentNumber('<script>')).toBeNull();
  });

  it('checks birth dates, email addresses and phone numbers', () => {
    expect(isBirthDate('1990-02-28', '2026-12-05')).toBe(true);
    expect(isBirthDate('1990-02-30', '2026-12-05')).toBe(false);
    expect(isBirthDate('2027-01-01', '2026-12-05')).toBe(false);
    expect(isEmail('ana@example.pt')).toBe(true);
    expect(isEmail('ana@example')).toBe(false);
    expect(isEmail('ana example.pt')).toBe(false);
    expect(normalisePhone('+351 912 345 678')).toBe('+351912345678');
    expect(normalisePhone('00351 912-345-678')).toBe('+351912345678');
    expect(normalisePhone('912345678')).toBeNull();
    expect(normalisePhone('+351 abc')).toBeNull();
  });
});
