import { MessageBar, MessageBarBody, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { AppLink } from '@/components/app-link';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { usePush } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi } from '../api/packages-api';
import type { PackageView, UnitPackageList } from '../api/types';
import { PackageCard, usePackageStyles, useArrivalAnnouncement } from '../components/package-card';
import { UnitPicker } from '../components/unit-picker';
import { useResidentUnit } from '../components/use-resident-unit';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  links: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`, margin: 0, padding: 0, listStyleType: 'none' },
  tab: { minHeight: '44px' },
});

/**
 * The resident's packages: those waiting at the desk (with where and when to pick them up) and the
 * history of released and returned ones. Live: a `package.changed` push for the unit fetches the
 * waiting list again (never polled), and a new arrival is announced politely.
 */
export default function PackagesPage() {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles(), ...useStyles() };
  const announce = useAnnounce();
  const arrival = useArrivalAnnouncement();
  const { units, unit, choose } = useResidentUnit();
  const [view, setView] = useState<PackageView>('waiting');
  const unitKey = unit ? `${unit.buildingId}/${unit.unitId}` : '';

  const waiting = useApiQuery((signal) => (unit ? packagesApi.list(unit, 'waiting', signal) : Promise.resolve<UnitPackageList | undefined>(undefined)), [unitKey]);
  const history = useApiQuery(
    (signal) => (unit && view === 'history' ? packagesApi.list(unit, 'history', signal) : Promise.resolve<UnitPackageList | undefined>(undefined)),
    [unitKey, view],
  );

  // Arrivals since the last list are announced after a push (not on the first load).
  const known = useRef<{ unit: string; ids: Set<string> } | null>(null);
  const seen = useRef<UnitPackageList | undefined>(undefined);
  const pushed = useRef(false);
  useEffect(() => {
    const items = waiting.data?.items;
    if (!items || seen.current === waiting.data) {
      return;
    }
    seen.current = waiting.data;
    const previous = known.current?.unit === unitKey ? known.current.ids : null;
    if (pushed.current && previous) {
      // One message for all of them: a second announcement would replace the first before it is read.
      const arrived = items.filter((p) => p.state === 'waiting' && !previous.has(p.id));
      if (arrived.length > 0) {
        announce(arrived.map(arrival).join(' '));
      }
    }
    pushed.current = false;
    known.current = { unit: unitKey, ids: new Set(items.map((p) => p.id)) };
  }, [waiting.data, unitKey, announce, arrival]);

  const refresh = () => {
    pushed.current = true;
    void waiting.reload();
    if (view === 'history') {
      void history.reload();
    }
  };
  usePush(
    'package.changed',
    (message) => {
      if (unit && message.ids.unitId === unit.unitId && (!message.ids.buildingId || message.ids.buildingId === unit.buildingId)) {
        refresh();
      }
    },
    refresh,
  );

  if (!unit) {
    return (
      <Page title={t('list.title')}>
        <MessageBar intent="info">
          <MessageBarBody>{t('unit.none')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }

  const waitingItems = waiting.data?.items ?? [];
  const pickup = waiting.data?.pickup;
  const shown = view === 'waiting' ? waiting : history;

  return (
    <Page title={t('list.title')}>
      <UnitPicker units={units} unit={unit} onChoose={choose} />
      {pickup && (
        <section className={styles.card} aria-labelledby="packages-pickup">
          <h2 id="packages-pickup">{t('list.pickupHeading')}</h2>
          <dl className={styles.details}>
            <dt className={styles.term}>{t('list.pickupWhere')}</dt>
            <dd className={styles.value}>{pickup.location}</dd>
            <dt className={styles.term}>{t('list.pickupWhen')}</dt>
            <dd className={styles.value}>{pickup.deskHours}</dd>
          </dl>
          <p>{t('list.pickupHow')}</p>
        </section>
      )}
      <nav aria-label={t('list.moreNav')}>
        <ul className={styles.links}>
          <li>
            <AppLink className={styles.link} to={pathTo('packagePickupCode', lang)}>
              {t('list.pickupCodeLink')}
            </AppLink>
          </li>
          <li>
            <AppLink className={styles.link} to={pathTo('packagePreferences', lang)}>
              {t('list.preferencesLink')}
            </AppLink>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="packages-views">
        <h2 id="packages-views">{t('list.viewsHeading')}</h2>
        <TabList selectedValue={view} onTabSelect={(_e, data) => setView(data.value as PackageView)} aria-label={t('list.viewsHeading')}>
          <Tab id="packages-tab-waiting" value="waiting" aria-controls="packages-panel" className={styles.tab}>
            {waiting.data ? t('list.waitingTabCount', { count: waitingItems.length }) : t('list.waitingTab')}
          </Tab>
          <Tab id="packages-tab-history" value="history" aria-controls="packages-panel" className={styles.tab}>
            {t('list.historyTab')}
          </Tab>
        </TabList>
        <div id="packages-panel" role="tabpanel" aria-labelledby={`packages-tab-${view}`} className={styles.panel}>
          {shown.error && (
            <MessageBar intent="error">
              <MessageBarBody>{shown.error.title}</MessageBarBody>
            </MessageBar>
          )}
          {shown.loading && !shown.data && <PageLoading />}
          {shown.data && shown.data.items.length === 0 && <p>{view === 'waiting' ? t('list.noneWaiting') : t('list.noHistory')}</p>}
          {shown.data && shown.data.items.length > 0 && (
            <ul className={styles.list}>
              {shown.data.items.map((p) => (
                <PackageCard key={p.id} pkg={p} />
              ))}
            </ul>
          )}
        </div>
      </section>
    </Page>
  );
}
