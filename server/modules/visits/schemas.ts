import { Type } from 'typebox';
import { LANGUAGE_CODES } from '../../../core/languages.ts';
import { OUTCOMES, PRIORITY_REASONS } from '../../../core/queue/priority.ts';

const Uuid = Type.String({ format: 'uuid' });
const Language = Type.Unsafe<string>(Type.String({ enum: [...LANGUAGE_CODES], description: "The client's preferred language" }));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Ticket = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  centreId: Type.String(),
  serviceId: Type.String(),
  number: Type.String({ description: 'e.g. A023: the service prefix and a number that restarts every local day' }),
  status: Type.String({ description: 'waiting | called | serving | parked | done | no_show | transferred | cancelled' }),
  priority: Type.String({ description: 'none | legal | appointment' }),
  language: Type.String(),
  needsMediator: Type.Boolean(),
  appointmentAt: Nullable(Type.String()),
  counterId: Nullable(Type.String()),
  targetCounterId: Nullable(Type.String()),
  recallCount: Type.Integer(),
  outcome: Nullable(Type.String()),
  note: Nullable(Type.String()),
  transferredFrom: Nullable(Type.String()),
  issuedAt: Type.String(),
  queuedAt: Type.String(),
  calledAt: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

export const IssueBody = Type.Object(
  {
    centreId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    topic: Type.Optional(Type.String({ maxLength: 40 })),
    language: Language,
    priorityReason: Type.Optional(Nullable(Type.Enum([...PRIORITY_REASONS]))),
    appointmentAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    clientName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    needsMediator: Type.Optional(Type.Boolean()),
    declaredCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'A country the client chose to declare for statistics only (ISO 3166-1 alpha-2); never required' }))),
  },
  { additionalProperties: false },
);

export const Issued = Type.Object({
  ticket: Ticket,
  service: Type.Object({ id: Type.String(), ticketPrefix: Type.String(), name: Type.Record(Type.String(), Type.String()) }, { description: 'What the ticket is for, to show and print' }),
  visit: Type.Object({ id: Type.String(), publicToken: Type.String(), priorityReason: Nullable(Type.String()) }),
  ticketUrl: Type.String({ description: 'The phone page that follows this visit (printed as a QR code)' }),
});

export const RouteBody = Type.Object(
  { serviceIds: Type.Array(Uuid, { maxItems: 10 }), clientName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))) },
  { additionalProperties: false },
);

export const TakeCounterBody = Type.Object(
  { serviceIds: Type.Optional(Type.Array(Uuid, { minItems: 1, uniqueItems: true })), languages: Type.Optional(Type.Array(Language, { uniqueItems: true })) },
  { additionalProperties: false },
);

export const CallBody = Type.Object({ ticketId: Type.Optional(Uuid) }, { additionalProperties: false });

export const Called = Type.Object({ ticket: Ticket, counterNumber: Type.Integer() });

export const FinishBody = Type.Object(
  {
    outcome: Type.Enum([...OUTCOMES]),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    routeTo: Type.Optional(Type.Array(Uuid, { maxItems: 10, description: 'Desks the client goes to next, in order; the first gets a ticket now' })),
  },
  { additionalProperties: false },
);

export const Finished = Type.Object({ ticket: Ticket, next: Nullable(Ticket) });

export const TransferBody = Type.Object(
  { serviceId: Uuid, counterId: Type.Optional(Uuid), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const TicketIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }, { additionalProperties: false });

import type { Static } from 'typebox';
export type FinishBodyT = Static<typeof FinishBody>;
export type TransferBodyT = Static<typeof TransferBody>;

// Responses of the read models. Objects stay open so a field added later is never dropped.
const Open = { additionalProperties: true } as const;
const OpenTicket = Type.Object({ id: Type.String(), number: Type.String(), status: Type.String(), serviceId: Type.String() }, Open);

export const Receipt = Type.Object({
  ticket: Ticket,
  ticketUrl: Type.String({ description: 'The phone page of the visit, printed as a QR code' }),
  priorityReason: Nullable(Type.String()),
});

export const RecentCalls = Type.Object({
  lastEventId: Type.Integer({ description: 'Follow the centre events from after this id (Last-Event-ID) so no call is missed' }),
  calls: Type.Array(
    Type.Object({
      ticketId: Type.String(),
      number: Type.String(),
      counterNumber: Type.Integer(),
      language: Type.String(),
      calledAt: Type.String(),
      calling: Type.Boolean({ description: 'Still being called (the client has not reached the counter): a board shows it as calling' }),
    }),
  ),
  notice: Nullable(Type.String({ description: "The line the centre's managers show on its boards (closures, outages), or null" })),
});

export const BoardNoticeBody = Type.Object(
  { notice: Nullable(Type.String({ maxLength: 200, description: 'Shown on every display board of the centre; empty or null removes it' })) },
  { additionalProperties: false },
);
export const BoardNotice = Type.Object({ centreId: Type.String(), notice: Nullable(Type.String()) });

/** The wait clients are shown: [low, high] minutes, from the estimate's measured error (wait-accuracy.json). */
const WaitRange = Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 });

export const Snapshot = Type.Object({
  centreId: Type.String(),
  localDate: Type.String(),
  queues: Type.Array(
    Type.Object(
      { serviceId: Type.String(), ticketPrefix: Type.String(), waiting: Type.Integer(), longestWaitMinutes: Type.Integer(), expectedWaitMinutes: Type.Integer(), expectedWaitRange: WaitRange, openCounters: Type.Integer(), servedToday: Type.Integer() },
      Open,
    ),
  ),
  counters: Type.Array(Type.Object({ counterId: Type.String(), number: Type.Integer(), active: Type.Boolean(), open: Type.Boolean(), staffedBy: Nullable(Type.String()), current: Nullable(OpenTicket) }, Open)),
  waiting: Type.Array(OpenTicket),
  parked: Type.Array(OpenTicket),
  recentCalls: Type.Array(Type.Object({ ticketId: Type.String(), number: Type.String(), counterNumber: Type.Integer(), language: Type.String(), calledAt: Type.String(), calling: Type.Boolean() })),
});

export const CounterTaken = Type.Object({ counterId: Type.String(), number: Type.Integer(), serviceIds: Type.Array(Type.String()), languages: Type.Array(Type.String()), openedAt: Type.String() });
export const CounterSwitched = Type.Object({ counterId: Type.String(), number: Type.Integer(), active: Type.Boolean() });

export const PhoneView = Type.Object({
  centre: Type.Object({ name: Type.String(), timeZone: Type.String() }),
  language: Type.String(),
  tickets: Type.Array(Type.Object({ number: Type.String(), serviceName: Type.Record(Type.String(), Type.String()), status: Type.String(), counterNumber: Nullable(Type.Integer()), issuedAt: Type.String(), calledAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()) })),
  current: Nullable(Type.Object({ number: Type.String(), status: Type.String(), position: Nullable(Type.Integer()), expectedWaitMinutes: Nullable(Type.Integer()), expectedWaitRange: Nullable(WaitRange), counterNumber: Nullable(Type.Integer()) })),
});

export const EventStream = Type.String({ description: 'text/event-stream: events with id (per-centre sequence), event (type) and data (JSON)' });
