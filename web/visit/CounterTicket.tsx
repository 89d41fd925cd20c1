import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../../core/languages.ts';
import { api, localized, post, type Counter, type Service } from '../api.ts';
import { FormActions } from '../ui/form.tsx';
import { IdentifyClient } from './IdentifyClient.tsx';
import { LanguageName, OUTCOMES, TicketNumber, minutesBetween, type PriorityReason, type Ticket } from './common.tsx';

const put = <T,>(path: string, body: unknown) => api<T>('PUT', path, { body });

type Run = <T>(action: () => Promise<T>, after?: (result: T) => string | null | void) => Promise<T | undefined>;
interface Finished {
  ticket: Ticket;
  next: Ticket | null;
}

/** The ticket at this counter now: who, what, and the actions of the service. */
export function CurrentTicketPanel({
  ticket,
  clientName,
  services,
  counters,
  canSort,
  busy,
  run,
  onFollowOn,
}: {
  ticket: Ticket & { childrenInRoom: number; priorityReason: PriorityReason | null; personId?: string | null; route?: string[] };
  clientName: string;
  services: Service[];
  counters: Counter[];
  canSort: boolean;
  busy: boolean;
  run: Run;
  /** Told of the ticket the client goes on with, so the counter can offer to print it. */
  onFollowOn(ticket: Ticket): void;
}) {
  const { t, i18n } = useTranslation('visit');
  const [mode, setMode] = useState<'finish' | 'transfer' | 'park' | null>(null);
  const [name, setName] = useState(clientName);
  // A visit sorted before (or re-sorted) shows the desks it already goes on to.
  const [route, setRoute] = useState<string[]>(ticket.route ?? []);
  const [savedRoute, setSavedRoute] = useState<string[] | null>(ticket.route ?? null);
  const active = services.filter((s) => s.active);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const serviceName = (id: string) => localized(serviceById.get(id)?.name, i18n.language);
  const waited = minutesBetween(ticket.queuedAt, ticket.calledAt ?? Date.now());
  const followOn = (r: Finished) => {
    if (r.next) onFollowOn(r.next);
    return r.next ? t('counter.goesOnTo', { number: r.next.number, service: serviceName(r.next.serviceId) }) : t('counter.finished', { number: r.ticket.number });
  };

  const action = (path: string, after: (tk: Ticket) => string, body: Record<string, unknown> = {}) =>
    void run(() => post<Ticket | { ticket: Ticket }>(`/api/tickets/${ticket.id}/${path}`, body), (r) => after('ticket' in r ? r.ticket : r));

  const saveRoute = () =>
    run(
      () => put<{ id: string; route: string[] }>(`/api/visits/${ticket.visitId}/route`, { serviceIds: route, clientName: name.trim() || null }),
      (r) => {
        setSavedRoute(r.route);
        return r.route.length ? t('sorting.routeSaved', { route: r.route.map((id) => serviceById.get(id)?.ticketPrefix ?? '').join(' → ') }) : t('sorting.routeCleared');
      },
    );

  return (
    <div className="panel current-ticket" data-testid="current-ticket">
      <div className="current-top">
        <p className="current-number">
          <TicketNumber number={ticket.number} />
        </p>
        <p className={`status-badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</p>
      </div>
      <dl className="facts current-facts">
        <dt>{t('ticket.service')}</dt>
        <dd>
          <bdi>{`${serviceById.get(ticket.serviceId)?.ticketPrefix ?? ''} ${serviceName(ticket.serviceId)}`}</bdi>
        </dd>
        <dt>{t('ticket.language')}</dt>
        <dd>
          <LanguageName code={ticket.language} />
        </dd>
        <dt>{t('ticket.priority')}</dt>
        <dd data-testid="current-priority">{ticket.priorityReason ? t(`priority.${ticket.priorityReason}`) : t(`ticket.priorityClass.${ticket.priority}`)}</dd>
        <dt>{t('ticket.waited')}</dt>
        <dd>{t('ticket.minutes', { count: waited })}</dd>
        {ticket.needsMediator && (
          <>
            <dt>{t('ticket.needs')}</dt>
            <dd>{t('ticket.needsMediator')}</dd>
          </>
        )}
        <dt>{t('ticket.childrenRoom')}</dt>
        <dd>{ticket.childrenInRoom > 0 ? t('ticket.children', { count: ticket.childrenInRoom }) : t('ticket.noChildren')}</dd>
        {clientName && !canSort && (
          <>
            <dt>{t('ticket.clientName')}</dt>
            <dd>
              <bdi>{clientName}</bdi>
            </dd>
          </>
        )}
        {ticket.recallCount > 0 && (
          <>
            <dt>{t('ticket.recalls')}</dt>
            <dd>{ticket.recallCount}</dd>
          </>
        )}
        {ticket.note && (
          <>
            <dt>{t('ticket.note')}</dt>
            <dd>
              <bdi>{ticket.note}</bdi>
            </dd>
          </>
        )}
      </dl>

      <div className="actions ticket-actions">
        {ticket.status === 'called' && (
          <>
            <button type="button" className="button secondary" disabled={busy} onClick={() => action('recall', (tk) => t('counter.recalled', { number: tk.number }))}>
              {t('counter.recall')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => action('start', (tk) => t('counter.started', { number: tk.number }))}>
              {t('counter.start')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy || ticket.recallCount < 1}
              aria-describedby={ticket.recallCount < 1 ? 'no-show-hint' : undefined}
              onClick={() => action('no-show', (tk) => t('counter.noShowDone', { number: tk.number }))}
            >
              {t('counter.noShow')}
            </button>
          </>
        )}
        <button type="button" className="button secondary" disabled={busy} aria-expanded={mode === 'park'} onClick={() => setMode(mode === 'park' ? null : 'park')}>
          {t('counter.park')}
        </button>
        <button type="button" className="button secondary" disabled={busy} aria-expanded={mode === 'transfer'} onClick={() => setMode(mode === 'transfer' ? null : 'transfer')}>
          {t('counter.transfer')}
        </button>
        <button type="button" className="button" disabled={busy} aria-expanded={mode === 'finish'} onClick={() => setMode(mode === 'finish' ? null : 'finish')}>
          {t('counter.finish')}
        </button>
      </div>
      {ticket.status === 'called' && ticket.recallCount < 1 && (
        <p className="hint" id="no-show-hint">
          {t('counter.noShowHint')}
        </p>
      )}

      {canSort && (
        <section className="sorting" aria-labelledby="sorting-title">
          <h3 id="sorting-title">{t('sorting.title')}</h3>
          <IdentifyClient visitId={ticket.visitId} personId={ticket.personId ?? null} name={name} language={ticket.language} onNameChange={setName} />
          <RouteEditor idPrefix="sort-route" legend={t('sorting.route')} services={active} route={route} onChange={setRoute} />
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => void saveRoute()}>
              {t('sorting.save')}
            </button>
          </div>
          {savedRoute && savedRoute.length > 0 && <p className="hint">{t('sorting.finishHint')}</p>}
        </section>
      )}

      {mode === 'park' && (
        <ParkForm
          busy={busy}
          onCancel={() => setMode(null)}
          onSubmit={(note) =>
            void run(
              () => post<Ticket>(`/api/tickets/${ticket.id}/park`, note ? { note } : {}),
              (tk) => t('counter.parkedDone', { number: tk.number }),
            )
          }
        />
      )}
      {mode === 'transfer' && (
        <TransferForm
          busy={busy}
          services={active}
          counters={counters}
          onCancel={() => setMode(null)}
          onSubmit={(body) =>
            void run(
              () => post<Finished>(`/api/tickets/${ticket.id}/transfer`, body),
              (r) => {
                if (r.next) onFollowOn(r.next);
                return r.next ? t('counter.transferred', { number: r.next.number, service: serviceName(r.next.serviceId) }) : null;
              },
            )
          }
        />
      )}
      {mode === 'finish' && (
        <FinishForm
          busy={busy}
          services={active}
          sendOn={!canSort}
          remainingRoute={ticket.route ?? []}
          defaultOutcome={canSort && route.length > 0 ? 'referred' : 'resolved'}
          onCancel={() => setMode(null)}
          onSubmit={async (body) => {
            // The sorting office's route goes with the finish, so nothing set above is lost.
            if (canSort && (route.length > 0 || name.trim() !== clientName) && JSON.stringify(route) !== JSON.stringify(savedRoute)) {
              const saved = await saveRoute();
              if (!saved) return;
            }
            await run(() => post<Finished>(`/api/tickets/${ticket.id}/finish`, body), followOn);
          }}
        />
      )}
    </div>
  );
}

/** An ordered list of services: add, move up or down, remove. */
export function RouteEditor({ idPrefix, legend, services, route, onChange }: { idPrefix: string; legend: string; services: Service[]; route: string[]; onChange(route: string[]): void }) {
  const { t, i18n } = useTranslation('visit');
  const [adding, setAdding] = useState('');
  const byId = new Map(services.map((s) => [s.id, s]));
  const label = (id: string) => `${byId.get(id)?.ticketPrefix ?? ''} ${localized(byId.get(id)?.name, i18n.language)}`;
  const move = (i: number, by: number) => {
    const next = [...route];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  return (
    <fieldset className="route-editor">
      <legend>{legend}</legend>
      {route.length === 0 ? (
        <p className="hint">{t('sorting.routeEmpty')}</p>
      ) : (
        <ol className="route-list" data-testid={`${idPrefix}-list`}>
          {route.map((id, i) => (
            <li key={`${id}-${i}`}>
              <bdi className="route-name">{label(id)}</bdi>
              <span className="row-actions">
                <button type="button" className="button small secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('sorting.moveUp', { service: label(id) })}>
                  {t('sorting.up')}
                </button>
                <button type="button" className="button small secondary" disabled={i === route.length - 1} onClick={() => move(i, 1)} aria-label={t('sorting.moveDown', { service: label(id) })}>
                  {t('sorting.down')}
                </button>
                <button type="button" className="button small secondary" onClick={() => onChange(route.filter((_, j) => j !== i))} aria-label={t('sorting.removeService', { service: label(id) })}>
                  {t('sorting.remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="route-add">
        <div className="field inline">
          <label htmlFor={`${idPrefix}-add`}>{t('sorting.addDesk')}</label>
          <select id={`${idPrefix}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('sorting.chooseDesk')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {label(s.id)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button secondary"
          disabled={!adding || route.length >= 10}
          onClick={() => {
            onChange([...route, adding]);
            setAdding('');
          }}
        >
          {t('sorting.add')}
        </button>
      </div>
    </fieldset>
  );
}

function FinishForm({
  busy,
  services,
  sendOn,
  remainingRoute,
  defaultOutcome,
  onCancel,
  onSubmit,
}: {
  busy: boolean;
  services: Service[];
  sendOn: boolean;
  /** The desks the visit already goes on to after this one: shown, and changed only on purpose. */
  remainingRoute: string[];
  defaultOutcome: string;
  onCancel(): void;
  onSubmit(body: { outcome: string; note?: string; routeTo?: string[] }): Promise<void>;
}) {
  const { t } = useTranslation('visit');
  const [outcome, setOutcome] = useState(defaultOutcome);
  const [note, setNote] = useState('');
  const [routeTo, setRouteTo] = useState<string[]>(remainingRoute.filter((id) => services.some((s) => s.id === id)));
  const routeChanged = JSON.stringify(routeTo) !== JSON.stringify(remainingRoute);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit({ outcome, ...(note.trim() ? { note: note.trim() } : {}), ...(sendOn && routeChanged ? { routeTo } : {}) });
  };
  return (
    <form className="form subform action-form" onSubmit={submit} aria-labelledby="finish-title">
      <h3 id="finish-title">{t('finish.title')}</h3>
      <div className="field">
        <label htmlFor="finish-outcome">{t('finish.outcome')}</label>
        <select id="finish-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finish-note">{t('finish.note')}</label>
        <textarea id="finish-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {sendOn && <RouteEditor idPrefix="finish-route" legend={t('finish.sendOn')} services={services} route={routeTo} onChange={setRouteTo} />}
      <FormActions submitLabel={t('finish.confirm')} cancelLabel={t('common.cancel')} disabled={busy} onCancel={onCancel} />
    </form>
  );
}

function TransferForm({
  busy,
  services,
  counters,
  onCancel,
  onSubmit,
}: {
  busy: boolean;
  services: Service[];
  counters: Counter[];
  onCancel(): void;
  onSubmit(body: { serviceId: string; counterId?: string; note?: string }): void;
}) {
  const { t, i18n } = useTranslation('visit');
  const [serviceId, setServiceId] = useState('');
  const [counterId, setCounterId] = useState('');
  const [note, setNote] = useState('');
  const forService = counters.filter((c) => c.active && c.serviceIds.includes(serviceId)).sort((a, b) => a.number - b.number);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!serviceId) return;
    onSubmit({ serviceId, ...(counterId ? { counterId } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form className="form subform action-form" onSubmit={submit} aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t('transfer.title')}</h3>
      <div className="field">
        <label htmlFor="transfer-service">{t('transfer.service')}</label>
        <select
          id="transfer-service"
          value={serviceId}
          onChange={(e) => {
            setServiceId(e.target.value);
            setCounterId('');
          }}
        >
          <option value="">{t('sorting.chooseDesk')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {`${s.ticketPrefix} ${localized(s.name, i18n.language)}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="transfer-counter">{t('transfer.counter')}</label>
        <select id="transfer-counter" value={counterId} onChange={(e) => setCounterId(e.target.value)} disabled={!serviceId}>
          <option value="">{t('transfer.anyCounter')}</option>
          {forService.map((c) => (
            <option key={c.id} value={c.id}>
              {t('counter.counterNumber', { number: c.number })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="transfer-note">{t('transfer.note')}</label>
        <textarea id="transfer-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <FormActions submitLabel={t('transfer.confirm')} cancelLabel={t('common.cancel')} disabled={busy || !serviceId} onCancel={onCancel} />
    </form>
  );
}

function ParkForm({ busy, onCancel, onSubmit }: { busy: boolean; onCancel(): void; onSubmit(note: string): void }) {
  const { t } = useTranslation('visit');
  const [note, setNote] = useState('');
  return (
    <form
      className="form subform action-form"
      aria-labelledby="park-title"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(note.trim());
      }}
    >
      <h3 id="park-title">{t('park.title')}</h3>
      <p className="hint">{t('park.hint')}</p>
      <div className="field">
        <label htmlFor="park-note">{t('park.note')}</label>
        <input id="park-note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <FormActions submitLabel={t('park.confirm')} cancelLabel={t('common.cancel')} disabled={busy} onCancel={onCancel} />
    </form>
  );
}

/** A walk-in: a ticket issued and called at this counter at once. */
export function WalkInForm({ disabled, services, languages, onSubmit }: { disabled: boolean; services: Service[]; languages: string[]; onSubmit(serviceId: string, language: string): void }) {
  const { t, i18n } = useTranslation('visit');
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [language, setLanguage] = useState(languages[0] ?? 'pt-PT');
  return (
    <form
      className="form walk-in"
      aria-labelledby="walkin-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (serviceId) onSubmit(serviceId, language);
      }}
    >
      <h3 id="walkin-title">{t('walkIn.title')}</h3>
      <div className="walk-in-fields">
        <div className="field inline">
          <label htmlFor="walkin-service">{t('walkIn.service')}</label>
          <select id="walkin-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.ticketPrefix} ${localized(s.name, i18n.language)}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="walkin-language">{t('walkIn.language')}</label>
          <select id="walkin-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageInfo(code)?.endonym ?? code}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary" disabled={disabled || !serviceId}>
          {t('walkIn.serve')}
        </button>
      </div>
    </form>
  );
}
