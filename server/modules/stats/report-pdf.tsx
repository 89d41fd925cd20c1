import { Document, Page, Rect, StyleSheet, Svg, Text, View, renderToBuffer, Line, G } from '@react-pdf/renderer';
import { scaleBand, scaleLinear } from 'd3-scale';
import { formattingLocale } from '../../../core/languages.ts';
import { translator } from '../../i18n.ts';
import { registerPdfFonts } from '../../pdf-fonts.ts';
import type { AnnualReport } from './report.ts';
import type { PublishedRow } from './published.ts';

/**
 * The annual report as a PDF (pt-PT or en): the figures of `annualReport`, with a chart of visits
 * per month drawn with the same scales the web charts use. Fonts come from npm packages (Noto
 * Sans), embedded as subsets.
 */
const registerFonts = () =>
  registerPdfFonts([
    ['ReportLatin', '@fontsource/noto-sans/files/noto-sans-latin'],
    ['ReportLatinExt', '@fontsource/noto-sans/files/noto-sans-latin-ext'],
  ]);

const INK = '#1b1b1b';
const ACCENT = '#0072B2'; // Okabe–Ito blue: safe for colour-blind readers
const styles = StyleSheet.create({
  page: { fontFamily: ['ReportLatin', 'ReportLatinExt'] as unknown as string, fontSize: 10, padding: 40, color: INK },
  title: { fontSize: 20, fontWeight: 700, marginBottom: 4 },
  subtitle: { fontSize: 11, marginBottom: 16 },
  h2: { fontSize: 13, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  cards: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  card: { width: '31%', borderWidth: 1, borderColor: '#999', padding: 6 },
  cardValue: { fontSize: 15, fontWeight: 700 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#bbb', paddingVertical: 2 },
  head: { flexDirection: 'row', borderBottomWidth: 1, borderColor: INK, paddingVertical: 2, fontWeight: 700 },
  label: { width: '28%' },
  num: { width: '12%', textAlign: 'right', paddingLeft: 6 },
  note: { fontSize: 8, marginTop: 6, color: '#444' },
});

function MonthChart({ months, t, lang }: { months: AnnualReport['months']; t: ReturnType<typeof translator>; lang: string }) {
  const width = 515;
  const height = 150;
  const margin = { top: 10, right: 10, bottom: 20, left: 44 };
  const x = scaleBand<string>().domain(months.map((m) => m.month)).range([margin.left, width - margin.right]).padding(0.2);
  const max = Math.max(1, ...months.map((m) => m.visits));
  const y = scaleLinear().domain([0, max]).nice().range([height - margin.bottom, margin.top]);
  const fmt = new Intl.NumberFormat(formattingLocale(lang));
  const monthName = new Intl.DateTimeFormat(formattingLocale(lang), { month: 'short', timeZone: 'UTC' });
  return (
    <View>
      <Svg width={width} height={height}>
        {y.ticks(4).map((v) => (
          <G key={v}>
            <Line x1={margin.left} x2={width - margin.right} y1={y(v)} y2={y(v)} stroke="#ccc" strokeWidth={0.5} />
            <Text x={margin.left - 4} y={y(v) + 3} style={{ fontSize: 7 }} textAnchor="end">
              {fmt.format(v)}
            </Text>
          </G>
        ))}
        {months.map((m) => (
          <G key={m.month}>
            <Rect x={x(m.month) ?? 0} y={y(m.visits)} width={x.bandwidth()} height={height - margin.bottom - y(m.visits)} fill={ACCENT} />
            <Text x={(x(m.month) ?? 0) + x.bandwidth() / 2} y={height - 6} style={{ fontSize: 7 }} textAnchor="middle">
              {monthName.format(new Date(`${m.month}-01T00:00:00Z`))}
            </Text>
          </G>
        ))}
      </Svg>
      <Text style={styles.note}>{t('report.monthChartAlt', { max: fmt.format(max) })}</Text>
    </View>
  );
}

function FiguresTable({ rows, total, t, lang }: { rows: PublishedRow[]; total: PublishedRow | null; t: ReturnType<typeof translator>; lang: string }) {
  const fmt = new Intl.NumberFormat(formattingLocale(lang), { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(formattingLocale(lang), { style: 'percent', maximumFractionDigits: 0 });
  const cell = (v: number | null, kind: 'n' | 'p' = 'n') => (v === null ? '—' : kind === 'p' ? pct.format(v) : fmt.format(v));
  const line = (r: PublishedRow, bold = false) => (
    <View style={[styles.row, bold ? { fontWeight: 700 } : {}]} key={r.key} wrap={false}>
      <Text style={styles.label}>{r.label}</Text>
      <Text style={styles.num}>{cell(r.values.served)}</Text>
      <Text style={styles.num}>{cell(r.values.visits)}</Text>
      <Text style={styles.num}>{cell(r.values.median_wait_minutes)}</Text>
      <Text style={styles.num}>{cell(r.values.p90_wait_minutes)}</Text>
      <Text style={styles.num}>{cell(r.values.called_within_target_share, 'p')}</Text>
      <Text style={styles.num}>{cell(r.values.no_shows)}</Text>
    </View>
  );
  return (
    <View>
      <View style={styles.head} fixed>
        <Text style={styles.label}> </Text>
        <Text style={styles.num}>{t('report.columns.attended')}</Text>
        <Text style={styles.num}>{t('report.columns.visits')}</Text>
        <Text style={styles.num}>{t('report.columns.medianWait')}</Text>
        <Text style={styles.num}>{t('report.columns.p90Wait')}</Text>
        <Text style={styles.num}>{t('report.columns.withinTarget')}</Text>
        <Text style={styles.num}>{t('report.columns.noShows')}</Text>
      </View>
      {rows.map((r) => line(r))}
      {total ? line({ ...total, label: t('report.total') }, true) : null}
    </View>
  );
}

export async function renderAnnualReport(report: AnnualReport): Promise<Buffer> {
  registerFonts();
  const lang = report.lang === 'pt-PT' ? 'pt-PT' : 'en';
  const t = translator(lang, 'server');
  const fmt = new Intl.NumberFormat(formattingLocale(lang));
  const pct = new Intl.NumberFormat(formattingLocale(lang), { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(formattingLocale(lang), { dateStyle: 'long', timeZone: 'UTC' });
  const cards: [string, string][] = [
    [t('report.cards.attended', { year: report.year }), fmt.format(report.attended)],
    [t('report.cards.sinceOpening', { date: report.firstDay ? date.format(new Date(`${report.firstDay}T00:00:00Z`)) : '—' }), fmt.format(report.attendedSinceOpening)],
    [t('report.cards.dailyAverage'), report.dailyAverageVisits === null ? '—' : fmt.format(report.dailyAverageVisits)],
    [t('report.cards.visits'), fmt.format(report.visits)],
    [t('report.cards.peopleServed'), fmt.format(report.peopleServed)],
    [t('report.cards.multiDesk'), fmt.format(report.multiDeskVisits)],
  ];
  const doc = (
    <Document title={t('report.title', { year: report.year })} language={lang} author={report.networkName}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.title}>{t('report.title', { year: report.year })}</Text>
        <Text style={styles.subtitle}>{report.centreName ? `${report.networkName} — ${report.centreName}` : report.networkName}</Text>
        <View style={styles.cards}>
          {cards.map(([label, value]) => (
            <View style={styles.card} key={label}>
              <Text>{label}</Text>
              <Text style={styles.cardValue}>{value}</Text>
            </View>
          ))}
        </View>
        <Text style={styles.h2}>{t('report.sections.months')}</Text>
        <MonthChart months={report.months} t={t} lang={lang} />
        <Text style={styles.h2}>{t('report.sections.nationalities')}</Text>
        <Text>{report.nationalities.map((n) => `${n.label} ${pct.format(n.share)}`).join('; ') || '—'}</Text>
        {report.nationalityKnownShare !== null ? <Text style={styles.note}>{t('report.nationalityBase', { share: pct.format(report.nationalityKnownShare) })}</Text> : null}
        <Text style={styles.h2}>{t('report.sections.centres')}</Text>
        <FiguresTable rows={report.centres} total={report.total} t={t} lang={lang} />
        <Text style={styles.h2} break>
          {t('report.sections.partners')}
        </Text>
        <FiguresTable rows={report.partners} total={null} t={t} lang={lang} />
        <Text style={styles.h2}>{t('report.sections.survey')}</Text>
        <Text>{report.survey.responses === null ? t('report.surveyFew') : t('report.surveyResponses', { count: report.survey.responses })}</Text>
        {report.survey.questions.map((q) => (
          <View key={q.code} style={{ marginTop: 4 }} wrap={false}>
            <Text style={{ fontWeight: 700 }}>{q.title}</Text>
            <Text>{q.summary ?? '—'}</Text>
          </View>
        ))}
        <Text style={styles.note}>{t('report.suppression')}</Text>
        <Text style={styles.note} fixed render={({ pageNumber, totalPages }) => t('report.page', { page: pageNumber, pages: totalPages })} />
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
