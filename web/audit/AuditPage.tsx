import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_LOCALES, languageInfo } from '../../core/languages.ts';
import { get, localized } from '../api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { ErrorSummary, FieldError, describedBy } from '../ui/form.tsx';
import { DateText, DateTimeText, PartnerName, TextField, usePartners } from '../casefile/common.tsx';
import { downloadFile, useRead, withPurpose, type AccessEntry, type VerifyResult } from '../casefile/model.ts';
import { Erasure } from './Erasure.tsx';
import '../casefile/casefile.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHATS = [
  'core',
  'search-result',
  'section',
  'person-created',
  'core-updated',
  'document-added',
  'household-link',
  'visit-linked',
  'duplicate-candidate',
  'expiring-documents-list',
  'referral-list',
  'case-opened',
  'case-updated',
  'note-added',
  'referral-created',
  'referral-accepted',
  'referral-rejected',
  'referral-revoked',
  'referral',
  'access-report',
  'data-subject-export',
  'merged-in',
  'merged-into',
  'erasure-plan',
  'section-erased',
  'person-anonymised',
  'retention-expired',
] as const;

type View = 'accesses' | 'erasure';
/** The audit screen's address for a person and view (the access report is the default view). */
const auditPath = (personId: string, view: View, section = '') =>
  `/app/audit?person=${encodeURIComponent(personId)}${view === 'erasure' ? '&view=erasure' : ''}${section ? `&section=${encodeURIComponent(section)}` : ''}`;

/**
 * The data-protection officer's screen (/app/audit?person=<id>&section=<partnerId|core>): whether
 * the audit chain is intact, then who accessed this person's file, when and why, and the export
 * of everything held about the person (JSON, or a PDF in the person's language); with
 * &view=erasure, erasing a section or anonymising the identity. The DPO finds the person by
 * name (name, birth date and id only; audited) or by the id from the request.
 */
