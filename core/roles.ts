/** Staff roles. A user holds one or more; an agency officer is bound to one partner. */
export const ROLES = [
  'network_admin',
  'centre_manager',
  'mediator',
  'agency_officer',
  'support_officer',
  'info_counter',
  'childrens_room',
  'analyst',
  'auditor',
  'content_editor',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles whose work is done for one partner, so a partner must be set. */
export const PARTNER_BOUND_ROLES: readonly Role[] = ['agency_officer', 'support_officer'];

/** Roles that must sign in with a second factor. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['network_admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
