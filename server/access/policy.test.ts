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
 * user's own centre and at another centre, for their own partner's work and another's.
 * 'both' = anywhere, 'own' = own centre only, 'partner' = own centre and own partner only, '-' = never.
 */
type Cell = 'both' | 'own' | 'partner' | 'section' | '-';
const row = (cells: Partial<Record<Role, Cell>>): Record<Role, Cell> => Object.fromEntries(ROLES.map((r) => [r, cells[r] ?? '-'])) as Record<Role, Cell>;
const MATRIX: Record<Action, Record<Role, Cell>> = {
  'public.read': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'session.self': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'mfa.enrol': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'network.read': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'network.configure': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-', content_editor: '-' },
  'staff.read': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-', content_editor: '-' },
  'staff.manage': { network_admin: 'both', centre_manager: '-', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-', content_editor: '-' },
  'device.read': { network_admin: 'both', centre_manager: 'own', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-', content_editor: '-' },
  'device.manage': { network_admin: 'both', centre_manager: 'own', mediator: '-', agency_officer: '-', support_officer: '-', info_counter: '-', childrens_room: '-', analyst: '-', auditor: '-', content_editor: '-' },
  'device.self': row({}),
  'ticket.issue': row({ centre_manager: 'own', mediator: 'own', info_counter: 'own' }),
  'visit.sort': row({ centre_manager: 'own', mediator: 'own' }),
  'queue.read': row({ centre_manager: 'own', mediator: 'own', agency_officer: 'own', support_officer: 'own', info_counter: 'own', childrens_room: 'own', analyst: 'both' }),
  'counter.operate': row({ centre_manager: 'own', mediator: 'partner', agency_officer: 'partner', support_officer: 'partner', info_counter: 'partner' }),
  'floor.manage': row({ centre_manager: 'own' }),
  'centre.subscribe': row({ centre_manager: 'own', mediator: 'own', agency_officer: 'own', support_officer: 'own', info_counter: 'own', childrens_room: 'own' }),
  'children.manage': row({ centre_manager: 'own', childrens_room: 'own' }),
  'person.read': row({ mediator: 'both', agency_officer: 'both', support_officer: 'both' }),
  'person.write': row({ mediator: 'both', agency_officer: 'both', support_officer: 'both' }),
  'section.read': row({ mediator: 'section', agency_officer: 'section', support_officer: 'section' }),
  'section.write': row({ mediator: 'section', agency_officer: 'section', support_officer: 'section' }),
  'referral.create': row({ mediator: 'section', agency_officer: 'section', support_officer: 'section' }),
  'referral.legal_basis': row({ agency_officer: 'section' }),
  'referral.decide': row({ mediator: 'section', agency_officer: 'section', support_officer: 'section' }),
  'referral.revoke': row({ mediator: 'section', agency_officer: 'section', support_officer: 'section' }),
  'audit.read': row({ auditor: 'both' }),
  'person.export': row({ auditor: 'both' }),
  'person.erase': row({ auditor: 'both' }),
  'knowledge.read': Object.fromEntries(ROLES.map((r) => [r, 'both'])) as Record<Role, Cell>,
  'knowledge.edit': row({ content_editor: 'both' }),
  'knowledge.translate': row({ content_editor: 'both', mediator: 'both' }),
  'stats.read': row({ network_admin: 'both', analyst: 'both', centre_manager: 'own', agency_officer: 'partner', support_officer: 'partner' }),
  'survey.results': row({ network_admin: 'both', analyst: 'both', centre_manager: 'own', agency_officer: 'partner' }),
  'survey.comments': row({ centre_manager: 'own' }),
  'survey.manage': row({ network_admin: 'both' }),
  'survey.translate': row({ network_admin: 'both', content_editor: 'both', mediator: 'both' }),
  'survey.kiosk': row({}),
  'kiosk.waits': row({}),
  'planner.read': row({ network_admin: 'both', analyst: 'both', centre_manager: 'own' }),
  'appointment.read': row({ centre_manager: 'own', mediator: 'own', info_counter: 'own', agency_officer: 'partner', support_officer: 'partner' }),
  'appointment.checkin': row({ centre_manager: 'own', mediator: 'own', info_counter: 'own' }),
  'appointment.manage': row({ centre_manager: 'own', mediator: 'own', info_counter: 'own' }),
  'message.read': row({ network_admin: 'both', centre_manager: 'own', mediator: 'own', info_counter: 'own' }),
  'appointment.allocate': row({ network_admin: 'both', centre_manager: 'own' }),
};

describe('authorization matrix: every action × role × own/other centre', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const cell = MATRIX[action][role];
      it(`${role} ${cell === '-' ? 'may not' : 'may'} ${action}${cell === 'own' ? ' (own centre only)' : cell === 'partner' ? ' (own centre and partner only)' : cell === 'section' ? " (own partner's section only)" : ''}`, () => {
        const user = staff([role]);
        if (cell === 'section') {
          expect(can(user, action, { centreId: OTHER, sectionPartnerId: 'p' }), 'own section, any centre').toBe(true);
          expect(can(user, action, { centreId: OWN, sectionPartnerId: 'someone-else' }), "another partner's section").toBe(false);
          return;
        }
        expect(can(user, action, { centreId: OWN, partnerIds: ['p'], sectionPartnerId: 'p' }), 'own centre, own partner').toBe(cell !== '-');
        expect(can(user, action, { centreId: OWN, partnerIds: ['someone-else'], sectionPartnerId: 'someone-else' }), 'own centre, other partner').toBe(cell === 'both' || cell === 'own');
        expect(can(user, action, { centreId: OTHER, partnerIds: ['p'] }), 'other centre').toBe(cell === 'both');
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

describe('casefile sections and referrals', () => {
  const officer = (partnerId: string) => staff(['agency_officer'], { partnerId });
  it("another partner reads a section only through a live referral to its own partner, and never writes it", () => {
    const health = { sectionPartnerId: 'health', sharedWith: ['social-security'] };
    expect(can(officer('health'), 'section.read', health)).toBe(true);
    expect(can(officer('social-security'), 'section.read', health)).toBe(true);
    expect(can(officer('social-security'), 'section.write', health)).toBe(false);
    expect(can(officer('aima'), 'section.read', health)).toBe(false);
    expect(can(officer('aima'), 'section.read', { sectionPartnerId: 'health', sharedWith: [] })).toBe(false);
  });

  it('a referral shared with a partner does not reach a user without a partner or an administrator', () => {
    fc.assert(
      fc.property(anyRoles, fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), (roles, sharedWith) => {
        const noPartner = staff(roles, { partnerId: null });
        const admin = staff(['network_admin'], { partnerId: 'a' });
        return !can(noPartner, 'section.read', { sectionPartnerId: 'a', sharedWith }) && !can(admin, 'section.read', { sectionPartnerId: 'a', sharedWith: ['a'] });
      }),
    );
  });
});

describe('authorization invariants (property-based)', () => {
  it('an anonymous visitor may only read public things', () => {
    fc.assert(fc.property(anyAction, anyCentre, (action, centreId) => can({ type: 'anonymous' }, action, { centreId }) === (action === 'public.read')));
  });

  it('a paired screen does only what a public screen must, and only at its own centre', () => {
    const allowed = { kiosk: ['public.read', 'device.self', 'ticket.issue', 'centre.subscribe', 'survey.kiosk', 'kiosk.waits', 'appointment.checkin'], display: ['public.read', 'device.self', 'centre.subscribe'] };
    fc.assert(
      fc.property(anyAction, fc.constantFrom<'kiosk' | 'display'>('kiosk', 'display'), (action, kind) => {
        const device: Actor = { type: 'device', id: 'd', kind, centreId: OWN };
        const atOwn = can(device, action, { centreId: OWN }) === allowed[kind].includes(action);
        const atOther = can(device, action, { centreId: OTHER }) === ['public.read', 'device.self'].includes(action);
        return atOwn && atOther;
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
