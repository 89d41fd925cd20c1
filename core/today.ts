/** The shape of GET /api/me/today, shared by the server (server/modules/today) and the home page (web/staff/Home.tsx). */

/**
 * The few numbers each role's home shows today. Each part is there only when can() allows the user the action it summarises, so a home never shows more than the screens behind it.
 */
export interface TodayFigures {
  /** A centre manager's centre now: the live floor's totals. */
  centre: { centreId: string; centreName: string; waiting: number; longestWaitMinutes: number; servedToday: number; countersStaffed: number; countersActive: number; queuesPastTarget: number } | null;
  /** An officer's or mediator's own queues (the services they may call) at their centre. */
  myQueues: { waiting: number; longestWaitMinutes: number; servedToday: number; queues: { serviceId: string; ticketPrefix: string; name: Record<string, string>; waiting: number; longestWaitMinutes: number }[] } | null;
  /** The data-protection officer's day in the audit log. */
  dataProtection: { reads: number; exports: number; erasures: number; refusals: number } | null;
  /** The network's figures for yesterday (analysts, administrators). */
  yesterday: { date: string; tickets: number; served: number; meanWaitMinutes: number | null; withinTargetShare: number | null } | null;
}
