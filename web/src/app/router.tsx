import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { paths, type PageId } from '@/config/paths';
import { initialLanguage, languages, type Language } from '@/lib/i18n';
import { PageLoading } from '@/components/page-loading';
import { HomeRedirect, RequireConsole, RequireSignedIn } from './guards';
import { LanguageScope } from './language-scope';
import { RouteError } from './route-error';
import type { RouteHandle } from './route-handle';

type PageModule = { default: ComponentType };

/** A page loaded on demand: each route is its own chunk, so the sign-in page downloads only its own code. */
function page(id: PageId, lang: Language, load: () => Promise<PageModule>, path: string = paths[id][lang]): RouteObject {
  return {
    path,
    handle: { page: id, lang } satisfies RouteHandle,
    lazy: async () => ({ Component: (await load()).default }),
  };
}

const load = {
  signIn: () => import('@/features/auth/routes/sign-in'),
  verify: () => import('@/features/auth/routes/verify-email'),
  forgotPassword: () => import('@/features/auth/routes/forgot-password'),
  resetPassword: () => import('@/features/auth/routes/reset-password'),
  setup: () => import('@/features/auth/routes/first-admin-setup'),
  invitation: () => import('@/features/staff/routes/accept-invitation'),
  sessions: () => import('@/features/auth/routes/sessions'),
  signUp: () => import('@/features/signup/routes/sign-up'),
  checkInbox: () => import('@/features/signup/routes/check-inbox'),
  terms: () => import('@/features/signup/routes/terms'),
  privacy: () => import('@/features/signup/routes/privacy'),
  help: () => import('@/features/account/routes/help'),
  residentHome: () => import('@/features/account/routes/resident-home'),
  profile: () => import('@/features/account/routes/profile'),
  packages: () => import('@/features/packages-resident/routes/packages'),
  package: () => import('@/features/packages-resident/routes/package-details'),
  packagePickupCode: () => import('@/features/packages-resident/routes/pickup-code'),
  packagePreferences: () => import('@/features/packages-resident/routes/package-preferences'),
  console: () => import('@/features/console/routes/console-home'),
  approvals: () => import('@/features/approvals/routes/approvals'),
  units: () => import('@/features/units/routes/units'),
  unit: () => import('@/features/units/routes/unit-codes'),
  codeLetter: () => import('@/features/units/routes/code-letter'),
  staff: () => import('@/features/staff/routes/staff'),
  packagesDesk: () => import('@/features/packages-desk/routes/desk-packages'),
  packagesLog: () => import('@/features/packages-desk/routes/log-packages'),
  packagesRelease: () => import('@/features/packages-desk/routes/release-packages'),
  packageLabel: () => import('@/features/packages-desk/routes/package-label'),
  packageSettings: () => import('@/features/package-settings/routes/package-settings'),
  failedEmails: () => import('@/features/notices/routes/failed-emails'),
  notFound: () => import('@/features/account/routes/not-found'),
} satisfies Partial<Record<PageId | 'notFound', () => Promise<PageModule>>>;

function languageRoutes(lang: Language): RouteObject {
  const children: RouteObject[] = [
    { index: true, element: <HomeRedirect />, handle: { page: 'home', lang } satisfies RouteHandle },
    page('signIn', lang, load.signIn),
    page('signUp', lang, load.signUp),
    page('checkInbox', lang, load.checkInbox),
    page('verify', lang, load.verify),
    page('forgotPassword', lang, load.forgotPassword),
    page('resetPassword', lang, load.resetPassword),
    page('setup', lang, load.setup),
    page('invitation', lang, load.invitation),
    page('terms', lang, load.terms),
    page('privacy', lang, load.privacy),
    page('help', lang, load.help),
    {
      element: <RequireSignedIn />,
      children: [
        page('residentHome', lang, load.residentHome),
        page('profile', lang, load.profile),
        page('sessions', lang, load.sessions),
        page('packages', lang, load.packages),
        page('packagePickupCode', lang, load.packagePickupCode),
        page('packagePreferences', lang, load.packagePreferences),
        page('package', lang, load.package),
      ],
    },
    {
      element: <RequireConsole />,
      children: [
        page('console', lang, load.console),
        page('approvals', lang, load.approvals),
        page('units', lang, load.units),
        page('unit', lang, load.unit),
        page('codeLetter', lang, load.codeLetter),
        page('staff', lang, load.staff),
        page('packagesDesk', lang, load.packagesDesk),
        page('packagesLog', lang, load.packagesLog),
        page('packagesRelease', lang, load.packagesRelease),
        page('packageLabel', lang, load.packageLabel),
        page('packageSettings', lang, load.packageSettings),
        page('failedEmails', lang, load.failedEmails),
      ],
    },
    { path: '*', lazy: async () => ({ Component: (await load.notFound()).default }) },
  ];
  if (lang === 'en') {
    // The self-host prints the first-admin link as /{lang}/configuration whatever the language.
    children.push(page('setup', lang, load.setup, 'configuration'));
  }
  return { path: `/${lang}`, element: <LanguageScope lang={lang} />, errorElement: <RouteError lang={lang} />, hydrateFallbackElement: <PageLoading />, handle: { lang } satisfies RouteHandle, children };
}

/** Every route of the app (also used by the tests with a memory router). */
export function appRoutes(): RouteObject[] {
  return [
    ...languages.map(languageRoutes),
    // Anything without a language prefix: the remembered language (cookie), French by default.
    { path: '*', element: <Navigate to={`/${initialLanguage()}`} replace /> },
  ];
}

export function createAppRouter() {
  return createBrowserRouter(appRoutes());
}
