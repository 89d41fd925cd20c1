/** One partner's section of a person as the erasure plan shows it: counts and rules, never case content. */
export interface ErasureSection {
  partnerId: string;
  partnerName: Record<string, string>;
  retentionYears: number | null;
  retentionBasis: string | null;
  /** Cases that still hold content; erased cases stay as empty shells for statistics. */
  cases: number;
  openCases: number;
  erasedCases: number;
  /** Referrals from this section still pending or accepted (an erasure revokes them). */
  liveReferrals: number;
  /** The partner must keep this section by law (retentionBasis): erasure on request is refused. */
  mustKeep: boolean;
  /**
   * When the retention job will erase the section: its last case's closing plus the retention
   * period; null while a case is open, when there is no period, or nothing is left.
   */
  erasedAutomaticallyOn: string | null;
}
