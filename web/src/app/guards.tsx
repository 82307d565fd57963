import { Navigate, Outlet, useLocation } from 'react-router';
import { lazy, Suspense } from 'react';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { hasConsole, useSession } from '@/lib/session';
import { useLanguage } from '@/lib/use-language';

const IdleLock = lazy(() => import('@/features/auth/components/idle-lock').then((m) => ({ default: m.IdleLock })));

/** Pages for signed-in people; others go to the sign-in page and come back after. */
export function RequireSignedIn() {
  const { status } = useSession();
  const lang = useLanguage();
  const location = useLocation();
  if (status === 'loading') {
    return <PageLoading />;
  }
  if (status === 'signed-out') {
    return <Navigate to={pathTo('signIn', lang)} replace state={{ returnTo: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

/** The management console: a staff role in at least one building; idle lock on. */
export function RequireConsole() {
  const { status, me } = useSession();
  const lang = useLanguage();
  const location = useLocation();
  if (status === 'loading') {
    return <PageLoading />;
  }
  if (status === 'signed-out') {
    return <Navigate to={pathTo('signIn', lang)} replace state={{ returnTo: location.pathname + location.search }} />;
  }
  if (!hasConsole(me)) {
    return <Navigate to={pathTo('residentHome', lang)} replace />;
  }
  return (
    <>
      <Suspense fallback={null}>
        <IdleLock />
      </Suspense>
      <Outlet />
    </>
  );
}

/** `/fr` and `/en`: where a person starts, by session and role. */
export function HomeRedirect() {
  const { status, me } = useSession();
  const lang = useLanguage();
  if (status === 'loading') {
    return <PageLoading />;
  }
  if (status === 'signed-out') {
    return <Navigate to={pathTo('signIn', lang)} replace />;
  }
  return <Navigate to={pathTo(hasConsole(me) ? 'console' : 'residentHome', lang)} replace />;
}
