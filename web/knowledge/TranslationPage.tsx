import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, post } from '../api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FormActions } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { DateTimeText } from '../casefile/common.tsx';
import { ContentView, LoadFailed, DiffText, Field, InLanguage, StatusBadge, VersionList, useMessage } from './fields.tsx';
import { contentLabels } from './forms.tsx';
import { PAGE, canTranslate, contentOf, endonym, itemPage, itemUrl, showsField, textUrl, type Content, type Draft, type EditorItem, type Kind, type Text } from './model.ts';
import './knowledge.css';

const errorOf = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** The translation's fields, its lists sized to the current source's (entry n translates source entry n). */
function translationDraft(latest: Content | undefined, source: Content | undefined, linkCount: number): Draft {
  const sized = (list: string[] | undefined, n: number) => Array.from({ length: n }, (_, i) => list?.[i] ?? '');
  return {
    title: latest?.title ?? '',
    summary: latest?.summary ?? '',
    body: latest?.body ?? '',
    steps: sized(latest?.steps, source?.steps?.length ?? 0),
    documents: sized(latest?.documents, source?.documents?.length ?? 0),
    fees: latest?.fees ?? '',
    links: sized(latest?.links, linkCount),
  };
}

/** /app/knowledge/:id/:locale: one language's translation beside the source text, its state and its history. */
export function KnowledgeTranslationPage({ id, locale }: { id: string; locale: string }) {
  const { t } = useTranslation('knowledge');
  const { session } = useSession();
  const { data, error, reload } = useGet<EditorItem>(itemUrl(id));
  const versions = useGet<{ items: Text[] }>(`${textUrl(id, locale)}/versions`);
  const msg = useMessage();
  const [reviewError, setReviewError] = useState<ApiError | Error | null>(null);
  const mayTranslate = canTranslate(session?.user.roles ?? []);

  if (error && !data) return <LoadFailed message={error.message} />;
  if (!data) return <p className="loading">{t('loading')}</p>;
  const { item } = data;
  const source = data.texts.find((x) => x.locale === item.sourceLocale);
  const latest = data.texts.find((x) => x.locale === locale);
  const status = latest?.status ?? 'missing';
  const basedOn = latest ? data.sourceVersions.find((v) => v.version === latest.sourceVersion) : undefined;
  const outdated = status === 'outdated' && !!basedOn;
  const refresh = async () => {
    await Promise.all([reload(), versions.reload()]);
  };
  const review = async () => {
    if (!latest) return;
    try {
      await post(`${textUrl(id, locale)}/versions/${latest.version}/review`);
      setReviewError(null);
      msg.show(t('translation.reviewed', { n: latest.version }));
      await refresh();
    } catch (e) {
      setReviewError(errorOf(e));
    }
  };

  return (
    <div className="kb">
      <p className="eyebrow kb-eyebrow">
        <Link href={PAGE}>{t('title')}</Link> ·{' '}
        <Link href={itemPage(id)}>
          <InLanguage lang={item.sourceLocale} as="span">
            {source?.content.title ?? item.slug}
          </InLanguage>
        </Link>
      </p>
      <h1>
        {t('translation.into')} <span lang={locale}>{endonym(locale)}</span>
      </h1>
      {msg.region}
      <dl className="facts" data-testid="kb-translation-facts">
        <dt>{t('fields.status')}</dt>
        <dd data-testid="kb-translation-status">
          <StatusBadge status={status} />
        </dd>
        <dt>{t('fields.version')}</dt>
        <dd>{latest ? t('history.version', { n: latest.version }) : t('item.none')}</dd>
        <dt>{t('fields.basedOn')}</dt>
        <dd>{latest ? t('history.basedOn', { n: latest.sourceVersion }) : t('item.none')}</dd>
        <dt>{t('fields.currentSource')}</dt>
        <dd>{t('history.version', { n: item.sourceVersion })}</dd>
        {latest?.machineTranslated && (
          <>
            <dt>{t('fields.machine')}</dt>
            <dd>
              {latest.reviewedAt ? (
                <>
                  {t('history.machineReviewed')} <DateTimeText value={latest.reviewedAt} />
                </>
              ) : (
                t('history.machineUnreviewed')
              )}
            </dd>
          </>
        )}
      </dl>
      {locale === item.sourceLocale && <p className="notice">{t('translation.isSource')}</p>}
      {outdated && (
        <div className="kb-outdated" data-testid="kb-outdated">
          <p>
            <strong>{t('translation.outdatedTitle')}</strong> {t('translation.outdated', { from: basedOn.version, to: item.sourceVersion })}
          </p>
          <p>{t('translation.diffLegend')}</p>
        </div>
      )}
      {mayTranslate && latest?.machineTranslated && !latest.reviewedAt && (
        <section className="panel" aria-labelledby="kb-review-title">
          <h2 id="kb-review-title">{t('translation.reviewTitle')}</h2>
          <p className="hint">{t('translation.reviewHint', { n: latest.version })}</p>
          <ErrorSummary error={reviewError} />
          <button type="button" className="button secondary" onClick={() => void review()}>
            {t('translation.markReviewed')}
          </button>
        </section>
      )}

      {locale !== item.sourceLocale && source && (
        <section className="panel" aria-labelledby="kb-translate-title">
          <h2 id="kb-translate-title">{mayTranslate ? t('translation.editTitle') : t('translation.readTitle')}</h2>
          <p className="hint">{mayTranslate ? t('translation.editHint') : t('translation.readOnly')}</p>
          {mayTranslate ? (
            <TranslationForm
              key={`${latest?.version ?? 0}-${item.sourceVersion}`}
              detail={data}
              locale={locale}
              latest={latest}
              source={source}
              basedOn={outdated ? basedOn : undefined}
              onSaved={async (text) => {
                msg.show(t('translation.saved', { n: text.version }));
                await refresh();
              }}
            />
          ) : (
            <SideBySide kind={item.kind} locale={locale} sourceLocale={item.sourceLocale} source={source.content} basedOn={outdated ? basedOn?.content : undefined} links={item.links} translation={latest?.content} />
          )}
          {basedOn && outdated && (
            <details className="kb-based-on">
              <summary>{t('translation.showBasedOn', { n: basedOn.version })}</summary>
              <ContentView content={basedOn.content} lang={item.sourceLocale} links={item.links} headingLevel={4} />
            </details>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="kb-lang-history-title">
        <h2 id="kb-lang-history-title">{t('translation.history')}</h2>
        {versions.error && <p role="alert">{versions.error.message}</p>}
        {versions.data ? <VersionList versions={versions.data.items} links={item.links} isSource={locale === item.sourceLocale} testId="kb-translation-history" /> : <p className="loading">{t('loading')}</p>}
      </section>
    </div>
  );
}

/** One field of the source (with what changed marked) beside its translation: an input, or the text read-only. */
function Pair({ sourceLabel, source, children }: { sourceLabel: string; source: ReactNode; children: ReactNode }) {
  return (
    <div className="kb-pair">
      <div className="kb-pair-source">
        <p className="kb-pair-label">{sourceLabel}</p>
        <div className="kb-pre">{source}</div>
      </div>
      <div className="kb-pair-target">{children}</div>
    </div>
  );
}

type Single = 'title' | 'summary' | 'body' | 'fees';
type Multi = 'steps' | 'documents' | 'links';

function TranslationForm({
  detail,
  locale,
  latest,
  source,
  basedOn,
  onSaved,
}: {
  detail: EditorItem;
  locale: string;
  latest: Text | undefined;
  source: Text;
  basedOn: Text | undefined;
  onSaved(text: Text): Promise<void>;
}) {
  const { t } = useTranslation('knowledge');
  const { item } = detail;
  const [draft, setDraft] = useState<Draft>(() => translationDraft(latest?.content, source.content, item.links.length));
  const [machine, setMachine] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = 'kb-tr';
  const errors = error instanceof ApiError ? error.fields : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const text = await api<Text>('PUT', textUrl(item.id, locale), { body: { content: contentOf(draft), machineTranslated: machine, basedOnSourceVersion: item.sourceVersion } });
      setError(null);
      await onSaved(text);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  const single = (field: Single, label: string, options: { multiline?: boolean; rows?: number; required?: boolean; maxLength: number }) => (
    <Pair key={field} sourceLabel={t('translation.sourceField', { field: label })} source={<DiffText before={basedOn ? (basedOn.content[field] ?? '') : undefined} after={source.content[field] ?? ''} lang={item.sourceLocale} />}>
      <Field
        id={`${prefix}-${field}`}
        label={label}
        value={draft[field]}
        onChange={(v) => setDraft((d) => ({ ...d, [field]: v }))}
        error={errors[`content.${field}`]}
        lang={locale}
        multiline={options.multiline}
        rows={options.rows}
        required={options.required}
        maxLength={options.maxLength}
      />
    </Pair>
  );
  const list = (field: Multi, legend: string, entryLabel: (n: number) => string, sourceEntries: string[], beforeEntries: string[] | undefined) => (
    <fieldset key={field} className="field kb-pairs" id={`${prefix}-${field}-group`} aria-describedby={errors[`content.${field}`] ? `${prefix}-${field}-error` : undefined}>
      <legend>{legend}</legend>
      {errors[`content.${field}`] && (
        <p className="field-error" id={`${prefix}-${field}-error`}>
          {errors[`content.${field}`]}
        </p>
      )}
      {sourceEntries.map((entry, i) => (
        <Pair
          key={i}
          sourceLabel={t('translation.sourceField', { field: entryLabel(i + 1) })}
          source={
            <>
              <DiffText before={beforeEntries ? (beforeEntries[i] ?? '') : undefined} after={entry} lang={item.sourceLocale} />
              {field === 'links' && (
                <bdi dir="ltr" className="kb-url">
                  {item.links[i]}
                </bdi>
              )}
            </>
          }
        >
          <Field
            id={`${prefix}-${field}-${i}`}
            label={entryLabel(i + 1)}
            value={draft[field][i] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [field]: d[field].map((x, j) => (j === i ? v : x)) }))}
            error={undefined}
            lang={locale}
            multiline={field !== 'links'}
            rows={2}
            required
            maxLength={field === 'links' ? 200 : field === 'documents' ? 500 : 1000}
          />
        </Pair>
      ))}
      {beforeEntries && beforeEntries.length > sourceEntries.length && (
        <div className="kb-removed-entries">
          <p className="kb-pair-label">{t('translation.removedEntries')}</p>
          <ul lang={item.sourceLocale}>
            {beforeEntries.slice(sourceEntries.length).map((x, i) => (
              <li key={i}>
                <del>{x}</del>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
  const shown = (field: Single | Multi) => showsField(item.kind, field, source.content);
  return (
    <form className="form kb-translation-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="kb-translate-title" data-testid="kb-translation-form">
      <ErrorSummary error={error} labels={Object.fromEntries(Object.entries(contentLabels(prefix, t)).map(([k, v]) => [k, k === 'content.links' ? { ...v, label: t('fields.linkLabels') } : v]))} />
      {single('title', item.kind === 'faq' ? t('fields.question') : t('fields.title'), { required: true, maxLength: 200 })}
      {single('summary', t('fields.summary'), { multiline: true, rows: 4, maxLength: 1000 })}
      {single('body', item.kind === 'faq' ? t('fields.answer') : t('fields.body'), { multiline: true, rows: 8, maxLength: 20000 })}
      {shown('steps') && (source.content.steps?.length ?? 0) > 0 && list('steps', t('fields.steps'), (n) => t('fields.stepN', { n }), source.content.steps ?? [], basedOn ? (basedOn.content.steps ?? []) : undefined)}
      {shown('documents') && (source.content.documents?.length ?? 0) > 0 && list('documents', t('fields.documents'), (n) => t('fields.documentN', { n }), source.content.documents ?? [], basedOn ? (basedOn.content.documents ?? []) : undefined)}
      {shown('fees') && single('fees', t('fields.fees'), { multiline: true, rows: 5, maxLength: 1000 })}
      {item.links.length > 0 && list('links', t('fields.linkLabels'), (n) => t('fields.linkLabel', { n }), source.content.links ?? [], basedOn ? (basedOn.content.links ?? []) : undefined)}
      <div className="field field-check">
        <input id={`${prefix}-machine`} type="checkbox" checked={machine} aria-describedby={`${prefix}-machine-hint`} onChange={(e) => setMachine(e.target.checked)} />
        <label htmlFor={`${prefix}-machine`}>{t('fields.machineCheck')}</label>
      </div>
      <p className="hint kb-check-hint" id={`${prefix}-machine-hint`}>
        {t('hints.machine')}
      </p>
      <FormActions submitLabel={t('translation.save')} cancelLabel={t('form.cancel')} disabled={busy} />
    </form>
  );
}

/** The source beside the translation, for readers who may not change it. */
function SideBySide({ kind, locale, sourceLocale, source, basedOn, links, translation }: { kind: Kind; locale: string; sourceLocale: string; source: Content; basedOn: Content | undefined; links: string[]; translation: Content | undefined }) {
  const { t } = useTranslation('knowledge');
  const none = <p className="hint">{t('translation.notTranslated')}</p>;
  const text = (value: string | undefined) => (value ? <InLanguage lang={locale}>{value}</InLanguage> : none);
  const single = (field: Single, label: string) => (
    <Pair key={field} sourceLabel={t('translation.sourceField', { field: label })} source={<DiffText before={basedOn ? (basedOn[field] ?? '') : undefined} after={source[field] ?? ''} lang={sourceLocale} />}>
      <p className="kb-pair-label">{t('translation.translationField', { field: label })}</p>
      <div className="kb-pre">{text(translation?.[field])}</div>
    </Pair>
  );
  const list = (field: Multi, legend: string, entryLabel: (n: number) => string) => (
    <div key={field} className="kb-pairs">
      <h3>{legend}</h3>
      {(source[field] ?? []).map((entry, i) => (
        <Pair key={i} sourceLabel={t('translation.sourceField', { field: entryLabel(i + 1) })} source={<DiffText before={basedOn ? (basedOn[field]?.[i] ?? '') : undefined} after={entry} lang={sourceLocale} />}>
          <p className="kb-pair-label">{t('translation.translationField', { field: entryLabel(i + 1) })}</p>
          <div className="kb-pre">{text(translation?.[field]?.[i])}</div>
        </Pair>
      ))}
    </div>
  );
  return (
    <div className="kb-side-by-side" data-testid="kb-side-by-side">
      {single('title', kind === 'faq' ? t('fields.question') : t('fields.title'))}
      {single('summary', t('fields.summary'))}
      {single('body', kind === 'faq' ? t('fields.answer') : t('fields.body'))}
      {(source.steps?.length ?? 0) > 0 && list('steps', t('fields.steps'), (n) => t('fields.stepN', { n }))}
      {(source.documents?.length ?? 0) > 0 && list('documents', t('fields.documents'), (n) => t('fields.documentN', { n }))}
      {showsField(kind, 'fees', source) && single('fees', t('fields.fees'))}
      {links.length > 0 && list('links', t('fields.linkLabels'), (n) => t('fields.linkLabel', { n }))}
    </div>
  );
}
