import { Button, makeStyles } from '@fluentui/react-components';
import { WeatherMoonRegular, WeatherSunnyRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useThemePreference } from '@/lib/theme/theme-preference';

const useStyles = makeStyles({ button: { minWidth: '32px' } });

/** Dark theme on/off (a toggle button: its name stays, its pressed state says which theme is on). */
export function ThemeToggle() {
  const { t } = useTranslation('common');
  const { theme, toggle } = useThemePreference();
  const dark = theme === 'dark';
  const styles = useStyles();
  return (
    <Button
      className={styles.button}
      appearance="transparent"
      icon={dark ? <WeatherMoonRegular /> : <WeatherSunnyRegular />}
      aria-pressed={dark}
      aria-label={t('theme.dark')}
      title={t('theme.dark')}
      onClick={toggle}
    />
  );
}
