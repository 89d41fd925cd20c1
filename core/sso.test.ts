import { describe, expect, it } from 'vitest';
import { claimValues, mapClaims, providerProvedSecondFactor, type SsoRule } from './sso.ts';

const rules: SsoRule[] = [
  { value: 'aima-lisboa', roles: ['agency_officer'], partnerId: 'p-aima', centreId: 'c-lis' },
  { value: 'staff-lisboa', roles: ['info_counter'], partnerId: null, centreId: 'c-lis' },
  { value: 'officers', roles: ['agency_officer'], partnerId: null, centreId: null },
  { value: 'admins', roles: ['network_admin'], partnerId: null, centreId: null },
];

describe('single sign-on claim mapping', () => {
  it('unites the roles of every matching rule and takes partner and centre from the first that sets them', () => {
    expect(mapClaims(rules, ['staff-lisboa', 'aima-lisboa', 'other'])).toEqual({ ok: true, roles: ['agency_officer', 'info_counter'], partnerId: 'p-aima', centreId: 'c-lis' });
    expect(mapClaims(rules, 'admins')).toEqual({ ok: true, roles: ['network_admin'], partnerId: null, centreId: null });
  });
  it('refuses someone no rule gives a role, and a partner-bound role without a partner', () => {
    expect(mapClaims(rules, ['unknown'])).toEqual({ ok: false, reason: 'sso_no_role' });
    expect(mapClaims(rules, undefined)).toEqual({ ok: false, reason: 'sso_no_role' });
    expect(mapClaims(rules, ['officers'])).toEqual({ ok: false, reason: 'sso_no_partner' });
  });
  it('reads claims given as a list, a space- or comma-separated string, or junk', () => {
    expect(claimValues(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(claimValues('a b,c')).toEqual(['a', 'b', 'c']);
    expect(claimValues({ a: 1 })).toEqual([]);
  });
  it('counts a second factor from amr, or from an acr the administrator named', () => {
    expect(providerProvedSecondFactor({ amr: ['pwd', 'otp'] }, [])).toBe(true);
    expect(providerProvedSecondFactor({ amr: ['hwk'] }, [])).toBe(true);
    expect(providerProvedSecondFactor({ amr: ['pwd'] }, [])).toBe(false);
    expect(providerProvedSecondFactor({ amr: ['pwd'], acr: 'urn:gov:loa:high' }, ['urn:gov:loa:high'])).toBe(true);
    expect(providerProvedSecondFactor({ acr: 'urn:gov:loa:low' }, ['urn:gov:loa:high'])).toBe(false);
  });
});
