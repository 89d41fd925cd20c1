/** Legal priority groups (Decreto-Lei 58/2016) and booked appointments. */
export const PRIORITY_REASONS = ['disability', 'senior', 'pregnancy', 'infant', 'appointment'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export function priorityClassOf(reason: PriorityReason | null | undefined): 'none' | 'legal' | 'appointment' {
  if (!reason) return 'none';
  return reason === 'appointment' ? 'appointment' : 'legal';
}

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'transferred', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which the ticket occupies a counter. */
export const AT_COUNTER: readonly TicketStatus[] = ['called', 'serving'];

export const OUTCOMES = ['resolved', 'needs_documents', 'referred', 'follow_up', 'information_given', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
