import { randomBytes, randomUUID } from 'node:crypto';
import { pickLanguage, translationStatus, type TranslationStatus } from '../../../core/knowledge/translation.ts';
import { CLIENT_LANGUAGES, LANGUAGE_CODES } from '../../../core/languages.ts';
import { localTime } from '../../../core/opening-hours.ts';
import { maskPersonalData } from '../../../core/surveys/masking.ts';
import { isQuestionCode, MAX_COMMENT_LENGTH, SURVEY_OPEN_DAYS, type QuestionContent } from '../../../core/surveys/questions.ts';
import { formatShare, summarizeQuestion, suppressQuestion, type QuestionSummary } from '../../../core/surveys/results.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/errors.ts';
import { translator } from '../../i18n.ts';
import * as network from '../network/store.ts';
import * as visits from '../visits/store.ts';
import { IOM_QUESTIONS, IOM_REVIEWED_LOCALES, IOM_SOURCE_LOCALE } from './iom-questions.ts';
import * as store from './store.ts';

export type { SurveyFilter } from './store.ts';
type SurveyFilter = store.SurveyFilter;

const DAY_MS = 24 * 3600 * 1000;

const parseContent = (row: store.QuestionTextRow): QuestionContent => JSON.parse(row.content) as QuestionContent;

/** Trims a question's text and refuses an empty field, so what clients read is clean. */
function cleanContent(c: QuestionContent): QuestionContent {
  const out: QuestionContent = { title: c.title.trim(), prompt: c.prompt.trim(), options: c.options.map((o) => o.trim()) as QuestionContent['options'], positive: c.positive.trim(), negative: c.negative.trim() };
  for (const field of ['title', 'prompt', 'positive', 'negative'] as const) if (!out[field]) throw fieldError(`content.${field}`, 'required');
  if (out.options.some((o) => !o)) throw fieldError('content.options', 'required');
  return out;
}

// ---------------------------------------------------------------------------------------------
// The survey: questions, versions, the standard IOM survey.

/**
 * Installs the IOM evaluation's four questions as survey version 1 when the network has no survey
 * yet (on start; idempotent, and safe when two nodes start at once).
 */
export async function ensureStandardSurvey(ctx: AppContext): Promise<boolean> {
  if (await store.latestVersion(ctx.db)) return false;
  const at = ctx.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const [i, q] of IOM_QUESTIONS.entries()) {
        const id = randomUUID();
        ids.push(id);
        await store.insertQuestion(trx, { id, code: q.code, sort: (i + 1) * 10, active: 1, source_locale: IOM_SOURCE_LOCALE, source_version: 1, created_at: at, updated_at: at, updated_by: null });
        for (const [locale, content] of Object.entries(q.texts)) {
          await store.insertText(trx, {
            id: randomUUID(),
            question_id: id,
            locale,
            version: 1,
            source_version: 1,
            content: JSON.stringify(content),
            machine_translated: IOM_REVIEWED_LOCALES.includes(locale) ? 0 : 1,
            reviewed_by: null,
            reviewed_at: null,
            created_by: null,
            created_at: at,
          });
        }
      }
      await store.insertVersion(trx, { version: 1, question_ids: JSON.stringify(ids), created_at: at, created_by: null });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

interface CurrentSurvey {
  version: number;
  questions: store.QuestionRow[];
  texts: Map<string, Map<string, store.QuestionTextRow>>;
}

async function textsByQuestion(ctx: AppContext, ids: string[]): Promise<Map<string, Map<string, store.QuestionTextRow>>> {
  const out = new Map<string, Map<string, store.QuestionTextRow>>();
  for (const row of await store.latestTexts(ctx.db, ids)) {
    if (!out.has(row.question_id)) out.set(row.question_id, new Map());
    out.get(row.question_id)!.set(row.locale, row);
  }
  return out;
}

/** The survey clients are asked now: the latest version's questions, in order, with every text. */
async function currentSurvey(ctx: AppContext): Promise<CurrentSurvey> {
  await ensureStandardSurvey(ctx);
  const version = (await store.latestVersion(ctx.db))!;
  const ids = JSON.parse(version.question_ids) as string[];
  const all = new Map((await store.listQuestions(ctx.db)).map((q) => [q.id, q]));
  return { version: version.version, questions: ids.map((id) => all.get(id)).filter((q): q is store.QuestionRow => !!q), texts: await textsByQuestion(ctx, ids) };
}

