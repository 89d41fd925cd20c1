import { useTranslation } from 'react-i18next';
import { SimpleLayout } from '../ui/layout.tsx';

/** The client's ticket page. Until tickets exist, every link is reported as not valid. */
export function TicketLink() {
  const { t } = useTranslation();
  return (
    <SimpleLayout title={t('ticket.title')}>
      <h1>{t('ticket.title')}</h1>
      <p>{t('ticket.invalid')}</p>
      <p>{t('ticket.askStaff')}</p>
    </SimpleLayout>
  );
}
