import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { isSlug, misalignedLists, type KnowledgeContent, type KnowledgeKind } from '../../../core/knowledge/content.ts';
import { translationStatus, type TranslationStatus } from '../../../core/knowledge/translation.ts';
import { CLIENT_LANGUAGES, LANGUAGE_CODES } from '../../../core/languages.ts';
import type { StaffActor } from '../../access/actor.ts';
import { can } from '../../access/policy.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, fieldError, forbidden, notFound } from '../../http/errors.ts';
import * as store from './store.ts';

export interface ItemInput {
  kind: KnowledgeKind;
  slug: string;
  /** Procedures and FAQs: the slug of their topic. */
  topic?: string | undefined;
  /** Topics: the network topic code the kiosk offers for it. */
  topicCode?: string | undefined;
  services?: string[] | undefined;
  links?: string[] | undefined;
  sort?: number | undefined;
  sourceLocale?: string | undefined;
  published?: boolean | undefined;
  content: KnowledgeContent;
}

export type ItemPatch = Partial<Pick<ItemInput, 'topic' | 'topicCode' | 'services' | 'links' | 'sort' | 'published'>>;

export interface TextInput {
  content: KnowledgeContent;
  machineTranslated?: boolean | undefined;
  /** The source version the translation was made from; defaults to the current one. */
  basedOnSourceVersion?: number | undefined;
  /**
   * Source language only: the item's link addresses, saved with their labels, so that a link can be
   * added or removed (addresses and labels must always pair up, one label per link).
   */
  links?: string[] | undefined;
}

/**
 * Writers are queued by the revision row's lock, so a unique constraint should never trip; if one
 * does (a database without row locks), the reader gets a conflict to retry, not a server error.
 */
async function guarded<T>(write: () => Promise<T>, code: string, field?: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(code, field);
    throw err;
  }
}

/** Trims every string of a text and drops empty list entries, so stored text is clean. */
function cleanContent(c: KnowledgeContent): KnowledgeContent {
  const list = (l: string[] | undefined) => (l ? l.map((s) => s.trim()).filter(Boolean) : undefined);
  const out: KnowledgeContent = { title: c.title.trim(), summary: c.summary.trim() };
  if (c.body?.trim()) out.body = c.body.trim();
  if (c.fees?.trim()) out.fees = c.fees.trim();
  for (const field of ['steps', 'documents', 'links'] as const) {
    const l = list(c[field]);
    if (l && l.length) out[field] = l;
  }
  if (!out.title) throw fieldError('content.title', 'required');
  if (!out.summary && !out.body) throw fieldError('content.summary', 'required');
  return out;
}

async function checkStructure(trx: Transaction<Database>, kind: KnowledgeKind, input: ItemPatch): Promise<{ topicId: string | null | undefined }> {
  let topicId: string | null | undefined;
  if (input.topic !== undefined) {
    if (kind === 'topic') throw fieldError('topic', 'topic_of_topic');
    const topic = await store.findItemBySlug(trx, input.topic);
    if (!topic || topic.kind !== 'topic') throw fieldError('topic', 'unknown_topic');
    topicId = topic.id;
  }
  if (input.topicCode !== undefined && input.topicCode !== null) {
    const known = await trx.selectFrom('topic').select('code').where('code', '=', input.topicCode).executeTakeFirst();
    if (!known) throw fieldError('topicCode', 'unknown_topic');
  }
  if (input.services?.length) {
    const codes = [...new Set(input.services)];
    const found = await trx.selectFrom('service').select('code').distinct().where('code', 'in', codes).execute();
    if (found.length !== codes.length) throw fieldError('services', 'unknown_service');
  }
  return { topicId };
}

function checkLinkLabels(content: KnowledgeContent, links: string[]): void {
  if ((content.links?.length ?? 0) !== links.length) throw fieldError('content.links', 'link_labels_mismatch');
}