/** A question as a client reads it: in their language or a marked fallback, and whether a computer translated it. */
export interface ClientQuestion {
  id: string;
  code: string;
  lang: string;
  fallback: boolean;
  machineTranslated: boolean;
  content: QuestionContent;
}

function forReader(q: store.QuestionRow, texts: Map<string, store.QuestionTextRow> | undefined, locale: string): ClientQuestion {
  // Only texts made from the current source count as translations; an outdated one is still shown, marked machine-like.
  const picked = pickLanguage(locale, texts ?? new Map<string, store.QuestionTextRow>());
  if (!picked) return { id: q.id, code: q.code, lang: locale, fallback: true, machineTranslated: false, content: { title: q.code, prompt: q.code, options: ['1', '2', '3', '4'], positive: '1–2', negative: '3–4' } };
  const row = picked.text;
  const status = translationStatus(toTextVersion(row), q.source_version, row.locale === q.source_locale);
  return { id: q.id, code: q.code, lang: picked.locale, fallback: picked.fallback, machineTranslated: status === 'machine' || status === 'outdated', content: parseContent(row) };
}

const toTextVersion = (row: store.QuestionTextRow) => ({ version: row.version, sourceVersion: row.source_version, machineTranslated: row.machine_translated === 1, reviewedAt: row.reviewed_at });

// ---------------------------------------------------------------------------------------------
// Invitations and answers (clients, anonymous).

export type SurveyState = 'open' | 'answered' | 'closed';

export interface Invitation {
  token: string;
  language: string;
  state: SurveyState;
  closesAt: string;
}

const stateOf = (ctx: AppContext, row: store.InvitationRow): SurveyState => (row.answered ? 'answered' : Date.parse(row.closes_at) <= ctx.now().getTime() ? 'closed' : 'open');
const invitationOf = (ctx: AppContext, row: store.InvitationRow): Invitation => ({ token: row.token, language: row.language, state: stateOf(ctx, row), closesAt: row.closes_at });

/**
 * The survey invitation of a visit, made when first asked for once the visit is over (after its
 * last desk): a random token, open for 7 days from the end of the visit. Null while the visit goes
 * on. The partner recorded is the one of the desk of the visit's last ticket.
 */
export async function invitationForVisit(ctx: AppContext, visitId: string): Promise<Invitation | null> {
  const existing = await store.findInvitationOfVisit(ctx.db, visitId);
  if (existing) return invitationOf(ctx, existing);
  const visit = await visits.findVisit(ctx.db, visitId);
  if (!visit || visit.status !== 'done' || !visit.closed_at) return null;
  const closesAt = new Date(Date.parse(visit.closed_at) + SURVEY_OPEN_DAYS * DAY_MS).toISOString();
  // Past its 7 days the invitation is gone for good (see forgetClosedInvitations), never made anew.
  if (Date.parse(closesAt) <= ctx.now().getTime()) return null;
  const tickets = await visits.ticketsOfVisit(ctx.db, visit.id);
  const last = tickets.at(-1);
  const service = last ? await network.findService(ctx.db, last.service_id) : undefined;
  const row: store.InvitationRow = {
    token: randomBytes(32).toString('hex'),
    visit_id: visit.id,
    centre_id: visit.centre_id,
    partner_id: service?.partner_id ?? null,
    language: visit.language,
    local_date: visit.local_date,
    closes_at: closesAt,
    answered: 0,
  };
  try {
    await store.insertInvitation(ctx.db, row);
    return invitationOf(ctx, row);
  } catch (err) {
    // Two requests at once (the phone page and its refresh): the other one's invitation stands.
    if (!isUniqueViolation(err)) throw err;
    const other = await store.findInvitationOfVisit(ctx.db, visitId);
    return other ? invitationOf(ctx, other) : null;
  }
}

/**
 * Deletes the invitations whose 7 days are over: the last record that ties a visit to whether a
 * survey was answered. What remains (the responses) cannot be traced to any visit. Run hourly.
 */
