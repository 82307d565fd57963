import { makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { pathTo } from '@/config/paths';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { useLanguage } from '@/lib/use-language';

const useStyles = makeStyles({ link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px' } });

/** The desk page's link to the package settings, for managers and administrators (capability ConfigurePackages). */
export function PackageSettingsLink() {
  const { t } = useTranslation('common');
  const styles = useStyles();
  const lang = useLanguage();
  const { building, buildings } = useConsoleBuilding();
  if (!canManage(rolesIn(buildings, building?.buildingId))) {
    return null;
  }
  return (
    <AppLink className={styles.link} to={pathTo('packageSettings', lang)}>
      {t('nav.packageSettings')}
    </AppLink>
  );
}
