import { Type, type Static } from 'typebox';
import { ROLES } from '../../../core/roles.ts';
import { STAFF_LOCALES } from '../../../core/languages.ts';

const RoleSchema = Type.Enum([...ROLES], { description: 'Staff role' });
const Locale = Type.Enum([...STAFF_LOCALES], { description: 'Staff interface language' });
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

export const StaffUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  partnerId: Type.Union([Type.String(), Type.Null()]),
  centreId: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  totpEnabled: Type.Boolean(),
  disabled: Type.Boolean(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });

export const StaffInput = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,39}$', description: 'Lower-case letters, digits, dot, dash, underscore' }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    password: Password,
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    partnerId: Type.Optional(NullableId),
    centreId: Type.Optional(NullableId),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const StaffPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
    partnerId: Type.Optional(NullableId),
    centreId: Type.Optional(NullableId),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PasswordReset = Type.Object({ password: Password }, { additionalProperties: false });

export const MePatch = Type.Object(
  { displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), locale: Type.Optional(Locale) },
  { additionalProperties: false, minProperties: 1 },
);

export type StaffInputT = Static<typeof StaffInput>;
export type StaffPatchT = Static<typeof StaffPatch>;
