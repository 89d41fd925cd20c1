import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SurveyInvitationTable, SurveyQuestionTable, SurveyQuestionTextTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type QuestionRow = Selectable<SurveyQuestionTable>;
export type QuestionTextRow = Selectable<SurveyQuestionTextTable>;
export type InvitationRow = Selectable<SurveyInvitationTable>;

/** Which responses a figure is about. Dates are the visits' local days (YYYY-MM-DD), both included. */
export interface SurveyFilter {
  centreId?: string | undefined;
  partnerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  language?: string | undefined;
}

// Questions and their texts.
export const listQuestions = (db: Db) => db.selectFrom('survey_question').selectAll().orderBy('sort').orderBy('code').execute();
export const findQuestion = (db: Db, id: string) => db.selectFrom('survey_question').selectAll().where('id', '=', id).executeTakeFirst();
export const findQuestionByCode = (db: Db, code: string) => db.selectFrom('survey_question').selectAll().where('code', '=', code).executeTakeFirst();
export const insertQuestion = (db: Db, row: QuestionRow) => db.insertInto('survey_question').values(row).execute();
export const updateQuestion = (db: Db, id: string, set: Partial<QuestionRow>) => db.updateTable('survey_question').set(set).where('id', '=', id).execute();
export const insertText = (db: Db, row: QuestionTextRow) => db.insertInto('survey_question_text').values(row).execute();
export const updateText = (db: Db, id: string, set: Partial<QuestionTextRow>) => db.updateTable('survey_question_text').set(set).where('id', '=', id).execute();

/** The latest version of every text of these questions, one per question and language. */
export async function latestTexts(db: Db, questionIds: readonly string[]): Promise<QuestionTextRow[]> {
  if (questionIds.length === 0) return [];
  return db
    .selectFrom('survey_question_text as t')
    .selectAll('t')
    .where('t.question_id', 'in', [...questionIds])
    .where((eb) =>
      eb(
        't.version',
        '=',
        eb
          .selectFrom('survey_question_text as l')
          .select((e) => e.fn.max('l.version').as('v'))
          .whereRef('l.question_id', '=', 't.question_id')
          .whereRef('l.locale', '=', 't.locale'),
      ),
    )
    .execute();
}

export const textHistory = (db: Db, questionId: string, locale: string) =>
  db.selectFrom('survey_question_text').selectAll().where('question_id', '=', questionId).where('locale', '=', locale).orderBy('version', 'desc').execute();

// Survey versions: the questions asked, in order.
export const latestVersion = (db: Db) => db.selectFrom('survey_version').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
export const listVersions = (db: Db) => db.selectFrom('survey_version').selectAll().orderBy('version', 'desc').execute();
export const insertVersion = (db: Db, row: { version: number; question_ids: string; created_at: string; created_by: string | null }) => db.insertInto('survey_version').values(row).execute();

// Invitations: one per visit, by a random token.
export const findInvitation = (db: Db, token: string) => db.selectFrom('survey_invitation').selectAll().where('token', '=', token).executeTakeFirst();
export const findInvitationOfVisit = (db: Db, visitId: string) => db.selectFrom('survey_invitation').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
export const insertInvitation = (db: Db, row: InvitationRow) => db.insertInto('survey_invitation').values(row).execute();
/** Marks an invitation used; false when it already was (a second answer, or two at once). */
export async function markAnswered(db: Db, token: string): Promise<boolean> {
  const result = await db.updateTable('survey_invitation').set({ answered: 1 }).where('token', '=', token).where('answered', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Responses: nothing that leads back to the visit.
export async function insertResponse(
  db: Db,
  row: { id: string; survey_version: number; centre_id: string; partner_id: string | null; language: string; local_date: string; channel: string; comment: string | null },
  answers: { questionId: string; value: number }[],
): Promise<void> {
  await db.insertInto('survey_response').values(row).execute();
  if (answers.length) await db.insertInto('survey_answer').values(answers.map((a) => ({ response_id: row.id, question_id: a.questionId, value: a.value }))).execute();
}

/** Responses matching a filter: the base of every figure. */
function responses(db: Db, f: SurveyFilter) {
  let q = db.selectFrom('survey_response as r');
  if (f.centreId) q = q.where('r.centre_id', '=', f.centreId);
  if (f.partnerId) q = q.where('r.partner_id', '=', f.partnerId);
  if (f.from) q = q.where('r.local_date', '>=', f.from);
  if (f.to) q = q.where('r.local_date', '<=', f.to);
  if (f.language) q = q.where('r.language', '=', f.language);
  return q;
}

/** How many responses match (count(*) is a string on PostgreSQL: cast). */
export async function countResponses(db: Db, f: SurveyFilter): Promise<number> {
  const row = await responses(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Answers per question and value for the matching responses. */
export async function answerCounts(db: Db, f: SurveyFilter): Promise<{ questionId: string; value: number; count: number }[]> {
  const rows = await responses(db, f)
    .innerJoin('survey_answer as a', 'a.response_id', 'r.id')
    .select(['a.question_id', 'a.value', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['a.question_id', 'a.value'])
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, value: Number(r.value), count: Number(r.n) }));
}

/** The comments of the matching responses, newest day first (raw: the service masks them). */
export async function comments(db: Db, f: SurveyFilter, limit: number, offset = 0) {
  return responses(db, f)
    .select(['r.id', 'r.comment', 'r.local_date', 'r.language', 'r.centre_id', 'r.partner_id', 'r.channel'])
    .where('r.comment', 'is not', null)
    .where(sql<boolean>`length(r.comment) > 0`)
    .orderBy('r.local_date', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
