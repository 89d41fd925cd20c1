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
  'ticket.issue', // start a visit with a first ticket (pre-sorting, kiosk, information counter)
  'visit.sort', // welcoming and sorting: identify the client, route the visit to desks
  'queue.read', // see a centre's queues, waiting lists and counters
  'counter.operate', // take a counter and call, serve, finish, transfer tickets at it
  'floor.manage', // the centre manager's live floor: open/close counters, move tickets
  'centre.subscribe', // receive a centre's live events (display boards, staff screens)
  'children.manage', // the children's room: check children in and out against a guardian's visit
  'person.read', // find a person and read the casefile core (identity, languages, contacts, documents)
  'person.write', // create or update the core, link a visit to a person, add documents
  'section.read', // read a partner's section (cases, notes): own partner, or by a live referral
  'section.write', // open cases and write notes in a section: own partner only
  'referral.create', // share one's own partner's section with another partner, with consent
  'referral.legal_basis', // share on a recorded legal basis instead of consent (government agencies)
  'referral.decide', // accept or reject a referral addressed to one's own partner
  'referral.revoke', // withdraw a referral one's own partner gave
  'audit.read', // the data-protection officer's access report and the log
  'person.export', // everything held about a person, for the person (data-subject access)
  'person.erase', // erase or anonymise a section within its retention rules
  'knowledge.read', // the knowledge base as editors see it: drafts, every language's status and history
  'knowledge.edit', // create items, write the source text, publish or withdraw
  'knowledge.translate', // write or review an item's text in a language other than its source
  'stats.read', // statistics of visits, tickets and waits (figures, charts, CSV)
  'survey.results', // satisfaction survey results (shares, counts, intervals) and their CSV
  'survey.comments', // the comments clients left in a survey, personal data masked
  'survey.manage', // add, change, reorder or retire survey questions (a new survey version)
  'survey.translate', // write or review a survey question's text in a language other than its source
  'survey.kiosk', // a kiosk finding a visit's survey by the ticket number a client types
  'kiosk.waits', // a kiosk reading its centre's expected waits (ranges) per service, before a client takes a ticket
  'planner.read', // the staffing planner: forecast, counters needed, what-ifs, the plan as CSV
  'appointment.read', // read the bookings of a centre with the clients' personal data (audited)
  'appointment.checkin', // check a client in for their booking (kiosk by code and document, pre-sorting)
  'appointment.manage', // block slots, close days, book or move a booking on a client's behalf
  'message.read', // delivery state of messages to clients (queued, sent, failed; recipient masked, no body)
  'appointment.allocate', // open a lottery round for a service's appointment places, see its requests' counts, draw it once closed
] as const;

export type Action = (typeof ACTIONS)[number];

/** What an operation is about: the centre (and partner) it touches, when that matters. */
export interface Resource {
  centreId?: string | null;
  /** Partners whose work this is (e.g. the partners of a counter's services). */
  partnerIds?: readonly string[];
  /** For a casefile section: the partner that owns it. */
  sectionPartnerId?: string | null;
  /** Partners that hold a live, accepted referral to that section. */
  sharedWith?: readonly string[];
}

const ALL_STAFF = 'all_staff' as const;

/**
 * Who may do what. `network` means anywhere; `centre` only at the holder's own centre;
 * `partner` only at their own centre and only for their own partner's work (an agency keeps its
 * competences: an AIMA officer calls AIMA queues, not Social Security's); `section` only in their
 * own partner's casefile section, at any centre; `shared` their own section or one another partner
 * shared with theirs by a live referral.
 */
