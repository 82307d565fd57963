import { Button, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { DismissRegular, NavigationRegular, SignOutRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useCurrentPage } from '@/app/route-handle';
import { pathTo } from '@/config/paths';
import { useLanguage } from '@/lib/use-language';
import { useSession } from '@/lib/session';
import { ldaTokens } from '@/lib/theme/themes';
import { visuallyHidden } from '../visually-hidden';
import { LanguageSwitch } from './language-switch';
import { consolePages, navItems } from './nav-items';
import { ThemeToggle } from './theme-toggle';

const wide = '@media (min-width: 48em)';
const roomy = '@media (min-width: 30em)';

const useStyles = makeStyles({
  header: {
    backgroundColor: ldaTokens.colorLdaHeaderBackground,
    color: ldaTokens.colorLdaHeaderForeground,
    borderBottom: `3px solid ${ldaTokens.colorLdaGold}`,
    // Fluent controls inside the bar read these variables: light text, gold on hover, and a focus
    // ring that shows on the red bar (checked by the theme contrast test).
    '--colorNeutralForeground1': ldaTokens.colorLdaHeaderForeground,
    '--colorNeutralForeground2': ldaTokens.colorLdaHeaderForeground,
    '--colorNeutralForeground2Hover': ldaTokens.colorLdaGold,
    '--colorNeutralForeground2Pressed': ldaTokens.colorLdaGold,
    '--colorNeutralForeground2BrandHover': ldaTokens.colorLdaGold,
    '--colorNeutralForeground2BrandPressed': ldaTokens.colorLdaGold,
    '--colorTransparentBackgroundHover': 'rgba(255, 255, 255, 0.12)',
    '--colorTransparentBackgroundPressed': 'rgba(255, 255, 255, 0.2)',
    '--colorStrokeFocus2': ldaTokens.colorLdaHeaderFocus,
    '--colorStrokeFocus1': ldaTokens.colorLdaHeaderBackground,
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    maxWidth: '72rem',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  brand: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    color: 'inherit',
    textDecorationLine: 'none',
    minHeight: '24px',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${ldaTokens.colorLdaHeaderFocus}`, outlineOffset: '2px' },
  },
  brandName: { ...typographyStyles.subtitle2, color: ldaTokens.colorLdaGold, overflowWrap: 'anywhere' },
  area: { ...typographyStyles.caption1, color: ldaTokens.colorLdaHeaderForeground },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, flexShrink: 0 },
  // Fluent buttons are at least 96 px wide; in the bar they are as wide as their content (≥ 32 px).
  toolButton: { minWidth: '32px' },
  narrowHidden: { [`@media (max-width: 29.99em)`]: visuallyHidden },
  menuButton: { [wide]: { display: 'none' } },
  nav: {
    display: 'none',
    borderTop: '1px solid rgba(255, 255, 255, 0.25)',
    [wide]: { display: 'block', borderTop: 'none' },
  },
  navOpen: { display: 'block' },
  list: {
    listStyleType: 'none',
    margin: '0 auto',
    maxWidth: '72rem',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    [wide]: { flexDirection: 'row', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  },
  link: {
    display: 'flex',
    alignItems: 'center',
    minHeight: '44px',
    paddingInline: tokens.spacingHorizontalS,
    color: ldaTokens.colorLdaHeaderForeground,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusMedium,
    ...typographyStyles.body1,
    [roomy]: { minHeight: '32px' },
    ':hover': { color: ldaTokens.colorLdaGold, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${ldaTokens.colorLdaHeaderFocus}`, outlineOffset: '-2px' },
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 0 -3px 0 ${ldaTokens.colorLdaGold}`,
  },
});

export function AppHeader() {
  const styles = useStyles();
  const { t } = useTranslation('common');
  const lang = useLanguage();
  const { me, signOut } = useSession();
  const { page } = useCurrentPage();
  const location = useLocation();
  // The menu is open for the page it was opened on: any navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const navId = useId();

  const inConsole = page !== undefined && consolePages.has(page);
  const items = navItems(me);

  return (
    <header className={mergeClasses(styles.header, 'lda-no-print')}>
      <div className={styles.bar}>
        <Link to={pathTo('home', lang)} className={styles.brand}>
          <span className={styles.brandName}>{t('app.name')}</span>
          <span className={styles.area}>{inConsole ? t('app.console') : t('app.residentPortal')}</span>
        </Link>
        <div className={styles.tools}>
          <LanguageSwitch />
          <ThemeToggle />
          {me && (
            <Button className={styles.toolButton} appearance="transparent" icon={<SignOutRegular />} onClick={() => void signOut()}>
              <span className={styles.narrowHidden}>{t('shell.signOut')}</span>
            </Button>
          )}
          <Button
            className={mergeClasses(styles.toolButton, styles.menuButton)}
            appearance="transparent"
            icon={open ? <DismissRegular /> : <NavigationRegular />}
            aria-expanded={open}
            aria-controls={navId}
            onClick={() => setOpenOn(open ? null : location.pathname)}
          >
            <span className={styles.narrowHidden}>{t('shell.menu')}</span>
          </Button>
        </div>
      </div>
      <nav id={navId} aria-label={t('shell.mainNavigation')} className={mergeClasses(styles.nav, open && styles.navOpen)}>
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.page}>
              <NavLink
                to={pathTo(item.page, lang)}
                end={item.page === 'console'}
                className={({ isActive }) => mergeClasses(styles.link, isActive && styles.current)}
              >
                {t(item.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
