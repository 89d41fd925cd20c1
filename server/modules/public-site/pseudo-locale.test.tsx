import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../../core/opening-hours.ts';
import { translator } from '../../i18n.ts';
import { DEFAULT_STATEMENT } from '../branding/service.ts';
import type { ReaderItem, ReaderTopic } from '../knowledge/reader.ts';
import { Layout, renderPage, type PageContext } from './layout.tsx';
import { AccessibilityPage, CentrePage, ChecklistPage, HomePage, ItemPage, LanguagesPage, NotFoundPage, SearchPage, TopicPage } from './pages.tsx';

/**
 * Hard-coded text finder: every interface string comes out of a marking translator and every piece
 * of content is marked too, so any visible text left unmarked was written into a component.
 */
const mark = (s: string) => `⟦${s}⟧`;
const en = translator('en', 'site');
const t = ((key: string, options?: object) => mark(String(en(key, options as never)))) as unknown as TFunction;
const pc: PageContext = { locale: 'en', t, path: '/', uiFallback: true };

const text = (slug: string, kind: 'topic' | 'procedure' | 'faq') => ({
  slug,
  kind,
  lang: 'pt-PT',
  fallback: true,
  machineTranslated: true,
  outdated: true,
  content: { title: mark(`${slug} title`), summary: mark(`${slug} summary`), body: mark('body'), steps: [mark('step 1')], documents: [mark('passport')], fees: mark('fees'), links: [mark('link')] },
});
const topic: ReaderTopic = { ...text('health', 'topic'), topicCode: 'health', procedures: [text('sns', 'procedure')], faqs: [text('night', 'faq')] };
const item: ReaderItem = {
  ...text('sns', 'procedure'),
  topic: { slug: 'health', title: mark('Health'), lang: 'pt-PT' },
  links: [{ url: 'https://www.sns.gov.pt', label: mark('SNS') }],
  paragraphs: [mark('paragraph')],
  where: [{ centreId: 'c', centreCode: 'lisboa', centreName: mark('Lisboa'), services: [{ id: 's', code: 'health-access', name: mark('Health access'), nameLang: 'en', ticketPrefix: 'H', partner: mark('Health Office'), partnerLang: 'en' }] }],
  related: [text('night', 'faq')],
};
const centre = {
  code: 'lisboa',
  name: mark('CNAI Lisboa'),
  address: mark('Rua'),
  timeZone: 'Europe/Lisbon',
  openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ open: '08:00', close: '18:00' }]])) as never,
  languages: ['pt-PT'],
  openNow: true,
};

/** Visible text nodes of the body that carry letters and are not marked. */
function unmarked(html: string): string[] {
  // The header's language menu lists every language in its own script, on purpose.
  const body = html.slice(html.indexOf('<body')).replace(/(<details class="language-menu">[^]*?<\/summary>)<ul>[^]*?<\/ul>/, '$1');
  const texts = body
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((s) => s.replace(/&[a-z#0-9]+;/gi, ' ').trim())
    .filter(Boolean);
  // Weekday names come from Intl in the page's language; endonyms are each language's own name.
  const allowed = new Set([...WEEKDAYS.map((_, i) => new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i, 12)))), 'Português (Portugal)', 'English']);
  // A ticket letter is the desk's own (content), not a word.
  allowed.add('H');
  // A marked string may be split around content placed inside it (⟦Checklist: ⟧ around a title).
  const unmarkedPart = (s: string) => s.replace(/⟦[^⟧]*⟧/g, '').replace(/^[^⟦⟧]*⟧/, '').replace(/⟦[^⟧]*$/, '');
  return texts.filter((s) => /\p{L}/u.test(unmarkedPart(s)) && !allowed.has(s));
}

describe('the public website has no hard-coded text', () => {
  const pages: [string, ReactNode][] = [
    ['home', <HomePage key="h" pc={pc} topics={[topic]} centres={[centre]} />],
    ['topic', <TopicPage key="t" pc={pc} topic={{ ...topic, paragraphs: [mark('p')] }} />],
    ['procedure', <ItemPage key="i" pc={pc} item={item} />],
    ['checklist', <ChecklistPage key="c" pc={pc} item={item} />],
    ['search', <SearchPage key="s" pc={pc} query="passport" results={[text('sns', 'procedure')]} topics={[]} centres={[]} />],
    ['search without results', <SearchPage key="s0" pc={pc} query="zzz" results={[]} topics={[topic]} centres={[centre]} />],
    ['centre', <CentrePage key="ce" pc={pc} centre={centre} queues={{ localTime: '10:00', queues: [{ service: mark('Health access'), serviceLang: 'en', partner: mark('Health Office'), partnerLang: 'en', ticketPrefix: 'H', waiting: 3, expectedWaitMinutes: 12 }] }} />],
    ['languages', <LanguagesPage key="l" pc={pc} from="/" />],
    ['not found', <NotFoundPage key="n" pc={pc} />],
    ['accessibility statement', <AccessibilityPage key="a" pc={pc} statement={{ ...DEFAULT_STATEMENT, nonAccessible: { en: mark('Old PDFs') }, contactEmail: mark('a@b.example'), enforcementBody: mark('AMA'), enforcementUrl: 'https://x.example/', reviewedOn: '2026-12-05' }} />],
  ];
  it('the finder itself catches a hard-coded sentence', () => {
    expect(unmarked(renderPage(<Layout pc={pc} title={mark('x')}><p>Hard-coded words</p></Layout>))).toEqual(['Hard-coded words']);
  });

  for (const [name, element] of pages) {
    it(`${name}: every visible string comes from the translations or the content`, () => {
      const html = renderPage(element);
      // The language list shows every language in its own script, on purpose.
      const visible = name === 'languages' ? html.replace(/<ul class="language-list">[^]*?<\/ul>/, '') : html;
      expect(unmarked(visible)).toEqual([]);
    });
  }
});
