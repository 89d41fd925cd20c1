import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post } from '../api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, Notice, FormActions } from '../ui/form.tsx';
import {
  Countries,
  DateText,
  DateTimeText,
  DocumentsTable,
  LanguagePicker,
  Languages,
  PartnerName,
  PersonCreateForm,
  PersonSearch,
  TextField,
  parseCountries,
  usePartners,
} from './common.tsx';
import { ReferralForm, PersonReferrals } from './Referrals.tsx';
import { CASE_STATUSES, DOCUMENT_TYPES, RELATIONS, useRead, withPurpose, type Case, type Casefile, type PersonCore, type Section } from './model.ts';
import './casefile.css';
import { formattingLocale } from '../../core/languages.ts';

const errorOf = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** /app/casefile: find a person's casefile at a desk, or create one. */
export function CasefileSearchPage() {
  const { t } = useTranslation('casefile');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p>{t('search.intro')}</p>
      <ul className="inline-links">
        <li>
          <Link href="/app/casefile/expiring">{t('expiring.title')}</Link>
        </li>
        <li>
          <Link href="/app/referrals">{t('referrals.title')}</Link>
        </li>
      </ul>
      <PersonSearch
        idPrefix="cf-search"
        purpose="service"
        actions={(hit) => (
          <Link className="button small" href={`/app/casefile/${hit.id}`} aria-label={t('search.openNamed', { name: hit.fullName })}>
            {t('search.open')}
          </Link>
        )}
      />
      {creating ? (
        <PersonCreateForm
          idPrefix="cf-create"
          purpose="service"
          pickLabel={t('duplicates.open')}
          pickAriaLabel={(name) => t('search.openNamed', { name })}
          onPick={(p) => navigate(`/app/casefile/${p.id}`)}
          onCreated={(p) => navigate(`/app/casefile/${p.id}`)}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => setCreating(true)}>
            {t('create.open')}
          </button>
        </div>
      )}
    </>
  );
}

