import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, del, patch, setUnauthorizedHandler } from '../api.ts';
import { Link, Redirect, match, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { SkipLink } from '../ui/layout.tsx';
import { LanguageSelect } from '../ui/LanguageSelect.tsx';
import { SecondFactor, SignIn } from './SignIn.tsx';
import { Enrol } from './Enrol.tsx';
import { Home } from './Home.tsx';
import { Account } from './Account.tsx';
import { MyCentre } from './MyCentre.tsx';
import { Admin } from '../admin/Admin.tsx';
import { DevicesPage } from '../admin/Devices.tsx';
import { Floor } from '../floor/Floor.tsx';
import { Children } from '../floor/Children.tsx';
import { PreSorting, CounterWorkstation, canOpen } from '../visit/index.ts';
import { CasefilePage, CasefileSearchPage, ExpiringPage, ReferralsPage } from '../casefile/index.ts';
import { StatsPage } from '../stats/StatsPage.tsx';
import { canOpenStats } from '../stats/model.ts';
import { AuditPage } from '../audit/AuditPage.tsx';
import { PlannerPage } from '../planner/PlannerPage.tsx';
import { canOpenPlanner } from '../planner/model.ts';
import { SurveysPage } from '../surveys/SurveysPage.tsx';
import { SURVEY_ROLES, hasAny } from '../surveys/model.ts';
import { KNOWLEDGE_ROLES, KnowledgeItemPage, KnowledgeNewItem, KnowledgeTranslationPage, KnowledgeWorklist, canEditKnowledge } from '../knowledge/index.ts';

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('app.loading')}</p>;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/app/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link href="/app/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

