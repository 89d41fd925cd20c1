import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

const topicBody = {
  kind: 'topic',
  slug: 'family',
  topicCode: 'family-reunification',
  published: true,
  content: { title: 'Reagrupamento familiar', summary: 'Trazer a família para Portugal.' },
};
const procedureBody = {
  kind: 'procedure',
  slug: 'bring-family',
  topic: 'family',
  services: ['residence-permits'],
  links: ['https://aima.gov.pt'],
  published: true,
  content: {
    title: 'Pedir o reagrupamento familiar',
    summary: 'Como pedir autorização de residência para a sua família.',
    body: 'Primeiro parágrafo.\n\nSegundo parágrafo.',
    steps: ['Marque o atendimento.', 'Entregue os documentos.'],
    documents: ['Passaporte de cada familiar', 'Certidão de casamento ou de nascimento'],
    fees: 'Taxa indicativa: confirme no balcão.',
    links: ['Sítio da AIMA'],
  },
};
const englishProcedure = {
  title: 'Applying for family reunification',
  summary: 'How to apply for residence for your family.',
  steps: ['Book an appointment.', 'Hand in the documents.'],
  documents: ["Each relative's passport", 'Marriage or birth certificate'],
  fees: 'Indicative fee: confirm at the desk.',
  links: ['AIMA website'],
};

