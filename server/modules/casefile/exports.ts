import { CSV_BOM, toCsv } from '../../../core/csv.ts';
import type { AppContext } from '../../context.ts';
import { translator } from '../../i18n.ts';
import { chooseDsarLocale, localizedName } from './dsar-pdf.tsx';
import { pdfWorkers } from './pdf-workers.ts';
import { exportPerson, personAccessReport } from './reports.ts';
import { expiringDocuments, type Who } from './service.ts';

/**
 * Downloads for people and spreadsheets: the data-subject export as a PDF in the person's
 * language, and CSV files (the access report, the expiring documents). Each reuses the service
 * behind its JSON twin, so authorization and audit are the same; the audit entry notes the format.
 * Every CSV goes through core/csv.ts (quoting and the formula-injection guard).
 */

/** A download's file name: ASCII letters, digits, dot, dash and underscore only, so it is safe in a Content-Disposition header. */
export function safeFilename(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
}

/** `attachment; filename="…"` for a file name made safe. */
export function attachment(name: string): string {
  return `attachment; filename="${safeFilename(name)}"`;
}

/** The data-subject export as a PDF in the person's language (or `lang`), audited as an export. */
export async function exportPersonPdf(ctx: AppContext, who: Who, personId: string, lang?: string) {
  const data = await exportPerson(ctx, who, personId, 'pdf');
  const choice = chooseDsarLocale(data.person.languages, lang);
  const partnerIds = [...new Set([...data.sections.map((s) => s.partnerId), ...data.referrals.flatMap((r) => [r.from, r.to])])];
  const centreIds = [...new Set(data.visits.map((v) => v.centreId))];
  const [partners, centres, firstCentre] = await Promise.all([
    partnerIds.length ? ctx.db.selectFrom('partner').select(['id', 'name']).where('id', 'in', partnerIds).execute() : [],
    centreIds.length ? ctx.db.selectFrom('centre').select(['id', 'name', 'time_zone']).where('id', 'in', centreIds).execute() : [],
    ctx.db.selectFrom('centre').select('time_zone').orderBy('code').executeTakeFirst(),
  ]);
  const partnerNames = new Map(partners.map((p) => [p.id, localizedName(JSON.parse(p.name) as Record<string, string>, choice.locale)]));
  const centreById = new Map(centres.map((c) => [c.id, c]));
  // Times in the zone of the centre the person last visited, else the network's first centre.
  const lastVisit = [...data.visits].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  const timeZone = (lastVisit && centreById.get(lastVisit.centreId)?.time_zone) ?? firstCentre?.time_zone ?? 'UTC';
  // Rendered in a worker thread (pdf-workers.ts): seconds of CPU must not stall the node's other requests.
  const pdf = await pdfWorkers.render(data, choice, {
    partnerNames: Object.fromEntries(partnerNames),
    centreNames: Object.fromEntries(centres.map((c) => [c.id, c.name])),
    timeZone,
  });
  return { pdf, locale: choice.locale, filename: `casefile-${personId}-${data.exportedAt.slice(0, 10)}.pdf` };
}

/** The DPO's access report as CSV, headers and values in the reader's language; audited like the report. */
export async function accessReportCsv(ctx: AppContext, who: Who, personId: string, section: string | undefined, locale: string) {
  const entries = await personAccessReport(ctx, who, personId, section, 'csv');
  const t = translator(locale, 'dsar');
  const label = (key: string, value: string | null) => (value ? t(`${key}.${value}`, { defaultValue: value }) : '');
  const sectionText = (s: (typeof entries)[number]['section']) =>
    s === null ? '' : s === 'core' || s === 'audit' ? t(`sections.${s}`) : s.id === 'all' ? t('sections.all') : s.name ? localizedName(s.name, locale) : s.id;
  const h = (k: string) => t(`csv.accessReport.${k}`);
  const csv = toCsv(
    [h('when'), h('who'), h('partner'), h('action'), h('outcome'), h('section'), h('purpose'), h('what')],
    entries.map((e) => [e.at, e.who, e.partner ? localizedName(e.partner, locale) : '', label('actions', e.action), label('accessOutcomes', e.outcome), sectionText(e.section), label('purposes', e.purpose), label('whats', e.what)]),
  );
  return { csv: CSV_BOM + csv, filename: safeFilename(`access-report-${personId}${section ? `-${section}` : ''}.csv`) };
}

/** Documents expiring within the window, as CSV for the desk; audited like the list. */
export async function expiringDocumentsCsv(ctx: AppContext, who: Who, days: number, locale: string) {
  const items = await expiringDocuments(ctx, who, days, 'csv');
  const t = translator(locale, 'dsar');
  const h = (k: string) => t(`csv.expiring.${k}`);
  const csv = toCsv(
    [h('person'), h('personId'), h('type'), h('number'), h('expiresOn'), h('status'), h('days')],
    items.map((d) => [d.fullName, d.personId, t(`documentTypes.${d.type}`, { defaultValue: t('documentTypes.other') }), d.number, d.expiresOn, t(`expiry.${d.expiry}`), d.daysToExpiry]),
  );
  return { csv: CSV_BOM + csv, filename: `expiring-documents-${ctx.now().toISOString().slice(0, 10)}.csv` };
}
