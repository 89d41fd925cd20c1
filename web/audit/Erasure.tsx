import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, localized, post } from '../api.ts';
import { ErrorSummary, FormActions, Notice } from '../ui/form.tsx';
import { Table } from '../ui/Table.tsx';
import { PartnerName, TextField } from '../casefile/common.tsx';
import { useRead, withPurpose, type ErasurePlan, type ErasureSection } from '../casefile/model.ts';
import { formattingLocale } from '../../core/languages.ts';

type Choice = { kind: 'erase'; section: ErasureSection } | { kind: 'anonymise' };

/**
 * The data-protection officer erases a partner's section, or anonymises the identity, on a
 * data-subject request: each section with its retention rule and whether it must be kept (the
 * legal reason shown), a confirmation with the reason for the audit log, then the result. The
 * server decides again on every request (a section kept by law is refused with its reason).
 */
export function Erasure({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation('casefile');
  const { data: plan, error, reload } = useRead<ErasurePlan>(`/api/persons/${personId}/erasure-plan`, 'data_subject_request');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const partnerName = (s: ErasureSection) => localized(s.partnerName, i18n.language);
  const dateText = (iso: string) => new Intl.DateTimeFormat(formattingLocale(i18n.language), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  const holds = (s: ErasureSection) => {
    const parts = [
      s.cases > 0 && t('erasure.cases', { count: s.cases }),
      s.openCases > 0 && t('erasure.openCases', { count: s.openCases }),
      s.erasedCases > 0 && t('erasure.erasedCases', { count: s.erasedCases }),
      s.liveReferrals > 0 && t('erasure.referrals', { count: s.liveReferrals }),
    ].filter((x): x is string => !!x);
    return parts.length ? parts.join(' · ') : t('erasure.nothing');
  };
  const erasable = (s: ErasureSection) => !s.mustKeep && (s.cases > 0 || s.liveReferrals > 0);

  return (
    <section aria-labelledby="erasure-title" data-testid="erasure">
      <h2 id="erasure-title">{t('erasure.title')}</h2>
      <p>{t('erasure.intro')}</p>
      {error && <p role="alert">{error.message}</p>}
      {!plan && !error && <p className="loading">{t('common.loading')}</p>}
      <div aria-live="polite" data-testid="erasure-result">
        {result && <Notice>{result}</Notice>}
      </div>
      {plan && (
        <>
          <p>
            {t('erasure.person')} <bdi className="person-name">{plan.anonymised ? '—' : plan.fullName}</bdi>
          </p>
          {plan.anonymised && <p className="notice">{t('erasure.anonymised')}</p>}
          {plan.mergedInto && <p className="notice warning">{t('erasure.merged')}</p>}
          <Table caption={t('erasure.caption')} columns={[t('erasure.section'), t('erasure.retention'), t('erasure.holds'), t('erasure.keep'), t('erasure.action')]} testId="erasure-table">
            <tr data-testid="erasure-core">
              <th scope="row">{t('erasure.core')}</th>
              <td>{t('erasure.coreRule')}</td>
              <td>{plan.anonymised ? t('erasure.nothing') : t('erasure.coreHolds')}</td>
              <td>{plan.canAnonymise || plan.anonymised ? t('erasure.canErase') : <span className="badge keep-by-law">{t('erasure.cannotAnonymise')}</span>}</td>
              <td>
                {plan.canAnonymise && !plan.mergedInto ? (
                  <button type="button" className="button small danger" aria-label={t('erasure.anonymiseNamed', { name: plan.fullName })} onClick={() => { setResult(null); setChoice({ kind: 'anonymise' }); }}>
                    {t('erasure.anonymise')}
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
            {plan.sections.map((s) => (
              <tr key={s.partnerId} data-testid={`erasure-section-${s.partnerId}`}>
                <th scope="row">
                  <PartnerName name={partnerName(s)} />
                </th>
                <td>{s.retentionYears ? t('erasure.years', { count: s.retentionYears }) : t('erasure.noYears')}</td>
                <td>{holds(s)}</td>
                <td>
                  {s.mustKeep ? (
                    <>
                      <span className="badge keep-by-law">{t('erasure.mustKeep')}</span>
                      <p className="keep-reason">{s.retentionBasis}</p>
                      <p className="hint">{s.erasedAutomaticallyOn ? t('erasure.erasedFrom', { date: dateText(s.erasedAutomaticallyOn) }) : t('erasure.whileOpen')}</p>
                    </>
                  ) : (
                    t('erasure.canErase')
                  )}
                </td>
                <td>
                  {erasable(s) && !plan.mergedInto ? (
                    <button type="button" className="button small danger" aria-label={t('erasure.eraseNamed', { partner: partnerName(s) })} onClick={() => { setResult(null); setChoice({ kind: 'erase', section: s }); }}>
                      {t('erasure.erase')}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </Table>
          {choice && (
            <Confirm
              key={choice.kind === 'erase' ? choice.section.partnerId : 'core'}
              personId={personId}
              choice={choice}
              title={choice.kind === 'erase' ? t('erasure.confirmErase', { partner: partnerName(choice.section) }) : t('erasure.confirmAnonymise', { name: plan.fullName })}
              onCancel={() => setChoice(null)}
              onDone={(message) => {
                setChoice(null);
                setResult(message);
                void reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function Confirm({ personId, choice, title, onCancel, onDone }: { personId: string; choice: Choice; title: string; onCancel(): void; onDone(message: string): void }) {
  const { t, i18n } = useTranslation('casefile');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // The confirmation opens with the reason field focused, so keyboard and screen-reader users land on it.
  useEffect(() => document.getElementById('erasure-reason')?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 5) {
      setReasonError(t('erasure.reasonShort'));
      document.getElementById('erasure-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      const body = { reason: reason.trim() };
      if (choice.kind === 'erase') {
        const r = await post<{ erasedCases: number }>(`/api/persons/${personId}/sections/${choice.section.partnerId}/erase`, body, withPurpose('data_subject_request'));
        onDone(t('erasure.erased', { count: r.erasedCases, partner: localized(choice.section.partnerName, i18n.language) }));
      } else {
        await post(`/api/persons/${personId}/anonymise`, body, withPurpose('data_subject_request'));
        onDone(t('erasure.anonymisedDone'));
      }
    } catch (err) {
      setError(err instanceof Error ? err : new ApiError(0, 'unexpected', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel form-panel confirm-erasure" aria-labelledby="erasure-confirm-title" data-testid="erasure-confirm">
      <h3 id="erasure-confirm-title">{title}</h3>
      <p>{choice.kind === 'erase' ? t('erasure.confirmEraseBody') : t('erasure.confirmAnonymiseBody')}</p>
      <ErrorSummary error={error} labels={{ reason: { id: 'erasure-reason', label: t('erasure.reason') } }} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <TextField id="erasure-reason" label={t('erasure.reason')} hint={t('erasure.reasonHint')} value={reason} onChange={setReason} error={reasonError} required maxLength={500} />
        <FormActions submitLabel={choice.kind === 'erase' ? t('erasure.confirmEraseButton') : t('erasure.confirmAnonymiseButton')} cancelLabel={t('common.cancel')} disabled={busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
