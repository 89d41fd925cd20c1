/**
 * Personal data a client may type into a survey comment ("call me on 912 345 678", "my passport
 * is P1234567"), masked before any member of staff reads it. What counts:
 * - `email`: anything shaped like an address (local part, @, domain with a dot);
 * - `phone`: a number starting with + or 00, or 7 or more digits written with spaces, dots,
 *   dashes or brackets between them;
 * - `document`: a word mixing letters and digits with at least 4 digits (passport, residence card,
 *   citizen card, tax or social security numbers with letters, e.g. "P1234567", "AB12345CD");
 * - `number`: any other run of 6 or more digits, with or without separators (tax numbers, case
 *   numbers, dates of birth written as 01/02/1990).
 * Short numbers stay ("I waited 45 minutes", "counter 12", "at 10:30"): they identify nobody.
 */
export type MaskKind = 'email' | 'phone' | 'document' | 'number';

// \p{Nd}: any script's digits (Arabic-Indic ٠١٢, Devanagari ०१२, Bengali ০১২…), not only 0–9.
const EMAIL = /[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A token of letters and digits (and inner dashes or slashes) with a letter and at least 4 digits. */
const MIXED_TOKEN = /[\p{L}\p{M}\p{Nd}]+(?:[-/][\p{L}\p{M}\p{Nd}]+)*/gu;
/** Digits with any spaces, dots, dashes, slashes or brackets between them (never starting or ending on one). */
const DIGIT_RUN = /\+?\p{Nd}(?:[\s.\-/()]*\p{Nd})*/gu;
const DATE = /^\p{Nd}{1,2}[./-]\p{Nd}{1,2}[./-]\p{Nd}{2,4}$/u;

const digitCount = (s: string) => (s.match(/\p{Nd}/gu) ?? []).length;

/**
 * The comment with every piece of personal data replaced by `placeholder(kind)` (e.g. "[phone
 * number removed]" in the reader's language), and how many were. Addresses go first, then
 * documents, then the remaining digit runs, each pass over the previous one's result, so a
 * number touching a document or an address is never left half visible. Placeholders must hold
 * no digits; masking a masked text then changes nothing.
 */
export function maskPersonalData(text: string, placeholder: (kind: MaskKind) => string = (kind) => `[${kind}]`): { text: string; masked: number } {
  let masked = 0;
  const mark = (kind: MaskKind) => {
    masked++;
    return placeholder(kind);
  };
  let out = text.replace(EMAIL, () => mark('email'));
  out = out.replace(MIXED_TOKEN, (token) => (/\p{L}/u.test(token) && digitCount(token) >= 4 ? mark('document') : token));
  out = out.replace(DIGIT_RUN, (run) => {
    const digits = digitCount(run);
    const international = run.startsWith('+') || run.startsWith('00');
    const separated = /[\s.\-/()]/u.test(run);
    if ((international && digits >= 6) || (separated && digits >= 7 && !DATE.test(run))) return mark('phone');
    if (digits >= 6) return mark('number');
    return run;
  });
  return { text: out, masked };
}
