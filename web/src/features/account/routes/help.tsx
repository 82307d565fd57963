import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { useLanguage } from '@/lib/use-language';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '70ch' },
});

/** Help: the same link in the footer of every page leads here (WCAG 3.2.6). */
export default function HelpPage() {
  const { t } = useTranslation('account');
  const styles = useStyles();
  const lang = useLanguage();
  return (
    <Page title={t('help.title')}>
      <section className={styles.section} aria-labelledby="help-contact">
        <h2 id="help-contact">{t('help.contactHeading')}</h2>
        <p>{t('help.contact')}</p>
      </section>
      <section className={styles.section} aria-labelledby="help-signup">
        <h2 id="help-signup">{t('help.signUpHeading')}</h2>
        <p>{t('help.signUp')}</p>
        <p>
          <AppLink to={pathTo('signUp', lang)}>{t('common:nav.signUp')}</AppLink>
        </p>
      </section>
      <section className={styles.section} aria-labelledby="help-signin">
        <h2 id="help-signin">{t('help.signInHeading')}</h2>
        <p>{t('help.signIn')}</p>
        <p>
          <AppLink to={pathTo('forgotPassword', lang)}>{t('help.forgotLink')}</AppLink>
        </p>
      </section>
    </Page>
  );
}
