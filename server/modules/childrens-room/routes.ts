import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { StaffActor } from '../../access/actor.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { IdParams } from '../network/schemas.ts';
import * as room from './service.ts';

const Child = Type.Object({
  id: Type.String(),
  visitId: Type.String(),
  guardianTicket: Type.Union([Type.String(), Type.Null()]),
  childName: Type.String(),
  ageYears: Type.Union([Type.Integer(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.String(),
  checkedOutAt: Type.Union([Type.String(), Type.Null()]),
});

const CheckIn = Type.Object(
  {
    ticketNumber: Type.String({ pattern: '^\\s*[A-Za-z]{1,2}\\d{3,}\\s*$', description: "The guardian's ticket number today, e.g. A023" }),
    childName: Type.String({ minLength: 1, maxLength: 120 }),
    ageYears: Type.Optional(Type.Integer({ minimum: 0, maximum: 17 })),
    notes: Type.Optional(Type.String({ maxLength: 500, description: 'Allergies, needs, who may collect' })),
  },
  { additionalProperties: false },
);

/** The children's room: children looked after while their guardians are served. */
export function childrensRoomRoutes(app: App, ctx: AppContext): void {
  const tags = ["Children's room"];
  const centreParam = (req: FastifyRequest) => ({ centreId: (req.params as { id: string }).id });

  app.get(
    '/api/centres/:id/children',
    { config: { action: 'children.manage', resource: centreParam }, schema: { tags, summary: 'Children in the room now', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Child) }), ...errorResponses } } },
    async (req) => ({ items: await room.childrenInRoom(ctx, req.params.id) }),
  );
  app.post(
    '/api/centres/:id/children',
    { config: { action: 'children.manage', resource: centreParam }, schema: { tags, summary: "Check a child in against the guardian's visit", params: IdParams, body: CheckIn, response: { 201: Child, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await room.checkIn(ctx, (req.actor as StaffActor).id, req.params.id, req.body)),
  );
  app.post(
    '/api/children/:id/check-out',
    {
      config: { action: 'children.manage', resource: async (req) => ({ centreId: await room.checkinCentre(ctx, (req.params as { id: string }).id) }) },
      schema: { tags, summary: 'Check a child out (handed back to the guardian)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await room.checkOut(ctx, (req.actor as StaffActor).id, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