/** Creates an item with its source text (version 1), unpublished unless asked. */
export async function createItem(ctx: AppContext, actor: StaffActor, input: ItemInput): Promise<store.KnowledgeItem> {
  if (!isSlug(input.slug)) throw fieldError('slug', 'invalid_slug');
  const sourceLocale = input.sourceLocale ?? 'pt-PT';
  if (!LANGUAGE_CODES.includes(sourceLocale)) throw fieldError('sourceLocale', 'unknown_language');
  if ((input.kind === 'procedure' || input.kind === 'faq') && !input.topic) throw fieldError('topic', 'required');
  const content = cleanContent(input.content);
  const links = input.links ?? [];
  checkLinkLabels(content, links);
  const at = ctx.now().toISOString();
  const id = randomUUID();
  await guarded(() => ctx.db.transaction().execute(async (trx) => {
    await store.bumpRevision(trx);
    if (await store.findItemBySlug(trx, input.slug)) throw conflict('slug_taken', 'slug');
    const { topicId } = await checkStructure(trx, input.kind, input);
    const sort = input.sort ?? Number((await trx.selectFrom('kb_item').select((eb) => eb.fn.max('sort').as('s')).executeTakeFirst())?.s ?? 0) + 10;
    await trx
      .insertInto('kb_item')
      .values({
        id,
        kind: input.kind,
        slug: input.slug,
        topic_id: topicId ?? null,
        topic_code: input.kind === 'topic' ? (input.topicCode ?? null) : null,
        services: JSON.stringify(input.services ?? []),
        links: JSON.stringify(links),
        sort,
        source_locale: sourceLocale,
        source_version: 1,
        published: input.published ? 1 : 0,
        created_at: at,
        updated_at: at,
        updated_by: actor.id,
      })
      .execute();
    await insertText(trx, { itemId: id, locale: sourceLocale, version: 1, sourceVersion: 1, content, machineTranslated: false, by: actor.id, at });
  }), 'slug_taken', 'slug');
  return (await store.findItem(ctx.db, id))!;
}

async function insertText(
  trx: Transaction<Database>,
  t: { itemId: string; locale: string; version: number; sourceVersion: number; content: KnowledgeContent; machineTranslated: boolean; by: string | null; at: string; reviewed?: boolean },
): Promise<void> {
  await trx
    .insertInto('kb_text')
    .values({
      id: randomUUID(),
      item_id: t.itemId,
      locale: t.locale,
      version: t.version,
      source_version: t.sourceVersion,
      content: JSON.stringify(t.content),
      machine_translated: t.machineTranslated ? 1 : 0,
      reviewed_by: t.reviewed ? t.by : null,
      reviewed_at: t.reviewed ? t.at : null,
      created_by: t.by,
      created_at: t.at,
    })
    .execute();
}

export async function updateItem(ctx: AppContext, actor: StaffActor, id: string, patch: ItemPatch): Promise<store.KnowledgeItem> {
  await ctx.db.transaction().execute(async (trx) => {
    await store.bumpRevision(trx);
    const item = await store.findItem(trx, id);
    if (!item) throw notFound('knowledge_not_found');
    const { topicId } = await checkStructure(trx, item.kind, patch);
    if (patch.links) {
      const source = (await store.textVersions(trx, id, item.sourceLocale))[0];
      if (source) checkLinkLabels(source.content, patch.links);
    }
    await trx
      .updateTable('kb_item')
      .set({
        ...(topicId !== undefined ? { topic_id: topicId } : {}),
        ...(patch.topicCode !== undefined && item.kind === 'topic' ? { topic_code: patch.topicCode } : {}),
        ...(patch.services ? { services: JSON.stringify(patch.services) } : {}),
        ...(patch.links ? { links: JSON.stringify(patch.links) } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(patch.published !== undefined ? { published: patch.published ? 1 : 0 } : {}),
        updated_at: ctx.now().toISOString(),
        updated_by: actor.id,
      })
      .where('id', '=', id)
      .execute();
  });
  return (await store.findItem(ctx.db, id))!;
}

/**
 * Saves a new version of an item's text in one language. The source language needs the editor's
 * permission and moves the item's source version on (every translation made from an older one is
 * then outdated); other languages need the translator's and record the source version they follow.
 */
export async function saveText(ctx: AppContext, actor: StaffActor, id: string, locale: string, input: TextInput): Promise<store.KnowledgeText> {
  if (!LANGUAGE_CODES.includes(locale)) throw fieldError('locale', 'unknown_language');
  const content = cleanContent(input.content);
  const at = ctx.now().toISOString();
  return guarded(() => ctx.db.transaction().execute(async (trx) => {
    await store.bumpRevision(trx);
    const item = await store.findItem(trx, id);
    if (!item) throw notFound('knowledge_not_found');
    const isSource = locale === item.sourceLocale;
    if (!can(actor, isSource ? 'knowledge.edit' : 'knowledge.translate')) throw forbidden();
    if (input.links && !isSource) throw fieldError('links', 'unknown_field');
    const links = input.links ?? item.links;
    checkLinkLabels(content, links);
    const version = (await store.latestVersion(trx, id, locale)) + 1;
    let sourceVersion: number;
    if (isSource) {
      sourceVersion = version;
      await trx
        .updateTable('kb_item')
        .set({ source_version: version, ...(input.links ? { links: JSON.stringify(links) } : {}), updated_at: at, updated_by: actor.id })
        .where('id', '=', id)
        .execute();
    } else {
      sourceVersion = input.basedOnSourceVersion ?? item.sourceVersion;
      if (sourceVersion < 1 || sourceVersion > item.sourceVersion) throw fieldError('basedOnSourceVersion', 'unknown_source_version');
      const source = (await store.textVersions(trx, id, item.sourceLocale)).find((t) => t.version === sourceVersion);
      if (source) {
        const off = misalignedLists(source.content, content);
        if (off.length) throw fieldError(`content.${off[0]}`, 'misaligned_list');
      }
      await trx.updateTable('kb_item').set({ updated_at: at }).where('id', '=', id).execute();
    }
    // A person writing a translation by hand has reviewed it; machine output waits for a review.
    const machineTranslated = !isSource && input.machineTranslated === true;
    await insertText(trx, { itemId: id, locale, version, sourceVersion, content, machineTranslated, by: actor.id, at, reviewed: !machineTranslated && !isSource });
    return (await store.textVersions(trx, id, locale))[0]!;
  }), 'not_latest_version');
}

/** A translator confirms that the latest machine-translated version reads right. */
export async function reviewText(ctx: AppContext, actor: StaffActor, id: string, locale: string, version: number): Promise<store.KnowledgeText> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await store.bumpRevision(trx);
    const item = await store.findItem(trx, id);
    if (!item) throw notFound('knowledge_not_found');
    const latest = (await store.textVersions(trx, id, locale))[0];
    if (!latest) throw notFound('knowledge_not_found');
    if (latest.version !== version) throw conflict('not_latest_version');
    // Only machine output waits for a review: the source and translations written by a person do not.
    if (locale === item.sourceLocale || !latest.machineTranslated) throw conflict('nothing_to_review');
    // The review is the one change a stored version gets: the text itself is never rewritten.
    await trx.updateTable('kb_text').set({ reviewed_by: actor.id, reviewed_at: at }).where('item_id', '=', id).where('locale', '=', locale).where('version', '=', version).execute();
    await trx.updateTable('kb_item').set({ updated_at: at }).where('id', '=', id).execute();
    return (await store.textVersions(trx, id, locale))[0]!;
  });
}

