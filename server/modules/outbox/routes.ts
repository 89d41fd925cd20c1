import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES } from '../../../core/messages/messages.ts';
import { can } from '../../access/policy.ts';
import { listMessages } from './store.ts';
import { toMessageState } from './outbox.ts';

const tags = ['Messages to clients'];

const MessagesQuery = Type.Object(
  {
    centreId: Type.Optional(Type.String({ format: 'uuid', description: "Default: the reader's own centre (network administrators: every centre)" })),
    relatesType: Type.Optional(Type.String({ maxLength: 40, description: 'What the messages are about, e.g. ticket, booking' })),
    relatesId: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Type.String({ enum: [...MESSAGE_STATUSES] })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const MessageState = Type.Object({
  id: Type.String(),
  channel: Type.String({ enum: [...MESSAGE_CHANNELS] }),
  recipient: Type.String({ description: 'Masked: enough to recognise it, not to use it' }),
  locale: Type.String(),
  kind: Type.String({ description: 'turn-near, ticket-called, booking-confirmation, booking-reminder, document-expiry, …' }),
  relatesTo: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  centreId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ enum: [...MESSAGE_STATUSES] }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: 'When a queued message is tried next' }),
  lastError: Type.Union([Type.String(), Type.Null()], { description: "The provider's last refusal or the timeout, kept when a message is given up" }),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

type Query = { centreId?: string; relatesType?: string; relatesId?: string; status?: string; limit?: number };

/** The centre a request is about: the one asked for, else the reader's own (null: every centre). */
function centreOf(req: FastifyRequest): string | null {
  const q = req.query as Query;
  if (q.centreId) return q.centreId;
  return req.actor.type === 'staff' && !can(req.actor, 'message.read', {}) ? req.actor.centreId : null;
}

/** Delivery state of messages to clients, for staff: never a body, the recipient masked. */
export function outboxRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/messages',
    {
      config: { action: 'message.read', resource: (req) => ({ centreId: centreOf(req) }) },
      schema: {
        tags,
        summary: 'Delivery state of messages to clients (queued, sending, sent, failed with the last error, cancelled), newest first; no bodies, recipients masked',
        description: 'Centre managers, mediators and information-counter staff see their own centre; network administrators every centre.',
        querystring: MessagesQuery,
        response: { 200: Type.Object({ items: Type.Array(MessageState) }), ...errorResponses },
      },
    },
    async (req) => {
      const centreId = centreOf(req);
      const rows = await listMessages(ctx.db, {
        centreIds: centreId ? [centreId] : undefined,
        relatesType: req.query.relatesType,
        relatesId: req.query.relatesId,
        status: req.query.status,
        limit: req.query.limit ?? 100,
      });
      return { items: rows.map(toMessageState) };
    },
  );
}
