import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/** Field error shown beside a field; its id is what the input's aria-describedby points at. */
export const errorId = (fieldId: string) => `${fieldId}-error`;
export const hintId = (fieldId: string) => `${fieldId}-hint`;

export function describedBy(fieldId: string, error: string | undefined, hint: boolean): string | undefined {
  const ids = [hint ? hintId(fieldId) : null, error ? errorId(fieldId) : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={errorId(id)}>
      {message}
    </p>
  );
}

export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="required" aria-hidden="true" title={t('form.required')}>
      {' *'}
    </span>
  );
}

export interface FieldLabels {
  [field: string]: { id: string; label: string };
}

/** The error summary: the server's message, then each field's message linking to the field. */
export function ErrorSummary({ error, labels }: { error: ApiError | Error | null; labels?: FieldLabels }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="error-summary-title">{t('form.errorTitle')}</h2>
      <p>{error.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, message]) => {
            const target = labels?.[field];
            return (
              <li key={field}>
                {target ? <a href={`#${target.id}`}>{`${target.label}: ${message}`}</a> : message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}

/** The closing buttons of a form: submit, and a secondary cancel when there is something to cancel. */
export function FormActions({ submitLabel, cancelLabel, disabled, onCancel }: { submitLabel: ReactNode; cancelLabel: ReactNode; disabled?: boolean | undefined; onCancel?: (() => void) | undefined }) {
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={disabled}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}
