import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { pathTo } from '@/config/paths';
import { useLanguage } from '@/lib/use-language';
import { AppLink } from '../app-link';

const useStyles = makeStyles({
  footer: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
  },
  inner: {
    maxWidth: '72rem',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    alignItems: 'center',
  },
  item: { minHeight: '24px', display: 'inline-flex', alignItems: 'center' },
});

/** Same place, same order, every page: help, terms, privacy (WCAG 3.2.6 Consistent Help). */
export function SiteFooter() {
  const styles = useStyles();
  const { t } = useTranslation('common');
  const lang = useLanguage();
  return (
    <footer className={mergeClasses(styles.footer, 'lda-no-print')}>
      <div className={styles.inner}>
        <AppLink className={styles.item} to={pathTo('help', lang)}>
          {t('shell.help')}
        </AppLink>
        <AppLink className={styles.item} to={pathTo('terms', lang)}>
          {t('shell.terms')}
        </AppLink>
        <AppLink className={styles.item} to={pathTo('privacy', lang)}>
          {t('shell.privacy')}
        </AppLink>
        <span className={styles.item}>{t('app.address')}</span>
      </div>
    </footer>
  );
}
