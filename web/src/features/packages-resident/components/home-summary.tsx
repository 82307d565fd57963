import { CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { pathTo } from '@/config/paths';
import { usePush } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi, type UnitRef } from '../api/packages-api';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0 0` },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px' },
});

/** On the resident's home, per unit: how many packages wait at the desk (kept live by pushes), and a link to them. */
export function UnitPackagesSummary({ unit }: { unit: UnitRef }) {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = useStyles();
  const waiting = useApiQuery((signal) => packagesApi.list(unit, 'waiting', signal), [unit.buildingId, unit.unitId]);
  usePush('package.changed', (message) => {
    if (message.ids.unitId === unit.unitId) {
      void waiting.reload();
    }
  });
  const count = waiting.data?.items.length;
  return (
    // A div, not a p: Fluent's CounterBadge renders a div, which a paragraph cannot hold.
    <div className={styles.row}>
      {count !== undefined && (
        <>
          <CounterBadge count={count} showZero appearance={count > 0 ? 'filled' : 'ghost'} color={count > 0 ? 'brand' : 'informative'} aria-hidden />
          <span>{t('home.waiting', { count })}</span>
          {' · '}
        </>
      )}
      <AppLink className={styles.link} to={pathTo('packages', lang)}>
        {t('home.link')}
      </AppLink>
    </div>
  );
}
