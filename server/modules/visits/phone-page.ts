import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import { languageInfo, textDirection } from '../../../core/languages.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { escapeHtml, localized } from '../../http/html.ts';
import type { App } from '../../http/types.ts';
import { CLIENT_LOCALES, clientMessageTranslator, isMachineTranslated, negotiateLocale, translator } from '../../i18n.ts';
import { phoneView, type PhoneView } from './queues.ts';
import { invitationForTicketLink } from '../surveys/service.ts';
import { surveyInviteHtml } from '../surveys/pages.tsx';
import { withinFiveInTen } from './wait-accuracy.ts';
import { alertStateForToken, requestTurnAlert, stopTurnAlerts, type AlertState } from '../turn-alerts/service.ts';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');
const asset = (name: string) => readFileSync(join(publicDir, name));

/**
 * The page's language: the one asked for in ?lang=, else the one the client chose for the visit
 * (or, without a visit, their phone's Accept-Language), when the page is written in it (a client
 * locale); else English, with a notice saying so.
 */
function pageLanguage(requested: string | undefined, wanted: string): { lang: string; fallback: boolean } {
  const lang = requested && languageInfo(requested) ? requested : wanted;
  if (CLIENT_LOCALES.includes(lang)) return { lang, fallback: false };
  return { lang: 'en', fallback: true };
}

function statusLine(view: PhoneView, t: ReturnType<typeof translator>): string {
  const c = view.current;
  if (!c) {
    const last = view.tickets.at(-1);
    return last?.status === 'no_show' ? t('phone.status.noShow') : t('phone.status.done');
  }
  switch (c.status) {
    case 'called':
      return t('phone.status.called', { counter: c.counterNumber });
    case 'serving':
      return t('phone.status.serving', { counter: c.counterNumber });
    case 'parked':
      return t('phone.status.parked', { counter: c.counterNumber });
    default: {
      const ahead = Math.max(0, (c.position ?? 1) - 1);
      const line = ahead === 0 ? t('phone.status.next') : t('phone.status.waiting', { count: ahead });
      // A range from the estimate's measured error, not a false precision.
      if (ahead === 0 || c.expectedWaitMinutes == null) return line;
      return c.expectedWaitRange
        ? `${line} ${t('phone.status.estimateRange', { low: c.expectedWaitRange[0], high: c.expectedWaitRange[1] })}`
        : `${line} ${t('phone.status.estimate', { count: c.expectedWaitMinutes })}`;
    }
  }
}

/** The part that changes: re-rendered and swapped in by phone.js when the visit or queue moves. */
function ticketFragment(view: PhoneView, token: string, lang: string, survey = ''): string {
  const t = translator(lang, 'client');
  const c = view.current;
  const shown = c?.number ?? view.tickets.at(-1)?.number ?? '';
  const status = c?.status ?? 'done';
  const journey = view.tickets
    .map((tk) => {
      const where = tk.counterNumber != null && ['called', 'serving', 'done'].includes(tk.status) ? ` — ${escapeHtml(t('phone.atCounter', { counter: tk.counterNumber }))}` : '';
      return `<li><strong>${escapeHtml(tk.number)}</strong> ${escapeHtml(localized(tk.serviceName, lang))}: ${escapeHtml(t(`phone.ticketStatus.${tk.status}`))}${where}</li>`;
    })
    .join('');
  return `<main id="ticket" data-token="${escapeHtml(token)}" data-status="${escapeHtml(status)}">
<section class="card${status === 'called' ? ' called' : ''}" aria-labelledby="your-ticket">
<h2 id="your-ticket">${escapeHtml(t('phone.yourTicket'))}</h2>
<p class="number">${escapeHtml(shown)}</p>
<p class="status" role="status" aria-live="assertive">${escapeHtml(statusLine(view, t))}</p>
${c?.status === 'waiting' && c.expectedWaitRange && (c.position ?? 1) > 1 ? `<p class="accuracy">${escapeHtml(t('phone.accuracy', { count: withinFiveInTen() }))}</p>` : ''}
</section>
<section class="card" aria-labelledby="journey"><h2 id="journey">${escapeHtml(t('phone.journey'))}</h2><ol>${journey}</ol></section>
${survey}</main>`;
}

