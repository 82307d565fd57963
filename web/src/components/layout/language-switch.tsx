import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCurrentPage } from '@/app/route-handle';
import { pathTo, translatePath } from '@/config/paths';
import { api } from '@/lib/api-client';
import { languageTags, otherLanguage, rememberLanguage } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useLanguage } from '@/lib/use-language';
import { ldaTokens } from '@/lib/theme/themes';

const useStyles = makeStyles({
  link: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '32px',
    minWidth: '32px',
    paddingInline: tokens.spacingHorizontalS,
    color: ldaTokens.colorLdaHeaderForeground,
    borderRadius: tokens.borderRadiusMedium,
    textDecorationLine: 'underline',
    ':hover': { color: ldaTokens.colorLdaGold },
    ':focus-visible': { outline: `2px solid ${ldaTokens.colorLdaHeaderFocus}`, outlineOffset: '-2px' },
  },
});

/**
 * Switches to the same page in the other language, remembers the choice in the `lda-lang` cookie
 * (read by the server for anonymous requests) and, when signed in, as the account's language.
 */
export function LanguageSwitch() {
  const styles = useStyles();
  const { t } = useTranslation('common');
  const lang = useLanguage();
  const to = otherLanguage(lang);
  const location = useLocation();
  const { page, params } = useCurrentPage();
  const { me, signedIn } = useSession();

  const target = page ? translatePath(page, to, params, location.search) : pathTo('home', to);

  return (
    <Link
      className={styles.link}
      to={target}
      lang={languageTags[to]}
      hrefLang={languageTags[to]}
      onClick={() => {
        rememberLanguage(to);
        if (me && me.language !== to) {
          signedIn({ ...me, language: to });
          void api.put('/api/me/language', { language: to }).catch(() => undefined);
        }
      }}
    >
      {t('language.switchTo')}
    </Link>
  );
}
