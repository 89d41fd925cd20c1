import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { KnowledgeContent as Content } from '../../core/knowledge/content.ts';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, staffApi, visibleTexts, type StaffApi } from './helpers.ts';

const LANGS = ['pt-PT', 'en'] as const;
const withLang = (url: string, lang: string) => `${url}${url.includes('?') ? '&' : '?'}lng=${lang}`;

interface Row {
  id: string;
  kind: string;
  slug: string;
  sourceLocale: string;
  statuses: Record<string, string>;
}
interface Detail {
  item: { id: string; sourceLocale: string; sourceVersion: number; links: string[]; slug: string; topicId: string | null };
  texts: { locale: string; content: Content; status: string }[];
}

/** A Ukrainian text that lines up with the source (one entry per step, document and link). */
function ukrainian(source: Content): Content {
  return {
    title: 'Процедура українською',
    summary: 'Короткий опис процедури українською мовою.',
    body: 'Перший абзац українською.',
    ...(source.steps && { steps: source.steps.map((_, i) => `Крок ${i + 1}.`) }),
    ...(source.documents && { documents: source.documents.map((_, i) => `Документ ${i + 1}.`) }),
    ...(source.fees && { fees: 'Збір: уточніть на стійці.' }),
    ...(source.links && { links: source.links.map((_, i) => `Посилання ${i + 1}`) }),
  };
}

const ADDED_SENTENCE = 'Traga também um comprovativo de morada.';
const ADDED_DOCUMENT = 'Comprovativo de morada';

