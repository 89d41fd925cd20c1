import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_LANGUAGES, languageInfo, textDirection } from '../../core/languages.ts';
import { formatShare } from '../../core/surveys/results.ts';
import { ApiError, localized, patch, post, api, type Centre, type List, type Partner } from '../api.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, Notice } from '../ui/form.tsx';
import { Table } from '../ui/Table.tsx';
import { useGet } from '../ui/useApi.ts';
import { COMMENT_ROLES, hasAny, MANAGE_ROLES, RESULT_ROLES, TRANSLATE_ROLES, type AdminQuestion, type AdminQuestions, type QuestionContent, type SurveyComments, type SurveyResults } from './model.ts';

const PAGE = '/app/surveys';
const FILTERS = ['centreId', 'partnerId', 'from', 'to', 'language'] as const;
const endonym = (code: string) => languageInfo(code)?.endonym ?? code;

/**
 * Satisfaction surveys for staff: results in the IOM evaluation's form with counts and 95%
 * intervals (centre managers their centre, analysts and administrators every centre, agency
 * officers their partner), clients' comments with personal data masked (managers), and the
 * questions (administrators add and retire them; translators translate them).
 */
export function SurveysPage() {
  const { t } = useTranslation('survey-admin');
  const { session } = useSession();
  const roles = session?.user.roles ?? [];
  return (
    <div className="surveys">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {hasAny(roles, RESULT_ROLES) && <ResultsSection />}
      {hasAny(roles, TRANSLATE_ROLES) && <QuestionsSection canManage={hasAny(roles, MANAGE_ROLES)} />}
    </div>
  );
}