export async function forgetClosedInvitations(ctx: AppContext): Promise<number> {
  const result = await ctx.db.deleteFrom('survey_invitation').where('closes_at', '<=', ctx.now().toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The invitation behind a visit's phone-page token (the ticket's QR code), if the visit is over. */
export async function invitationForTicketLink(ctx: AppContext, visitToken: string): Promise<Invitation | null> {
  const visit = await visits.findVisitByToken(ctx.db, visitToken);
  return visit ? invitationForVisit(ctx, visit.id) : null;
}

/**
 * The kiosk's "how did we do": the client types the number on today's ticket (or scans its QR
 * code, which types the phone page's address). Only a visit of this centre, today, that is over.
 */
export async function invitationAtKiosk(ctx: AppContext, centreId: string, typed: string): Promise<Invitation> {
  const input = typed.trim();
  const link = /\/t\/([A-Za-z0-9_-]{16,64})\b/.exec(input)?.[1] ?? (/^[A-Za-z0-9_-]{32,64}$/.test(input) ? input : null);
  let visitId: string | undefined;
  if (link) {
    const visit = await visits.findVisitByToken(ctx.db, link);
    if (visit && visit.centre_id === centreId) visitId = visit.id;
  } else {
    const centre = await network.findCentre(ctx.db, centreId);
    if (!centre) throw notFound('centre_not_found');
    const number = input.toUpperCase().replace(/[\s-]/g, '');
    const today = localTime(ctx.now(), centre.time_zone).date;
    const ticket = await ctx.db.selectFrom('ticket').select('visit_id').where('centre_id', '=', centreId).where('local_date', '=', today).where('number', '=', number).orderBy('issued_at', 'desc').executeTakeFirst();
    visitId = ticket?.visit_id;
  }
  if (!visitId) throw new AppError(404, 'survey_ticket_not_found');
  const invitation = await invitationForVisit(ctx, visitId);
  if (!invitation) throw conflict('survey_not_yet');
  return invitation;
}

export interface SurveyForm {
  state: SurveyState;
  /** The visit's language: the form is shown in it unless the reader asks for another. */
  language: string;
  closesAt: string;
  surveyVersion: number;
  questions: ClientQuestion[];
}

/** The survey behind an invitation token, in a language (default: the visit's). */
export async function surveyForm(ctx: AppContext, token: string, locale?: string): Promise<SurveyForm> {
  const row = await store.findInvitation(ctx.db, token);
  if (!row) throw notFound('survey_link_invalid');
  const survey = await currentSurvey(ctx);
  const lang = locale ?? row.language;
  return { state: stateOf(ctx, row), language: row.language, closesAt: row.closes_at, surveyVersion: survey.version, questions: survey.questions.map((q) => forReader(q, survey.texts.get(q.id), lang)) };
}

export interface ResponseInput {
  /** Question id → 1 (most positive) … 4 (most negative); a question left out is skipped. */
  answers: Record<string, number>;
  comment?: string | null | undefined;
}

/**
 * Records an anonymous response, once per invitation. The response keeps the centre, the partner,
 * the language and the visit's day — not the visit, the token or the time it was sent.
 */
export async function submitResponse(ctx: AppContext, token: string, input: ResponseInput, channel: 'phone' | 'kiosk'): Promise<{ state: 'answered' }> {
  const invitation = await store.findInvitation(ctx.db, token);
  if (!invitation) throw notFound('survey_link_invalid');
  const state = stateOf(ctx, invitation);
  if (state === 'answered') throw conflict('survey_answered');
  if (state === 'closed') throw conflict('survey_closed');
  const survey = await currentSurvey(ctx);
  const asked = new Set(survey.questions.map((q) => q.id));
  const answers = Object.entries(input.answers).map(([questionId, value]) => ({ questionId, value }));
  for (const a of answers) {
    if (!asked.has(a.questionId)) throw fieldError(`answers`, 'unknown_question');
    if (!Number.isInteger(a.value) || a.value < 1 || a.value > 4) throw fieldError('answers', 'out_of_range');
  }
  const comment = input.comment?.trim() ? input.comment.trim().slice(0, MAX_COMMENT_LENGTH) : null;
  if (answers.length === 0 && !comment) throw new AppError(400, 'survey_empty');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await store.markAnswered(trx, token))) throw conflict('survey_answered');
    await store.insertResponse(
      trx,
      { id: randomUUID(), survey_version: survey.version, centre_id: invitation.centre_id, partner_id: invitation.partner_id, language: invitation.language, local_date: invitation.local_date, channel, comment },
      answers,
    );
  });
  return { state: 'answered' };
}

// ---------------------------------------------------------------------------------------------
// Results for staff.

