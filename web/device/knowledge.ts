import { get } from '../api.ts';

/** The knowledge base as readers get it (server/modules/knowledge/reader.ts): public, no sign-in. */
export type { KnowledgeContent, ReaderItem, ReaderText, ReaderTopic, WhereService } from '../../core/knowledge/content.ts';
import type { ReaderItem, ReaderText, ReaderTopic, WhereService } from '../../core/knowledge/content.ts';

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
