import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../core/surveys/results.ts';
import { cookieFrom, openTestApi, type TestApi } from '../../test-support/api.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';

describe.each(TEST_DATABASES)('satisfaction surveys on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(new Date('2026-11-23T10:00:00Z'));
  });
  afterEach(async () => api.close());

  /** A visit at Lisbon's AIMA desk (ticket A…), served and finished: the survey is now open. */
  async function finishedVisit(language: string) {
    const mediator = await api.signIn('mediador.lisboa');
    const aima = await api.signIn('aima.lisboa');
    const config = (await aima.request('GET', `/api/centres/${await api.centreId('lisboa')}`)).json();
    const a = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'A').id;
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(a));
    const issued = (await mediator.request('POST', '/api/visits', { serviceId: a, language })).json();
    await aima.request('POST', `/api/counters/${counter.id}/session`, {});
    const called = (await aima.request('POST', `/api/counters/${counter.id}/call-next`, { ticketId: issued.ticket.id })).json();
    expect((await aima.request('POST', `/api/tickets/${called.ticket.id}/finish`, { outcome: 'resolved' })).statusCode).toBe(200);
    const page = (await api.anonymous.request('GET', `${issued.ticketUrl}?lang=${language}`)).body;
    const token = /\/survey\/([0-9a-f]{64})/.exec(page)?.[1];
    return { issued, page, token: token!, number: issued.ticket.number as string };
  }

  const questionIds = async (token: string) => ((await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json().questions as { id: string; code: string }[]);

  it('offers the IOM survey on the phone page after the last desk, in the visit language, and takes one anonymous answer', async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const services = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items as { id: string; ticketPrefix: string }[];
    const waiting = (await mediator.request('POST', '/api/visits', { serviceId: services.find((s) => s.ticketPrefix === 'A')!.id, language: 'en' })).json();
    // While the visit goes on, no survey.
    expect((await api.anonymous.request('GET', waiting.ticketUrl)).body).not.toContain('/survey/');

    const { token, page, issued } = await finishedVisit('en');
    expect(page).toContain('How did we do?');
    expect(page).toContain(`href="/en/survey/${token}"`);
    const form = (await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json();
    expect(form).toMatchObject({ state: 'open', language: 'en', surveyVersion: 1 });
    expect(form.questions.map((q: { code: string }) => q.code)).toEqual(['opening-hours', 'space', 'kindness', 'mediators']);
    expect(form.questions[0].content.options).toEqual(['Very adequate', 'Adequate', 'Not very adequate', 'Not adequate at all']);
    expect(form.questions[3].content.options).toEqual(['Very close', 'Close', 'Distant', 'Very distant']);
    const arabic = (await api.anonymous.request('GET', `/api/surveys/form/${token}?lang=ar`)).json();
    expect(arabic.questions[0]).toMatchObject({ lang: 'ar', fallback: false, machineTranslated: true });

    const [hours, space] = form.questions;
    const sent = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: { [hours.id]: 1, [space.id]: 3 }, comment: 'Call me: +351 912 345 678' });
    expect(sent.statusCode).toBe(201);
    // Once only, said in the client's language.
    const again = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: { [hours.id]: 2 } }, { 'accept-language': 'pt-PT' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Este inquérito já foi respondido. Obrigado!');
    expect((await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json().state).toBe('answered');
    // The phone page says thank you instead.
    expect((await api.anonymous.request('GET', `${issued.ticketUrl}?lang=en`)).body).toContain('Thank you!');

    // Anonymous: the response holds no visit, ticket, token or time of day.
    const rows = await api.ctx.db.selectFrom('survey_response').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['centre_id', 'channel', 'comment', 'id', 'language', 'local_date', 'partner_id', 'survey_version']);
    expect(rows[0]).toMatchObject({ centre_id: lisboa, partner_id: await api.partnerId('aima'), language: 'en', local_date: '2026-11-23', channel: 'phone' });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses bad answers with a clear message in the client language, and closes 7 days after the visit', async () => {
    const { token, issued } = await finishedVisit('fr');
    const [hours] = await questionIds(token);
    const outOfScale = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: { [hours!.id]: 5 } }, { 'accept-language': 'fr' });
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().error.fields.answers).toBeTruthy();
    const unknown = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: { '00000000-0000-4000-8000-000000000000': 1 } }, { 'accept-language': 'fr' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.answers).toBe('Cette question ne fait pas partie de l’enquête.');
    const empty = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: {}, comment: '   ' }, { 'accept-language': 'fr' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Répondez à au moins une question ou écrivez un commentaire.');
    const tooLong = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: {}, comment: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
    const badToken = await api.anonymous.request('GET', '/api/surveys/form/0123456789abcdef0123', undefined, { 'accept-language': 'uk' });
    expect(badToken.statusCode).toBe(404);
    expect(badToken.json().error.message).toBe('Це посилання на опитування недійсне. Зверніться до стійки прийому.');

    // The next days, the ticket's QR code (its phone page has ended) still leads to the survey.
    api.setNow(new Date('2026-11-25T10:00:00Z'));
    const ended = await api.anonymous.request('GET', issued.ticketUrl);
    expect(ended.statusCode).toBe(410);
    expect(ended.body).toContain(`href="/fr/survey/${token}"`);
    api.setNow(new Date('2026-11-30T10:00:01Z'));
    const late = await api.anonymous.request('POST', `/api/surveys/form/${token}`, { answers: { [hours!.id]: 1 } }, { 'accept-language': 'fr' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('survey_closed');
    expect((await api.anonymous.request('GET', `/fr/survey/${token}`)).body).toContain('Cette enquête a fermé 7 jours après la visite.');
    // Then the invitation is forgotten: nothing ties the visit to the survey any more, and it is not made anew.
    const { forgetClosedInvitations } = await import('./service.ts');
    expect(await forgetClosedInvitations(api.ctx)).toBe(1);
    expect((await api.anonymous.request('GET', issued.ticketUrl)).body).not.toContain('/survey/');
    expect(await api.ctx.db.selectFrom('survey_invitation').selectAll().execute()).toEqual([]);
    expect((await api.anonymous.request('GET', `/fr/survey/${token}`)).statusCode).toBe(404);
  });

  it('answers through the server-rendered form without JavaScript, in Arabic right to left', async () => {
    const { token } = await finishedVisit('ar');
    const page = await api.anonymous.request('GET', `/ar/survey/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('/site/site.css');
    expect(page.body).toContain('هل ساعات عملنا مناسبة لك؟');
    expect(page.body).toContain('ترجم حاسوب هذه الأسئلة');
    expect(page.body).not.toMatch(/<script/);
    const [hours, space, kindness] = await questionIds(token);
    const form = (fields: Record<string, string>) =>
      api.app.inject({ method: 'POST', url: `/ar/survey/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' , host: 'localhost' }, payload: new URLSearchParams(fields).toString() });
    const wrong = await form({ [`q-${hours!.id}`]: '9' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('role="alert"');
    const nothing = await form({ comment: '' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('يُرجى الإجابة عن سؤال واحد على الأقل');
    const done = await form({ [`q-${hours!.id}`]: '1', [`q-${space!.id}`]: '2', [`q-${kindness!.id}`]: '1', comment: 'شكرا' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('شكرًا لك!');
    const answers = await api.ctx.db.selectFrom('survey_answer').select(['question_id', 'value']).execute();
    expect(answers).toHaveLength(3);
    expect((await form({ [`q-${hours!.id}`]: '1' })).statusCode).toBe(409);
    // A cross-site form post is refused.
    const cross = await api.app.inject({ method: 'POST', url: `/ar/survey/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', host: 'localhost' }, payload: 'comment=x' });
    expect(cross.statusCode).toBe(403);
  });

  it('lets a paired kiosk find the survey by the ticket number of a visit that ended today', async () => {
    const manager = await api.signIn('gestor.lisboa');
    const { pairingCode } = (await manager.request('POST', '/api/devices', { centreId: await api.centreId('lisboa'), kind: 'kiosk', name: 'Entrada' })).json();
    const kiosk = cookieFrom(await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }));
    const asKiosk = (method: 'GET' | 'POST', url: string, payload?: object, lang = 'en') => api.app.inject({ method, url, headers: { cookie: kiosk, 'accept-language': lang }, ...(payload ? { payload } : {}) });
    const { number, token, issued } = await finishedVisit('uk');
    const found = await asKiosk('POST', '/api/surveys/kiosk/lookup', { ticket: ` ${number.toLowerCase()} ` });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ token, language: 'uk', state: 'open' });
    const scanned = await asKiosk('POST', '/api/surveys/kiosk/lookup', { ticket: `http://localhost${issued.ticketUrl}` });
    expect(scanned.json().token).toBe(token);
    const missing = await asKiosk('POST', '/api/surveys/kiosk/lookup', { ticket: 'Z999' }, 'uk');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('Сьогодні не знайдено завершеного візиту');
    const [hours] = await questionIds(token);
    const answered = await asKiosk('POST', `/api/surveys/form/${token}`, { answers: { [hours!.id]: 2 } });
    expect(answered.statusCode).toBe(201);
    expect((await api.ctx.db.selectFrom('survey_response').select('channel').executeTakeFirstOrThrow()).channel).toBe('kiosk');
    // Nobody without a kiosk can look tickets up.
    expect((await api.anonymous.request('POST', '/api/surveys/kiosk/lookup', { ticket: number })).statusCode).toBe(401);
    expect((await manager.request('POST', '/api/surveys/kiosk/lookup', { ticket: number })).statusCode).toBe(403);
  });

  /** Responses straight into the store: `counts` per question code, answers 1…4. */
  async function seedResponses(centre: string, partner: string, localDate: string, counts: Record<string, [number, number, number, number]>, comment?: string) {
    const questions = await api.ctx.db.selectFrom('survey_question').select(['id', 'code']).execute();
    const total = Math.max(...Object.values(counts).map((c) => c.reduce((a, b) => a + b, 0)));
    const perQuestion = Object.fromEntries(Object.entries(counts).map(([code, c]) => [code, c.flatMap((n, i) => Array<number>(n).fill(i + 1))]));
    for (let i = 0; i < total; i++) {
      const id = `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
      await api.ctx.db.insertInto('survey_response').values({ id, survey_version: 1, centre_id: centre, partner_id: partner, language: 'en', local_date: localDate, channel: 'phone', comment: i === 0 ? (comment ?? null) : null }).execute();
      const answers = questions.filter((q) => perQuestion[q.code]?.[i] !== undefined).map((q) => ({ response_id: id, question_id: q.id, value: perQuestion[q.code]![i]! }));
      if (answers.length) await api.ctx.db.insertInto('survey_answer').values(answers).execute();
    }
  }

  it("gives results in the IOM evaluation's form, with counts, shares and a 95% interval, as each role may see them", async () => {
    const lisboa = await api.centreId('lisboa');
    const porto = await api.centreId('porto');
    const aima = await api.partnerId('aima');
    const ss = await api.partnerId('seguranca-social');
    await api.app.ready();
    // 500 answers at Lisbon's AIMA desk: 82.6% / 17.4% on opening hours, 96% / 4% on kindness.
    await seedResponses(lisboa, aima, '2026-11-20', { 'opening-hours': [150, 263, 60, 27], kindness: [300, 180, 15, 5] }, 'Ring 912345678 or write to a.b@example.org — passport P1234567. Very kind staff!');
    await seedResponses(porto, ss, '2026-11-21', { 'opening-hours': [1, 0, 3, 1] });

    const analyst = await api.signIn('analista');
    const all = await analyst.request('GET', '/api/surveys/results?centreId=' + lisboa, undefined, { 'accept-language': 'en' });
    expect(all.statusCode).toBe(200);
    const results = all.json();
    expect(results.responses).toBe(500);
    const hours = results.questions.find((q: { code: string }) => q.code === 'opening-hours');
    expect(hours.summary).toBe('Very adequate or adequate: 82.6%; not very adequate or not adequate at all: 17.4%');
    expect(hours.answers).toBe(500);
    expect(hours.categories.map((c: { count: number }) => c.count)).toEqual([150, 263, 60, 27]);
    expect(hours.categories[0].share).toBeCloseTo(0.3);
    expect(hours.positive.ci95.low).toBeCloseTo(wilsonInterval(413, 500)!.low, 10);
    expect(hours.positive.ci95.high).toBeCloseTo(wilsonInterval(413, 500)!.high, 10);
    const kindness = results.questions.find((q: { code: string }) => q.code === 'kindness');
    expect(kindness.summary).toBe('Very satisfied or satisfied: 96%; not very satisfied or not at all satisfied: 4%');
    const mediators = results.questions.find((q: { code: string }) => q.code === 'mediators');
    expect(mediators.answers).toBe(0);
    // In Portuguese, with Portuguese numbers.
    const pt = (await analyst.request('GET', '/api/surveys/results?centreId=' + lisboa, undefined, { 'accept-language': 'pt-PT' })).json();
    expect(pt.questions[0].summary).toBe('Muito adequado ou adequado: 82,6%; pouco adequado ou nada adequado: 17,4%');
    // The whole network; filters by period, partner and language.
    expect((await analyst.request('GET', '/api/surveys/results')).json().responses).toBe(505);
    expect((await analyst.request('GET', '/api/surveys/results?from=2026-11-21&to=2026-11-30')).json().responses).toBe(5);
    expect((await analyst.request('GET', `/api/surveys/results?partnerId=${ss}`)).json().responses).toBe(5);
    expect((await analyst.request('GET', '/api/surveys/results?language=ar')).json().responses).toBe(0);
    const badDate = await analyst.request('GET', '/api/surveys/results?from=yesterday', undefined, { 'accept-language': 'en' });
    expect(badDate.statusCode).toBe(400);

    // A manager sees their centre (by default) and not another.
    const manager = await api.signIn('gestor.lisboa');
    expect((await manager.request('GET', '/api/surveys/results')).json()).toMatchObject({ responses: 500, filter: { centreId: lisboa } });
    expect((await manager.request('GET', `/api/surveys/results?centreId=${porto}`)).statusCode).toBe(403);
    // An agency officer sees their partner at their centre only.
    const officer = await api.signIn('aima.lisboa');
    expect((await officer.request('GET', '/api/surveys/results')).json()).toMatchObject({ responses: 500, filter: { centreId: lisboa, partnerId: aima } });
    const ssOfficer = await api.signIn('ss.lisboa');
    expect((await ssOfficer.request('GET', '/api/surveys/results')).json().responses).toBe(0);
    expect((await ssOfficer.request('GET', `/api/surveys/results?centreId=${lisboa}&partnerId=${aima}`)).statusCode).toBe(403);
    // The network administrator sees everything; a mediator nothing.
    expect((await (await api.signIn('admin')).request('GET', '/api/surveys/results')).json().responses).toBe(505);
    expect((await (await api.signIn('mediador.lisboa')).request('GET', '/api/surveys/results')).statusCode).toBe(403);

    // Comments: managers only, personal data masked before display.
    const comments = (await manager.request('GET', '/api/surveys/comments', undefined, { 'accept-language': 'en' })).json();
    expect(comments.items).toHaveLength(1);
    expect(comments.items[0].text).toBe('Ring [number removed] or write to [email address removed] — passport [document number removed]. Very kind staff!');
    expect(comments.items[0].masked).toBe(3);
    expect((await analyst.request('GET', '/api/surveys/comments')).statusCode).toBe(403);
    expect((await (await api.signIn('gestor.porto')).request('GET', `/api/surveys/comments?centreId=${lisboa}`)).statusCode).toBe(403);

    // The CSV never lets a count under 5 out.
    const csv = await analyst.request('GET', `/api/surveys/results.csv?centreId=${porto}`, undefined, { 'accept-language': 'en' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Question,Answers,Positive answers,Positive share,"95% interval, low","95% interval, high",Negative answers,Negative share,Answer 1,Answer 2,Answer 3,Answer 4');
    const openingHours = lines.find((l) => l.startsWith('Opening hours'))!;
    expect(openingHours).toBe('Opening hours,5,,,,,,,,,,');
    for (const line of lines.slice(1, -1)) for (const cell of line.replace(/^("[^"]*"|[^,]*),/, '').split(',')) expect(['', '0'].includes(cell) || Number(cell) >= 5 || cell.includes('.'), `${line}`).toBe(true);
    const lisbonCsv = (await analyst.request('GET', `/api/surveys/results.csv?centreId=${lisboa}`, undefined, { 'accept-language': 'en' })).body;
    expect(lisbonCsv).toContain('Opening hours,500,413,82.6,');
    expect(lisbonCsv).toContain('Degree of satisfaction in relation to the kindness of the service,500,480,96,');
    expect(lisbonCsv).toMatch(/kindness of the service,500,480,96,[\d.]+,[\d.]+,20,4,300,180,15,5/);
  });

  it('lets the network administrator add and retire questions (new survey versions) and translators translate them', async () => {
    const admin = await api.signIn('admin');
    const content = { title: 'Tempo de espera', prompt: 'O tempo de espera foi aceitável?', options: ['Muito aceitável', 'Aceitável', 'Pouco aceitável', 'Nada aceitável'], positive: 'Muito aceitável ou aceitável', negative: 'pouco aceitável ou nada aceitável' };
    const created = await admin.request('POST', '/api/surveys/questions', { code: 'waiting-time', content });
    expect(created.statusCode).toBe(201);
    const q = created.json();
    expect(q.translations.find((t: { locale: string }) => t.locale === 'pt-PT').status).toBe('current');
    expect(q.translations.find((t: { locale: string }) => t.locale === 'ar').status).toBe('missing');
    const listed = (await admin.request('GET', '/api/surveys/questions')).json();
    expect(listed.surveyVersion).toBe(2);
    expect(listed.versions[0].questionIds).toContain(q.id);
    expect((await admin.request('POST', '/api/surveys/questions', { code: 'waiting-time', content }, { 'accept-language': 'en' })).statusCode).toBe(409);
    const badCode = await admin.request('POST', '/api/surveys/questions', { code: 'Waiting Time!', content }, { 'accept-language': 'en' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields.code).toMatch(/lower-case/);
    // Only the administrator changes the survey.
    expect((await (await api.signIn('gestor.lisboa')).request('POST', '/api/surveys/questions', { code: 'x', content })).statusCode).toBe(403);

    // A client reads the new question in a fallback language, marked, until it is translated.
    const { token } = await finishedVisit('en');
    const before = (await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json().questions.find((x: { code: string }) => x.code === 'waiting-time');
    expect(before).toMatchObject({ lang: 'pt-PT', fallback: true });
    const mediator = await api.signIn('mediador.lisboa');
    const english = { title: 'Waiting time', prompt: 'Was the waiting time acceptable?', options: ['Very acceptable', 'Acceptable', 'Not very acceptable', 'Not acceptable at all'], positive: 'Very acceptable or acceptable', negative: 'not very acceptable or not acceptable at all' };
    const translated = await mediator.request('PUT', `/api/surveys/questions/${q.id}/texts/en`, { content: english, machineTranslated: true });
    expect(translated.statusCode).toBe(200);
    expect(translated.json().translations.find((t: { locale: string }) => t.locale === 'en').status).toBe('machine');
    expect((await mediator.request('POST', `/api/surveys/questions/${q.id}/texts/en/review`)).json().translations.find((t: { locale: string }) => t.locale === 'en').status).toBe('current');
    expect((await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json().questions.find((x: { code: string }) => x.code === 'waiting-time')).toMatchObject({ lang: 'en', fallback: false, machineTranslated: false });
    // A new source text makes the translation outdated.
    const changed = await admin.request('PATCH', `/api/surveys/questions/${q.id}`, { content: { ...content, prompt: 'O tempo de espera foi razoável?' } });
    expect(changed.json().translations.find((t: { locale: string }) => t.locale === 'en').status).toBe('outdated');
    // Retiring it makes a new version without it; the old versions stay.
    const retired = await admin.request('PATCH', `/api/surveys/questions/${q.id}`, { active: false });
    expect(retired.json().active).toBe(false);
    const after = (await admin.request('GET', '/api/surveys/questions')).json();
    expect(after.surveyVersion).toBe(3);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect((await api.anonymous.request('GET', `/api/surveys/form/${token}`)).json().questions.map((x: { code: string }) => x.code)).toEqual(['opening-hours', 'space', 'kindness', 'mediators']);
    expect((await mediator.request('PUT', `/api/surveys/questions/${q.id}/texts/pt-PT`, { content }, { 'accept-language': 'en' })).statusCode).toBe(400);
  });

  it('exports surveyResults for the annual report, and suppressResults for anything that leaves the staff screens', async () => {
    const { surveyResults, suppressResults } = await import('./service.ts');
    await api.app.ready();
    await seedResponses(await api.centreId('faro'), await api.partnerId('aima'), '2026-03-02', { 'opening-hours': [40, 3, 6, 1], kindness: [2, 1, 1, 0] });
    const faro = await surveyResults(api.ctx, { centreId: await api.centreId('faro') }, 'en');
    const exported = suppressResults(faro);
    expect(exported.responses).toBe(50);
    const hours = exported.questions.find((q) => q.code === 'opening-hours')!;
    // 43 positive (40 + 3: both hidden), 7 negative (6 + 1: both hidden).
    expect(hours).toMatchObject({ answers: 50, positive: { count: 43 }, negative: { count: 7 }, summary: 'Very adequate or adequate: 86%; not very adequate or not adequate at all: 14%' });
    expect(hours.categories.map((c) => c.count)).toEqual([null, null, null, null]);
    const kindness = exported.questions.find((q) => q.code === 'kindness')!;
    expect(kindness).toMatchObject({ answers: null, summary: null, positive: { count: null, share: null, ci95: null } });
    const results = await surveyResults(api.ctx, { from: '2026-06-01', to: '2026-12-31' }, 'pt-PT');
    expect(results.responses).toBe(0);
    expect(results.questions.map((q) => q.title)).toEqual(['Horário de funcionamento', 'Organização, limpeza e decoração do espaço', 'Grau de satisfação com a simpatia do atendimento', 'Relação dos mediadores com a pessoa inquirida']);
  });
});
