import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { paragraphs } from '../../core/knowledge/content.ts';
import { textDirection } from '../../core/languages.ts';
import { FieldError, describedBy, errorId, hintId } from '../ui/form.tsx';
import { DateTimeText } from '../casefile/common.tsx';
import { wordDiff } from './diff.ts';
import { Link } from '../router.tsx';
import { PAGE, type Content, type Status, type Text } from './model.ts';

/** A status is always said in words, with an icon beside it (never colour alone). */
const STATUS_ICON: Record<Status, string> = { current: '✓', outdated: '↻', machine: '⚙', missing: '∅' };

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('knowledge');
  return (
    <span className={`kb-status kb-status-${status}`} data-status={status}>
      <span className="kb-status-icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>{' '}
      {t(`status.${status}`)}
    </span>
  );
}

/** Moves focus to an element by id after the next render (a new list entry, a moved one). */
export function useFocusAfterRender(): (id: string) => void {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return;
    document.getElementById(pending)?.focus();
    setPending(null);
  }, [pending]);
  return setPending;
}

/** A text input or text area with its label, hint and error wired for screen readers; `lang` marks text in a client language. */
export function Field({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  rows = 3,
  required,
  maxLength,
  lang,
  className,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  maxLength?: number;
  lang?: string | undefined;
  className?: string;
}) {
  const common = {
    id,
    value,
    maxLength,
    lang,
    dir: lang ? textDirection(lang) : undefined,
    'aria-required': required ? true : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, !!hint),
  } as const;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {hint && (
        <p className="hint" id={hintId(id)}>
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={rows} {...common} onChange={(e) => onChange(e.target.value)} /> : <input type="text" autoComplete="off" {...common} onChange={(e) => onChange(e.target.value)} />}
      <FieldError id={id} message={error} />
    </div>
  );
}

/**
 * A list of lines (steps, documents) to add to, remove from and reorder. Focus follows the entry
 * that moved, lands in a new entry, and stays in the list after a removal.
 */
