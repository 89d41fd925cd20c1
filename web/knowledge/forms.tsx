import { useTranslation } from 'react-i18next';
import { localized, type List, type Service, type Topic } from '../api.ts';
import { FieldError, describedBy, hintId, type FieldLabels } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { Field, LinksEditor, ListEditor, type LinkRow } from './fields.tsx';
import { LIST_URL, showsField, type Draft, type EditorList, type Kind } from './model.ts';

/** Where a field error from the API (error.fields, e.g. "content.steps") is shown, and its label in the error summary. */
export function contentLabels(prefix: string, t: (key: string) => string): FieldLabels {
  return {
    'content.title': { id: `${prefix}-title`, label: t('fields.title') },
    'content.summary': { id: `${prefix}-summary`, label: t('fields.summary') },
    'content.body': { id: `${prefix}-body`, label: t('fields.body') },
    'content.steps': { id: `${prefix}-steps-group`, label: t('fields.steps') },
    'content.documents': { id: `${prefix}-documents-group`, label: t('fields.documents') },
    'content.fees': { id: `${prefix}-fees`, label: t('fields.fees') },
    'content.links': { id: `${prefix}-links-group`, label: t('fields.links') },
    links: { id: `${prefix}-links-group`, label: t('fields.links') },
  };
}

export function structureLabels(prefix: string, t: (key: string) => string): FieldLabels {
  return {
    kind: { id: `${prefix}-kind-group`, label: t('fields.kind') },
    slug: { id: `${prefix}-slug`, label: t('fields.slug') },
    topic: { id: `${prefix}-topic`, label: t('fields.topic') },
    topicCode: { id: `${prefix}-topicCode`, label: t('fields.topicCode') },
    services: { id: `${prefix}-services-group`, label: t('fields.services') },
    published: { id: `${prefix}-published`, label: t('fields.publishedCheck') },
  };
}

/**
 * The source text's fields: title, summary, body, steps, documents, fees, and the links (address
 * and label together, since each label belongs to one address).
 */
