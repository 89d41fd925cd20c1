import type { ReactNode, Ref } from 'react';
import type { TFunction } from 'i18next';
import { languageInfo, textDirection } from '../../core/languages.ts';
import { noticesFor, type ReaderItem, type ReaderText, type ReaderTopic, type TextNotices, type WhereService } from './knowledge.ts';
import type { Spoken } from './ReadAloud.tsx';

/**
 * The kiosk's information mode, read from the knowledge base: the topics, one topic's procedures
 * and questions, one procedure or answer in full with a ticket for this centre's desk. Every text
 * from the knowledge base carries its own language and direction; a page whose texts are shown in
 * another language than the client's, or were machine-translated, says so at the top.
 */

export interface InfoText {
  /** The kiosk's words (screens.json and kiosk.json), all in one language: `lang`. */
  k: TFunction;
  lang: string;
}

/** lang and dir of a knowledge-base text. */
const langOf = (t: Pick<ReaderText, 'lang'>) => ({ lang: t.lang, dir: textDirection(t.lang) });

const endonym = (code: string) => languageInfo(code)?.endonym ?? code;

/** The notices a page's knowledge-base texts need, one line each; nothing when none is needed. */
export function TextNotice({ notices, text }: { notices: TextNotices; text: InfoText }) {
  const { k } = text;
  if (!notices.fallbackLanguages.length && !notices.machineTranslated && !notices.outdated) return null;
  return (
    <div className="kiosk-notice" role="note" data-testid="kiosk-text-notice">
      {notices.fallbackLanguages.length > 0 && (
        <p data-notice="fallback">
          {k('notice.fallback')}{' '}
          {notices.fallbackLanguages.map((code, i) => (
            <span key={code}>
              {i > 0 && ', '}
              <span lang={code} dir={textDirection(code)}>
                {endonym(code)}
              </span>
            </span>
          ))}
        </p>
      )}
      {notices.machineTranslated && <p data-notice="machine">{k('notice.machine')}</p>}
      {notices.outdated && <p data-notice="outdated">{k('notice.outdated')}</p>}
    </div>
  );
}

/** Words to speak for the notices, in the kiosk's language (the language names in their own). */
export function spokenNotices(notices: TextNotices, text: InfoText): Spoken[] {
  const out: Spoken[] = [];
  if (notices.fallbackLanguages.length) {
    out.push({ text: text.k('notice.fallback'), lang: text.lang });
    for (const code of notices.fallbackLanguages) out.push({ text: endonym(code), lang: code });
  }
  if (notices.machineTranslated) out.push({ text: text.k('notice.machine'), lang: text.lang });
  if (notices.outdated) out.push({ text: text.k('notice.outdated'), lang: text.lang });
  return out;
}

function Tile({ item, onOpen, detail, testId }: { item: ReaderText; onOpen: () => void; detail?: ReactNode; testId?: string }) {
  return (
    <li>
      <button type="button" className="kiosk-tile kiosk-info-tile" data-slug={item.slug} data-testid={testId} onClick={onOpen}>
        <span className="kiosk-tile-title" {...langOf(item)}>
          {item.content.title}
        </span>
        {detail}
      </button>
    </li>
  );
}

/** All topics. */
export function InfoTopics({ topics, text, heading, onOpen }: { topics: ReaderTopic[]; text: InfoText; heading: Ref<HTMLHeadingElement>; onOpen: (slug: string) => void }) {
  const { k } = text;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {k('info.title')}
      </h1>
      <p className="kiosk-intro">{k('info.intro')}</p>
      <TextNotice notices={noticesFor(topics)} text={text} />
      {topics.length === 0 ? (
        <p className="kiosk-intro">{k('info.empty')}</p>
      ) : (
        <ul className="kiosk-grid kiosk-topics" role="list" data-testid="kiosk-info-topics">
          {topics.map((topic) => (
            <Tile
              key={topic.slug}
              item={topic}
              onOpen={() => onOpen(topic.slug)}
              detail={<span className="kiosk-tile-detail">{k('info.pages', { count: topic.procedures.length + topic.faqs.length })}</span>}
            />
          ))}
        </ul>
      )}
    </>
  );
}

