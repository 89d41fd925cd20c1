import type { ReactNode } from 'react';
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { registerPdfFonts } from '../../pdf-fonts.ts';
import type { TFunction } from 'i18next';
import { LANGUAGE_CODES, languageInfo, textDirection, formattingLocale } from '../../../core/languages.ts';
import { hasTranslation, translator } from '../../i18n.ts';
import type { exportPerson } from './reports.ts';

/**
 * The data-subject access export as a readable PDF, in the person's language: everything held
 * about them (identity, documents, household, visits, each partner's section, referrals, and
 * who accessed the file). Labels come from locales/<lng>/dsar.json; a language without them is
 * shown in English, with a line saying so.
 *
 * Text is laid out by @react-pdf/renderer (fontkit shapes Arabic, Devanagari and Bengali; bidi
 * orders mixed right-to-left text) in fonts shipped in npm packages (Noto Sans, IBM Plex Sans
 * Arabic, Hind Siliguri), embedded as subsets: nothing is fetched at run time.
 */

export type ExportData = Awaited<ReturnType<typeof exportPerson>>;

/** Unicode subsets of the fonts, in the order a glyph is looked for (fontsource splits fonts by script). */
const FONT_FILES = [
  ['NotoLatin', '@fontsource/noto-sans/files/noto-sans-latin'],
  ['NotoLatinExt', '@fontsource/noto-sans/files/noto-sans-latin-ext'],
  ['NotoCyrillic', '@fontsource/noto-sans/files/noto-sans-cyrillic'],
  ['NotoCyrillicExt', '@fontsource/noto-sans/files/noto-sans-cyrillic-ext'],
  ['NotoGreek', '@fontsource/noto-sans/files/noto-sans-greek'],
  ['NotoVietnamese', '@fontsource/noto-sans/files/noto-sans-vietnamese'],
  // IBM Plex Sans Arabic and Hind Siliguri rather than Noto: fontkit places their dots and reph
  // right, where it misplaces Noto Sans Arabic's dots and Noto Sans Bengali's reph.
  ['PlexArabic', '@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic'],
  ['NotoDevanagari', '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari'],
  ['HindSiliguri', '@fontsource/hind-siliguri/files/hind-siliguri-bengali'],
] as const;
const FONT_FAMILIES = FONT_FILES.map(([family]) => family);

const registerFonts = () => registerPdfFonts(FONT_FILES);

export interface DsarLocale {
  /** The locale the labels are in. */
  locale: string;
  /** The language asked for (the person's, or the override), when it had no labels of its own. */
  fallbackFrom: string | null;
}

/**
 * The person's language for the export: the override if given, else their first preferred
 * language; used when it has dsar labels, else a locale of the same language that has them
 * (pt-BR → pt-PT), else English. The fallback is reported so the PDF can say so.
 */
export function chooseDsarLocale(personLanguages: readonly string[], override?: string): DsarLocale {
  const wanted = override || personLanguages[0];
  if (!wanted) return { locale: 'en', fallbackFrom: null };
  const exact = LANGUAGE_CODES.find((l) => l.toLowerCase() === wanted.toLowerCase());
  if (exact && hasTranslation(exact, 'dsar')) return { locale: exact, fallbackFrom: null };
  const base = wanted.split('-')[0]!.toLowerCase();
  const sameLanguage = LANGUAGE_CODES.find((l) => l.split('-')[0]!.toLowerCase() === base && hasTranslation(l, 'dsar'));
  return { locale: sameLanguage ?? 'en', fallbackFrom: exact ?? wanted };
}

export interface PdfLookups {
  partnerName: (id: string | null) => string;
  centreName: (id: string) => string;
  timeZone: string;
}

