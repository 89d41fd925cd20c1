import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import type { Actor, StaffActor } from './actor.ts';
import { ACTIONS, can, type Action } from './policy.ts';

const OWN = 'centre-own';
const OTHER = 'centre-other';

function staff(roles: Role[], overrides: Partial<StaffActor> = {}): StaffActor {
  return { type: 'staff', id: 'u', sessionId: 's', roles, partnerId: 'p', centreId: OWN, mfaSatisfied: true, ...overrides };
}

/**
 * The authorization matrix, written out: for every action and role, what is allowed at the
 * user's own centre and at another centre. 'both' = anywhere, 'own' = own centre only, '-' = never.
 */
type Cell = 'both' | 'own' | '-';
const MATRIX: Record<Action, Record<Role, Cell>> = {
  'public.read': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'session.self': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'mfa.enrol': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'network.read': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'network.configure': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-' },
  'staff.read': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-' },
  'staff.manage': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-' },
  'device.read': { network_admin: 'both', centre_manager: 'own', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-' },
  'device.manage': { network_admin: 'both', centre_manager: 'own', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-' },
  'device.self': Object.fromEntries(ROLES.map((r) => [r, '-'])) as Record<Role, Cell>,
};

describe('authorization matrix: every action × role × own/other centre', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const cell = MATRIX[action][role];
      it(`${role} ${cell === '-' ? 'may not' : 'may'} ${action}${cell === 'own' ? ' (own centre only)' : ''}`, () => {
        expect(can(staff([role]), action, { centreId: OWN })).toBe(cell !== '-');
        expect(can(staff([role]), action, { centreId: OTHER })).toBe(cell === 'both');
      });
    }
  }

  it('covers every action', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });
});

const anyAction = fc.constantFrom(...ACTIONS);
const anyRoles = fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 0, maxLength: 4 });
const anyCentre = fc.option(fc.constantFrom(OWN, OTHER, 'centre-third'), { nil: null });

describe('authorization invariants (property-based)', () => {
  it('an anonymous visitor may only read public things', () => {
    fc.assert(fc.property(anyAction, anyCentre, (action, centreId) => can({ type: 'anonymous' }, action, { centreId }) === (action === 'public.read')));
  });

  it('a paired device never gets a staff permission', () => {
    fc.assert(
      fc.property(anyAction, fc.constantFrom<'kiosk' | 'display'>('kiosk', 'display'), (action, kind) => {
        const device: Actor = { type: 'device', id: 'd', kind, centreId: OWN };
        return can(device, action, { centreId: OWN }) === (action === 'public.read' || action === 'device.self');
      }),
    );
  });

  it('holding more roles never takes a permission away', () => {
    fc.assert(
      fc.property(anyRoles, anyRoles, anyAction, anyCentre, (a, b, action, centreId) => {
        const union = [...new Set([...a, ...b])];
        return !can(staff(a), action, { centreId }) || can(staff(union), action, { centreId });
      }),
    );
  });

  it('a user who has not enrolled a required second factor can only manage their session and enrol', () => {
    fc.assert(
      fc.property(anyRoles, anyAction, anyCentre, (roles, action, centreId) => {
        const allowed = can(staff(roles, { mfaSatisfied: false }), action, { centreId });
        return !allowed || ['public.read', 'session.self', 'mfa.enrol'].includes(action);
      }),
    );
  });

  it('a centre-scoped permission never reaches a user without a centre', () => {
    fc.assert(
      fc.property(anyRoles, anyCentre, (roles, centreId) => {
        const noCentre = staff(roles.filter((r) => r !== 'network_admin'), { centreId: null });
        return !can(noCentre, 'device.manage', { centreId });
      }),
    );
  });
});
