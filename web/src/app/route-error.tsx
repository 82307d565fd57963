import { useEffect } from 'react';
import { i18n, languageTags, type Language } from '@/lib/i18n';

/**
 * Shown when a page fails to render or its code cannot be downloaded (a deployment replaced the
 * hashed files): plain markup, no dependency on the shell that may be what failed.
 */
export function RouteError({ lang }: { lang: Language }) {
  const t = i18n.getFixedT(lang, 'common');
  useEffect(() => {
    document.title = `${t('errors.pageTitle')} · ${t('app.name')}`;
  }, [t]);
  return (
    <main id="main" lang={languageTags[lang]} style={{ padding: '1.5rem', maxWidth: '40rem', margin: '0 auto' }}>
      <h1>{t('errors.pageTitle')}</h1>
      <p>{t('errors.pageText')}</p>
      <p>
        <a href={`/${lang}`}>{t('errors.reload')}</a>
      </p>
    </main>
  );
}
