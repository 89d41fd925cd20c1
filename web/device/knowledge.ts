import { get } from '../api.ts';

/** The knowledge base as readers get it (server/modules/knowledge/reader.ts): public, no sign-in. */
export interface KnowledgeContent {
  title: string;
  summary: string;
  body?: string;
  steps?: string[];
  documents?: string[];
  fees?: string;
  links?: string[];
}

/** One item's text in the reader's language or a marked fallback. */
export interface ReaderText {
  slug: string;
  kind: 'topic' | 'procedure' | 'faq';
  /** The language the text is really in (its `lang` attribute). */
  lang: string;
  /** Not the reader's language: show a notice. */
  fallback: boolean;
  /** Machine-translated, not yet reviewed: show a notice. */
  machineTranslated: boolean;
  /** The source text changed since this translation was made. */
  outdated: boolean;
  content: KnowledgeContent;
}

export interface ReaderTopic extends ReaderText {
  topicCode: string | null;
  procedures: ReaderText[];
  faqs: ReaderText[];
}

export interface WhereService {
  id: string;
  code: string;
  name: string;
  /** The language the name is really in (partner names may exist only in pt-PT and en). */
  nameLang: string;
  ticketPrefix: string;
  partner: string;
  partnerLang: string;
}

export interface ReaderItem extends ReaderText {
  topic: { slug: string; title: string; lang: string } | null;
  links: { url: string; label: string }[];
  paragraphs: string[];
  where: { centreId: string; centreCode: string; centreName: string; services: WhereService[] }[];
  related: ReaderText[];
}

const device = { allow401: true } as const;

export const fetchTopics = (locale: string) => get<{ items: ReaderTopic[] }>(`/api/knowledge/topics?locale=${encodeURIComponent(locale)}`, device).then((r) => r.items);

export const fetchItem = (locale: string, slug: string) => get<ReaderItem>(`/api/knowledge/items/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`, device);

/** The desks of this centre that handle an item (none when another centre does it, or nobody). */
export function desksHere(item: Pick<ReaderItem, 'where'>, centreId: string): WhereService[] {
  return item.where.find((w) => w.centreId === centreId)?.services ?? [];
}

/** What a page's texts need a notice for: languages shown instead of the reader's, machine translation, outdated translation. */
export interface TextNotices {
  fallbackLanguages: string[];
  machineTranslated: boolean;
  outdated: boolean;
}

export function noticesFor(texts: readonly Pick<ReaderText, 'lang' | 'fallback' | 'machineTranslated' | 'outdated'>[]): TextNotices {
  return {
    fallbackLanguages: [...new Set(texts.filter((t) => t.fallback).map((t) => t.lang))],
    machineTranslated: texts.some((t) => t.machineTranslated),
    outdated: texts.some((t) => t.outdated),
  };
}
