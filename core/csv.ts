/**
 * CSV for spreadsheets, safely (RFC 4180 quoting plus the OWASP guard against formula
 * injection). Every CSV that Balcão hands out goes through here.
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * programs skip before looking) as a formula: a name typed at a desk as `=HYPERLINK(…)` would
 * otherwise run on the data-protection officer's computer. Such cells get a leading single quote,
 * which spreadsheets show as text and hide.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised and quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans we produce ourselves are data, not formulas (a negative number stays a number).
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines joined by CRLF (RFC 4180), with a trailing CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A UTF-8 byte-order mark first, so spreadsheet programs read names in any script correctly. */
export const CSV_BOM = '\uFEFF';

/**
 * Reads CSV text back into rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF). Used to
 * check what we write; the formula guard's quote stays in the value.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
