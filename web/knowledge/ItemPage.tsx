import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, patch, api } from '../api.ts';
import { Link, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FormActions } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { ContentView, LoadFailed, InLanguage, StatusBadge, VersionList, useMessage, type LinkRow } from './fields.tsx';
import { SourceFields, StructureFields, contentLabels, structureLabels, useStructureOptions, type StructureOptions, type StructureValues } from './forms.tsx';
import { LANGUAGE_CODES, PAGE, canEdit, canTranslate, contentOf, draftOf, endonym, itemUrl, textUrl, translationPage, type Draft, type EditorItem, type Text } from './model.ts';
import './knowledge.css';

const errorOf = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
const fieldsOf = (e: ApiError | Error | null) => (e instanceof ApiError ? e.fields : {});

/** The heading above an item's pages: the surface, then the item's title in its source language. */
export function ItemHeading({ detail, children }: { detail: EditorItem; children?: ReactNode }) {
  const { t } = useTranslation('knowledge');
  const source = detail.texts.find((x) => x.locale === detail.item.sourceLocale);
  return (
    <>
      <p className="eyebrow kb-eyebrow">
        <Link href={PAGE}>{t('title')}</Link> · {t(`kinds.${detail.item.kind}`)}
      </p>
      <h1>
        {children}
        <InLanguage lang={detail.item.sourceLocale} as="span">
          {source?.content.title ?? detail.item.slug}
        </InLanguage>
      </h1>
    </>
  );
}

