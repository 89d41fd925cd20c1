import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './masking.ts';
import { formatShare, summarizeQuestion, suppressQuestion, wilsonInterval } from './results.ts';

describe('survey results', () => {
  it("reproduces the IOM evaluation's opening-hours line from counts", () => {
    // 826 of 1000 answered "very adequate" or "adequate".
    const s = summarizeQuestion([300, 526, 120, 54]);
    expect(s.answers).toBe(1000);
    expect(formatShare(s.positive.share, 'en')).toBe('82.6%');
    expect(formatShare(s.negative.share, 'en')).toBe('17.4%');
    expect(formatShare(0.96, 'en')).toBe('96%');
    expect(formatShare(s.positive.share, 'pt-PT')).toBe('82,6%');
    expect(s.categories.map((c) => c.count)).toEqual([300, 526, 120, 54]);
    expect(s.categories[0]!.share).toBeCloseTo(0.3);
  });

  it('gives the Wilson score interval (checked against published values)', () => {
    // Newcombe (1998), example: 81 of 263 → 0.2553 to 0.3662.
    const ci = wilsonInterval(81, 263)!;
    expect(ci.low).toBeCloseTo(0.2553, 4);
    expect(ci.high).toBeCloseTo(0.3662, 4);
    // All or nothing still has a width; no answers has no interval.
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('keeps every interval within 0…1 and around the share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))), ([n, k]) => {
        const ci = wilsonInterval(k, n)!;
        return ci.low >= 0 && ci.high <= 1 && ci.low <= k / n + 1e-12 && ci.high >= k / n - 1e-12;
      }),
    );
  });

  it('never lets a count of 1–4 out, nor one that the others reveal', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 500 }));
    fc.assert(
      fc.property(fc.tuple(count, count, count, count), (counts) => {
        const s = suppressQuestion(counts);
        const shown = [s.answers, s.positive, s.negative, ...s.categories];
        if (shown.some((v) => v !== null && v > 0 && v < 5)) return false;
        // Each sum ties its terms: never exactly one of them hidden.
        const c = s.categories;
        const relations = [
          [s.answers, s.positive, s.negative],
          [s.positive, c[0], c[1]],
          [s.negative, c[2], c[3]],
          [s.answers, ...c],
        ];
        if (relations.some((r) => r.filter((v) => v === null).length === 1)) return false;
        // What is shown is true.
        const total = counts.reduce((a, b) => a + b, 0);
        return (s.answers === null || s.answers === total) && c.every((v, i) => v === null || v === counts[i]);
      }),
      { numRuns: 2000 },
    );
  });
});

// Generators of personal data as clients type it, in several scripts and spellings.
const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(''));
const toScript = (s: string, zero: number) => s.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const anyScriptDigits = (min: number, max: number) =>
  fc.tuple(digits(min, max), fc.constantFrom(0x30, 0x660, 0x966, 0x9e6)).map(([d, zero]) => toScript(d, zero));
const separator = fc.constantFrom('', ' ', '-', '.', ' - ', '  ', '/');
const email = fc.emailAddress();
const phone = fc.oneof(
  fc.tuple(fc.constantFrom('+351 ', '+880', '00 380 ', '+91-'), digits(3, 3), separator, digits(3, 3), separator, digits(3, 4)).map((p) => p.join('')),
  fc.tuple(digits(3, 3), separator, digits(3, 3), separator, digits(3, 3)).map((p) => p.join('')),
  anyScriptDigits(9, 12),
);
const documentNumber = fc.oneof(
  fc.tuple(fc.constantFrom('P', 'AB', 'CC', 'X', 'N°'), digits(6, 9)).map(([a, b]) => a + b),
  fc.tuple(digits(8, 8), fc.constantFrom(' ', ''), digit, fc.constantFrom('ZZ', 'ZX'), digit).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('AIMA/', 'SEF-', 'R'), digits(4, 10)).map(([a, b]) => a + b),
);
const longNumber = anyScriptDigits(6, 14);
const personalData = fc.oneof(email, phone, documentNumber, longNumber);
/** Everyday words in the client languages, with short numbers that identify nobody. */
const words = fc.array(
  fc.oneof(
    fc.constantFrom('obrigado', 'waited', 'minutes', 'a', 'senha', 'очередь', 'дякую', 'شكرا', 'انتظرت', 'धन्यवाद', 'অপেক্ষা', 'très', 'bien', 'mediador', '!', ',', 'é', '…', 'counter'),
    fc.integer({ min: 0, max: 99 }).map(String),
  ),
  { maxLength: 12 },
).map((w) => w.join(' '));

/** Whatever the mask lets through must hold no run of 6+ digits and no address. */
const leaks = (text: string) => /@[\p{L}\p{N}-]+\.[\p{L}]/u.test(text) || (text.match(/\p{Nd}/gu) ?? []).length >= 6;

describe('masking personal data in comments', () => {
  const placeholder = (kind: string) => `[${kind}]`;

  it('masks what clients typically type, and keeps what identifies nobody', () => {
    const { text, masked } = maskPersonalData('Very kind! Call me on +351 912 345 678 or maria.silva@example.pt. Passport P1234567, NIF 123456789, born 01/02/1990. I waited 45 minutes at counter 12 from 10:30.', placeholder);
    expect(text).toBe('Very kind! Call me on [phone] or [email]. Passport [document], NIF [number], born [number]. I waited 45 minutes at counter 12 from 10:30.');
    expect(masked).toBe(5);
    expect(maskPersonalData('رقمي ٩١٢٣٤٥٦٧٨ شكرا', placeholder).text).toBe('رقمي [number] شكرا');
    expect(maskPersonalData('Thank you, the mediator spoke Nepali.', placeholder)).toEqual({ text: 'Thank you, the mediator spoke Nepali.', masked: 0 });
  });

  it('never lets personal data through, wherever it sits in a comment (property)', () => {
    fc.assert(
      fc.property(words, personalData, words, fc.constantFrom(' ', '', ': ', '\n', '(', ','), (before, secret, after, glue) => {
        const comment = `${before}${glue}${secret}${glue}${after}`;
        const { text } = maskPersonalData(comment, placeholder);
        return !text.includes(secret) && !leaks(text.replace(/\b\d{1,2}\b/g, ''));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a text without digits or @ as it was, and masking twice changes nothing more (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }).map((s) => s.replace(/[\p{Nd}@]/gu, '')), (s) => maskPersonalData(s, placeholder).text === s),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, personalData), { maxLength: 6 }).map((p) => p.join(' ')), (s) => {
        const once = maskPersonalData(s, placeholder).text;
        return maskPersonalData(once, placeholder).text === once;
      }),
    );
  });
});