const styles = StyleSheet.create({
  // No fixed line height: each line takes its fonts' own, so Arabic or Bengali lines do not overlap.
  page: { paddingTop: 40, paddingBottom: 56, paddingHorizontal: 44, fontSize: 9.5, color: '#1a1a1a' },
  title: { fontSize: 20, fontWeight: 700, marginBottom: 4 },
  name: { fontSize: 15, fontWeight: 700, marginBottom: 6 },
  meta: { fontSize: 9, color: '#444' },
  fallback: { marginTop: 8, padding: 6, backgroundColor: '#fff4d6', fontSize: 9 },
  intro: { marginTop: 10, marginBottom: 4 },
  heading: { fontSize: 13, fontWeight: 700, marginTop: 16, marginBottom: 6, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: '#888' },
  subheading: { fontSize: 11, fontWeight: 700, marginTop: 10, marginBottom: 4 },
  explain: { color: '#444', marginBottom: 6 },
  pair: { marginBottom: 3 },
  label: { fontWeight: 700, color: '#333' },
  row: { borderBottomWidth: 0.5, borderBottomColor: '#bbb', paddingVertical: 3 },
  headerRow: { backgroundColor: '#eeeeee', borderBottomWidth: 1, borderBottomColor: '#888', paddingVertical: 3 },
  cell: { paddingHorizontal: 3 },
  headerCell: { fontWeight: 700 },
  caseBox: { marginBottom: 8, padding: 6, borderWidth: 0.5, borderColor: '#bbb' },
  note: { marginTop: 3, paddingHorizontal: 6 },
  footer: { position: 'absolute', bottom: 24, left: 44, right: 44, fontSize: 8, color: '#555' },
});

type PdfStyle = (typeof styles)[keyof typeof styles];

interface Column<T> {
  header: string;
  width: number;
  cell: (row: T) => string;
}

/**
 * Renders the export. `data` is exactly what the JSON export holds (and was audited as such by
 * the caller).
 */
