import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readCookie, writeCookie } from './cookies';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'fr';

/** BCP 47 tags for <html lang>, Intl formatting and Accept-Language. */
export const languageTags: Record<Language, string> = { fr: 'fr-CA', en: 'en-CA' };

/** Namespaces, one per feature; only `common` and `auth` are loaded before the first render. */
export const namespaces = ['common', 'auth', 'signup', 'account', 'console', 'staff', 'packages-desk', 'packages', 'package-settings', 'notices'] as const;
export type Namespace = (typeof namespaces)[number];

export const languageCookie = 'lda-lang';
const oneYear = 365 * 24 * 60 * 60;

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

/** The language to start in when the URL does not say: the `lda-lang` cookie, else French. */
export function initialLanguage(): Language {
  const fromCookie = readCookie(languageCookie);
  return isLanguage(fromCookie) ? fromCookie : defaultLanguage;
}

export function rememberLanguage(lang: Language): void {
  writeCookie(languageCookie, lang, oneYear);
}

export function otherLanguage(lang: Language): Language {
  return lang === 'fr' ? 'en' : 'fr';
}

// Each locale file is its own chunk: a page loads only the namespaces it uses, in one language.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

const localeBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = loaders[`../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`No locale file for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export const i18n = i18next.createInstance();

export async function initI18n(lang: Language): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n
      .use(localeBackend)
      .use(initReactI18next)
      .init({
        lng: lang,
        supportedLngs: [...languages],
        fallbackLng: false,
        load: 'languageOnly',
        ns: ['common', 'auth'],
        defaultNS: 'common',
        interpolation: { escapeValue: false },
        returnEmptyString: false,
        react: { useSuspense: true },
      });
  } else if (i18n.language !== lang) {
    await i18n.changeLanguage(lang);
  }
  return i18n;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}
