import type { TFunction } from 'i18next';
import { localizedName } from '../../http/html.ts';
import { hasTranslation, translator } from '../../i18n.ts';
import { InLanguage, Layout, type PageContext } from '../public-site/layout.tsx';
import type { PublishedDraw, RequestStatusView, RoundView } from './allocation-service.ts';

export const drawPath = (roundId: string) => `/appointments/draws/${roundId}`;
export const requestFormPath = (roundId: string) => `/appointments/rounds/${roundId}/request`;
export const statusPath = (token: string) => `/appointments/requests/${token}`;

export type AllocationPageContext = PageContext & { a: TFunction; timeZone: string };

export function allocationPageContext(locale: string, path: string, timeZone: string): AllocationPageContext {
  return { locale, t: translator(locale, 'site'), path, uiFallback: !hasTranslation(locale, 'allocation'), a: translator(locale, 'allocation'), timeZone };
}

const when = (pc: AllocationPageContext, iso: string) => new Intl.DateTimeFormat(pc.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: pc.timeZone }).format(new Date(iso));
const day = (pc: AllocationPageContext, date: string) => new Intl.DateTimeFormat(pc.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

function ServiceName({ pc, name }: { pc: AllocationPageContext; name: Record<string, string> }) {
  const n = localizedName(name, pc.locale);
  return (
    <InLanguage pc={pc} lang={n.lang} as="span">
      {n.text}
    </InLanguage>
  );
}

function RoundFacts({ pc, round, serviceName }: { pc: AllocationPageContext; round: RoundView; serviceName: Record<string, string> }) {
  const { a } = pc;
  return (
    <dl className="facts">
      <dt>{a('facts.service')}</dt>
      <dd>
        <ServiceName pc={pc} name={serviceName} />
      </dd>
      <dt>{a('facts.week')}</dt>
      <dd>{day(pc, round.weekStart)}</dd>
      <dt>{a('facts.places')}</dt>
      <dd>{round.places}</dd>
      <dt>{a('facts.window')}</dt>
      <dd>{a('facts.windowValue', { opens: when(pc, round.opensAt), closes: when(pc, round.closesAt) })}</dd>
    </dl>
  );
}

/** The published draw: the commitment, the seed once revealed, and every request id in draw order. */
export function DrawPage({ pc, published, serviceName }: { pc: AllocationPageContext; published: PublishedDraw; serviceName: Record<string, string> }) {
  const { a } = pc;
  const { round, draw } = published;
  return (
    <Layout pc={pc} title={a('draw.title')}>
      <h1>{a('draw.title')}</h1>
      <p className="lead">{a('draw.intro')}</p>
      <RoundFacts pc={pc} round={round} serviceName={serviceName} />
      <h2>{a('draw.proof')}</h2>
      <dl className="facts proof">
        <dt>{a('draw.commitment')}</dt>
        <dd>
          <code className="hash">{round.seedHash}</code>
        </dd>
        {round.seed ? (
          <>
            <dt>{a('draw.seed')}</dt>
            <dd>
              <code className="hash">{round.seed}</code>
            </dd>
            <dt>{a('draw.digest')}</dt>
            <dd>
              <code className="hash">{round.listDigest}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {round.drawnAt ? (
        <>
          <p>{a('draw.how', { places: round.places })}</p>
          <p>
            <a href={`/api/public/appointments/rounds/${round.id}/draw`}>{a('draw.json')}</a>
          </p>
          {draw.length === 0 ? (
            <p role="status">{a('draw.empty')}</p>
          ) : (
            <table className="draw">
              <caption>{a('draw.caption', { n: draw.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{a('draw.position')}</th>
                  <th scope="col">{a('draw.request')}</th>
                  <th scope="col">{a('draw.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {draw.map((d) => (
                  <tr key={d.id}>
                    <td>{d.position}</td>
                    <td>
                      <code>{d.id}</code>
                    </td>
                    <td>{a(`outcome.${d.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p role="status">{a('draw.notYet', { closes: when(pc, round.closesAt) })}</p>
      )}
    </Layout>
  );
}

export interface RequestFormState {
  values: Record<string, string>;
  error?: string | undefined;
  fieldErrors?: Record<string, string> | undefined;
}

function Field({ name, label, hint, error, type = 'text', value, autoComplete, required }: { name: string; label: string; hint?: string; error?: string | undefined; type?: string; value: string | undefined; autoComplete?: string; required?: boolean }) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <input id={name} name={name} type={type} defaultValue={value} autoComplete={autoComplete} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
    </div>
  );
}

/** The request form: no JavaScript, one page, phone-first. */
export function RequestFormPage({ pc, round, serviceName, languages, state }: { pc: AllocationPageContext; round: RoundView; serviceName: Record<string, string>; languages: { code: string; name: string }[]; state: RequestFormState }) {
  const { a } = pc;
  const f = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <Layout pc={pc} title={a('form.title')}>
      <h1>{a('form.title')}</h1>
      <RoundFacts pc={pc} round={round} serviceName={serviceName} />
      {round.state !== 'open' ? (
        <p className="notice" role="status">
          {a('form.notOpen')}
        </p>
      ) : (
        <>
          <p className="lead">{a('form.intro', { closes: when(pc, round.closesAt) })}</p>
          {state.error ? (
            <div className="notice survey-error" role="alert">
              <p>{state.error}</p>
            </div>
          ) : null}
          <form method="post" action={`/${pc.locale}${requestFormPath(round.id)}`} className="request-form" noValidate>
            <Field name="name" label={a('form.name')} error={f.name} value={v.name} autoComplete="name" required />
            <Field name="documentNumber" label={a('form.document')} hint={a('form.documentHint')} error={f.documentNumber} value={v.documentNumber} autoComplete="off" required />
            <Field name="birthDate" type="date" label={a('form.birthDate')} error={f.birthDate} value={v.birthDate} autoComplete="bday" required />
            <Field name="email" type="email" label={a('form.email')} error={f.email} value={v.email} autoComplete="email" />
            <Field name="phone" type="tel" label={a('form.phone')} error={f.phone} value={v.phone} autoComplete="tel" />
            <div className="field">
              <label htmlFor="language">{a('form.language')}</label>
              <select id="language" name="language" defaultValue={v.language ?? pc.locale}>
                {languages.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field checkbox">
              <input id="needsMediator" name="needsMediator" type="checkbox" value="1" defaultChecked={v.needsMediator === '1'} />
              <label htmlFor="needsMediator">{a('form.mediator')}</label>
            </div>
            <button type="submit">{a('form.submit')}</button>
          </form>
        </>
      )}
      <p>
        <a href={`/${pc.locale}${drawPath(round.id)}`}>{a('form.drawLink')}</a>
      </p>
    </Layout>
  );
}

/** The client's status page: their request number, the outcome, their place on the waiting list. */
export function StatusPage({ pc, token, view, notice }: { pc: AllocationPageContext; token: string; view: RequestStatusView; notice?: string | undefined }) {
  const { a } = pc;
  const live = view.status === 'requested' || view.status === 'allocated' || view.status === 'waiting';
  const message =
    view.status === 'requested'
      ? a('status.requested', { closes: when(pc, view.round.closesAt) })
      : view.status === 'allocated'
        ? a('status.allocated', { week: day(pc, view.round.weekStart) })
        : view.status === 'waiting'
          ? a('status.waiting', { place: view.waitingPlace ?? 0 })
          : a(`status.${view.status}`);
  return (
    <Layout pc={pc} title={a('status.title')}>
      <h1>{a('status.title')}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p className="lead">
        {a('status.number')} <code className="request-id">{view.requestId}</code>
      </p>
      <p className={`request-status status-${view.status}`} role="status">
        {message}
      </p>
      <RoundFacts pc={pc} round={view.round} serviceName={view.service.name} />
      <p>{a('status.keep')}</p>
      <p>
        <a href={`/${pc.locale}${drawPath(view.round.id)}`}>{a('status.drawLink')}</a>
      </p>
      {live ? (
        <form method="post" action={`/${pc.locale}${statusPath(token)}/cancel`}>
          <button type="submit" className="secondary">
            {a('status.cancel')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function AllocationMessagePage({ pc, title, body }: { pc: AllocationPageContext; title: string; body: string }) {
  return (
    <Layout pc={pc} title={title}>
      <h1>{title}</h1>
      <p className="lead" role="status">
        {body}
      </p>
    </Layout>
  );
}