describe.runIf(browserAvailable())('information and translations: the knowledge base worklist, source text and translations', () => {
  let h: Harness;
  let editor: Page;
  let mediator: Page;
  let officer: Page;
  let mediatorApi: StaffApi;
  let procedure: Row;
  let itemUrl = '';
  const pages = () => [editor, mediator, officer].filter(Boolean);

  const statusCell = (page: Page, slug: string, lang: string) => page.locator(`[data-testid=kb-worklist] tr[data-slug="${slug}"] td[data-lang="${lang}"]`);

  beforeAll(async () => {
    h = await startHarness();
    mediatorApi = await staffApi(h, 'mediador.lisboa');
    const list = await mediatorApi.get<{ items: Row[] }>('/api/knowledge/admin/items');
    procedure = list.items.find((r) => r.kind === 'procedure')!;
    expect(procedure).toBeTruthy();
    // The Ukrainian translation, saved by a person through the API: current before the source changes.
    const detail = await mediatorApi.get<Detail>(`/api/knowledge/admin/items/${procedure.id}`);
    const source = detail.texts.find((t) => t.locale === detail.item.sourceLocale)!.content;
    await mediatorApi.send('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/uk`, { content: ukrainian(source) });
    itemUrl = `${h.baseUrl}/app/knowledge/${procedure.id}`;
    editor = await signedInPage(h, 'editor', 'en');
    mediator = await signedInPage(h, 'mediador.lisboa', 'en');
    officer = await signedInPage(h, 'aima.lisboa', 'en');
  });
  afterAll(async () => {
    await mediatorApi?.api.dispose();
    await h?.close();
  });

  it('the editor changes a procedure’s source text; its Ukrainian translation then shows as outdated in the worklist', async () => {
    await withScreenshots('knowledge-editor', pages, async () => {
      await editor.goto(`${h.baseUrl}/app/?lng=en`);
      await editor.getByRole('link', { name: 'Information and translations' }).first().click();
      await editor.locator('h1', { hasText: 'Information and translations' }).waitFor();
      await editor.locator('#kb-filter-lang').selectOption('uk');
      await editor.waitForURL((u) => u.searchParams.get('lang') === 'uk');
      expect(await statusCell(editor, procedure.slug, 'uk').innerText()).toContain('Up to date');
      // With one language chosen, the table shows that language's column only.
      expect(await editor.locator('[data-testid=kb-worklist] thead th').count()).toBe(5);

      await editor.locator(`[data-testid=kb-worklist] tr[data-slug="${procedure.slug}"] th a`).click();
      await editor.waitForURL(`**/app/knowledge/${procedure.id}`);
      const form = editor.getByTestId('kb-source-form');
      await form.waitFor();

      // An empty title is refused: the message is beside the field, and nothing is saved.
      const title = editor.locator('#kb-source-title');
      const originalTitle = await title.inputValue();
      await title.fill('');
      await form.getByRole('button', { name: 'Save the source text' }).click();
      await editor.locator('#kb-source-title-error').waitFor();
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      expect(await title.getAttribute('aria-describedby')).toContain('kb-source-title-error');
      await editor.getByRole('alert').first().waitFor();
      await title.fill(originalTitle);

      // A sentence more in the summary, and one more document: focus lands in the new entry.
      const summary = editor.locator('#kb-source-summary');
      await summary.fill(`${await summary.inputValue()} ${ADDED_SENTENCE}`);
      const documents = editor.locator('#kb-source-documents-group');
      const before = await documents.locator('textarea').count();
      await documents.getByRole('button', { name: 'Add a document' }).click();
      expect(await editor.evaluate(() => document.activeElement?.id)).toBe(`kb-source-documents-${before}`);
      await editor.keyboard.type(ADDED_DOCUMENT);
      // Move it up one place and back: focus follows the entry.
      await documents.getByRole('button', { name: `Move Document ${before + 1} up` }).click();
      expect(await editor.evaluate(() => document.activeElement?.id)).toBe(`kb-source-documents-${before - 1}-up`);
      expect(await editor.locator(`#kb-source-documents-${before - 1}`).inputValue()).toBe(ADDED_DOCUMENT);
      await documents.getByRole('button', { name: `Move Document ${before} down` }).click();
      expect(await editor.locator(`#kb-source-documents-${before}`).inputValue()).toBe(ADDED_DOCUMENT);

      await form.getByRole('button', { name: 'Save the source text' }).click();
      const message = editor.getByTestId('kb-message');
      await message.getByText('saved as version 2').waitFor();
      expect(await editor.evaluate(() => document.activeElement?.id)).toBe('kb-message');
      await editor.getByTestId('kb-source-history').getByText('Version 2', { exact: true }).waitFor();
      expect(await editor.getByTestId('kb-translations').locator('tr[data-lang="uk"]').innerText()).toContain('Outdated');

      await editor.goto(`${h.baseUrl}/app/knowledge?lng=en`);
      await editor.locator('#kb-filter-lang').selectOption('uk');
      await editor.locator('#kb-filter-status').selectOption('outdated');
      await editor.waitForURL((u) => u.searchParams.get('status') === 'outdated');
      const cell = statusCell(editor, procedure.slug, 'uk');
      await cell.waitFor();
      expect(await cell.innerText()).toContain('Outdated');
      expect(await editor.getByTestId('kb-count').innerText()).toMatch(/^1 item of \d+$/);
      await screenshot(editor, 'knowledge-worklist-outdated');
    });
  });

  it('the mediator opens the Ukrainian translation beside the changed source, updates it, and it is up to date again', async () => {
    await withScreenshots('knowledge-mediator', pages, async () => {
      await mediator.goto(`${h.baseUrl}/app/knowledge?lng=en&lang=uk&status=needs-work`);
      await statusCell(mediator, procedure.slug, 'uk').getByRole('link').click();
      await mediator.waitForURL(`**/app/knowledge/${procedure.id}/uk`);
      await mediator.getByTestId('kb-outdated').waitFor();
      expect(await mediator.getByTestId('kb-translation-status').innerText()).toContain('Outdated');
      // The source beside the translation, with what changed since version 1 marked.
      const form = mediator.getByTestId('kb-translation-form');
      await form.waitFor();
      expect(await form.locator('.kb-pair-source ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('comprovativo de morada')]));
      expect(await mediator.locator('#kb-tr-title').inputValue()).toBe('Процедура українською');
      expect(await mediator.locator('#kb-tr-title').getAttribute('lang')).toBe('uk');

      // The new document is not translated yet: the list must line up with the source.
      const documents = form.locator('#kb-tr-documents-group');
      const inputs = documents.locator('textarea');
      const last = inputs.nth((await inputs.count()) - 1);
      expect(await last.inputValue()).toBe('');
      await form.getByRole('button', { name: 'Save the translation' }).click();
      await mediator.locator('#kb-tr-documents-error').getByText('as many entries').waitFor();

      await last.fill('Підтвердження адреси');
      const summary = mediator.locator('#kb-tr-summary');
      await summary.fill(`${await summary.inputValue()} Візьміть також підтвердження адреси.`);
      await form.getByRole('button', { name: 'Save the translation' }).click();
      // Whatever versions the preset content had, this one follows the source's version 2.
      await mediator.getByTestId('kb-message').getByText(/The translation was saved as version \d+\./).waitFor();
      expect(await mediator.evaluate(() => document.activeElement?.id)).toBe('kb-message');
      await mediator.getByTestId('kb-translation-status').getByText('Up to date').waitFor();
      expect(await mediator.getByTestId('kb-outdated').count()).toBe(0);
      await mediator.getByTestId('kb-translation-history').getByText('from source version 2').waitFor();

      await mediator.goto(`${h.baseUrl}/app/knowledge?lng=en&lang=uk`);
      expect(await statusCell(mediator, procedure.slug, 'uk').innerText()).toContain('Up to date');

      // A mediator translates but does not write the source text.
      await mediator.goto(withLang(itemUrl, 'en'));
      await mediator.getByTestId('kb-source').getByText('Only content editors change the source text.').waitFor();
      expect(await mediator.getByTestId('kb-source-form').count()).toBe(0);
      expect(await mediator.getByTestId('kb-structure').locator('input, select, textarea').count()).toBe(0);
    });
  });

  it('a machine translation is marked reviewed by the mediator', async () => {
    await withScreenshots('knowledge-review', pages, async () => {
      const detail = await mediatorApi.get<Detail>(`/api/knowledge/admin/items/${procedure.id}`);
      const source = detail.texts.find((t) => t.locale === detail.item.sourceLocale)!.content;
      await mediatorApi.send('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/ro`, {
        content: { ...ukrainian(source), title: 'Procedura în limba română', summary: 'Un rezumat tradus automat.' },
        machineTranslated: true,
      });
      await mediator.goto(withLang(`${itemUrl}/ro`, 'en'));
      await mediator.getByTestId('kb-translation-status').getByText('Machine-translated').waitFor();
      await mediator.getByRole('button', { name: 'Mark reviewed' }).click();
      await mediator.getByTestId('kb-message').getByText('marked as reviewed').waitFor();
      await mediator.getByTestId('kb-translation-status').getByText('Up to date').waitFor();
      expect(await mediator.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);
    });
  });

  it('the editor creates an item with the new-item form; a bad address name is explained beside the field', async () => {
    await withScreenshots('knowledge-new', pages, async () => {
      await editor.goto(`${h.baseUrl}/app/knowledge?lng=en`);
      await editor.getByRole('link', { name: 'New item' }).click();
      await editor.waitForURL('**/app/knowledge/new');
      const form = editor.getByTestId('kb-new-form');
      await form.getByLabel('Question and answer').check();
      await editor.locator('#kb-new-slug').fill('Not A Slug');
      const topic = editor.locator('#kb-new-topic');
      await topic.locator('option').nth(1).waitFor({ state: 'attached' });
      await topic.selectOption({ index: 1 });
      await editor.locator('#kb-new-title').fill('Posso pedir ajuda em inglês?');
      await editor.locator('#kb-new-body').fill('Sim. Peça um mediador no acolhimento.');
      await form.getByRole('button', { name: 'Create the item' }).click();
      await editor.locator('#kb-new-slug-error').waitFor();
      expect(await editor.locator('#kb-new-slug').getAttribute('aria-invalid')).toBe('true');
      await editor.locator('#kb-new-slug').fill('help-in-english');
      await form.getByRole('button', { name: 'Create the item' }).click();
      await editor.getByText('The item was created.').waitFor();
      expect(await editor.locator('h1').innerText()).toContain('Posso pedir ajuda em inglês?');
      expect(await editor.locator('#kb-structure-published').isChecked()).toBe(false);
    });
  });

  it('the editor unpublishes a topic: the procedure filed under it says readers no longer see it, and the public site hides it until the topic is back', async () => {
    await withScreenshots('knowledge-topic-hidden', pages, async () => {
      const detail = await mediatorApi.get<Detail>(`/api/knowledge/admin/items/${procedure.id}`);
      const publicPage = `${h.baseUrl}/en/procedures/${detail.item.slug}`;
      expect((await editor.request.get(publicPage)).status()).toBe(200);
      const setTopicPublished = async (published: boolean) => {
        await editor.goto(`${h.baseUrl}/app/knowledge/${detail.item.topicId}?lng=en`);
        await editor.locator('#kb-structure-published').setChecked(published);
        await editor.getByRole('button', { name: 'Save the structure' }).click();
        await editor.getByTestId('kb-structure').locator('#kb-structure-published').and(editor.locator(published ? ':checked' : ':not(:checked)')).waitFor();
      };
      await setTopicPublished(false);
      await editor.goto(`${itemUrl}?lng=en`);
      await editor.getByTestId('kb-hidden-by-topic').getByText('its topic is unpublished').waitFor();
      await screenshot(editor, 'knowledge-hidden-by-topic');
      expect((await editor.request.get(publicPage)).status()).toBe(404);
      await setTopicPublished(true);
      await editor.goto(`${itemUrl}?lng=en`);
      await editor.getByTestId('kb-structure').waitFor();
      expect(await editor.getByTestId('kb-hidden-by-topic').count()).toBe(0);
      expect((await editor.request.get(publicPage)).status()).toBe(200);
    });
  });

  it('an agency officer reads the worklist, the item and a translation, and changes nothing', async () => {
    await withScreenshots('knowledge-officer', pages, async () => {
      await officer.goto(`${h.baseUrl}/app/knowledge?lng=en`);
      await statusCell(officer, procedure.slug, 'uk').waitFor();
      expect(await officer.getByRole('link', { name: 'New item' }).count()).toBe(0);

      await officer.goto(withLang(itemUrl, 'en'));
      await officer.getByTestId('kb-structure-view').waitFor();
      expect(await officer.locator('main').locator('input, select, textarea').count()).toBe(0);
      expect(await officer.locator('main button[type=submit]').count()).toBe(0);
      await officer.getByTestId('kb-source').getByText(ADDED_DOCUMENT, { exact: true }).waitFor();
      await officer.getByRole('link', { name: 'Open the translation into Українська' }).click();
      await officer.waitForURL(`**/app/knowledge/${procedure.id}/uk`);
      await officer.getByTestId('kb-side-by-side').getByText('Підтвердження адреси', { exact: true }).waitFor();
      expect(await officer.locator('main').locator('input, select, textarea').count()).toBe(0);
      expect(await officer.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);

      await officer.goto(`${h.baseUrl}/app/knowledge/new?lng=en`);
      await officer.locator('h1', { hasText: 'Not available to you' }).waitFor();
    });
  });

  it('has no axe violations on the worklist, the item page and a translation, in Portuguese and English', async () => {
    await withScreenshots('knowledge-axe', pages, async () => {
      /** Every id once (labels, error messages and jump links point at them). */
      const expectUniqueIds = async (page: Page, label: string) => {
        const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
        expect(ids.filter((id, i) => ids.indexOf(id) !== i), `duplicate ids on ${label}`).toEqual([]);
      };
      for (const lang of LANGS) {
        await editor.goto(withLang(`${h.baseUrl}/app/knowledge`, lang));
        await statusCell(editor, procedure.slug, 'uk').waitFor();
        await expectNoAxeViolations(editor, `knowledge worklist (${lang})`);
        await editor.goto(withLang(`${h.baseUrl}/app/knowledge?lang=uk&status=needs-work`, lang));
        await editor.getByTestId('kb-count').waitFor();
        await expectNoAxeViolations(editor, `knowledge worklist filtered (${lang})`);
        await editor.goto(withLang(itemUrl, lang));
        await editor.getByTestId('kb-source-form').waitFor();
        await expectNoAxeViolations(editor, `knowledge item, editor (${lang})`);
        await expectUniqueIds(editor, 'the item page');
        await officer.goto(withLang(itemUrl, lang));
        await officer.getByTestId('kb-structure-view').waitFor();
        await expectNoAxeViolations(officer, `knowledge item, read-only (${lang})`);
        // A translation with the source's changes marked: the English one was made from version 1.
        await mediator.goto(withLang(`${itemUrl}/en`, lang));
        await mediator.getByTestId('kb-translation-form').waitFor();
        await expectNoAxeViolations(mediator, `knowledge translation (${lang})`);
        await expectUniqueIds(mediator, 'the translation page');
      }
      await screenshot(mediator, 'knowledge-translation');
    });
  });

  it('the pseudo-locale reaches every visible string on the worklist, the item page and a translation', async () => {
    await withScreenshots('knowledge-pseudo', pages, async () => {
      const check = async (page: Page, label: string) => {
        const texts = await visibleTexts(page);
        expect(texts.length).toBeGreaterThan(10);
        const bare = texts.filter((t) => /\p{L}/u.test(t) && !t.includes('[!!') && !t.includes('!!]'));
        expect(bare, `hard-coded text on ${label}`).toEqual([]);
      };
      await editor.goto(`${h.baseUrl}/app/knowledge?lng=en-XA`);
      await statusCell(editor, procedure.slug, 'uk').waitFor();
      await check(editor, 'the worklist');
      await editor.goto(withLang(itemUrl, 'en-XA'));
      await editor.getByTestId('kb-source-form').waitFor();
      await check(editor, 'the item page');
      await mediator.goto(withLang(`${itemUrl}/en`, 'en-XA'));
      await mediator.getByTestId('kb-translation-form').waitFor();
      await check(mediator, 'the translation page');
    });
  });
});
