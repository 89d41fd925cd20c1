import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, localized, post, type Partner } from '../api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, Notice, describedBy, FormActions } from '../ui/form.tsx';
import { DateText, PartnerName, TextField, usePartners } from './common.tsx';
import { today, useRead, withPurpose, type Referral } from './model.ts';
import './casefile.css';

const errorOf = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** "Share your section": with consent (who gave it) or on a legal basis (agency officers, a written reason). */
export function ReferralForm({ personId, personName, partners, onSent }: { personId: string; personName: string; partners: Partner[]; onSent(partnerName: string): void }) {
  const { t, i18n } = useTranslation('casefile');
  const { session } = useSession();
  const mayUseLegalBasis = !!session?.user.roles.includes('agency_officer');
  const [open, setOpen] = useState(false);
  const [toPartnerId, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [basis, setBasis] = useState<'consent' | 'legal_basis'>('consent');
  const [consentGivenBy, setConsentGivenBy] = useState('');
  const [legalBasisReason, setReason] = useState('');
  const [until, setUntil] = useState(today(30));
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldErr = (f: string) => (error instanceof ApiError ? error.fields[f] : undefined);
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          {t('share.open')}
        </button>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // The end of the chosen day, in the centre's (the browser's) time.
      const expiresAt = new Date(`${until}T23:59:59`).toISOString();
      await post(
        `/api/persons/${personId}/referrals`,
        { toPartnerId, purpose: purpose.trim(), basis, expiresAt, ...(basis === 'consent' ? { consentGivenBy: consentGivenBy.trim() } : { legalBasisReason: legalBasisReason.trim() }) },
        withPurpose('referral'),
      );
      const name = localized(partners.find((p) => p.id === toPartnerId)?.name, i18n.language);
      setOpen(false);
      setPurpose('');
      setConsentGivenBy('');
      setReason('');
      setError(null);
      onSent(name);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  const labels = {
    toPartnerId: { id: 'share-to', label: t('share.to') },
    purpose: { id: 'share-purpose', label: t('share.purpose') },
    consentGivenBy: { id: 'share-consent', label: t('share.consentGivenBy') },
    legalBasisReason: { id: 'share-reason', label: t('share.legalBasisReason') },
    expiresAt: { id: 'share-until', label: t('share.until') },
  };
  return (
    <form className="form subform form-panel share-form" aria-labelledby="share-title" onSubmit={(e) => void submit(e)}>
      <h3 id="share-title">{t('share.title')}</h3>
      <p>{t('share.explain', { name: personName })}</p>
      <ErrorSummary error={error} labels={labels} />
      <div className="field">
        <label htmlFor="share-to">{t('share.to')}</label>
        <select id="share-to" value={toPartnerId} required onChange={(e) => setTo(e.target.value)} aria-invalid={fieldErr('toPartnerId') ? true : undefined} aria-describedby={describedBy('share-to', fieldErr('toPartnerId'), false)}>
          <option value="">{t('share.choosePartner')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {localized(p.name, i18n.language)}
            </option>
          ))}
        </select>
        <FieldError id="share-to" message={fieldErr('toPartnerId')} />
      </div>
      <TextField id="share-purpose" label={t('share.purpose')} hint={t('share.purposeHint')} value={purpose} onChange={setPurpose} error={fieldErr('purpose')} required maxLength={300} />
      <fieldset>
        <legend>{t('share.basis')}</legend>
        <div className="check">
          <input type="radio" id="share-basis-consent" name="share-basis" checked={basis === 'consent'} onChange={() => setBasis('consent')} aria-describedby="share-basis-consent-hint" />
          <label htmlFor="share-basis-consent">{t('share.consent')}</label>
        </div>
        <p className="hint" id="share-basis-consent-hint">
          {t('share.consentHint')}
        </p>
        {mayUseLegalBasis ? (
          <>
            <div className="check">
              <input type="radio" id="share-basis-legal" name="share-basis" checked={basis === 'legal_basis'} onChange={() => setBasis('legal_basis')} aria-describedby="share-basis-legal-hint" />
              <label htmlFor="share-basis-legal">{t('share.legalBasis')}</label>
            </div>
            <p className="hint" id="share-basis-legal-hint">
              {t('share.legalBasisHint')}
            </p>
          </>
        ) : (
          <p className="hint">{t('share.legalBasisAgenciesOnly')}</p>
        )}
      </fieldset>
      {basis === 'consent' ? (
        <TextField id="share-consent" label={t('share.consentGivenBy')} hint={t('share.consentGivenByHint')} value={consentGivenBy} onChange={setConsentGivenBy} error={fieldErr('consentGivenBy')} required maxLength={200} />
      ) : (
        <TextField id="share-reason" label={t('share.legalBasisReason')} hint={t('share.legalBasisReasonHint')} value={legalBasisReason} onChange={setReason} error={fieldErr('legalBasisReason')} required multiline maxLength={2000} />
      )}
      <TextField id="share-until" label={t('share.until')} hint={t('share.untilHint')} type="date" value={until} onChange={setUntil} error={fieldErr('expiresAt')} required />
      <FormActions submitLabel={t('share.submit')} cancelLabel={t('common.cancel')} disabled={busy || !toPartnerId || !until} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** The referrals this partner gave for one person, with revoke. */
export function PersonReferrals({ personId, onChanged }: { personId: string; onChanged(message: string): void }) {
  const { t } = useTranslation('casefile');
  // Ask for this person's referrals only: listing the whole partner's would record audited reads of unrelated people.
  const { data, reload } = useRead<{ items: Referral[] }>(`/api/referrals?direction=outgoing&personId=${encodeURIComponent(personId)}`, 'referral');
  const mine = (data?.items ?? []).filter((r) => r.personId === personId && (r.status === 'pending' || r.status === 'accepted'));
  if (mine.length === 0) return null;
  return (
    <ReferralTable
      direction="outgoing"
      caption={t('share.current')}
      items={mine}
      showPerson={false}
      onChanged={(m) => {
        void reload();
        onChanged(m);
      }}
    />
  );
}

function ReferralTable({ direction, caption, items, showPerson, onChanged }: { direction: 'incoming' | 'outgoing'; caption: string; items: Referral[]; showPerson: boolean; onChanged(message: string): void }) {
  const { t } = useTranslation('casefile');
  const { name } = usePartners();
  const [error, setError] = useState<Error | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const act = async (r: Referral, verb: 'accept' | 'reject' | 'revoke') => {
    try {
      await post(`/api/referrals/${r.id}/${verb}`, {}, withPurpose('referral'));
      setError(null);
      setConfirming(null);
      onChanged(t(`referrals.done.${verb}`, { name: r.personName ?? '' }));
    } catch (err) {
      setError(errorOf(err));
    }
  };
  if (items.length === 0) return <p className="hint">{t(`referrals.none.${direction}`)}</p>;
  return (
    <>
      <ErrorSummary error={error} />
      <div className="table-wrap">
        <table className="referrals-table" data-testid={`referrals-${direction}`}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {showPerson && <th scope="col">{t('referrals.person')}</th>}
              <th scope="col">{direction === 'incoming' ? t('referrals.from') : t('referrals.to')}</th>
              <th scope="col">{t('share.purpose')}</th>
              <th scope="col">{t('share.basis')}</th>
              <th scope="col">{t('share.until')}</th>
              <th scope="col">{t('referrals.status')}</th>
              <th scope="col">{t('referrals.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const person = r.personName ?? '';
              const live = r.status === 'pending' || r.status === 'accepted';
              return (
                <tr key={r.id}>
                  {showPerson && (
                    <td>
                      <Link href={`/app/casefile/${r.personId}${direction === 'incoming' && r.status === 'accepted' ? `?section=${r.fromPartnerId}` : ''}`}>
                        <bdi>{person}</bdi>
                      </Link>
                    </td>
                  )}
                  <td>
                    <PartnerName name={name(direction === 'incoming' ? r.fromPartnerId : r.toPartnerId)} />
                  </td>
                  <td>
                    <bdi>{r.purpose}</bdi>
                  </td>
                  <td>
                    {r.basis === 'consent' ? t('referrals.consentBy') : t('share.legalBasis')}
                    <br />
                    <bdi className="basis-detail">{r.basis === 'consent' ? r.consentGivenBy : r.legalBasisReason}</bdi>
                  </td>
                  <td>
                    <DateText value={r.expiresAt} />
                  </td>
                  <td>
                    <span className={`badge referral-${r.status}`}>{t(`referrals.statuses.${r.status}`, { defaultValue: r.status })}</span>
                  </td>
                  <td>
                    <div className="row-actions">
                      {direction === 'incoming' && r.status === 'pending' && (
                        <>
                          <button type="button" className="button small" onClick={() => void act(r, 'accept')} aria-label={t('referrals.acceptNamed', { name: person })}>
                            {t('referrals.accept')}
                          </button>
                          <button type="button" className="button small secondary" onClick={() => void act(r, 'reject')} aria-label={t('referrals.rejectNamed', { name: person })}>
                            {t('referrals.reject')}
                          </button>
                        </>
                      )}
                      {direction === 'incoming' && r.status === 'accepted' && (
                        <Link className="button small secondary" href={`/app/casefile/${r.personId}?section=${r.fromPartnerId}`} aria-label={t('referrals.openNamed', { name: person })}>
                          {t('referrals.open')}
                        </Link>
                      )}
                      {direction === 'outgoing' && live && confirming !== r.id && (
                        <button type="button" className="button small secondary" onClick={() => setConfirming(r.id)} aria-label={t('referrals.revokeNamed', { name: person })}>
                          {t('referrals.revoke')}
                        </button>
                      )}
                      {direction === 'outgoing' && live && confirming === r.id && (
                        <span className="confirm" role="group" aria-label={t('referrals.revokeNamed', { name: person })}>
                          <span>{t('referrals.revokeConfirm')}</span>
                          <button type="button" className="button small danger" onClick={() => void act(r, 'revoke')}>
                            {t('referrals.revokeYes')}
                          </button>
                          <button type="button" className="button small secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** /app/referrals: referrals to this partner (accept or reject) and from it (revoke). */
export function ReferralsPage() {
  const { t } = useTranslation('casefile');
  const incoming = useRead<{ items: Referral[] }>('/api/referrals?direction=incoming', 'referral');
  const outgoing = useRead<{ items: Referral[] }>('/api/referrals?direction=outgoing', 'referral');
  const [message, setMessage] = useState<string | null>(null);
  const changed = (m: string) => {
    setMessage(m);
    void incoming.reload();
    void outgoing.reload();
  };
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <p>{t('referrals.intro')}</p>
      <div aria-live="polite" data-testid="referrals-message">
        {message && <Notice>{message}</Notice>}
      </div>
      <section aria-labelledby="incoming-title">
        <h2 id="incoming-title">{t('referrals.incoming')}</h2>
        <p className="hint">{t('referrals.incomingHint')}</p>
        {incoming.error && <p role="alert">{incoming.error.message}</p>}
        {incoming.data ? <ReferralTable direction="incoming" caption={t('referrals.incoming')} items={incoming.data.items} showPerson onChanged={changed} /> : !incoming.error && <p className="loading">{t('common.loading')}</p>}
      </section>
      <section aria-labelledby="outgoing-title">
        <h2 id="outgoing-title">{t('referrals.outgoing')}</h2>
        <p className="hint">{t('referrals.outgoingHint')}</p>
        {outgoing.error && <p role="alert">{outgoing.error.message}</p>}
        {outgoing.data ? <ReferralTable direction="outgoing" caption={t('referrals.outgoing')} items={outgoing.data.items} showPerson onChanged={changed} /> : !outgoing.error && <p className="loading">{t('common.loading')}</p>}
      </section>
    </>
  );
}

