import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, del, post, localized, type Counter, type Service } from '../api.ts';
import { useSession } from '../session.tsx';
import { CurrentTicketPanel, WalkInForm } from './CounterTicket.tsx';
import { FollowOnReceipt } from './FollowOnReceipt.tsx';
import { LanguageName, TicketNumber, readStored, useCentreConfig, useSnapshot, writeStored, type Snapshot, type Ticket, type WaitingTicket } from './common.tsx';
import './visit.css';

const SESSION_KEY = 'balcao.counter.session';
const LANGUAGES_KEY = 'balcao.counter.languages';

export interface CounterSession {
  counterId: string;
  number: number;
  serviceIds: string[];
  languages: string[];
  /** When it was taken here (ms): snapshots read before then cannot show it yet. */
  takenAt: number;
}

/** Counters of the user's centre that the user may take: their partner's (all for a centre manager). */
export function allowedCounters(counters: Counter[], services: Service[], user: { roles: string[]; partnerId: string | null }): Counter[] {
  const partnerOf = new Map(services.map((s) => [s.id, s.partnerId]));
  return counters
    .filter((c) => c.active && c.serviceIds.length > 0)
    .filter((c) => user.roles.includes('centre_manager') || c.serviceIds.every((id) => partnerOf.get(id) === user.partnerId))
    .sort((a, b) => a.number - b.number);
}

/**
 * The counter workstation: take a counter, then call, serve, finish, park, transfer tickets. The
 * welcoming-and-sorting counters also identify the client and route the visit to its desks.
 */
export function CounterWorkstation() {
  const { t, i18n } = useTranslation('visit');
  const { session } = useSession();
  const user = session!.user;
  const config = useCentreConfig(user.centreId);
  const snapshot = useSnapshot(user.centreId);
  const [mine, setMine] = useState<CounterSession | null>(() => readStored<CounterSession | null>(SESSION_KEY, null));
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  const keep = (s: CounterSession | null) => {
    setMine(s);
    writeStored(SESSION_KEY, s);
  };
  // A remembered counter that is no longer ours (left elsewhere, closed by the manager) is forgotten.
  const state = mine ? snapshot.data?.counters.find((c) => c.counterId === mine.counterId) : undefined;
  useEffect(() => {
    if (mine && snapshot.data && snapshot.readAt > (mine.takenAt ?? 0) && (!state || !state.open || state.staffedById !== user.id)) keep(null);
  }, [mine, snapshot.data, snapshot.readAt, state, user.id]);

  const leave = async () => {
    if (!mine) return;
    setLeaving(true);
    setError(null);
    try {
      await del(`/api/counters/${mine.counterId}/session`);
      keep(null);
      void snapshot.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLeaving(false);
    }
  };

  const services = config.data?.services ?? [];
  const serviceById = new Map(services.map((s) => [s.id, s]));
  return (
    <div className="counter-page">
      {config.error && <p role="alert">{config.error.message}</p>}
      {!mine ? (
        <>
          <h1>{t('counter.title')}</h1>
          {config.data && snapshot.data ? (
            <TakeCounter
              counters={allowedCounters(config.data.counters, services, user)}
              services={serviceById}
              languages={config.data.centre.languages}
              snapshot={snapshot.data}
              me={user.id}
              defaultLanguages={readStored<string[]>(LANGUAGES_KEY, [user.locale])}
              onTaken={(s) => {
                writeStored(LANGUAGES_KEY, s.languages);
                keep(s);
                void snapshot.reload();
              }}
            />
          ) : (
            <p className="loading">{t('common.loading')}</p>
          )}
        </>
      ) : (
        <>
          <div className="counter-head">
            <h1>{t('counter.atCounter', { number: mine.number })}</h1>
            <p className="counter-services">
              {mine.serviceIds.map((id) => (
                <span key={id} className="chip">
                  <bdi>{serviceById.get(id)?.ticketPrefix}</bdi> <bdi>{localized(serviceById.get(id)?.name, i18n.language)}</bdi>
                </span>
              ))}
            </p>
            <button type="button" className="button secondary" onClick={() => void leave()} disabled={leaving}>
              {t('counter.leave')}
            </button>
          </div>
          <div className="live-message" aria-live="assertive">
            {error && <p className="field-error">{error}</p>}
          </div>
          {config.data && snapshot.data && (
            <CounterDesk
              session={mine}
              snapshot={snapshot.data}
              reload={snapshot.reload}
              services={services}
              counters={config.data.counters}
              languages={config.data.centre.languages}
              centre={config.data.centre}
              roles={user.roles}
            />
          )}
        </>
      )}
    </div>
  );
}