export interface EditorRow extends store.KnowledgeItem {
  title: string;
  topic: string | null;
  statuses: Record<string, TranslationStatus>;
}

const statusOf = (item: store.KnowledgeItem, text: store.KnowledgeText | undefined, locale: string) =>
  translationStatus(text, item.sourceVersion, locale === item.sourceLocale);

/** Every item with its translation state in every client language: the translators' worklist. */
export async function editorList(ctx: AppContext): Promise<{ locales: string[]; items: EditorRow[] }> {
  const items = await store.listItems(ctx.db);
  const texts = await store.latestTexts(ctx.db);
  const byItem = new Map<string, Map<string, store.KnowledgeText>>();
  for (const t of texts) (byItem.get(t.itemId) ?? byItem.set(t.itemId, new Map()).get(t.itemId)!).set(t.locale, t);
  const slugs = new Map(items.map((i) => [i.id, i.slug]));
  const locales = [...CLIENT_LANGUAGES];
  return {
    locales,
    items: items.map((item) => {
      const mine = byItem.get(item.id) ?? new Map<string, store.KnowledgeText>();
      return {
        ...item,
        title: mine.get(item.sourceLocale)?.content.title ?? item.slug,
        topic: item.topicId ? (slugs.get(item.topicId) ?? null) : null,
        statuses: Object.fromEntries(locales.map((l) => [l, statusOf(item, mine.get(l), l)])),
      };
    }),
  };
}

export interface EditorText extends store.KnowledgeText {
  status: TranslationStatus;
}

/** One item as its editors see it: structure, the latest text in each language with its state. */
export async function editorItem(
  ctx: AppContext,
  id: string,
): Promise<{ item: store.KnowledgeItem; topic: string | null; topicPublished: boolean; texts: EditorText[]; sourceVersions: store.KnowledgeText[] }> {
  const item = await store.findItem(ctx.db, id);
  if (!item) throw notFound('knowledge_not_found');
  const texts = await store.latestTexts(ctx.db, [id]);
  const topicItem = item.topicId ? await store.findItem(ctx.db, item.topicId) : undefined;
  return {
    item,
    topic: topicItem?.slug ?? null,
    topicPublished: topicItem ? topicItem.published : true,
    texts: texts.map((t) => ({ ...t, status: statusOf(item, t, t.locale) })),
    sourceVersions: await store.textVersions(ctx.db, id, item.sourceLocale),
  };
}

export async function versions(ctx: AppContext, id: string, locale: string): Promise<store.KnowledgeText[]> {
  if (!(await store.findItem(ctx.db, id))) throw notFound('knowledge_not_found');
  return store.textVersions(ctx.db, id, locale);
}
