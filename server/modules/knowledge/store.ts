import type { Kysely, Selectable } from 'kysely';
import type { Database, KbItemTable, KbTextTable } from '../../db/schema.ts';
import type { KnowledgeContent, KnowledgeItem, KnowledgeKind, KnowledgeText } from '../../../core/knowledge/content.ts';

export type { KnowledgeItem, KnowledgeText };

type Db = Kysely<Database>;


export const toItem = (r: Selectable<KbItemTable>): KnowledgeItem => ({
  id: r.id,
  kind: r.kind as KnowledgeKind,
  slug: r.slug,
  topicId: r.topic_id,
  topicCode: r.topic_code,
  services: JSON.parse(r.services) as string[],
  links: JSON.parse(r.links) as string[],
  sort: r.sort,
  sourceLocale: r.source_locale,
  sourceVersion: r.source_version,
  published: r.published === 1,
  updatedAt: r.updated_at,
});

export const toText = (r: Selectable<KbTextTable>): KnowledgeText => ({
  itemId: r.item_id,
  locale: r.locale,
  version: r.version,
  sourceVersion: r.source_version,
  content: JSON.parse(r.content) as KnowledgeContent,
  machineTranslated: r.machine_translated === 1,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function listItems(db: Db, options: { publishedOnly?: boolean } = {}): Promise<KnowledgeItem[]> {
  let q = db.selectFrom('kb_item').selectAll().orderBy('sort').orderBy('slug');
  if (options.publishedOnly) q = q.where('published', '=', 1);
  return (await q.execute()).map(toItem);
}

export async function findItem(db: Db, id: string): Promise<KnowledgeItem | undefined> {
  const row = await db.selectFrom('kb_item').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export async function findItemBySlug(db: Db, slug: string): Promise<KnowledgeItem | undefined> {
  const row = await db.selectFrom('kb_item').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** The latest version of every item's text in every language (optionally of some items only). */
export async function latestTexts(db: Db, itemIds?: string[]): Promise<KnowledgeText[]> {
  if (itemIds && itemIds.length === 0) return [];
  let q = db
    .selectFrom('kb_text as t')
    .selectAll('t')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('kb_text as newer')
            .select('newer.id')
            .whereRef('newer.item_id', '=', 't.item_id')
            .whereRef('newer.locale', '=', 't.locale')
            .whereRef('newer.version', '>', 't.version'),
        ),
      ),
    );
  if (itemIds) q = q.where('t.item_id', 'in', itemIds);
  return (await q.execute()).map(toText);
}

export async function textVersions(db: Db, itemId: string, locale: string): Promise<KnowledgeText[]> {
  return (await db.selectFrom('kb_text').selectAll().where('item_id', '=', itemId).where('locale', '=', locale).orderBy('version', 'desc').execute()).map(toText);
}

export async function latestVersion(db: Db, itemId: string, locale: string): Promise<number> {
  const row = await db.selectFrom('kb_text').select((eb) => eb.fn.max('version').as('v')).where('item_id', '=', itemId).where('locale', '=', locale).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** The knowledge base's revision: moves on with every write, so any node's cache can tell it is stale. */
export async function revision(db: Db): Promise<string> {
  const row = await db.selectFrom('kb_revision').select('rev').where('id', '=', 1).executeTakeFirst();
  return String(row?.rev ?? 0);
}

/**
 * The first statement of every write transaction: moves the revision on and, on PostgreSQL, takes
 * the row lock that queues concurrent writers (so "latest version + 1" and "slug free?" hold).
 */
export async function bumpRevision(db: Db): Promise<void> {
  await db
    .updateTable('kb_revision')
    .set((eb) => ({ rev: eb('rev', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