describe.each(TEST_DATABASES)('the knowledge base on %s', (kind) => {
  let api: TestApi;
  let editor: Client;
  beforeEach(async () => {
    api = await openTestApi(kind);
    editor = await api.signIn('editor');
  });
  afterEach(async () => api.close());

  async function createBoth() {
    const topic = await editor.request('POST', '/api/knowledge/admin/items', topicBody);
    expect(topic.statusCode, topic.body).toBe(201);
    const procedure = await editor.request('POST', '/api/knowledge/admin/items', procedureBody);
    expect(procedure.statusCode, procedure.body).toBe(201);
    return { topic: topic.json(), procedure: procedure.json() };
  }

  it('publishes an item that readers get in their language or a marked fallback, with the desks to go to', async () => {
    const { procedure } = await createBoth();
    const pt = (await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=pt-PT')).json();
    expect(pt).toMatchObject({ lang: 'pt-PT', fallback: false, machineTranslated: false, paragraphs: ['Primeiro parágrafo.', 'Segundo parágrafo.'] });
    expect(pt.links).toEqual([{ url: 'https://aima.gov.pt', label: 'Sítio da AIMA' }]);
    expect(pt.where.map((w: { centreCode: string }) => w.centreCode).sort()).toEqual(['faro', 'lisboa', 'porto']);
    expect(pt.where[0].services[0]).toMatchObject({ code: 'residence-permits', ticketPrefix: 'A' });
    expect(pt.topic).toMatchObject({ slug: 'family', title: 'Reagrupamento familiar' });

    // No Arabic yet: the reader gets English or Portuguese, marked as a fallback, never a blank.
    const ar = (await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=ar')).json();
    expect(ar).toMatchObject({ lang: 'pt-PT', fallback: true });

    const saved = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/ar`, {
      content: { ...englishProcedure, title: 'طلب لمّ شمل الأسرة', summary: 'كيف تطلب الإقامة لعائلتك.' },
      machineTranslated: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const arNow = (await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=ar')).json();
    expect(arNow).toMatchObject({ lang: 'ar', fallback: false, machineTranslated: true, outdated: false });
    expect(arNow.content.title).toBe('طلب لمّ شمل الأسرة');

    const topics = (await api.anonymous.request('GET', '/api/knowledge/topics?locale=ar')).json().items;
    expect(topics).toHaveLength(1);
    expect(topics[0]).toMatchObject({ slug: 'family', topicCode: 'family-reunification', lang: 'pt-PT', fallback: true });
    expect(topics[0].procedures.map((p: { slug: string; lang: string }) => [p.slug, p.lang])).toEqual([['bring-family', 'ar']]);
  });

  it('tracks each translation: machine until reviewed, outdated when the source changes, every version kept', async () => {
    const { procedure } = await createBoth();
    const mediator = await api.signIn('mediador.lisboa');
    const put = (client: Client, locale: string, content: object, extra: object = {}) =>
      client.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/${locale}`, { content, ...extra });
    expect((await put(mediator, 'en', englishProcedure, { machineTranslated: true })).statusCode).toBe(200);
    const status = async (locale: string) => (await editor.request('GET', '/api/knowledge/admin/items')).json().items.find((i: { slug: string }) => i.slug === 'bring-family').statuses[locale];
    expect(await status('en')).toBe('machine');
    expect(await status('uk')).toBe('missing');
    expect(await status('pt-PT')).toBe('current');

    const review = await mediator.request('POST', `/api/knowledge/admin/items/${procedure.id}/texts/en/versions/1/review`);
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json().reviewedAt).not.toBeNull();
    expect(await status('en')).toBe('current');

    // A mediator translates but does not rewrite the source; the editor does.
    expect((await put(mediator, 'pt-PT', procedureBody.content)).statusCode).toBe(403);
    const newSource = await put(editor, 'pt-PT', { ...procedureBody.content, title: 'Pedir o reagrupamento familiar (atualizado)' });
    expect(newSource.json()).toMatchObject({ version: 2, sourceVersion: 2 });
    expect(await status('en')).toBe('outdated');
    const reader = (await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=en')).json();
    expect(reader).toMatchObject({ lang: 'en', outdated: true });

    const retranslated = await put(mediator, 'en', { ...englishProcedure, title: 'Applying for family reunification (updated)' });
    expect(retranslated.json()).toMatchObject({ version: 2, sourceVersion: 2, machineTranslated: false });
    expect(await status('en')).toBe('current');

    const history = (await editor.request('GET', `/api/knowledge/admin/items/${procedure.id}/texts/en/versions`)).json().items;
    expect(history.map((v: { version: number; sourceVersion: number }) => [v.version, v.sourceVersion])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    const detail = (await editor.request('GET', `/api/knowledge/admin/items/${procedure.id}`)).json();
    expect(detail.sourceVersions).toHaveLength(2);
    expect(detail.texts.find((t: { locale: string }) => t.locale === 'en').status).toBe('current');
  });

  it('refuses bad input with a message per field, and saves nothing', async () => {
    const { procedure } = await createBoth();
    const en = { 'accept-language': 'en' };
    const taken = await editor.request('POST', '/api/knowledge/admin/items', topicBody, en);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.slug).toMatch(/already uses/);
    const noTopic = await editor.request('POST', '/api/knowledge/admin/items', { ...procedureBody, slug: 'other', topic: 'nope' }, en);
    expect(noTopic.statusCode).toBe(400);
    expect(noTopic.json().error.fields.topic).toMatch(/topics does not exist/);
    const badService = await editor.request('POST', '/api/knowledge/admin/items', { ...procedureBody, slug: 'other', services: ['teleportation'] }, en);
    expect(badService.json().error.fields.services).toMatch(/existing service/);
    const labels = await editor.request('POST', '/api/knowledge/admin/items', { ...procedureBody, slug: 'other', links: ['https://a.pt', 'https://b.pt'] }, en);
    expect(labels.json().error.fields['content.links']).toMatch(/label/);
    const unknownField = await editor.request('POST', '/api/knowledge/admin/items', { ...procedureBody, slug: 'other', author: 'x' }, en);
    expect(unknownField.statusCode).toBe(400);
    const lostStep = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/fr`, { content: { ...englishProcedure, steps: ['Une seule étape.'] } }, en);
    expect(lostStep.statusCode).toBe(400);
    expect(lostStep.json().error.fields['content.steps']).toMatch(/as many entries/);
    const badLocale = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/xx`, { content: englishProcedure }, en);
    expect(badLocale.statusCode).toBe(400);
    const future = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/fr`, { content: englishProcedure, basedOnSourceVersion: 9 }, en);
    expect(future.statusCode).toBe(400);
    expect((await api.ctx.db.selectFrom('kb_item').select('id').execute()).length).toBe(2);
    expect((await api.ctx.db.selectFrom('kb_text').select('id').where('locale', '=', 'fr').execute()).length).toBe(0);
  });

  it('shows readers only published items, and lets only the right roles edit', async () => {
    const { procedure } = await createBoth();
    expect((await editor.request('PATCH', `/api/knowledge/admin/items/${procedure.id}`, { published: false })).statusCode).toBe(200);
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family')).statusCode).toBe(404);
    expect((await api.anonymous.request('GET', '/api/knowledge/topics')).json().items[0].procedures).toEqual([]);
    expect((await api.anonymous.request('GET', '/api/knowledge/admin/items')).statusCode).toBe(401);
    const officer = await api.signIn('aima.lisboa');
    expect((await officer.request('GET', '/api/knowledge/admin/items')).statusCode).toBe(200);
    expect((await officer.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/en`, { content: englishProcedure })).statusCode).toBe(403);
    expect((await officer.request('POST', '/api/knowledge/admin/items', { ...topicBody, slug: 'x' })).statusCode).toBe(403);
  });

  it('hides a published procedure from readers while its topic is unpublished, and shows it again after', async () => {
    const { topic, procedure } = await createBoth();
    const found = async () => (await api.anonymous.request('GET', '/api/knowledge/search?q=casamento&locale=pt-PT')).json().items.map((i: { slug: string }) => i.slug);
    expect(await found()).toContain('bring-family');
    expect((await editor.request('PATCH', `/api/knowledge/admin/items/${topic.id}`, { published: false })).statusCode).toBe(200);
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family')).statusCode).toBe(404);
    expect((await api.anonymous.request('GET', '/api/knowledge/topics')).json().items).toEqual([]);
    expect(await found()).toEqual([]);
    // Editors still see it, and are told why readers do not.
    expect((await editor.request('GET', '/api/knowledge/admin/items')).json().items.map((i: { slug: string }) => i.slug)).toContain('bring-family');
    expect((await editor.request('GET', `/api/knowledge/admin/items/${procedure.id}`)).json()).toMatchObject({ topic: 'family', topicPublished: false, item: { published: true } });
    expect((await editor.request('PATCH', `/api/knowledge/admin/items/${topic.id}`, { published: true })).statusCode).toBe(200);
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family')).statusCode).toBe(200);
  });

  it('lets the editor add or remove a link with its label in the source text (the number of links can change)', async () => {
    const { procedure } = await createBoth();
    const en = { 'accept-language': 'en' };
    // Addresses and labels pair up: changing only one side is refused, in either endpoint.
    const patchOnly = await editor.request('PATCH', `/api/knowledge/admin/items/${procedure.id}`, { links: ['https://aima.gov.pt', 'https://eportugal.gov.pt'] }, en);
    expect(patchOnly.json().error.fields['content.links']).toMatch(/label/);
    const labelsOnly = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT`, { content: { ...procedureBody.content, links: ['Sítio da AIMA', 'ePortugal'] } }, en);
    expect(labelsOnly.json().error.fields['content.links']).toMatch(/label/);

    const both = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT`, {
      content: { ...procedureBody.content, links: ['Sítio da AIMA', 'ePortugal'] },
      links: ['https://aima.gov.pt', 'https://eportugal.gov.pt'],
    });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ version: 2, sourceVersion: 2 });
    const detail = (await editor.request('GET', `/api/knowledge/admin/items/${procedure.id}`)).json();
    expect(detail.item).toMatchObject({ links: ['https://aima.gov.pt', 'https://eportugal.gov.pt'], sourceVersion: 2 });
    const reader = (await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=pt-PT')).json();
    expect(reader.links).toEqual([
      { url: 'https://aima.gov.pt', label: 'Sítio da AIMA' },
      { url: 'https://eportugal.gov.pt', label: 'ePortugal' },
    ]);

    // Removing one again; a translator cannot change the addresses.
    const mediator = await api.signIn('mediador.lisboa');
    const fromTranslator = await mediator.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/en`, { content: englishProcedure, links: ['https://aima.gov.pt'] }, en);
    expect(fromTranslator.statusCode).toBe(400);
    expect(Object.keys(fromTranslator.json().error.fields)).toEqual(['links']);
    const removed = await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT`, { content: procedureBody.content, links: ['https://aima.gov.pt'] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await editor.request('GET', `/api/knowledge/admin/items/${procedure.id}`)).json().item.links).toEqual(['https://aima.gov.pt']);
  });

  it('searches in the reader\'s language, ignoring case and accents, forgiving a typo', async () => {
    const { procedure } = await createBoth();
    await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/uk`, {
      content: { ...englishProcedure, title: "Возз'єднання сім'ї", summary: 'Як подати заяву на проживання для родини.' },
      machineTranslated: true,
    });
    const search = async (locale: string, q: string) =>
      (await api.anonymous.request('GET', `/api/knowledge/search?locale=${locale}&q=${encodeURIComponent(q)}`)).json().items.map((i: { slug: string }) => i.slug);
    expect(await search('pt-PT', 'CERTIDAO casamento')).toEqual(['bring-family']);
    expect(await search('pt-PT', 'reagrupamneto')).toContain('bring-family');
    expect(await search('uk', 'родини')).toEqual(['bring-family']);
    expect(await search('uk', 'пінгвін')).toEqual([]);
    expect(await search('pt-PT', '   ')).toEqual([]);
  });

  it('queues concurrent saves: every version number once, a taken slug a 409, never a 5xx', async () => {
    const { procedure } = await createBoth();
    const mediator = await api.signIn('mediador.lisboa');
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) => mediator.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/en`, { content: { ...englishProcedure, title: `Version ${i}` } })),
    );
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(saves.map((r) => r.json().version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const creates = await Promise.all(Array.from({ length: 4 }, () => editor.request('POST', '/api/knowledge/admin/items', { ...topicBody, slug: 'same-slug' })));
    expect(creates.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('withdraws an item from readers at once, whatever the clocks say', async () => {
    const { procedure } = await createBoth();
    api.setNow(new Date('2026-11-23T10:00:00.500Z'));
    await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT`, { content: { ...procedureBody.content, title: 'Primeiro' } });
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=pt-PT')).json().content.title).toBe('Primeiro');
    // Another node whose clock is behind saves next: readers must still see it.
    api.setNow(new Date('2026-11-23T10:00:00.400Z'));
    await editor.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT`, { content: { ...procedureBody.content, title: 'Segundo' } });
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family?locale=pt-PT')).json().content.title).toBe('Segundo');
    await editor.request('PATCH', `/api/knowledge/admin/items/${procedure.id}`, { published: false });
    expect((await api.anonymous.request('GET', '/api/knowledge/items/bring-family')).statusCode).toBe(404);
  });

  it('reviews only machine translations, and treats an unknown language code as no choice', async () => {
    const { procedure } = await createBoth();
    const mediator = await api.signIn('mediador.lisboa');
    expect((await mediator.request('POST', `/api/knowledge/admin/items/${procedure.id}/texts/pt-PT/versions/1/review`)).statusCode).toBe(409);
    await mediator.request('PUT', `/api/knowledge/admin/items/${procedure.id}/texts/en`, { content: englishProcedure });
    expect((await mediator.request('POST', `/api/knowledge/admin/items/${procedure.id}/texts/en/versions/1/review`)).statusCode).toBe(409);
    const odd = await api.anonymous.request('GET', '/api/knowledge/search?q=marriage&locale=aaa', undefined, { 'accept-language': 'en' });
    expect(odd.statusCode).toBe(200);
    expect(odd.json().items[0]).toMatchObject({ slug: 'bring-family', lang: 'en' });
    expect(odd.json().total).toBe(1);
  });
});