/** /app/casefile/:personId: the casefile as this user may see it. */
export function CasefilePage({ personId }: { personId: string }) {
  const { t } = useTranslation('casefile');
  const { session } = useSession();
  const { search } = useLocation();
  const { name: partnerName, partners } = usePartners();
  const wanted = search.get('section');
  // Opened from a referral (the referrals list links here with ?section=): that is the purpose recorded.
  const { data, error, reload } = useRead<Casefile>(`/api/persons/${personId}/casefile`, wanted ? 'referral' : 'service');
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const own = data?.sections.find((s) => s.access === 'own');
  const shared = data?.sections.filter((s) => s.access === 'referral') ?? [];
  const wantedMissing = !!data && !!wanted && !data.sections.some((s) => s.partnerId === wanted);
  const [wantedState, setWantedState] = useState<{ partnerId: string; section: Section | null; error: ApiError | Error | null } | null>(null);

  // A link to a shared section (from the referrals list) asks for that section itself: the server
  // decides, live, and records a refusal when the referral has ended.
  useEffect(() => {
    if (!wantedMissing || !wanted) return;
    let live = true;
    get<Section>(`/api/persons/${personId}/sections/${wanted}`, withPurpose('referral')).then(
      (section) => live && setWantedState({ partnerId: wanted, section, error: null }),
      (e: unknown) => live && setWantedState({ partnerId: wanted, section: null, error: errorOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [wantedMissing, wanted, personId]);

  if (error) {
    return (
      <>
        <h1>{t('file.title')}</h1>
        <p role="alert">{error.message}</p>
        <p>
          <Link href="/app/casefile">{t('file.backToSearch')}</Link>
        </p>
      </>
    );
  }
  if (!data) return <p className="loading">{t('common.loading')}</p>;
  const person = data.person;
  const done = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
    void reload();
  };
  const ownPartner = partnerName(session?.user.partnerId);

  return (
    <div className="casefile">
      <p className="eyebrow">{t('file.title')}</p>
      <h1>
        <bdi data-testid="casefile-name">{person.fullName}</bdi>
      </h1>
      {person.mergedInto && (
        <p className="notice">
          <Link href={`/app/casefile/${person.mergedInto}`}>{t('file.mergedInto')}</Link>
        </p>
      )}
      <nav aria-label={t('file.jump')} className="jump-links">
        <ul className="inline-links">
          <li>
            <a href="#core-title">{t('core.title')}</a>
          </li>
          <li>
            <a href="#own-title">{t('own.title')}</a>
          </li>
          <li>
            <a href="#shared-title">{t('shared.title')}</a>
          </li>
          <li>
            <a href="#timeline-title">{t('timeline.title')}</a>
          </li>
        </ul>
      </nav>
      <div aria-live="polite" data-testid="casefile-message">
        {message && <Notice>{message}</Notice>}
      </div>

      <CorePanel person={person} onSaved={done} />

      <section className="panel section-own" aria-labelledby="own-title" data-testid="own-section">
        <h2 id="own-title">{t('own.title')}</h2>
        {own ? (
          <>
            <p className="hint">{t('own.explain', { partner: ownPartner })}</p>
            <CaseList cases={own.cases} editable onChanged={done} />
            <OpenCaseForm personId={person.id} onOpened={(title) => done(t('cases.opened', { title }))} />
            <PersonReferrals key={version} personId={person.id} onChanged={done} />
            <ReferralForm personId={person.id} personName={person.fullName} partners={partners.filter((p) => p.id !== session?.user.partnerId && p.active)} onSent={(to) => done(t('share.sent', { partner: to }))} />
          </>
        ) : (
          <p>{t('own.none')}</p>
        )}
      </section>

      <section className="panel section-shared" aria-labelledby="shared-title" data-testid="shared-sections">
        <h2 id="shared-title">{t('shared.title')}</h2>
        {wantedMissing && wantedState?.partnerId === wanted && wantedState.error && (
          <p className="notice warning" role="alert" data-testid="section-refused">
            {t('shared.refused', { partner: partnerName(wanted) })}
          </p>
        )}
        {shared.length === 0 && !wantedState?.section ? (
          <p>{t('shared.none')}</p>
        ) : (
          [...shared, ...(wantedMissing && wantedState?.section ? [wantedState.section] : [])].map((s) => (
            <article key={s.partnerId} className="shared-section" aria-labelledby={`shared-${s.partnerId}`}>
              <h3 id={`shared-${s.partnerId}`}>
                <PartnerName name={partnerName(s.partnerId)} />
              </h3>
              <p className="hint">{s.sharedUntil ? t('shared.until', { partner: partnerName(s.partnerId), date: formatDate(s.sharedUntil) }) : t('shared.readOnly')}</p>
              <CaseList cases={s.cases} editable={false} onChanged={done} />
            </article>
          ))
        )}
      </section>

      <Timeline entries={data.timeline} partnerName={partnerName} />
    </div>
  );
}

function formatDate(iso: string): string {
  const lang = formattingLocale(document.documentElement.lang || 'pt-PT');
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function CorePanel({ person, onSaved }: { person: PersonCore; onSaved(message: string): void }) {
  const { t } = useTranslation('casefile');
  const [editing, setEditing] = useState(false);
  const [addingDoc, setAddingDoc] = useState(false);
  return (
    <section className="panel core" aria-labelledby="core-title" data-testid="core">
      <h2 id="core-title">{t('core.title')}</h2>
      <p className="hint">{t('core.explain')}</p>
      {editing ? (
        <CoreForm
          person={person}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved(t('core.saved'));
          }}
        />
      ) : (
        <>
          <dl className="facts">
            <dt>{t('core.fullName')}</dt>
            <dd>
              <bdi>{person.fullName}</bdi>
            </dd>
            <dt>{t('core.birthDate')}</dt>
            <dd>{person.birthDate ? <DateText value={person.birthDate} /> : t('core.none')}</dd>
            <dt>{t('core.nationalities')}</dt>
            <dd>
              <Countries codes={person.nationalities} />
            </dd>
            <dt>{t('core.languages')}</dt>
            <dd>
              <Languages codes={person.languages} />
            </dd>
            <dt>{t('core.phone')}</dt>
            <dd>{person.contacts.phone ? <bdi>{person.contacts.phone}</bdi> : t('core.none')}</dd>
            <dt>{t('core.email')}</dt>
            <dd>{person.contacts.email ? <bdi>{person.contacts.email}</bdi> : t('core.none')}</dd>
            <dt>{t('core.address')}</dt>
            <dd>{person.contacts.address ? <bdi>{person.contacts.address}</bdi> : t('core.none')}</dd>
          </dl>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {t('core.edit')}
            </button>
          </div>
        </>
      )}
      <h3 id="documents-title">{t('documents.title')}</h3>
      <DocumentsTable documents={person.documents} caption={t('documents.caption')} />
      {addingDoc ? (
        <DocumentForm
          personId={person.id}
          onCancel={() => setAddingDoc(false)}
          onAdded={() => {
            setAddingDoc(false);
            onSaved(t('documents.added'));
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => setAddingDoc(true)}>
            {t('documents.add')}
          </button>
        </div>
      )}
      <Household person={person} onLinked={() => onSaved(t('household.linked'))} />
    </section>
  );
}

function CoreForm({ person, onSaved, onCancel }: { person: PersonCore; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation('casefile');
  const [fullName, setFullName] = useState(person.fullName);
  const [birthDate, setBirthDate] = useState(person.birthDate ?? '');
  const [nationalities, setNationalities] = useState(person.nationalities.join(', '));
  const [languages, setLanguages] = useState(person.languages);
  const [phone, setPhone] = useState(person.contacts.phone ?? '');
  const [email, setEmail] = useState(person.contacts.email ?? '');
  const [address, setAddress] = useState(person.contacts.address ?? '');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldErr = (f: string) => (error instanceof ApiError ? error.fields[f] : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const contacts = { ...(phone.trim() && { phone: phone.trim() }), ...(email.trim() && { email: email.trim() }), ...(address.trim() && { address: address.trim() }) };
      await patch(`/api/persons/${person.id}`, { fullName: fullName.trim(), birthDate: birthDate || null, nationalities: parseCountries(nationalities), languages, contacts }, withPurpose('service'));
      onSaved();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form subform" aria-labelledby="core-edit-title" onSubmit={(e) => void submit(e)}>
      <h3 id="core-edit-title">{t('core.editTitle')}</h3>
      <ErrorSummary error={error} labels={{ fullName: { id: 'core-name', label: t('core.fullName') }, birthDate: { id: 'core-birth', label: t('core.birthDate') } }} />
      <TextField id="core-name" label={t('core.fullName')} value={fullName} onChange={setFullName} error={fieldErr('fullName')} required maxLength={200} />
      <div className="field-row">
        <TextField id="core-birth" label={t('core.birthDate')} type="date" value={birthDate} onChange={setBirthDate} error={fieldErr('birthDate')} />
        <TextField id="core-nat" label={t('core.nationalities')} hint={t('core.nationalitiesHint')} value={nationalities} onChange={setNationalities} error={fieldErr('nationalities')} />
      </div>
      <LanguagePicker idPrefix="core" value={languages} onChange={setLanguages} />
      <div className="field-row">
        <TextField id="core-phone" label={t('core.phone')} type="tel" value={phone} onChange={setPhone} maxLength={40} />
        <TextField id="core-email" label={t('core.email')} type="email" value={email} onChange={setEmail} maxLength={120} />
      </div>
      <TextField id="core-address" label={t('core.address')} value={address} onChange={setAddress} maxLength={300} />
      <FormActions submitLabel={t('common.save')} cancelLabel={t('common.cancel')} disabled={busy || !fullName.trim()} onCancel={onCancel} />
    </form>
  );
}

function DocumentForm({ personId, onAdded, onCancel }: { personId: string; onAdded(): void; onCancel(): void }) {
  const { t } = useTranslation('casefile');
  const [type, setType] = useState<string>('passport');
  const [number, setNumber] = useState('');
  const [country, setCountry] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [verified, setVerified] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const fieldErr = (f: string) => (error instanceof ApiError ? error.fields[f] : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(
        `/api/persons/${personId}/documents`,
        { type, number: number.trim(), ...(country.trim() && { issuingCountry: country.trim().toUpperCase() }), ...(issuedOn && { issuedOn }), ...(expiresOn && { expiresOn }), verified },
        withPurpose('service'),
      );
      onAdded();
    } catch (err) {
      setError(errorOf(err));
    }
  };
  return (
    <form className="form subform" aria-labelledby="doc-add-title" onSubmit={(e) => void submit(e)}>
      <h4 id="doc-add-title">{t('documents.addTitle')}</h4>
      <ErrorSummary error={error} labels={{ number: { id: 'doc-number', label: t('documents.number') }, expiresOn: { id: 'doc-expires', label: t('documents.expiresOn') }, issuingCountry: { id: 'doc-country', label: t('documents.issuingCountry') } }} />
      <div className="field-row">
        <div className="field">
          <label htmlFor="doc-type">{t('documents.type')}</label>
          <select id="doc-type" value={type} onChange={(e) => setType(e.target.value)}>
            {DOCUMENT_TYPES.map((d) => (
              <option key={d} value={d}>
                {t(`documentTypes.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id="doc-number" label={t('documents.number')} value={number} onChange={setNumber} error={fieldErr('number')} required maxLength={60} />
        <TextField id="doc-country" label={t('documents.issuingCountry')} hint={t('documents.countryHint')} value={country} onChange={setCountry} error={fieldErr('issuingCountry')} maxLength={2} className="short" />
        <TextField id="doc-issued" label={t('documents.issuedOn')} type="date" value={issuedOn} onChange={setIssuedOn} error={fieldErr('issuedOn')} />
        <TextField id="doc-expires" label={t('documents.expiresOn')} type="date" value={expiresOn} onChange={setExpiresOn} error={fieldErr('expiresOn')} />
      </div>
      <div className="field field-check">
        <input id="doc-verified" type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} />
        <label htmlFor="doc-verified">{t('documents.verifiedCheck')}</label>
      </div>
      <FormActions submitLabel={t('documents.addSubmit')} cancelLabel={t('common.cancel')} disabled={!number.trim()} onCancel={onCancel} />
    </form>
  );
}

function Household({ person, onLinked }: { person: PersonCore; onLinked(): void }) {
  const { t } = useTranslation('casefile');
  const [adding, setAdding] = useState(false);
  const [relation, setRelation] = useState<string>('spouse');
  const [error, setError] = useState<Error | null>(null);
  const link = async (relatedPersonId: string) => {
    try {
      await post(`/api/persons/${person.id}/household`, { relatedPersonId, relation });
      setAdding(false);
      setError(null);
      onLinked();
    } catch (err) {
      setError(errorOf(err));
    }
  };
  return (
    <>
      <h3 id="household-title">{t('household.title')}</h3>
      {person.household.length === 0 ? (
        <p className="hint">{t('household.none')}</p>
      ) : (
        <ul className="household" aria-labelledby="household-title">
          {person.household.map((h) => (
            <li key={h.personId}>
              <Link href={`/app/casefile/${h.personId}`}>
                <bdi>{h.fullName}</bdi>
              </Link>{' '}
              <span className="badge">{t(`relations.${h.relation}`, { defaultValue: t('relations.other') })}</span>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <div className="subform">
          <h4>{t('household.addTitle')}</h4>
          <ErrorSummary error={error} />
          <div className="field">
            <label htmlFor="household-relation">{t('household.relation')}</label>
            <select id="household-relation" value={relation} onChange={(e) => setRelation(e.target.value)}>
              {RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`relations.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <PersonSearch
            idPrefix="household-search"
            purpose="service"
            actions={(hit) =>
              hit.id === person.id ? null : (
                <button type="button" className="button small" onClick={() => void link(hit.id)} aria-label={t('household.linkNamed', { name: hit.fullName })}>
                  {t('household.link')}
                </button>
              )
            }
          />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => setAdding(true)}>
            {t('household.add')}
          </button>
        </div>
      )}
    </>
  );
}

function CaseList({ cases, editable, onChanged }: { cases: Case[]; editable: boolean; onChanged(message: string): void }) {
  const { t } = useTranslation('casefile');
  if (cases.length === 0) return <p className="hint">{t('cases.none')}</p>;
  return (
    <ul className="plain cases">
      {cases.map((c) => (
        <li key={c.id}>
          <CaseCard c={c} editable={editable} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

function CaseCard({ c, editable, onChanged }: { c: Case; editable: boolean; onChanged(message: string): void }) {
  const { t } = useTranslation('casefile');
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  return (
    <article className="case-card" aria-labelledby={titleId} data-testid="case">
      <div className="case-head">
        <h3 id={titleId}>
          <bdi>{c.title}</bdi>
        </h3>
        <span className={`badge status-${c.status}`}>{t(`status.${c.status}`, { defaultValue: c.status })}</span>
      </div>
      <dl className="facts">
        <dt>{t('cases.nextStep')}</dt>
        <dd>{c.nextStep ? <bdi>{c.nextStep}</bdi> : t('core.none')}</dd>
        <dt>{t('cases.followUpOn')}</dt>
        <dd>{c.followUpOn ? <DateText value={c.followUpOn} /> : t('core.none')}</dd>
        <dt>{t('cases.openedAt')}</dt>
        <dd>
          <DateTimeText value={c.openedAt} />
        </dd>
      </dl>
      <h4>{t('notes.title', { count: c.notes.length })}</h4>
      {c.notes.length > 0 && (
        <ol className="notes">
          {c.notes.map((n) => (
            <li key={n.id} className="note">
              <DateTimeText value={n.createdAt} />
              {n.authorName && <span className="note-author">{t('notes.by', { name: n.authorName })}</span>}
              <bdi className="note-body">{n.body}</bdi>
            </li>
          ))}
        </ol>
      )}
      {editable && (
        <>
          {editing ? (
            <CaseForm
              c={c}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                onChanged(t('cases.updated', { title: c.title }));
              }}
            />
          ) : (
            <div className="actions">
              <button type="button" className="button secondary small" onClick={() => setEditing(true)} aria-label={t('cases.updateNamed', { title: c.title })}>
                {t('cases.update')}
              </button>
            </div>
          )}
          <NoteForm caseId={c.id} caseTitle={c.title} onAdded={() => onChanged(t('notes.added'))} />
        </>
      )}
    </article>
  );
}

function CaseForm({ c, onSaved, onCancel }: { c: Case; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation('casefile');
  const id = useId();
  const [status, setStatus] = useState(c.status);
  const [nextStep, setNextStep] = useState(c.nextStep ?? '');
  const [followUpOn, setFollowUpOn] = useState(c.followUpOn ?? '');
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await patch(`/api/cases/${c.id}`, { status, nextStep: nextStep.trim() || null, followUpOn: followUpOn || null });
      onSaved();
    } catch (err) {
      setError(errorOf(err));
    }
  };
  return (
    <form className="form subform" aria-label={t('cases.updateNamed', { title: c.title })} onSubmit={(e) => void submit(e)}>
      <ErrorSummary error={error} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('cases.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id={`${id}-next`} label={t('cases.nextStep')} value={nextStep} onChange={setNextStep} maxLength={500} />
        <TextField id={`${id}-follow`} label={t('cases.followUpOn')} type="date" value={followUpOn} onChange={setFollowUpOn} />
      </div>
      <FormActions submitLabel={t('common.save')} cancelLabel={t('common.cancel')} onCancel={onCancel} />
    </form>
  );
}

function NoteForm({ caseId, caseTitle, onAdded }: { caseId: string; caseTitle: string; onAdded(): void }) {
  const { t } = useTranslation('casefile');
  const id = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${caseId}/notes`, { body: body.trim() });
      setBody('');
      setError(null);
      onAdded();
    } catch (err) {
      setError(errorOf(err));
    }
  };
  return (
    <form className="form note-form" aria-label={t('notes.addNamed', { title: caseTitle })} onSubmit={(e) => void submit(e)}>
      <ErrorSummary error={error} />
      <TextField id={`${id}-note`} label={t('notes.new')} hint={t('notes.hint')} value={body} onChange={setBody} multiline maxLength={5000} />
      <div className="actions">
        <button type="submit" className="button secondary" disabled={!body.trim()}>
          {t('notes.add')}
        </button>
      </div>
    </form>
  );
}

function OpenCaseForm({ personId, onOpened }: { personId: string; onOpened(title: string): void }) {
  const { t } = useTranslation('casefile');
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [error, setError] = useState<Error | null>(null);
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('cases.open')}
        </button>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/persons/${personId}/cases`, { title: title.trim(), ...(nextStep.trim() && { nextStep: nextStep.trim() }), ...(followUpOn && { followUpOn }) });
      setOpen(false);
      setTitle('');
      setNextStep('');
      setFollowUpOn('');
      onOpened(title.trim());
    } catch (err) {
      setError(errorOf(err));
    }
  };
  return (
    <form className="form subform" aria-labelledby="case-open-title" onSubmit={(e) => void submit(e)}>
      <h3 id="case-open-title">{t('cases.openTitle')}</h3>
      <ErrorSummary error={error} labels={{ title: { id: 'case-title', label: t('cases.title') } }} />
      <TextField id="case-title" label={t('cases.title')} hint={t('cases.titleHint')} value={title} onChange={setTitle} required maxLength={200} />
      <div className="field-row">
        <TextField id="case-next" label={t('cases.nextStep')} value={nextStep} onChange={setNextStep} maxLength={500} />
        <TextField id="case-follow" label={t('cases.followUpOn')} type="date" value={followUpOn} onChange={setFollowUpOn} />
      </div>
      <FormActions submitLabel={t('cases.openSubmit')} cancelLabel={t('common.cancel')} disabled={!title.trim()} onCancel={() => setOpen(false)} />
    </form>
  );
}

function Timeline({ entries, partnerName }: { entries: Casefile['timeline']; partnerName(id: string | undefined): string }) {
  const { t } = useTranslation('casefile');
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {entries.length === 0 ? (
        <p className="hint">{t('timeline.none')}</p>
      ) : (
        <ol className="timeline-list">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <DateTimeText value={e.at} />
              <span className="timeline-what">
                {e.kind === 'ticket'
                  ? t('timeline.ticket', { number: e.number ?? '', status: t(`ticketStatus.${e.status ?? 'other'}`, { defaultValue: e.status ?? '' }) })
                  : e.kind === 'case_opened'
                    ? t('timeline.caseOpened', { partner: partnerName(e.partnerId), title: e.title ?? '' })
                    : e.kind === 'note'
                      ? t('timeline.note', { partner: partnerName(e.partnerId) })
                      : t('timeline.other')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

