import { WEEKDAYS, type Weekday } from '../../../core/opening-hours.ts';
import { languageInfo, CLIENT_LANGUAGES, textDirection } from '../../../core/languages.ts';
import type { ReaderItem, ReaderText, ReaderTopic } from '../knowledge/reader.ts';
import type { AccessibilityStatement } from '../branding/service.ts';
import { localizedName } from '../../http/html.ts';
import type { PublicCentre, PublicQueue } from './centres.ts';
import { href, InLanguage, Layout, TextNotices, type PageContext } from './layout.tsx';

/** Where an item lives on the site, by kind. */
export const itemPath = (item: Pick<ReaderText, 'kind' | 'slug'>) => `/${item.kind === 'topic' ? 'topics' : item.kind === 'procedure' ? 'procedures' : 'questions'}/${item.slug}`;

function SearchForm({ pc, query = '' }: { pc: PageContext; query?: string }) {
  return (
    <form className="search" role="search" method="get" action={href(pc, '/search')}>
      <label htmlFor="q">{pc.t('search.label')}</label>
      <div className="search-row">
        <input id="q" name="q" type="search" defaultValue={query} maxLength={200} autoComplete="off" />
        <button type="submit">{pc.t('search.button')}</button>
      </div>
    </form>
  );
}

function ItemLink({ pc, item, heading = 'h3' }: { pc: PageContext; item: ReaderText; heading?: 'h2' | 'h3' }) {
  const H = heading;
  return (
    <InLanguage pc={pc} lang={item.lang}>
      <H>
        <a href={href(pc, itemPath(item))}>{item.content.title}</a>
      </H>
      {item.content.summary ? <p>{item.content.summary}</p> : null}
    </InLanguage>
  );
}

