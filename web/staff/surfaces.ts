import type { Role } from '../../core/roles.ts';

/**
 * The one table of what each role can open. A later surface (pre-sorting, counter, floor,
 * children's room, statistics, audit) is one more row here and one route in StaffApp.
 */
export interface Surface {
  id: string;
  path: string;
  /** Roles that see the card; 'all' for every signed-in user. */
  roles: readonly Role[] | 'all';
  /** i18n keys: surfaces.<id>.title and surfaces.<id>.description */
}

export const SURFACES: readonly Surface[] = [
  { id: 'admin', path: '/app/admin', roles: ['network_admin'] },
  { id: 'devices', path: '/app/devices', roles: ['centre_manager'] },
  { id: 'centre', path: '/app/centre', roles: ['centre_manager'] },
  { id: 'presorting', path: '/app/pre-sorting', roles: ['mediator', 'centre_manager', 'info_counter'] },
  { id: 'counter', path: '/app/counter', roles: ['agency_officer', 'support_officer', 'mediator', 'info_counter', 'centre_manager'] },
  { id: 'floor', path: '/app/floor', roles: ['centre_manager'] },
  { id: 'children', path: '/app/children', roles: ['childrens_room', 'centre_manager'] },
  { id: 'stats', path: '/app/stats', roles: ['centre_manager', 'analyst', 'network_admin', 'agency_officer', 'support_officer'] },
  { id: 'planner', path: '/app/planner', roles: ['centre_manager', 'analyst', 'network_admin'] },
  { id: 'casefile', path: '/app/casefile', roles: ['mediator', 'agency_officer', 'support_officer'] },
  { id: 'referrals', path: '/app/referrals', roles: ['mediator', 'agency_officer', 'support_officer'] },
  { id: 'audit', path: '/app/audit', roles: ['auditor'] },
  { id: 'knowledge', path: '/app/knowledge', roles: ['content_editor', 'mediator'] },
  { id: 'surveys', path: '/app/surveys', roles: ['centre_manager', 'analyst', 'network_admin', 'agency_officer'] },
  { id: 'account', path: '/app/account', roles: 'all' },
];

export function surfacesFor(roles: readonly string[]): Surface[] {
  return SURFACES.filter((s) => s.roles === 'all' || s.roles.some((r) => roles.includes(r)));
}

/** Roles whose workstation has no surface of its own yet: home explains the role instead. */
export function rolesWithoutWorkstation(roles: readonly string[]): string[] {
  return roles.filter((r) => !SURFACES.some((s) => s.roles !== 'all' && (s.roles as readonly string[]).includes(r)));
}

/** Where a user lands after signing in. */
export function landingPath(roles: readonly string[]): string {
  return roles.includes('network_admin') ? '/app/admin' : '/app/';
}
