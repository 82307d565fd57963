import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Outlet } from 'react-router';
import { isLocked, onSessionEvent } from '@/lib/api-client';
import { useSession } from '@/lib/session';
import { PageLoading } from '../page-loading';
import { AppHeader } from './app-header';
import { SiteFooter } from './site-footer';
import { SkipLink } from './skip-link';

// The unlock dialog is needed only once the console locks: not part of the first download.
const LockDialog = lazy(() => import('@/features/auth/components/lock-dialog'));

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    ':focus': { outline: 'none' },
    '@media (min-width: 48em)': { padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}` },
  },
  // While locked, the content behind the unlock dialog is not shown (shared front-desk screens).
  hidden: { visibility: 'hidden' },
});

/** Landmarks of every page: skip link, banner, main, contentinfo. */
export function AppShell() {
  const styles = useStyles();
  const { status } = useSession();
  const [locked, setLocked] = useState(isLocked);

  useEffect(() => {
    const offLocked = onSessionEvent('locked', () => setLocked(true));
    const offUnlocked = onSessionEvent('unlocked', () => setLocked(false));
    const offSignedOut = onSessionEvent('signed-out', () => setLocked(false));
    return () => {
      offLocked();
      offUnlocked();
      offSignedOut();
    };
  }, []);

  const showLock = locked && status === 'signed-in';
  // Once needed, the dialog stays mounted and is opened and closed with `open`.
  const [lockUsed, setLockUsed] = useState(false);
  if (showLock && !lockUsed) {
    setLockUsed(true);
  }
  return (
    <div className={styles.root}>
      <SkipLink />
      <AppHeader />
      <main id="main" tabIndex={-1} className={mergeClasses(styles.main, showLock && styles.hidden)} aria-hidden={showLock || undefined}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
      {lockUsed && (
        <Suspense fallback={null}>
          <LockDialog open={showLock} />
        </Suspense>
      )}
    </div>
  );
}
