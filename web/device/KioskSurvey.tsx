import { useEffect, useRef, useState, type RefObject } from 'react';
import { textDirection } from '../../core/languages.ts';
import { MAX_COMMENT_LENGTH } from '../../core/surveys/questions.ts';
import { get, post } from '../api.ts';
import { i18next } from '../i18n.ts';
import type { SurveyForm, SurveyInvitation } from '../surveys/model.ts';
import { kioskErrorText } from './Kiosk.tsx';

type Stage = { kind: 'ticket' } | { kind: 'form'; token: string; form: SurveyForm } | { kind: 'message'; text: string; thanks: boolean };

/**
 * The kiosk's "how did we do" screen: the client types the number on today's ticket (a scanner
 * reading the ticket's QR code types its address, which works too), answers the IOM questions on
 * large tiles, may leave a comment, and sends. Anonymous: the kiosk keeps nothing afterwards.
 */
export function KioskSurvey({ lang, heading, onDone }: { lang: string; heading: RefObject<HTMLHeadingElement | null>; onDone: () => void }) {
  const s = i18next.getFixedT(lang, 'survey');
  const screens = i18next.getFixedT(lang, 'screens');
  const [stage, setStage] = useState<Stage>({ kind: 'ticket' });
  const [ticket, setTicket] = useState('');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  useEffect(() => heading.current?.focus(), [stage.kind, heading]);

  const find = async () => {
    if (busy || !ticket.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const invitation = await post<SurveyInvitation>('/api/surveys/kiosk/lookup', { ticket }, { allow401: true });
      if (invitation.state !== 'open') {
        if (alive.current) setStage({ kind: 'message', text: s(invitation.state === 'answered' ? 'answered' : 'closed'), thanks: false });
        return;
      }
      const form = await get<SurveyForm>(`/api/surveys/form/${invitation.token}?lang=${encodeURIComponent(lang)}`, { allow401: true });
      if (alive.current) setStage({ kind: 'form', token: invitation.token, form });
    } catch (e) {
      if (alive.current) setError(kioskErrorText(e, screens));
    } finally {
      if (alive.current) setBusy(false);
    }
  };
  const send = async (token: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/surveys/form/${token}`, { answers, comment: comment.trim() || null }, { allow401: true });
      if (alive.current) setStage({ kind: 'message', text: s('thanks.body'), thanks: true });
    } catch (e) {
      if (alive.current) setError(kioskErrorText(e, screens));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const errorBox = error && (
    <div className="kiosk-error" role="alert">
      <h2>{screens('kiosk.error.title')}</h2>
      <p lang={lang}>{error}</p>
    </div>
  );

  if (stage.kind === 'message') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {stage.thanks ? s('thanks.title') : s('title')}
        </h1>
        <p className="kiosk-intro" role="status">
          {stage.text}
        </p>
        <div className="kiosk-nav">
          <button type="button" className="button kiosk-take" onClick={onDone}>
            {s('kiosk.finish')}
          </button>
        </div>
      </>
    );
  }

  if (stage.kind === 'ticket') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {s('kiosk.mode')}
        </h1>
        <p className="kiosk-intro">{s('intro')}</p>
        <form
          className="kiosk-survey-ticket"
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <label htmlFor="kiosk-survey-ticket">{s('kiosk.ticketLabel')}</label>
          <p id="kiosk-survey-ticket-hint">{s('kiosk.ticketHint')}</p>
          <input id="kiosk-survey-ticket" value={ticket} onChange={(e) => setTicket(e.target.value)} maxLength={300} autoComplete="off" autoCapitalize="characters" spellCheck={false} aria-describedby="kiosk-survey-ticket-hint" dir="ltr" />
          {errorBox}
          <div className="kiosk-nav">
            <button type="submit" className="button kiosk-take" disabled={busy || !ticket.trim()} aria-busy={busy || undefined}>
              {s('kiosk.find')}
            </button>
          </div>
        </form>
      </>
    );
  }

  const { form, token } = stage;
  const machine = form.questions.some((q) => q.machineTranslated && !q.fallback);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {s('title')}
      </h1>
      <p className="kiosk-intro">{s('intro')}</p>
      {machine && <p className="kiosk-notice">{s('machine')}</p>}
      <form
        className="kiosk-survey"
        onSubmit={(e) => {
          e.preventDefault();
          void send(token);
        }}
      >
        {form.questions.map((q) => (
          <fieldset key={q.id} className="kiosk-survey-question" lang={q.lang !== lang ? q.lang : undefined} dir={q.lang !== lang ? textDirection(q.lang) : undefined}>
            <legend>{q.content.prompt}</legend>
            {q.fallback && (
              <p className="kiosk-notice" lang={lang} dir={textDirection(lang)}>
                {s('fallback')}
              </p>
            )}
            <ul className="kiosk-grid kiosk-survey-options" role="list">
              {q.content.options.map((label, i) => (
                <li key={label}>
                  <label className="kiosk-tile kiosk-survey-option">
                    <input type="radio" name={`kiosk-q-${q.id}`} value={i + 1} checked={answers[q.id] === i + 1} onChange={() => setAnswers((a) => ({ ...a, [q.id]: i + 1 }))} />
                    <span>{label}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        <label htmlFor="kiosk-survey-comment" className="kiosk-survey-comment-label">
          {s('comment.label')}
        </label>
        <p id="kiosk-survey-comment-hint">{s('comment.hint')}</p>
        <textarea id="kiosk-survey-comment" className="kiosk-survey-comment" rows={3} maxLength={MAX_COMMENT_LENGTH} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="kiosk-survey-comment-hint" />
        {errorBox}
        <div className="kiosk-nav">
          <button type="submit" className="button kiosk-take" disabled={busy} aria-busy={busy || undefined}>
            {s('submit')}
          </button>
        </div>
      </form>
    </>
  );
}
