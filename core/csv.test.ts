import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSV_BOM, csvCell, parseCsv, toCsv } from './csv.ts';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];
/** Text with a fair share of the characters that matter: formula starters, quotes, separators, line breaks, other scripts. */
const tricky = fc.string({ unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ', "'", 'Ж', 'ع', 'क'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 30 });

describe('csvCell', () => {
  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+351 912 345 678')).toBe("'+351 912 345 678");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Olena Kovalenko')).toBe('Olena Kovalenko');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes separators, quotes and line breaks; leaves numbers we produce as numbers', () => {
    expect(csvCell('Baldé, Amadou')).toBe('"Baldé, Amadou"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('never lets a parsed string cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.array(fc.array(tricky, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        const parsed = parseCsv(toCsv(['a'], rows));
        for (const row of parsed) for (const cell of row) expect(DANGEROUS.includes(cell[0] ?? '')).toBe(false);
      }),
    );
  });

  it('round-trips any text: what is read back is the text, with a quote before a formula start', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), fc.array(fc.array(tricky, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (header, rows) => {
        const width = header.length;
        const body = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const expected = [header, ...body].map((r) => r.map((c) => (DANGEROUS.includes(c[0] ?? '') ? `'${c}` : c)));
        expect(parseCsv(CSV_BOM + toCsv(header, body))).toEqual(expected);
      }),
    );
  });
});
