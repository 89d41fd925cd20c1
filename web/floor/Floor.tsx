import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, localized, post, type Centre, type Counter, type LocalizedText, type Service } from '../api.ts';
import { languageInfo } from '../../core/languages.ts';
import { useSession } from '../session.tsx';
import { useCentreEvents } from '../device/centreEvents.ts';
import { FormActions } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { useCoalesced } from './useLive.ts';
import { LiveStatus, Messages, type Message } from './parts.tsx';
import './floor.css';
import { waitState } from '../../core/queue/wait-target.ts';
import { BoardNoticeForm } from './BoardNotice.tsx';
import { priorityText } from '../visit/Counter.tsx';
import type { PriorityReason } from '../visit/common.tsx';

interface SnapshotTicket {
  id: string;
  number: string;
  serviceId: string;
  language: string;
  status: string;
  waitedMinutes?: number;
  clientName?: string | null;
  childrenInRoom?: number;
  priority: 'none' | 'legal' | 'appointment';
  priorityReason?: PriorityReason | null;
}
interface Snapshot {
  queues: { serviceId: string; ticketPrefix: string; name: LocalizedText; waiting: number; longestWaitMinutes: number; expectedWaitMinutes: number; expectedWaitRange?: [number, number]; meanHandlingMinutes: number; openCounters: number; servedToday: number }[];
  /** active: the manager's open/closed switch; open: someone is working there. */
  counters: { counterId: string; number: number; serviceIds: string[]; active: boolean; open: boolean; staffedBy: string | null; current: SnapshotTicket | null }[];
  waiting: SnapshotTicket[];
}
interface CentreConfig {
  centre: Centre;
  services: Service[];
  counters: Counter[];
}

