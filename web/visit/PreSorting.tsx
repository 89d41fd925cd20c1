import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, localized, type Service } from '../api.ts';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, describedBy } from '../ui/form.tsx';
import { PrintableReceipt, TicketReceipt } from '../print/TicketReceipt.tsx';
import {
  LanguageName,
  PRIORITY_REASONS,
  TicketNumber,
  readStored,
  useCentreConfig,
  issueVisit,
  useSnapshot,
  writeStored,
  type Issued,
  type PriorityReason,
} from './common.tsx';
import './visit.css';
import { COUNTRY_CODES, countryName } from '../../core/countries.ts';

const LAST_LANGUAGE_KEY = 'balcao.presorting.language';
/** Nationalities most CNAI clients hold (the source documents' figures), offered first. */
const MAIN_NATIONALITIES = ['BR', 'CV', 'GW', 'AO', 'UA', 'IN', 'BD', 'NP'];
const AUTO_PRINT_KEY = 'balcao.presorting.autoPrint';

interface FormState {
  serviceId: string;
  language: string;
  priority: PriorityReason | 'none';
  appointmentTime: string;
  clientName: string;
  needsMediator: boolean;
  /** For statistics only, when the client chose to say it ('' = not said). */
  declaredCountry: string;
}

/** Today at hh:mm in the browser's clock, as an ISO instant (the tablet is at the centre). */
function todayAt(time: string): string | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const d = new Date();
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.toISOString();
}

/**
 * Pre-sorting: a mediator finds out why the person came and hands out the first ticket, on a
 * tablet, in a few taps: service, language, priority, then Issue (or Enter).
 */
