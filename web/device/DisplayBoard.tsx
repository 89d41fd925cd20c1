import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection, formattingLocale } from '../../core/languages.ts';
import { get, type DeviceIdentity } from '../api.ts';
import { useCentreEvents, type CentreEventMessage } from './centreEvents.ts';
import { screensLanguage, screensT, shownLanguage } from './language.ts';
import { AnnouncementQueue, chime, soundRemembered, speak, unlockAudio } from './speech.ts';
import './device.css';

export interface BoardCall {
  ticketId: string;
  number: string;
  counterNumber: number;
  language: string;
  /** Still being called: the client has not reached the counter (started, finished, no-show… end it). */
  calling: boolean;
  /** Changes on every announcement (also a recall), so the highlight restarts. */
  seq: number;
}

const KEEP_CALLS = 10;
/** Calls shown large at once: the newest across the top, up to three more below it. */
const LARGE_CALLS = 4;
/** Rows of the last-calls list: as many as fit the shortest board (1366×768) without scrolling. */
const LIST_ROWS = 8;
/** Events after which a called ticket is no longer calling. */
const CALL_ENDED = new Set(['ticket.started', 'ticket.finished', 'ticket.no_show', 'ticket.parked', 'ticket.transferred', 'ticket.cancelled']);
const PAIRED_NOTICE_MS = 20_000;

/** The board keeps its last calls and event id for the browser session, so a reload resumes without missing a call. */
interface Saved {
  lastId: number;
  calls: BoardCall[];
  notice?: string | null;
}
const storageKey = (deviceId: string) => `balcao.board.${deviceId}`;
function loadSaved(deviceId: string): Saved | null {
  try {
    const raw = sessionStorage.getItem(storageKey(deviceId));
    const saved = raw ? (JSON.parse(raw) as Saved) : null;
    return saved && Array.isArray(saved.calls) && typeof saved.lastId === 'number' ? saved : null;
  } catch {
    return null;
  }
}
function save(deviceId: string, saved: Saved): void {
  try {
    sessionStorage.setItem(storageKey(deviceId), JSON.stringify(saved));
  } catch {
    // Without storage a reload starts with an empty list: new calls still show.
  }
}

/** The sentence of a call in a language's screens text, e.g. "Senha A023, dirija-se ao posto 5". */
export function callSentence(call: { number: string; counterNumber: number }, lang: string): string {
  return screensT(lang)('call.sentence', { number: call.number, counter: call.counterNumber });
}