export interface QuestionResult extends QuestionSummary {
  id: string;
  code: string;
  active: boolean;
  /** The labels' language (the reader's, or a marked fallback). */
  lang: string;
  title: string;
  labels: QuestionContent['options'];
  positiveLabel: string;
  negativeLabel: string;
  /** In the seed's form: "Very adequate or adequate: 82.6%; not very adequate or not adequate at all: 17.4%". */
  summary: string;
}

export interface SurveyResults {
  filter: SurveyFilter;
  responses: number;
  questions: QuestionResult[];
}

/**
 * Results per question for the responses matching `filter`: each answer's count and share, the two
 * positive answers against the two negative ones with a 95% Wilson interval, and the seed's
 * sentence, with labels in `locale`. For the statistics' annual report too: call it with the
 * year's dates (and no centre for the whole network).
 */
export async function surveyResults(ctx: AppContext, filter: SurveyFilter, locale = 'en'): Promise<SurveyResults> {
  await ensureStandardSurvey(ctx);
  const [responses, counts, questions] = await Promise.all([store.countResponses(ctx.db, filter), store.answerCounts(ctx.db, filter), store.listQuestions(ctx.db)]);
  const byQuestion = new Map<string, [number, number, number, number]>();
  for (const c of counts) {
    if (c.value < 1 || c.value > 4) continue;
    const row = byQuestion.get(c.questionId) ?? [0, 0, 0, 0];
    row[c.value - 1] = row[c.value - 1]! + c.count;
    byQuestion.set(c.questionId, row);
  }
  const shown = questions.filter((q) => q.active === 1 || byQuestion.has(q.id));
  const texts = await textsByQuestion(ctx, shown.map((q) => q.id));
  const t = translator(locale, 'server');
  return {
    filter,
    responses,
    questions: shown.map((q) => {
      const reader = forReader(q, texts.get(q.id), locale);
      const summary = summarizeQuestion(byQuestion.get(q.id) ?? [0, 0, 0, 0]);
      return {
        id: q.id,
        code: q.code,
        active: q.active === 1,
        lang: reader.lang,
        title: reader.content.title,
        labels: reader.content.options,
        positiveLabel: reader.content.positive,
        negativeLabel: reader.content.negative,
        ...summary,
        summary: t('surveys.summary', { positive: reader.content.positive, positiveShare: formatShare(summary.positive.share, reader.lang), negative: reader.content.negative, negativeShare: formatShare(summary.negative.share, reader.lang) }),
      };
    }),
  };
}

/** A question's results as they may leave the staff screens: small numbers suppressed (null). */
export interface ExportedQuestion {
  code: string;
  title: string;
  lang: string;
  /** The seed's sentence, or null when the groups are suppressed. */
  summary: string | null;
  answers: number | null;
  positive: { count: number | null; share: number | null; ci95: { low: number; high: number } | null };
  negative: { count: number | null; share: number | null; ci95: { low: number; high: number } | null };
  categories: { value: number; label: string; count: number | null; share: number | null }[];
}

/**
 * The results for anything that leaves the staff screens (a CSV, the annual report, open data): no
 * count of 1–4 people, nor one the others would reveal (core/surveys/results.ts suppressQuestion),
 * and no share or interval computed from a suppressed count. Fewer than 5 responses in all hides
 * the response count too.
 */
export function suppressResults(results: SurveyResults): { filter: SurveyFilter; responses: number | null; questions: ExportedQuestion[] } {
  return {
    filter: results.filter,
    responses: results.responses > 0 && results.responses < 5 ? null : results.responses,
    questions: results.questions.map((q) => {
      const s = suppressQuestion(q.categories.map((c) => c.count) as [number, number, number, number]);
      const groups = s.positive !== null && s.answers !== null && s.answers > 0;
      return {
        code: q.code,
        title: q.title,
        lang: q.lang,
        summary: groups ? q.summary : null,
        answers: s.answers,
        positive: { count: s.positive, share: groups ? q.positive.share : null, ci95: groups ? q.positive.ci95 : null },
        negative: { count: s.negative, share: groups ? q.negative.share : null, ci95: groups ? q.negative.ci95 : null },
        categories: q.categories.map((c, i) => ({ value: c.value, label: q.labels[i] ?? String(c.value), count: s.categories[i] ?? null, share: s.categories[i] == null ? null : c.share })),
      };
    }),
  };
}

