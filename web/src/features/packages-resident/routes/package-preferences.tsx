import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi } from '../api/packages-api';
import type { PackagePreferences } from '../api/types';
import { ExpectedPackages } from '../components/expected-packages';
import { HouseholdForm } from '../components/household-form';
import { NoticeSwitches } from '../components/notice-switches';
import { usePackageStyles } from '../components/package-card';
import { UnitPicker } from '../components/unit-picker';
import { useResidentUnit } from '../components/use-resident-unit';

/** Package preferences: the household's (for the desk), the person's own email notices, and expected packages. */
export default function PackagePreferencesPage() {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = usePackageStyles();
  const { units, unit, choose } = useResidentUnit();
  const unitKey = unit ? `${unit.buildingId}/${unit.unitId}` : '';
  const prefs = useApiQuery((signal) => (unit ? packagesApi.preferences(unit, signal) : Promise.resolve<PackagePreferences | undefined>(undefined)), [unitKey]);
  const data = prefs.data;

  return (
    <Page title={t('prefs.title')}>
      <AppLink className={styles.link} to={pathTo('packages', lang)}>
        {t('details.back')}
      </AppLink>
      {!unit && (
        <MessageBar intent="info">
          <MessageBarBody>{t('unit.none')}</MessageBarBody>
        </MessageBar>
      )}
      <UnitPicker units={units} unit={unit} onChoose={choose} />
      {prefs.error && (
        <MessageBar intent="error">
          <MessageBarBody>{prefs.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {prefs.loading && !data && <PageLoading />}
      {unit && data && (
        <>
          <HouseholdForm key={unitKey} unit={unit} prefs={data} onSaved={() => void prefs.reload()} onStale={prefs.reload} />
          <NoticeSwitches key={`notices-${unitKey}`} unit={unit} notices={data.notices} />
        </>
      )}
      {unit && <ExpectedPackages key={`expected-${unitKey}`} unit={unit} />}
    </Page>
  );
}
