/**
 * A survey question's text in one language: the heading staff read results under (the IOM
 * evaluation's wording), the question a client answers, the four answers (most positive first),
 * and the two groups results are given in ("Very adequate or adequate" / "not very adequate or not
 * adequate at all" — the second continues a sentence, so it starts in lower case where a language
 * has cases).
 */
export interface QuestionContent {
  title: string;
  prompt: string;
  options: [string, string, string, string];
  positive: string;
  negative: string;
}

/** Question codes: lower-case words joined by dashes, e.g. "opening-hours". */
export const isQuestionCode = (code: string): boolean => /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(code) && code.length <= 60;

export const MAX_COMMENT_LENGTH = 1000;
/** A survey can be answered until this many days after the visit. */
export const SURVEY_OPEN_DAYS = 7;
