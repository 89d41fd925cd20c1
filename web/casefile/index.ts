/** The shared digital casefile: desk search, the casefile, referrals, expiring documents. */
export { CasefilePage, CasefileSearchPage } from './CasefilePage.tsx';
export { ReferralsPage } from './Referrals.tsx';
export { ExpiringPage } from './Expiring.tsx';

/** Roles that read and write casefiles (the server decides per section; this only opens the screens). */
export const CASEFILE_ROLES = ['mediator', 'agency_officer', 'support_officer'] as const;
export const canUseCasefile = (roles: readonly string[]) => CASEFILE_ROLES.some((r) => roles.includes(r));
