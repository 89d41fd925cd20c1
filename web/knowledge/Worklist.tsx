import { useTranslation } from 'react-i18next';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useGet } from '../ui/useApi.ts';
import { InLanguage, StatusBadge } from './fields.tsx';
import { LANGUAGE_CODES, LIST_URL, PAGE, STATUS_FILTERS, canEdit, endonym, itemPage, statusMatches, translationPage, type EditorList, type StatusFilter } from './model.ts';
import './knowledge.css';

/** Reads the worklist's filters from the address, so a filtered list can be bookmarked and shared. */
function useFilters(): { lang: string; status: StatusFilter; set(next: { lang?: string; status?: StatusFilter }): void } {
  const { search } = useLocation();
  const lang = LANGUAGE_CODES.includes(search.get('lang') ?? '') ? search.get('lang')! : '';
  const status = (STATUS_FILTERS as readonly string[]).includes(search.get('status') ?? '') ? (search.get('status') as StatusFilter) : 'all';
  const set = (next: { lang?: string; status?: StatusFilter }) => {
    const params = new URLSearchParams(location.search);
    const l = next.lang ?? lang;
    const s = next.status ?? status;
    if (l) params.set('lang', l);
    else params.delete('lang');
    if (s !== 'all') params.set('status', s);
    else params.delete('status');
    const query = params.toString();
    navigate(`${PAGE}${query ? `?${query}` : ''}`, { replace: true });
  };
  return { lang, status, set };
}

/** /app/knowledge: every item × every client language, with each translation's state; filter to what needs work. */
export function KnowledgeWorklist() {
  const { t } = useTranslation('knowledge');
  const { session } = useSession();
  const { data, error } = useGet<EditorList>(LIST_URL);
  const { lang, status, set } = useFilters();
  const roles = session?.user.roles ?? [];
  const languages = lang ? [lang] : (data?.locales ?? LANGUAGE_CODES);
  const rows = (data?.items ?? []).filter((row) => (lang ? statusMatches(row.statuses[lang], status) : status === 'all' || languages.some((l) => statusMatches(row.statuses[l], status))));
  const topicTitles = new Map((data?.items ?? []).filter((r) => r.kind === 'topic').map((r) => [r.slug, r]));

  return (
    <div className="kb">
      <h1>{t('title')}</h1>
      <p>{t('worklist.intro')}</p>
      {canEdit(roles) && (
        <p>
          <Link href={`${PAGE}/new`} className="button">
            {t('worklist.newItem')}
          </Link>
        </p>
      )}
      <form className="toolbar kb-filters" role="search" aria-label={t('worklist.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field inline">
          <label htmlFor="kb-filter-lang">{t('worklist.language')}</label>
          <select id="kb-filter-lang" value={lang} onChange={(e) => set({ lang: e.target.value })}>
            <option value="">{t('worklist.allLanguages')}</option>
            {(data?.locales ?? LANGUAGE_CODES).map((code) => (
              <option key={code} value={code} lang={code}>
                {endonym(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="kb-filter-status">{t('worklist.status')}</label>
          <select id="kb-filter-status" value={status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`filters.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <p role="alert">{error.message}</p>}
      <p className="result-count" aria-live="polite" data-testid="kb-count">
        {data ? t('worklist.count', { count: rows.length, total: data.items.length }) : t('loading')}
      </p>
      {data && (
        <div className="table-wrap">
          <table className="kb-worklist" data-testid="kb-worklist">
            <caption>
              {lang ? (
                <>
                  {t('worklist.captionIn')} <span lang={lang}>{endonym(lang)}</span>
                </>
              ) : (
                t('worklist.caption')
              )}
              {status !== 'all' && ` — ${t(`filters.${status}`)}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.title')}</th>
                <th scope="col">{t('fields.kind')}</th>
                <th scope="col">{t('fields.topic')}</th>
                <th scope="col">{t('fields.published')}</th>
                {languages.map((code) => (
                  <th scope="col" key={code} lang={code} dir="auto">
                    {endonym(code)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={4 + languages.length}>{t('worklist.empty')}</td>
                </tr>
              ) : (
                rows.map((row) => {
                  const topic = row.topic ? topicTitles.get(row.topic) : undefined;
                  return (
                    <tr key={row.id} data-slug={row.slug}>
                      <th scope="row">
                        <Link href={itemPage(row.id)}>
                          <InLanguage lang={row.sourceLocale} as="span">
                            {row.title}
                          </InLanguage>
                        </Link>
                      </th>
                      <td>{t(`kinds.${row.kind}`)}</td>
                      <td>
                        {topic ? (
                          <InLanguage lang={topic.sourceLocale} as="span">
                            {topic.title}
                          </InLanguage>
                        ) : (
                          t('worklist.noTopic')
                        )}
                      </td>
                      <td>{row.published ? t('worklist.yes') : t('worklist.no')}</td>
                      {languages.map((code) => {
                        const s = row.statuses[code] ?? 'missing';
                        return (
                          <td key={code} data-lang={code}>
                            {code === row.sourceLocale ? (
                              <span className="kb-status kb-status-source" data-status={s}>
                                <span aria-hidden="true">★</span> {t('status.source')}
                              </span>
                            ) : (
                              <Link href={translationPage(row.id, code)} aria-label={t('worklist.openTranslation', { status: t(`status.${s}`), language: endonym(code), title: row.title })}>
                                <StatusBadge status={s} />
                              </Link>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
