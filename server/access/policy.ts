import type { Role } from '../../core/roles.ts';
import type { Actor, StaffActor } from './actor.ts';

/**
 * Every operation Balcão performs on behalf of someone. A route names exactly one; the
 * authorize hook refuses any route that names none (deny by default).
 */
export const ACTIONS = [
  'public.read', // health, OpenAPI, public pages: no sign-in needed
  'session.self', // read and end one's own session, set one's own language
  'mfa.enrol', // set up one's own second factor
  'network.read', // read the configuration: centres, partners, desks, services, counters, topics
  'network.configure', // change it
  'staff.read',
  'staff.manage', // create staff, change roles and partner, disable, reset second factor
  'device.read', // list paired devices of a centre
  'device.manage', // create a pairing code, revoke a device
  'device.self', // a paired device reading its own identity
] as const;

export type Action = (typeof ACTIONS)[number];

/** What an operation is about: the centre (and partner) it touches, when that matters. */
export interface Resource {
  centreId?: string | null;
  partnerId?: string | null;
}

const ALL_STAFF = 'all_staff' as const;

/**
 * Who may do what. `centre` scoping means a role's holder may act only at their own centre;
 * `network` means anywhere.
 */
type Scope = 'network' | 'centre';
const STAFF_RULES: Record<Exclude<Action, 'public.read' | 'device.self'>, Partial<Record<Role | typeof ALL_STAFF, Scope>>> = {
  'session.self': { [ALL_STAFF]: 'network' },
  'mfa.enrol': { [ALL_STAFF]: 'network' },
  'network.read': { [ALL_STAFF]: 'network' },
  'network.configure': { network_admin: 'network' },
  'staff.read': { network_admin: 'network' },
  'staff.manage': { network_admin: 'network' },
  'device.read': { network_admin: 'network', centre_manager: 'centre' },
  'device.manage': { network_admin: 'network', centre_manager: 'centre' },
};

/** Actions a signed-in user may take before enrolling a required second factor. */
const BEFORE_MFA: readonly Action[] = ['session.self', 'mfa.enrol', 'public.read'];

function staffMay(actor: StaffActor, action: Action, resource: Resource): boolean {
  if (action === 'public.read') return true;
  if (action === 'device.self') return false;
  if (!actor.mfaSatisfied && !BEFORE_MFA.includes(action)) return false;
  const rule = STAFF_RULES[action];
  const scopes: Scope[] = [];
  if (rule[ALL_STAFF]) scopes.push(rule[ALL_STAFF]);
  for (const role of actor.roles) {
    const scope = rule[role];
    if (scope) scopes.push(scope);
  }
  if (scopes.includes('network')) return true;
  if (scopes.includes('centre')) {
    return resource.centreId != null && actor.centreId != null && resource.centreId === actor.centreId;
  }
  return false;
}

/** The one function that decides whether `actor` may perform `action` on `resource`. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  switch (actor.type) {
    case 'anonymous':
      return action === 'public.read';
    case 'device':
      if (action === 'public.read') return true;
      if (action === 'device.self') return true;
      return false;
    case 'staff':
      return staffMay(actor, action, resource);
  }
}
