import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post, type Centre, type List } from '../api.ts';
import { ErrorSummary, FieldError, Notice, RequiredMark, describedBy, errorId, hintId, type FieldLabels, FormActions } from '../ui/form.tsx';
import type { Lookups } from './lookups.ts';

export type Values = Record<string, unknown>;
export interface Option {
  value: string;
  label: string;
  lang?: string;
}
export type FieldKind = 'hidden' | 'text' | 'textarea' | 'number' | 'password' | 'select' | 'checkboxes' | 'localized' | 'boolean' | 'hours';

/** One form field: how it is shown, read from an item, and sent to the API. */
export interface FieldDef {
  name: string;
  /** i18n key of the label */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** i18n key of a hint under the label */
  hint?: string;
  /** Shown when creating, editing, or both (default). */
  on?: 'create' | 'edit' | 'both';
  options?: (lookups: Lookups, values: Values, centreId: string) => Option[];
  /** For selects: offer "none", sent as null. */
  nullable?: boolean;
  initial?: (lookups: Lookups, centreId: string) => unknown;
  fromItem?: (item: Record<string, unknown>) => unknown;
  toApi?: (value: unknown) => unknown;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  autoComplete?: string;
}

export interface Column<T> {
  /** i18n key of the header */
  header: string;
  cell: (item: T, lookups: Lookups) => ReactNode;
}

export interface Helpers {
  reload: () => Promise<void>;
  run: (action: () => Promise<unknown>, successMessage: string) => Promise<void>;
}

/** Everything the generic table and form need to manage one kind of thing. */
export interface ResourceDef<T extends { id: string }> {
  id: string;
  endpoint: string;
  /** How the list is filtered by centre: by query string, on the client, required, or not at all. */
  centreFilter: 'query' | 'client' | 'required' | 'none';
  clientCentreOf?: (item: T) => string | null;
  columns: Column<T>[];
  fields: FieldDef[];
  editable: boolean;
  /** The item's name in messages, e.g. for the edit button's accessible name. */
  describe: (item: T, lookups: Lookups) => string;
  rowActions?: (item: T, helpers: Helpers) => ReactNode;
  editExtras?: (item: T, helpers: Helpers) => ReactNode;
  /** What to show after creating (e.g. a pairing code); defaults to a saved notice. */
  created?: (response: unknown) => ReactNode;
}

function fieldOn(f: FieldDef, mode: 'create' | 'edit'): boolean {
  return !f.on || f.on === 'both' || f.on === mode;
}

function emptyValue(f: FieldDef): unknown {
  switch (f.kind) {
    case 'checkboxes':
      return [];
    case 'localized':
      return { 'pt-PT': '', en: '' };
    case 'boolean':
      return true;
    case 'hours':
      return Object.fromEntries(WEEKDAYS.map((d) => [d, { open: '', close: '' }]));
    default:
      return '';
  }
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function readValue(f: FieldDef, item: Record<string, unknown>): unknown {
  const raw = f.fromItem ? f.fromItem(item) : item[f.name];
  switch (f.kind) {
    case 'number':
      return raw === null || raw === undefined ? '' : String(raw);
    case 'select':
      return raw ?? '';
    case 'localized': {
      const r = (raw ?? {}) as Record<string, string>;
      return { ...r, 'pt-PT': r['pt-PT'] ?? '', en: r.en ?? '' };
    }
    case 'hours': {
      const r = (raw ?? {}) as Record<string, { open: string; close: string }[]>;
      return Object.fromEntries(WEEKDAYS.map((d) => [d, { open: r[d]?.[0]?.open ?? '', close: r[d]?.[0]?.close ?? '' }]));
    }
    default:
      return raw ?? emptyValue(f);
  }
}

function apiValue(f: FieldDef, value: unknown): unknown {
  if (f.toApi) return f.toApi(value);
  switch (f.kind) {
    case 'number':
      return value === '' ? undefined : Number(value);
    case 'select':
      return value === '' ? (f.nullable ? null : undefined) : value;
    case 'localized':
      return Object.fromEntries(Object.entries(value as Record<string, string>).filter(([, v]) => v.trim() !== ''));
    case 'hours':
      return Object.fromEntries(
        WEEKDAYS.map((d) => {
          const p = (value as Record<string, { open: string; close: string }>)[d]!;
          return [d, p.open || p.close ? [{ open: p.open, close: p.close }] : []];
        }),
      );
    case 'text':
    case 'password':
      return value === '' && !f.required ? undefined : value;
    default:
      return value;
  }
}

/** The body to send: all create fields, or on edit only what changed. */
export function buildBody(fields: FieldDef[], mode: 'create' | 'edit', values: Values, original?: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (!fieldOn(f, mode)) continue;
    const v = apiValue(f, values[f.name]);
    if (mode === 'edit' && original && JSON.stringify(v) === JSON.stringify(apiValue(f, original[f.name]))) continue;
    if (v !== undefined) body[f.name] = v;
  }
  return body;
}