export async function renderDsarPdf(data: ExportData, choice: DsarLocale, lookups: PdfLookups): Promise<Buffer> {
  registerFonts();
  const { locale } = choice;
  const t: TFunction = translator(locale, 'dsar');
  const rtl = textDirection(locale) === 'rtl';
  const dir = { direction: rtl ? ('rtl' as const) : ('ltr' as const), textAlign: rtl ? ('right' as const) : ('left' as const) };
  const flexRow = { flexDirection: rtl ? ('row-reverse' as const) : ('row' as const) };
  const formatLocale = formattingLocale(locale);
  const dateFormat = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: lookups.timeZone });
  const day = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—');
  const when = (iso: string | null | undefined) => (iso ? dateTimeFormat.format(new Date(iso)) : '—');
  const erased = (s: string | null) => (s === '—' ? t('erased') : (s ?? '—'));
  // A phone number or email address on a right-to-left page: a left-to-right mark first makes its
  // digits read left to right ("+351 912 …", not "… 912 351+"); fontkit draws the mark as nothing.
  const ltr = (s: string) => (rtl ? `\u200E${s}` : s);
  const language = (code: string) => languageInfo(code)?.endonym ?? code;
  const label = (key: string, value: string | null | undefined) => t(`${key}.${value}`, { defaultValue: value ?? '—' });
  const P = ({ children, style }: { children: ReactNode; style?: PdfStyle }) => <Text style={[dir, style ?? {}]}>{children}</Text>;
  // A heading keeps some of what follows on its page.
  const H = ({ children }: { children: ReactNode }) => (
    <Text style={[dir, styles.heading]} minPresenceAhead={60}>
      {children}
    </Text>
  );

  function Table<T>({ columns, rows, empty }: { columns: Column<T>[]; rows: T[]; empty?: string }) {
    if (rows.length === 0) return <P style={styles.explain}>{empty ?? t('none')}</P>;
    return (
      <View>
        <View style={[styles.headerRow, flexRow]} fixed={false} wrap={false}>
          {columns.map((c, i) => (
            <Text key={i} style={[styles.cell, styles.headerCell, dir, { width: `${c.width}%` }]}>
              {c.header}
            </Text>
          ))}
        </View>
        {rows.map((r, ri) => (
          <View key={ri} style={[styles.row, flexRow]} wrap={false}>
            {columns.map((c, i) => (
              <Text key={i} style={[styles.cell, dir, { width: `${c.width}%` }]}>
                {c.cell(r)}
              </Text>
            ))}
          </View>
        ))}
      </View>
    );
  }
  const Pair = ({ name, value }: { name: string; value: string }) => (
    <P style={styles.pair}>
      <Text style={[dir, styles.label]}>{name}: </Text>
      {value}
    </P>
  );

  const { person } = data;
  const contacts = person.contacts as { phone?: string; email?: string; address?: string };
  const anonymised = person.fullName === '—';
  const doc = (
    <Document title={`${t('title')} — ${anonymised ? t('erased') : person.fullName}`} author="Balcão" language={locale} creator="Balcão" producer="Balcão">
      <Page size="A4" style={[styles.page, { fontFamily: FONT_FAMILIES }]}>
        <P style={styles.title}>{t('title')}</P>
        <P style={styles.name}>{erased(person.fullName)}</P>
        <P style={styles.meta}>{t('reference', { id: person.id })}</P>
        <P style={styles.meta}>{t('preparedOn', { date: when(data.exportedAt) })}</P>
        <P style={styles.meta}>{t('timesIn', { timeZone: lookups.timeZone })}</P>
        {choice.fallbackFrom && <P style={styles.fallback}>{t('fallback', { language: language(choice.fallbackFrom), shownIn: language(locale) })}</P>}
        <P style={styles.intro}>{t('intro')}</P>

        <H>{t('identity.title')}</H>
        <Pair name={t('identity.fullName')} value={erased(person.fullName)} />
        <Pair name={t('identity.birthDate')} value={day(person.birthDate)} />
        <Pair name={t('identity.nationalities')} value={person.nationalities.join(', ') || t('none')} />
        <Pair name={t('identity.languages')} value={person.languages.map(language).join(', ') || t('none')} />
        <Pair name={t('identity.phone')} value={contacts.phone ? ltr(contacts.phone) : '—'} />
        <Pair name={t('identity.email')} value={contacts.email ? ltr(contacts.email) : '—'} />
        <Pair name={t('identity.address')} value={contacts.address || '—'} />
        <Pair name={t('identity.createdAt')} value={day(person.createdAt)} />

        <H>{t('documents.title')}</H>
        <Table
          rows={data.documents}
          columns={[
            { header: t('documents.type'), width: 20, cell: (d) => label('documentTypes', d.type) },
            { header: t('documents.number'), width: 17, cell: (d) => d.number },
            { header: t('documents.issuingCountry'), width: 10, cell: (d) => d.issuingCountry ?? '—' },
            { header: t('documents.issuedOn'), width: 14, cell: (d) => day(d.issuedOn) },
            { header: t('documents.expiresOn'), width: 14, cell: (d) => day(d.expiresOn) },
            { header: t('documents.status'), width: 13, cell: (d) => label('expiry', d.expiry) },
            { header: t('documents.verified'), width: 12, cell: (d) => (d.verifiedAt ? t('yes') : t('no')) },
          ]}
        />

        <H>{t('household.title')}</H>
        <Table
          rows={data.household}
          columns={[
            { header: t('household.person'), width: 60, cell: (h) => erased(h.fullName) },
            { header: t('household.relation'), width: 40, cell: (h) => label('relations', h.relation) },
          ]}
        />

        <H>{t('visits.title')}</H>
        <Table
          rows={data.visits}
          columns={[
            { header: t('visits.date'), width: 24, cell: (v) => when(v.issuedAt) },
            { header: t('visits.centre'), width: 30, cell: (v) => lookups.centreName(v.centreId) },
            { header: t('visits.ticket'), width: 10, cell: (v) => v.ticket },
            { header: t('visits.status'), width: 16, cell: (v) => label('ticketStatus', v.status) },
            { header: t('visits.outcome'), width: 20, cell: (v) => (v.outcome ? label('outcomes', v.outcome) : '—') },
          ]}
        />

        <H>{t('cases.title')}</H>
        <P style={styles.explain}>{t('cases.explain')}</P>
        {data.sections.length === 0 && <P>{t('none')}</P>}
        {data.sections.map((s) => (
          <View key={s.partnerId}>
            <Text style={[styles.subheading, dir]} minPresenceAhead={80}>
              {lookups.partnerName(s.partnerId)}
            </Text>
            {s.cases.map((c) => (
              <View key={c.id} style={styles.caseBox}>
                <Pair name={t('cases.case')} value={erased(c.title)} />
                <Pair name={t('cases.status')} value={label('caseStatus', c.status)} />
                {c.nextStep && <Pair name={t('cases.nextStep')} value={c.nextStep} />}
                {c.followUpOn && <Pair name={t('cases.followUpOn')} value={day(c.followUpOn)} />}
                <Pair name={t('cases.openedAt')} value={day(c.openedAt)} />
                {c.closedAt && <Pair name={t('cases.closedAt')} value={day(c.closedAt)} />}
                <P style={styles.label}>{t('cases.notes')}</P>
                {c.notes.length === 0 && <P style={styles.note}>{t('cases.noNotes')}</P>}
                {c.notes.map((n, i) => (
                  <P key={i} style={styles.note}>
                    <Text style={[dir, styles.label]}>{when(n.createdAt)} — </Text>
                    {n.body}
                  </P>
                ))}
              </View>
            ))}
          </View>
        ))}

        <H>{t('referrals.title')}</H>
        <Table
          rows={data.referrals}
          columns={[
            { header: t('referrals.from'), width: 15, cell: (r) => lookups.partnerName(r.from) },
            { header: t('referrals.to'), width: 15, cell: (r) => lookups.partnerName(r.to) },
            { header: t('referrals.purpose'), width: 24, cell: (r) => r.purpose },
            { header: t('referrals.basis'), width: 12, cell: (r) => label('basis', r.basis) },
            { header: t('referrals.status'), width: 12, cell: (r) => label('referralStatus', r.status) },
            { header: t('referrals.createdAt'), width: 11, cell: (r) => day(r.createdAt) },
            { header: t('referrals.expiresAt'), width: 11, cell: (r) => day(r.expiresAt) },
          ]}
        />

        <H>{t('accesses.title')}</H>
        <P style={styles.explain}>{t('accesses.explain')}</P>
        <Table
          rows={data.accesses}
          columns={[
            { header: t('accesses.when'), width: 17, cell: (a) => when(a.at) },
            { header: t('accesses.who'), width: 15, cell: (a) => a.who },
            { header: t('accesses.partner'), width: 16, cell: (a) => (a.partner ? localizedName(a.partner, locale) : '—') },
            { header: t('accesses.action'), width: 11, cell: (a) => `${label('actions', a.action)}${a.outcome === 'denied' ? ` (${t('accessOutcomes.denied')})` : ''}` },
            { header: t('accesses.section'), width: 14, cell: (a) => accessSection(t, a.section, locale) },
            { header: t('accesses.purpose'), width: 14, cell: (a) => (a.purpose ? label('purposes', a.purpose) : '—') },
            { header: t('accesses.what'), width: 13, cell: (a) => (a.what ? label('whats', a.what) : '—') },
          ]}
        />

        <Text style={[styles.footer, dir]} fixed render={({ pageNumber, totalPages }) => `${erased(person.fullName)} · ${t('page', { page: pageNumber, pages: totalPages })}`} />
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}

/** A partner's name in the document's language, else Portuguese, else any. */
export function localizedName(name: Record<string, string>, locale: string): string {
  return name[locale] ?? name[locale.split('-')[0]!] ?? name['pt-PT'] ?? Object.values(name)[0] ?? '';
}

function accessSection(t: TFunction, section: ExportData['accesses'][number]['section'], locale: string): string {
  if (section === null) return '—';
  if (section === 'core' || section === 'audit') return t(`sections.${section}`);
  if (section.id === 'all') return t('sections.all');
  return section.name ? localizedName(section.name, locale) : section.id;
}
