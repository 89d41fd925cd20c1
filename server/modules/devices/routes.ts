import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import type { DeviceActor, StaffActor } from '../../access/actor.ts';
import { cookieNames } from '../../http/auth-hooks.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { IdParams, ListOf, OpeningHoursSchema } from '../network/schemas.ts';
import { getCentre } from '../network/service.ts';
import * as devices from './service.ts';
import { findDevice, listDevices, toDevice } from './store.ts';
import { kioskWaits } from '../visits/device-waits.ts';

const Device = Type.Object({
  id: Type.String(),
  centreId: Type.String(),
  kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display')]),
  name: Type.String(),
  status: Type.Union([Type.Literal('awaiting_pairing'), Type.Literal('paired'), Type.Literal('revoked')]),
  pairingExpiresAt: Type.Union([Type.String(), Type.Null()]),
  pairedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

const PairingInput = Type.Object(
  {
    centreId: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display')]),
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Where it stands, e.g. "Entrance kiosk"' }),
  },
  { additionalProperties: false },
);

const DeviceIdentity = Type.Object({
  device: Device,
  centre: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), timeZone: Type.String(), languages: Type.Array(Type.String()), openingHours: OpeningHoursSchema }),
  serverTime: Type.String({ format: 'date-time', description: "The server's clock: screens judge opening hours by it, not by their own clock" }),
});

/** The wait clients are shown: [low, high] minutes, from the estimate's measured error (wait-accuracy.json). */
const WaitRange = Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 });

const KioskWaits = Type.Object({
  at: Type.String({ format: 'date-time' }),
  accuracyInTen: Type.Integer({ description: 'Measured accuracy to publish with the ranges: estimates within 5 minutes of the real wait for this many people in 10 (waits under 30 minutes, replayed centre days)' }),
  services: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      ticketPrefix: Type.String(),
      name: Type.Record(Type.String(), Type.String()),
      waiting: Type.Integer({ description: 'People waiting now' }),
      expectedWaitMinutes: Type.Integer({ description: 'The estimate for a ticket taken now' }),
      expectedWaitRange: WaitRange,
      openCounters: Type.Integer(),
    }),
  ),
  topics: Type.Record(Type.String(), Type.String(), { description: "Network topic code → the service a ticket for it goes to at this centre" }),
});

/** Kiosks and display boards: paired by a centre manager with a one-time code, then a revocable token. */
export function deviceRoutes(app: App, ctx: AppContext): void {
  const names = cookieNames(ctx.config.secureCookies);
  /** What a paired screen knows of itself and its centre, with the server's clock to judge hours by. */
  const identityOf = (device: ReturnType<typeof toDevice>, centre: Awaited<ReturnType<typeof getCentre>>) => ({
    device,
    centre: { id: centre.id, code: centre.code, name: centre.name, timeZone: centre.timeZone, languages: centre.languages, openingHours: centre.openingHours },
    serverTime: ctx.now().toISOString(),
  });
  const tags = ['Devices'];
  const byDeviceId = async (req: { params: unknown }) => ({ centreId: await devices.deviceCentreId(ctx, (req.params as { id: string }).id) });

  app.get(
    '/api/devices',
    {
      config: { action: 'device.read', resource: (req) => ({ centreId: (req.query as { centreId?: string }).centreId ?? null }) },
      schema: { tags, summary: "List a centre's devices", querystring: Type.Object({ centreId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 200: ListOf(Device), ...errorResponses } },
    },
    async (req) => ({ items: (await listDevices(ctx.db, req.query.centreId)).map(toDevice) }),
  );

  app.post(
    '/api/devices',
    {
      config: { action: 'device.manage', resource: (req) => ({ centreId: (req.body as { centreId: string }).centreId }) },
      schema: {
        tags,
        summary: 'Register a device and get its one-time pairing code',
        body: PairingInput,
        response: { 201: Type.Object({ device: Device, pairingCode: Type.String(), expiresInMinutes: Type.Integer() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const pairing = await devices.createPairing(ctx, req.body, (req.actor as StaffActor).id);
      return reply.status(201).send({ ...pairing, expiresInMinutes: devices.PAIRING_CODE_MINUTES });
    },
  );

  app.post(
    '/api/devices/:id/revoke',
    { config: { action: 'device.manage', resource: byDeviceId }, schema: { tags, summary: 'Revoke a device: it stops working at once', params: IdParams, response: { 200: Device, ...errorResponses } } },
    async (req) => devices.revokeDevice(ctx, req.params.id),
  );

  app.post(
    '/api/device/pair',
    {
      config: { action: 'public.read', rateLimit: { max: ctx.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'On the device: exchange the pairing code for a device token (set as an HTTP-only cookie)', body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 20 }) }, { additionalProperties: false }), response: { 200: DeviceIdentity, ...errorResponses } },
    },
    async (req, reply) => {
      const paired = await devices.pairDevice(ctx, req.body.code);
      reply.setCookie(names.device, paired.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
        path: '/',
        maxAge: 5 * 365 * 24 * 3600,
      });
      return identityOf(paired.device, await getCentre(ctx, paired.device.centreId));
    },
  );

  app.get(
    '/api/device/waits',
    {
      config: { action: 'kiosk.waits', resource: (req) => ({ centreId: req.actor.type === 'device' ? req.actor.centreId : null }) },
      schema: { tags, summary: "On a kiosk: its centre's expected waits per service (ranges), before a client takes a ticket", response: { 200: KioskWaits, ...errorResponses } },
    },
    async (req) => kioskWaits(ctx, (req.actor as DeviceActor).centreId),
  );

  app.get('/api/device', { config: { action: 'device.self' }, schema: { tags, summary: 'The paired device this request comes from', response: { 200: DeviceIdentity, ...errorResponses } } }, async (req) => {
    const actor = req.actor as DeviceActor;
    const row = await findDevice(ctx.db, actor.id);
    return identityOf(toDevice(row!), await getCentre(ctx, actor.centreId));
  });
}