/** The suppressed results as a table for a spreadsheet (percentages with one decimal). */
export function resultsTable(results: SurveyResults, locale: string): { header: string[]; rows: (string | number | null)[][]; note: string } {
  const t = translator(locale, 'server');
  const pct = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 10);
  const header = [t('surveys.csv.question'), t('surveys.csv.answers'), t('surveys.csv.positive'), t('surveys.csv.positiveShare'), t('surveys.csv.ciLow'), t('surveys.csv.ciHigh'), t('surveys.csv.negative'), t('surveys.csv.negativeShare'), ...[1, 2, 3, 4].map((value) => t('surveys.csv.answer', { value }))];
  const rows = suppressResults(results).questions.map((q) => [q.title, q.answers, q.positive.count, pct(q.positive.share), pct(q.positive.ci95?.low), pct(q.positive.ci95?.high), q.negative.count, pct(q.negative.share), ...q.categories.map((c) => c.count)]);
  return { header, rows, note: t('surveys.csv.suppressed') };
}

export interface SurveyComment {
  id: string;
  /** Personal data the client typed is masked. */
  text: string;
  masked: number;
  localDate: string;
  language: string;
  centreId: string;
  partnerId: string | null;
  channel: string;
}

/** Comments for managers, newest day first, with emails, phone and document numbers masked before anyone reads them. */
export async function surveyComments(ctx: AppContext, filter: SurveyFilter, locale: string, limit = 100, offset = 0): Promise<{ items: SurveyComment[] }> {
  const t = translator(locale, 'server');
  const rows = await store.comments(ctx.db, filter, limit, offset);
  return {
    items: rows.map((r) => {
      const masked = maskPersonalData(r.comment ?? '', (kind) => t(`surveys.masked.${kind}`));
      return { id: r.id, text: masked.text, masked: masked.masked, localDate: r.local_date, language: r.language, centreId: r.centre_id, partnerId: r.partner_id, channel: r.channel };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Questions for network administrators and translators.

export interface AdminQuestion {
  id: string;
  code: string;
  sort: number;
  active: boolean;
  sourceLocale: string;
  sourceVersion: number;
  source: QuestionContent | null;
  /** Every client language's translation state, as in the knowledge base's worklist. */
  translations: { locale: string; status: TranslationStatus; version: number | null; content: QuestionContent | null }[];
}

export async function listQuestionsForAdmin(ctx: AppContext): Promise<{ surveyVersion: number; questions: AdminQuestion[]; versions: { version: number; questionIds: string[]; createdAt: string }[] }> {
  const survey = await currentSurvey(ctx);
  const questions = await store.listQuestions(ctx.db);
  const texts = await textsByQuestion(ctx, questions.map((q) => q.id));
  const versions = (await store.listVersions(ctx.db)).map((v) => ({ version: v.version, questionIds: JSON.parse(v.question_ids) as string[], createdAt: v.created_at }));
  return {
    surveyVersion: survey.version,
    versions,
    questions: questions.map((q) => {
      const mine = texts.get(q.id) ?? new Map<string, store.QuestionTextRow>();
      const source = mine.get(q.source_locale);
      return {
        id: q.id,
        code: q.code,
        sort: q.sort,
        active: q.active === 1,
        sourceLocale: q.source_locale,
        sourceVersion: q.source_version,
        source: source ? parseContent(source) : null,
        translations: CLIENT_LANGUAGES.map((locale) => {
          const row = mine.get(locale);
          return { locale, status: translationStatus(row ? toTextVersion(row) : undefined, q.source_version, locale === q.source_locale), version: row?.version ?? null, content: row ? parseContent(row) : null };
        }),
      };
    }),
  };
}

/** A new survey version when the active questions or their order change; answers keep the version they were given in. */
async function newVersionIfChanged(trx: AppContext['db'], actorId: string, at: string): Promise<void> {
  const active = (await store.listQuestions(trx)).filter((q) => q.active === 1).map((q) => q.id);
  if (active.length === 0) throw new AppError(409, 'survey_no_questions');
  const latest = await store.latestVersion(trx);
  if (latest && latest.question_ids === JSON.stringify(active)) return;
  await store.insertVersion(trx, { version: (latest?.version ?? 0) + 1, question_ids: JSON.stringify(active), created_at: at, created_by: actorId });
}

export interface QuestionInput {
  code: string;
  sourceLocale?: string | undefined;
  sort?: number | undefined;
  content: QuestionContent;
}

/** Adds a question with its source text (version 1): the survey gets a new version that asks it. */
export async function createQuestion(ctx: AppContext, actor: StaffActor, input: QuestionInput): Promise<AdminQuestion> {
  await ensureStandardSurvey(ctx);
  if (!isQuestionCode(input.code)) throw fieldError('code', 'invalid_question_code');
  const sourceLocale = input.sourceLocale ?? 'pt-PT';
  if (!LANGUAGE_CODES.includes(sourceLocale)) throw fieldError('sourceLocale', 'unknown_language');
  const content = cleanContent(input.content);
  const at = ctx.now().toISOString();
  const id = randomUUID();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await store.findQuestionByCode(trx, input.code)) throw conflict('code_taken', 'code');
      const sort = input.sort ?? Math.max(0, ...(await store.listQuestions(trx)).map((q) => q.sort)) + 10;
      await store.insertQuestion(trx, { id, code: input.code, sort, active: 1, source_locale: sourceLocale, source_version: 1, created_at: at, updated_at: at, updated_by: actor.id });
      await store.insertText(trx, { id: randomUUID(), question_id: id, locale: sourceLocale, version: 1, source_version: 1, content: JSON.stringify(content), machine_translated: 0, reviewed_by: null, reviewed_at: null, created_by: actor.id, created_at: at });
      await newVersionIfChanged(trx, actor.id, at);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('code_taken', 'code');
    throw err;
  }
  return (await listQuestionsForAdmin(ctx)).questions.find((q) => q.id === id)!;
}

export interface QuestionPatch {
  active?: boolean | undefined;
  sort?: number | undefined;
  /** A new version of the source text: every translation made from the older one turns outdated. */
  content?: QuestionContent | undefined;
}

export async function updateQuestion(ctx: AppContext, actor: StaffActor, id: string, patch: QuestionPatch): Promise<AdminQuestion> {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const q = await store.findQuestion(trx, id);
    if (!q) throw notFound('survey_question_not_found');
    const set: Partial<store.QuestionRow> = { updated_at: at, updated_by: actor.id };
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    if (patch.sort !== undefined) set.sort = patch.sort;
    if (patch.content) {
      const content = cleanContent(patch.content);
      const latest = (await store.textHistory(trx, id, q.source_locale))[0];
      set.source_version = q.source_version + 1;
      await store.insertText(trx, { id: randomUUID(), question_id: id, locale: q.source_locale, version: (latest?.version ?? 0) + 1, source_version: q.source_version + 1, content: JSON.stringify(content), machine_translated: 0, reviewed_by: null, reviewed_at: null, created_by: actor.id, created_at: at });
    }
    await store.updateQuestion(trx, id, set);
    await newVersionIfChanged(trx, actor.id, at);
  });
  return (await listQuestionsForAdmin(ctx)).questions.find((q) => q.id === id)!;
}

