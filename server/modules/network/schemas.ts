import { Type, type Static } from 'typebox';
import { LANGUAGE_CODES } from '../../../core/languages.ts';
import { WEEKDAYS } from '../../../core/opening-hours.ts';

const Id = Type.String({ format: 'uuid', description: 'Identifier' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$', description: 'Stable lower-case code used in URLs and reports' });
const LanguageCode = Type.Unsafe<string>(Type.String({ enum: [...LANGUAGE_CODES], description: 'BCP 47 language code' }));
const Languages = Type.Array(LanguageCode, { minItems: 1, uniqueItems: true });
/** A name per language, e.g. { "pt-PT": "Segurança Social", "en": "Social Security" }. */
export const LocalizedText = Type.Record(Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' }), Type.String({ minLength: 1, maxLength: 200 }), {
  minProperties: 1,
});

const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local time HH:MM' });
const Period = Type.Object({ open: HHMM, close: HHMM }, { additionalProperties: false });
export const OpeningHoursSchema = Type.Object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, Type.Array(Period, { maxItems: 4 })])) as Record<(typeof WEEKDAYS)[number], ReturnType<typeof Type.Array<typeof Period>>>,
  { additionalProperties: false },
);

export const Centre = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  timeZone: Type.String(),
  languages: Type.Array(Type.String()),
  openingHours: OpeningHoursSchema,
  active: Type.Boolean(),
});
export const CentreInput = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    address: Type.String({ maxLength: 300 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Lisbon' }),
    languages: Languages,
    openingHours: OpeningHoursSchema,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const CentrePatch = Type.Partial(CentreInput, { additionalProperties: false, minProperties: 1 });

const PartnerKind = Type.Union([Type.Literal('government_agency'), Type.Literal('support_office'), Type.Literal('centre_service')]);
export const Partner = Type.Object({
  id: Id,
  code: Type.String(),
  kind: PartnerKind,
  name: Type.Record(Type.String(), Type.String()),
  active: Type.Boolean(),
  retentionYears: Type.Union([Type.Integer(), Type.Null()]),
  retentionBasis: Type.Union([Type.String(), Type.Null()]),
});
export const PartnerInput = Type.Object(
  {
    code: Code,
    kind: PartnerKind,
    name: LocalizedText,
    active: Type.Optional(Type.Boolean()),
    // One type list rather than a union: with Fastify's type coercion, a union with null would turn 0 into null (no period) silently.
    retentionYears: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 100, description: "Years after a case closes before the partner's section is erased automatically; null keeps it until erased on request" })),
    retentionBasis: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'The legal obligation to keep the section, if any: it is then not erased on request, and this reason is shown' })),
  },
  { additionalProperties: false },
);
export const PartnerPatch = Type.Partial(PartnerInput, { additionalProperties: false, minProperties: 1 });

export const Desk = Type.Object({ id: Id, centreId: Id, partnerId: Id, active: Type.Boolean() });
export const DeskInput = Type.Object({ centreId: Id, partnerId: Id, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const DeskPatch = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });

export const Topic = Type.Object({ code: Type.String(), name: Type.Record(Type.String(), Type.String()) });
export const TopicInput = Type.Object({ code: Code, name: LocalizedText }, { additionalProperties: false });

export const Service = Type.Object({
  id: Id,
  centreId: Id,
  deskId: Id,
  partnerId: Id,
  code: Type.String(),
  name: Type.Record(Type.String(), Type.String()),
  ticketPrefix: Type.String(),
  expectedMinutes: Type.Integer(),
  maxWaitMinutes: Type.Integer(),
  targetWaitMinutes: Type.Integer(),
  priorityBurst: Type.Integer(),
  topics: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  active: Type.Boolean(),
});
export const ServiceInput = Type.Object(
  {
    deskId: Id,
    code: Code,
    name: LocalizedText,
    ticketPrefix: Type.String({ pattern: '^[A-Z]{1,2}$', description: 'One or two capital letters printed before the ticket number' }),
    expectedMinutes: Type.Integer({ minimum: 1, maximum: 240, description: 'Expected handling time in minutes' }),
    targetWaitMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 480, description: 'The wait within which the service aims to call a client; statistics report the share called within it (default 20)' })),
    maxWaitMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 480, description: 'An ordinary ticket waiting longer than this is called before priority tickets (default 45)' })),
    priorityBurst: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: 'After this many priority calls in a row one ordinary ticket is called; 0 turns it off (default 3)' })),
    topics: Type.Array(Type.String(), { uniqueItems: true, maxItems: 20 }),
    languages: Languages,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ServicePatch = Type.Partial(Type.Omit(ServiceInput, ['deskId']), { additionalProperties: false, minProperties: 1 });

export const Counter = Type.Object({
  id: Id,
  centreId: Id,
  number: Type.Integer(),
  label: Type.String(),
  serviceIds: Type.Array(Id),
  active: Type.Boolean(),
});
export const CounterInput = Type.Object(
  {
    centreId: Id,
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    label: Type.Optional(Type.String({ maxLength: 60 })),
    serviceIds: Type.Array(Id, { uniqueItems: true, maxItems: 40 }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const CounterPatch = Type.Partial(Type.Omit(CounterInput, ['centreId']), { additionalProperties: false, minProperties: 1 });

export const CentreConfig = Type.Object({
  centre: Centre,
  desks: Type.Array(Desk),
  services: Type.Array(Service),
  counters: Type.Array(Counter),
});

export const ListOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

export type CentreInputT = Static<typeof CentreInput>;
export type CentrePatchT = Static<typeof CentrePatch>;
export type PartnerInputT = Static<typeof PartnerInput>;
export type PartnerPatchT = Static<typeof PartnerPatch>;
export type DeskInputT = Static<typeof DeskInput>;
export type ServiceInputT = Static<typeof ServiceInput>;
export type ServicePatchT = Static<typeof ServicePatch>;
export type CounterInputT = Static<typeof CounterInput>;
export type CounterPatchT = Static<typeof CounterPatch>;
export type TopicInputT = Static<typeof TopicInput>;