export function spokenTopics(topics: ReaderTopic[], text: InfoText): Spoken[] {
  return [
    { text: text.k('info.title'), lang: text.lang },
    { text: text.k('info.intro'), lang: text.lang },
    ...spokenNotices(noticesFor(topics), text),
    ...topics.map((t) => ({ text: t.content.title, lang: t.lang })),
  ];
}

/** One topic: its summary, its procedures and its questions. */
export function InfoTopic({
  topic,
  text,
  heading,
  onOpen,
  onTicket,
}: {
  topic: ReaderTopic;
  text: InfoText;
  heading: Ref<HTMLHeadingElement>;
  onOpen: (slug: string) => void;
  /** Take a ticket for the topic (the server picks the desk), when the topic has a network topic. */
  onTicket: (() => void) | null;
}) {
  const { k } = text;
  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...langOf(topic)}>
        {topic.content.title}
      </h1>
      <TextNotice notices={noticesFor([topic, ...topic.procedures, ...topic.faqs])} text={text} />
      <p className="kiosk-intro" {...langOf(topic)}>
        {topic.content.summary}
      </p>
      {topic.procedures.length > 0 && (
        <section aria-labelledby="kiosk-procedures">
          <h2 id="kiosk-procedures">{k('info.procedures')}</h2>
          <ul className="kiosk-grid kiosk-topics" role="list">
            {topic.procedures.map((p) => (
              <Tile key={p.slug} item={p} onOpen={() => onOpen(p.slug)} testId="kiosk-procedure" />
            ))}
          </ul>
        </section>
      )}
      {topic.faqs.length > 0 && (
        <section aria-labelledby="kiosk-questions">
          <h2 id="kiosk-questions">{k('info.questions')}</h2>
          <ul className="kiosk-grid kiosk-topics" role="list">
            {topic.faqs.map((f) => (
              <Tile key={f.slug} item={f} onOpen={() => onOpen(f.slug)} testId="kiosk-question" />
            ))}
          </ul>
        </section>
      )}
      {onTicket && (
        <div className="kiosk-nav">
          <button type="button" className="button kiosk-take" onClick={onTicket}>
            {k('info.ticketForTopic')}
          </button>
        </div>
      )}
    </>
  );
}

export function spokenTopic(topic: ReaderTopic, text: InfoText): Spoken[] {
  const { k, lang } = text;
  return [
    { text: topic.content.title, lang: topic.lang },
    ...spokenNotices(noticesFor([topic, ...topic.procedures, ...topic.faqs]), text),
    { text: topic.content.summary, lang: topic.lang },
    ...(topic.procedures.length ? [{ text: k('info.procedures'), lang }, ...topic.procedures.map((p) => ({ text: p.content.title, lang: p.lang }))] : []),
    ...(topic.faqs.length ? [{ text: k('info.questions'), lang }, ...topic.faqs.map((f) => ({ text: f.content.title, lang: f.lang }))] : []),
  ];
}

