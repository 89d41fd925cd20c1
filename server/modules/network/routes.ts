import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import * as S from './schemas.ts';
import * as network from './service.ts';

const CentreQuery = Type.Object({ centreId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });

/** Network configuration: centres, partners, desks, topics, services, counters. */
export function networkRoutes(app: App, ctx: AppContext): void {
  const read = { action: 'network.read' } as const;
  const configure = { action: 'network.configure' } as const;
  const tags = ['Network configuration'];

  app.get('/api/centres', { config: read, schema: { tags, summary: 'List centres', response: { 200: S.ListOf(S.Centre), ...errorResponses } } }, async () => ({
    items: await network.listCentres(ctx),
  }));
  app.get(
    '/api/centres/:id',
    { config: read, schema: { tags, summary: "A centre's whole configuration: desks, services, counters", params: S.IdParams, response: { 200: S.CentreConfig, ...errorResponses } } },
    async (req) => network.centreConfig(ctx, req.params.id),
  );
  app.post('/api/centres', { config: configure, schema: { tags, summary: 'Create a centre', body: S.CentreInput, response: { 201: S.Centre, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createCentre(ctx, req.body)),
  );
  app.patch(
    '/api/centres/:id',
    { config: configure, schema: { tags, summary: 'Change a centre', params: S.IdParams, body: S.CentrePatch, response: { 200: S.Centre, ...errorResponses } } },
    async (req) => network.updateCentre(ctx, req.params.id, req.body),
  );

  app.get('/api/partners', { config: read, schema: { tags, summary: 'List partners', response: { 200: S.ListOf(S.Partner), ...errorResponses } } }, async () => ({
    items: await network.listPartners(ctx),
  }));
  app.post('/api/partners', { config: configure, schema: { tags, summary: 'Create a partner', body: S.PartnerInput, response: { 201: S.Partner, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createPartner(ctx, req.body)),
  );
  app.patch(
    '/api/partners/:id',
    { config: configure, schema: { tags, summary: 'Change a partner', params: S.IdParams, body: S.PartnerPatch, response: { 200: S.Partner, ...errorResponses } } },
    async (req) => network.updatePartner(ctx, req.params.id, req.body),
  );

  app.get('/api/desks', { config: read, schema: { tags, summary: 'List desks', querystring: CentreQuery, response: { 200: S.ListOf(S.Desk), ...errorResponses } } }, async (req) => ({
    items: await network.listDesks(ctx, req.query.centreId),
  }));
  app.post('/api/desks', { config: configure, schema: { tags, summary: "Open a partner's desk at a centre", body: S.DeskInput, response: { 201: S.Desk, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createDesk(ctx, req.body)),
  );
  app.patch(
    '/api/desks/:id',
    { config: configure, schema: { tags, summary: 'Activate or deactivate a desk', params: S.IdParams, body: S.DeskPatch, response: { 200: S.Desk, ...errorResponses } } },
    async (req) => network.updateDesk(ctx, req.params.id, req.body),
  );

  app.get('/api/topics', { config: read, schema: { tags, summary: 'List topics clients come with', response: { 200: S.ListOf(S.Topic), ...errorResponses } } }, async () => ({
    items: await network.listTopics(ctx),
  }));
  app.post('/api/topics', { config: configure, schema: { tags, summary: 'Add a topic', body: S.TopicInput, response: { 201: S.Topic, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createTopic(ctx, req.body)),
  );

  app.get('/api/services', { config: read, schema: { tags, summary: 'List services', querystring: CentreQuery, response: { 200: S.ListOf(S.Service), ...errorResponses } } }, async (req) => ({
    items: await network.listServices(ctx, req.query.centreId),
  }));
  app.post('/api/services', { config: configure, schema: { tags, summary: 'Add a service to a desk', body: S.ServiceInput, response: { 201: S.Service, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createService(ctx, req.body)),
  );
  app.patch(
    '/api/services/:id',
    { config: configure, schema: { tags, summary: 'Change a service', params: S.IdParams, body: S.ServicePatch, response: { 200: S.Service, ...errorResponses } } },
    async (req) => network.updateService(ctx, req.params.id, req.body),
  );

  app.get('/api/counters', { config: read, schema: { tags, summary: 'List counters', querystring: CentreQuery, response: { 200: S.ListOf(S.Counter), ...errorResponses } } }, async (req) => ({
    items: await network.listCounters(ctx, req.query.centreId),
  }));
  app.post('/api/counters', { config: configure, schema: { tags, summary: 'Add a counter', body: S.CounterInput, response: { 201: S.Counter, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await network.createCounter(ctx, req.body)),
  );
  app.patch(
    '/api/counters/:id',
    { config: configure, schema: { tags, summary: 'Change a counter and the services it calls', params: S.IdParams, body: S.CounterPatch, response: { 200: S.Counter, ...errorResponses } } },
    async (req) => network.updateCounter(ctx, req.params.id, req.body),
  );
}
