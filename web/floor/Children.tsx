import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, type Centre, type List } from '../api.ts';
import { useSession } from '../session.tsx';
import { useCentreEvents } from '../device/centreEvents.ts';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { useGet } from '../ui/useApi.ts';
import { useCoalesced } from './useLive.ts';
import { LiveStatus, Messages, type Message } from './parts.tsx';
import './floor.css';
import { formattingLocale } from '../../core/languages.ts';

interface Child {
  id: string;
  visitId: string;
  guardianTicket: string | null;
  childName: string;
  ageYears: number | null;
  notes: string | null;
  checkedInAt: string;
}

/** The children's room: check children in against their guardian's ticket, and out again. */
export function Children() {
  const { t, i18n } = useTranslation('floor');
  const { session } = useSession();
  const centreId = session?.user.centreId ?? null;
  const children = useGet<List<Child>>(centreId ? `/api/centres/${centreId}/children` : null);
  const centres = useGet<List<Centre>>('/api/centres');
  const refresh = useCoalesced(children.reload);
  const { state } = useCentreEvents(centreId, (e) => e.type.startsWith('child.') && refresh(), refresh);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const centre = centres.data?.items.find((c) => c.id === centreId);
  const timeZone = centre?.timeZone ?? 'Europe/Lisbon';

  const since = (iso: string) => {
    try {
      return new Intl.DateTimeFormat(formattingLocale(i18n.language), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
    } catch {
      return iso.slice(11, 16);
    }
  };
  const checkOut = async (child: Child) => {
    setConfirming(null);
    try {
      await post(`/api/children/${child.id}/check-out`);
      setMessage({ kind: 'ok', text: t('children.list.done', { name: child.childName }) });
      await children.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const items = children.data?.items ?? [];
  return (
    <div className="floor">
      <div className="floor-head">
        <h1>{t('children.title', { centre: centre?.name ?? '' })}</h1>
        <LiveStatus state={state} />
      </div>
      <p>{t('children.intro')}</p>
      <Messages message={message} />
      {centreId && (
        <CheckInForm
          centreId={centreId}
          onDone={async (name) => {
            setMessage({ kind: 'ok', text: t('children.form.done', { name }) });
            await children.reload();
          }}
        />
      )}
      {children.error && (
        <p role="alert" className="field-error">
          {children.error.message}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="children">
          <caption>{t('children.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('children.list.name')}</th>
              <th scope="col">{t('children.list.age')}</th>
              <th scope="col">{t('children.list.guardian')}</th>
              <th scope="col">{t('children.list.since')}</th>
              <th scope="col">{t('children.list.notes')}</th>
              <th scope="col">{t('children.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <bdi>{c.childName}</bdi>
                </th>
                <td>{c.ageYears === null ? t('children.list.unknown') : t('children.list.years', { count: c.ageYears })}</td>
                <td>{c.guardianTicket ?? t('children.list.unknown')}</td>
                <td>
                  <time dateTime={c.checkedInAt}>{since(c.checkedInAt)}</time>
                </td>
                <td>{c.notes ? <bdi>{c.notes}</bdi> : ''}</td>
                <td>
                  {confirming === c.id ? (
                    <span className="confirm">
                      <span>{t('children.list.confirm', { name: c.childName })}</span>
                      <button type="button" className="button small danger" onClick={() => void checkOut(c)}>
                        {t('children.list.yes')}
                      </button>
                      <button type="button" className="button small secondary" onClick={() => setConfirming(null)}>
                        {t('children.list.cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button small secondary" onClick={() => setConfirming(c.id)}>
                      {t('children.list.checkOut', { name: c.childName })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {children.data && items.length === 0 && <p>{t('children.list.none')}</p>}
      </div>
    </div>
  );
}

function CheckInForm({ centreId, onDone }: { centreId: string; onDone: (name: string) => Promise<void> }) {
  const { t } = useTranslation('floor');
  const [ticketNumber, setTicketNumber] = useState('');
  const [childName, setChildName] = useState('');
  const [age, setAge] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { ticketNumber: string; childName: string; ageYears?: number; notes?: string } = { ticketNumber: ticketNumber.trim().toUpperCase(), childName: childName.trim() };
      if (age.trim() !== '') body.ageYears = Number(age);
      if (notes.trim()) body.notes = notes.trim();
      await post(`/api/centres/${centreId}/children`, body);
      const name = childName.trim();
      setTicketNumber('');
      setChildName('');
      setAge('');
      setNotes('');
      await onDone(name);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields : {};
  const labels = {
    ticketNumber: { id: 'child-ticket', label: t('children.form.ticketNumber') },
    childName: { id: 'child-name', label: t('children.form.childName') },
    ageYears: { id: 'child-age', label: t('children.form.age') },
    notes: { id: 'child-notes', label: t('children.form.notes') },
  };
  return (
    <section className="panel form-panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('children.form.title')}</h2>
      <ErrorSummary error={error} labels={labels} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="checkin-grid">
          <div className="field">
            <label htmlFor="child-ticket">
              {t('children.form.ticketNumber')}
              <RequiredMark />
            </label>
            <p className="hint" id="child-ticket-hint">
              {t('children.form.ticketHint')}
            </p>
            <input
              id="child-ticket"
              className="input-short"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              aria-required="true"
              aria-invalid={fields.ticketNumber ? true : undefined}
              aria-describedby={describedBy('child-ticket', fields.ticketNumber, true)}
              value={ticketNumber}
              onChange={(e) => setTicketNumber(e.target.value)}
            />
            <FieldError id="child-ticket" message={fields.ticketNumber} />
          </div>
          <div className="field">
            <label htmlFor="child-name">
              {t('children.form.childName')}
              <RequiredMark />
            </label>
            <input
              id="child-name"
              autoComplete="off"
              required
              aria-required="true"
              maxLength={120}
              aria-invalid={fields.childName ? true : undefined}
              aria-describedby={describedBy('child-name', fields.childName, false)}
              value={childName}
              onChange={(e) => setChildName(e.target.value)}
            />
            <FieldError id="child-name" message={fields.childName} />
          </div>
          <div className="field">
            <label htmlFor="child-age">{t('children.form.age')}</label>
            <p className="hint" id="child-age-hint">
              {t('children.form.ageHint')}
            </p>
            <input
              id="child-age"
              className="input-short"
              type="number"
              inputMode="numeric"
              min={0}
              max={17}
              aria-invalid={fields.ageYears ? true : undefined}
              aria-describedby={describedBy('child-age', fields.ageYears, true)}
              value={age}
              onChange={(e) => setAge(e.target.value)}
            />
            <FieldError id="child-age" message={fields.ageYears} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="child-notes">{t('children.form.notes')}</label>
          <p className="hint" id="child-notes-hint">
            {t('children.form.notesHint')}
          </p>
          <textarea
            id="child-notes"
            rows={2}
            maxLength={500}
            aria-invalid={fields.notes ? true : undefined}
            aria-describedby={describedBy('child-notes', fields.notes, true)}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
          <FieldError id="child-notes" message={fields.notes} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('children.form.submit')}
        </button>
      </form>
    </section>
  );
}
