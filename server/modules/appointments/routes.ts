import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, type App } from '../../http/types.ts';
import * as network from '../network/store.ts';
import * as S from './schemas.ts';
import * as appointments from './service.ts';
import * as store from './store.ts';

const staff = (req: FastifyRequest) => req.actor as StaffActor;

/** The centre of a service named in the path, for centre-scoped rules. */
async function serviceResource(ctx: AppContext, serviceId: string) {
  const s = await network.findService(ctx.db, serviceId);
  return { centreId: s?.centre_id ?? null, partnerIds: s ? [s.partner_id] : [] };
}

/**
 * Appointments: clients find free slots, book, and manage their booking by its secret link
 * (cancel, reschedule, check in on arrival); kiosks and pre-sorting check clients in by booking
 * code and document; staff read a centre's day (audited), block slots and close days.
 */
export function appointmentRoutes(app: App, ctx: AppContext): void {
  const tags = ['Appointments'];
  const client = { action: 'public.read', clientFacing: true } as const;
  // Per client address: a burst of booking attempts from one place is slowed down (no captcha).
  const bookingLimit = { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/appointments/services',
    { config: client, schema: { tags, summary: 'Services that take bookings, at one centre or all', querystring: S.ServicesQuery, response: { 200: S.BookableServices, ...errorResponses } } },
    async (req) =>
      (await store.listBookableServices(ctx.db, req.query.centreId)).map((s) => ({ id: s.id, centreId: s.centre_id, centreName: s.centre_name, name: JSON.parse(s.name), topics: JSON.parse(s.topics), bookingMode: s.booking_mode })),
  );
  app.get(
    '/api/appointments/services/:serviceId/slots',
    {
      config: client,
      schema: { tags, summary: 'Slots of a service per day with the seats still free (past slots left out; none on closed days)', params: S.ServiceParams, querystring: S.SlotsQuery, response: { 200: S.Availability, ...errorResponses } },
    },
    async (req) => appointments.availability(ctx, req.params.serviceId, req.query.from, req.query.days ?? 14),
  );
  app.post(
    '/api/appointments/bookings',
    {
      config: { ...client, rateLimit: bookingLimit },
      schema: {
        tags,
        summary: 'Book a free slot (first-come services). One active booking per person and service; identity is a keyed hash of document number and birth date.',
        body: S.BookingBody,
        response: { 201: S.BookingMade, ...errorResponses },
      },
    },
    async (req, reply) => {
      const made = await appointments.book(ctx, req.body, req.actor.type === 'staff' ? { channel: 'staff', createdBy: req.actor.id } : { channel: 'api' });
      return reply.status(201).send({ ...made, managePath: `/${made.booking.language}/appointments/manage/${made.manageToken}` });
    },
  );
  app.get(
    '/api/appointments/manage/:token',
    { config: client, schema: { tags, summary: 'The booking behind a manage link', params: S.TokenParams, response: { 200: S.Booking, ...errorResponses } } },
    async (req) => appointments.bookingByToken(ctx, req.params.token),
  );
  app.post(
    '/api/appointments/manage/:token/cancel',
    { config: client, schema: { tags, summary: 'Cancel through the manage link: the seat is freed', params: S.TokenParams, response: { 200: S.Booking, ...errorResponses } } },
    async (req) => appointments.cancelByToken(ctx, req.params.token),
  );
  app.post(
    '/api/appointments/manage/:token/reschedule',
    { config: { ...client, rateLimit: bookingLimit }, schema: { tags, summary: 'Move the booking to another free slot of the same service', params: S.TokenParams, body: S.RescheduleBody, response: { 200: S.Booking, ...errorResponses } } },
    async (req) => appointments.rescheduleByToken(ctx, req.params.token, req.body.startsAt),
  );
  app.post(
    '/api/appointments/manage/:token/check-in',
    {
      config: { ...client, rateLimit: bookingLimit },
      schema: { tags, summary: 'Check in on arrival through the manage link, with the document booked with', params: S.TokenParams, body: S.DocumentBody, response: { 200: S.CheckedIn, ...errorResponses } },
    },
    async (req) => appointments.checkInByToken(ctx, req.params.token, req.body.documentNumber),
  );
  app.post(
    '/api/appointments/check-in',
    {
      config: {
        action: 'appointment.checkin',
        clientFacing: true,
        rateLimit: bookingLimit,
        resource: (req) => ({ centreId: req.actor.type === 'device' ? req.actor.centreId : ((req.body as { centreId?: string }).centreId ?? null) }),
      },
      schema: {
        tags,
        summary: 'Check in by booking code (typed or scanned) and document, at a kiosk or pre-sorting: a ticket with appointment priority at the booked time',
        description: 'Too early → 409 checkin_too_early (with the time check-in opens); late → 409 checkin_late (take a walk-in ticket); another document → 400.',
        body: S.CheckInBody,
        response: { 200: S.CheckedIn, ...errorResponses },
      },
    },
    async (req) => {
      const centreId = req.actor.type === 'device' ? req.actor.centreId : req.body.centreId;
      if (!centreId) throw new AppError(400, 'validation', {}, { centreId: 'required' });
      const channel = req.actor.type === 'device' ? 'kiosk' : 'pre_sorting';
      return appointments.checkInByCode(ctx, req.body.code, req.body.documentNumber, { centreId, channel, createdBy: req.actor.type === 'anonymous' ? 'anonymous' : req.actor.id });
    },
  );

  // --- Staff
  app.get(
    '/api/appointments/bookings',
    {
      config: { action: 'appointment.read', resource: async (req) => ({ centreId: (req.query as { centreId: string }).centreId, partnerIds: (req.query as { serviceId?: string }).serviceId ? (await serviceResource(ctx, (req.query as { serviceId: string }).serviceId)).partnerIds : [] }) },
      schema: { tags, summary: "A centre's bookings of a day (optionally one service), with the clients' names and contacts; every read is audited", querystring: S.DayQuery, response: { 200: S.Bookings, ...errorResponses } },
    },
    async (req) => appointments.bookingsForStaff(ctx, staff(req), req.query.centreId, req.query.date, req.query.serviceId),
  );
  app.put(
    '/api/appointments/services/:serviceId/slots/block',
    {
      config: { action: 'appointment.manage', resource: (req) => serviceResource(ctx, (req.params as { serviceId: string }).serviceId) },
      schema: { tags, summary: 'Block or unblock a slot (a staff absence): a blocked slot takes no new booking, existing ones stay', params: S.ServiceParams, body: S.BlockBody, response: { 200: S.Slot, ...errorResponses } },
    },
    async (req) => appointments.setSlotBlocked(ctx, req.params.serviceId, req.body.startsAt, req.body.blocked, req.body.reason ?? null),
  );
  app.post(
    '/api/appointments/closures',
    {
      config: { action: 'appointment.manage', resource: (req) => ({ centreId: (req.body as { centreId: string | null }).centreId }) },
      schema: { tags, summary: 'Close a day for appointments at a centre (centre managers) or, with centreId null, the whole network', body: S.ClosureBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await appointments.addClosure(ctx, { ...req.body, createdBy: staff(req).id });
      return reply.status(204).send(null);
    },
  );
}
