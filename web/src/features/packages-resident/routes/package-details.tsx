import { Badge, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { usePush } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi } from '../api/packages-api';
import type { Package, TimelineEntry } from '../api/types';
import { daysAgo, formatDay, formatWhen } from '../components/format';
import { usePackageStyles } from '../components/package-card';
import { useResidentUnit } from '../components/use-resident-unit';

const useStyles = makeStyles({
  timeline: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  when: { display: 'block', color: tokens.colorNeutralForeground2 },
  photo: { display: 'block', maxWidth: '100%', height: 'auto', maxHeight: '24rem', borderRadius: tokens.borderRadiusMedium },
});

/**
 * One package and its chain of custody, oldest first. A link from an email may name a package of
 * another of the person's units: each unit is tried in turn, the chosen one first.
 */
export default function PackageDetailsPage() {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles(), ...useStyles() };
  const { packageId = '' } = useParams();
  const { units, unit } = useResidentUnit();
  const order = unit ? [unit, ...units.filter((u) => u !== unit)] : [];
  const orderKey = order.map((u) => `${u.buildingId}/${u.unitId}`).join('|');

  const found = useApiQuery(async (signal) => {
    for (const [index, candidate] of order.entries()) {
      try {
        return { unit: candidate, pkg: await packagesApi.get(candidate, packageId, signal) };
      } catch (error) {
        if (!(isApiError(error) && (error.status === 404 || error.status === 403)) || index === order.length - 1) {
          throw error;
        }
      }
    }
    return undefined;
  }, [orderKey, packageId]);

  usePush('package.changed', (message) => {
    if (message.ids.packageId === packageId) {
      void found.reload();
    }
  });

  const pkg = found.data?.pkg;
  const carrier = pkg ? t(`carriers.${pkg.carrier}`) : '';
  const back = (
    <AppLink className={styles.link} to={pathTo('packages', lang)}>
      {t('details.back')}
    </AppLink>
  );

  if (!pkg || !found.data) {
    return (
      <Page title={t('details.titleLoading')}>
        {back}
        {found.loading && <PageLoading />}
        {found.error && (
          <MessageBar intent="error">
            <MessageBarBody>{found.error.status === 404 ? t('details.notFound') : found.error.title}</MessageBarBody>
          </MessageBar>
        )}
        {!found.loading && !found.error && units.length === 0 && (
          <MessageBar intent="info">
            <MessageBarBody>{t('unit.none')}</MessageBarBody>
          </MessageBar>
        )}
      </Page>
    );
  }

  return (
    <Page title={t('details.title', { carrier, label: pkg.shortId })}>
      {back}
      <section className={styles.card} aria-labelledby="package-summary">
        <h2 id="package-summary">{t('details.summaryHeading')}</h2>
        {pkg.state === 'waiting' && pkg.overdue && (
          <Badge appearance="filled" color="danger">
            {t('card.overdue')}
          </Badge>
        )}
        <dl className={styles.details}>
          <dt className={styles.term}>{t('details.state')}</dt>
          <dd className={styles.value}>{t(`states.${pkg.state}`)}</dd>
          <dt className={styles.term}>{t('card.arrived')}</dt>
          <dd className={styles.value}>{t('card.arrivedValue', { ago: daysAgo(pkg.ageDays, lang), when: formatWhen(pkg.arrivedAt, lang) })}</dd>
          <dt className={styles.term}>{t('details.size')}</dt>
          <dd className={styles.value}>{t(`sizes.${pkg.size}`)}</dd>
          {pkg.flags.length > 0 && (
            <>
              <dt className={styles.term}>{t('details.flags')}</dt>
              <dd className={styles.value}>{pkg.flags.map((f) => t(`flags.${f}`)).join(', ')}</dd>
            </>
          )}
          {pkg.damaged && (
            <>
              <dt className={styles.term}>{t('details.condition')}</dt>
              <dd className={styles.value}>{t('card.damaged')}</dd>
            </>
          )}
          {pkg.state === 'waiting' && pkg.location && (
            <>
              <dt className={styles.term}>{t('card.location')}</dt>
              <dd className={styles.value}>{t('card.shelf', { location: pkg.location })}</dd>
            </>
          )}
          <dt className={styles.term}>{t('card.tracking')}</dt>
          <dd className={styles.value}>{pkg.trackingNumber}</dd>
          <dt className={styles.term}>{t('card.label')}</dt>
          <dd className={styles.value}>{pkg.shortId}</dd>
        </dl>
        {pkg.hasPhoto && (
          <img
            className={styles.photo}
            src={packagesApi.photoUrl(found.data.unit, pkg.id)}
            alt={t('details.photoAlt', { carrier, date: formatDay(pkg.arrivedAt.slice(0, 10), lang) })}
          />
        )}
      </section>

      <section className={styles.card} aria-labelledby="package-timeline">
        <h2 id="package-timeline">{t('details.timelineHeading')}</h2>
        <Timeline pkg={pkg} />
      </section>
    </Page>
  );
}

function Timeline({ pkg }: { pkg: Package }) {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = useStyles();
  const entries = pkg.timeline ?? [];
  if (entries.length === 0) {
    return <p>{t('details.noTimeline')}</p>;
  }
  return (
    <ol className={styles.timeline}>
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${entry.kind}-${index}`}>
          <span className={styles.when}>
            <time dateTime={entry.at}>{formatWhen(entry.at, lang)}</time>
          </span>
          {describe(entry, t)}
          {entry.detail && <> — {entry.detail}</>}
        </li>
      ))}
    </ol>
  );
}

type T = ReturnType<typeof useTranslation<'packages'>>['t'];

function describe(entry: TimelineEntry, t: T): string {
  const isNotice = entry.kind === 'notice' || entry.kind === 'reminder' || entry.kind === 'final-notice' || entry.kind === 'release-notice';
  if (isNotice) {
    const channel = t(`channels.${entry.channel ?? 'email'}`);
    const outcome = entry.outcome ? t(`outcomes.${entry.outcome}`) : '';
    const text = entry.recipientName
      ? t(`timeline.${entry.kind}To`, { channel, name: entry.recipientName })
      : t(`timeline.${entry.kind}`, { channel });
    return outcome ? t('timeline.withOutcome', { text, outcome }) : text;
  }
  if (entry.kind === 'released' && entry.recipientName) {
    return t('timeline.releasedTo', { name: entry.recipientName });
  }
  return t(`timeline.${entry.kind}`);
}
