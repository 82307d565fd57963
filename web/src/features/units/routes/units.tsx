import {
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { formatNumber } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { unitsApi } from '../api/units-api';
import type { Unit } from '../api/types';
import { UnitImport } from '../components/unit-import';

const useStyles = makeStyles({
  // A data table may scroll sideways inside its own region on a phone (WCAG 1.4.10 exception).
  scroll: { overflowX: 'auto' },
});

/** Units of the building; managers import them from CSV and open a unit's registration codes. */
export default function UnitsPage() {
  const { t } = useTranslation('console');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const { building, buildings } = useConsoleBuilding();
  const roles = rolesIn(buildings, building?.buildingId);
  const manager = canManage(roles);
  const buildingId = building?.buildingId;
  const units = useApiQuery((signal) => (buildingId ? unitsApi.list(buildingId, signal) : Promise.resolve([] as Unit[])), [buildingId]);

  return (
    <Page title={t('units.title')}>
      {units.error && (
        <MessageBar intent="error">
          <MessageBarBody>{units.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {manager && buildingId && <UnitImport buildingId={buildingId} onImported={() => void units.reload()} />}
      <section className={styles.card} aria-labelledby="units-list-heading">
        <h2 id="units-list-heading">{t('units.listHeading', { count: units.data?.length ?? 0 })}</h2>
        {units.loading && !units.data && <PageLoading />}
        {units.data && units.data.length === 0 && <p>{t('units.none')}</p>}
        {units.data && units.data.length > 0 && (
          <div
            className={styles.scroll}
            role="region"
            aria-labelledby="units-list-heading"
            // A scrollable region must take focus to scroll by keyboard (axe: scrollable-region-focusable).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
          >
            <Table size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('units.number')}</TableHeaderCell>
                  <TableHeaderCell>{t('units.floor')}</TableHeaderCell>
                  <TableHeaderCell>{t('units.type')}</TableHeaderCell>
                  <TableHeaderCell>{t('units.area')}</TableHeaderCell>
                  <TableHeaderCell>{t('units.bedrooms')}</TableHeaderCell>
                  <TableHeaderCell>{t('units.residents')}</TableHeaderCell>
                  {manager && <TableHeaderCell>{t('units.codes')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {units.data.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell>{u.number}</TableCell>
                    <TableCell>{u.floor}</TableCell>
                    <TableCell>{t(`units.types.${u.type}`)}</TableCell>
                    <TableCell>{u.areaSqFt != null ? formatNumber(u.areaSqFt, lang) : '—'}</TableCell>
                    <TableCell>{u.bedrooms ?? '—'}</TableCell>
                    <TableCell>{u.residentCount}</TableCell>
                    {manager && (
                      <TableCell>
                        <AppLink to={pathTo('unit', lang, { unitId: u.id })} aria-label={t('units.manageCodesFor', { unit: u.number })}>
                          {t('units.manageCodes')}
                        </AppLink>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </Page>
  );
}
