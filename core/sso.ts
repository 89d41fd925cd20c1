import { PARTNER_BOUND_ROLES, isRole, type Role } from './roles.ts';

/** One rule of a single sign-on provider: people whose groups claim holds `value` get these. */
export interface SsoRule {
  /** A value of the provider's groups claim (e.g. "balcao-aima-lisboa"). */
  value: string;
  roles: Role[];
  partnerId: string | null;
  centreId: string | null;
}

export type SsoMapping =
  | { ok: true; roles: Role[]; partnerId: string | null; centreId: string | null }
  | { ok: false; reason: 'sso_no_role' | 'sso_no_partner' };

/** The values of a claim that may be a string, a list of strings, or absent. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Roles, partner and centre for someone whose groups claim is `groups`: the union of the roles of
 * every matching rule; partner and centre from the first matching rule that sets them. Nobody is
 * let in without a role, nor with a partner-bound role and no partner.
 */
export function mapClaims(rules: readonly SsoRule[], groups: unknown): SsoMapping {
  const held = new Set(claimValues(groups));
  const matched = rules.filter((r) => held.has(r.value));
  const roles = [...new Set(matched.flatMap((r) => r.roles))].filter(isRole);
  if (roles.length === 0) return { ok: false, reason: 'sso_no_role' };
  const partnerId = matched.find((r) => r.partnerId)?.partnerId ?? null;
  const centreId = matched.find((r) => r.centreId)?.centreId ?? null;
  if (partnerId === null && roles.some((r) => PARTNER_BOUND_ROLES.includes(r))) return { ok: false, reason: 'sso_no_partner' };
  return { ok: true, roles, partnerId, centreId };
}

/** Authentication methods (RFC 8176) that prove more than a password. */
const SECOND_FACTOR_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']);

/** Whether the provider says the person proved a second factor: an `amr` value, or a configured `acr`. */
export function providerProvedSecondFactor(claims: { amr?: unknown; acr?: unknown }, mfaAcr: readonly string[]): boolean {
  if (claimValues(claims.amr).some((m) => SECOND_FACTOR_AMR.has(m))) return true;
  return typeof claims.acr === 'string' && mfaAcr.includes(claims.acr);
}

/** A reference to a client secret: env:NAME or file:/absolute/path. */
export const SECRET_REF_PATTERN = '^(env:[A-Za-z_][A-Za-z0-9_]*|file:/.+)$';