/** A translation of a question into a language: a new version, made from the current source. */
export async function saveTranslation(ctx: AppContext, actor: StaffActor, id: string, locale: string, input: { content: QuestionContent; machineTranslated?: boolean | undefined }): Promise<AdminQuestion> {
  if (!LANGUAGE_CODES.includes(locale)) throw fieldError('locale', 'unknown_language');
  const content = cleanContent(input.content);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const q = await store.findQuestion(trx, id);
    if (!q) throw notFound('survey_question_not_found');
    if (locale === q.source_locale) throw new AppError(400, 'survey_translate_source');
    const latest = (await store.textHistory(trx, id, locale))[0];
    const machine = input.machineTranslated === true;
    await store.insertText(trx, { id: randomUUID(), question_id: id, locale, version: (latest?.version ?? 0) + 1, source_version: q.source_version, content: JSON.stringify(content), machine_translated: machine ? 1 : 0, reviewed_by: machine ? null : actor.id, reviewed_at: machine ? null : at, created_by: actor.id, created_at: at });
  });
  return (await listQuestionsForAdmin(ctx)).questions.find((q) => q.id === id)!;
}

/** A translator confirms a machine translation: it now counts as reviewed. */
export async function reviewTranslation(ctx: AppContext, actor: StaffActor, id: string, locale: string): Promise<AdminQuestion> {
  const q = await store.findQuestion(ctx.db, id);
  if (!q) throw notFound('survey_question_not_found');
  const latest = (await store.textHistory(ctx.db, id, locale))[0];
  if (!latest) throw notFound('survey_question_not_found');
  await store.updateText(ctx.db, latest.id, { reviewed_by: actor.id, reviewed_at: ctx.now().toISOString() });
  return (await listQuestionsForAdmin(ctx)).questions.find((x) => x.id === id)!;
}
