import { Type } from 'typebox';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Instant = Type.String({ format: 'date-time' });

export const RoundParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export const RoundInput = Type.Object(
  {
    serviceId: Type.String({ minLength: 1, maxLength: 64 }),
    weekStart: Type.String({ ...Day, description: 'The Monday of the week whose places are drawn (centre local date)' }),
    places: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Places drawn; the rest of the valid requests form the waiting list' }),
    opensAt: Instant,
    closesAt: Type.String({ format: 'date-time', description: 'The draw runs at this moment (each node checks every minute); before weekStart' }),
  },
  { additionalProperties: false },
);

export const RoundsQuery = Type.Object({ centreId: Type.Optional(Type.String({ maxLength: 64 })), serviceId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });

export const Round = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  centreId: Type.String(),
  weekStart: Type.String(),
  places: Type.Integer(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  method: Type.String({ description: 'How ranks are computed: sha256-rank-v1 = SHA-256(seed ":" listDigest ":" requestId), ascending' }),
  seedHash: Type.String({ description: 'SHA-256 of the seed, published when the round is opened' }),
  seed: Type.Union([Type.String(), Type.Null()], { description: 'Revealed at the draw' }),
  listDigest: Type.Union([Type.String(), Type.Null()], { description: 'SHA-256 of the sorted request ids joined by newlines' }),
  requestCount: Type.Union([Type.Integer(), Type.Null()]),
  drawnAt: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed'), Type.Literal('drawn')]),
});

export const RoundWithCounts = Type.Intersect([Round, Type.Object({ counts: Type.Record(Type.String(), Type.Integer(), { description: 'Requests per status (requested, allocated, waiting, cancelled, not_drawn)' }) })]);
export const Rounds = Type.Object({ rounds: Type.Array(RoundWithCounts) });

export const PublishedDraw = Type.Object({
  round: Round,
  draw: Type.Array(Type.Object({ id: Type.String(), position: Type.Integer(), outcome: Type.Union([Type.Literal('allocated'), Type.Literal('waiting')]) }), {
    description: 'Every request id in draw order (pseudonymous: nothing else about the person), with what the draw gave it',
  }),
});

export const RequestInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    documentNumber: Type.String({ minLength: 1, maxLength: 40, description: 'Kept only as a keyed hash with the birth date: one live request per person and service' }),
    birthDate: Day,
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    language: Type.String({ minLength: 2, maxLength: 10 }),
    needsMediator: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const RequestReceipt = Type.Object({
  requestId: Type.String({ description: 'The pseudonymous id published with the draw' }),
  statusToken: Type.String({ description: 'The secret of the status link (/<lang>/appointments/requests/<token>): shown once' }),
});

export const RequestStatus = Type.Object({
  requestId: Type.String(),
  status: Type.Union([Type.Literal('requested'), Type.Literal('allocated'), Type.Literal('waiting'), Type.Literal('cancelled'), Type.Literal('not_drawn')]),
  position: Type.Union([Type.Integer(), Type.Null()]),
  waitingPlace: Type.Union([Type.Integer(), Type.Null()], { description: '1 = the next to get a freed place' }),
  language: Type.String(),
  round: Round,
  service: Type.Object({ id: Type.String(), name: Type.Record(Type.String(), Type.String()) }),
});

export const Cancelled = Type.Object({ cancelled: Type.Literal(true) });