/** One procedure or answer in full; for a procedure, the desks of this centre that handle it, each with its ticket. */
export function InfoItem({
  item,
  desks,
  text,
  heading,
  busy,
  error,
  onTake,
  onWelcomeDesk,
  waitOf,
}: {
  item: ReaderItem;
  desks: WhereService[];
  text: InfoText;
  heading: Ref<HTMLHeadingElement>;
  busy: string | null;
  error: ReactNode;
  onTake: (service: WhereService) => void;
  onWelcomeDesk: () => void;
  /** The desk's expected wait (a clock and a range), when known. */
  waitOf?: (serviceId: string) => ReactNode;
}) {
  const { k } = text;
  const c = item.content;
  const attrs = langOf(item);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} {...attrs}>
        {c.title}
      </h1>
      <TextNotice notices={noticesFor([item])} text={text} />
      <div className="kiosk-article" {...attrs}>
        <p className="kiosk-lead">{c.summary}</p>
        {item.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {c.steps && c.steps.length > 0 && (
        <section aria-labelledby="kiosk-steps" className="kiosk-section">
          <h2 id="kiosk-steps">{k('info.steps')}</h2>
          <ol className="kiosk-steps" {...attrs}>
            {c.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </section>
      )}
      {c.documents && c.documents.length > 0 && (
        <section aria-labelledby="kiosk-documents" className="kiosk-section" data-testid="kiosk-documents">
          <h2 id="kiosk-documents">{k('info.documents')}</h2>
          <ul className="kiosk-documents" {...attrs}>
            {c.documents.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </section>
      )}
      {c.fees && (
        <section aria-labelledby="kiosk-fees" className="kiosk-section">
          <h2 id="kiosk-fees">{k('info.fees')}</h2>
          <p {...attrs}>{c.fees}</p>
        </section>
      )}
      {item.links.length > 0 && (
        <section aria-labelledby="kiosk-links" className="kiosk-section">
          <h2 id="kiosk-links">{k('info.links')}</h2>
          <ul className="kiosk-links">
            {item.links.map((l) => (
              <li key={l.url}>
                <span {...attrs}>{l.label}</span>{' '}
                <bdi dir="ltr" className="kiosk-url" translate="no">
                  {l.url.replace(/^https?:\/\//, '')}
                </bdi>
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.kind === 'procedure' && (
        <section aria-labelledby="kiosk-desks" className="kiosk-section kiosk-desks" data-testid="kiosk-desks">
          <h2 id="kiosk-desks">{k('desk.title')}</h2>
          {error}
          {desks.length > 0 ? (
            <>
              <p className="kiosk-intro">{k('desk.intro')}</p>
              <ul className="kiosk-desk-list" role="list">
                {desks.map((d) => (
                  <li key={d.id} className="kiosk-desk" data-prefix={d.ticketPrefix} data-service={d.code}>
                    <h3 className="kiosk-desk-name" id={`desk-${d.id}`}>
                      <bdi lang={d.nameLang} dir={textDirection(d.nameLang)}>
                        {d.name}
                      </bdi>
                    </h3>
                    {d.partner && (
                      <p className="kiosk-desk-partner">
                        <bdi lang={d.partnerLang} dir={textDirection(d.partnerLang)}>
                          {d.partner}
                        </bdi>
                      </p>
                    )}
                    <p className="kiosk-desk-prefix">{k('desk.prefix', { prefix: d.ticketPrefix })}</p>
                    {waitOf?.(d.id) && <p className="kiosk-desk-wait">{waitOf(d.id)}</p>}
                    <button
                      type="button"
                      id={`take-${d.id}`}
                      className="button kiosk-take"
                      aria-labelledby={`take-${d.id} desk-${d.id}`}
                      disabled={busy !== null}
                      aria-busy={busy === d.id || undefined}
                      onClick={() => onTake(d)}
                    >
                      {busy === d.id ? text.k('screens:kiosk.confirm.busy') : k('desk.take')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p className="kiosk-intro">{k('desk.notHere')}</p>
              <div className="kiosk-nav">
                <button type="button" className="button kiosk-take" onClick={onWelcomeDesk}>
                  {k('desk.welcome')}
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
}

export function spokenItem(item: ReaderItem, desks: WhereService[], text: InfoText): Spoken[] {
  const { k, lang } = text;
  const c = item.content;
  const at = (t: string) => ({ text: t, lang: item.lang });
  return [
    at(c.title),
    ...spokenNotices(noticesFor([item]), text),
    at(c.summary),
    ...item.paragraphs.map(at),
    ...(c.steps?.length ? [{ text: k('info.steps'), lang }, ...c.steps.map(at)] : []),
    ...(c.documents?.length ? [{ text: k('info.documents'), lang }, ...c.documents.map(at)] : []),
    ...(c.fees ? [{ text: k('info.fees'), lang }, at(c.fees)] : []),
    ...(item.kind === 'procedure' ? [{ text: k('desk.title'), lang }, { text: desks.length ? k('desk.intro') : k('desk.notHere'), lang }] : []),
  ];
}
