import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { DocumentsTable, Languages, PersonCreateForm, PersonSearch } from '../casefile/common.tsx';
import { withPurpose, type PersonCore, type PersonSummary } from '../casefile/model.ts';
import '../casefile/casefile.css';

export interface IdentifyClientProps {
  /** The visit being sorted. */
  visitId: string;
  /** The casefile already linked to the visit (the snapshot's), shown again after a reload. */
  personId?: string | null | undefined;
  /** The name given at pre-sorting or here. */
  name: string;
  /** The client's language from the ticket: a new casefile starts with it. */
  language?: string | undefined;
  onNameChange(name: string): void;
  error?: string | undefined;
  /** Called once the visit is linked to a person's casefile (optional). */
  onLinked?: ((person: PersonSummary) => void) | undefined;
}

type Mode = { kind: 'idle' } | { kind: 'search' } | { kind: 'create' } | { kind: 'candidate'; person: PersonSummary; created: boolean } | { kind: 'linked'; person: PersonCore };

/**
 * Welcoming and sorting: who is this person? The mediator finds the person's digital casefile (by
 * name in any script, document number or date of birth) or creates it, with a duplicate warning,
 * and says "this is the client": the visit is linked to the casefile (PUT /api/visits/:id/person).
 * The plain name field stays as the fallback when the client does not want a casefile; that name
 * is saved with the visit's route (PUT /api/visits/:id/route clientName).
 */
export function IdentifyClient({ visitId, personId, name, language, onNameChange, error, onLinked }: IdentifyClientProps) {
  const { t } = useTranslation('visit');
  const id = `identify-${visitId}`;
  return (
    <div className="identify">
      <IdentifyCasefile
        visitId={visitId}
        personId={personId ?? null}
        name={name}
        language={language}
        onLinked={(p) => {
          onNameChange(p.fullName);
          onLinked?.(p);
        }}
      />
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
    </div>
  );
}

function IdentifyCasefile({ visitId, personId, name, language, onLinked }: { visitId: string; personId: string | null; name: string; language?: string | undefined; onLinked(person: PersonSummary): void }) {
  const { t } = useTranslation('casefile');
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `identify-casefile-${visitId}`;

  // A new visit starts afresh.
  useEffect(() => setMode({ kind: 'idle' }), [visitId]);

  // The person linked to the visit, as the server knows it: after a reload nothing is linked in
  // this screen's state, so the linked casefile is read again (for sorting). Each person is read
  // once: not again when the link was made here, nor after "another person" was chosen.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!personId || shown.current === personId) return;
    shown.current = personId;
    let live = true;
    get<PersonCore>(`/api/persons/${personId}`, withPurpose('sorting')).then(
      (core) => {
        if (live) setMode((m) => (m.kind === 'idle' ? { kind: 'linked', person: core } : m));
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
      if (shown.current === personId) shown.current = null;
    };
  }, [visitId, personId]);

  const link = async (person: PersonSummary) => {
    setBusy(true);
    shown.current = person.id;
    try {
      await api('PUT', `/api/visits/${visitId}/person`, { body: { personId: person.id } });
      const core = await get<PersonCore>(`/api/persons/${person.id}`, withPurpose('sorting'));
      setMode({ kind: 'linked', person: core });
      setError(null);
      onLinked(core);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const thisIsTheClient = (p: PersonSummary) => (
    <button type="button" className="button small" disabled={busy} onClick={() => void link(p)} aria-label={t('identify.linkNamed', { name: p.fullName })}>
      {t('identify.link')}
    </button>
  );

  return (
    <section className={`identify-casefile${mode.kind === 'linked' ? ' identify-linked' : ''}`} aria-labelledby={titleId} data-testid="identify-casefile">
      <h4 id={titleId}>{t('identify.title')}</h4>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {mode.kind === 'linked' ? (
        <LinkedPerson person={mode.person} onChange={() => setMode({ kind: 'search' })} />
      ) : (
        <>
          <p className="hint">{t('identify.explain')}</p>
          <div className="actions">
            <button type="button" className="button secondary" aria-expanded={mode.kind === 'search'} onClick={() => setMode(mode.kind === 'search' ? { kind: 'idle' } : { kind: 'search' })}>
              {t('identify.find')}
            </button>
            <button type="button" className="button secondary" aria-expanded={mode.kind === 'create'} onClick={() => setMode(mode.kind === 'create' ? { kind: 'idle' } : { kind: 'create' })}>
              {t('identify.create')}
            </button>
          </div>
          {mode.kind === 'search' && <PersonSearch idPrefix={`identify-search-${visitId}`} purpose="sorting" initialName={name} actions={thisIsTheClient} />}
          {mode.kind === 'create' && (
            <PersonCreateForm
              idPrefix={`identify-create-${visitId}`}
              purpose="sorting"
              initialName={name}
              initialLanguages={language ? [language] : []}
              pickLabel={t('identify.link')}
              pickAriaLabel={(n) => t('identify.linkNamed', { name: n })}
              onPick={(p) => void link(p)}
              onCreated={(p) => setMode({ kind: 'candidate', person: p, created: true })}
              onCancel={() => setMode({ kind: 'idle' })}
            />
          )}
          {mode.kind === 'candidate' && (
            <div className="notice" role="status">
              <p>{t('identify.created')}</p>
              <p>
                <bdi className="person-name">{mode.person.fullName}</bdi>
              </p>
              <div className="actions">{thisIsTheClient(mode.person)}</div>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function LinkedPerson({ person, onChange }: { person: PersonCore; onChange(): void }) {
  const { t } = useTranslation('casefile');
  const soon = person.documents.filter((d) => d.expiry === 'expiring_soon' || d.expiry === 'expired');
  return (
    <div data-testid="identify-linked">
      <p role="status">{t('identify.linked')}</p>
      <dl className="facts">
        <dt>{t('core.fullName')}</dt>
        <dd>
          <bdi className="person-name">{person.fullName}</bdi>
        </dd>
        <dt>{t('core.languages')}</dt>
        <dd>
          <Languages codes={person.languages} />
        </dd>
      </dl>
      {soon.length > 0 ? <DocumentsTable documents={soon} caption={t('identify.expiringDocuments')} /> : <p className="hint">{t('identify.noExpiring')}</p>}
      <div className="actions">
        <a className="button small secondary" href={`/app/casefile/${person.id}`} target="_blank" rel="noopener">
          {t('identify.openCasefile')}
        </a>
        <button type="button" className="button small secondary" onClick={onChange}>
          {t('identify.change')}
        </button>
      </div>
    </div>
  );
}
