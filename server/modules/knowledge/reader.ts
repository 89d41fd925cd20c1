import MiniSearch from 'minisearch';
import { paragraphs, type ReaderItem, type ReaderText, type ReaderTopic, type WhereToGo } from '../../../core/knowledge/content.ts';

export type { ReaderItem, ReaderText, ReaderTopic, WhereToGo };
import { searchWords } from '../../../core/knowledge/search-text.ts';
import { pickLanguage, translationStatus } from '../../../core/knowledge/translation.ts';
import type { AppContext } from '../../context.ts';
import { localizedName } from '../../http/html.ts';
import { notFound } from '../../http/errors.ts';
import * as network from '../network/store.ts';
import * as store from './store.ts';

interface Snapshot {
  revision: string;
  items: store.KnowledgeItem[];
  bySlug: Map<string, store.KnowledgeItem>;
  texts: Map<string, Map<string, store.KnowledgeText>>;
  indexes: Map<string, MiniSearch<SearchDoc>>;
}

interface SearchDoc {
  id: string;
  title: string;
  summary: string;
  text: string;
}

// One snapshot per app (per database): rebuilt when the knowledge base's revision moves, so every
// node serves edits made on any other node at the next request.
const snapshots = new WeakMap<AppContext, Snapshot>();

async function snapshot(ctx: AppContext): Promise<Snapshot> {
  const revision = await store.revision(ctx.db);
  const cached = snapshots.get(ctx);
  if (cached && cached.revision === revision) return cached;
  const items = await store.listItems(ctx.db, { publishedOnly: true });
  const texts = new Map<string, Map<string, store.KnowledgeText>>();
  for (const t of await store.latestTexts(ctx.db, items.map((i) => i.id))) {
    (texts.get(t.itemId) ?? texts.set(t.itemId, new Map()).get(t.itemId)!).set(t.locale, t);
  }
  // Unpublishing a topic hides what is filed under it too: an editor taking a topic down expects
  // its procedures and questions gone from the site, the kiosk and the search, not orphaned.
  const publishedTopics = new Set(items.filter((i) => i.kind === 'topic').map((i) => i.id));
  const readable = items.filter((i) => texts.has(i.id) && (!i.topicId || publishedTopics.has(i.topicId)));
  const fresh: Snapshot = { revision, items: readable, bySlug: new Map(readable.map((i) => [i.slug, i])), texts, indexes: new Map() };
  snapshots.set(ctx, fresh);
  return fresh;
}

function readerText(snap: Snapshot, item: store.KnowledgeItem, locale: string): ReaderText {
  const picked = pickLanguage(locale, snap.texts.get(item.id)!)!;
  const t = picked.text;
  return {
    slug: item.slug,
    kind: item.kind,
    lang: picked.locale,
    fallback: picked.fallback,
    machineTranslated: t.machineTranslated && !t.reviewedAt,
    outdated: translationStatus(t, item.sourceVersion, picked.locale === item.sourceLocale) === 'outdated',
    content: t.content,
  };
}

/** Every published topic with its procedures and questions, in the reader's language. */
export async function topics(ctx: AppContext, locale: string): Promise<ReaderTopic[]> {
  const snap = await snapshot(ctx);
  return snap.items
    .filter((i) => i.kind === 'topic')
    .map((topic) => {
      const children = snap.items.filter((i) => i.topicId === topic.id);
      return {
        ...readerText(snap, topic, locale),
        topicCode: topic.topicCode,
        procedures: children.filter((i) => i.kind === 'procedure').map((i) => readerText(snap, i, locale)),
        faqs: children.filter((i) => i.kind === 'faq').map((i) => readerText(snap, i, locale)),
      };
    });
}

