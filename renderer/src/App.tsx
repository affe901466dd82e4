import { Alert, Box, Button, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerCard } from './features/customers/CustomerCard';
import { AppShell } from './features/shell/AppShell';
import { PAGE_TABLE, type PageEntry } from './pages';
import { SignInScreen } from './features/auth/SignInScreen';
import { RecoveryScreen } from './features/auth/RecoveryScreen';
import { FirstRunScreen } from './features/branch/FirstRunScreen';
import { SessionContext, sessionOf, useSession } from './lib/session';
import type { SignedIn } from '../../shared/schemas/auth';
import { saveLanguage, type Language } from './i18n';
import { DATABASE_DOUBTED_EVENT, errorText, invoke, SIGNED_OUT_EVENT } from './lib/api';
import { useHashRoute } from './lib/useHashRoute';
import { useInvoke } from './lib/useInvoke';
import { MoneyUnitProvider } from './lib/money';
import { createAppTheme } from './theme';
import { cardSectionOf } from './features/customers/cardSection';

/** Signs this window out; the sign-in screen follows. */
function signOut(): void {
  void invoke('auth.signOut', {}).finally(() => window.dispatchEvent(new Event(SIGNED_OUT_EVENT)));
}

/** The app: the sign-in screen until someone is signed in on this window (again after the idle lock), then the workbench. */
export function App() {
  const { t, i18n } = useTranslation();
  const language = (i18n.language === 'en' ? 'en' : 'zh-CN') as Language;
  const theme = useMemo(() => createAppTheme(language), [language]);
  const status = useInvoke('auth.status', {});
  const [signedIn, setSignedIn] = useState<SignedIn | null>(null);
  const { reload } = status;
  useEffect(() => {
    const signedOut = () => {
      setSignedIn(null);
      reload();
    };
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    window.addEventListener(DATABASE_DOUBTED_EVENT, reload);
    return () => {
      window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
      window.removeEventListener(DATABASE_DOUBTED_EVENT, reload);
    };
  }, [reload]);
  // While the file is checked, ask again until it is known sound (or damaged).
  const database = status.data?.database.state ?? null;
  useEffect(() => {
    if (database !== 'checking') return;
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [database, reload]);
  const switchLanguage = () => {
    const next: Language = language === 'en' ? 'zh-CN' : 'en';
    saveLanguage(next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };
  const staff = signedIn ?? (status.current ? (status.data?.staff ?? null) : null);
  // Idle lock on the screen too: after the idle minutes without a key or the mouse, back to the sign-in screen
  // (main locks the session itself after as long without a call).
  const idleMinutes = status.data?.idleMinutes ?? null;
  const signedInCode = staff?.code ?? null;
  useEffect(() => {
    if (signedInCode === null || idleMinutes === null) return;
    let timer = 0;
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(signOut, idleMinutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, restart, { passive: true });
    restart();
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, restart);
    };
  }, [signedInCode, idleMinutes]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {database === 'checking' && (
        <Alert severity="info" sx={{ borderRadius: 0 }} data-testid="database-checking">
          {t('auth.checking')}
        </Alert>
      )}
      {database === 'new' ? (
        <FirstRunScreen onCreated={reload} onSwitchLanguage={switchLanguage} />
      ) : database === 'damaged' ? (
        <RecoveryScreen
          onRestored={() => {
            setSignedIn(null);
            reload();
          }}
        />
      ) : staff ? (
        <SessionContext.Provider value={sessionOf(staff)}>
          <MoneyUnitProvider key={staff.code} staffCode={staff.code}>
            <Workbench onSwitchLanguage={switchLanguage} onSignOut={signOut} />
          </MoneyUnitProvider>
        </SessionContext.Provider>
      ) : status.data ? (
        <SignInScreen status={status.data} onSignedIn={setSignedIn} onSwitchLanguage={switchLanguage} />
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 4 }}>
          <CircularProgress size={24} />
        </Box>
      )}
    </ThemeProvider>
  );
}

function Workbench({ onSwitchLanguage, onSignOut }: { onSwitchLanguage(): void; onSignOut(): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { staff, can } = useSession();
  const info = useInvoke('app.info', {});
  const [month, setMonth] = useState<string | null>(null);
  const [route, navigate] = useHashRoute();
  // Bumped when rules are saved, so views derived from tiers load afresh.
  const [rulesVersion, setRulesVersion] = useState(0);
  // Bumped when the card saves a contact, an action or an outcome, so the lists behind it reload.
  const [retentionVersion, setRetentionVersion] = useState(0);

  const dataMonth = month ?? info.data?.latestMonth ?? null;
  // A relationship manager lands on today's workbench; everyone else on the tier overview.
  const [first, second] = route.segments;
  const offered = PAGE_TABLE.filter((p) => can(p.channel));
  // A branch with no customers yet lands on 开始使用, for whoever may import.
  const starting = info.data?.customerCount === 0 && can('setup.checklist');
  const landing = starting ? 'start' : staff.role === 'manager' ? 'today' : 'tiers';
  const page: PageEntry =
    offered.find((p) => p.route === first) ?? offered.find((p) => p.route === landing) ?? PAGE_TABLE[0];
  const openCustomer = page.cards && second ? second : null;
  const withQuery = (path: string) => `${path}${route.query ? `?${route.query}` : ''}`;
  // A customer found by the search opens over the screen shown when its lists open cards, else over the list.
  const openCustomerFromSearch = (no: string) =>
    navigate(
      `${page.cards ? withQuery(`${page.route}/${encodeURIComponent(no)}`) : `customers/${encodeURIComponent(no)}`}`,
    );

  let content: React.ReactNode;
  if (info.error) {
    content = (
      <Alert severity="error" action={<Button onClick={info.reload}>{t('app.retry')}</Button>} sx={{ m: 3 }}>
        {t('app.loadFailed')}：{errorText(info.error, language)}
      </Alert>
    );
  } else if (!info.data) {
    content = (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 4 }}>
        <CircularProgress size={24} /> {t('app.loading')}
      </Box>
    );
  } else {
    content = (
      <>
        {page.render({
          info: info.data,
          month: dataMonth,
          query: route.query,
          rulesVersion,
          retentionVersion,
          openCustomer: (no, section) =>
            navigate(withQuery(`${page.route}/${encodeURIComponent(no)}${section ? `/${section}` : ''}`)),
          rulesChanged: () => setRulesVersion((v) => v + 1),
          retentionChanged: () => setRetentionVersion((v) => v + 1),
          imported: () => {
            info.reload();
            setRulesVersion((v) => v + 1);
          },
        })}
        <CustomerCard
          customerNo={openCustomer}
          section={openCustomer ? cardSectionOf(route.segments[2]) : null}
          month={dataMonth}
          latestMonth={info.data.latestMonth}
          onClose={() => navigate(withQuery(page.route))}
          staff={info.data.staff}
          onTiersChanged={() => setRulesVersion((v) => v + 1)}
          onRetentionChanged={() => setRetentionVersion((v) => v + 1)}
        />
      </>
    );
  }

  return (
    <AppShell
      info={info.data}
      month={dataMonth}
      onMonthChange={setMonth}
      onSignOut={onSignOut}
      onSwitchLanguage={onSwitchLanguage}
      pages={offered}
      page={page.route}
      onOpenCustomer={openCustomerFromSearch}
    >
      {content}
    </AppShell>
  );
}