function Header() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const { path } = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  // On a narrow screen the navigation folds behind a Menu button; it folds again on every page change.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  const signedIn = session && session.mfa === 'ok';
  const signOut = async () => {
    try {
      await del('/api/session');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        setSignOutError(e instanceof Error ? e.message : String(e));
        return;
      }
    }
    setSession(null);
    navigate('/app/sign-in');
  };
  const saveLocale = (code: string) => {
    if (session) void patch('/api/me', { locale: code }).catch(() => undefined);
  };
  const navLink = (href: string, label: string, exact = false) => {
    const current = exact ? path === href : path.startsWith(href);
    return (
      <li>
        <Link href={href} aria-current={current ? 'page' : undefined}>
          {label}
        </Link>
      </li>
    );
  };
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href="/app/" className="brand">
          {t('app.name')}
        </Link>
        {signedIn && (
          <nav
            aria-label={t('nav.label')}
            className="main-nav"
            data-open={menuOpen ? 'true' : 'false'}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && menuOpen) {
                setMenuOpen(false);
                document.getElementById('menu-button')?.focus();
              }
            }}
          >
            <button type="button" id="menu-button" className="button secondary menu-button" aria-expanded={menuOpen} aria-controls="main-nav-list" onClick={() => setMenuOpen((open) => !open)}>
              {t('nav.menu')}
            </button>
            <ul id="main-nav-list">
              {navLink('/app/', t('nav.home'), true)}
              {session.user.roles.includes('network_admin') && navLink('/app/admin', t('surfaces.admin.title'))}
              {session.user.roles.includes('centre_manager') && navLink('/app/devices', t('surfaces.devices.title'))}
              {canOpen('presorting', session.user.roles) && !!session.user.centreId && navLink('/app/pre-sorting', t('surfaces.presorting.title'))}
              {canOpen('counter', session.user.roles) && !!session.user.centreId && navLink('/app/counter', t('surfaces.counter.title'))}
              {session.user.roles.includes('centre_manager') && !!session.user.centreId && navLink('/app/floor', t('surfaces.floor.title'))}
              {(session.user.roles.includes('childrens_room') || session.user.roles.includes('centre_manager')) && !!session.user.centreId && navLink('/app/children', t('surfaces.children.title'))}
              {canOpenStats(session.user) && navLink('/app/stats', t('surfaces.stats.title'))}
              {canOpenPlanner(session.user) && navLink('/app/planner', t('surfaces.planner.title'))}
              {canOpen('casefile', session.user.roles) && navLink('/app/casefile', t('surfaces.casefile.title'))}
              {canOpen('referrals', session.user.roles) && navLink('/app/referrals', t('surfaces.referrals.title'))}
              {canOpen('audit', session.user.roles) && navLink('/app/audit', t('surfaces.audit.title'))}
              {KNOWLEDGE_ROLES.some((r) => session.user.roles.includes(r)) && navLink('/app/knowledge', t('surfaces.knowledge.title'))}
              {hasAny(session.user.roles, SURVEY_ROLES) && navLink('/app/surveys', t('surfaces.surveys.title'))}
              {navLink('/app/account', t('nav.account'))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <LanguageSelect onChange={saveLocale} />
          {signedIn && (
            <>
              <bdi className="who">{session.user.displayName}</bdi>
              <button type="button" className="button secondary" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
      {signOutError && (
        <p className="field-error" role="alert">
          {signOutError}
        </p>
      )}
    </header>
  );
}

function Routes() {
  const { path } = useLocation();
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  if (path === '/app/sign-in') {
    if (session?.mfa === 'enrolment_required') return <Redirect to="/app/enrol" />;
    if (session?.mfa === 'code_required') return <Redirect to="/app/second-factor" />;
    return <SignIn />;
  }
  if (!session) return <Redirect to="/app/sign-in" />;
  if (path === '/app/enrol') return <Enrol />;
  if (path === '/app/second-factor') return <SecondFactor />;
  if (session.mfa === 'enrolment_required') return <Redirect to="/app/enrol" />;
  if (session.mfa === 'code_required') return <Redirect to="/app/second-factor" />;
  const roles = session.user.roles;
  const guard = (ok: boolean, page: ReactNode) => (ok ? page : <Forbidden />);
  if (path === '/app' || path === '/app/') return <Home />;
  if (path === '/app/account') return <Account />;
  if (path === '/app/admin' || path.startsWith('/app/admin/')) return guard(roles.includes('network_admin'), <Admin />);
  if (path === '/app/devices') return guard(roles.includes('centre_manager') && !!session.user.centreId, <DevicesPage />);
  if (path === '/app/centre') return guard(!!session.user.centreId, <MyCentre />);
  if (path === '/app/floor') return guard(roles.includes('centre_manager') && !!session.user.centreId, <Floor />);
  if (path === '/app/children') return guard((roles.includes('childrens_room') || roles.includes('centre_manager')) && !!session.user.centreId, <Children />);
  if (path === '/app/stats') return guard(canOpenStats(session.user), <StatsPage />);
  if (path === '/app/pre-sorting') return guard(canOpen('presorting', roles) && !!session.user.centreId, <PreSorting />);
  if (path === '/app/counter') return guard(canOpen('counter', roles) && !!session.user.centreId, <CounterWorkstation />);
  if (path === '/app/casefile' || path === '/app/casefile/') return guard(canOpen('casefile', roles), <CasefileSearchPage />);
  if (path === '/app/casefile/expiring') return guard(canOpen('casefile', roles), <ExpiringPage />);
  if (path.startsWith('/app/casefile/')) return guard(canOpen('casefile', roles), <CasefilePage key={path} personId={decodeURIComponent(path.slice('/app/casefile/'.length))} />);
  if (path === '/app/referrals') return guard(canOpen('referrals', roles), <ReferralsPage />);
  if (path === '/app/audit') return guard(canOpen('audit', roles), <AuditPage />);
  if (path === '/app/planner') return guard(canOpenPlanner(session.user), <PlannerPage />);
  if (path === '/app/surveys') return guard(hasAny(roles, SURVEY_ROLES), <SurveysPage />);
  // Information and translations: every staff member reads; editors and translators get the forms.
  if (path === '/app/knowledge' || path === '/app/knowledge/') return <KnowledgeWorklist />;
  if (path === '/app/knowledge/new') return guard(canEditKnowledge(roles), <KnowledgeNewItem />);
  const knowledgeItem = match('/app/knowledge/:id', path);
  if (knowledgeItem) return <KnowledgeItemPage key={path} id={knowledgeItem.id!} />;
  const knowledgeText = match('/app/knowledge/:id/:locale', path);
  if (knowledgeText) return <KnowledgeTranslationPage key={path} id={knowledgeText.id!} locale={knowledgeText.locale!} />;
  return <NotFound />;
}

export function StaffApp() {
  const { setSession } = useSession();
  const { path } = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setSession(null);
      navigate('/app/sign-in');
    });
    return () => setUnauthorizedHandler(null);
  }, [setSession]);
  // Move focus to the main region on navigation, so screen readers start at the new page.
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement && document.activeElement !== document.body) main.focus({ preventScroll: false });
  }, [path]);
  return (
    <>
      <SkipLink />
      <Header />
      <main id="main" tabIndex={-1} className="page">
        <Routes />
      </main>
    </>
  );
}