/** Where a procedure is handled: the desks offering its services, centre by centre. */
async function whereToGo(ctx: AppContext, serviceCodes: string[], locale: string): Promise<WhereToGo[]> {
  if (serviceCodes.length === 0) return [];
  const [centres, services, partners] = await Promise.all([network.listCentres(ctx.db), network.listServices(ctx.db), network.listPartners(ctx.db)]);
  const partnerName = new Map(partners.map((p) => [p.id, localizedName(JSON.parse(p.name) as Record<string, string>, locale)]));
  return centres
    .filter((c) => c.active === 1)
    .map((c) => ({
      centreId: c.id,
      centreCode: c.code,
      centreName: c.name,
      services: services
        .filter((s) => s.centre_id === c.id && s.active === 1 && serviceCodes.includes(s.code))
        .map((s) => {
          const name = localizedName(JSON.parse(s.name) as Record<string, string>, locale);
          const partner = partnerName.get(s.partner_id) ?? { text: '', lang: locale };
          return { id: s.id, code: s.code, name: name.text, nameLang: name.lang, ticketPrefix: s.ticket_prefix, partner: partner.text, partnerLang: partner.lang };
        }),
    }))
    .filter((c) => c.services.length > 0);
}

/** One published item in full, in the reader's language, with where to go and related items. */
export async function item(ctx: AppContext, locale: string, slug: string): Promise<ReaderItem> {
  const snap = await snapshot(ctx);
  const found = snap.bySlug.get(slug);
  if (!found) throw notFound('knowledge_not_found');
  const text = readerText(snap, found, locale);
  const topicItem = found.topicId ? snap.items.find((i) => i.id === found.topicId) : undefined;
  const topicText = topicItem ? readerText(snap, topicItem, locale) : undefined;
  const labels = text.content.links ?? [];
  const relatedOf = found.kind === 'topic' ? found.id : found.topicId;
  return {
    ...text,
    topic: topicItem && topicText ? { slug: topicItem.slug, title: topicText.content.title, lang: topicText.lang } : null,
    links: found.links.map((url, i) => ({ url, label: labels[i] ?? url })),
    paragraphs: paragraphs(text.content.body),
    where: await whereToGo(ctx, found.services, locale),
    related: snap.items.filter((i) => i.id !== found.id && relatedOf && i.topicId === relatedOf).map((i) => readerText(snap, i, locale)),
  };
}

function searchIndex(snap: Snapshot, locale: string): MiniSearch<SearchDoc> {
  const cached = snap.indexes.get(locale);
  if (cached) return cached;
  const index = new MiniSearch<SearchDoc>({
    fields: ['title', 'summary', 'text'],
    storeFields: [],
    tokenize: (text) => searchWords(text),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 3, summary: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : false), combineWith: 'AND' },
  });
  index.addAll(
    snap.items.map((i) => {
      const { content } = readerText(snap, i, locale);
      return { id: i.slug, title: content.title, summary: content.summary, text: [content.body, ...(content.steps ?? []), ...(content.documents ?? []), content.fees].filter(Boolean).join('\n') };
    }),
  );
  snap.indexes.set(locale, index);
  return index;
}

/**
 * Searches the content as the reader sees it (their language, or the marked fallback where an item
 * has no translation): every word must match, as a prefix, with small typos forgiven in long words;
 * when nothing matches every word, items matching any word follow.
 */
export async function search(ctx: AppContext, locale: string, query: string, limit = 20): Promise<{ total: number; items: ReaderText[] }> {
  const snap = await snapshot(ctx);
  // Each word once, a dozen at most: a pasted paragraph costs no more than a question.
  const words = [...new Set(searchWords(query))].slice(0, 12);
  if (words.length === 0) return { total: 0, items: [] };
  const index = searchIndex(snap, locale);
  const text = words.join(' ');
  let hits = index.search(text);
  if (hits.length === 0) hits = index.search(text, { combineWith: 'OR' });
  return { total: hits.length, items: hits.slice(0, limit).map((h) => readerText(snap, snap.bySlug.get(String(h.id))!, locale)) };
}
