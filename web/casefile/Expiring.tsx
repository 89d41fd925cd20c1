import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { Table } from '../ui/Table.tsx';
import { DateText, ExpiryBadge } from './common.tsx';
import { ErrorSummary } from '../ui/form.tsx';
import { downloadFile, useRead, type ExpiringDocument } from './model.ts';
import './casefile.css';

const WINDOWS = [30, 60, 90, 180] as const;

/** /app/casefile/expiring: documents that have expired or expire soon, to remind people at the desk. */
export function ExpiringPage() {
  const { t } = useTranslation('casefile');
  const [days, setDays] = useState(60);
  const { data, error } = useRead<{ items: ExpiringDocument[] }>(`/api/documents/expiring?days=${days}`, 'service');
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<Error | null>(null);
  const downloadCsv = async () => {
    try {
      setDownloaded(await downloadFile(`/api/documents/expiring.csv?days=${days}`, 'service', 'expiring-documents.csv'));
      setDownloadError(null);
    } catch (e) {
      setDownloadError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return (
    <>
      <h1>{t('expiring.title')}</h1>
      <p>{t('expiring.intro')}</p>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="expiring-days">{t('expiring.window')}</label>
          <select id="expiring-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                {t('expiring.days', { count: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button secondary" onClick={() => void downloadCsv()} disabled={!data || data.items.length === 0}>
          {t('expiring.csv')}
        </button>
      </div>
      <ErrorSummary error={downloadError} />
      <div aria-live="polite">{downloaded && <p className="notice">{t('expiring.downloaded', { name: downloaded })}</p>}</div>
      {error && <p role="alert">{error.message}</p>}
      {!data && !error && <p className="loading">{t('common.loading')}</p>}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('expiring.none', { count: days })}</p>
        ) : (
          <Table
            caption={t('expiring.caption', { count: data.items.length })}
            columns={[t('expiring.person'), t('documents.type'), t('documents.number'), t('documents.expiresOn'), t('documents.status')]}
            testId="expiring-table"
          >
            {data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link href={`/app/casefile/${d.personId}`}>
                    <bdi>{d.fullName}</bdi>
                  </Link>
                </td>
                <td>{t(`documentTypes.${d.type}`, { defaultValue: t('documentTypes.other') })}</td>
                <td>
                  <bdi translate="no">{d.number}</bdi>
                </td>
                <td>
                  <DateText value={d.expiresOn} />
                </td>
                <td>
                  <ExpiryBadge expiry={d.expiry} days={d.daysToExpiry} />
                </td>
              </tr>
            ))}
          </Table>
        ))}
    </>
  );
}