function TakeCounter({
  counters,
  services,
  languages,
  snapshot,
  me,
  defaultLanguages,
  onTaken,
}: {
  counters: Counter[];
  services: Map<string, Service>;
  languages: string[];
  snapshot: Snapshot;
  /** The signed-in user's id: a counter they already staff (another tab) can be taken again. */
  me: string;
  defaultLanguages: string[];
  onTaken(session: CounterSession): void;
}) {
  const { t, i18n } = useTranslation('visit');
  const stateOf = (id: string) => snapshot.counters.find((c) => c.counterId === id);
  const takenByOther = (id: string) => {
    const s = stateOf(id);
    return !!s?.open && s.staffedById !== me;
  };
  // The manager may have closed a counter since the configuration was read: the snapshot says.
  const closed = (id: string) => stateOf(id)?.active === false;
  const unavailable = (id: string) => takenByOther(id) || closed(id);
  const firstFree = counters.find((c) => !unavailable(c.id));
  const [counterId, setCounterId] = useState<string>(firstFree?.id ?? '');
  const counter = counters.find((c) => c.id === counterId);
  const [serviceIds, setServiceIds] = useState<string[]>(counter?.serviceIds ?? []);
  const [chosenLanguages, setChosenLanguages] = useState<string[]>(defaultLanguages.filter((l) => languages.includes(l)));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setServiceIds(counter?.serviceIds ?? []), [counter]);

  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!counter) return;
    setBusy(true);
    setError(null);
    try {
      const res = await post<{ counterId: string; number: number; serviceIds: string[]; languages: string[] }>(`/api/counters/${counter.id}/session`, {
        serviceIds,
        languages: chosenLanguages,
      });
      onTaken({ counterId: res.counterId, number: res.number, serviceIds: res.serviceIds, languages: res.languages, takenAt: Date.now() });
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (counters.length === 0) return <p>{t('counter.noCounters')}</p>;
  return (
    <form className="form take-counter" onSubmit={(e) => void submit(e)} noValidate>
      <p className="hint">{t('counter.takeIntro')}</p>
      <fieldset className="tiles-fieldset">
        <legend>{t('counter.chooseCounter')}</legend>
        <div className="tiles counter-tiles">
          {counters.map((c) => {
            const s = stateOf(c.id);
            const off = unavailable(c.id);
            return (
              <label key={c.id} className={`tile counter-tile${off ? ' taken' : ''}`} htmlFor={`take-${c.id}`}>
                <input type="radio" name="counter" id={`take-${c.id}`} value={c.id} checked={counterId === c.id} disabled={off} onChange={() => setCounterId(c.id)} />
                <span className="tile-body">
                  <span className="tile-name">{t('counter.counterNumber', { number: c.number })}</span>
                  <span className="tile-queue">
                    {c.serviceIds.map((id) => (
                      <bdi key={id}>{`${services.get(id)?.ticketPrefix ?? ''} ${localized(services.get(id)?.name, i18n.language)}`}</bdi>
                    ))}
                  </span>
                  <span className="tile-state">
                    {closed(c.id) ? (
                      t('counter.closed')
                    ) : s?.open ? (
                      <>
                        {t('counter.takenBy')} <bdi>{s.staffedBy ?? '?'}</bdi>
                      </>
                    ) : (
                      t('counter.free')
                    )}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {counter && counter.serviceIds.length > 0 && (
        <fieldset>
          <legend>{t('counter.servicesToCall')}</legend>
          <div className="check-grid">
            {counter.serviceIds.map((id) => (
              <div className="check" key={id}>
                <input type="checkbox" id={`take-service-${id}`} checked={serviceIds.includes(id)} onChange={(e) => setServiceIds((l) => toggle(l, id, e.target.checked))} />
                <label htmlFor={`take-service-${id}`}>
                  <bdi>{`${services.get(id)?.ticketPrefix ?? ''} ${localized(services.get(id)?.name, i18n.language)}`}</bdi>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('counter.languagesSpoken')}</legend>
        <p className="hint">{t('counter.languagesHint')}</p>
        <div className="check-grid">
          {languages.map((code) => (
            <div className="check" key={code}>
              <input type="checkbox" id={`take-lang-${code}`} checked={chosenLanguages.includes(code)} onChange={(e) => setChosenLanguages((l) => toggle(l, code, e.target.checked))} />
              <label htmlFor={`take-lang-${code}`}>
                <LanguageName code={code} />
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="live-message" aria-live="assertive">
        {error && <p className="field-error">{error instanceof ApiError && Object.keys(error.fields).length ? `${error.message} ${Object.values(error.fields).join(' ')}` : error.message}</p>}
      </div>
      <button type="submit" className="button large" disabled={busy || !counter || serviceIds.length === 0}>
        {t('counter.take')}
      </button>
    </form>
  );
}

/** The counter at work: the current ticket, the waiting list, parked tickets, walk-ins. */
function CounterDesk({
  session,
  snapshot,
  reload,
  services,
  counters,
  languages,
  centre,
  roles,
}: {
  session: CounterSession;
  snapshot: Snapshot;
  reload: () => Promise<void>;
  services: Service[];
  counters: Counter[];
  languages: string[];
  centre: { name: string; timeZone: string };
  roles: string[];
}) {
  const { t, i18n } = useTranslation('visit');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  // The ticket the client was just sent on with (finish or transfer), offered for printing.
  const [followOn, setFollowOn] = useState<Ticket | null>(null);
  const [busy, setBusy] = useState(false);
  const parked = useMemo(() => snapshot.parked.filter((p) => p.counterId === session.counterId), [snapshot.parked, session.counterId]);
  const state = snapshot.counters.find((c) => c.counterId === session.counterId);
  const current = state?.current ?? null;
  const waiting = useMemo(() => snapshot.waiting.filter((w) => session.serviceIds.includes(w.serviceId)), [snapshot.waiting, session.serviceIds]);
  const serviceById = new Map(services.map((s) => [s.id, s]));

  /** Runs an action; a refusal from the server is shown in the live region, in the interface language. */
  const run = async <T,>(action: () => Promise<T>, after?: (result: T) => string | null | void): Promise<T | undefined> => {
    setBusy(true);
    setMessage(null);
    setFollowOn(null);
    try {
      const result = await action();
      const info = after?.(result);
      if (info) setMessage({ kind: 'info', text: info });
      await reload();
      return result;
    } catch (e) {
      const text = e instanceof ApiError && Object.keys(e.fields).length ? `${e.message} ${Object.values(e.fields).join(' ')}` : e instanceof Error ? e.message : String(e);
      setMessage({ kind: 'error', text });
      await reload();
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const callNext = (ticketId?: string) =>
    run(
      () => post<{ ticket: Ticket; counterNumber: number }>(`/api/counters/${session.counterId}/call-next`, ticketId ? { ticketId } : {}),
      (r) => t('counter.called', { number: r.ticket.number }),
    );

  return (
    <div className="counter-desk">
      <section className="counter-current" aria-labelledby="current-title">
        <h2 id="current-title">{t('counter.current')}</h2>
        {current ? (
          <CurrentTicketPanel
            key={current.id}
            ticket={current}
            clientName={current.clientName ?? ''}
            services={services}
            counters={counters}
            canSort={roles.includes('mediator') || roles.includes('centre_manager')}
            busy={busy}
            run={run}
            onFollowOn={setFollowOn}
          />
        ) : (
          <div className="panel current-empty">
            <p>{t('counter.noCurrent')}</p>
            <div className="actions">
              <button type="button" className="button large" disabled={busy} onClick={() => void callNext()}>
                {t('counter.callNext')}
              </button>
            </div>
          </div>
        )}
        <div className={`live-message ${message?.kind === 'error' ? 'is-error' : ''}`} aria-live="polite" data-testid="counter-message">
          {message && <p className={message.kind === 'error' ? 'field-error' : 'notice-line'}>{message.text}</p>}
        </div>
        {followOn && <FollowOnReceipt key={followOn.id} ticket={followOn} centre={centre} services={services} />}

        {parked.length > 0 && (
          <section aria-labelledby="parked-title" className="parked">
            <h3 id="parked-title">{t('counter.parked')}</h3>
            <ul className="plain">
              {parked.map((p) => (
                <li key={p.id} className="parked-row">
                  <TicketNumber number={p.number} className="ticket-number-small" />
                  {p.clientName && <bdi>{p.clientName}</bdi>}
                  {p.note && <bdi className="muted">{p.note}</bdi>}
                  <button
                    type="button"
                    className="button small"
                    disabled={busy || !!current}
                    onClick={() =>
                      void run(
                        () => post<Ticket>(`/api/tickets/${p.id}/resume`),
                        () => t('counter.resumed', { number: p.number }),
                      )
                    }
                  >
                    {t('counter.resume', { number: p.number })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <WalkInForm
          disabled={busy || !!current}
          services={session.serviceIds.map((id) => serviceById.get(id)).filter((s): s is Service => !!s)}
          languages={languages}
          onSubmit={(serviceId, language) =>
            void run(
              () => post<{ ticket: Ticket }>(`/api/counters/${session.counterId}/walk-in`, { serviceId, language }),
              (r) => t('counter.called', { number: r.ticket.number }),
            )
          }
        />
      </section>

      <section className="counter-waiting" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('counter.waiting', { count: waiting.length })}</h2>
        {waiting.length === 0 ? (
          <p>{t('counter.nobodyWaiting')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('ticket.number')}</th>
                  <th scope="col">{t('ticket.service')}</th>
                  <th scope="col">{t('ticket.waited')}</th>
                  <th scope="col">{t('ticket.priority')}</th>
                  <th scope="col">{t('ticket.language')}</th>
                  <th scope="col">{t('ticket.needs')}</th>
                  <th scope="col">{t('ticket.clientName')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('counter.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((w) => (
                  <tr key={w.id}>
                    <th scope="row">
                      <TicketNumber number={w.number} className="ticket-number-row" />
                    </th>
                    <td>
                      <bdi title={localized(serviceById.get(w.serviceId)?.name, i18n.language)}>{serviceById.get(w.serviceId)?.ticketPrefix}</bdi>
                    </td>
                    <td>{t('ticket.minutes', { count: w.waitedMinutes })}</td>
                    <td>{priorityText(w, t)}</td>
                    <td>
                      <LanguageName code={w.language} />
                    </td>
                    <td>
                      {[w.needsMediator ? t('ticket.needsMediator') : null, w.childrenInRoom > 0 ? t('ticket.children', { count: w.childrenInRoom }) : null].filter(Boolean).join(' · ')}
                    </td>
                    <td>{w.clientName ? <bdi>{w.clientName}</bdi> : ''}</td>
                    <td>
                      <button type="button" className="button small secondary" disabled={busy || !!current} onClick={() => void callNext(w.id)}>
                        {t('counter.callThis', { number: w.number })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A ticket's priority for staff: the reason (pregnancy, appointment…) when known, else its class. */
export function priorityText(ticket: Pick<WaitingTicket, 'priority' | 'priorityReason'>, t: (key: string) => string): string {
  if (ticket.priorityReason) return t(`priority.${ticket.priorityReason}`);
  return ticket.priority === 'none' ? '' : t(`ticket.priorityClass.${ticket.priority}`);
}
