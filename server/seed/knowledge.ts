/**
 * Loads a preset's knowledge-base content (content/<preset>/, format in content/README.md) into an
 * empty knowledge base: every item published, its source text as version 1, every other language
 * as a translation of that version — marked machine-translated where the locale file says so.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSlug, KNOWLEDGE_KINDS, misalignedLists, type KnowledgeContent, type KnowledgeKind } from '../../core/knowledge/content.ts';
import { LANGUAGE_CODES } from '../../core/languages.ts';
import type { AppContext } from '../context.ts';
import { bumpRevision } from '../modules/knowledge/store.ts';

export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'content');

export interface PresetItem {
  kind: KnowledgeKind;
  slug: string;
  topic?: string;
  services?: string[];
  links?: string[];
}

export interface PresetContent {
  sourceLocale: string;
  items: PresetItem[];
  locales: Map<string, { machineTranslated: boolean; items: Record<string, KnowledgeContent> }>;
}

export function readPresetContent(preset: string, dir = CONTENT_DIR): PresetContent | null {
  const folder = join(dir, preset);
  if (!existsSync(join(folder, 'items.json'))) return null;
  const structure = JSON.parse(readFileSync(join(folder, 'items.json'), 'utf8')) as { sourceLocale: string; items: PresetItem[] };
  const locales = new Map<string, { machineTranslated: boolean; items: Record<string, KnowledgeContent> }>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'items.json')) {
    locales.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(folder, file), 'utf8')));
  }
  return { sourceLocale: structure.sourceLocale, items: structure.items, locales };
}

/** What is wrong with a preset's content, as readable lines; empty when it can be loaded. */
export function contentProblems(content: PresetContent, topicCodes: readonly string[], serviceCodes: readonly string[]): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const topics = new Set(content.items.filter((i) => i.kind === 'topic').map((i) => i.slug));
  const source = content.locales.get(content.sourceLocale);
  if (!source) return [`no ${content.sourceLocale}.json for the source language`];
  for (const item of content.items) {
    if (!KNOWLEDGE_KINDS.includes(item.kind)) problems.push(`${item.slug}: unknown kind ${item.kind}`);
    if (!isSlug(item.slug)) problems.push(`${item.slug}: not a valid slug`);
    if (slugs.has(item.slug)) problems.push(`${item.slug}: slug used twice`);
    slugs.add(item.slug);
    if (item.kind === 'topic' && item.topic && !topicCodes.includes(item.topic)) problems.push(`${item.slug}: unknown network topic ${item.topic}`);
    if (item.kind !== 'topic' && !topics.has(item.topic ?? '')) problems.push(`${item.slug}: topic ${item.topic} is not a topic item`);
    for (const s of item.services ?? []) if (!serviceCodes.includes(s)) problems.push(`${item.slug}: unknown service ${s}`);
    for (const url of item.links ?? []) if (!/^https?:\/\/\S+$/.test(url)) problems.push(`${item.slug}: bad link ${url}`);
  }
  for (const [locale, file] of content.locales) {
    if (!LANGUAGE_CODES.includes(locale)) problems.push(`${locale}.json: unknown language`);
    for (const slug of Object.keys(file.items)) if (!slugs.has(slug)) problems.push(`${locale}.json: ${slug} is not in items.json`);
    for (const item of content.items) {
      const text = file.items[item.slug];
      if (!text) {
        problems.push(`${locale}.json: ${item.slug} missing`);
        continue;
      }
      if (!text.title?.trim()) problems.push(`${locale}.json: ${item.slug} has no title`);
      if (!text.summary?.trim() && !text.body?.trim()) problems.push(`${locale}.json: ${item.slug} has neither summary nor body`);
      if ((text.links?.length ?? 0) !== (item.links?.length ?? 0)) problems.push(`${locale}.json: ${item.slug} has ${text.links?.length ?? 0} link labels for ${item.links?.length ?? 0} links`);
      const sourceText = source.items[item.slug];
      if (sourceText) for (const field of misalignedLists(sourceText, text)) problems.push(`${locale}.json: ${item.slug}.${field} does not line up with ${content.sourceLocale}`);
      const strings = [text.title, text.summary, text.body, text.fees, ...(text.steps ?? []), ...(text.documents ?? []), ...(text.links ?? [])];
      if (strings.some((s) => s !== undefined && typeof s === 'string' && s.trim() === '')) problems.push(`${locale}.json: ${item.slug} has an empty string`);
    }
  }
  return problems;
}

/** Seeds the knowledge base if it is empty. Returns whether it did. */
export async function seedKnowledge(ctx: AppContext, preset = 'cnai'): Promise<boolean> {
  const any = await ctx.db.selectFrom('kb_item').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const content = readPresetContent(preset);
  if (!content) return false;
  const topicCodes = (await ctx.db.selectFrom('topic').select('code').execute()).map((t) => t.code);
  const serviceCodes = [...new Set((await ctx.db.selectFrom('service').select('code').execute()).map((s) => s.code))];
  const problems = contentProblems(content, topicCodes, serviceCodes);
  if (problems.length) throw new Error(`content/${preset} cannot be loaded:\n${problems.join('\n')}`);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await bumpRevision(trx);
    const ids = new Map(content.items.map((i) => [i.slug, randomUUID()]));
    // Topics first: procedures and questions reference theirs.
    const ordered = [...content.items.entries()].sort(([, a], [, b]) => Number(b.kind === 'topic') - Number(a.kind === 'topic'));
    for (const [index, item] of ordered) {
      await trx
        .insertInto('kb_item')
        .values({
          id: ids.get(item.slug)!,
          kind: item.kind,
          slug: item.slug,
          topic_id: item.kind === 'topic' ? null : ids.get(item.topic!)!,
          topic_code: item.kind === 'topic' ? (item.topic ?? null) : null,
          services: JSON.stringify(item.services ?? []),
          links: JSON.stringify(item.links ?? []),
          sort: (index + 1) * 10,
          source_locale: content.sourceLocale,
          source_version: 1,
          published: 1,
          created_at: at,
          updated_at: at,
          updated_by: null,
        })
        .execute();
    }
    for (const [locale, file] of content.locales) {
      for (const item of content.items) {
        await trx
          .insertInto('kb_text')
          .values({
            id: randomUUID(),
            item_id: ids.get(item.slug)!,
            locale,
            version: 1,
            source_version: 1,
            content: JSON.stringify(file.items[item.slug]),
            machine_translated: file.machineTranslated && locale !== content.sourceLocale ? 1 : 0,
            reviewed_by: null,
            reviewed_at: null,
            created_by: null,
            created_at: at,
          })
          .execute();
      }
    }
  });
  return true;
}