export function AuditPage() {
  const { t } = useTranslation('casefile');
  const { search } = useLocation();
  const personId = search.get('person') ?? '';
  const section = search.get('section') ?? '';
  const view: View = search.get('view') === 'erasure' ? 'erasure' : 'accesses';
  const verify = useRead<VerifyResult>('/api/audit/verify', 'audit');
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <ChainStatus result={verify.data} error={verify.error} />
      <div className="audit-find">
        <SubjectSearch view={view} />
        <PersonIdForm key={personId} initial={personId} view={view} />
      </div>
      {personId && UUID.test(personId) && (
        <>
          <nav aria-label={t('audit.views.label')} className="audit-views">
            <ul className="inline-links">
              {(['accesses', 'erasure'] as const).map((v) => (
                <li key={v}>
                  <Link href={auditPath(personId, v)} aria-current={view === v ? 'page' : undefined}>
                    {t(`audit.views.${v}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {view === 'erasure' ? <Erasure key={personId} personId={personId} /> : <AccessReport personId={personId} section={section} />}
        </>
      )}
    </>
  );
}

function ChainStatus({ result, error }: { result: VerifyResult | undefined; error: Error | null }) {
  const { t } = useTranslation('casefile');
  if (error) return <p role="alert">{error.message}</p>;
  if (!result) return <p className="loading">{t('common.loading')}</p>;
  return (
    <div className={`notice chain-status ${result.ok ? 'chain-ok' : 'chain-broken'}`} role="status" data-testid="chain-status">
      {result.ok ? t('audit.chainOk', { count: result.entries }) : t('audit.chainBroken', { seq: result.firstBrokenSeq ?? '?', reason: result.reason ?? '' })}
    </div>
  );
}

/** The DPO finds a data subject by name (any script) or birth date: name, birth date and id only; audited. */
function SubjectSearch({ view }: { view: View }) {
  const { t } = useTranslation('casefile');
  const [q, setQ] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [items, setItems] = useState<{ id: string; fullName: string; birthDate: string | null }[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (birthDate) params.set('birthDate', birthDate);
    try {
      setItems((await get<{ items: { id: string; fullName: string; birthDate: string | null }[] }>(`/api/audit/persons?${params}`, withPurpose('audit'))).items);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setItems(null);
    }
  };
  return (
    <div className="panel">
      <form className="form" role="search" aria-label={t('audit.searchLabel')} onSubmit={(e) => void submit(e)}>
        <ErrorSummary error={error} />
        <div className="search-fields">
          <TextField id="audit-q" label={t('search.name')} hint={t('search.nameHint')} value={q} onChange={setQ} maxLength={200} />
          <TextField id="audit-birth" label={t('core.birthDate')} type="date" value={birthDate} onChange={setBirthDate} />
        </div>
        <p className="hint">{t('audit.searchHint')}</p>
        <div className="actions">
          <button type="submit" className="button secondary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite" data-testid="audit-search-results">
        {items && (
          <>
            <p className="result-count">{t('search.results', { count: items.length })}</p>
            <ul className="plain person-list">
              {items.map((p) => (
                <li key={p.id} className="person-row">
                  <div className="person-row-main">
                    <bdi className="person-name">{p.fullName}</bdi>
                    {p.birthDate && (
                      <span className="person-meta">
                        {t('core.bornOn')} <DateText value={p.birthDate} />
                      </span>
                    )}
                  </div>
                  <button type="button" className="button small" onClick={() => navigate(auditPath(p.id, view))} aria-label={t('audit.showNamed', { name: p.fullName })}>
                    {t('audit.show')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

function PersonIdForm({ initial, view }: { initial: string; view: View }) {
  const { t } = useTranslation('casefile');
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(initial !== '' && !UUID.test(initial));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A pasted casefile address works too: take the id out of it.
    const id = (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(value)?.[0] ?? value.trim()).toLowerCase();
    if (!UUID.test(id)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    navigate(auditPath(id, view));
  };
  const error = invalid ? t('audit.personIdInvalid') : undefined;
  return (
    <form className="form panel" role="search" aria-label={t('audit.findLabel')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="audit-person">{t('audit.personId')}</label>
        <p className="hint" id="audit-person-hint">
          {t('audit.personIdHint')}
        </p>
        <input id="audit-person" className="id-input" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={invalid ? true : undefined} aria-describedby={describedBy('audit-person', error, true)} />
        <FieldError id="audit-person" message={error} />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('audit.show')}
        </button>
      </div>
    </form>
  );
}

function AccessReport({ personId, section }: { personId: string; section: string }) {
  const { t, i18n } = useTranslation('casefile');
  const { partners, name: partnerName } = usePartners();
  const path = `/api/persons/${personId}/access-report${section ? `?section=${encodeURIComponent(section)}` : ''}`;
  const { data, error, reload } = useRead<{ items: AccessEntry[] }>(path, 'audit');
  const [exportError, setExportError] = useState<Error | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [pdfLang, setPdfLang] = useState('');

  const download = async () => {
    try {
      const body = await get<unknown>(`/api/persons/${personId}/export`, withPurpose('data_subject_request'));
      const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `casefile-${personId}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExportError(null);
      setExported(t('audit.exported'));
      void reload();
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  /** The PDF (in the person's language, or the one chosen) or the access report as CSV; audited by the server. */
  const downloadAs = async (path: string, purpose: 'data_subject_request' | 'audit', fallbackName: string) => {
    try {
      const name = await downloadFile(path, purpose, fallbackName);
      setExportError(null);
      setExported(t('audit.downloaded', { name }));
      void reload();
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const pdfPath = `/api/persons/${personId}/export.pdf${pdfLang ? `?lang=${encodeURIComponent(pdfLang)}` : ''}`;
  const csvPath = `/api/persons/${personId}/access-report.csv${section ? `?section=${encodeURIComponent(section)}` : ''}`;

  const sectionText = (s: AccessEntry['section']) => {
    if (s === 'core' || s === 'audit') return t(`audit.sections.${s}`);
    if (!s) return t('audit.sections.none');
    if (s.id === 'all') return t('audit.sections.all');
    return s.name ? <PartnerName name={localized(s.name, i18n.language)} /> : <PartnerName name={partnerName(s.id) || s.id} />;
  };

  return (
    <section aria-labelledby="report-title" data-testid="access-report">
      <h2 id="report-title">{t('audit.reportTitle')}</h2>
      <p className="hint">
        {t('audit.person')} <bdi translate="no">{personId}</bdi>
      </p>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="audit-section">{t('audit.sectionFilter')}</label>
          <select id="audit-section" value={section} onChange={(e) => navigate(auditPath(personId, 'accesses', e.target.value))}>
            <option value="">{t('audit.sections.everything')}</option>
            <option value="core">{t('audit.sections.core')}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {localized(p.name, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button secondary" onClick={() => void downloadAs(csvPath, 'audit', `access-report-${personId}.csv`)}>
          {t('audit.exportCsv')}
        </button>
      </div>
      <div className="download-row">
        <div className="field inline">
          <label htmlFor="audit-pdf-lang">{t('audit.pdfLanguage')}</label>
          <p className="hint" id="audit-pdf-lang-hint">
            {t('audit.pdfLanguageHint')}
          </p>
          <select id="audit-pdf-lang" aria-describedby="audit-pdf-lang-hint" value={pdfLang} onChange={(e) => setPdfLang(e.target.value)}>
            <option value="">{t('audit.pdfPersonLanguage')}</option>
            {STAFF_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageInfo(code)?.endonym ?? code}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void downloadAs(pdfPath, 'data_subject_request', `casefile-${personId}.pdf`)}>
          {t('audit.exportPdf')}
        </button>
        <button type="button" className="button secondary" onClick={() => void download()}>
          {t('audit.export')}
        </button>
      </div>
      <p className="hint">{t('audit.exportHint')}</p>
      <ErrorSummary error={exportError} />
      <div aria-live="polite" data-testid="audit-download">
        {exported && <p className="notice">{exported}</p>}
      </div>
      {error && <p role="alert">{error.message}</p>}
      {!data && !error && <p className="loading">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('audit.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="audit-table" data-testid="audit-table">
              <caption>{t('audit.caption', { count: data.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.partner')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.outcome')}</th>
                  <th scope="col">{t('audit.section')}</th>
                  <th scope="col">{t('audit.purpose')}</th>
                  <th scope="col">{t('audit.what')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.seq} className={`outcome-row-${e.outcome}`}>
                    <td>
                      <DateTimeText value={e.at} />
                    </td>
                    <td>
                      <bdi>{e.who}</bdi>
                    </td>
                    <td>{e.partner ? <PartnerName name={localized(e.partner, i18n.language)} /> : t('audit.noPartner')}</td>
                    <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                    <td>
                      <span className={`badge outcome-${e.outcome}`}>{t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</span>
                    </td>
                    <td>{sectionText(e.section)}</td>
                    <td>{e.purpose ? t(`audit.purposes.${e.purpose}`, { defaultValue: e.purpose }) : t('audit.noPurpose')}</td>
                    <td>{e.what ? (WHATS as readonly string[]).includes(e.what) ? t(`audit.whats.${e.what}`) : <bdi translate="no">{e.what}</bdi> : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
