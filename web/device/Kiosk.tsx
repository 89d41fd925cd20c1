import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { ApiError, type DeviceIdentity } from '../api.ts';
import { languageInfo, textDirection } from '../../core/languages.ts';
import { PrintableReceipt } from '../print/TicketReceipt.tsx';
import { issueVisit, type Issued } from '../visit/common.tsx';
import { screensLanguage, screensT } from './language.ts';
import { onVoicesChanged, speak, stopSpeaking, voiceFor } from './speech.ts';
import { useIdle } from './useIdle.ts';
import './device.css';

/** Topic codes a client can choose; the server decides which service each goes to. */
export const KIOSK_TOPICS = [
  'legalisation',
  'health',
  'education',
  'nationality',
  'employment',
  'labour-rights',
  'family-reunification',
  'social-support',
  'housing',
  'consumer-rights',
  'qualifications',
  'voting',
  'civil-registry',
  'legal-advice',
  'general-information',
] as const;

/** The service's name in the client's language, else in Portuguese (the server's names), with its language. */
export function kioskServiceName(name: Record<string, string>, lang: string): { text: string; lang: string } {
  if (name[lang]) return { text: name[lang], lang };
  if (name['pt-PT']) return { text: name['pt-PT'], lang: 'pt-PT' };
  const [first] = Object.entries(name);
  return first ? { text: first[1], lang: first[0] } : { text: '', lang };
}

/**
 * What to tell the client when a ticket could not be issued, in their language: the server's
 * message (it answers a kiosk in the kiosk's language, from client.json), the reason for a field
 * where there is one (e.g. no service for this topic), or, when the server cannot be reached or
 * no longer knows this kiosk, the kiosk's own words.
 */
export function kioskErrorText(e: unknown, t: (key: string) => string): string {
  if (!(e instanceof ApiError)) return t('kiosk.error.unavailable');
  if (e.status === 0 || e.status === 401 || e.status === 403) return t('kiosk.error.unavailable');
  const reasons = [...new Set(Object.values(e.fields))];
  return reasons.length ? reasons.join(' ') : e.message;
}

type Step = 'language' | 'topic' | 'confirm' | 'ticket';
const STEP_NUMBER: Record<Step, number> = { language: 1, topic: 2, confirm: 3, ticket: 4 };

function newKey(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  }
}

function numberParam(name: string): number | null {
  const v = Number(new URLSearchParams(location.search).get(name));
  return Number.isFinite(v) && v > 0 ? v : null;
}

function ReadAloud({ lang, texts }: { lang: string; texts: () => string[] }) {
  const { t } = useTranslation('screens');
  const [, setVoicesVersion] = useState(0);
  useEffect(() => onVoicesChanged(() => setVoicesVersion((v) => v + 1)), []);
  if (!voiceFor(lang)) return null;
  return (
    <button
      type="button"
      className="button secondary kiosk-read"
      onClick={() => {
        stopSpeaking();
        void (async () => {
          for (const text of texts()) await speak(text, lang);
        })();
      }}
    >
      {t('kiosk.readAloud')}
    </button>
  );
}

/**
 * The ticket kiosk: choose a language, choose a topic, take a ticket; the ticket shows large with
 * a QR code for the phone and is printed. After a minute without a touch it asks whether someone
 * is still there, then starts again and forgets everything.
 */