export function SourceFields({
  prefix,
  kind,
  lang,
  draft,
  setDraft,
  linkRows,
  setLinkRows,
  errors,
}: {
  prefix: string;
  kind: Kind;
  lang: string;
  draft: Draft;
  setDraft(update: (d: Draft) => Draft): void;
  linkRows: LinkRow[];
  setLinkRows(rows: LinkRow[]): void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('knowledge');
  const set = (field: 'title' | 'summary' | 'body' | 'fees') => (v: string) => setDraft((d) => ({ ...d, [field]: v }));
  return (
    <>
      <Field id={`${prefix}-title`} label={kind === 'faq' ? t('fields.question') : t('fields.title')} value={draft.title} onChange={set('title')} error={errors['content.title']} required maxLength={200} lang={lang} />
      <Field id={`${prefix}-summary`} label={t('fields.summary')} hint={t('hints.summary')} value={draft.summary} onChange={set('summary')} error={errors['content.summary']} multiline maxLength={1000} lang={lang} />
      <Field id={`${prefix}-body`} label={kind === 'faq' ? t('fields.answer') : t('fields.body')} hint={t('hints.body')} value={draft.body} onChange={set('body')} error={errors['content.body']} multiline rows={8} maxLength={20000} lang={lang} />
      {showsField(kind, 'steps', draft) && (
        <ListEditor
          id={`${prefix}-steps`}
          legend={t('fields.steps')}
          hint={t('hints.steps')}
          itemLabel={(n) => t('fields.stepN', { n })}
          addLabel={t('list.addStep')}
          values={draft.steps}
          onChange={(steps) => setDraft((d) => ({ ...d, steps }))}
          error={errors['content.steps']}
          maxLength={1000}
          lang={lang}
        />
      )}
      {showsField(kind, 'documents', draft) && (
        <ListEditor
          id={`${prefix}-documents`}
          legend={t('fields.documents')}
          hint={t('hints.documents')}
          itemLabel={(n) => t('fields.documentN', { n })}
          addLabel={t('list.addDocument')}
          values={draft.documents}
          onChange={(documents) => setDraft((d) => ({ ...d, documents }))}
          error={errors['content.documents']}
          maxLength={500}
          lang={lang}
        />
      )}
      {showsField(kind, 'fees', draft) && <Field id={`${prefix}-fees`} label={t('fields.fees')} hint={t('hints.fees')} value={draft.fees} onChange={set('fees')} error={errors['content.fees']} multiline rows={4} maxLength={1000} lang={lang} />}
      {(showsField(kind, 'links', draft) || linkRows.length > 0) && <LinksEditor id={`${prefix}-links`} rows={linkRows} onChange={setLinkRows} error={errors['content.links'] ?? errors.links} lang={lang} />}
    </>
  );
}

/** What the structure fields choose from: topic items, the network's topics and its services (by code). */
export function useStructureOptions() {
  const { i18n } = useTranslation();
  const list = useGet<EditorList>(LIST_URL);
  const topics = useGet<List<Topic>>('/api/topics');
  const services = useGet<List<Service>>('/api/services');
  const byCode = new Map<string, Service>();
  for (const s of services.data?.items ?? []) if (!byCode.has(s.code)) byCode.set(s.code, s);
  return {
    topicItems: (list.data?.items ?? []).filter((r) => r.kind === 'topic'),
    networkTopics: (topics.data?.items ?? []).map((tp) => ({ code: tp.code, name: localized(tp.name, i18n.language) })),
    services: [...byCode.values()].map((s) => ({ code: s.code, name: localized(s.name, i18n.language) })).sort((a, b) => a.name.localeCompare(b.name)),
    loaded: !!list.data && !!topics.data && !!services.data,
  };
}

export type StructureOptions = ReturnType<typeof useStructureOptions>;

export interface StructureValues {
  topic: string;
  topicCode: string;
  services: string[];
  published: boolean;
}

/** Topic (or the network topic a topic item describes), desks and publication. */
export function StructureFields({
  prefix,
  kind,
  values,
  onChange,
  options,
  errors,
}: {
  prefix: string;
  kind: Kind;
  values: StructureValues;
  onChange(update: (v: StructureValues) => StructureValues): void;
  options: StructureOptions;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('knowledge');
  const servicesId = `${prefix}-services`;
  return (
    <>
      {kind === 'topic' ? (
        <div className="field">
          <label htmlFor={`${prefix}-topicCode`}>{t('fields.topicCode')}</label>
          <p className="hint" id={hintId(`${prefix}-topicCode`)}>
            {t('hints.topicCode')}
          </p>
          <select
            id={`${prefix}-topicCode`}
            value={values.topicCode}
            aria-invalid={errors.topicCode ? true : undefined}
            aria-describedby={describedBy(`${prefix}-topicCode`, errors.topicCode, true)}
            onChange={(e) => onChange((v) => ({ ...v, topicCode: e.target.value }))}
          >
            <option value="">{t('form.none')}</option>
            {options.networkTopics.map((tp) => (
              <option key={tp.code} value={tp.code}>
                {tp.name}
              </option>
            ))}
          </select>
          <FieldError id={`${prefix}-topicCode`} message={errors.topicCode} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${prefix}-topic`}>
            {t('fields.topic')}
            <span className="required" aria-hidden="true">
              {' *'}
            </span>
          </label>
          <select
            id={`${prefix}-topic`}
            value={values.topic}
            aria-required
            aria-invalid={errors.topic ? true : undefined}
            aria-describedby={describedBy(`${prefix}-topic`, errors.topic, false)}
            onChange={(e) => onChange((v) => ({ ...v, topic: e.target.value }))}
          >
            <option value="">{t('form.choose')}</option>
            {options.topicItems.map((tp) => (
              <option key={tp.slug} value={tp.slug} lang={tp.sourceLocale}>
                {tp.title}
              </option>
            ))}
          </select>
          <FieldError id={`${prefix}-topic`} message={errors.topic} />
        </div>
      )}
      <fieldset className="field" id={`${servicesId}-group`} aria-describedby={describedBy(servicesId, errors.services, true)}>
        <legend>{t('fields.services')}</legend>
        <p className="hint" id={hintId(servicesId)}>
          {t('hints.services')}
        </p>
        <FieldError id={servicesId} message={errors.services} />
        <div className="check-grid">
          {options.services.map((s) => (
            <div className="check" key={s.code}>
              <input
                id={`${servicesId}-${s.code}`}
                type="checkbox"
                checked={values.services.includes(s.code)}
                aria-invalid={errors.services ? true : undefined}
                onChange={(e) => onChange((v) => ({ ...v, services: e.target.checked ? [...v.services, s.code] : v.services.filter((c) => c !== s.code) }))}
              />
              <label htmlFor={`${servicesId}-${s.code}`}>
                <bdi>{s.name}</bdi>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field field-check">
        <input id={`${prefix}-published`} type="checkbox" checked={values.published} aria-describedby={hintId(`${prefix}-published`)} onChange={(e) => onChange((v) => ({ ...v, published: e.target.checked }))} />
        <label htmlFor={`${prefix}-published`}>{t('fields.publishedCheck')}</label>
      </div>
      <p className="hint kb-check-hint" id={hintId(`${prefix}-published`)}>
        {t('hints.published')}
      </p>
    </>
  );
}
