import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorSummary, FieldError, FormActions, describedBy, hintId } from '../ui/form.tsx';
import { Field, type LinkRow } from './fields.tsx';
import { SourceFields, StructureFields, contentLabels, structureLabels, useStructureOptions, type StructureValues } from './forms.tsx';
import { KINDS, PAGE, contentOf, draftOf, endonym, itemPage, type Draft, type Item, type Kind } from './model.ts';
import './knowledge.css';

/** The language new items are written in (the server's default source language). */
const SOURCE_LOCALE = 'pt-PT';

/** /app/knowledge/new: a content editor creates an item with its source text (unpublished unless asked). */
export function KnowledgeNewItem() {
  const { t } = useTranslation('knowledge');
  const options = useStructureOptions();
  const [kind, setKind] = useState<Kind>('procedure');
  const [slug, setSlug] = useState('');
  const [structure, setStructure] = useState<StructureValues>({ topic: '', topicCode: '', services: [], published: false });
  const [draft, setDraft] = useState<Draft>(() => draftOf(undefined));
  const [linkRows, setLinkRows] = useState<LinkRow[]>([]);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = 'kb-new';
  const errors = error instanceof ApiError ? error.fields : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      kind,
      slug: slug.trim(),
      ...(kind === 'topic' ? (structure.topicCode ? { topicCode: structure.topicCode } : {}) : structure.topic ? { topic: structure.topic } : {}),
      services: structure.services,
      links: linkRows.map((r) => r.url.trim()),
      published: structure.published,
      content: contentOf({ ...draft, links: linkRows.map((r) => r.label) }),
    };
    setBusy(true);
    try {
      const item = await post<Item>('/api/knowledge/admin/items', body);
      navigate(`${itemPage(item.id)}?created=1`);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  };

  return (
    <div className="kb">
      <p className="eyebrow kb-eyebrow">
        <Link href={PAGE}>{t('title')}</Link>
      </p>
      <h1>{t('create.title')}</h1>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="kb-new-form">
        <ErrorSummary error={error} labels={{ ...structureLabels(prefix, t), ...contentLabels(prefix, t) }} />
        <p className="hint">{t('create.requiredNote')}</p>
        <section className="panel" aria-labelledby="kb-h-new-structure">
          <h2 id="kb-h-new-structure">{t('item.structure')}</h2>
          <fieldset className="field" id={`${prefix}-kind-group`} aria-describedby={describedBy(`${prefix}-kind`, errors.kind, false)}>
            <legend>{t('fields.kind')}</legend>
            <FieldError id={`${prefix}-kind`} message={errors.kind} />
            {KINDS.map((k) => (
              <div className="check" key={k}>
                <input id={`${prefix}-kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <label htmlFor={`${prefix}-kind-${k}`}>{t(`kinds.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field id={`${prefix}-slug`} label={t('fields.slug')} hint={t('hints.slug')} value={slug} onChange={setSlug} error={errors.slug} required maxLength={80} />
          <StructureFields prefix={prefix} kind={kind} values={structure} onChange={setStructure} options={options} errors={errors} />
        </section>
        <section className="panel" aria-labelledby="kb-h-new-source">
          <h2 id="kb-h-new-source">
            {t('item.sourceIn')} <span lang={SOURCE_LOCALE}>{endonym(SOURCE_LOCALE)}</span>
          </h2>
          <p className="hint" id={hintId(`${prefix}-source`)}>
            {t('create.sourceHint')}
          </p>
          <SourceFields prefix={prefix} kind={kind} lang={SOURCE_LOCALE} draft={draft} setDraft={setDraft} linkRows={linkRows} setLinkRows={setLinkRows} errors={errors} />
        </section>
        <FormActions submitLabel={t('create.submit')} cancelLabel={t('form.cancel')} disabled={busy} onCancel={() => navigate(PAGE)} />
      </form>
    </div>
  );
}