function Clock({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('screens');
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  let text: string;
  try {
    text = new Intl.DateTimeFormat(formattingLocale(i18n.language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(now);
  } catch {
    text = now.toISOString().slice(11, 16);
  }
  return (
    <p className="board-clock">
      <span className="visually-hidden">{t('board.clock')} </span>
      <time dateTime={now.toISOString()}>{text}</time>
    </p>
  );
}

/**
 * One call shown large: the number, the counter in the board's language, and the sentence in the
 * client's language, marked with that language and its direction (an Arabic line reads right to
 * left on a Portuguese board). The newest call flashes until the next one comes.
 */
function CallCard({ call, isNew }: { call: BoardCall; isNew: boolean }) {
  const { t } = useTranslation('screens');
  const lang = screensLanguage(call.language);
  return (
    <li className={`board-call${isNew ? ' is-new' : ''}`} data-ticket={call.number}>
      <p className="board-call-number">
        <span className="visually-hidden">{t('board.ticket')} </span>
        {call.number}
      </p>
      <p className="board-call-counter">{t('board.counter', { counter: call.counterNumber })}</p>
      <p className="board-call-sentence" lang={lang} dir={textDirection(lang)}>
        {callSentence(call, lang)}
      </p>
    </li>
  );
}

/**
 * The display board of the waiting room: the calls still being called large (the newest first and
 * flashing), the last calls, the managers' notice line, the centre and its clock. Made for the
 * screens boards really are (1920×1080, 1366×768, portrait 1080×1920): it never scrolls. Follows the centre's events; chimes and reads each call out in the centre's
 * language and then in the client's, one call after another.
 */
export function DisplayBoard({ identity, justPaired }: { identity: DeviceIdentity; justPaired: boolean }) {
  // A reload in this browser session resumes from what it kept; a board opened afresh first reads
  // today's last calls, so the waiting room sees them at once instead of an empty board.
  const [initial, setInitial] = useState<Saved | null | undefined>(() => loadSaved(identity.device.id) ?? undefined);
  useEffect(() => {
    if (initial !== undefined) return;
    get<{ lastEventId: number; calls: Omit<BoardCall, 'seq'>[]; notice: string | null }>(`/api/centres/${identity.centre.id}/recent-calls`).then(
      (r) => setInitial({ lastId: r.lastEventId, notice: r.notice, calls: r.calls.slice(0, KEEP_CALLS).map((c, i) => ({ ...c, seq: -i - 1 })) }),
      () => setInitial(null),
    );
  }, [initial, identity.centre.id]);
  if (initial === undefined) return null;
  return <Board identity={identity} justPaired={justPaired} saved={initial} />;
}

function Board({ identity, justPaired, saved }: { identity: DeviceIdentity; justPaired: boolean; saved: Saved | null }) {
  const { t, i18n } = useTranslation('screens');
  const { t: tw } = useTranslation();
  // Words for whoever set the screen up come from the staff text (pt-PT, en): marked with their language.
  const staffLang = shownLanguage(i18n.language, 'web');
  const [calls, setCalls] = useState<BoardCall[]>(() => (saved?.calls ?? []).map((c) => ({ ...c, calling: c.calling !== false })));
  const [notice, setNotice] = useState<string | null>(saved?.notice ?? null);
  const [soundOn, setSoundOn] = useState(soundRemembered);
  const soundRef = useRef(soundOn);
  const queue = useRef(new AnnouncementQueue());
  const centreLang = identity.centre.languages[0] ?? 'pt-PT';
  const startButton = useRef<HTMLButtonElement>(null);
  // "Paired with …" is for whoever set the screen up: it leaves the waiting room's board after a while.
  const [pairedNotice, setPairedNotice] = useState(justPaired);
  useEffect(() => {
    if (!pairedNotice) return;
    const timer = setTimeout(() => setPairedNotice(false), PAIRED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [pairedNotice]);

  useEffect(() => {
    soundRef.current = soundOn;
  }, [soundOn]);
  useEffect(() => {
    if (!soundOn) startButton.current?.focus();
  }, [soundOn]);

  const announce = useCallback(
    (call: BoardCall) => {
      queue.current.add(async () => {
        if (!soundRef.current) return;
        await chime();
        const first = screensLanguage(centreLang);
        await speak(callSentence(call, first), first);
        const second = screensLanguage(call.language);
        if (second !== first) await speak(callSentence(call, second), second);
      });
    },
    [centreLang],
  );

  const onEvent = useCallback(
    (e: CentreEventMessage) => {
      if (e.type === 'board.notice') {
        const text = (e.data as { notice?: string | null }).notice;
        setNotice(typeof text === 'string' && text ? text : null);
        return;
      }
      const d = e.data as { ticketId?: string; number?: string; counterNumber?: number; language?: string };
      if (!d.ticketId) return;
      if (CALL_ENDED.has(e.type)) {
        setCalls((prev) => prev.map((c) => (c.ticketId === d.ticketId && c.calling ? { ...c, calling: false } : c)));
        return;
      }
      if (e.type !== 'ticket.called' || !d.number) return;
      const call: BoardCall = { ticketId: d.ticketId, number: d.number, counterNumber: Number(d.counterNumber ?? 0), language: d.language ?? centreLang, calling: true, seq: e.id };
      setCalls((prev) => [call, ...prev.filter((c) => c.ticketId !== call.ticketId)].slice(0, KEEP_CALLS));
      announce(call);
    },
    [announce, centreLang],
  );
  const { state, lastId } = useCentreEvents(identity.centre.id, onEvent, undefined, saved?.lastId);
  useEffect(() => {
    if (lastId > 0) save(identity.device.id, { lastId, calls, notice });
  }, [identity.device.id, lastId, calls, notice]);

  const calling = calls.filter((c) => c.calling).slice(0, LARGE_CALLS);
  const newest = calls[0];

  return (
    <div className="board">
      <header className="board-header">
        <h1>
          <bdi>{identity.centre.name}</bdi>
        </h1>
        <Clock timeZone={identity.centre.timeZone} />
      </header>
      {notice && (
        <p className="board-notice-line" data-testid="board-notice">
          <span className="board-notice-label">{t('board.notice')}</span> <bdi>{notice}</bdi>
        </p>
      )}
      <main id="main" tabIndex={-1} className="board-main">
        {pairedNotice && (
          <p className="notice board-notice" role="status" lang={staffLang} dir={textDirection(staffLang)}>
            {tw('device.pairedTo', { centre: identity.centre.name, name: identity.device.name })}
          </p>
        )}
        <section className="board-current" aria-labelledby="board-current-title">
          <h2 id="board-current-title" className="board-section-title">
            {t('board.current')}
          </h2>
          <ol className="board-calls" aria-live="assertive" data-testid="current-call">
            {calling.map((c) => (
              <CallCard key={`${c.ticketId}-${c.seq}`} call={c} isNew={c === newest} />
            ))}
          </ol>
          {calling.length === 0 && <p className="board-empty">{calls.length ? t('board.nothingCalling') : t('board.noCalls')}</p>}
        </section>
        <section className="board-recent" aria-labelledby="board-recent-title">
          <h2 id="board-recent-title" className="board-section-title">
            {t('board.recent')}
          </h2>
          <table className="board-recent-table" data-testid="recent-calls">
            <thead>
              <tr>
                <th scope="col">{t('board.ticket')}</th>
                <th scope="col">{t('board.counterHeader')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.slice(0, LIST_ROWS).map((c) => (
                <tr key={c.ticketId} className={c.calling ? 'is-calling' : undefined}>
                  <td>{c.number}</td>
                  <td>{c.counterNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <footer className="board-footer">
        <p className="board-device" lang={staffLang} dir={textDirection(staffLang)}>
          {tw('device.placeholder.display', { centre: identity.centre.name, name: identity.device.name })}
        </p>
        <p className={`board-connection ${state}`} role="status" data-testid="connection">
          {state === 'reconnecting' ? t('board.reconnecting') : state === 'live' ? t('board.live') : ''}
        </p>
      </footer>
      {!soundOn && (
        <div className="sound-overlay">
          <div className="sound-card">
            <p>{t('sound.explain')}</p>
            <button
              ref={startButton}
              type="button"
              className="button sound-button"
              onClick={() => {
                unlockAudio();
                setSoundOn(true);
              }}
            >
              {t('sound.start')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
