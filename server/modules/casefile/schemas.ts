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
