/**
 * Ticket numbers: the service's prefix and a number that restarts at 1 every local day at each
 * centre, shown with at least three digits ("A007", "A023", "A1204" on a very busy day).
 */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}

/** Splits "A023" back into its prefix and number, or returns null if it is not a ticket number. */
export function parseTicketNumber(number: string): { prefix: string; sequence: number } | null {
  const m = /^([A-Z]{1,2})(\d{3,})$/.exec(number);
  return m ? { prefix: m[1]!, sequence: Number(m[2]) } : null;
}
