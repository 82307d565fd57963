import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { PrintRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { standaloneLink } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { deskApi } from '../api/packages-api';
import { NotAllowed, useDeskBuilding } from '../components/desk-access';
import { PackageLabel } from '../components/package-label';

const useStyles = makeStyles({
  tools: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center', '& > a': standaloneLink },
});

/** The print view of one package's label (62 mm × 29 mm; see PackageLabel). */
export default function PackageLabelPage() {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = useStyles();
  const { packageId = '' } = useParams();
  const { buildingId, allowed } = useDeskBuilding();
  const pkg = useApiQuery(
    (signal) => (buildingId && allowed ? deskApi.get(buildingId, packageId, signal) : Promise.resolve(undefined)),
    [buildingId, allowed, packageId],
  );

  if (!allowed) {
    return (
      <Page title={t('label.title')}>
        <NotAllowed />
      </Page>
    );
  }

  return (
    <Page title={t('label.title')} printTitle={false}>
      <div className={mergeClasses(styles.tools, 'lda-no-print')}>
        <AppLink to={pathTo('packagesLog', lang)}>{t('label.backToLog')}</AppLink>
        <AppLink to={pathTo('packagesDesk', lang)}>{t('label.backToList')}</AppLink>
        {pkg.data && (
          <Button appearance="primary" icon={<PrintRegular />} onClick={() => window.print()}>
            {t('label.print')}
          </Button>
        )}
      </div>
      <p className="lda-no-print">{t('label.explain')}</p>
      {pkg.error && (
        <MessageBar intent="error">
          <MessageBarBody>{pkg.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {pkg.loading && !pkg.data && <PageLoading />}
      {pkg.data && <PackageLabel pkg={pkg.data} />}
    </Page>
  );
}
