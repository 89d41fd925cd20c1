import { Type } from 'typebox';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A local date, YYYY-MM-DD' });
const Instant = Type.String({ minLength: 20, maxLength: 30, description: "A slot's start, ISO-8601 UTC as given by the slots list" });
const Names = Type.Record(Type.String(), Type.String(), { description: 'Text per locale' });

export const ServiceParams = Type.Object({ serviceId: Type.String({ format: 'uuid' }) });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export const ServicesQuery = Type.Object({ centreId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
export const BookableService = Type.Object({
  id: Type.String(),
  centreId: Type.String(),
  centreName: Type.String(),
  name: Names,
  topics: Type.Array(Type.String()),
  bookingMode: Type.String({ description: 'first_come, or allocation (requests drawn by lottery)' }),
});
export const BookableServices = Type.Array(BookableService);

export const SlotsQuery = Type.Object({ from: Type.Optional(Day), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 62 })) }, { additionalProperties: false });
const SlotSchema = Type.Object({ startsAt: Type.String(), localTime: Type.String(), capacity: Type.Integer(), free: Type.Integer(), blocked: Type.Boolean() });
export const Slot = SlotSchema;
export const Availability = Type.Object({
  serviceId: Type.String(),
  centreId: Type.String(),
  bookingMode: Type.String(),
  timeZone: Type.String(),
  days: Type.Array(Type.Object({ date: Type.String(), closed: Type.Boolean(), slots: Type.Array(SlotSchema) })),
});

export const BookingBody = Type.Object(
  {
    serviceId: Type.String({ maxLength: 64 }),
    startsAt: Instant,
    name: Type.String({ maxLength: 200 }),
    documentNumber: Type.String({ maxLength: 60, description: 'Checked again at check-in: a booking is not transferable' }),
    birthDate: Type.String({ maxLength: 10 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    language: Type.String({ maxLength: 10, description: 'The language to be served in' }),
    needsMediator: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Booking = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: Type.String({ description: 'booked | checked_in | served | no_show | cancelled' }),
  serviceId: Type.String(),
  serviceName: Names,
  centreId: Type.String(),
  centreName: Type.String(),
  centreAddress: Type.String(),
  timeZone: Type.String(),
  startsAt: Type.String(),
  localDate: Type.String(),
  localTime: Type.String(),
  language: Type.String(),
  needsMediator: Type.Boolean(),
  clientName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
});
export const Bookings = Type.Array(Booking);
export const BookingMade = Type.Object({ booking: Booking, manageToken: Type.String({ description: 'The secret of the manage link, shown once' }), managePath: Type.String() });

export const RescheduleBody = Type.Object({ startsAt: Instant }, { additionalProperties: false });
export const DocumentBody = Type.Object({ documentNumber: Type.String({ maxLength: 60 }) }, { additionalProperties: false });
export const CheckInBody = Type.Object(
  { code: Type.String({ maxLength: 20 }), documentNumber: Type.String({ maxLength: 60 }), centreId: Type.Optional(Type.String({ format: 'uuid', description: "Staff: the centre checking in (a kiosk's is its own)" })) },
  { additionalProperties: false },
);
export const CheckedIn = Type.Object({
  booking: Booking,
  ticket: Type.Object({ id: Type.String(), number: Type.String(), serviceId: Type.String() }),
  visitToken: Type.String({ description: 'The phone page of the ticket: /t/<visitToken>' }),
});

export const DayQuery = Type.Object({ centreId: Type.String({ format: 'uuid' }), date: Day, serviceId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
export const BlockBody = Type.Object({ startsAt: Instant, blocked: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const ClosureBody = Type.Object(
  { centreId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'null: the whole network (a holiday)' }), date: Day, reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
