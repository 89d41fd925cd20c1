import { Type, type Static } from 'typebox';
import { LANGUAGE_CODES } from '../../../core/languages.ts';
import { CASE_STATUSES } from './sections.ts';

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DOCUMENT_TYPES = ['passport', 'residence_permit', 'visa', 'national_id', 'tax_number', 'social_security_number', 'health_user_number', 'birth_certificate', 'other'] as const;

export const DocumentInput = Type.Object(
  {
    type: Type.Enum([...DOCUMENT_TYPES]),
    number: Type.String({ minLength: 1, maxLength: 60 }),
    issuingCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }))),
    issuedOn: Type.Optional(Nullable(Day)),
    expiresOn: Type.Optional(Nullable(Day)),
    verified: Type.Optional(Type.Boolean({ description: 'The document was seen and checked by the person recording it' })),
  },
  { additionalProperties: false },
);

const Contacts = Type.Object(
  { phone: Type.Optional(Type.String({ maxLength: 40 })), email: Type.Optional(Type.String({ format: 'email', maxLength: 120 })), address: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);

const PersonFields = {
  fullName: Type.String({ minLength: 1, maxLength: 200, description: 'As the person writes it, in any script' }),
  birthDate: Type.Optional(Nullable(Day)),
  nationalities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 5, uniqueItems: true })),
  languages: Type.Optional(Type.Array(Type.Unsafe<string>(Type.String({ enum: [...LANGUAGE_CODES] })), { maxItems: 10, uniqueItems: true })),
  contacts: Type.Optional(Contacts),
};

export const PersonCreate = Type.Object(
  { ...PersonFields, documents: Type.Optional(Type.Array(DocumentInput, { maxItems: 10 })), confirmedNew: Type.Optional(Type.Boolean({ description: 'Create even though likely duplicates were shown' })) },
  { additionalProperties: false },
);
export const PersonPatch = Type.Partial(Type.Object(PersonFields), { additionalProperties: false, minProperties: 1 });

export const PersonSearch = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), birthDate: Type.Optional(Day), document: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);

export const HouseholdInput = Type.Object(
  { relatedPersonId: Uuid, relation: Type.Enum(['spouse', 'child', 'parent', 'sibling', 'other']) },
  { additionalProperties: false },
);

export const MergeInput = Type.Object({ duplicateId: Uuid }, { additionalProperties: false });
export const LinkVisitInput = Type.Object({ personId: Uuid }, { additionalProperties: false });