export function Kiosk({ identity }: { identity: DeviceIdentity }) {
  const { i18n } = useTranslation();
  const homeLanguage = useMemo(() => {
    const params = new URLSearchParams(location.search);
    const wanted = params.get('lang') ?? params.get('lng');
    return wanted && languageInfo(wanted) ? wanted : (identity.centre.languages[0] ?? 'pt-PT');
  }, [identity]);
  const [step, setStep] = useState<Step>('language');
  const [lang, setLang] = useState(homeLanguage);
  const [topic, setTopic] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The interface (and <html lang dir>) follow the kiosk language; API messages come in it too.
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [lang, i18n]);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  const textLang = screensLanguage(lang);
  const t = screensT(lang);
  const languages = identity.centre.languages.map((code) => languageInfo(code) ?? { code, endonym: code, dir: 'ltr' as const });

  const reset = useCallback(() => {
    stopSpeaking();
    setStep('language');
    setLang(homeLanguage);
    setTopic(null);
    setIssued(null);
    setQr(null);
    setError(null);
    setBusy(false);
    key.current = null;
  }, [homeLanguage]);

  const idleSeconds = numberParam('idle') ?? 60;
  const warnSeconds = numberParam('warn') ?? 10;
  const { remaining, stay } = useIdle({ active: step !== 'language' || lang !== homeLanguage, idleMs: idleSeconds * 1000, warnSeconds, onTimeout: reset });

  const chooseLanguage = (code: string) => {
    setLang(code);
    setStep('topic');
  };
  const chooseTopic = (code: string) => {
    setTopic(code);
    setError(null);
    key.current = newKey();
    setStep('confirm');
  };
  const take = async () => {
    if (!topic || busy) return;
    setBusy(true);
    setError(null);
    key.current ??= newKey();
    try {
      // api() sends Accept-Language from i18n, which follows the kiosk language; a device screen is never sent to sign in.
      const res = await issueVisit(key.current, { topic, language: lang }, { allow401: true });
      setIssued(res);
      key.current = null;
      const svg = await QRCode.toString(location.origin + res.ticketUrl, { type: 'svg', margin: 1 });
      setQr('data:image/svg+xml;utf8,' + encodeURIComponent(svg));
      setStep('ticket');
    } catch (e) {
      setError(kioskErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  // Print once the ticket (and its QR code) is on the page.
  const printed = useRef<string | null>(null);
  useEffect(() => {
    if (step !== 'ticket' || !issued || !qr || printed.current === issued.ticket.id) return;
    printed.current = issued.ticket.id;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [step, issued, qr]);

  const topicLabel = topic ? t(`topics.${topic}`) : '';
  const stepLabel = t('kiosk.steps', { step: STEP_NUMBER[step], total: 4 });

  let content: ReactNode;
  let spoken: () => string[];
  if (step === 'language') {
    spoken = () => [t('kiosk.language.title'), t('kiosk.language.intro')];
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.language.title')}
        </h1>
        <p className="kiosk-intro">{t('kiosk.language.intro')}</p>
        <ul className="kiosk-grid kiosk-languages" role="list">
          {languages.map((l) => (
            <li key={l.code}>
              <button type="button" className="kiosk-tile" lang={l.code} dir={l.dir} aria-current={l.code === lang ? 'true' : undefined} onClick={() => chooseLanguage(l.code)}>
                {l.endonym}
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  } else if (step === 'topic') {
    spoken = () => [t('kiosk.topic.title'), t('kiosk.topic.intro'), ...KIOSK_TOPICS.map((c) => t(`topics.${c}`))];
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.topic.title')}
        </h1>
        <p className="kiosk-intro">{t('kiosk.topic.intro')}</p>
        <ul className="kiosk-grid kiosk-topics" role="list">
          {KIOSK_TOPICS.map((code) => (
            <li key={code}>
              <button type="button" className="kiosk-tile" data-topic={code} onClick={() => chooseTopic(code)}>
                {t(`topics.${code}`)}
              </button>
            </li>
          ))}
        </ul>
        <div className="kiosk-nav">
          <button type="button" className="button secondary kiosk-button" onClick={() => setStep('language')}>
            {t('kiosk.back')}
          </button>
        </div>
      </>
    );
  } else if (step === 'confirm') {
    spoken = () => [t('kiosk.confirm.title'), t('kiosk.confirm.chosen', { topic: topicLabel }), ...(error ? [error] : [])];
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.confirm.title')}
        </h1>
        <p className="kiosk-chosen">{t('kiosk.confirm.chosen', { topic: topicLabel })}</p>
        {error && (
          <div className="kiosk-error" role="alert">
            <h2>{t('kiosk.error.title')}</h2>
            <p lang={lang}>{error}</p>
          </div>
        )}
        <div className="kiosk-nav">
          <button type="button" className="button kiosk-take" disabled={busy} aria-busy={busy || undefined} onClick={() => void take()}>
            {busy ? t('kiosk.confirm.busy') : error ? t('kiosk.error.retry') : t('kiosk.confirm.take')}
          </button>
          <button type="button" className="button secondary kiosk-button" onClick={() => setStep('topic')}>
            {t('kiosk.back')}
          </button>
        </div>
      </>
    );
  } else {
    const number = issued?.ticket.number ?? '';
    const service = kioskServiceName(issued?.service.name ?? {}, lang);
    spoken = () => [t('kiosk.ticket.spoken', { number, wait: t('kiosk.ticket.wait') })];
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.ticket.title')}
        </h1>
        <div className="kiosk-ticket" data-testid="kiosk-ticket">
          <p className="kiosk-ticket-label">{t('kiosk.ticket.number')}</p>
          <p className="kiosk-ticket-number" translate="no">
            <bdi>{number}</bdi>
          </p>
          <p className="kiosk-ticket-service">
            {t('kiosk.ticket.service')}{' '}
            <bdi lang={service.lang} data-testid="kiosk-service">
              {service.text}
            </bdi>
          </p>
          {qr && (
            <div className="kiosk-qr">
              <img src={qr} alt={t('kiosk.ticket.qrAlt')} width={220} height={220} />
              <p>{t('kiosk.ticket.qrHint')}</p>
            </div>
          )}
        </div>
        <p className="kiosk-intro" role="status">
          {t('kiosk.ticket.printing')}
        </p>
        <p className="kiosk-intro">{t('kiosk.ticket.wait')}</p>
        <div className="kiosk-nav">
          <button type="button" className="button kiosk-take" onClick={reset}>
            {t('kiosk.ticket.done')}
          </button>
          <button type="button" className="button secondary kiosk-button" onClick={() => window.print()}>
            {t('kiosk.ticket.printAgain')}
          </button>
        </div>
      </>
    );
  }

  return (
    <div className="kiosk">
      <div className="kiosk-screen">
        <header className="kiosk-header">
          <span className="kiosk-centre">
            <bdi>{identity.centre.name}</bdi>
          </span>
          <span className="kiosk-step" lang={textLang}>
            {stepLabel}
          </span>
        </header>
        <main id="main" tabIndex={-1} className="kiosk-main" lang={textLang} dir={textDirection(lang)}>
          {content}
          <div className="kiosk-tools">
            <ReadAloud lang={textLang} texts={spoken} />
            {step !== 'language' && step !== 'ticket' && (
              <button type="button" className="button secondary kiosk-button" onClick={reset}>
                {t('kiosk.startAgain')}
              </button>
            )}
          </div>
        </main>
        {remaining !== null && (
          <div className="kiosk-idle-backdrop">
            <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-body" lang={textLang} dir={textDirection(lang)}>
              <h2 id="kiosk-idle-title">{t('kiosk.idle.title')}</h2>
              <p id="kiosk-idle-body">{t('kiosk.idle.body', { count: remaining })}</p>
              <IdleContinue label={t('kiosk.idle.continue')} onClick={stay} />
            </div>
          </div>
        )}
      </div>
      {step === 'ticket' && issued && (
        <PrintableReceipt
          ticket={issued.ticket}
          centre={{ name: identity.centre.name, timeZone: identity.centre.timeZone }}
          service={issued.service}
          ticketUrl={issued.ticketUrl}
          language={lang}
        />
      )}
    </div>
  );
}

function IdleContinue({ label, onClick }: { label: string; onClick: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" className="button kiosk-take" onClick={onClick}>
      {label}
    </button>
  );
}
