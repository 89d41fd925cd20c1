import { useTranslation } from 'react-i18next';

export interface IdentifyClientProps {
  /** The visit being sorted. */
  visitId: string;
  /** The name given at pre-sorting or here. */
  name: string;
  onNameChange(name: string): void;
  error?: string | undefined;
}

/**
 * Welcoming and sorting: who is this person? For now only a name, saved with the visit's route
 * (PUT /api/visits/:id/route clientName).
 *
 * The casefile plugs in here: a search by name, document or date of birth that finds or creates
 * the person's digital casefile and links it to this visit (visitId), replacing the bare name.
 */
export function IdentifyClient({ visitId, name, onNameChange, error }: IdentifyClientProps) {
  const { t } = useTranslation('visit');
  const id = `identify-${visitId}`;
  return (
    <div className="field identify-client">
      <label htmlFor={id}>{t('sorting.clientName')}</label>
      <input
        id={id}
        autoComplete="off"
        maxLength={120}
        value={name}
        onChange={(e) => onNameChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('sorting.clientNameHint')}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
