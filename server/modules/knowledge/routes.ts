import type { FastifyRequest } from 'fastify';
import { CLIENT_LANGUAGES, LANGUAGE_CODES, negotiateLanguage } from '../../../core/languages.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { IdParams } from '../network/schemas.ts';
import * as reader from './reader.ts';
import * as S from './schemas.ts';
import * as knowledge from './service.ts';

/**
 * The reader's language: ?locale= when Balcão knows the language (a kiosk in Chinese gets the marked
 * English fallback), else their browser's among the client languages, else Portuguese. Unknown
 * codes are not kept: every distinct language costs a search index.
 */
function readerLocale(req: FastifyRequest): string {
  const asked = (req.query as { locale?: string }).locale;
  if (asked && LANGUAGE_CODES.includes(asked)) return asked;
  return negotiateLanguage(req.headers['accept-language'], CLIENT_LANGUAGES, 'pt-PT');
}

/** The knowledge base: public reading (website, kiosk) and the editors' and translators' API. */
export function knowledgeRoutes(app: App, ctx: AppContext): void {
  const tags = ['Knowledge base'];
  const pub = { action: 'public.read' } as const;

  app.get(
    '/api/knowledge/topics',
    { config: pub, schema: { tags, summary: "Published topics with their procedures and questions, in the reader's language", querystring: S.LocaleQuery, response: { 200: S.ReaderTopics, ...errorResponses } } },
    async (req) => ({ items: await reader.topics(ctx, readerLocale(req)) }),
  );
  app.get(
    '/api/knowledge/items/:slug',
    { config: pub, schema: { tags, summary: 'One published item in full, with where to go', params: S.SlugParams, querystring: S.LocaleQuery, response: { 200: S.ReaderItem, ...errorResponses } } },
    async (req) => reader.item(ctx, readerLocale(req), req.params.slug),
  );
  app.get(
    '/api/knowledge/search',
    { config: pub, schema: { tags, summary: "Search the published content in the reader's language", querystring: S.SearchQuery, response: { 200: S.ReaderSearch, ...errorResponses } } },
    async (req) => reader.search(ctx, readerLocale(req), req.query.q),
  );

  const actor = (req: FastifyRequest) => req.actor as StaffActor;
  app.get(
    '/api/knowledge/admin/items',
    { config: { action: 'knowledge.read' }, schema: { tags, summary: 'Every item with its translation state in every client language', response: { 200: S.EditorList, ...errorResponses } } },
    async () => knowledge.editorList(ctx),
  );
  app.get(
    '/api/knowledge/admin/items/:id',
    { config: { action: 'knowledge.read' }, schema: { tags, summary: 'One item: structure, latest text per language, source history', params: IdParams, response: { 200: S.EditorItem, ...errorResponses } } },
    async (req) => knowledge.editorItem(ctx, req.params.id),
  );
  app.post(
    '/api/knowledge/admin/items',
    { config: { action: 'knowledge.edit' }, schema: { tags, summary: 'Create an item with its source text', body: S.ItemInput, response: { 201: S.Item, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await knowledge.createItem(ctx, actor(req), req.body)),
  );
  app.patch(
    '/api/knowledge/admin/items/:id',
    { config: { action: 'knowledge.edit' }, schema: { tags, summary: "Change an item's topic, desks, links, order or publication", params: IdParams, body: S.ItemPatch, response: { 200: S.Item, ...errorResponses } } },
    async (req) => knowledge.updateItem(ctx, actor(req), req.params.id, req.body),
  );
  app.put(
    '/api/knowledge/admin/items/:id/texts/:locale',
    {
      // The source language needs knowledge.edit as well: checked in the service with the item in hand.
      config: { action: 'knowledge.translate' },
      schema: { tags, summary: "Save a new version of an item's text in one language", params: S.ItemLocaleParams, body: S.TextInput, response: { 200: S.Text, ...errorResponses } },
    },
    async (req) => knowledge.saveText(ctx, actor(req), req.params.id, req.params.locale, req.body),
  );
  app.post(
    '/api/knowledge/admin/items/:id/texts/:locale/versions/:version/review',
    { config: { action: 'knowledge.translate' }, schema: { tags, summary: 'Mark the latest machine-translated version as reviewed', params: S.VersionParams, response: { 200: S.Text, ...errorResponses } } },
    async (req) => knowledge.reviewText(ctx, actor(req), req.params.id, req.params.locale, req.params.version),
  );
  app.get(
    '/api/knowledge/admin/items/:id/texts/:locale/versions',
    { config: { action: 'knowledge.read' }, schema: { tags, summary: "Every version of an item's text in one language, newest first", params: S.ItemLocaleParams, response: { 200: S.ListOfTexts, ...errorResponses } } },
    async (req) => ({ items: await knowledge.versions(ctx, req.params.id, req.params.locale) }),
  );
}