/** The centre manager's live floor: queues, counters and who waits, with close/open and move. */
export function Floor() {
  const { t, i18n } = useTranslation('floor');
  const { t: tv } = useTranslation('visit');
  const { session } = useSession();
  const centreId = session?.user.centreId ?? null;
  const snapshot = useGet<Snapshot>(centreId ? `/api/centres/${centreId}/snapshot` : null);
  // The configuration (centre name, services, counters for moving a ticket) is read once; what
  // changes during the day, counters opened and closed included, comes with the snapshot.
  const config = useGet<CentreConfig>(centreId ? `/api/centres/${centreId}` : null);
  const refreshSnapshot = useCoalesced(snapshot.reload);
  const { state } = useCentreEvents(
    centreId,
    (e) => {
      if (e.type.startsWith('ticket.') || e.type.startsWith('counter.') || e.type.startsWith('child.')) refreshSnapshot();
    },
    refreshSnapshot,
  );
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [moving, setMoving] = useState<SnapshotTicket | null>(null);

  const lang = i18n.language;
  const services = config.data?.services ?? [];
  const serviceName = (id: string) => localized(services.find((s) => s.id === id)?.name, lang) || localized(snapshot.data?.queues.find((q) => q.serviceId === id)?.name, lang);
  const minutes = (n: number) => t('floor.minutes', { count: n });

  const setCounter = async (counterId: string, number: number, open: boolean) => {
    setConfirming(null);
    try {
      await post(`/api/counters/${counterId}/${open ? 'open' : 'close'}`);
      setMessage({ kind: 'ok', text: t(open ? 'floor.counters.openedDone' : 'floor.counters.closedDone', { number }) });
      await snapshot.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const error = snapshot.error ?? config.error;
  const snap = snapshot.data;
  const targetOf = (serviceId: string) => services.find((s) => s.id === serviceId)?.targetWaitMinutes ?? null;
  const queueState = (q: Snapshot['queues'][number]) => waitState(q.waiting, q.longestWaitMinutes, targetOf(q.serviceId));
  const warnings = snap ? floorWarnings(snap, targetOf, (id) => serviceName(id)) : [];
  return (
    <div className="floor">
      <div className="floor-head">
        <h1>{t('floor.title', { centre: config.data?.centre.name ?? '' })}</h1>
        <LiveStatus state={state} />
      </div>
      <p>{t('floor.intro')}</p>
      {error && <p role="alert" className="field-error">{error.message}</p>}
      <Messages message={message} />
      {!snap ? (
        <p className="loading">{t('app.loading', { ns: 'web' })}</p>
      ) : (
        <>
          <ul className="figures floor-totals" aria-label={t('floor.totals.label')}>
            <li className="figure" data-testid="total-waiting">
              <span className="figure-value">{snap.queues.reduce((n, q) => n + q.waiting, 0)}</span>
              <span className="figure-label">{t('floor.totals.waiting')}</span>
            </li>
            <li className={`figure${snap.queues.some((q) => queueState(q) === 'past') ? ' figure-alert' : ''}`} data-testid="total-longest">
              <span className="figure-value">{minutes(Math.max(0, ...snap.queues.map((q) => q.longestWaitMinutes)))}</span>
              <span className="figure-label">{t('floor.totals.longest')}</span>
            </li>
            <li className="figure" data-testid="total-served">
              <span className="figure-value">{snap.queues.reduce((n, q) => n + q.servedToday, 0)}</span>
              <span className="figure-label">{t('floor.totals.served')}</span>
            </li>
            <li className="figure" data-testid="total-staffed">
              <span className="figure-value">{t('floor.totals.ofCounters', { staffed: snap.counters.filter((c) => c.open).length, active: snap.counters.filter((c) => c.active).length })}</span>
              <span className="figure-label">{t('floor.totals.staffed')}</span>
            </li>
          </ul>

          <section className="floor-warnings" aria-labelledby="floor-warnings-title" data-testid="warnings">
            <h2 id="floor-warnings-title">{t('floor.warnings.title')}</h2>
            {warnings.length === 0 ? (
              <p>{t('floor.warnings.none')}</p>
            ) : (
              <ul>
                {warnings.map((w) => (
                  <li key={w.key} className="floor-warning">
                    {t(`floor.warnings.${w.kind}`, w.values)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <div className="table-wrap">
            <table data-testid="queues">
              <caption>{t('floor.queues.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('floor.queues.prefix')}</th>
                  <th scope="col">{t('floor.queues.service')}</th>
                  <th scope="col">{t('floor.queues.waiting')}</th>
                  <th scope="col">{t('floor.queues.longest')}</th>
                  <th scope="col">{t('floor.queues.target')}</th>
                  <th scope="col">{t('floor.queues.expected')}</th>
                  <th scope="col">{t('floor.queues.openCounters')}</th>
                  <th scope="col">{t('floor.queues.served')}</th>
                </tr>
              </thead>
              <tbody>
                {snap.queues.map((q) => (
                  <tr key={q.serviceId} data-prefix={q.ticketPrefix}>
                    <th scope="row">{q.ticketPrefix}</th>
                    <td>{localized(q.name, lang)}</td>
                    <td className="num" data-testid={`waiting-${q.ticketPrefix}`}>
                      {q.waiting}
                    </td>
                    <td className="num">{minutes(q.longestWaitMinutes)}</td>
                    <td data-testid={`target-${q.ticketPrefix}`}>
                      <span className={`pill wait-${queueState(q)}`}>{t(`floor.queues.state.${queueState(q)}`, { target: targetOf(q.serviceId) ?? 0 })}</span>
                    </td>
                    <td className="num">{q.expectedWaitRange ? t('floor.range', { low: q.expectedWaitRange[0], high: q.expectedWaitRange[1] }) : minutes(q.expectedWaitMinutes)}</td>
                    <td className="num">{q.openCounters}</td>
                    <td className="num">{q.servedToday}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {snap.queues.length === 0 && <p>{t('floor.queues.none')}</p>}
          </div>

          <div className="table-wrap">
            <table data-testid="waiting">
              <caption>{t('floor.waiting.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('floor.waiting.number')}</th>
                  <th scope="col">{t('floor.waiting.service')}</th>
                  <th scope="col">{t('floor.waiting.waited')}</th>
                  <th scope="col">{t('floor.waiting.priority')}</th>
                  <th scope="col">{t('floor.waiting.language')}</th>
                  <th scope="col">{t('floor.waiting.client')}</th>
                  <th scope="col">{t('floor.waiting.children')}</th>
                  <th scope="col">{t('floor.waiting.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {snap.waiting.map((w) => (
                  <tr key={w.id} data-ticket={w.number}>
                    <th scope="row">{w.number}</th>
                    <td>{serviceName(w.serviceId)}</td>
                    <td className="num">{minutes(w.waitedMinutes ?? 0)}</td>
                    <td>{priorityText({ priority: w.priority, priorityReason: w.priorityReason ?? null }, tv)}</td>
                    <td lang={w.language}>{languageInfo(w.language)?.endonym ?? w.language}</td>
                    <td>{w.clientName ? <bdi>{w.clientName}</bdi> : ''}</td>
                    <td className="num">{w.childrenInRoom ?? 0}</td>
                    <td>
                      <button type="button" className="button small secondary" onClick={() => setMoving(w)}>
                        {t('floor.waiting.move', { number: w.number })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {snap.waiting.length === 0 && <p>{t('floor.waiting.none')}</p>}
          </div>

          <div className="table-wrap">
            <table data-testid="counters">
              <caption>{t('floor.counters.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('floor.counters.number')}</th>
                  <th scope="col">{t('floor.counters.state')}</th>
                  <th scope="col">{t('floor.counters.staffedBy')}</th>
                  <th scope="col">{t('floor.counters.current')}</th>
                  <th scope="col">{t('floor.counters.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {snap.counters.map((c) => {
                  const active = c.active;
                  const stateText = !active ? t('floor.counters.closed') : c.open ? t('floor.counters.open') : t('floor.counters.free');
                  return (
                    <tr key={c.counterId} data-counter={c.number}>
                      <th scope="row">{c.number}</th>
                      <td data-testid={`counter-state-${c.number}`}>
                        <span className={`pill ${active ? (c.open ? 'pill-open' : 'pill-free') : 'pill-closed'}`}>{stateText}</span>
                      </td>
                      <td>{c.staffedBy ? <bdi>{c.staffedBy}</bdi> : t('floor.counters.nobody')}</td>
                      <td>{c.current ? `${c.current.number}` : t('floor.counters.noTicket')}</td>
                      <td>
                        {confirming === c.counterId ? (
                          <span className="confirm">
                            <span>{t(active ? 'floor.counters.confirmClose' : 'floor.counters.confirmOpen', { number: c.number })}</span>
                            <button type="button" className={`button small ${active ? 'danger' : ''}`} onClick={() => void setCounter(c.counterId, c.number, !active)}>
                              {t(active ? 'floor.counters.yesClose' : 'floor.counters.yesOpen')}
                            </button>
                            <button type="button" className="button small secondary" onClick={() => setConfirming(null)}>
                              {t('floor.counters.cancel')}
                            </button>
                          </span>
                        ) : (
                          <button type="button" className="button small secondary" onClick={() => setConfirming(c.counterId)}>
                            {t(active ? 'floor.counters.close' : 'floor.counters.reopen', { number: c.number })}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {moving && (
            <MoveForm
              ticket={moving}
              services={services.filter((s) => s.active)}
              counters={(config.data?.counters ?? []).filter((c) => snap.counters.find((x) => x.counterId === c.id)?.active ?? c.active)}
              onCancel={() => setMoving(null)}
              onMoved={async (text) => {
                setMoving(null);
                setMessage({ kind: 'ok', text });
                await snapshot.reload();
              }}
            />
          )}

        </>
      )}
      {centreId && <BoardNoticeForm centreId={centreId} />}
    </div>
  );
}

interface FloorWarning {
  key: string;
  kind: 'unstaffed' | 'pastTarget' | 'childGuardianCalled';
  values: Record<string, string | number>;
}

/** What needs the manager now: people waiting with no counter staffed, a wait past target, a guardian called while their child is in the children's room. */
function floorWarnings(snap: Snapshot, targetOf: (serviceId: string) => number | null, serviceName: (id: string) => string): FloorWarning[] {
  const out: FloorWarning[] = [];
  for (const q of snap.queues) {
    const values = { prefix: q.ticketPrefix, service: serviceName(q.serviceId), count: q.waiting, longest: q.longestWaitMinutes, target: targetOf(q.serviceId) ?? 0 };
    if (q.waiting > 0 && q.openCounters === 0) out.push({ key: `unstaffed-${q.serviceId}`, kind: 'unstaffed', values });
    if (waitState(q.waiting, q.longestWaitMinutes, targetOf(q.serviceId)) === 'past') out.push({ key: `past-${q.serviceId}`, kind: 'pastTarget', values });
  }
  for (const c of snap.counters) {
    if (c.current && (c.current.childrenInRoom ?? 0) > 0 && c.current.status === 'called') {
      out.push({ key: `child-${c.current.id}`, kind: 'childGuardianCalled', values: { number: c.current.number, counter: c.number, count: c.current.childrenInRoom ?? 0 } });
    }
  }
  return out;
}

function MoveForm({ ticket, services, counters, onCancel, onMoved }: { ticket: SnapshotTicket; services: Service[]; counters: Counter[]; onCancel: () => void; onMoved: (text: string) => Promise<void> }) {
  const { t, i18n } = useTranslation('floor');
  const choices = services.filter((s) => s.id !== ticket.serviceId);
  // Nothing chosen at first: a manager moving a ticket picks its new queue on purpose.
  const [serviceId, setServiceId] = useState('');
  const [counterId, setCounterId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const counterChoices = counters.filter((c) => c.serviceIds.includes(serviceId)).sort((a, b) => a.number - b.number);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { serviceId: string; counterId?: string; note?: string } = { serviceId };
      if (counterId) body.counterId = counterId;
      if (note.trim()) body.note = note.trim();
      const res = await post<{ ticket: { number: string }; next: { number: string } | null }>(`/api/tickets/${ticket.id}/move`, body);
      await onMoved(t('floor.move.done', { number: ticket.number, next: res.next?.number ?? '' }));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields : {};
  return (
    <section className="panel form-panel" aria-labelledby="move-title">
      <h2 id="move-title">{t('floor.move.title', { number: ticket.number })}</h2>
      <p>{t('floor.move.intro')}</p>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="move-service">{t('floor.move.service')}</label>
          <select
            id="move-service"
            value={serviceId}
            aria-invalid={fields.serviceId ? true : undefined}
            onChange={(e) => {
              setServiceId(e.target.value);
              setCounterId('');
            }}
          >
            <option value="" disabled>
              {t('floor.move.chooseService')}
            </option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.ticketPrefix} — ${localized(s.name, i18n.language)}`}
              </option>
            ))}
          </select>
          {fields.serviceId && <p className="field-error">{fields.serviceId}</p>}
        </div>
        <div className="field">
          <label htmlFor="move-counter">{t('floor.move.counter')}</label>
          <select id="move-counter" value={counterId} onChange={(e) => setCounterId(e.target.value)}>
            <option value="">{t('floor.move.anyCounter')}</option>
            {counterChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label ? `${c.number} — ${c.label}` : String(c.number)}
              </option>
            ))}
          </select>
          {fields.counterId && <p className="field-error">{fields.counterId}</p>}
        </div>
        <div className="field">
          <label htmlFor="move-note">{t('floor.move.note')}</label>
          <textarea id="move-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <FormActions submitLabel={t('floor.move.submit')} cancelLabel={t('floor.move.cancel')} disabled={busy || !serviceId} onCancel={onCancel} />
      </form>
    </section>
  );
}
