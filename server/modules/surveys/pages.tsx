import type { TFunction } from 'i18next';
import { textDirection } from '../../../core/languages.ts';
import { MAX_COMMENT_LENGTH } from '../../../core/surveys/questions.ts';
import { escapeHtml } from '../../http/html.ts';
import { hasTranslation, translator } from '../../i18n.ts';
import { Layout, type PageContext } from '../public-site/layout.tsx';
import type { ClientQuestion, Invitation, SurveyForm } from './service.ts';

export const surveyPath = (token: string) => `/survey/${token}`;

/** The site's page context for a survey page (the site's header, footer and language switch). */
export function surveyPageContext(locale: string, token: string): PageContext & { s: TFunction } {
  return { locale, t: translator(locale, 'site'), path: surveyPath(token), uiFallback: !hasTranslation(locale, 'survey'), s: translator(locale, 'survey') };
}

/**
 * The card on the phone page once the visit is over: an invitation to answer, in the page's
 * language, or a thank-you once answered. Nothing when the survey has closed.
 */
export function surveyInviteHtml(invitation: Invitation | null, lang: string): string {
  if (!invitation || invitation.state === 'closed') return '';
  const s = translator(lang, 'survey');
  if (invitation.state === 'answered') return `<section class="card" aria-labelledby="survey-invite"><h2 id="survey-invite">${escapeHtml(s('thanks.title'))}</h2><p>${escapeHtml(s('thanks.body'))}</p></section>`;
  return `<section class="card survey-invite" aria-labelledby="survey-invite"><h2 id="survey-invite">${escapeHtml(s('invite.title'))}</h2><p>${escapeHtml(s('invite.body'))}</p><p><a class="survey-link" href="/${escapeHtml(lang)}${surveyPath(invitation.token)}">${escapeHtml(s('invite.link'))}</a></p></section>`;
}

function Question({ pc, q, chosen, error }: { pc: ReturnType<typeof surveyPageContext>; q: ClientQuestion; chosen: number | undefined; error: string | undefined }) {
  const other = q.lang !== pc.locale;
  const name = `q-${q.id}`;
  return (
    <fieldset className="survey-question" aria-describedby={error ? `${name}-error` : undefined} lang={other ? q.lang : undefined} dir={other ? textDirection(q.lang) : undefined}>
      <legend>{q.content.prompt}</legend>
      {q.fallback ? (
        <p className="notice" lang={pc.locale} dir={textDirection(pc.locale)}>
          {pc.s('fallback')}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <ul className="survey-options">
        {q.content.options.map((label, i) => (
          <li key={label}>
            <input type="radio" id={`${name}-${i + 1}`} name={name} value={i + 1} defaultChecked={chosen === i + 1} />
            <label htmlFor={`${name}-${i + 1}`}>{label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export interface FormState {
  answers: Record<string, number>;
  comment: string;
  /** A message for the whole form (e.g. nothing answered), and per question. */
  error?: string | undefined;
  fieldErrors?: Record<string, string> | undefined;
}

/** The survey as a plain HTML form: radio buttons in fieldsets, a comment box, one button. No JavaScript. */
export function SurveyPage({ pc, token, form, state }: { pc: ReturnType<typeof surveyPageContext>; token: string; form: SurveyForm; state: FormState }) {
  const { s } = pc;
  const machine = form.questions.some((q) => q.machineTranslated && !q.fallback);
  return (
    <Layout pc={pc} title={s('title')}>
      <h1>{s('title')}</h1>
      <p className="lead">{s('intro')}</p>
      {machine ? (
        <p className="notice" role="note">
          {s('machine')}
        </p>
      ) : null}
      {state.error ? (
        <div className="notice survey-error" role="alert" id="survey-error" tabIndex={-1}>
          <p>{state.error}</p>
        </div>
      ) : null}
      <form method="post" action={`/${pc.locale}${surveyPath(token)}`} className="survey" noValidate>
        {form.questions.map((q) => (
          <Question key={q.id} pc={pc} q={q} chosen={state.answers[q.id]} error={state.fieldErrors?.[q.id]} />
        ))}
        <div className="survey-comment">
          <label htmlFor="comment">{s('comment.label')}</label>
          <p id="comment-hint" className="muted">
            {s('comment.hint')}
          </p>
          <textarea id="comment" name="comment" rows={4} maxLength={MAX_COMMENT_LENGTH} aria-describedby="comment-hint" defaultValue={state.comment} />
        </div>
        <button type="submit">{s('submit')}</button>
      </form>
    </Layout>
  );
}

/** A page with one message: thanks, already answered, closed, not valid. */
export function SurveyMessagePage({ pc, title, body }: { pc: ReturnType<typeof surveyPageContext>; title: string; body: string }) {
  return (
    <Layout pc={pc} title={title}>
      <h1>{title}</h1>
      <p className="lead" role="status">
        {body}
      </p>
    </Layout>
  );
}
