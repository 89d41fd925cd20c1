/**
 * What the knowledge base holds: topics, procedures and questions & answers. The structure
 * (kind, topic, desks, links) is the same in every language; the text is per language.
 */
export const KNOWLEDGE_KINDS = ['topic', 'procedure', 'faq'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

/** One item's text in one language. Lists line up across languages (step 3 is step 3 everywhere). */
export interface KnowledgeContent {
  title: string;
  summary: string;
  body?: string;
  steps?: string[];
  documents?: string[];
  fees?: string;
  /** Labels of the item's links, in the item's link order. */
  links?: string[];
}

export const LIST_FIELDS = ['steps', 'documents', 'links'] as const;

/**
 * Where a translation does not line up with its source: a list with a different number of entries
 * means a step or a document was lost or added in translation.
 */
export function misalignedLists(source: KnowledgeContent, translation: KnowledgeContent): (typeof LIST_FIELDS)[number][] {
  return LIST_FIELDS.filter((field) => (source[field]?.length ?? 0) !== (translation[field]?.length ?? 0));
}

/** Paragraphs of a body: separated by blank lines, trimmed, none empty. */
export function paragraphs(body: string | undefined): string[] {
  return (body ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (value: string): boolean => SLUG.test(value) && value.length <= 80;

/** An item as stored: structure, language-independent (the editors' API answers with it). */
export interface KnowledgeItem {
  id: string;
  kind: KnowledgeKind;
  slug: string;
  topicId: string | null;
  topicCode: string | null;
  services: string[];
  links: string[];
  sort: number;
  sourceLocale: string;
  sourceVersion: number;
  published: boolean;
  updatedAt: string;
}

/** One version of an item's text in one language. */
export interface KnowledgeText {
  itemId: string;
  locale: string;
  version: number;
  sourceVersion: number;
  content: KnowledgeContent;
  machineTranslated: boolean;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** An item's text as a reader gets it: in their language or a marked fallback. */
export interface ReaderText {
  slug: string;
  kind: KnowledgeKind;
  /** The language the text is really in (its `lang` attribute). */
  lang: string;
  /** Not the reader's language: shown with a notice. */
  fallback: boolean;
  /** Machine-translated and not yet reviewed: shown with a notice. */
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

export interface WhereToGo {
  centreId: string;
  centreCode: string;
  centreName: string;
  services: WhereService[];
}

export interface ReaderItem extends ReaderText {
  topic: { slug: string; title: string; lang: string } | null;
  links: { url: string; label: string }[];
  paragraphs: string[];
  where: WhereToGo[];
  related: ReaderText[];
}