export function ListEditor({
  id,
  legend,
  itemLabel,
  addLabel,
  values,
  onChange,
  error,
  hint,
  maxLength,
  lang,
}: {
  id: string;
  legend: string;
  /** The label of entry n (1-based), e.g. "Step 2". */
  itemLabel(n: number): string;
  addLabel: string;
  values: string[];
  onChange(values: string[]): void;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  lang?: string | undefined;
}) {
  const { t } = useTranslation('knowledge');
  const focus = useFocusAfterRender();
  const entryId = (i: number) => `${id}-${i}`;
  const move = (from: number, to: number, button: 'up' | 'down') => {
    const next = [...values];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(next);
    // Keep focus on the same button of the moved entry, or its input when that button is now at the edge.
    const edge = (button === 'up' && to === 0) || (button === 'down' && to === values.length - 1);
    focus(edge ? entryId(to) : `${entryId(to)}-${button}`);
  };
  const remove = (i: number) => {
    onChange(values.filter((_, j) => j !== i));
    focus(values.length > 1 ? entryId(Math.min(i, values.length - 2)) : `${id}-add`);
  };
  return (
    <fieldset className="field kb-list" id={`${id}-group`} aria-describedby={describedBy(id, error, !!hint)}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={hintId(id)}>
          {hint}
        </p>
      )}
      <FieldError id={id} message={error} />
      {values.length === 0 && <p className="hint">{t('list.empty')}</p>}
      <ol className="kb-list-entries">
        {values.map((value, i) => (
          <li key={i} className="kb-list-entry">
            <div className="field">
              <label htmlFor={entryId(i)}>{itemLabel(i + 1)}</label>
              <textarea
                id={entryId(i)}
                rows={2}
                value={value}
                maxLength={maxLength}
                lang={lang}
                dir={lang ? textDirection(lang) : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId(id) : undefined}
                onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
              />
            </div>
            <div className="kb-list-buttons">
              <button type="button" id={`${entryId(i)}-up`} className="button small secondary" disabled={i === 0} aria-label={t('list.moveUp', { name: itemLabel(i + 1) })} onClick={() => move(i, i - 1, 'up')}>
                <span aria-hidden="true">↑</span> {t('list.up')}
              </button>
              <button
                type="button"
                id={`${entryId(i)}-down`}
                className="button small secondary"
                disabled={i === values.length - 1}
                aria-label={t('list.moveDown', { name: itemLabel(i + 1) })}
                onClick={() => move(i, i + 1, 'down')}
              >
                <span aria-hidden="true">↓</span> {t('list.down')}
              </button>
              <button type="button" className="button small secondary" aria-label={t('list.removeNamed', { name: itemLabel(i + 1) })} onClick={() => remove(i)}>
                {t('list.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        id={`${id}-add`}
        className="button small secondary"
        onClick={() => {
          onChange([...values, '']);
          focus(entryId(values.length));
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}

export interface LinkRow {
  url: string;
  label: string;
}

/** The item's links: an address (the same in every language) and its label in the source language. */
export function LinksEditor({ id, rows, onChange, error, lang }: { id: string; rows: LinkRow[]; onChange(rows: LinkRow[]): void; error?: string | undefined; lang?: string | undefined }) {
  const { t } = useTranslation('knowledge');
  const focus = useFocusAfterRender();
  const rowId = (i: number) => `${id}-${i}`;
  const name = (i: number) => t('fields.linkN', { n: i + 1 });
  const set = (i: number, patch: Partial<LinkRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (from: number, to: number, button: 'up' | 'down') => {
    const next = [...rows];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(next);
    const edge = (button === 'up' && to === 0) || (button === 'down' && to === rows.length - 1);
    focus(edge ? `${rowId(to)}-url` : `${rowId(to)}-${button}`);
  };
  return (
    <fieldset className="field kb-list" id={`${id}-group`} aria-describedby={describedBy(id, error, true)}>
      <legend>{t('fields.links')}</legend>
      <p className="hint" id={hintId(id)}>
        {t('hints.links')}
      </p>
      <FieldError id={id} message={error} />
      {rows.length === 0 && <p className="hint">{t('list.empty')}</p>}
      <ol className="kb-list-entries">
        {rows.map((row, i) => (
          <li key={i} className="kb-list-entry">
            <div className="kb-link-fields">
              <div className="field">
                <label htmlFor={`${rowId(i)}-url`}>{t('fields.linkAddress', { n: i + 1 })}</label>
                <input
                  id={`${rowId(i)}-url`}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  dir="ltr"
                  maxLength={500}
                  value={row.url}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId(id) : undefined}
                  onChange={(e) => set(i, { url: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${rowId(i)}-label`}>{t('fields.linkLabel', { n: i + 1 })}</label>
                <input
                  id={`${rowId(i)}-label`}
                  type="text"
                  autoComplete="off"
                  maxLength={200}
                  lang={lang}
                  dir={lang ? textDirection(lang) : undefined}
                  value={row.label}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId(id) : undefined}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
              </div>
            </div>
            <div className="kb-list-buttons">
              <button type="button" id={`${rowId(i)}-up`} className="button small secondary" disabled={i === 0} aria-label={t('list.moveUp', { name: name(i) })} onClick={() => move(i, i - 1, 'up')}>
                <span aria-hidden="true">↑</span> {t('list.up')}
              </button>
              <button
                type="button"
                id={`${rowId(i)}-down`}
                className="button small secondary"
                disabled={i === rows.length - 1}
                aria-label={t('list.moveDown', { name: name(i) })}
                onClick={() => move(i, i + 1, 'down')}
              >
                <span aria-hidden="true">↓</span> {t('list.down')}
              </button>
              <button
                type="button"
                className="button small secondary"
                aria-label={t('list.removeNamed', { name: name(i) })}
                onClick={() => {
                  onChange(rows.filter((_, j) => j !== i));
                  focus(rows.length > 1 ? `${rowId(Math.min(i, rows.length - 2))}-url` : `${id}-add`);
                }}
              >
                {t('list.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        id={`${id}-add`}
        className="button small secondary"
        onClick={() => {
          onChange([...rows, { url: 'https://', label: '' }]);
          focus(`${rowId(rows.length)}-url`);
        }}
      >
        {t('list.addLink')}
      </button>
    </fieldset>
  );
}

/** Text in a client language: marked with its language and direction, shown as written (line breaks kept). */
export function InLanguage({ lang, children, as: Tag = 'div', className }: { lang: string; children: ReactNode; as?: 'div' | 'span' | 'p'; className?: string }) {
  return (
    <Tag lang={lang} dir={textDirection(lang)} className={className}>
      {children}
    </Tag>
  );
}

/** An item's text in one language, read-only. */
/** A read-only list of a text (steps, documents), nothing when it is empty. */
function ListView({ heading, entries, lang, ordered }: { heading: ReactNode; entries: string[] | undefined; lang: string; ordered?: boolean }) {
  if (!entries?.length) return null;
  const items = entries.map((s, i) => <li key={i}>{s}</li>);
  return (
    <>
      {heading}
      <InLanguage lang={lang}>{ordered ? <ol>{items}</ol> : <ul>{items}</ul>}</InLanguage>
    </>
  );
}

/** What an item page shows when the item could not be loaded: the reason and the way back. */
export function LoadFailed({ message }: { message: string }) {
  const { t } = useTranslation('knowledge');
  return (
    <>
      <h1>{t('title')}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link href={PAGE}>{t('item.back')}</Link>
      </p>
    </>
  );
}

export function ContentView({ content, lang, links, headingLevel = 3 }: { content: Content; lang: string; links: string[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('knowledge');
  const H = `h${headingLevel}` as 'h3' | 'h4';
  const labels = content.links ?? [];
  return (
    <div className="kb-content">
      <dl className="kb-content-fields">
        <dt>{t('fields.title')}</dt>
        <dd>
          <InLanguage lang={lang} as="span">
            {content.title}
          </InLanguage>
        </dd>
        {content.summary && (
          <>
            <dt>{t('fields.summary')}</dt>
            <dd>
              <InLanguage lang={lang} as="span">
                {content.summary}
              </InLanguage>
            </dd>
          </>
        )}
      </dl>
      {content.body && (
        <>
          <H>{t('fields.body')}</H>
          <InLanguage lang={lang}>
            {paragraphs(content.body).map((p, i) => (
              <p key={i} className="kb-pre">
                {p}
              </p>
            ))}
          </InLanguage>
        </>
      )}
      <ListView heading={<H>{t('fields.steps')}</H>} entries={content.steps} lang={lang} ordered />
      <ListView heading={<H>{t('fields.documents')}</H>} entries={content.documents} lang={lang} />
      {content.fees && (
        <>
          <H>{t('fields.fees')}</H>
          <InLanguage lang={lang} as="p">
            {content.fees}
          </InLanguage>
        </>
      )}
      {links.length > 0 && (
        <>
          <H>{t('fields.links')}</H>
          <ul>
            {links.map((url, i) => (
              <li key={i}>
                <InLanguage lang={lang} as="span">
                  {labels[i] ?? ''}
                </InLanguage>{' '}
                <bdi dir="ltr" className="kb-url">
                  {url}
                </bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * A source text as it is now, with what changed since an older version marked: removed words struck
 * through, added words underlined, each also said in words for screen readers.
 */
export function DiffText({ before, after, lang }: { before: string | undefined; after: string; lang: string }) {
  const { t, i18n } = useTranslation('knowledge');
  if (before === undefined || before === after) return <InLanguage lang={lang}>{after}</InLanguage>;
  const said = (key: string) => (
    <span className="visually-hidden" lang={i18n.language}>
      {t(key)}
    </span>
  );
  return (
    <InLanguage lang={lang}>
      {wordDiff(before, after).map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            {said('diff.removedStart')}
            {part.text}
            {said('diff.end')}
          </del>
        ) : (
          <ins key={i}>
            {said('diff.addedStart')}
            {part.text}
            {said('diff.end')}
          </ins>
        ),
      )}
    </InLanguage>
  );
}

/** Versions of a text, newest first: when, from which source version, machine-translated or reviewed; each text on demand. */
export function VersionList({ versions, links, isSource, testId }: { versions: Text[]; links: string[]; isSource: boolean; testId?: string }) {
  const { t } = useTranslation('knowledge');
  if (versions.length === 0) return <p className="hint">{t('history.empty')}</p>;
  return (
    <ol className="plain kb-versions" data-testid={testId}>
      {versions.map((v) => (
        <li key={v.version} className="kb-version">
          <p className="kb-version-head">
            <strong>{t('history.version', { n: v.version })}</strong> · <DateTimeText value={v.createdAt} />
            {!isSource && <> · {t('history.basedOn', { n: v.sourceVersion })}</>}
            {!isSource && v.machineTranslated && <> · {v.reviewedAt ? t('history.machineReviewed') : t('history.machineUnreviewed')}</>}
            {!isSource && v.machineTranslated && v.reviewedAt && (
              <>
                {' '}
                <DateTimeText value={v.reviewedAt} />
              </>
            )}
            {!v.createdBy && <> · {t('history.seeded')}</>}
          </p>
          <details>
            <summary>{t('history.show', { n: v.version })}</summary>
            <ContentView content={v.content} lang={v.locale} links={links} headingLevel={4} />
          </details>
        </li>
      ))}
    </ol>
  );
}

/** A status message in a live region, focused when it appears so keyboard and screen-reader users land on it after saving. */
export function useMessage(): { message: ReactNode; show(text: ReactNode): void; clear(): void; region: ReactNode } {
  const [message, setMessage] = useState<ReactNode>(null);
  const [stamp, setStamp] = useState(0);
  useEffect(() => {
    if (stamp) document.getElementById('kb-message')?.focus();
  }, [stamp]);
  const region = (
    <div aria-live="polite" data-testid="kb-message-region">
      {message && (
        <div className="notice" id="kb-message" tabIndex={-1} data-testid="kb-message">
          {message}
        </div>
      )}
    </div>
  );
  return {
    message,
    show: (text) => {
      setMessage(text);
      setStamp((s) => s + 1);
    },
    clear: () => setMessage(null),
    region,
  };
}
