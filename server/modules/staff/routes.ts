import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import type { StaffActor } from '../../access/actor.ts';
import { IdParams, ListOf } from '../network/schemas.ts';
import * as S from './schemas.ts';
import * as staff from './service.ts';

const actorId = (req: { actor: unknown }) => (req.actor as StaffActor).id;

/** Staff accounts, managed by network administrators. */
export function staffRoutes(app: App, ctx: AppContext): void {
  const tags = ['Staff'];
  const manage = { action: 'staff.manage' } as const;

  app.get('/api/staff', { config: { action: 'staff.read' }, schema: { tags, summary: 'List staff', response: { 200: ListOf(S.StaffUser), ...errorResponses } } }, async () => ({
    items: await staff.listStaff(ctx),
  }));
  app.post('/api/staff', { config: manage, schema: { tags, summary: 'Create a staff account', body: S.StaffInput, response: { 201: S.StaffUser, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await staff.createStaff(ctx, req.body)),
  );
  app.patch(
    '/api/staff/:id',
    { config: manage, schema: { tags, summary: "Change a user's name, roles, partner, centre or language", params: IdParams, body: S.StaffPatch, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.updateStaff(ctx, actorId(req), req.params.id, req.body),
  );
  app.post(
    '/api/staff/:id/disable',
    { config: manage, schema: { tags, summary: 'Disable a user and end their sessions at once', params: IdParams, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.setDisabled(ctx, actorId(req), req.params.id, true),
  );
  app.post(
    '/api/staff/:id/enable',
    { config: manage, schema: { tags, summary: 'Enable a user again', params: IdParams, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.setDisabled(ctx, actorId(req), req.params.id, false),
  );
  app.post(
    '/api/staff/:id/password',
    { config: manage, schema: { tags, summary: "Set a new password (ends the user's sessions)", params: IdParams, body: S.PasswordReset, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.resetPassword(ctx, actorId(req), req.params.id, req.body.password),
  );
  app.post(
    '/api/staff/:id/reset-totp',
    { config: manage, schema: { tags, summary: 'Remove a lost second factor; the user enrols again at next sign-in', params: IdParams, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.resetTotp(ctx, actorId(req), req.params.id),
  );
  app.patch(
    '/api/me',
    { config: { action: 'session.self' }, schema: { tags: ['Session'], summary: 'Change your own display name or language (never roles or partner)', body: S.MePatch, response: { 200: S.StaffUser, ...errorResponses } } },
    async (req) => staff.updateOwnProfile(ctx, actorId(req), req.body),
  );
}

