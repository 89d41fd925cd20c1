import { Type, type Static } from 'typebox';
import { KNOWLEDGE_KINDS } from '../../../core/knowledge/content.ts';

const Line = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const Content = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    summary: Type.String({ maxLength: 1000 }),
    body: Type.Optional(Type.String({ maxLength: 20000, description: 'Paragraphs separated by a blank line' })),
    steps: Type.Optional(Type.Array(Line(1000), { maxItems: 40 })),
    documents: Type.Optional(Type.Array(Line(500), { maxItems: 60 })),
    fees: Type.Optional(Type.String({ maxLength: 1000 })),
    links: Type.Optional(Type.Array(Line(200), { maxItems: 20, description: "Labels of the item's links, in order" })),
  },
  { additionalProperties: false },
);

const Kind = Type.Unsafe<(typeof KNOWLEDGE_KINDS)[number]>(Type.String({ enum: [...KNOWLEDGE_KINDS] }));
const Url = Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$' });
const Slug = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const Locale = Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' });

export const ItemInput = Type.Object(
  {
    kind: Kind,
    slug: Slug,
    topic: Type.Optional(Slug),
    topicCode: Type.Optional(Type.String({ maxLength: 60 })),
    services: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
    links: Type.Optional(Type.Array(Url, { maxItems: 20 })),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    sourceLocale: Type.Optional(Locale),
    published: Type.Optional(Type.Boolean()),
    content: Content,
  },
  { additionalProperties: false },
);

export const ItemPatch = Type.Object(
  {
    topic: Type.Optional(Slug),
    topicCode: Type.Optional(Type.String({ maxLength: 60 })),
    services: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
    links: Type.Optional(Type.Array(Url, { maxItems: 20 })),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    published: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TextInput = Type.Object(
  {
    content: Content,
    machineTranslated: Type.Optional(Type.Boolean({ description: 'Made by machine translation: shown as unreviewed until a translator reviews it' })),
    basedOnSourceVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The source version the translation was made from (default: the current one)' })),
    links: Type.Optional(Type.Array(Url, { maxItems: 20, description: "Source language only: the item's link addresses, in the order of content.links (to add or remove a link)" })),
  },
  { additionalProperties: false },
);

export const Item = Type.Object({
  id: Type.String(),
  kind: Kind,
  slug: Type.String(),
  topicId: Type.Union([Type.String(), Type.Null()]),
  topicCode: Type.Union([Type.String(), Type.Null()]),
  services: Type.Array(Type.String()),
  links: Type.Array(Type.String()),
  sort: Type.Integer(),
  sourceLocale: Type.String(),
  sourceVersion: Type.Integer(),
  published: Type.Boolean(),
  updatedAt: Type.String(),
});

const Status = Type.Union([Type.Literal('current'), Type.Literal('outdated'), Type.Literal('machine'), Type.Literal('missing')]);

export const Text = Type.Object({
  itemId: Type.String(),
  locale: Type.String(),
  version: Type.Integer(),
  sourceVersion: Type.Integer(),
  content: Content,
  machineTranslated: Type.Boolean(),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const EditorList = Type.Object({
  locales: Type.Array(Type.String()),
  items: Type.Array(Type.Intersect([Item, Type.Object({ title: Type.String(), topic: Type.Union([Type.String(), Type.Null()]), statuses: Type.Record(Type.String(), Status) })])),
});

export const EditorItem = Type.Object({
  item: Item,
  topic: Type.Union([Type.String(), Type.Null()]),
  topicPublished: Type.Boolean({ description: 'False when the topic this item is filed under is unpublished (readers then do not see the item)' }),
  texts: Type.Array(Type.Intersect([Text, Type.Object({ status: Status })])),
  sourceVersions: Type.Array(Text),
});

const ReaderText = Type.Object({
  slug: Type.String(),
  kind: Kind,
  lang: Type.String({ description: 'The language the text is in' }),
  fallback: Type.Boolean({ description: "Not in the reader's language: show a notice" }),
  machineTranslated: Type.Boolean({ description: 'Machine-translated, not yet reviewed: show a notice' }),
  outdated: Type.Boolean({ description: 'The source text changed since this translation was made' }),
  content: Content,
});

export const ReaderTopics = Type.Object({
  items: Type.Array(Type.Intersect([ReaderText, Type.Object({ topicCode: Type.Union([Type.String(), Type.Null()]), procedures: Type.Array(ReaderText), faqs: Type.Array(ReaderText) })])),
});

export const ReaderItem = Type.Intersect([
  ReaderText,
  Type.Object({
    topic: Type.Union([Type.Object({ slug: Type.String(), title: Type.String(), lang: Type.String() }), Type.Null()]),
    links: Type.Array(Type.Object({ url: Type.String(), label: Type.String() })),
    paragraphs: Type.Array(Type.String()),
    where: Type.Array(
      Type.Object({
        centreId: Type.String(),
        centreCode: Type.String(),
        centreName: Type.String(),
        services: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), nameLang: Type.String(), ticketPrefix: Type.String(), partner: Type.String(), partnerLang: Type.String() })),
      }),
    ),
    related: Type.Array(ReaderText),
  }),
]);

export const ReaderSearch = Type.Object({ total: Type.Integer({ description: 'How many items match (items holds the best ones)' }), items: Type.Array(ReaderText) });

export const LocaleQuery = Type.Object({ locale: Type.Optional(Locale) }, { additionalProperties: false });
export const SearchQuery = Type.Object({ locale: Type.Optional(Locale), q: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export const SlugParams = Type.Object({ slug: Slug });
export const ItemLocaleParams = Type.Object({ id: Type.String({ format: 'uuid' }), locale: Locale });
export const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), locale: Locale, version: Type.Integer({ minimum: 1 }) });

export type ItemInputT = Static<typeof ItemInput>;
export const ListOfTexts = Type.Object({ items: Type.Array(Text) });
