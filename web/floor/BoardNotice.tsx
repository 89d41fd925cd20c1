import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, get } from '../api.ts';
import { describedBy, FieldError, hintId } from '../ui/form.tsx';

/**
 * The centre manager's line on the display boards (a closure, an outage, a desk moved): shown on
 * every board of the centre at once, until removed.
 */
export function BoardNoticeForm({ centreId }: { centreId: string }) {
  const { t } = useTranslation('floor');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get<{ notice: string | null }>(`/api/centres/${centreId}/recent-calls`).then(
      (r) => setText(r.notice ?? ''),
      () => undefined,
    );
  }, [centreId]);

  const save = async (notice: string | null) => {
    setBusy(true);
    setError(undefined);
    setStatus(null);
    try {
      const saved = await api<{ notice: string | null }>('PUT', `/api/centres/${centreId}/board-notice`, { body: { notice } });
      setText(saved.notice ?? '');
      setStatus(saved.notice ? t('floor.boardNotice.saved') : t('floor.boardNotice.cleared'));
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.notice ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(text);
  };

  return (
    <section className="panel board-notice-form" aria-labelledby="board-notice-title">
      <h2 id="board-notice-title">{t('floor.boardNotice.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="board-notice-text">{t('floor.boardNotice.label')}</label>
          <p className="hint" id={hintId('board-notice-text')}>
            {t('floor.boardNotice.hint')}
          </p>
          <FieldError id="board-notice-text" message={error} />
          <input
            id="board-notice-text"
            type="text"
            value={text}
            maxLength={200}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy('board-notice-text', error, true)}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('floor.boardNotice.save')}
          </button>
          <button type="button" className="button secondary" disabled={busy || !text} onClick={() => void save(null)}>
            {t('floor.boardNotice.clear')}
          </button>
        </div>
        <p role="status" className="form-status">
          {status}
        </p>
      </form>
    </section>
  );
}
