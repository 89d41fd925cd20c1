import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { Type } from 'typebox';
import { paragraphs } from '../../../core/knowledge/content.ts';
import { CLIENT_LANGUAGES, negotiateLanguage } from '../../../core/languages.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import type { App } from '../../http/types.ts';
import { hasTranslation, translator } from '../../i18n.ts';
import * as reader from '../knowledge/reader.ts';
import { publicCentres, publicQueues } from './centres.ts';
import { renderPage, type PageContext, type SiteBrand } from './layout.tsx';
import { getStatement, siteBrand } from '../branding/service.ts';
import { AccessibilityPage, CentrePage, CentresPage, ChecklistPage, HomePage, ItemPage, itemPath, LanguagesPage, NotFoundPage, SearchPage, TopicPage } from './pages.tsx';

const CSS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'site.css'));
/** The reader's explicit choice of language, remembered for the next visit to "/". */
export const LANGUAGE_COOKIE = 'balcao_lang';
const ONE_YEAR = 365 * 24 * 3600;
/** Results on one search page: more than the whole CNAI content, so the count shown is the count found. */
const SEARCH_PAGE_LIMIT = 100;
/** Site paths a language switch may return to: the site's own, nothing else (no open redirect). */
const SITE_PATH = /^\/[a-z0-9/-]*$/;


/**
 * The public website, the "virtual one-stop shop": server-rendered pages per language under
 * /<locale>/, readable without JavaScript, one small stylesheet, no cookies unless the reader picks
 * a language.
 */
