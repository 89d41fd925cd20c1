import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageInfo, formattingLocale } from '../../core/languages.ts';
import { ApiError, get, localized, post, type List, type Partner } from '../api.ts';
import { ErrorSummary, FieldError, describedBy, FormActions } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { DOCUMENT_TYPES, withPurpose, type CreateResult, type Expiry, type PersonCore, type PersonDocument, type PersonSummary, type Purpose, type SearchHit } from './model.ts';

const NUMERIC_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const NUMERIC_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const formatLocale = formattingLocale;

/** A calendar date (YYYY-MM-DD or an instant), numeric so it reads in every interface language. */
export function DateText({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return <time dateTime={value}>{new Intl.DateTimeFormat(formatLocale(i18n.language), NUMERIC_DATE).format(date)}</time>;
}

export function DateTimeText({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  return <time dateTime={value}>{new Intl.DateTimeFormat(formatLocale(i18n.language), { ...NUMERIC_DATE, ...NUMERIC_TIME }).format(new Date(value))}</time>;
}

/** Partners by id, named in the interface language. */
export function usePartners() {
  const { i18n } = useTranslation();
  const { data } = useGet<List<Partner>>('/api/partners');
  const items = data?.items ?? [];
  const byId = new Map(items.map((p) => [p.id, p]));
  return { partners: items, name: (id: string | null | undefined) => (id ? localized(byId.get(id)?.name, i18n.language) : ''), loaded: !!data };
}

/** A partner's name: data from the configuration, isolated for bidirectional text. */
export function PartnerName({ name }: { name: string }) {
  return <bdi className="partner-name">{name || '…'}</bdi>;
}

export function ExpiryBadge({ expiry, days }: { expiry: Expiry; days: number | null }) {
  const { t } = useTranslation('casefile');
  const text =
    expiry === 'expired' ? t('expiry.expired', { count: Math.abs(days ?? 0) }) : expiry === 'expiring_soon' ? t('expiry.expiringSoon', { count: days ?? 0 }) : expiry === 'valid' ? t('expiry.valid') : t('expiry.none');
  return <span className={`badge expiry-${expiry}`}>{text}</span>;
}

/** Languages, each named in its own script. */
export function Languages({ codes }: { codes: string[] }) {
  const { t } = useTranslation('casefile');
  if (codes.length === 0) return <>{t('core.none')}</>;
  return (
    <ul className="inline-list">
      {codes.map((code) => {
        const info = languageInfo(code);
        return (
          <li key={code} lang={code} dir={info?.dir}>
            {info?.endonym ?? code}
          </li>
        );
      })}
    </ul>
  );
}

export function Countries({ codes }: { codes: string[] }) {
  const { t, i18n } = useTranslation('casefile');
  if (codes.length === 0) return <>{t('core.none')}</>;
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([formatLocale(i18n.language)], { type: 'region' });
  } catch {
    names = null;
  }
  return (
    <ul className="inline-list">
      {codes.map((code) => (
        <li key={code}>
          <bdi>{names?.of(code) ?? code}</bdi>
        </li>
      ))}
    </ul>
  );
}

export function MatchReasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation('casefile');
  return (
    <ul className="reasons">
      {reasons.map((r) => (
        <li key={r} className="badge reason">
          {t(`reasons.${r}`, { defaultValue: t('reasons.other') })}
        </li>
      ))}
    </ul>
  );
}

