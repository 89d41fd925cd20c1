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
