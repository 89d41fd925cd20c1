import { Type, type Static } from 'typebox';
import { MAX_COMMENT_LENGTH } from '../../../core/surveys/questions.ts';

const Line = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "A visit's local day, YYYY-MM-DD" });
const Locale = Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' });
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: '0…1; null without answers' });
const Interval = Type.Union([Type.Object({ low: Type.Number(), high: Type.Number() }), Type.Null()], { description: '95% Wilson score interval of the share; null without answers' });

export const Content = Type.Object(
  {
    title: Line(200),
    prompt: Line(300),
    options: Type.Tuple([Line(80), Line(80), Line(80), Line(80)], { description: 'The four answers, most positive first' }),
    positive: Line(160),
    negative: Line(160),
  },
  { additionalProperties: false, description: 'A question in one language. `positive` and `negative` name the two groups results are given in; `negative` continues the sentence ("…: 82.6%; not very adequate or not adequate at all: 17.4%").' },
);

export const TokenParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const TextParams = Type.Object({ id: Type.String({ format: 'uuid' }), locale: Locale });

export const FormQuery = Type.Object({ lang: Type.Optional(Locale) }, { additionalProperties: false });

export const ClientQuestion = Type.Object({
  id: Type.String(),
  code: Type.String(),
  lang: Type.String({ description: "The text's language (a marked fallback when not the one asked for)" }),
  fallback: Type.Boolean(),
  machineTranslated: Type.Boolean(),
  content: Content,
});

const State = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);

export const SurveyForm = Type.Object({
  state: State,
  language: Type.String({ description: "The visit's language" }),
  closesAt: Type.String({ description: '7 days after the end of the visit' }),
  surveyVersion: Type.Integer(),
  questions: Type.Array(ClientQuestion),
});

export const ResponseBody = Type.Object(
  {
    answers: Type.Record(Type.String({ format: 'uuid' }), Type.Integer({ minimum: 1, maximum: 4 }), { description: 'Question id → 1 (most positive) … 4 (most negative); leave a question out to skip it' }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: MAX_COMMENT_LENGTH }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ResponseBodyT = Static<typeof ResponseBody>;

export const Answered = Type.Object({ state: Type.Literal('answered') });

export const KioskLookupBody = Type.Object(
  { ticket: Type.String({ minLength: 1, maxLength: 300, description: "The ticket number as printed today (e.g. A023), or the ticket QR code's address" }) },
  { additionalProperties: false },
);
export const Invitation = Type.Object({ token: Type.String(), language: Type.String(), state: State, closesAt: Type.String() });

export const ResultsQuery = Type.Object(
  {
    centreId: Type.Optional(Type.String({ format: 'uuid' })),
    partnerId: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    language: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type ResultsQueryT = Static<typeof ResultsQuery>;

export const CommentsQuery = Type.Object(
  {
    centreId: Type.Optional(Type.String({ format: 'uuid' })),
    partnerId: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    language: Type.Optional(Locale),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

const Group = Type.Object({ count: Type.Integer(), share: Share, ci95: Interval });

export const Filter = Type.Object({
  centreId: Type.Optional(Type.String()),
  partnerId: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
});

export const Results = Type.Object({
  filter: Filter,
  responses: Type.Integer({ description: 'Responses matching the filter' }),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      active: Type.Boolean(),
      lang: Type.String(),
      title: Type.String(),
      labels: Type.Array(Type.String()),
      positiveLabel: Type.String(),
      negativeLabel: Type.String(),
      answers: Type.Integer({ description: 'Answers to this question (a question can be skipped)' }),
      categories: Type.Array(Type.Object({ value: Type.Integer(), count: Type.Integer(), share: Share })),
      positive: Group,
      negative: Group,
      summary: Type.String({ description: 'In the IOM evaluation\'s form, e.g. "Very adequate or adequate: 82.6%; not very adequate or not adequate at all: 17.4%"' }),
    }),
  ),
});

export const Comments = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String({ description: 'The comment with email addresses, phone, document and other long numbers masked' }),
      masked: Type.Integer({ description: 'How many pieces of personal data were masked' }),
      localDate: Type.String(),
      language: Type.String(),
      centreId: Type.String(),
      partnerId: Type.Union([Type.String(), Type.Null()]),
      channel: Type.String(),
    }),
  ),
});

export const QuestionInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, description: 'e.g. waiting-time' }),
    sourceLocale: Type.Optional(Locale),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    content: Content,
  },
  { additionalProperties: false },
);
export const QuestionPatch = Type.Object(
  {
    active: Type.Optional(Type.Boolean({ description: 'Retired questions are no longer asked; their answers stay in the results' })),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    content: Type.Optional(Content),
  },
  { additionalProperties: false },
);
export const TranslationInput = Type.Object(
  { content: Content, machineTranslated: Type.Optional(Type.Boolean({ description: 'Machine output not yet reviewed by a person' })) },
  { additionalProperties: false },
);

const TranslationState = Type.Union([Type.Literal('current'), Type.Literal('outdated'), Type.Literal('machine'), Type.Literal('missing')]);
export const AdminQuestion = Type.Object({
  id: Type.String(),
  code: Type.String(),
  sort: Type.Integer(),
  active: Type.Boolean(),
  sourceLocale: Type.String(),
  sourceVersion: Type.Integer(),
  source: Type.Union([Content, Type.Null()]),
  translations: Type.Array(Type.Object({ locale: Type.String(), status: TranslationState, version: Type.Union([Type.Integer(), Type.Null()]), content: Type.Union([Content, Type.Null()]) })),
});
export const AdminQuestions = Type.Object({
  surveyVersion: Type.Integer({ description: 'The version clients are asked now' }),
  questions: Type.Array(AdminQuestion),
  versions: Type.Array(Type.Object({ version: Type.Integer(), questionIds: Type.Array(Type.String()), createdAt: Type.String() })),
});

export const CsvFile = Type.Unsafe<string>(Type.String({ description: 'CSV, UTF-8 with a byte-order mark' }));