export const CaseInput = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), nextStep: Type.Optional(Type.String({ maxLength: 500 })), followUpOn: Type.Optional(Day), visitId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const CasePatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(Type.Enum([...CASE_STATUSES])),
    nextStep: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    followUpOn: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const NoteInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const ReferralInput = Type.Object(
  {
    toPartnerId: Uuid,
    purpose: Type.String({ minLength: 3, maxLength: 300 }),
    basis: Type.Enum(['consent', 'legal_basis']),
    consentGivenBy: Type.Optional(Type.String({ maxLength: 200, description: 'Who gave consent (the person, or their legal representative)' })),
    legalBasisReason: Type.Optional(Type.String({ maxLength: 2000, description: 'The law and the reason, written out (at least 20 characters)' })),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const PersonIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SectionParams = Type.Object({ id: Uuid, partnerId: Uuid }, { additionalProperties: false });

export type PersonCreateT = Static<typeof PersonCreate>;

// Responses. Objects allow further properties so a field added later is never silently dropped.
const Open = { additionalProperties: true } as const;
const Str = Type.String();
const NStr = Nullable(Type.String());

export const Document = Type.Object(
  {
    id: Str,
    type: Str,
    number: Str,
    issuingCountry: NStr,
    issuedOn: NStr,
    expiresOn: NStr,
    verifiedBy: NStr,
    verifiedAt: NStr,
    hasAttachment: Type.Boolean(),
    expiry: Type.Enum(['none', 'valid', 'expiring_soon', 'expired']),
    daysToExpiry: Nullable(Type.Integer()),
  },
  Open,
);
export const PersonSummary = Type.Object(
  { id: Str, fullName: Str, birthDate: NStr, nationalities: Type.Array(Str), languages: Type.Array(Str), mergedInto: NStr },
  Open,
);
export const PersonCore = Type.Object(
  {
    id: Str,
    fullName: Str,
    birthDate: NStr,
    nationalities: Type.Array(Str),
    languages: Type.Array(Str),
    mergedInto: NStr,
    contacts: Type.Record(Str, Str),
    documents: Type.Array(Document),
    household: Type.Array(Type.Object({ personId: Str, relation: Str, fullName: Str })),
    createdAt: Str,
    updatedAt: Str,
  },
  Open,
);
export const SearchResults = Type.Object({ items: Type.Array(Type.Object({ id: Str, fullName: Str, birthDate: NStr, score: Type.Number(), reasons: Type.Array(Str) }, Open)) });
export const CreateResult = Type.Union([
  Type.Object({ created: Type.Literal(true), person: PersonCore }),
  Type.Object({ created: Type.Literal(false), duplicates: Type.Array(Type.Object({ id: Str, score: Type.Number(), reasons: Type.Array(Str), person: PersonSummary })) }),
]);
export const Note = Type.Object({ id: Str, authorId: Str, authorName: NStr, body: Str, createdAt: Str });
export const Case = Type.Object(
  { id: Str, personId: Str, partnerId: Str, centreId: Str, visitId: NStr, title: Str, status: Str, nextStep: NStr, followUpOn: NStr, openedBy: Str, openedAt: Str, closedAt: NStr, notes: Type.Array(Note) },
  Open,
);
export const Section = Type.Object({ partnerId: Str, access: Type.Enum(['own', 'referral']), cases: Type.Array(Case), referralId: Type.Optional(Str), sharedUntil: Type.Optional(Str) });
export const Casefile = Type.Object({ person: PersonCore, sections: Type.Array(Section), timeline: Type.Array(Type.Object({ at: Str, kind: Str }, Open)) });
export const Referral = Type.Object(
  { id: Str, personId: Str, personName: Type.Optional(Str), fromPartnerId: Str, toPartnerId: Str, purpose: Str, basis: Str, consentGivenBy: NStr, consentGivenAt: NStr, legalBasisReason: NStr, expiresAt: Str, status: Str, createdAt: Str, decidedAt: NStr, revokedAt: NStr },
  Open,
);
export const AccessReport = Type.Object({
  items: Type.Array(
    Type.Object(
      { seq: Type.Integer(), at: Str, who: Str, partner: Nullable(Type.Record(Str, Str)), action: Str, outcome: Str, section: Type.Unknown(), purpose: NStr, what: NStr },
      Open,
    ),
  ),
});
export const VerifyResult = Type.Object({ ok: Type.Boolean(), entries: Type.Integer(), firstBrokenSeq: Type.Optional(Type.Integer()), reason: Type.Optional(Str) });
export const Export = Type.Object({ exportedAt: Str, person: PersonSummary }, Open);

export const ErasurePlan = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  birthDate: NStr,
  anonymised: Type.Boolean(),
  mergedInto: NStr,
  canAnonymise: Type.Boolean({ description: 'No section must be kept by law, and the core is not anonymised yet' }),
  sections: Type.Array(
    Type.Object({
      partnerId: Type.String(),
      partnerName: Type.Record(Type.String(), Type.String()),
      retentionYears: Type.Union([Type.Integer(), Type.Null()]),
      retentionBasis: Type.Union([Type.String({ description: 'The legal obligation to keep the section, shown as the reason' }), Type.Null()]),
      cases: Type.Integer({ description: 'Cases that still hold content' }),
      openCases: Type.Integer(),
      erasedCases: Type.Integer(),
      liveReferrals: Type.Integer(),
      mustKeep: Type.Boolean(),
      erasedAutomaticallyOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    }),
  ),
});
