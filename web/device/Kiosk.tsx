import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { ApiError, type DeviceIdentity } from '../api.ts';
import { languageInfo, textDirection } from '../../core/languages.ts';
import { i18next, isMachineTranslated } from '../i18n.ts';
import { PrintableReceipt } from '../print/TicketReceipt.tsx';
import { issueVisit, type Issued } from '../visit/common.tsx';
import { desksHere, fetchItem, fetchTopics, type ReaderItem, type ReaderTopic } from './knowledge.ts';
import { InfoItem, InfoTopic, InfoTopics, spokenItem, spokenTopic, spokenTopics, type InfoText } from './KioskInformation.tsx';
import { kioskLanguage } from './language.ts';
import { ReadAloud, isReadingAloud, type Spoken } from './ReadAloud.tsx';
import { stopSpeaking } from './speech.ts';
import { useIdle } from './useIdle.ts';
import { KioskSurvey } from './KioskSurvey.tsx';
import { spokenWait, useKioskWaits, WaitBadge, WaitBeforeTicket, waitFor } from './KioskWait.tsx';
import { isOpenAt } from '../../core/opening-hours.ts';
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

/**
 * Where the client is. After the language: the choice between reading information and taking a
 * ticket. Ticket: a network topic, confirm, the ticket. Information: the knowledge base's topics, a
 * topic, a procedure or answer — a procedure offers a ticket for this centre's desk that handles it.
 */
type Step = 'language' | 'mode' | 'topic' | 'confirm' | 'ticket' | 'info-topics' | 'info-topic' | 'info-item' | 'survey';

/** What the information mode has read, for one language. */
interface InfoState {
  locale: string;
  topics: ReaderTopic[] | null;
  topicSlug: string | null;
  /** The procedure or answer open (or being read). */
  itemSlug: string | null;
  item: ReaderItem | null;
  loading: boolean;
  failed: boolean;
}
const noInfo = (locale: string): InfoState => ({ locale, topics: null, topicSlug: null, itemSlug: null, item: null, loading: false, failed: false });

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

/** ?lang= picks the kiosk's language and skips the language step; ?lng= only sets the language the picker starts in. */
function languageParams(): { lang: string | null; lng: string | null } {
  const params = new URLSearchParams(location.search);
  const valid = (code: string | null) => (code && languageInfo(code) ? code : null);
  return { lang: valid(params.get('lang')), lng: valid(params.get('lng')) };
}

/**
 * The kiosk: choose a language (each named in its own script), then read information or take a
 * ticket. Information comes from the knowledge base in the client's language (or a marked
 * fallback); a procedure's page offers a ticket for the desk of this centre that handles it. The
 * ticket shows large with a QR code for the phone and is printed. After a minute without a touch
 * it asks whether someone is still there, then goes back to the language step and forgets
 * everything (nothing is ever written to the browser's storage).
 */
