import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import QRCode from 'qrcode';
import { i18next } from '../i18n.ts';
import type { LocalizedText } from '../api.ts';
import './print.css';
import { formattingLocale } from '../../core/languages.ts';

/** Legal priority reasons the receipt has words for (an appointment is already said by the priority mark). */
const REASONS = new Set(['disability', 'senior', 'pregnancy', 'infant']);

export interface ReceiptTicket {
  number: string;
  priority: string;
  issuedAt: string;
}
export interface ReceiptCentre {
  name: string;
  timeZone: string;
}
export interface ReceiptService {
  name: LocalizedText;
}
export interface TicketReceiptProps {
  ticket: ReceiptTicket;
  centre: ReceiptCentre;
  service: ReceiptService | undefined;
  /** The phone page of the visit, e.g. /t/<token>; printed as a QR code. */
  ticketUrl: string;
  /** The client's language: the receipt's words are in it when translated, else in English. */
  language: string;
  /** Why the client has priority (pregnancy, 65+…), when the issuer knows it: printed after the priority mark. */
  priorityReason?: string | null;
}

/** The language the receipt's words are printed in: the client's, else English (nothing marks the fallback on paper). */
export function receiptLanguage(language: string): string {
  if (i18next.hasResourceBundle(language, 'print')) return language;
  const base = language.split('-')[0]!;
  if (base !== language && i18next.hasResourceBundle(base, 'print')) return base;
  return 'en';
}

function formatIssued(iso: string, lang: string, timeZone: string): { date: string; time: string } {
  const at = new Date(iso);
  const fmt = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(formattingLocale(lang), { ...options, timeZone }).format(at);
    } catch {
      return new Intl.DateTimeFormat('en', { ...options, timeZone }).format(at);
    }
  };
  return { date: fmt({ dateStyle: 'medium' }), time: fmt({ hour: '2-digit', minute: '2-digit' }) };
}

/** The QR code of a URL as an SVG data URL (the CSP allows data: images, not inline markup). */
export function useQrDataUrl(url: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => live && setSrc('data:image/svg+xml;utf8,' + encodeURIComponent(svg)),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return src;
}

/**
 * An 80 mm thermal receipt: centre, the number very large, the service, date and time in the
 * centre's time zone, the priority mark, and a QR code to the phone page. Used by pre-sorting
 * and by the kiosk. Everything on it is in the client's language (English when not translated).
 */
export function TicketReceipt({ ticket, centre, service, ticketUrl, language, priorityReason }: TicketReceiptProps) {
  const lang = receiptLanguage(language);
  const t = i18next.getFixedT(lang, 'print');
  const url = new URL(ticketUrl, location.origin).toString();
  const qr = useQrDataUrl(url);
  const serviceLang = service?.name[language] ? language : service?.name['pt-PT'] ? 'pt-PT' : Object.keys(service?.name ?? {})[0];
  const serviceName = serviceLang ? service?.name[serviceLang] : '';
  const { date, time } = formatIssued(ticket.issuedAt, lang, centre.timeZone);
  return (
    <div className="receipt" lang={lang} dir={i18next.dir(lang)} data-testid="receipt">
      <p className="receipt-centre">
        <bdi>{centre.name}</bdi>
      </p>
      <p className="receipt-label">{t('ticket')}</p>
      <p className="receipt-number" translate="no">
        <bdi>{ticket.number}</bdi>
      </p>
      {ticket.priority !== 'none' && (
        <p className="receipt-priority" data-testid="receipt-priority">
          {t(`priority.${ticket.priority === 'appointment' ? 'appointment' : 'legal'}`)}
          {priorityReason && priorityReason !== 'appointment' && REASONS.has(priorityReason) && ` · ${t(`reason.${priorityReason}`)}`}
        </p>
      )}
      {serviceName && (
        <p className="receipt-service" lang={serviceLang}>
          <bdi>{serviceName}</bdi>
        </p>
      )}
      <p className="receipt-when">
        <time dateTime={ticket.issuedAt}>{t('issuedAt', { date, time })}</time>
      </p>
      {qr && <img className="receipt-qr" src={qr} alt={t('qrAlt')} width={160} height={160} />}
      <p className="receipt-scan">{t('scan')}</p>
      <p className="receipt-wait">{t('wait')}</p>
    </div>
  );
}

/**
 * The receipt for paper: rendered straight under <body>, hidden on screen; in print media it is
 * the only thing on the page (see print.css).
 */
export function PrintableReceipt(props: TicketReceiptProps) {
  return createPortal(
    <div className="print-root">
      <TicketReceipt {...props} />
    </div>,
    document.body,
  );
}