export function HomePage({ pc, topics, centres }: { pc: PageContext; topics: ReaderTopic[]; centres: PublicCentre[] }) {
  const { t } = pc;
  return (
    <Layout pc={pc} title={t('siteName')} description={t('intro')}>
      <h1>{t('siteName')}</h1>
      <p className="lead">{t('intro')}</p>
      <SearchForm pc={pc} />
      <section aria-labelledby="topics">
        <h2 id="topics">{t('topics.title')}</h2>
        <ul className="cards">
          {topics.map((topic) => (
            <li key={topic.slug} className="card">
              <ItemLink pc={pc} item={topic} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="centres">
        <h2 id="centres">{t('centres.title')}</h2>
        <CentreList pc={pc} centres={centres} />
      </section>
    </Layout>
  );
}

function CentreList({ pc, centres }: { pc: PageContext; centres: PublicCentre[] }) {
  return (
    <ul className="cards">
      {centres.map((c) => (
        <li key={c.code} className="card">
          <h3>
            <a href={href(pc, `/centres/${c.code}`)}>{c.name}</a>
          </h3>
          <p>{c.address}</p>
          <p className={c.openNow ? 'open' : 'closed'}>{c.openNow ? pc.t('centres.openNow') : pc.t('centres.closedNow')}</p>
        </li>
      ))}
    </ul>
  );
}

export function TopicPage({ pc, topic }: { pc: PageContext; topic: ReaderTopic & { paragraphs: string[] } }) {
  const { t } = pc;
  return (
    <Layout pc={pc} title={topic.content.title} description={topic.content.summary}>
      <TextNotices pc={pc} text={topic} />
      <InLanguage pc={pc} lang={topic.lang}>
        <h1>{topic.content.title}</h1>
        <p className="lead">{topic.content.summary}</p>
        {topic.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </InLanguage>
      {topic.procedures.length ? (
        <section aria-labelledby="procedures">
          <h2 id="procedures">{t('topics.procedures')}</h2>
          <ul className="cards">
            {topic.procedures.map((p) => (
              <li key={p.slug} className="card">
                <ItemLink pc={pc} item={p} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {topic.faqs.length ? (
        <section aria-labelledby="questions">
          <h2 id="questions">{t('topics.questions')}</h2>
          {topic.faqs.map((q) => (
            <InLanguage key={q.slug} pc={pc} lang={q.lang}>
              <details className="faq">
                <summary>{q.content.title}</summary>
                <p>{q.content.summary}</p>
                <p>
                  <a href={href(pc, itemPath(q))}>{q.content.title}</a>
                </p>
              </details>
            </InLanguage>
          ))}
        </section>
      ) : null}
    </Layout>
  );
}

/** A name from the network's configuration, marked with its language when it is not the page's. */
function Named({ pc, text, lang }: { pc: PageContext; text: string; lang: string }) {
  return lang === pc.locale ? <>{text}</> : <span lang={lang} dir={textDirection(lang)}>{text}</span>;
}

/**
 * Where to go for a procedure: each centre once, with the one sentence on how to get there (take a
 * ticket at the entrance), then its desks for this procedure with their ticket letter.
 */
function WhereToGo({ pc, item }: { pc: PageContext; item: ReaderItem }) {
  if (item.where.length === 0) return null;
  return (
    <section aria-labelledby="where">
      <h2 id="where">{pc.t('procedure.where')}</h2>
      <p>{pc.t('procedure.ticketHint')}</p>
      <ul className="where">
        {item.where.map((w) => (
          <li key={w.centreCode}>
            <a href={href(pc, `/centres/${w.centreCode}`)}>{w.centreName}</a>
            <ul className="where-desks">
              {w.services.map((s) => (
                <li key={s.id}>
                  <Named pc={pc} text={s.name} lang={s.nameLang} /> (<Named pc={pc} text={s.partner} lang={s.partnerLang} />){' '}
                  <span className="visually-hidden">{pc.t('procedure.ticketLetter', { prefix: s.ticketPrefix })}</span>
                  <span className="ticket-letter" aria-hidden="true">
                    {s.ticketPrefix}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ItemPage({ pc, item }: { pc: PageContext; item: ReaderItem }) {
  const { t } = pc;
  const c = item.content;
  return (
    <Layout pc={pc} title={c.title} description={c.summary}>
      {item.topic ? (
        <nav aria-label={t('topics.title')} className="crumbs">
          <a href={href(pc, '/')}>{t('home')}</a> › <a href={href(pc, `/topics/${item.topic.slug}`)}>{item.topic.lang === pc.locale ? item.topic.title : <span lang={item.topic.lang} dir={textDirection(item.topic.lang)}>{item.topic.title}</span>}</a>
        </nav>
      ) : null}
      <TextNotices pc={pc} text={item} />
      <InLanguage pc={pc} lang={item.lang}>
        <h1>{c.title}</h1>
        {c.summary ? <p className="lead">{c.summary}</p> : null}
        {item.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {c.steps?.length ? (
          <section aria-labelledby="steps">
            <h2 id="steps">{t('procedure.steps')}</h2>
            <ol className="steps">
              {c.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </section>
        ) : null}
        {c.documents?.length ? (
          <section aria-labelledby="documents">
            <h2 id="documents">{t('procedure.documents')}</h2>
            <ul className="checklist">
              {c.documents.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            <p>
              <a href={href(pc, `${itemPath(item)}/checklist`)}>{t('procedure.checklist')}</a>
            </p>
          </section>
        ) : null}
        {c.fees ? (
          <section aria-labelledby="fees">
            <h2 id="fees">{t('procedure.fees')}</h2>
            <p>{c.fees}</p>
          </section>
        ) : null}
      </InLanguage>
      <WhereToGo pc={pc} item={item} />
      {item.links.length ? (
        <section aria-labelledby="links">
          <h2 id="links">{t('procedure.links')}</h2>
          <ul>
            {item.links.map((l) => (
              <li key={l.url}>
                <InLanguage pc={pc} lang={item.lang} as="span">
                  <a href={l.url} rel="noopener noreferrer">
                    {l.label}
                  </a>
                </InLanguage>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {item.related.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{item.topic ? <Named pc={pc} text={item.topic.title} lang={item.topic.lang} /> : t('topics.title')}</h2>
          <ul className="cards">
            {item.related.map((r) => (
              <li key={r.slug} className="card">
                <ItemLink pc={pc} item={r} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** One page to print or show on a phone at the desk: the documents, ticked off one by one. */
export function ChecklistPage({ pc, item }: { pc: PageContext; item: ReaderItem }) {
  const { t } = pc;
  const title = t('procedure.checklistTitle', { title: item.content.title });
  // The heading mixes the page's words with the item's title: only the title carries its language.
  const [before, after] = t('procedure.checklistTitle', { title: '\u0000' }).split('\u0000') as [string, string | undefined];
  return (
    <Layout pc={pc} title={title} printable>
      <TextNotices pc={pc} text={item} />
      <h1>
        {before}
        <Named pc={pc} text={item.content.title} lang={item.lang} />
        {after ?? ''}
      </h1>
      <p>{t('procedure.checklistIntro')}</p>
      <InLanguage pc={pc} lang={item.lang}>
        <ul className="checklist print-boxes">
          {(item.content.documents ?? []).map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      </InLanguage>
      <WhereToGo pc={pc} item={item} />
      <p className="no-print">{t('procedure.print')}</p>
      <p className="no-print">
        <a href={href(pc, itemPath(item))}>{t('procedure.back')}</a>
      </p>
    </Layout>
  );
}

/** When a search finds nothing: what to try, the topics most read, and where to ask in person. */
function NothingFound({ pc, topics, centres }: { pc: PageContext; topics: ReaderTopic[]; centres: PublicCentre[] }) {
  const { t } = pc;
  return (
    <>
      <section aria-labelledby="try">
        <h2 id="try">{t('search.tryTitle')}</h2>
        <ul className="suggestions">
          <li>{t('search.tryFewer')}</li>
          <li>{t('search.trySpelling')}</li>
          <li>{t('search.tryLanguage')}</li>
        </ul>
      </section>
      <section aria-labelledby="popular">
        <h2 id="popular">{t('search.popular')}</h2>
        <ul className="cards">
          {topics.slice(0, POPULAR_TOPICS).map((topic) => (
            <li key={topic.slug} className="card">
              <ItemLink pc={pc} item={topic} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="ask">
        <h2 id="ask">{t('search.askTitle')}</h2>
        <p>{t('search.askText')}</p>
        <ul>
          {centres.map((c) => (
            <li key={c.code}>
              <a href={href(pc, `/centres/${c.code}`)}>{c.name}</a> — <span className={c.openNow ? 'open' : 'closed'}>{c.openNow ? t('centres.openNow') : t('centres.closedNow')}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Topics shown when a search finds nothing (in the editors' order, the most asked first). */
const POPULAR_TOPICS = 6;

export function SearchPage({ pc, query, results, topics, centres }: { pc: PageContext; query: string; results: ReaderText[]; topics: ReaderTopic[]; centres: PublicCentre[] }) {
  const { t } = pc;
  const trimmed = query.trim();
  return (
    <Layout pc={pc} title={trimmed ? t('search.resultsFor', { query: trimmed }) : t('search.title')}>
      <h1>{trimmed ? t('search.resultsFor', { query: trimmed }) : t('search.title')}</h1>
      <SearchForm pc={pc} query={trimmed} />
      {!trimmed ? (
        <p>{t('search.empty')}</p>
      ) : results.length === 0 ? (
        <>
          <p role="status">{t('search.none')}</p>
          <NothingFound pc={pc} topics={topics} centres={centres} />
        </>
      ) : (
        <>
          <p role="status">{t('search.count', { count: results.length })}</p>
          <ul className="cards">
            {results.map((r) => (
              <li key={r.slug} className="card">
                <ItemLink pc={pc} item={r} heading="h2" />
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function CentresPage({ pc, centres }: { pc: PageContext; centres: PublicCentre[] }) {
  return (
    <Layout pc={pc} title={pc.t('centres.title')}>
      <h1>{pc.t('centres.title')}</h1>
      <CentreList pc={pc} centres={centres} />
    </Layout>
  );
}

/** The expected wait in words; "no wait" is one key, the same wherever the site says it. */
export function waitText(pc: PageContext, q: Pick<PublicQueue, 'waiting' | 'expectedWaitMinutes' | 'expectedWaitRange'>): string {
  const { t } = pc;
  if (q.waiting === 0 || (q.expectedWaitRange ? q.expectedWaitRange[1] === 0 : q.expectedWaitMinutes === 0)) return t('centres.noWait');
  return q.expectedWaitRange ? t('centres.range', { low: q.expectedWaitRange[0], high: q.expectedWaitRange[1] }) : t('centres.minutes', { count: q.expectedWaitMinutes });
}

const weekdayName = (day: Weekday, locale: string) =>
  // 2024-01-01 was a Monday.
  new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day), 12)));

export function CentrePage({ pc, centre, queues }: { pc: PageContext; centre: PublicCentre; queues: { queues: PublicQueue[]; localTime: string; accuracyInTen?: number } }) {
  const { t } = pc;
  return (
    <Layout pc={pc} title={centre.name}>
      <h1>{centre.name}</h1>
      <p className={centre.openNow ? 'open' : 'closed'}>{centre.openNow ? t('centres.openNow') : t('centres.closedNow')}</p>
      <h2>{t('centres.address')}</h2>
      <p>{centre.address}</p>
      <h2>{t('centres.hours')}</h2>
      <table className="hours">
        <caption className="visually-hidden">{t('centres.hours')}</caption>
        <tbody>
          {WEEKDAYS.map((d) => (
            <tr key={d}>
              <th scope="row">{weekdayName(d, pc.locale)}</th>
              <td>{centre.openingHours[d]?.length ? centre.openingHours[d].map((p) => `${p.open}–${p.close}`).join(', ') : t('centres.closedDay')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('centres.languages')}</h2>
      <ul className="languages-spoken">
        {centre.languages.map((l) => (
          <li key={l} lang={l} dir={textDirection(l)}>
            {languageInfo(l)?.endonym ?? l}
          </li>
        ))}
      </ul>
      <section aria-labelledby="waiting">
        <h2 id="waiting">{t('centres.waitingTitle')}</h2>
        {!centre.openNow ? (
          <p>{t('centres.noQueues')}</p>
        ) : (
          <>
            <p>{t('centres.waitingAt', { time: queues.localTime })}</p>
            <table className="queues reflow">
              <caption className="visually-hidden">{t('centres.waitingTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('centres.service')}</th>
                  <th scope="col">{t('centres.waiting')}</th>
                  <th scope="col">{t('centres.expected')}</th>
                </tr>
              </thead>
              <tbody>
                {queues.queues.map((q) => (
                  <tr key={q.ticketPrefix}>
                    <th scope="row">
                      <Named pc={pc} text={q.service} lang={q.serviceLang} />{' '}
                      <span className="muted">
                        (<Named pc={pc} text={q.partner} lang={q.partnerLang} />)
                      </span>
                    </th>
                    <td>
                      <span className="cell-label" aria-hidden="true">
                        {t('centres.waiting')}
                      </span>
                      {q.waiting}
                    </td>
                    <td>
                      <span className="cell-label" aria-hidden="true">
                        {t('centres.expected')}
                      </span>
                      {waitText(pc, q)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {queues.accuracyInTen != null && <p className="muted">{t('centres.accuracy', { count: queues.accuracyInTen })}</p>}
          </>
        )}
      </section>
    </Layout>
  );
}

export function LanguagesPage({ pc, from }: { pc: PageContext; from: string }) {
  return (
    <Layout pc={pc} title={pc.t('languages.title')}>
      <h1>{pc.t('languages.title')}</h1>
      <p>{pc.t('languages.intro')}</p>
      <ul className="language-list">
        {CLIENT_LANGUAGES.map((l) => (
          <li key={l}>
            <a href={`/site/language?to=${encodeURIComponent(l)}&next=${encodeURIComponent(from)}`} lang={l} dir={textDirection(l)} hrefLang={l} aria-current={l === pc.locale ? 'true' : undefined}>
              {languageInfo(l)?.endonym ?? l}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function NotFoundPage({ pc }: { pc: PageContext }) {
  const { t } = pc;
  return (
    <Layout pc={pc} title={t('notFound.title')}>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <SearchForm pc={pc} />
      <ul className="suggestions">
        <li>
          <a href={href(pc, '/')}>{t('notFound.home')}</a>
        </li>
        <li>
          <a href={href(pc, '/#topics')}>{t('notFound.topics')}</a>
        </li>
        <li>
          <a href={href(pc, '/centres')}>{t('notFound.centres')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** A date (YYYY-MM-DD) in the reader's language, e.g. "5 December 2026". */
const longDate = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/**
 * The accessibility statement, on the EU Web Accessibility Directive's model (Implementing Decision
 * (EU) 2018/1523): compliance status, non-accessible content, preparation, feedback and contact,
 * enforcement procedure. The headings and sentences are translated; the network sets the facts.
 */
export function AccessibilityPage({ pc, statement }: { pc: PageContext; statement: AccessibilityStatement }) {
  const { t, locale } = pc;
  const network = pc.brand?.name ?? t('siteName');
  const status = { full: 'accessibility.statusFull', partial: 'accessibility.statusPartial', none: 'accessibility.statusNone' }[statement.status];
  const listed = Object.keys(statement.nonAccessible).length ? localizedName(statement.nonAccessible, locale) : null;
  return (
    <Layout pc={pc} title={t('accessibility.title')}>
      <h1>{t('accessibility.title')}</h1>
      <p>{t('accessibility.intro', { network })}</p>
      <section aria-labelledby="a11y-status">
        <h2 id="a11y-status">{t('accessibility.statusTitle')}</h2>
        <p>{t(status)}</p>
      </section>
      <section aria-labelledby="a11y-content">
        <h2 id="a11y-content">{t('accessibility.nonAccessibleTitle')}</h2>
        {listed ? (
          <div lang={listed.lang === locale ? undefined : listed.lang} dir={listed.lang === locale ? undefined : textDirection(listed.lang)}>
            {listed.text.split(/\n\s*\n/).map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        ) : (
          <p>{statement.status === 'full' ? t('accessibility.nonAccessibleNone') : t('accessibility.nonAccessibleDefault')}</p>
        )}
      </section>
      <section aria-labelledby="a11y-preparation">
        <h2 id="a11y-preparation">{t('accessibility.preparationTitle')}</h2>
        <p>
          {t('accessibility.prepared', { date: longDate(statement.preparedOn, locale) })}
          {statement.reviewedOn ? ` ${t('accessibility.reviewed', { date: longDate(statement.reviewedOn, locale) })}` : null}
        </p>
        <p>{t('accessibility.method')}</p>
      </section>
      <section aria-labelledby="a11y-feedback">
        <h2 id="a11y-feedback">{t('accessibility.feedbackTitle')}</h2>
        <p>{t('accessibility.feedback')}</p>
        <dl className="contact">
          <dt>{t('accessibility.email')}</dt>
          <dd>{statement.contactEmail ? <a href={`mailto:${statement.contactEmail}`}>{statement.contactEmail}</a> : t('accessibility.notSet')}</dd>
          <dt>{t('accessibility.phone')}</dt>
          <dd>{statement.contactPhone ? <a href={`tel:${statement.contactPhone.replace(/[^+0-9]/g, '')}`}>{statement.contactPhone}</a> : t('accessibility.notSet')}</dd>
        </dl>
      </section>
      <section aria-labelledby="a11y-enforcement">
        <h2 id="a11y-enforcement">{t('accessibility.enforcementTitle')}</h2>
        <p>{t('accessibility.enforcement')}</p>
        <p>
          {statement.enforcementUrl ? (
            <a href={statement.enforcementUrl} rel="noopener noreferrer">
              {statement.enforcementBody ?? statement.enforcementUrl}
            </a>
          ) : (
            (statement.enforcementBody ?? t('accessibility.notSet'))
          )}
        </p>
      </section>
    </Layout>
  );
}