export function Kiosk({ identity }: { identity: DeviceIdentity }) {
  const { i18n } = useTranslation();
  const params = useMemo(languageParams, []);
  const homeLanguage = params.lang ?? params.lng ?? identity.centre.languages[0] ?? 'pt-PT';
  const [step, setStep] = useState<Step>(params.lang ? 'mode' : 'language');
  const [lang, setLang] = useState(homeLanguage);
  const [topic, setTopic] = useState<string | null>(null);
  const [info, setInfo] = useState<InfoState>(() => noInfo(homeLanguage));
  const [issued, setIssued] = useState<Issued | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What a ticket is being issued for ('topic' or a service id), while the request runs. */
  const [busy, setBusy] = useState<string | null>(null);
  /** One Idempotency-Key per thing asked for, kept across retries until a ticket comes back. */
  const keys = useRef(new Map<string, string>());
  /** Bumped by every reset and change of language: answers that arrive afterwards are dropped. */
  const generation = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);

  // The interface (and <html lang dir>) follow the kiosk language; API messages come in it too.
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [lang, i18n]);

  const uiLang = kioskLanguage(lang);
  const dir = textDirection(lang);
  const t = i18next.getFixedT(uiLang, 'screens');
  const k = i18next.getFixedT(uiLang, 'kiosk');
  const sv = i18next.getFixedT(uiLang, 'survey');
  const text: InfoText = { k, lang: uiLang };
  const languages = identity.centre.languages.map((code) => languageInfo(code) ?? { code, endonym: code, dir: 'ltr' as const });
  const centreOpen = useCentreOpen(identity);
  const currentLanguage = languageInfo(lang)?.endonym ?? lang;
  // The expected waits, read while a screen offering a ticket is open (and again every 25 s there).
  const waits = useKioskWaits(centreOpen && (step === 'topic' || step === 'confirm' || step === 'info-item'));

  // Each new view starts at its top, with its heading focused (and the previous reading stopped).
  const view = `${step}:${info.topicSlug ?? ''}:${info.itemSlug ?? ''}:${info.loading}:${info.failed}`;
  useEffect(() => {
    stopSpeaking();
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [view]);

  const reset = useCallback(() => {
    generation.current++;
    stopSpeaking();
    setStep('language');
    setLang(homeLanguage);
    setTopic(null);
    setInfo(noInfo(homeLanguage));
    setIssued(null);
    setQr(null);
    setError(null);
    setBusy(null);
    keys.current.clear();
  }, [homeLanguage]);

  const idleSeconds = numberParam('idle') ?? 60;
  const warnSeconds = numberParam('warn') ?? 10;
  const { remaining, stay } = useIdle({
    active: step !== 'language' || lang !== homeLanguage,
    idleMs: idleSeconds * 1000,
    warnSeconds,
    onTimeout: reset,
    busy: isReadingAloud,
  });

  const chooseLanguage = (code: string) => {
    if (code !== info.locale) {
      generation.current++;
      setInfo(noInfo(code));
      setBusy(null);
    }
    setLang(code);
    setError(null);
    setStep('mode');
  };
  const chooseTopic = (code: string) => {
    setTopic(code);
    setError(null);
    setStep('confirm');
  };

  /** Issues a ticket (for a network topic, or a service of this centre) with this target's Idempotency-Key. */
  const issue = async (target: string, body: { topic?: string; serviceId?: string }) => {
    if (busy) return;
    const gen = generation.current;
    setBusy(target);
    setError(null);
    const key = keys.current.get(target) ?? newKey();
    keys.current.set(target, key);
    try {
      // api() sends Accept-Language from i18n, which follows the kiosk language; a device screen is never sent to sign in.
      const res = await issueVisit(key, { ...body, language: lang }, { allow401: true });
      if (gen !== generation.current) return;
      keys.current.delete(target);
      const svg = await QRCode.toString(location.origin + res.ticketUrl, { type: 'svg', margin: 1 });
      if (gen !== generation.current) return;
      setIssued(res);
      setQr('data:image/svg+xml;utf8,' + encodeURIComponent(svg));
      setStep('ticket');
    } catch (e) {
      if (gen === generation.current) setError(kioskErrorText(e, t));
    } finally {
      if (gen === generation.current) setBusy(null);
    }
  };
  const take = () => (topic ? issue(`topic:${topic}`, { topic }) : Promise.resolve());

  // Information: read from the knowledge base in the client's language.
  const loadTopics = async () => {
    const gen = generation.current;
    setInfo((s) => ({ ...s, loading: true, failed: false }));
    try {
      const topics = await fetchTopics(lang);
      if (gen === generation.current) setInfo((s) => ({ ...s, topics, loading: false }));
    } catch {
      if (gen === generation.current) setInfo((s) => ({ ...s, loading: false, failed: true }));
    }
  };
  const openItem = async (slug: string) => {
    const gen = generation.current;
    setError(null);
    setStep('info-item');
    setInfo((s) => ({ ...s, itemSlug: slug, item: s.item?.slug === slug ? s.item : null, loading: true, failed: false }));
    try {
      const item = await fetchItem(lang, slug);
      if (gen === generation.current) setInfo((s) => ({ ...s, item, loading: false }));
    } catch {
      if (gen === generation.current) setInfo((s) => ({ ...s, loading: false, failed: true }));
    }
  };
  const openInformation = () => {
    setError(null);
    setStep('info-topics');
    if (!info.topics) void loadTopics();
  };
  const openTopic = (slug: string) => {
    setError(null);
    setInfo((s) => ({ ...s, topicSlug: slug }));
    setStep('info-topic');
  };
  /** Back from a procedure or answer: to its topic when the kiosk has it, else to all topics. */
  const backFromItem = () => {
    const slug = info.item?.topic?.slug ?? info.topicSlug;
    setError(null);
    if (slug && info.topics?.some((tp) => tp.slug === slug)) openTopic(slug);
    else openInformation();
  };
  /** A ticket for a network topic from the information pages: the usual confirm step. */
  const ticketFor = (code: string) => {
    chooseTopic(code);
  };

  // Print once the ticket (and its QR code) is on the page.
  const printed = useRef<string | null>(null);
  useEffect(() => {
    if (step !== 'ticket' || !issued || !qr || printed.current === issued.ticket.id) return;
    printed.current = issued.ticket.id;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [step, issued, qr]);

  const say = (...texts: string[]): Spoken[] => texts.map((s) => ({ text: s, lang: uiLang }));
  const errorBox = error && (
    <div className="kiosk-error" role="alert">
      <h2>{t('kiosk.error.title')}</h2>
      <p lang={lang}>{error}</p>
    </div>
  );
  const backButton = (onClick: () => void) => (
    <button type="button" className="button secondary kiosk-button" onClick={onClick}>
      {t('kiosk.back')}
    </button>
  );
  const menuButton = (
    <button type="button" className="button secondary kiosk-button" onClick={() => setStep('mode')}>
      {k('info.menu')}
    </button>
  );

  let content: ReactNode;
  let spoken: Spoken[];
  if (step === 'language') {
    spoken = say(t('kiosk.language.title'), t('kiosk.language.intro'));
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
  } else if (step === 'mode') {
    spoken = [
      ...(centreOpen ? say(k('mode.title'), k('mode.read'), k('mode.readHint'), k('mode.ticket'), k('mode.ticketHint')) : say(k('mode.title'), k('mode.closed'), k('mode.read'), k('mode.readHint'))),
      ...say(sv('kiosk.mode'), sv('kiosk.modeHint')),
    ];
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {k('mode.title')}
        </h1>
        {!centreOpen && (
          <p className="kiosk-notice" role="note" data-testid="kiosk-closed">
            {k('mode.closed')}
          </p>
        )}
        <ul className="kiosk-grid kiosk-modes" role="list">
          <li>
            <button type="button" className="kiosk-tile kiosk-mode" data-mode="information" onClick={openInformation}>
              <span className="kiosk-tile-title">{k('mode.read')}</span>
              <span className="kiosk-tile-detail">{k('mode.readHint')}</span>
            </button>
          </li>
          <li>
            <button type="button" className="kiosk-tile kiosk-mode" data-mode="ticket" disabled={!centreOpen} onClick={() => setStep('topic')}>
              <span className="kiosk-tile-title">{k('mode.ticket')}</span>
              <span className="kiosk-tile-detail">{k('mode.ticketHint')}</span>
            </button>
          </li>
          <li>
            <button type="button" className="kiosk-tile kiosk-mode" data-mode="survey" onClick={() => setStep('survey')}>
              <span className="kiosk-tile-title">{sv('kiosk.mode')}</span>
              <span className="kiosk-tile-detail">{sv('kiosk.modeHint')}</span>
            </button>
          </li>
        </ul>
      </>
    );
  } else if (step === 'survey') {
    // How did we do: the satisfaction survey of a visit that ended today, by its ticket number.
    spoken = say(sv('kiosk.mode'), sv('intro'), sv('kiosk.ticketLabel'), sv('kiosk.ticketHint'));
    content = (
      <>
        <KioskSurvey lang={uiLang} heading={heading} onDone={reset} />
        <div className="kiosk-nav">{backButton(() => setStep('mode'))}</div>
      </>
    );
  } else if (step === 'topic') {
    spoken = say(
      t('kiosk.topic.title'),
      t('kiosk.topic.intro'),
      ...KIOSK_TOPICS.flatMap((c) => {
        const range = waitFor(waits, { topic: c });
        return range ? [t(`topics.${c}`), spokenWait(k, range)] : [t(`topics.${c}`)];
      }),
    );
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.topic.title')}
        </h1>
        <p className="kiosk-intro">{t('kiosk.topic.intro')}</p>
        <ul className="kiosk-grid kiosk-topics" role="list">
          {KIOSK_TOPICS.map((code) => {
            const range = waitFor(waits, { topic: code });
            return (
              <li key={code}>
                <button type="button" className="kiosk-tile" data-topic={code} onClick={() => chooseTopic(code)}>
                  <span className="kiosk-tile-title">{t(`topics.${code}`)}</span>
                  {range && <WaitBadge k={k} range={range} />}
                </button>
              </li>
            );
          })}
        </ul>
        <div className="kiosk-nav">{backButton(() => setStep('mode'))}</div>
      </>
    );
  } else if (step === 'confirm') {
    const topicLabel = topic ? t(`topics.${topic}`) : '';
    const range = waitFor(waits, { topic });
    spoken = say(
      t('kiosk.confirm.title'),
      t('kiosk.confirm.chosen', { topic: topicLabel }),
      ...(range && waits ? [spokenWait(k, range), k('wait.accuracy', { count: waits.accuracyInTen })] : []),
      ...(error ? [error] : []),
    );
    content = (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('kiosk.confirm.title')}
        </h1>
        <p className="kiosk-chosen">{t('kiosk.confirm.chosen', { topic: topicLabel })}</p>
        {range && waits && <WaitBeforeTicket k={k} range={range} accuracyInTen={waits.accuracyInTen} />}
        {errorBox}
        <div className="kiosk-nav">
          <button type="button" className="button kiosk-take" disabled={busy !== null} aria-busy={busy !== null || undefined} onClick={() => void take()}>
            {busy ? t('kiosk.confirm.busy') : error ? t('kiosk.error.retry') : t('kiosk.confirm.take')}
          </button>
          {backButton(() => setStep('topic'))}
        </div>
      </>
    );
  } else if (step === 'ticket') {
    const number = issued?.ticket.number ?? '';
    const service = kioskServiceName(issued?.service.name ?? {}, lang);
    spoken = say(t('kiosk.ticket.spoken', { number, wait: t('kiosk.ticket.wait') }));
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
  } else {
    // Information pages: loading and failure first, then the page itself.
    const topicPage = step === 'info-topic' ? info.topics?.find((tp) => tp.slug === info.topicSlug) : undefined;
    const back = step === 'info-item' ? backFromItem : step === 'info-topic' ? openInformation : () => setStep('mode');
    const itemSlug = step === 'info-item' ? info.itemSlug : null;
    const retry = itemSlug ? () => void openItem(itemSlug) : () => void loadTopics();
    let page: ReactNode;
    if (info.failed) {
      spoken = say(k('info.error'));
      page = (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {k('info.title')}
          </h1>
          <div className="kiosk-error" role="alert">
            <p>{k('info.error')}</p>
          </div>
          <div className="kiosk-nav">
            <button type="button" className="button kiosk-take" onClick={retry}>
              {k('info.retry')}
            </button>
          </div>
        </>
      );
    } else if (step === 'info-topics' && info.topics) {
      spoken = spokenTopics(info.topics, text);
      page = <InfoTopics topics={info.topics} text={text} heading={heading} onOpen={openTopic} />;
    } else if (step === 'info-topic' && topicPage) {
      spoken = spokenTopic(topicPage, text);
      const code = topicPage.topicCode;
      page = (
        <InfoTopic
          topic={topicPage}
          text={text}
          heading={heading}
          onOpen={(slug) => void openItem(slug)}
          onTicket={code ? () => ticketFor(code) : null}
        />
      );
    } else if (step === 'info-item' && info.item && !info.loading) {
      const desks = desksHere(info.item, identity.centre.id);
      const topicCode = info.topics?.find((tp) => tp.slug === info.item?.topic?.slug)?.topicCode ?? undefined;
      spoken = [
        ...spokenItem(info.item, desks, text),
        // Each desk's expected wait, after what the page says about the desks (by its ticket letter: its name may be in another language).
        ...desks.flatMap((d) => {
          const range = waitFor(waits, { serviceId: d.id });
          return range ? say(k('desk.prefix', { prefix: d.ticketPrefix }), spokenWait(k, range)) : [];
        }),
        ...(error ? say(t('kiosk.error.title'), error) : []),
      ];
      page = (
        <InfoItem
          item={info.item}
          desks={desks}
          text={text}
          heading={heading}
          busy={busy}
          error={errorBox}
          onTake={(service) => void issue(service.id, { serviceId: service.id, ...(topicCode ? { topic: topicCode } : {}) })}
          onWelcomeDesk={() => ticketFor('general-information')}
          waitOf={(serviceId) => {
            const range = waitFor(waits, { serviceId });
            return range && <WaitBadge k={k} range={range} />;
          }}
        />
      );
    } else {
      spoken = say(k('info.loading'));
      page = (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {k('info.title')}
          </h1>
          <p className="kiosk-intro" role="status">
            {k('info.loading')}
          </p>
        </>
      );
    }
    content = (
      <>
        {page}
        <div className="kiosk-nav">
          {backButton(back)}
          {step !== 'info-topics' && menuButton}
        </div>
      </>
    );
  }

  const machineTranslated = isMachineTranslated(uiLang, 'screens') || isMachineTranslated(uiLang, 'kiosk') || (step === 'survey' && isMachineTranslated(uiLang, 'survey'));
  return (
    <div className="kiosk">
      <div className="kiosk-screen">
        <header className="kiosk-header" lang={uiLang} dir={dir}>
          <span className="kiosk-centre">
            <bdi>{identity.centre.name}</bdi>
          </span>
          {step !== 'language' && (
            <button type="button" className="button secondary kiosk-language-button" data-testid="kiosk-change-language" onClick={() => setStep('language')}>
              <span lang={lang} dir={languageInfo(lang)?.dir ?? 'ltr'}>
                {currentLanguage}
              </span>
              <span aria-hidden="true"> · </span>
              <span>{k('language.change')}</span>
            </button>
          )}
        </header>
        <main id="main" tabIndex={-1} className="kiosk-main" lang={uiLang} dir={dir}>
          {content}
          <div className="kiosk-tools">
            <ReadAloud segments={spoken} label={t('kiosk.readAloud')} stopLabel={k('read.stop')} lang={uiLang} dir={dir} />
            {step !== 'language' && step !== 'ticket' && (
              <button type="button" className="button secondary kiosk-button" onClick={reset}>
                {t('kiosk.startAgain')}
              </button>
            )}
          </div>
        </main>
        {machineTranslated && (
          <footer className="kiosk-footer" lang={uiLang} dir={dir}>
            <p>{t('machineTranslated')}</p>
          </footer>
        )}
        {remaining !== null && (
          <div className="kiosk-idle-backdrop">
            <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-body" lang={uiLang} dir={dir}>
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

/**
 * Whether the centre is open now, by its opening hours in its own time zone, checked every half
 * minute: a closed centre's kiosk says so before the client picks anything, and still reads
 * information. Judged by the server's clock (a kiosk's own may be wrong). Without hours (an older
 * server) the kiosk assumes open and the server decides.
 */
function useCentreOpen({ centre, serverTime }: DeviceIdentity): boolean {
  const [offset] = useState(() => (serverTime ? Date.parse(serverTime) - Date.now() : 0));
  const check = useCallback(() => !centre.openingHours || isOpenAt(centre.openingHours, new Date(Date.now() + offset), centre.timeZone), [centre.openingHours, centre.timeZone, offset]);
  const [open, setOpen] = useState(check);
  useEffect(() => {
    setOpen(check());
    const timer = setInterval(() => setOpen(check()), 30_000);
    return () => clearInterval(timer);
  }, [check]);
  return open;
}
