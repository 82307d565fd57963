import type { Language } from '@/lib/i18n';

/**
 * Every page of the app, with its path in each language. URLs carry the language (`/fr/…`,
 * `/en/…`), so a link in an email opens in the language it was written in and the language switch
 * is a navigation to the same page in the other language.
 *
 * The email links are fixed by the API contract and must not change:
 * verify `/fr/verifier?jeton=…` · `/en/verify?token=…`; reset `/fr/reinitialiser?jeton=…` ·
 * `/en/reset-password?token=…`; first admin `/fr/configuration?jeton=…` · `/en/setup?token=…`;
 * staff invitation `/fr/invitation?jeton=…` · `/en/invitation?token=…`.
 */
export const paths = {
  home: { fr: '', en: '' },
  signIn: { fr: 'connexion', en: 'sign-in' },
  signUp: { fr: 'inscription', en: 'sign-up' },
  checkInbox: { fr: 'inscription/courriel-envoye', en: 'sign-up/check-inbox' },
  verify: { fr: 'verifier', en: 'verify' },
  forgotPassword: { fr: 'mot-de-passe-oublie', en: 'forgot-password' },
  resetPassword: { fr: 'reinitialiser', en: 'reset-password' },
  setup: { fr: 'configuration', en: 'setup' },
  invitation: { fr: 'invitation', en: 'invitation' },
  terms: { fr: 'conditions-utilisation', en: 'terms-of-use' },
  privacy: { fr: 'confidentialite', en: 'privacy' },
  help: { fr: 'aide', en: 'help' },
  residentHome: { fr: 'accueil', en: 'home' },
  profile: { fr: 'compte/profil', en: 'account/profile' },
  sessions: { fr: 'compte/appareils', en: 'account/devices' },
  packages: { fr: 'colis', en: 'packages' },
  packagePickupCode: { fr: 'colis/code-de-recuperation', en: 'packages/pickup-code' },
  packagePreferences: { fr: 'colis/preferences', en: 'packages/preferences' },
  package: { fr: 'colis/:packageId', en: 'packages/:packageId' },
  console: { fr: 'console', en: 'console' },
  approvals: { fr: 'console/inscriptions', en: 'console/registrations' },
  units: { fr: 'console/unites', en: 'console/units' },
  unit: { fr: 'console/unites/:unitId', en: 'console/units/:unitId' },
  codeLetter: { fr: 'console/unites/:unitId/lettre', en: 'console/units/:unitId/letter' },
  staff: { fr: 'console/personnel', en: 'console/staff' },
  packagesDesk: { fr: 'console/colis', en: 'console/packages' },
  packagesLog: { fr: 'console/colis/enregistrer', en: 'console/packages/log' },
  packagesRelease: { fr: 'console/colis/remise', en: 'console/packages/release' },
  packageLabel: { fr: 'console/colis/etiquette/:packageId', en: 'console/packages/label/:packageId' },
  packageSettings: { fr: 'console/colis/parametres', en: 'console/packages/settings' },
  failedEmails: { fr: 'console/courriels-en-echec', en: 'console/failed-emails' },
} as const satisfies Record<string, Record<Language, string>>;

export type PageId = keyof typeof paths;

/** Query parameter of the one-use tokens in email links, per language (both are accepted). */
export const tokenParam: Record<Language, string> = { fr: 'jeton', en: 'token' };

export function readToken(search: URLSearchParams): string | null {
  return search.get('jeton') ?? search.get('token');
}

/** The URL of a page in a language: `pathTo('unit', 'fr', { unitId: '504' })` → `/fr/console/unites/504`. */
export function pathTo(page: PageId, lang: Language, params: Record<string, string> = {}): string {
  const template: string = paths[page][lang];
  const filled = template.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`Missing route parameter ${name} for ${page}`);
    }
    return encodeURIComponent(value);
  });
  return filled ? `/${lang}/${filled}` : `/${lang}`;
}

/** Same page, other language: query strings (tokens) carry over; the token's name follows the language. */
export function translatePath(page: PageId, to: Language, params: Record<string, string>, search: string): string {
  const query = new URLSearchParams(search);
  const token = readToken(query);
  if (token !== null) {
    query.delete('jeton');
    query.delete('token');
    query.set(tokenParam[to], token);
  }
  const qs = query.toString();
  return pathTo(page, to, params) + (qs ? `?${qs}` : '');
}