type Scope = 'network' | 'centre' | 'partner' | 'section' | 'shared';
const STAFF_RULES: Record<Exclude<Action, 'public.read' | 'device.self'>, Partial<Record<Role | typeof ALL_STAFF, Scope>>> = {
  'session.self': { [ALL_STAFF]: 'network' },
  'mfa.enrol': { [ALL_STAFF]: 'network' },
  'network.read': { [ALL_STAFF]: 'network' },
  'network.configure': { network_admin: 'network' },
  'staff.read': { network_admin: 'network' },
  'staff.manage': { network_admin: 'network' },
  'device.read': { network_admin: 'network', centre_manager: 'centre' },
  'device.manage': { network_admin: 'network', centre_manager: 'centre' },
  'ticket.issue': { centre_manager: 'centre', mediator: 'centre', info_counter: 'centre' },
  'visit.sort': { centre_manager: 'centre', mediator: 'centre' },
  'queue.read': { centre_manager: 'centre', mediator: 'centre', agency_officer: 'centre', support_officer: 'centre', info_counter: 'centre', childrens_room: 'centre', analyst: 'network' },
  'counter.operate': { centre_manager: 'centre', mediator: 'partner', agency_officer: 'partner', support_officer: 'partner', info_counter: 'partner' },
  'floor.manage': { centre_manager: 'centre' },
  'centre.subscribe': { centre_manager: 'centre', mediator: 'centre', agency_officer: 'centre', support_officer: 'centre', info_counter: 'centre', childrens_room: 'centre' },
  'children.manage': { centre_manager: 'centre', childrens_room: 'centre' },
  'person.read': { mediator: 'network', agency_officer: 'network', support_officer: 'network' },
  'person.write': { mediator: 'network', agency_officer: 'network', support_officer: 'network' },
  'section.read': { mediator: 'shared', agency_officer: 'shared', support_officer: 'shared' },
  'section.write': { mediator: 'section', agency_officer: 'section', support_officer: 'section' },
  'referral.create': { mediator: 'section', agency_officer: 'section', support_officer: 'section' },
  'referral.legal_basis': { agency_officer: 'section' },
  'referral.decide': { mediator: 'section', agency_officer: 'section', support_officer: 'section' },
  'referral.revoke': { mediator: 'section', agency_officer: 'section', support_officer: 'section' },
  'audit.read': { auditor: 'network' },
  'person.export': { auditor: 'network' },
  'person.erase': { auditor: 'network' },
  'knowledge.read': { [ALL_STAFF]: 'network' },
  'knowledge.edit': { content_editor: 'network' },
  // Intercultural mediators speak the clients' languages: they translate and review translations.
  'knowledge.translate': { content_editor: 'network', mediator: 'network' },
  // Managers their centre; analysts and the network administrator every centre; an agency or
  // support officer their own partner's desk at their centre.
  'stats.read': { network_admin: 'network', analyst: 'network', centre_manager: 'centre', agency_officer: 'partner', support_officer: 'partner' },
  // Managers their centre; analysts and the network administrator every centre; an agency officer
  // their own partner's desk at their centre (the partner of the desk of a visit's last ticket).
  'survey.results': { network_admin: 'network', analyst: 'network', centre_manager: 'centre', agency_officer: 'partner' },
  'survey.comments': { centre_manager: 'centre' },
  'survey.manage': { network_admin: 'network' },
  'survey.translate': { network_admin: 'network', content_editor: 'network', mediator: 'network' },
  'survey.kiosk': {},
  // Staff read waits through the snapshot (queue.read); this is the kiosk's narrow view of them.
  'kiosk.waits': {},
  // Managers their centre; analysts and the network administrator every centre.
  'planner.read': { network_admin: 'network', analyst: 'network', centre_manager: 'centre' },
  'appointment.read': { centre_manager: 'centre', mediator: 'centre', info_counter: 'centre', agency_officer: 'partner', support_officer: 'partner' },
  'appointment.checkin': { centre_manager: 'centre', mediator: 'centre', info_counter: 'centre' },
  'appointment.manage': { centre_manager: 'centre', mediator: 'centre', info_counter: 'centre' },
  // Staff who welcome clients and run the centre see whether a message reached a client.
  'message.read': { network_admin: 'network', centre_manager: 'centre', mediator: 'centre', info_counter: 'centre' },
  // Managers their centre's rounds; the network administrator every centre's.
  'appointment.allocate': { network_admin: 'network', centre_manager: 'centre' },
};

/** What a paired screen may do, at its own centre only. */
const DEVICE_RULES: Record<'kiosk' | 'display', readonly Action[]> = {
  kiosk: ['device.self', 'ticket.issue', 'centre.subscribe', 'survey.kiosk', 'kiosk.waits', 'appointment.checkin'],
  display: ['device.self', 'centre.subscribe'],
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
  const atOwnCentre = resource.centreId != null && actor.centreId != null && resource.centreId === actor.centreId;
  if (scopes.includes('centre')) return atOwnCentre;
  if (scopes.includes('partner') && atOwnCentre && actor.partnerId != null && (resource.partnerIds ?? []).includes(actor.partnerId)) return true;
  const ownSection = actor.partnerId != null && resource.sectionPartnerId === actor.partnerId;
  if (scopes.includes('section') && ownSection) return true;
  if (scopes.includes('shared') && (ownSection || (actor.partnerId != null && (resource.sharedWith ?? []).includes(actor.partnerId)))) return true;
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
      return DEVICE_RULES[actor.kind].includes(action) && resource.centreId === actor.centreId;
    case 'staff':
      return staffMay(actor, action, resource);
  }
}