/**
 * "Tell me when my turn is near": a plain form (no JavaScript needed) outside the live fragment, so
 * an update never wipes what the client is typing. Shown while a ticket waits or messages are on.
 */
function alertsSection(token: string, lang: string, state: AlertState, form: { error?: string; value?: string } = {}): string {
  const t = translator(lang, 'client');
  const action = `/t/${encodeURIComponent(token)}/alerts?lang=${encodeURIComponent(lang)}`;
  const inner = state.sms
    ? `<p role="status">${escapeHtml(t('phone.alerts.active', { phone: state.sms }))}</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="stop" value="1"><button type="submit" class="secondary">${escapeHtml(t('phone.alerts.stop'))}</button></form>`
    : `<p>${escapeHtml(t('phone.alerts.intro'))}</p>
<form method="post" action="${escapeHtml(action)}" novalidate>
<label for="alert-phone">${escapeHtml(t('phone.alerts.phone'))}</label>
<input id="alert-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" dir="ltr" maxlength="32" required value="${escapeHtml(form.value ?? '')}"${form.error ? ' aria-invalid="true" aria-describedby="alert-error"' : ''}>
${form.error ? `<p id="alert-error" class="error">${escapeHtml(form.error)}</p>` : ''}
<button type="submit">${escapeHtml(t('phone.alerts.submit'))}</button>
</form>`;
  return `<section class="card alerts" id="alerts" aria-labelledby="alerts-title"><h2 id="alerts-title">${escapeHtml(t('phone.alerts.title'))}</h2>
${inner}</section>`;
}