export function PreSorting() {
  const { t, i18n } = useTranslation('visit');
  const { session } = useSession();
  const centreId = session!.user.centreId!;
  const config = useCentreConfig(centreId);
  const snapshot = useSnapshot(centreId);
  const blank = (language: string): FormState => ({ serviceId: '', language, priority: 'none', appointmentTime: '', clientName: '', needsMediator: false, declaredCountry: '' });
  const [form, setForm] = useState<FormState>(() => blank(readStored<string>(LAST_LANGUAGE_KEY, '')));
  const [autoPrint, setAutoPrint] = useState<boolean>(() => readStored<boolean>(AUTO_PRINT_KEY, false));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [issuedReason, setIssuedReason] = useState<PriorityReason | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const printRequested = useRef(false);

  const centre = config.data?.centre;
  const services = useMemo(() => (config.data?.services ?? []).filter((s) => s.active), [config.data]);
  const languages = centre?.languages ?? [];
  // Default language: the last one chosen here, else the centre's first.
  useEffect(() => {
    if (centre && !centre.languages.includes(form.language)) setForm((f) => ({ ...f, language: centre.languages[0] ?? 'pt-PT' }));
  }, [centre, form.language]);
  // A changed form is another request: a new idempotency key.
  useEffect(() => {
    idempotencyKey.current = null;
  }, [form]);
  // After issuing with auto-print on, open the print dialog once the receipt (and its QR) is in the page.
  useEffect(() => {
    if (!issued || !printRequested.current) return;
    const timer = setTimeout(() => {
      printRequested.current = false;
      window.print();
    }, 300);
    return () => clearTimeout(timer);
  }, [issued]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldErrors = error instanceof ApiError ? error.fields : {};
  // The seed's main nationalities first (most clients are one of them), then every country by name.
  const countryChoices = useMemo(() => {
    const byName = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, i18n.language) })).sort((a, b) => a.name.localeCompare(b.name, i18n.language));
    return [...MAIN_NATIONALITIES.map((code) => ({ code, name: countryName(code, i18n.language) })), ...byName.filter((c) => !MAIN_NATIONALITIES.includes(c.code))];
  }, [i18n.language]);
  const queueOf = (serviceId: string) => snapshot.data?.queues.find((q) => q.serviceId === serviceId);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!form.serviceId) {
      setError(new ApiError(400, 'validation', t('presorting.chooseService'), { serviceId: t('presorting.chooseService') }));
      return;
    }
    const appointmentAt = form.priority === 'appointment' ? todayAt(form.appointmentTime) : null;
    if (form.priority === 'appointment' && !appointmentAt) {
      setError(new ApiError(400, 'validation', t('presorting.appointmentTimeRequired'), { appointmentAt: t('presorting.appointmentTimeRequired') }));
      return;
    }
    idempotencyKey.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      const result = await issueVisit(idempotencyKey.current, {
        serviceId: form.serviceId,
        language: form.language,
        priorityReason: form.priority === 'none' ? null : form.priority,
        appointmentAt,
        clientName: form.clientName.trim() || null,
        needsMediator: form.needsMediator,
        declaredCountry: form.declaredCountry || null,
      });
      writeStored(LAST_LANGUAGE_KEY, form.language);
      printRequested.current = autoPrint;
      setIssued(result);
      setIssuedReason(form.priority === 'none' ? null : form.priority);
      setForm(blank(form.language));
      idempotencyKey.current = null;
      void snapshot.reload();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  // Enter anywhere in the form issues the ticket (not on buttons, which act themselves).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || target.tagName === 'BUTTON' || target.tagName === 'TEXTAREA') return;
    e.preventDefault();
    void submit();
  };

  const issuedService = issued?.service;
  const labels = {
    serviceId: { id: 'ps-service-first', label: t('presorting.service') },
    language: { id: 'ps-language-first', label: t('presorting.language') },
    appointmentAt: { id: 'ps-appointment-time', label: t('presorting.appointmentTime') },
    clientName: { id: 'ps-name', label: t('presorting.clientName') },
  };

  return (
    <div className="presorting">
      <h1>{t('presorting.title')}</h1>
      {config.error && <p role="alert">{config.error.message}</p>}
      <div className="presorting-layout">
        <form className="form presorting-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-describedby="ps-intro">
          <p id="ps-intro" className="hint">
            {t('presorting.intro')}
          </p>
          <ErrorSummary error={error} labels={labels} />
          <fieldset className="tiles-fieldset" aria-describedby={describedBy('ps-service', fieldErrors.serviceId, true)}>
            <legend>{t('presorting.service')}</legend>
            <p className="hint" id="ps-service-hint">
              {t('presorting.serviceHint')}
            </p>
            <FieldError id="ps-service" message={fieldErrors.serviceId} />
            <div className="tiles service-tiles">
              {services.map((s, i) => (
                <ServiceTile key={s.id} service={s} first={i === 0} checked={form.serviceId === s.id} onChoose={() => set('serviceId', s.id)} queue={queueOf(s.id)} lang={i18n.language} />
              ))}
            </div>
          </fieldset>

          <fieldset className="tiles-fieldset" aria-describedby={describedBy('ps-language', fieldErrors.language, false)}>
            <legend>{t('presorting.language')}</legend>
            <FieldError id="ps-language" message={fieldErrors.language} />
            <div className="tiles language-tiles">
              {languages.map((code, i) => (
                <label key={code} className="tile tile-compact" htmlFor={i === 0 ? 'ps-language-first' : `ps-language-${code}`}>
                  <input
                    type="radio"
                    name="language"
                    id={i === 0 ? 'ps-language-first' : `ps-language-${code}`}
                    value={code}
                    checked={form.language === code}
                    onChange={() => set('language', code)}
                  />
                  <LanguageName code={code} />
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="tiles-fieldset">
            <legend>{t('presorting.priority')}</legend>
            <div className="tiles priority-tiles">
              {(['none', ...PRIORITY_REASONS] as const).map((p) => (
                <label key={p} className="tile tile-compact" htmlFor={`ps-priority-${p}`}>
                  <input type="radio" name="priority" id={`ps-priority-${p}`} value={p} checked={form.priority === p} onChange={() => set('priority', p)} />
                  <span>{t(`priority.${p}`)}</span>
                </label>
              ))}
            </div>
            {form.priority === 'appointment' && (
              <div className="field appointment-field">
                <label htmlFor="ps-appointment-time">{t('presorting.appointmentTime')}</label>
                <input
                  id="ps-appointment-time"
                  type="time"
                  className="input-short"
                  value={form.appointmentTime}
                  onChange={(e) => set('appointmentTime', e.target.value)}
                  aria-invalid={fieldErrors.appointmentAt ? true : undefined}
                  aria-describedby={describedBy('ps-appointment-time', fieldErrors.appointmentAt, false)}
                />
                <FieldError id="ps-appointment-time" message={fieldErrors.appointmentAt} />
              </div>
            )}
          </fieldset>

          <div className="presorting-extra">
            <div className="field">
              <label htmlFor="ps-name">{t('presorting.clientName')}</label>
              <input
                id="ps-name"
                autoComplete="off"
                value={form.clientName}
                maxLength={120}
                onChange={(e) => set('clientName', e.target.value)}
                aria-describedby={describedBy('ps-name', fieldErrors.clientName, true)}
              />
              <p className="hint" id="ps-name-hint">
                {t('presorting.clientNameHint')}
              </p>
              <FieldError id="ps-name" message={fieldErrors.clientName} />
            </div>
            <div className="field">
              <label htmlFor="ps-country">{t('presorting.country')}</label>
              <select id="ps-country" value={form.declaredCountry} onChange={(e) => set('declaredCountry', e.target.value)} aria-describedby={describedBy('ps-country', fieldErrors.declaredCountry, true)}>
                <option value="">{t('presorting.countryNone')}</option>
                {countryChoices.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              <p className="hint" id="ps-country-hint">
                {t('presorting.countryHint')}
              </p>
              <FieldError id="ps-country" message={fieldErrors.declaredCountry} />
            </div>
            <label className="tile tile-compact toggle" htmlFor="ps-mediator">
              <input id="ps-mediator" type="checkbox" checked={form.needsMediator} onChange={(e) => set('needsMediator', e.target.checked)} />
              <span>{t('presorting.needsMediator')}</span>
            </label>
          </div>

          <div className="issue-bar">
            <button type="submit" className="button large issue-button" disabled={busy} aria-describedby="ps-enter-hint">
              {busy ? t('presorting.issuing') : t('presorting.issue')}
            </button>
            <p className="hint" id="ps-enter-hint">
              {t('presorting.enterHint')}
            </p>
          </div>
        </form>

        <aside className="presorting-side" aria-labelledby="ps-last-title">
          <h2 id="ps-last-title">{t('presorting.lastTicket')}</h2>
          <div role="status" className="issued-status">
            {issued && (
              <p>
                {t('presorting.issued')} <TicketNumber number={issued.ticket.number} />
              </p>
            )}
          </div>
          {issued && centre ? (
            <>
              <div className="receipt-preview" role="group" aria-label={t('presorting.receiptPreview')}>
                <TicketReceipt ticket={issued.ticket} centre={centre} service={issuedService} ticketUrl={issued.ticketUrl} language={issued.ticket.language} priorityReason={issuedReason} />
              </div>
              <PrintableReceipt ticket={issued.ticket} centre={centre} service={issuedService} ticketUrl={issued.ticketUrl} language={issued.ticket.language} priorityReason={issuedReason} />
              <div className="actions">
                <button type="button" className="button large" onClick={() => window.print()}>
                  {t('presorting.print')}
                </button>
              </div>
            </>
          ) : (
            <p className="hint">{t('presorting.noTicketYet')}</p>
          )}
          <div className="check auto-print">
            <input
              id="ps-auto-print"
              type="checkbox"
              checked={autoPrint}
              onChange={(e) => {
                setAutoPrint(e.target.checked);
                writeStored(AUTO_PRINT_KEY, e.target.checked);
              }}
            />
            <label htmlFor="ps-auto-print">{t('presorting.autoPrint')}</label>
          </div>
        </aside>
      </div>
    </div>
  );
}

function ServiceTile({
  service,
  checked,
  onChoose,
  queue,
  lang,
  first,
}: {
  service: Service;
  checked: boolean;
  onChoose: () => void;
  queue: { waiting: number; expectedWaitMinutes: number; expectedWaitRange?: [number, number] } | undefined;
  lang: string;
  first: boolean;
}) {
  const { t } = useTranslation('visit');
  const id = first ? 'ps-service-first' : `ps-service-${service.id}`;
  const busy = queue ? queue.waiting >= 10 : false;
  return (
    <label className={`tile service-tile${busy ? ' busy' : ''}`} htmlFor={id}>
      <input type="radio" name="service" id={id} value={service.id} checked={checked} onChange={onChoose} aria-describedby={`${id}-queue`} />
      <span className="tile-prefix" aria-hidden="true">
        <bdi>{service.ticketPrefix}</bdi>
      </span>
      <span className="tile-body">
        <bdi className="tile-name">{localized(service.name, lang)}</bdi>
        <span className="tile-queue" id={`${id}-queue`}>
          {queue
            ? queue.expectedWaitRange
              ? // The range the client is shown on the kiosk, phone page and public site, not a false precision.
                t('presorting.queueRange', { count: queue.waiting, low: queue.expectedWaitRange[0], high: queue.expectedWaitRange[1] })
              : t('presorting.queue', { count: queue.waiting, minutes: queue.expectedWaitMinutes })
            : '…'}
        </span>
      </span>
    </label>
  );
}