interface FormProps {
  def: ResourceDef<{ id: string }>;
  mode: 'create' | 'edit';
  lookups: Lookups;
  centreId: string;
  item?: Record<string, unknown>;
  onDone: (response: unknown) => void;
  onCancel: () => void;
  helpers: Helpers;
}

function ResourceForm({ def, mode, lookups, centreId, item, onDone, onCancel, helpers }: FormProps) {
  const { t } = useTranslation();
  const fields = def.fields.filter((f) => fieldOn(f, mode));
  const original = useMemo(() => (item ? Object.fromEntries(def.fields.map((f) => [f.name, readValue(f, item)])) : undefined), [item, def.fields]);
  const [values, setValues] = useState<Values>(() =>
    original ? { ...original } : Object.fromEntries(def.fields.map((f) => [f.name, f.initial ? f.initial(lookups, centreId) : emptyValue(f)])),
  );
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = `${def.id}-${mode}`;
  const fid = (name: string) => `${formId}-${name}`;
  const set = (name: string, v: unknown) => setValues((prev) => ({ ...prev, [name]: v }));
  const fieldErrors = error instanceof ApiError ? error.fields : {};
  const labels: FieldLabels = Object.fromEntries(
    fields.map((f) => [f.name, { id: f.kind === 'localized' ? `${fid(f.name)}-pt-PT` : f.kind === 'checkboxes' || f.kind === 'hours' ? `${fid(f.name)}-group` : fid(f.name), label: t(f.label) }]),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = buildBody(def.fields, mode, values, original);
      const response =
        mode === 'create' ? await post(def.endpoint, body) : Object.keys(body).length ? await patch(`${def.endpoint}/${item!.id as string}`, body) : item;
      onDone(response);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  const renderField = (f: FieldDef) => {
    const id = fid(f.name);
    const err = fieldErrors[f.name];
    const describe = describedBy(id, err, !!f.hint);
    const value = values[f.name];
    const hint = f.hint ? (
      <p className="hint" id={hintId(id)}>
        {t(f.hint)}
      </p>
    ) : null;
    const label = (
      <label htmlFor={id}>
        {t(f.label)}
        {f.required && <RequiredMark />}
      </label>
    );
    switch (f.kind) {
      case 'hidden':
        return null;
      case 'text':
      case 'password':
      case 'number':
        return (
          <div className="field" key={f.name}>
            {label}
            {hint}
            <input
              id={id}
              name={f.name}
              type={f.kind === 'password' ? 'password' : 'text'}
              inputMode={f.kind === 'number' ? 'numeric' : f.inputMode}
              maxLength={f.maxLength}
              autoComplete={f.autoComplete ?? (f.kind === 'password' ? 'new-password' : 'off')}
              required={f.required}
              aria-required={f.required ? true : undefined}
              aria-invalid={err ? true : undefined}
              aria-describedby={describe}
              value={value as string}
              onChange={(e) => set(f.name, e.target.value)}
              className={f.kind === 'number' || f.maxLength && f.maxLength < 5 ? 'input-short' : undefined}
            />
            <FieldError id={id} message={err} />
          </div>
        );
      case 'textarea':
        return (
          <div className="field" key={f.name}>
            {label}
            {hint}
            <textarea
              id={id}
              name={f.name}
              rows={3}
              maxLength={f.maxLength}
              required={f.required}
              aria-required={f.required ? true : undefined}
              aria-invalid={err ? true : undefined}
              aria-describedby={describe}
              value={value as string}
              onChange={(e) => set(f.name, e.target.value)}
            />
            <FieldError id={id} message={err} />
          </div>
        );
      case 'select': {
        const options = f.options?.(lookups, values, centreId) ?? [];
        return (
          <div className="field" key={f.name}>
            {label}
            {hint}
            <select id={id} name={f.name} required={f.required} aria-required={f.required ? true : undefined} aria-invalid={err ? true : undefined} aria-describedby={describe} value={value as string} onChange={(e) => set(f.name, e.target.value)}>
              <option value="">{f.nullable ? t('form.none') : t('form.choose')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value} lang={o.lang}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id={id} message={err} />
          </div>
        );
      }
      case 'boolean':
        return (
          <div className="field field-check" key={f.name}>
            <input id={id} type="checkbox" checked={value as boolean} onChange={(e) => set(f.name, e.target.checked)} aria-invalid={err ? true : undefined} aria-describedby={describe} />
            <label htmlFor={id}>{t(f.label)}</label>
            {hint}
            <FieldError id={id} message={err} />
          </div>
        );
      case 'checkboxes': {
        const options = f.options?.(lookups, values, centreId) ?? [];
        const selected = value as string[];
        return (
          <fieldset className="field checkboxes" key={f.name} id={`${id}-group`} aria-describedby={describe}>
            <legend>
              {t(f.label)}
              {f.required && <RequiredMark />}
            </legend>
            {hint}
            {options.length === 0 && <p className="hint">{t('form.noOptions')}</p>}
            <div className="check-grid">
              {options.map((o) => (
                <div className="check" key={o.value}>
                  <input
                    id={`${id}-${o.value}`}
                    type="checkbox"
                    value={o.value}
                    checked={selected.includes(o.value)}
                    aria-invalid={err ? true : undefined}
                    onChange={(e) => set(f.name, e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
                  />
                  <label htmlFor={`${id}-${o.value}`} lang={o.lang}>
                    {o.label}
                  </label>
                </div>
              ))}
            </div>
            <FieldError id={id} message={err} />
          </fieldset>
        );
      }
      case 'localized': {
        const map = value as Record<string, string>;
        return (
          <fieldset className="field" key={f.name} id={`${id}-group`} aria-describedby={describe}>
            <legend>
              {t(f.label)}
              {f.required && <RequiredMark />}
            </legend>
            {hint}
            {(['pt-PT', 'en'] as const).map((lang) => (
              <div className="field" key={lang}>
                <label htmlFor={`${id}-${lang}`}>{t(`form.inLanguage.${lang}`)}</label>
                <input
                  id={`${id}-${lang}`}
                  lang={lang}
                  required={f.required && lang === 'pt-PT'}
                  aria-required={f.required && lang === 'pt-PT' ? true : undefined}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? errorId(id) : undefined}
                  value={map[lang] ?? ''}
                  onChange={(e) => set(f.name, { ...map, [lang]: e.target.value })}
                />
              </div>
            ))}
            <FieldError id={id} message={err} />
          </fieldset>
        );
      }
      case 'hours': {
        const hours = value as Record<string, { open: string; close: string }>;
        return (
          <fieldset className="field" key={f.name} id={`${id}-group`} aria-describedby={describe}>
            <legend>{t(f.label)}</legend>
            <p className="hint">{t('hours.hint')}</p>
            <div className="hours-grid">
              {WEEKDAYS.map((d) => (
                <div className="hours-row" key={d}>
                  <span className="hours-day" id={`${id}-${d}`}>
                    {t(`hours.days.${d}`)}
                  </span>
                  {(['open', 'close'] as const).map((which) => (
                    <span key={which} className="hours-cell">
                      <label htmlFor={`${id}-${d}-${which}`}>{t(`hours.${which}`)}</label>
                      <input
                        id={`${id}-${d}-${which}`}
                        type="time"
                        aria-describedby={`${id}-${d}`}
                        aria-invalid={err ? true : undefined}
                        value={hours[d]?.[which] ?? ''}
                        onChange={(e) => set(f.name, { ...hours, [d]: { ...hours[d]!, [which]: e.target.value } })}
                      />
                    </span>
                  ))}
                </div>
              ))}
            </div>
            <FieldError id={id} message={err} />
          </fieldset>
        );
      }
    }
  };

  const titleId = `${formId}-title`;
  return (
    <section className="panel form-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{mode === 'create' ? t(`admin.${def.id}.add`) : t('admin.editing', { name: def.describe(item as { id: string }, lookups) })}</h3>
      <ErrorSummary error={error} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form" id={formId}>
        <p className="hint">{t('form.requiredNote')}</p>
        {fields.map(renderField)}
        <FormActions submitLabel={mode === 'create' ? t('form.create') : t('form.save')} cancelLabel={t('form.cancel')} disabled={busy} onCancel={onCancel} />
      </form>
      {mode === 'edit' && item && def.editExtras?.(item as { id: string }, helpers)}
    </section>
  );
}

interface TableProps<T extends { id: string }> {
  def: ResourceDef<T>;
  lookups: Lookups;
  reloadLookups: () => Promise<void>;
  /** Fix the centre (centre manager's own); hides the centre selector. */
  fixedCentreId?: string;
}

/** A list with a centre filter, an add form, and an edit form per row — driven by a ResourceDef. */
export function ResourceTable<T extends { id: string }>({ def, lookups, reloadLookups, fixedCentreId }: TableProps<T>) {
  const { t } = useTranslation();
  const [centreId, setCentreId] = useState<string>(fixedCentreId ?? (def.centreFilter === 'required' ? (lookups.centres[0]?.id ?? '') : ''));
  const [items, setItems] = useState<T[] | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; item: T } | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [actionError, setActionError] = useState<Error | null>(null);

  const load = useCallback(async () => {
    if (def.centreFilter === 'required' && !centreId) {
      setItems([]);
      return;
    }
    const query = (def.centreFilter === 'query' && centreId) || def.centreFilter === 'required' ? `?centreId=${encodeURIComponent(centreId)}` : '';
    try {
      const list = await get<List<T>>(`${def.endpoint}${query}`);
      setItems(list.items);
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [def, centreId]);
  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);

  const reload = async () => {
    await Promise.all([load(), reloadLookups()]);
  };
  const helpers: Helpers = {
    reload,
    run: async (action, message) => {
      setActionError(null);
      setNotice(null);
      try {
        await action();
        setNotice(message);
        await reload();
      } catch (e) {
        setActionError(e instanceof Error ? e : new Error(String(e)));
      }
    },
  };

  const shown = items && def.centreFilter === 'client' && centreId && def.clientCentreOf ? items.filter((i) => def.clientCentreOf!(i) === centreId) : items;
  const centreSelectId = `${def.id}-centre-filter`;
  const centreOptions = (centres: Centre[]) =>
    centres.map((c) => (
      <option key={c.id} value={c.id}>
        {c.name}
      </option>
    ));

  return (
    <div className="resource">
      <div className="toolbar">
        {def.centreFilter !== 'none' && !fixedCentreId && (
          <div className="field inline">
            <label htmlFor={centreSelectId}>{t('admin.centreFilter')}</label>
            <select id={centreSelectId} value={centreId} onChange={(e) => setCentreId(e.target.value)}>
              {def.centreFilter !== 'required' && <option value="">{t('admin.allCentres')}</option>}
              {centreOptions(lookups.centres)}
            </select>
          </div>
        )}
        {!mode && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setMode({ kind: 'create' });
            }}
          >
            {t(`admin.${def.id}.add`)}
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary error={actionError} />
      {mode && (
        <ResourceForm
          key={mode.kind === 'edit' ? mode.item.id : 'create'}
          def={def as unknown as ResourceDef<{ id: string }>}
          mode={mode.kind}
          lookups={lookups}
          centreId={centreId}
          item={mode.kind === 'edit' ? (mode.item as unknown as Record<string, unknown>) : undefined}
          onCancel={() => setMode(null)}
          helpers={helpers}
          onDone={(response) => {
            setMode(null);
            setNotice(mode.kind === 'create' && def.created && response ? def.created(response) : t('form.saved'));
            void reload();
          }}
        />
      )}
      {loadError && <p role="alert">{loadError.message}</p>}
      <div className="table-wrap">
        <table>
          <caption>
            {t(`admin.tabs.${def.id}`)}
            {centreId && ` — ${lookups.centres.find((c) => c.id === centreId)?.name ?? ''}`}
          </caption>
          <thead>
            <tr>
              {def.columns.map((c) => (
                <th scope="col" key={c.header}>
                  {t(c.header)}
                </th>
              ))}
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown === null ? (
              <tr>
                <td colSpan={def.columns.length + 1}>{t('app.loading')}</td>
              </tr>
            ) : shown.length === 0 ? (
              <tr>
                <td colSpan={def.columns.length + 1}>{t('admin.empty')}</td>
              </tr>
            ) : (
              shown.map((item) => (
                <tr key={item.id}>
                  {def.columns.map((c) => (
                    <td key={c.header}>{c.cell(item, lookups)}</td>
                  ))}
                  <td className="row-actions">
                    {def.editable && (
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={t('admin.editNamed', { name: def.describe(item, lookups) })}
                        onClick={() => {
                          setNotice(null);
                          setMode({ kind: 'edit', item });
                        }}
                      >
                        {t('admin.edit')}
                      </button>
                    )}
                    {def.rowActions?.(item, helpers)}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
