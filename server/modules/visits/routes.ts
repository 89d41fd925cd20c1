import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Actor, StaffActor } from '../../access/actor.ts';
import type { Resource } from '../../access/policy.ts';
import { AppError } from '../../http/errors.ts';
import { ErrorResponse, errorResponses, type App } from '../../http/types.ts';
import type { EventBus } from '../../realtime/bus.ts';
import { streamCentreEvents } from '../../realtime/sse.ts';
import * as network from '../network/store.ts';
import { IdParams } from '../network/schemas.ts';
import * as S from './schemas.ts';
import * as visits from './service.ts';
import { centreSnapshot, phoneView, recentCalls, visitByLiveToken } from './queues.ts';
import * as store from './store.ts';

const staffId = (req: FastifyRequest) => (req.actor as StaffActor).id;
const params = (req: FastifyRequest) => req.params as { id: string };

/** Visits, tickets, counters at work, the live floor, and the events boards and phones follow. */
export function visitRoutes(app: App, ctx: AppContext, bus: EventBus): void {
  const tags = ['Visits and queues'];

  // Resources: which centre and partners a request touches, for can().
  const counterResource = async (counterId: string): Promise<Resource> => {
    const counter = await network.findCounter(ctx.db, counterId);
    if (!counter) return { centreId: null };
    const serviceIds = (await network.counterServiceIds(ctx.db, [counterId])).get(counterId) ?? [];
    const services = serviceIds.length ? await ctx.db.selectFrom('service').innerJoin('desk', 'desk.id', 'service.desk_id').select('desk.partner_id').where('service.id', 'in', serviceIds).execute() : [];
    return { centreId: counter.centre_id, partnerIds: services.map((s) => s.partner_id) };
  };
  const ticketResource = async (ticketId: string): Promise<Resource> => {
    const ticket = await store.findTicket(ctx.db, ticketId);
    if (!ticket) return { centreId: null };
    const service = await network.findService(ctx.db, ticket.service_id);
    return { centreId: ticket.centre_id, partnerIds: service ? [service.partner_id] : [] };
  };
  const issueCentre = (actor: Actor, body: { centreId?: string | undefined }): string | null =>
    actor.type === 'device' ? actor.centreId : (body.centreId ?? (actor.type === 'staff' ? actor.centreId : null));

  app.post(
    '/api/visits',
    {
      config: { action: 'ticket.issue', resource: (req) => ({ centreId: issueCentre(req.actor, req.body as { centreId?: string }) }) },
      schema: {
        tags,
        summary: 'Start a visit with its first ticket (pre-sorting or kiosk)',
        description: 'Send an Idempotency-Key header: a retry with the same key returns the same ticket (200) instead of making another.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })) }),
        body: S.IssueBody,
        response: { 200: S.Issued, 201: S.Issued, ...errorResponses },
      },
    },
    async (req, reply) => {
      const centreId = issueCentre(req.actor, req.body);
      if (!centreId) throw new AppError(400, 'validation', {}, { centreId: 'required' });
      const result = await visits.issueTicket(ctx, {
        ...req.body,
        centreId,
        channel: req.actor.type === 'device' ? 'kiosk' : 'pre_sorting',
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        createdBy: req.actor.type === 'anonymous' ? 'anonymous' : req.actor.id,
      });
      return reply.status(result.created ? 201 : 200).send({ ticket: result.ticket, service: result.service, visit: result.visit, ticketUrl: `/t/${result.visit.publicToken}` });
    },
  );

  app.put(
    '/api/visits/:id/route',
    {
      config: {
        action: 'visit.sort',
        resource: async (req) => ({ centreId: (await store.findVisit(ctx.db, params(req).id))?.centre_id ?? null }),
      },
      schema: { tags, summary: 'Welcoming and sorting: identify the client and set the desks the visit goes to, in order', params: IdParams, body: S.RouteBody, response: { 200: Type.Object({ id: Type.String(), route: Type.Array(Type.String()) }), ...errorResponses } },
    },
    async (req) => visits.routeVisit(ctx, req.params.id, req.body),
  );

  app.get(
    '/api/centres/:id/snapshot',
    {
      config: { action: 'queue.read', resource: (req) => ({ centreId: params(req).id }) },
      schema: { tags, summary: "A centre's queues, counters, waiting list and recent calls, now", params: IdParams, response: { 200: S.Snapshot, ...errorResponses } },
    },
    async (req) => {
      const snapshot = await centreSnapshot(ctx, req.params.id);
      // Names are for the people working at this centre only.
      const local = req.actor.type === 'staff' && req.actor.centreId === req.params.id;
      if (local) return snapshot;
      return {
        ...snapshot,
        waiting: snapshot.waiting.map((w) => ({ ...w, clientName: null })),
        parked: snapshot.parked.map((w) => ({ ...w, clientName: null })),
        counters: snapshot.counters.map((c) => ({ ...c, current: c.current ? { ...c.current, clientName: null } : null })),
      };
    },
  );

  const counterOp = { action: 'counter.operate' as const, resource: (req: FastifyRequest) => counterResource(params(req).id) };
  const ticketOp = { action: 'counter.operate' as const, resource: (req: FastifyRequest) => ticketResource(params(req).id) };

  app.post(
    '/api/counters/:id/session',
    { config: counterOp, schema: { tags, summary: 'Take a counter: choose which of its services to call and the languages you speak', params: IdParams, body: S.TakeCounterBody, response: { 200: S.CounterTaken, ...errorResponses } } },
    async (req) => visits.takeCounter(ctx, staffId(req), req.params.id, req.body),
  );
  app.delete(
    '/api/counters/:id/session',
    { config: counterOp, schema: { tags, summary: 'Leave a counter', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await visits.leaveCounter(ctx, staffId(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/counters/:id/call-next',
    { config: counterOp, schema: { tags, summary: 'Call the next ticket (or a chosen waiting ticket) to this counter', params: IdParams, body: S.CallBody, response: { 200: S.Called, ...errorResponses } } },
    async (req) => visits.callNext(ctx, staffId(req), req.params.id, req.body?.ticketId),
  );
  app.post(
    '/api/counters/:id/walk-in',
    {
      config: counterOp,
      schema: { tags, summary: 'Serve a walk-in at this counter: a ticket is issued and called here at once', params: IdParams, body: Type.Object({ serviceId: Type.String({ format: 'uuid' }), language: S.IssueBody.properties.language }, { additionalProperties: false }), response: { 200: S.Called, ...errorResponses } },
    },
    async (req) => {
      const counter = await network.findCounter(ctx.db, req.params.id);
      if (!counter) throw new AppError(404, 'counter_not_found');
      const issued = await visits.issueTicket(ctx, { centreId: counter.centre_id, serviceId: req.body.serviceId, language: req.body.language, channel: 'walk_in', createdBy: staffId(req) });
      return visits.callNext(ctx, staffId(req), req.params.id, issued.ticket.id);
    },
  );

  app.get(
    '/api/tickets/:id/receipt',
    {
      config: { action: 'queue.read', resource: async (req) => ({ centreId: (await store.findTicket(ctx.db, params(req).id))?.centre_id ?? null }) },
      schema: { tags, summary: "What a ticket's paper receipt prints: number, service, time, language and the phone page address (e.g. a follow-on ticket for a client without a phone)", params: S.TicketIdParams, response: { 200: S.Receipt, ...errorResponses } },
    },
    async (req) => {
      const ticket = await store.findTicket(ctx.db, req.params.id);
      if (!ticket) throw new AppError(404, 'ticket_not_found');
      const visit = (await store.findVisit(ctx.db, ticket.visit_id))!;
      return { ticket: store.toTicket(ticket), ticketUrl: `/t/${visit.public_token}`, priorityReason: visit.priority_reason };
    },
  );

  const ticketAction = (path: string, summary: string, run: (req: FastifyRequest & { params: { id: string } }) => Promise<unknown>, body: Parameters<typeof Type.Union>[0][number] = S.NoteBody, response: Parameters<typeof Type.Union>[0][number] = S.Ticket) =>
    app.post(`/api/tickets/:id/${path}`, { config: ticketOp, schema: { tags, summary, params: S.TicketIdParams, body, response: { 200: response, ...errorResponses } } }, async (req) => run(req as FastifyRequest & { params: { id: string } }));

  ticketAction('recall', 'Call the ticket again (the board repeats the announcement)', (req) => visits.recall(ctx, staffId(req), req.params.id), S.NoteBody, S.Called);
  ticketAction('start', 'The client arrived at the counter: service starts', (req) => visits.startService(ctx, staffId(req), req.params.id));
  ticketAction('no-show', 'The client did not come after the recalls', (req) => visits.markNoShow(ctx, staffId(req), req.params.id, ctx.config.noShowAfterRecalls));
  ticketAction('park', 'Put the ticket aside (e.g. the client fetches a document) and free the counter', (req) => visits.park(ctx, staffId(req), req.params.id, (req.body as { note?: string } | undefined)?.note));
  ticketAction('resume', 'Take a parked ticket back to this counter', (req) => visits.resume(ctx, staffId(req), req.params.id));
  ticketAction('finish', 'Finish with an outcome; the visit goes on to its next desk, if any', (req) => visits.finish(ctx, staffId(req), req.params.id, req.body as S.FinishBodyT), S.FinishBody, S.Finished);
  ticketAction('transfer', 'Send the client to another service or counter, with a note', (req) => visits.transfer(ctx, req.params.id, req.body as S.TransferBodyT, { userId: staffId(req), asManager: false }), S.TransferBody, S.Finished);

  app.post(
    '/api/tickets/:id/move',
    {
      config: { action: 'floor.manage', resource: async (req) => ({ centreId: (await store.findTicket(ctx.db, params(req).id))?.centre_id ?? null }) },
      schema: { tags, summary: 'Centre manager: move a ticket to another queue (it keeps its place in time)', params: S.TicketIdParams, body: S.TransferBody, response: { 200: S.Finished, ...errorResponses } },
    },
    async (req) => visits.transfer(ctx, req.params.id, req.body, { userId: staffId(req), asManager: true }),
  );

  app.get(
    '/api/centres/:id/events',
    { config: { action: 'centre.subscribe', resource: (req) => ({ centreId: params(req).id }) }, schema: { tags, summary: "Server-Sent Events of a centre: calls, tickets, counters. Resume with Last-Event-ID.", params: IdParams, response: { 200: S.EventStream, ...errorResponses } } },
    async (req, reply) => {
      await network.findCentre(ctx.db, req.params.id).then((c) => {
        if (!c) throw new AppError(404, 'centre_not_found');
      });
      // Public screens hear calls and counters only; staff screens hear everything of their centre.
      const publicScreen = req.actor.type === 'device';
      await streamCentreEvents(ctx, bus, req, reply, req.params.id, (e) =>
        !publicScreen || e.type.startsWith('ticket.') || e.type.startsWith('counter.') || e.type === 'board.notice' ? { type: e.type, ...e.payload, at: e.at } : null,
      );
    },
  );

  app.get(
    '/api/centres/:id/recent-calls',
    {
      config: { action: 'centre.subscribe', resource: (req) => ({ centreId: params(req).id }) },
      schema: { tags, summary: "A centre's last calls today (numbers and counters only) and the event id to follow on from: a board opened mid-morning shows them", params: IdParams, response: { 200: S.RecentCalls, ...errorResponses } },
    },
    async (req) => recentCalls(ctx, req.params.id),
  );

  app.put(
    '/api/centres/:id/board-notice',
    {
      config: { action: 'floor.manage', resource: (req) => ({ centreId: params(req).id }) },
      schema: { tags, summary: "Centre manager: the notice line on the centre's display boards (closures, outages); null or blank removes it", params: IdParams, body: S.BoardNoticeBody, response: { 200: S.BoardNotice, ...errorResponses } },
    },
    async (req) => visits.setBoardNotice(ctx, req.params.id, req.body.notice),
  );

  const floorCounter = { action: 'floor.manage' as const, resource: async (req: FastifyRequest) => ({ centreId: (await network.findCounter(ctx.db, params(req).id))?.centre_id ?? null }) };
  app.post(
    '/api/counters/:id/close',
    { config: floorCounter, schema: { tags, summary: 'Centre manager: close a counter (ends whoever is working at it, if it is free)', params: IdParams, response: { 200: S.CounterSwitched, ...errorResponses } } },
    async (req) => visits.setCounterOpen(ctx, req.params.id, false),
  );
  app.post(
    '/api/counters/:id/open',
    { config: floorCounter, schema: { tags, summary: 'Centre manager: open a counter so staff can take it', params: IdParams, response: { 200: S.CounterSwitched, ...errorResponses } } },
    async (req) => visits.setCounterOpen(ctx, req.params.id, true),
  );

  app.get(
    '/api/t/:token',
    { config: { action: 'public.read', clientFacing: true }, schema: { tags: ['Phone ticket page'], summary: 'The visit behind a ticket QR code: tickets, position, expected wait, counter. No personal data. 410 after the visit\'s day.', params: S.TokenParams, response: { 200: S.PhoneView, ...errorResponses, 410: ErrorResponse } } },
    async (req) => phoneView(ctx, req.params.token),
  );

  app.get(
    '/api/t/:token/events',
    { config: { action: 'public.read', clientFacing: true }, schema: { tags: ['Phone ticket page'], summary: 'Server-Sent Events telling the phone page its visit or queue changed (it then re-reads /api/t/:token)', params: S.TokenParams, response: { 200: S.EventStream, ...errorResponses, 410: ErrorResponse } } },
    async (req, reply) => {
      const visit = await visitByLiveToken(ctx, req.params.token);
      // A phone learns only that something relevant changed, never other clients' details.
      const token = req.params.token;
      await streamCentreEvents(
        ctx,
        bus,
        req,
        reply,
        visit.centre_id,
        (e) => {
          const p = e.payload as { visitId?: string };
          return e.type.startsWith('ticket.') ? { visit: p.visitId === visit.id } : null;
        },
        // The phone's stream lives as long as its link: it ends after the visit's day.
        () => visitByLiveToken(ctx, token).then(() => true, (err: unknown) => (err instanceof AppError ? false : Promise.reject(err))),
      );
    },
  );
}
