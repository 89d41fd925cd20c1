import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Service } from '../api.ts';
import { PrintableReceipt } from '../print/TicketReceipt.tsx';
import type { Ticket } from './common.tsx';

interface Receipt {
  ticket: Ticket;
  ticketUrl: string;
  priorityReason: string | null;
}

/**
 * After a desk sends the client on, a paper ticket with the new number: clients without a phone
 * would otherwise have to remember it. Same receipt as pre-sorting, with the same phone page QR.
 */
export function FollowOnReceipt({ ticket, centre, services }: { ticket: Ticket; centre: { name: string; timeZone: string }; services: Service[] }) {
  const { t } = useTranslation('visit');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const service = services.find((s) => s.id === ticket.serviceId);

  // Print once the receipt (and its QR code) is in the page.
  useEffect(() => {
    if (!receipt) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [receipt]);

  const load = () => {
    setFailed(null);
    if (receipt) {
      window.print();
      return;
    }
    get<Receipt>(`/api/tickets/${ticket.id}/receipt`).then(setReceipt, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="follow-on-receipt" data-testid="follow-on-receipt">
      <button type="button" className="button secondary" onClick={load}>
        {t('counter.printFollowOn', { number: ticket.number })}
      </button>
      {failed && <p className="field-error">{failed}</p>}
      {receipt && <PrintableReceipt ticket={receipt.ticket} centre={centre} service={service} ticketUrl={receipt.ticketUrl} language={receipt.ticket.language} priorityReason={receipt.priorityReason} />}
    </div>
  );
}