/** /app/knowledge/:id: the item's structure, its source text, its translations and the source's history. */
export function KnowledgeItemPage({ id }: { id: string }) {
  const { t } = useTranslation('knowledge');
  const { session } = useSession();
  const { search } = useLocation();
  const { data, error, reload } = useGet<EditorItem>(itemUrl(id));
  const options = useStructureOptions();
  const msg = useMessage();
  const [created] = useState(search.get('created') === '1');
  const roles = session?.user.roles ?? [];

  if (error && !data) return <LoadFailed message={error.message} />;
  if (!data) return <p className="loading">{t('loading')}</p>;
  const { item } = data;
  const source = data.texts.find((x) => x.locale === item.sourceLocale);
  const saved = (text: string) => {
    msg.show(text);
    void reload();
  };

  return (
    <div className="kb">
      <ItemHeading detail={data} />
      {created && !msg.message && <p className="notice">{t('item.created')}</p>}
      {item.published && !data.topicPublished && (
        <p className="kb-outdated" role="note" data-testid="kb-hidden-by-topic">
          {t('item.hiddenByTopic')}
        </p>
      )}
      {msg.region}
      <nav aria-label={t('item.jump')}>
        <ul className="kb-inline-links">
          <li>
            <a href="#kb-h-structure">{t('item.structure')}</a>
          </li>
          <li>
            <a href="#kb-h-source">{t('item.source')}</a>
          </li>
          <li>
            <a href="#kb-h-translations">{t('item.translations')}</a>
          </li>
          <li>
            <a href="#kb-h-history">{t('item.history')}</a>
          </li>
        </ul>
      </nav>

      <section className="panel" aria-labelledby="kb-h-structure" data-testid="kb-structure">
        <h2 id="kb-h-structure">{t('item.structure')}</h2>
        {canEdit(roles) ? <StructureForm key={item.updatedAt} detail={data} options={options} onSaved={saved} /> : <StructureView detail={data} options={options} />}
      </section>

      <section className="panel" aria-labelledby="kb-h-source" data-testid="kb-source">
        <h2 id="kb-h-source">
          {t('item.sourceIn')} <span lang={item.sourceLocale}>{endonym(item.sourceLocale)}</span>
        </h2>
        <p className="hint">{t('item.sourceVersion', { n: item.sourceVersion })}</p>
        {canEdit(roles) ? (
          <SourceForm key={item.sourceVersion} detail={data} onSaved={saved} />
        ) : (
          <>
            <p className="hint">{t('item.sourceReadOnly')}</p>
            {source && <ContentView content={source.content} lang={item.sourceLocale} links={item.links} />}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="kb-h-translations">
        <h2 id="kb-h-translations">{t('item.translations')}</h2>
        <TranslationsTable detail={data} mayTranslate={canTranslate(roles)} />
      </section>

      <section className="panel" aria-labelledby="kb-h-history">
        <h2 id="kb-h-history">{t('item.history')}</h2>
        <VersionList versions={data.sourceVersions} links={item.links} isSource testId="kb-source-history" />
      </section>
    </div>
  );
}

function structureValues(detail: EditorItem): StructureValues {
  return { topic: detail.topic ?? '', topicCode: detail.item.topicCode ?? '', services: [...detail.item.services], published: detail.item.published };
}

function StructureForm({ detail, options, onSaved }: { detail: EditorItem; options: StructureOptions; onSaved(text: string): void }) {
  const { t } = useTranslation('knowledge');
  const original = structureValues(detail);
  const [values, setValues] = useState<StructureValues>(original);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = 'kb-structure';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (detail.item.kind !== 'topic' && values.topic !== original.topic) body.topic = values.topic;
    if (detail.item.kind === 'topic' && values.topicCode !== original.topicCode && values.topicCode) body.topicCode = values.topicCode;
    if ([...values.services].sort().join() !== [...original.services].sort().join()) body.services = values.services;
    if (values.published !== original.published) body.published = values.published;
    if (Object.keys(body).length === 0) {
      setError(null);
      onSaved(t('item.nothingChanged'));
      return;
    }
    setBusy(true);
    try {
      await patch(itemUrl(detail.item.id), body);
      setError(null);
      onSaved(t('item.structureSaved'));
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="kb-h-structure">
      <ErrorSummary error={error} labels={structureLabels(prefix, t)} />
      <dl className="facts">
        <dt>{t('fields.kind')}</dt>
        <dd>{t(`kinds.${detail.item.kind}`)}</dd>
        <dt>{t('fields.slug')}</dt>
        <dd>
          <bdi dir="ltr" className="kb-url">
            {detail.item.slug}
          </bdi>
        </dd>
      </dl>
      <p className="hint">{t('hints.fixedAtCreation')}</p>
      <StructureFields prefix={prefix} kind={detail.item.kind} values={values} onChange={setValues} options={options} errors={fieldsOf(error)} />
      <p className="hint">{t('hints.linksInSource')}</p>
      <FormActions submitLabel={t('item.saveStructure')} cancelLabel={t('form.cancel')} disabled={busy} />
    </form>
  );
}

function StructureView({ detail, options }: { detail: EditorItem; options: StructureOptions }) {
  const { t } = useTranslation('knowledge');
  const { item } = detail;
  const topic = options.topicItems.find((x) => x.slug === detail.topic);
  const networkTopic = options.networkTopics.find((x) => x.code === item.topicCode);
  const serviceName = (code: string) => options.services.find((s) => s.code === code)?.name ?? code;
  return (
    <dl className="facts" data-testid="kb-structure-view">
      <dt>{t('fields.kind')}</dt>
      <dd>{t(`kinds.${item.kind}`)}</dd>
      <dt>{t('fields.slug')}</dt>
      <dd>
        <bdi dir="ltr" className="kb-url">
          {item.slug}
        </bdi>
      </dd>
      {item.kind === 'topic' ? (
        <>
          <dt>{t('fields.topicCode')}</dt>
          <dd>{networkTopic ? <bdi>{networkTopic.name}</bdi> : t('worklist.noTopic')}</dd>
        </>
      ) : (
        <>
          <dt>{t('fields.topic')}</dt>
          <dd>
            {topic ? (
              <InLanguage lang={topic.sourceLocale} as="span">
                {topic.title}
              </InLanguage>
            ) : (
              t('worklist.noTopic')
            )}
          </dd>
        </>
      )}
      <dt>{t('fields.services')}</dt>
      <dd>
        {item.services.length ? (
          <ul className="plain">
            {item.services.map((code) => (
              <li key={code}>
                <bdi>{serviceName(code)}</bdi>
              </li>
            ))}
          </ul>
        ) : (
          t('item.noServices')
        )}
      </dd>
      <dt>{t('fields.links')}</dt>
      <dd>
        {item.links.length ? (
          <ul className="plain">
            {item.links.map((url) => (
              <li key={url}>
                <bdi dir="ltr" className="kb-url">
                  {url}
                </bdi>
              </li>
            ))}
          </ul>
        ) : (
          t('item.noLinks')
        )}
      </dd>
      <dt>{t('fields.published')}</dt>
      <dd>{item.published ? t('item.publishedYes') : t('item.publishedNo')}</dd>
    </dl>
  );
}

function SourceForm({ detail, onSaved }: { detail: EditorItem; onSaved(text: string): void }) {
  const { t } = useTranslation('knowledge');
  const { item } = detail;
  const source = detail.texts.find((x) => x.locale === item.sourceLocale);
  const [draft, setDraft] = useState<Draft>(() => draftOf(source?.content));
  const [linkRows, setLinkRows] = useState<LinkRow[]>(() => item.links.map((url, i) => ({ url, label: source?.content.links?.[i] ?? '' })));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = 'kb-source';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Addresses and labels travel together; a missing label is the server's to explain beside the links.
    const content = contentOf({ ...draft, links: linkRows.map((r) => r.label) });
    setBusy(true);
    try {
      const text = await api<Text>('PUT', textUrl(item.id, item.sourceLocale), { body: { content, links: linkRows.map((r) => r.url.trim()) } });
      setError(null);
      onSaved(t('item.sourceSaved', { n: text.version }));
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="kb-h-source" data-testid="kb-source-form">
      <ErrorSummary error={error} labels={contentLabels(prefix, t)} />
      <p className="hint">{t('item.sourceExplain')}</p>
      <SourceFields prefix={prefix} kind={item.kind} lang={item.sourceLocale} draft={draft} setDraft={setDraft} linkRows={linkRows} setLinkRows={setLinkRows} errors={fieldsOf(error)} />
      <FormActions submitLabel={t('item.saveSource')} cancelLabel={t('form.cancel')} disabled={busy} />
    </form>
  );
}

function TranslationsTable({ detail, mayTranslate }: { detail: EditorItem; mayTranslate: boolean }) {
  const { t } = useTranslation('knowledge');
  const { item } = detail;
  const byLocale = new Map(detail.texts.map((x) => [x.locale, x]));
  return (
    <div className="table-wrap">
      <table data-testid="kb-translations">
        <caption>{t('item.translationsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.language')}</th>
            <th scope="col">{t('fields.status')}</th>
            <th scope="col">{t('fields.version')}</th>
            <th scope="col">{t('fields.basedOn')}</th>
            <th scope="col">{t('fields.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {LANGUAGE_CODES.map((code) => {
            const text = byLocale.get(code);
            const isSource = code === item.sourceLocale;
            return (
              <tr key={code} data-lang={code}>
                <th scope="row">
                  <span lang={code}>{endonym(code)}</span>
                </th>
                <td>
                  {isSource ? (
                    <span className="kb-status kb-status-source">
                      <span aria-hidden="true">★</span> {t('status.source')}
                    </span>
                  ) : (
                    <StatusBadge status={text?.status ?? 'missing'} />
                  )}
                </td>
                <td>{text ? t('history.version', { n: text.version }) : t('item.none')}</td>
                <td>{text && !isSource ? t('history.basedOn', { n: text.sourceVersion }) : t('item.none')}</td>
                <td>
                  {isSource ? (
                    <a href="#kb-h-source">{t('item.goToSource')}</a>
                  ) : (
                    <Link href={translationPage(item.id, code)} aria-label={t(mayTranslate ? 'item.translateNamed' : 'item.openNamed', { language: endonym(code) })}>
                      {mayTranslate ? t('item.translate') : t('item.open')}
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