export function DocumentsTable({ documents, caption }: { documents: PersonDocument[]; caption: string }) {
  const { t } = useTranslation('casefile');
  if (documents.length === 0) return <p className="hint">{t('documents.empty')}</p>;
  return (
    // Focusable and named: on a narrow screen the table scrolls sideways, and keyboard users must reach it.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="documents-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.type')}</th>
            <th scope="col">{t('documents.number')}</th>
            <th scope="col">{t('documents.issuingCountry')}</th>
            <th scope="col">{t('documents.issuedOn')}</th>
            <th scope="col">{t('documents.expiresOn')}</th>
            <th scope="col">{t('documents.status')}</th>
            <th scope="col">{t('documents.verified')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>{t(`documentTypes.${d.type}`, { defaultValue: t('documentTypes.other') })}</td>
              <td>
                <bdi translate="no">{d.number}</bdi>
              </td>
              <td>{d.issuingCountry ? <Countries codes={[d.issuingCountry]} /> : t('core.none')}</td>
              <td>{d.issuedOn ? <DateText value={d.issuedOn} /> : t('core.none')}</td>
              <td>{d.expiresOn ? <DateText value={d.expiresOn} /> : t('core.none')}</td>
              <td>
                <ExpiryBadge expiry={d.expiry} days={d.daysToExpiry} />
              </td>
              <td>{d.verifiedBy ? t('documents.verifiedYes') : t('documents.verifiedNo')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Choose languages: each named in its own script. */
export function LanguagePicker({ idPrefix, value, onChange }: { idPrefix: string; value: string[]; onChange(v: string[]): void }) {
  const { t } = useTranslation('casefile');
  return (
    <fieldset className="language-picker">
      <legend>{t('core.languages')}</legend>
      <div className="check-grid">
        {LANGUAGES.map((l) => {
          const id = `${idPrefix}-lang-${l.code}`;
          return (
            <div className="check" key={l.code}>
              <input id={id} type="checkbox" checked={value.includes(l.code)} onChange={(e) => onChange(e.target.checked ? [...value, l.code] : value.filter((c) => c !== l.code))} />
              <label htmlFor={id} lang={l.code} dir={l.dir}>
                {l.endonym}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export const parseCountries = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  ),
];

/** A text field with its label, hint and error wired for screen readers. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  required,
  multiline,
  maxLength,
  className,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  className?: string;
}) {
  const common = {
    id,
    value,
    required,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, !!hint),
  } as const;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={3} {...common} onChange={(e) => onChange(e.target.value)} /> : <input type={type} autoComplete="off" {...common} onChange={(e) => onChange(e.target.value)} />}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** Search the casefiles by name (any script), document number or birth date. */
export function PersonSearch({ idPrefix, purpose, initialName = '', actions }: { idPrefix: string; purpose: Purpose; initialName?: string; actions(hit: SearchHit): ReactNode }) {
  const { t } = useTranslation('casefile');
  const [q, setQ] = useState(initialName);
  const [document, setDocument] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [results, setResults] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (document.trim()) params.set('document', document.trim());
    if (birthDate) params.set('birthDate', birthDate);
    setBusy(true);
    try {
      const r = await get<{ items: SearchHit[] }>(`/api/persons?${params}`, withPurpose(purpose));
      setResults(r.items);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setResults(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="person-search">
      <form className="form search-form" role="search" aria-label={t('search.label')} onSubmit={(e) => void submit(e)}>
        <ErrorSummary error={error} />
        <div className="search-fields">
          <TextField id={`${idPrefix}-q`} label={t('search.name')} hint={t('search.nameHint')} value={q} onChange={setQ} maxLength={200} />
          <TextField id={`${idPrefix}-document`} label={t('search.document')} value={document} onChange={setDocument} maxLength={60} />
          <TextField id={`${idPrefix}-birth`} label={t('core.birthDate')} type="date" value={birthDate} onChange={setBirthDate} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('search.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="search-results" data-testid={`${idPrefix}-results`}>
        {results && (
          <>
            <p className="result-count">{results.length === 0 ? t('search.none') : t('search.results', { count: results.length })}</p>
            {results.length > 0 && (
              <ul className="plain person-list">
                {results.map((hit) => (
                  <li key={hit.id} className="person-row">
                    <div className="person-row-main">
                      <bdi className="person-name">{hit.fullName}</bdi>
                      {hit.birthDate && (
                        <span className="person-meta">
                          {t('core.bornOn')} <DateText value={hit.birthDate} />
                        </span>
                      )}
                      <MatchReasons reasons={hit.reasons} />
                    </div>
                    <div className="row-actions">{actions(hit)}</div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export interface NewPersonDraft {
  fullName: string;
  birthDate: string;
  nationalities: string;
  languages: string[];
  phone: string;
  email: string;
  documentType: string;
  documentNumber: string;
  documentExpiresOn: string;
}

/**
 * Create a casefile core. The server first answers with likely duplicates (and why); the user then
 * picks one (`onPick`) or confirms that this is someone new.
 */
export function PersonCreateForm({
  idPrefix,
  purpose,
  initialName = '',
  initialLanguages = [],
  pickLabel,
  pickAriaLabel,
  onPick,
  onCreated,
  onCancel,
}: {
  idPrefix: string;
  purpose: Purpose;
  initialName?: string;
  initialLanguages?: string[];
  pickLabel: string;
  pickAriaLabel(name: string): string;
  onPick(person: PersonSummary): void;
  onCreated(person: PersonCore): void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('casefile');
  const titleId = useId();
  const [draft, setDraft] = useState<NewPersonDraft>({ fullName: initialName, birthDate: '', nationalities: '', languages: initialLanguages, phone: '', email: '', documentType: 'passport', documentNumber: '', documentExpiresOn: '' });
  const [duplicates, setDuplicates] = useState<Extract<CreateResult, { created: false }>['duplicates'] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof NewPersonDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const fieldErr = (name: string) => (error instanceof ApiError ? error.fields[name] : undefined);

  const send = async (confirmedNew: boolean) => {
    const contacts = { ...(draft.phone.trim() && { phone: draft.phone.trim() }), ...(draft.email.trim() && { email: draft.email.trim() }) };
    const body = {
      fullName: draft.fullName.trim(),
      ...(draft.birthDate && { birthDate: draft.birthDate }),
      ...(draft.nationalities.trim() && { nationalities: parseCountries(draft.nationalities) }),
      ...(draft.languages.length > 0 && { languages: draft.languages }),
      ...(Object.keys(contacts).length > 0 && { contacts }),
      ...(draft.documentNumber.trim() && { documents: [{ type: draft.documentType, number: draft.documentNumber.trim(), ...(draft.documentExpiresOn && { expiresOn: draft.documentExpiresOn }), verified: true }] }),
      ...(confirmedNew && { confirmedNew: true }),
    };
    setBusy(true);
    try {
      const r = await post<CreateResult>('/api/persons', body, withPurpose(purpose));
      setError(null);
      if (r.created) {
        setDuplicates(null);
        onCreated(r.person);
      } else setDuplicates(r.duplicates);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form subform person-create"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <h3 id={titleId}>{t('create.title')}</h3>
      <ErrorSummary error={error} labels={{ fullName: { id: `${idPrefix}-name`, label: t('core.fullName') }, birthDate: { id: `${idPrefix}-birth`, label: t('core.birthDate') } }} />
      <TextField id={`${idPrefix}-name`} label={t('core.fullName')} hint={t('create.nameHint')} value={draft.fullName} onChange={set('fullName')} error={fieldErr('fullName')} required maxLength={200} />
      <div className="field-row">
        <TextField id={`${idPrefix}-birth`} label={t('core.birthDate')} type="date" value={draft.birthDate} onChange={set('birthDate')} error={fieldErr('birthDate')} />
        <TextField id={`${idPrefix}-nat`} label={t('core.nationalities')} hint={t('core.nationalitiesHint')} value={draft.nationalities} onChange={set('nationalities')} error={fieldErr('nationalities')} />
        <TextField id={`${idPrefix}-phone`} label={t('core.phone')} type="tel" value={draft.phone} onChange={set('phone')} maxLength={40} />
        <TextField id={`${idPrefix}-email`} label={t('core.email')} type="email" value={draft.email} onChange={set('email')} maxLength={120} />
      </div>
      <LanguagePicker idPrefix={idPrefix} value={draft.languages} onChange={(languages) => setDraft((d) => ({ ...d, languages }))} />
      <fieldset>
        <legend>{t('create.document')}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${idPrefix}-doctype`}>{t('documents.type')}</label>
            <select id={`${idPrefix}-doctype`} value={draft.documentType} onChange={(e) => set('documentType')(e.target.value)}>
              {DOCUMENT_TYPES.map((d) => (
                <option key={d} value={d}>
                  {t(`documentTypes.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField id={`${idPrefix}-docnumber`} label={t('documents.number')} value={draft.documentNumber} onChange={set('documentNumber')} maxLength={60} />
          <TextField id={`${idPrefix}-docexpires`} label={t('documents.expiresOn')} type="date" value={draft.documentExpiresOn} onChange={set('documentExpiresOn')} />
        </div>
        <p className="hint">{t('create.documentHint')}</p>
      </fieldset>
      {duplicates && (
        <div className="duplicates" role="alert" data-testid="duplicates">
          <h4>{t('duplicates.title', { count: duplicates.length })}</h4>
          <p>{t('duplicates.explain')}</p>
          <ul className="plain person-list">
            {duplicates.map((d) => (
              <li key={d.id} className="person-row">
                <div className="person-row-main">
                  <bdi className="person-name">{d.person.fullName}</bdi>
                  {d.person.birthDate && (
                    <span className="person-meta">
                      {t('core.bornOn')} <DateText value={d.person.birthDate} />
                    </span>
                  )}
                  <MatchReasons reasons={d.reasons} />
                </div>
                <div className="row-actions">
                  <button type="button" className="button small" onClick={() => onPick(d.person)} aria-label={pickAriaLabel(d.person.fullName)}>
                    {pickLabel}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => void send(true)}>
              {t('duplicates.confirmNew')}
            </button>
          </div>
        </div>
      )}
      <FormActions submitLabel={t('create.submit')} cancelLabel={t('common.cancel')} disabled={busy || !draft.fullName.trim()} onCancel={onCancel} />
    </form>
  );
}
