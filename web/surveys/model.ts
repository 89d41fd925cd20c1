import type { Static } from 'typebox';
import type * as S from '../../server/modules/surveys/schemas.ts';

/** The survey API's shapes, defined once in the server's route schemas. */
export type SurveyForm = Static<typeof S.SurveyForm>;
export type ClientQuestion = Static<typeof S.ClientQuestion>;
export type SurveyInvitation = Static<typeof S.Invitation>;
export type SurveyResults = Static<typeof S.Results>;
export type QuestionResult = SurveyResults['questions'][number];
export type SurveyComments = Static<typeof S.Comments>;
export type AdminQuestions = Static<typeof S.AdminQuestions>;
export type AdminQuestion = Static<typeof S.AdminQuestion>;
export type QuestionContent = Static<typeof S.Content>;

/** Who sees what on /app/surveys; the server decides again on every request (can()). */
export const RESULT_ROLES = ['network_admin', 'analyst', 'centre_manager', 'agency_officer'] as const;
export const COMMENT_ROLES = ['centre_manager'] as const;
export const MANAGE_ROLES = ['network_admin'] as const;
export const TRANSLATE_ROLES = ['network_admin', 'content_editor', 'mediator'] as const;
export const SURVEY_ROLES = [...new Set([...RESULT_ROLES, ...TRANSLATE_ROLES])];

export const hasAny = (roles: readonly string[], wanted: readonly string[]) => wanted.some((r) => roles.includes(r));