export function publicSiteRoutes(app: App, ctx: AppContext): void {
  // The network's branding (the same for every reader), read before each page is drawn.
  let brand: SiteBrand | undefined;
  const pageContext = (locale: string, path: string): PageContext => ({ locale, t: translator(locale, 'site'), path, uiFallback: !hasTranslation(locale, 'site'), brand });
  // Client-facing: an error (a malformed address) comes in the reader's language.
  const config = { action: 'public.read', clientFacing: true } as const;
  const send = (reply: FastifyReply, element: ReactNode, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      // Waiting times change; pages are small, so readers always get them fresh.
      .header('cache-control', 'no-cache')
      .send(renderPage(element));

  app.get('/', { config, schema: { hide: true } }, async (req, reply) => {
    const chosen = req.cookies[LANGUAGE_COOKIE];
    const locale = chosen && (CLIENT_LANGUAGES as readonly string[]).includes(chosen) ? chosen : negotiateLanguage(req.headers['accept-language'], CLIENT_LANGUAGES, 'pt-PT');
    return reply.header('vary', 'Accept-Language, Cookie').redirect(`/${locale}/`);
  });

  app.get(
    '/site/language',
    { config, schema: { hide: true, querystring: Type.Object({ to: Type.Optional(Type.String({ maxLength: 10 })), next: Type.Optional(Type.String({ maxLength: 300 })) }) } },
    async (req, reply) => {
      const { to, next } = req.query;
      if (!to || !(CLIENT_LANGUAGES as readonly string[]).includes(to)) return reply.redirect('/');
      reply.setCookie(LANGUAGE_COOKIE, to, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true, secure: ctx.config.secureCookies });
      return reply.redirect(`/${to}${next && SITE_PATH.test(next) ? next : '/'}`);
    },
  );

  app.get('/site/site.css', { config, schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

  for (const locale of CLIENT_LANGUAGES) {
    const base = `/${locale}`;
    const notFound = async (reply: FastifyReply, path: string) => {
      brand = await siteBrand(ctx);
      return send(reply, <NotFoundPage pc={pageContext(locale, path)} />, 404);
    };
    /** Runs a page, turning "no such item" into the site's own 404 page. */
    const page = (render: (req: FastifyRequest) => Promise<ReactNode>) => async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        brand = await siteBrand(ctx);
        return send(reply, await render(req));
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return notFound(reply, new URL(req.url, 'http://x').pathname.slice(base.length));
        throw err;
      }
    };
    // Loose on purpose: a mangled address gets the site's own 404 page, in the page's language.
    const slugParams = Type.Object({ slug: Type.String({ maxLength: 2000 }) });

    app.get(base, { config, schema: { hide: true } }, async (_req, reply) => reply.redirect(`${base}/`));
    app.get(
      `${base}/`,
      { config, schema: { hide: true } },
      page(async () => <HomePage pc={pageContext(locale, '/')} topics={await reader.topics(ctx, locale)} centres={await publicCentres(ctx)} />),
    );
    app.get(
      `${base}/topics/:slug`,
      { config, schema: { hide: true, params: slugParams } },
      page(async (req) => {
        const { slug } = req.params as { slug: string };
        const topic = (await reader.topics(ctx, locale)).find((t) => t.slug === slug);
        if (!topic) throw new AppError(404, 'knowledge_not_found');
        return <TopicPage pc={pageContext(locale, `/topics/${slug}`)} topic={{ ...topic, paragraphs: paragraphs(topic.content.body) }} />;
      }),
    );
    for (const [segment, kind] of [
      ['procedures', 'procedure'],
      ['questions', 'faq'],
    ] as const) {
      app.get(
        `${base}/${segment}/:slug`,
        { config, schema: { hide: true, params: slugParams } },
        page(async (req) => {
          const item = await reader.item(ctx, locale, (req.params as { slug: string }).slug);
          if (item.kind !== kind) throw new AppError(404, 'knowledge_not_found');
          return <ItemPage pc={pageContext(locale, itemPath(item))} item={item} />;
        }),
      );
    }
    app.get(
      `${base}/procedures/:slug/checklist`,
      { config, schema: { hide: true, params: slugParams } },
      page(async (req) => {
        const item = await reader.item(ctx, locale, (req.params as { slug: string }).slug);
        if (item.kind !== 'procedure') throw new AppError(404, 'knowledge_not_found');
        return <ChecklistPage pc={pageContext(locale, `${itemPath(item)}/checklist`)} item={item} />;
      }),
    );
    app.get(
      `${base}/search`,
      { config, schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) }) } },
      page(async (req) => {
        // Long input is cut rather than refused: a reader pasting a paragraph still gets results.
        const q = (req.query as { q?: string | string[] }).q;
        const query = (Array.isArray(q) ? q.join(' ') : (q ?? '')).slice(0, 200);
        const results = query.trim() ? (await reader.search(ctx, locale, query, SEARCH_PAGE_LIMIT)).items : [];
        // Nothing found: the page suggests topics and the centres, so it reads them only then.
        const [topics, centres] = query.trim() && results.length === 0 ? await Promise.all([reader.topics(ctx, locale), publicCentres(ctx)]) : [[], []];
        return <SearchPage pc={pageContext(locale, '/search')} query={query} results={results} topics={topics} centres={centres} />;
      }),
    );
    app.get(
      `${base}/centres`,
      { config, schema: { hide: true } },
      page(async () => <CentresPage pc={pageContext(locale, '/centres')} centres={await publicCentres(ctx)} />),
    );
    app.get(
      `${base}/centres/:code`,
      { config, schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 2000 }) }) } },
      page(async (req) => {
        const { code } = req.params as { code: string };
        const centre = (await publicCentres(ctx)).find((c) => c.code === code);
        const queues = centre ? await publicQueues(ctx, code, locale) : null;
        if (!centre || !queues) throw new AppError(404, 'centre_not_found');
        return <CentrePage pc={pageContext(locale, `/centres/${code}`)} centre={centre} queues={queues} />;
      }),
    );
    app.get(
      `${base}/languages`,
      { config, schema: { hide: true, querystring: Type.Object({ from: Type.Optional(Type.String()) }) } },
      page(async (req) => {
        const from = (req.query as { from?: string }).from;
        return <LanguagesPage pc={pageContext(locale, '/languages')} from={from && SITE_PATH.test(from) ? from : '/'} />;
      }),
    );
    app.get(
      `${base}/accessibility`,
      { config, schema: { hide: true } },
      page(async () => <AccessibilityPage pc={pageContext(locale, '/accessibility')} statement={await getStatement(ctx)} />),
    );
    app.get(`${base}/*`, { config, schema: { hide: true } }, async (req, reply) => notFound(reply, new URL(req.url, 'http://x').pathname.slice(base.length)));
  }
}
