import { Badge, Field, Select, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { approvalsApi } from '@/features/approvals/api/approvals-api';
import { pathTo } from '@/config/paths';
import { canManage, canManageStaff, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { usePush } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))',
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  tileTitle: { ...typographyStyles.subtitle1, margin: 0, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  tileText: { color: tokens.colorNeutralForeground2 },
});

/** Console start page: the building worked on and the tasks the person's role allows. */
export default function ConsoleHomePage() {
  const { t } = useTranslation('console');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const { building, buildings, choose } = useConsoleBuilding();
  const roles = rolesIn(buildings, building?.buildingId);
  const manager = canManage(roles);
  const desk = manager || roles.has('frontDesk');
  const staff = canManageStaff(roles);

  const pending = useApiQuery(
    (signal) => (building && manager ? approvalsApi.list(building.buildingId, 'pending', signal) : Promise.resolve(undefined)),
    [building?.buildingId, manager],
  );
  usePush(
    ['registration.submitted', 'registration.decided'],
    (message) => {
      if (manager && message.ids.buildingId === building?.buildingId) {
        void pending.reload();
      }
    },
    () => void pending.reload(),
  );

  return (
    <Page title={t('home.title')}>
      {buildings.length > 1 ? (
        <Field label={{ children: t('home.building'), htmlFor: 'console-building' }}>
          <Select id="console-building" value={building?.buildingId ?? ''} onChange={(_e, d) => choose(d.value)}>
            {buildings.map((b) => (
              <option key={b.buildingId} value={b.buildingId}>
                {b.buildingName}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        building && <p>{t('home.buildingOnly', { name: building.buildingName })}</p>
      )}
      <ul className={styles.grid}>
        {manager && (
          <li className={styles.card}>
            <h2 className={styles.tileTitle}>
              <AppLink to={pathTo('approvals', lang)}>{t('home.approvals')}</AppLink>
              {pending.data && (
                <Badge appearance={pending.data.length > 0 ? 'filled' : 'outline'} color={pending.data.length > 0 ? 'brand' : 'informative'}>
                  {t('home.pendingCount', { count: pending.data.length })}
                </Badge>
              )}
            </h2>
            <p className={styles.tileText}>{t('home.approvalsText')}</p>
          </li>
        )}
        {desk && (
          <li className={styles.card}>
            <h2 className={styles.tileTitle}>
              <AppLink to={pathTo('units', lang)}>{t('home.units')}</AppLink>
            </h2>
            <p className={styles.tileText}>{manager ? t('home.unitsTextManager') : t('home.unitsText')}</p>
          </li>
        )}
        {staff && (
          <li className={styles.card}>
            <h2 className={styles.tileTitle}>
              <AppLink to={pathTo('staff', lang)}>{t('home.staff')}</AppLink>
            </h2>
            <p className={styles.tileText}>{t('home.staffText')}</p>
          </li>
        )}
      </ul>
      {!desk && <p>{t('home.noTasks')}</p>}
    </Page>
  );
}
