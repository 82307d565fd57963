import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '@/components/layout/app-shell';
import { languageTags, type Language } from '@/lib/i18n';

/** Everything under /fr or /en: the URL decides the language of the page and of <html lang>. */
export function LanguageScope({ lang }: { lang: Language }) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== lang) {
      void i18n.changeLanguage(lang);
    }
    document.documentElement.lang = languageTags[lang];
  }, [i18n, lang]);
  return <AppShell />;
}