function page(lang: string, title: string, body: string, fallbackNotice: string | null, footer: string[], machineNotice: string | null = null): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/phone.css">
<noscript><meta http-equiv="refresh" content="30"></noscript>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${fallbackNotice ? `<p class="notice">${escapeHtml(fallbackNotice)}</p>` : ''}</header>
${body}
<footer>${footer.map((f) => `<p>${escapeHtml(f)}</p>`).join('')}${machineNotice ? `<p class="machine-translated">${escapeHtml(machineNotice)}</p>` : ''}</footer>
<script src="/static/phone.js" defer></script>
</body>
</html>`;
}

/** The discreet "translated by a computer, not yet checked" line, where the page's text is so. */
const machineNotice = (lang: string, t: ReturnType<typeof translator>) => (isMachineTranslated(lang, 'client') ? t('phone.machineTranslated') : null);

/** The phone page behind the ticket's QR code: server-rendered, readable without JavaScript, a few KB. */
export function phonePageRoutes(app: App, ctx: AppContext): void {
  /** The whole page (or its live fragment), with the alerts form in the state given. */
  async function phonePage(token: string, requestedLang: string | undefined, acceptLanguage: string | undefined, options: { fragmentOnly?: boolean; alertForm?: { error?: string; value?: string } } = {}): Promise<{ status: number; html: string }> {
    let view: PhoneView;
    try {
      view = await phoneView(ctx, token);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const visitLanguage = typeof err.vars.language === 'string' ? err.vars.language : null;
      const { lang } = pageLanguage(requestedLang, visitLanguage ?? negotiateLocale(acceptLanguage, 'en', CLIENT_LOCALES));
      const t = translator(lang, 'client');
      // 410 Gone for a link past its visit's day: it existed and has ended, as the page says.
      const expired = err.code === 'ticket_link_expired';
      // The printed ticket's QR code still leads to the satisfaction survey for its 7 days.
      const survey = expired ? surveyInviteHtml(await invitationForTicketLink(ctx, token), lang) : '';
      const main = `<main id="ticket" data-status="${expired ? 'expired' : 'invalid'}"><p class="card">${escapeHtml(t(expired ? 'phone.expired' : 'phone.invalid'))}</p>${survey}</main>`;
      const status = expired ? 410 : 404;
      // An open page asking for its fragment learns the link has ended and shows it (phone.js).
      if (options.fragmentOnly) return { status, html: main };
      return { status, html: page(lang, t('phone.yourTicket'), main, null, [], machineNotice(lang, t)) };
    }
    const { lang, fallback } = pageLanguage(requestedLang, view.language);
    // Once the visit is over (after its last desk), the satisfaction survey is offered here.
    const survey = view.current ? '' : surveyInviteHtml(await invitationForTicketLink(ctx, token), lang);
    const fragment = ticketFragment(view, token, lang, survey);
    if (options.fragmentOnly) return { status: 200, html: fragment };
    const t = translator(lang, 'client');
    const alertState = view.current ? await alertStateForToken(ctx, token) : null;
    const alerts = alertState && (view.current?.status === 'waiting' || alertState.sms) ? alertsSection(token, lang, alertState, options.alertForm) : '';
    return {
      status: options.alertForm?.error ? 400 : 200,
      html: page(lang, t('phone.title', { centre: view.centre.name }), fragment + alerts, fallback ? t('phone.fallbackNotice') : null, [...(view.current ? [t('phone.updates')] : []), t('phone.privacy')], machineNotice(lang, t)),
    };
  }

  app.get(
    '/t/:token',
    {
      config: { action: 'public.read', clientFacing: true },
      schema: {
        hide: true,
        params: Type.Object({ token: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })), fragment: Type.Optional(Type.String({ maxLength: 1 })) }),
      },
    },
    async (req, reply) => {
      // same-origin, not no-referrer: a form posted from the page must carry its Origin (a
      // no-referrer page sends "Origin: null", which the same-origin check refuses).
      reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8');
      const { status, html } = await phonePage(req.params.token, req.query.lang, req.headers['accept-language'], { fragmentOnly: Boolean(req.query.fragment) });
      return reply.status(status).send(html);
    },
  );

  void app.register(async (scope) => {
    // The alerts form is a plain HTML form: application/x-www-form-urlencoded, read here only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.post(
      '/t/:token/alerts',
      {
        config: { action: 'public.read', clientFacing: true },
        schema: {
          hide: true,
          params: Type.Object({ token: Type.String({ maxLength: 64 }) }),
          querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
          body: Type.Object({ phone: Type.Optional(Type.String({ maxLength: 64 })), stop: Type.Optional(Type.String({ maxLength: 1 })) }),
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
        // Validated by the schema above (a plugin scope does not carry the type provider).
        const { token } = req.params as { token: string };
        const query = req.query as { lang?: string };
        const body = req.body as { phone?: string; stop?: string };
        const requested = query.lang && CLIENT_LOCALES.includes(query.lang) ? query.lang : undefined;
        const back = `/t/${encodeURIComponent(token)}${requested ? `?lang=${encodeURIComponent(requested)}` : ''}#alerts`;
        try {
          if (body.stop) await stopTurnAlerts(ctx, token);
          else {
            const view = await phoneView(ctx, token);
            await requestTurnAlert(ctx, token, { channel: 'sms', to: body.phone ?? '', locale: pageLanguage(requested, view.language).lang });
          }
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code !== 'validation' && err.code !== 'visit_closed') {
            // A link that is invalid or has ended: the page says so.
            const { status, html } = await phonePage(token, requested, req.headers['accept-language']);
            return reply.status(status).type('text/html; charset=utf-8').send(html);
          }
          const view = await phoneView(ctx, token).catch(() => null);
          const lang = pageLanguage(requested, view?.language ?? 'en').lang;
          const t = clientMessageTranslator(lang);
          const field = Object.values(err.fields)[0];
          const error = field ? t(`fields.${field}`) : t(`errors.${err.code}`);
          const { html } = await phonePage(token, requested, req.headers['accept-language'], { alertForm: { error, value: body.phone ?? '' } });
          return reply.status(400).type('text/html; charset=utf-8').send(html);
        }
        // Post/redirect/get: a reload does not post again.
        return reply.redirect(back, 303);
      },
    );
  });

  for (const [file, type] of [
    ['phone.js', 'text/javascript; charset=utf-8'],
    ['phone.css', 'text/css; charset=utf-8'],
  ] as const) {
    const body = asset(file);
    app.get(`/static/${file}`, { config: { action: 'public.read' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(body),
    );
  }
}
