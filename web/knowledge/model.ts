import { CLIENT_LANGUAGES, languageInfo } from '../../core/languages.ts';

/** Shapes of the knowledge-base editors' API (server/modules/knowledge/schemas.ts is the source of truth). */
export const KINDS = ['topic', 'procedure', 'faq'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['current', 'outdated', 'machine', 'missing'] as const;
export type Status = (typeof STATUSES)[number];

export type { KnowledgeContent as Content, KnowledgeItem as Item } from '../../core/knowledge/content.ts';
import type { KnowledgeContent as Content, KnowledgeItem as Item, KnowledgeText } from '../../core/knowledge/content.ts';

export interface Row extends Item {
  title: string;
  topic: string | null;
  statuses: Record<string, Status>;
}

export interface EditorList {
  locales: string[];
  items: Row[];
}

export type Text = KnowledgeText;

export interface EditorItem {
  item: Item;
  topic: string | null;
  /** False when the item's topic is unpublished: readers do not see the item then. */
  topicPublished: boolean;
  texts: (Text & { status: Status })[];
  sourceVersions: Text[];
}

export const LIST_URL = '/api/knowledge/admin/items';
export const itemUrl = (id: string) => `${LIST_URL}/${encodeURIComponent(id)}`;
export const textUrl = (id: string, locale: string) => `${itemUrl(id)}/texts/${encodeURIComponent(locale)}`;

/** Pages of the surface. */
export const PAGE = '/app/knowledge';
export const itemPage = (id: string) => `${PAGE}/${encodeURIComponent(id)}`;
export const translationPage = (id: string, locale: string) => `${itemPage(id)}/${encodeURIComponent(locale)}`;

/** The client languages, in the order the worklist shows them. */
export const LANGUAGE_CODES: readonly string[] = CLIENT_LANGUAGES;
export const endonym = (code: string) => languageInfo(code)?.endonym ?? code;

/**
 * What the signed-in user may do, mirroring server/access/policy.ts (the server decides; this only
 * chooses between forms and read-only views): content editors write the source text and the
 * structure and translate; mediators translate and review; every other staff member reads.
 */
export const canEdit = (roles: readonly string[]) => roles.includes('content_editor');
export const canTranslate = (roles: readonly string[]) => roles.includes('content_editor') || roles.includes('mediator');

/** Statuses that ask for a translator's work. */
export const NEEDS_WORK: readonly Status[] = ['outdated', 'machine', 'missing'];
export type StatusFilter = 'all' | 'needs-work' | Status;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'needs-work', ...STATUSES];
export function statusMatches(status: Status | undefined, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (!status) return false;
  return filter === 'needs-work' ? NEEDS_WORK.includes(status) : status === filter;
}

/** The text fields a form edits: every field a string, lists as arrays of strings. */
export interface Draft {
  title: string;
  summary: string;
  body: string;
  steps: string[];
  documents: string[];
  fees: string;
  links: string[];
}

export const LIST_FIELDS = ['steps', 'documents', 'links'] as const;
export type ListField = (typeof LIST_FIELDS)[number];
export const TEXT_FIELDS = ['title', 'summary', 'body', 'fees'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export function draftOf(content: Content | undefined): Draft {
  return {
    title: content?.title ?? '',
    summary: content?.summary ?? '',
    body: content?.body ?? '',
    steps: [...(content?.steps ?? [])],
    documents: [...(content?.documents ?? [])],
    fees: content?.fees ?? '',
    links: [...(content?.links ?? [])],
  };
}

/** The content to send: trimmed, empty optional fields and empty list entries left out. */
export function contentOf(draft: Draft): Content {
  const out: Content = { title: draft.title.trim(), summary: draft.summary.trim() };
  if (draft.body.trim()) out.body = draft.body.trim();
  if (draft.fees.trim()) out.fees = draft.fees.trim();
  for (const field of LIST_FIELDS) {
    const list = draft[field].map((s) => s.trim()).filter(Boolean);
    if (list.length) out[field] = list;
  }
  return out;
}

/** Whether a form shows a field: procedures use every field, topics and questions only title, summary and body (unless they have more). */
export function showsField(kind: Kind, field: TextField | ListField, ...contents: (Content | Draft | undefined)[]): boolean {
  if (kind === 'procedure' || field === 'title' || field === 'summary' || field === 'body') return true;
  return contents.some((c) => {
    const v = c?.[field];
    return Array.isArray(v) ? v.length > 0 : !!v;
  });
}