function ResultsSection() {
  const { t, i18n } = useTranslation('survey-admin');
  const { session } = useSession();
  const { search } = useLocation();
  const user = session!.user;
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = search.get(f);
    if (v) query.set(f, v);
  }
  const qs = query.toString();
  const results = useGet<SurveyResults>(`/api/surveys/results${qs ? `?${qs}` : ''}`);
  const comments = useGet<SurveyComments>(hasAny(user.roles, COMMENT_ROLES) ? `/api/surveys/comments${qs ? `?${qs}` : ''}` : null);
  const centres = useGet<List<Centre>>('/api/centres');
  const partners = useGet<List<Partner>>('/api/partners');
  const allCentres = user.roles.includes('network_admin') || user.roles.includes('analyst');
  const ownPartnerOnly = !allCentres && !user.roles.includes('centre_manager');
  const centreName = (id: string | undefined) => centres.data?.items.find((c) => c.id === id)?.name ?? '';
  const partnerName = (id: string | null | undefined) => localized(partners.data?.items.find((p) => p.id === id)?.name, i18n.language);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(data.get(f) ?? '');
      if (v) next.set(f, v);
    }
    navigate(`${PAGE}${next.toString() ? `?${next}` : ''}`);
  };
  const data = results.data;
  const pct = (v: number | null | undefined) => formatShare(v ?? null, i18n.language);

  return (
    <>
      <form className="toolbar survey-filters" role="search" aria-label={t('filters.legend')} onSubmit={apply} key={qs}>
        <div className="field inline">
          <label htmlFor="survey-centre">{t('filters.centre')}</label>
          {allCentres ? (
            <select id="survey-centre" name="centreId" defaultValue={search.get('centreId') ?? ''}>
              <option value="">{t('filters.allCentres')}</option>
              {centres.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : (
            <output id="survey-centre">{centreName(user.centreId ?? undefined)}</output>
          )}
        </div>
        <div className="field inline">
          <label htmlFor="survey-partner">{t('filters.partner')}</label>
          {ownPartnerOnly ? (
            <output id="survey-partner">{partnerName(user.partnerId)}</output>
          ) : (
            <select id="survey-partner" name="partnerId" defaultValue={search.get('partnerId') ?? ''}>
              <option value="">{t('filters.allPartners')}</option>
              {partners.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {localized(p.name, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </div>
        <div className="field inline">
          <label htmlFor="survey-from">{t('filters.from')}</label>
          <input id="survey-from" name="from" type="date" defaultValue={search.get('from') ?? ''} />
        </div>
        <div className="field inline">
          <label htmlFor="survey-to">{t('filters.to')}</label>
          <input id="survey-to" name="to" type="date" defaultValue={search.get('to') ?? ''} />
        </div>
        <div className="field inline">
          <label htmlFor="survey-language">{t('filters.language')}</label>
          <select id="survey-language" name="language" defaultValue={search.get('language') ?? ''}>
            <option value="">{t('filters.allLanguages')}</option>
            {CLIENT_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {endonym(code)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </form>

      <h2>{t('results.title')}</h2>
      {results.error && <p role="alert">{results.error.message}</p>}
      {data && (
        <>
          <p className="result-count" aria-live="polite" data-testid="survey-responses">
            {t('results.responses', { count: data.responses })}
          </p>
          <Table caption={t('results.title')} columns={[t('results.question'), t('results.result'), t('results.answers'), t('results.interval')]} testId="survey-results">
            {data.questions.map((q) => (
              <tr key={q.id}>
                <th scope="row" lang={q.lang !== i18n.language ? q.lang : undefined}>
                  {q.title} {!q.active && <span className="muted">{t('results.retired')}</span>}
                </th>
                <td lang={q.lang !== i18n.language ? q.lang : undefined} data-testid={`survey-summary-${q.code}`}>
                  {q.answers > 0 ? q.summary : t('results.noAnswers')}
                </td>
                <td>{q.answers}</td>
                <td>{q.positive.ci95 ? `${pct(q.positive.ci95.low)} – ${pct(q.positive.ci95.high)}` : '—'}</td>
              </tr>
            ))}
          </Table>
          <Table caption={t('results.breakdown')} columns={[t('results.question'), t('results.answer'), t('results.count'), t('results.share')]} testId="survey-breakdown">
            {data.questions.flatMap((q) =>
              q.categories.map((c, i) => (
                <tr key={`${q.id}-${c.value}`}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={4} lang={q.lang !== i18n.language ? q.lang : undefined}>
                      {q.title}
                    </th>
                  ) : null}
                  <td lang={q.lang !== i18n.language ? q.lang : undefined}>{q.labels[i]}</td>
                  <td>{c.count}</td>
                  <td>{pct(c.share)}</td>
                </tr>
              )),
            )}
          </Table>
          <p>
            <a className="button secondary" href={`/api/surveys/results.csv${qs ? `?${qs}` : ''}`} download>
              {t('results.csv')}
            </a>
          </p>
        </>
      )}

      {hasAny(user.roles, COMMENT_ROLES) && (
        <section aria-labelledby="survey-comments">
          <h2 id="survey-comments">{t('comments.title')}</h2>
          <p>{t('comments.intro')}</p>
          {comments.error && <p role="alert">{comments.error.message}</p>}
          {comments.data && comments.data.items.length === 0 && <p>{t('comments.none')}</p>}
          {comments.data && comments.data.items.length > 0 && (
            <Table caption={t('comments.title')} columns={[t('comments.date'), t('comments.language'), t('comments.channel'), t('comments.text')]} testId="survey-comments">
              {comments.data.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.localDate}</td>
                  <td lang={c.language}>{endonym(c.language)}</td>
                  <td>{t(`comments.channels.${c.channel}`, { defaultValue: c.channel })}</td>
                  <td lang={c.language} dir={textDirection(c.language)}>
                    {c.text}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}
    </>
  );
}

const EMPTY: QuestionContent = { title: '', prompt: '', options: ['', '', '', ''], positive: '', negative: '' };

function ContentFields({ prefix, value, onChange, lang }: { prefix: string; value: QuestionContent; onChange: (c: QuestionContent) => void; lang?: string }) {
  const { t } = useTranslation('survey-admin');
  const field = (id: string, label: string, v: string, set: (s: string) => void, hint?: string) => (
    <div className="field" key={id}>
      <label htmlFor={`${prefix}-${id}`}>{label}</label>
      {hint && (
        <p className="hint" id={`${prefix}-${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={`${prefix}-${id}`} value={v} onChange={(e) => set(e.target.value)} required maxLength={300} lang={lang} dir={lang ? textDirection(lang) : undefined} aria-describedby={hint ? `${prefix}-${id}-hint` : undefined} />
    </div>
  );
  const option = (i: number) => (s: string) => {
    const options = [...value.options] as QuestionContent['options'];
    options[i] = s;
    onChange({ ...value, options });
  };
  return (
    <>
      {field('title', t('add.titleField'), value.title, (s) => onChange({ ...value, title: s }))}
      {field('prompt', t('add.prompt'), value.prompt, (s) => onChange({ ...value, prompt: s }))}
      {[0, 1, 2, 3].map((i) => field(`option${i + 1}`, t(`add.option${i + 1}`), value.options[i]!, option(i)))}
      {field('positive', t('add.positive'), value.positive, (s) => onChange({ ...value, positive: s }), t('add.positiveHint'))}
      {field('negative', t('add.negative'), value.negative, (s) => onChange({ ...value, negative: s }), t('add.negativeHint'))}
    </>
  );
}

function QuestionsSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('survey-admin');
  const list = useGet<AdminQuestions>('/api/surveys/questions');
  const [code, setCode] = useState('');
  const [content, setContent] = useState<QuestionContent>(EMPTY);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const message = await work();
      await list.reload();
      setDone(message);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await post<AdminQuestion>('/api/surveys/questions', { code, content });
      setCode('');
      setContent(EMPTY);
      const after = await api<AdminQuestions>('GET', '/api/surveys/questions');
      return t('add.done', { code: created.code, version: after.surveyVersion });
    });
  };
  const toggle = (q: AdminQuestion) => void run(async () => (await patch('/api/surveys/questions/' + q.id, { active: !q.active }), null));

  const data = list.data;
  return (
    <section aria-labelledby="survey-questions">
      <h2 id="survey-questions">{t('questions.title')}</h2>
      {list.error && <p role="alert">{list.error.message}</p>}
      {data && <p>{t('questions.intro', { version: data.surveyVersion })}</p>}
      <ErrorSummary error={error} labels={{ code: { id: 'survey-add-code', label: t('add.code') } }} />
      {done && <Notice>{done}</Notice>}
      {data && (
        <Table caption={t('questions.title')} columns={[t('questions.code'), t('questions.text'), t('questions.status'), t('questions.translations'), ...(canManage ? [''] : [])]} testId="survey-questions">
          {data.questions.map((q) => {
            const current = q.translations.filter((x) => x.status === 'current').length;
            return (
              <tr key={q.id}>
                <td>
                  <code>{q.code}</code>
                </td>
                <td lang={q.sourceLocale}>{q.source?.prompt}</td>
                <td>{q.active ? t('questions.active') : t('questions.retired')}</td>
                <td>{t('questions.translationSummary', { current, total: q.translations.length })}</td>
                {canManage && (
                  <td>
                    <button type="button" className="button secondary" disabled={busy} onClick={() => toggle(q)}>
                      {q.active ? t('questions.retire', { code: q.code }) : t('questions.restore', { code: q.code })}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </Table>
      )}
      {canManage && (
        <form className="form survey-add" onSubmit={add} aria-labelledby="survey-add-heading">
          <h3 id="survey-add-heading">{t('add.title')}</h3>
          <p>{t('add.intro')}</p>
          <div className="field">
            <label htmlFor="survey-add-code">{t('add.code')}</label>
            <p className="hint" id="survey-add-code-hint">
              {t('add.codeHint')}
            </p>
            <input id="survey-add-code" value={code} onChange={(e) => setCode(e.target.value)} required maxLength={60} aria-describedby="survey-add-code-hint" />
          </div>
          <ContentFields prefix="survey-add" value={content} onChange={setContent} lang="pt-PT" />
          <button type="submit" className="button" disabled={busy}>
            {t('add.submit')}
          </button>
        </form>
      )}
      {data && <TranslateForm questions={data.questions} onSaved={() => void list.reload()} />}
    </section>
  );
}

function TranslateForm({ questions, onSaved }: { questions: AdminQuestion[]; onSaved: () => void }) {
  const { t } = useTranslation('survey-admin');
  const [questionId, setQuestionId] = useState(questions[0]?.id ?? '');
  const [locale, setLocale] = useState<string>('en');
  const question = questions.find((q) => q.id === questionId);
  const translation = question?.translations.find((x) => x.locale === locale);
  const [content, setContent] = useState<QuestionContent | null>(null);
  const [machine, setMachine] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shown = content ?? translation?.content ?? question?.source ?? EMPTY;
  const choose = (q: string, l: string) => {
    setQuestionId(q);
    setLocale(l);
    setContent(null);
    setError(null);
    setDone(null);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT', `/api/surveys/questions/${questionId}/texts/${locale}`, { body: { content: shown, machineTranslated: machine } });
      setDone(t('translate.saved'));
      setContent(null);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err : new Error(String(err)));
    }
  };
  const review = async () => {
    setError(null);
    try {
      await post(`/api/surveys/questions/${questionId}/texts/${locale}/review`);
      setDone(t('translate.reviewed'));
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  if (!question) return null;
  return (
    <form className="form survey-translate" onSubmit={(e) => void save(e)} aria-labelledby="survey-translate-heading">
      <h3 id="survey-translate-heading">{t('translate.title')}</h3>
      <div className="field inline">
        <label htmlFor="survey-translate-question">{t('translate.question')}</label>
        <select id="survey-translate-question" value={questionId} onChange={(e) => choose(e.target.value, locale)}>
          {questions.map((q) => (
            <option key={q.id} value={q.id}>
              {q.code}
            </option>
          ))}
        </select>
      </div>
      <div className="field inline">
        <label htmlFor="survey-translate-language">{t('translate.language')}</label>
        <select id="survey-translate-language" value={locale} onChange={(e) => choose(questionId, e.target.value)}>
          {CLIENT_LANGUAGES.filter((l) => l !== question.sourceLocale).map((code) => (
            <option key={code} value={code} lang={code}>
              {endonym(code)}
            </option>
          ))}
        </select>
      </div>
      <p data-testid="survey-translation-state">{t('translate.state', { status: t(`questions.statuses.${translation?.status ?? 'missing'}`) })}</p>
      {question.source && (
        <p>
          {t('translate.source', { language: endonym(question.sourceLocale) })}: <span lang={question.sourceLocale}>{question.source.prompt}</span>
        </p>
      )}
      <ErrorSummary error={error} />
      {done && <Notice>{done}</Notice>}
      <ContentFields prefix="survey-translate" value={shown} onChange={setContent} lang={locale} />
      <div className="field checkbox">
        <input id="survey-translate-machine" type="checkbox" checked={machine} onChange={(e) => setMachine(e.target.checked)} />
        <label htmlFor="survey-translate-machine">{t('translate.machine')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('translate.save')}
        </button>
        {translation?.status === 'machine' && (
          <button type="button" className="button secondary" onClick={() => void review()}>
            {t('translate.review')}
          </button>
        )}
      </div>
    </form>
  );
}
