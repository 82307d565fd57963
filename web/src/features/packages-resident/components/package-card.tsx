import { Badge, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useFormStyles } from '@/components/forms/form-styles';
import { pathTo } from '@/config/paths';
import { useLanguage } from '@/lib/use-language';
import type { Package } from '../api/types';
import { daysAgo, formatTime, formatWhen } from './format';

export const usePackageStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0 0`, padding: 0, listStyleType: 'none' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: `${tokens.spacingVerticalS} 0`,
    '@media (max-width: 30em)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  // Overdue is said in words and marked by an icon and a border, not by colour alone.
  overdue: { borderLeft: `6px solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px' },
});

/** One package of the unit: carrier, arrival, size, flags, where it is; in the history, who took it and when. */
export function PackageCard({ pkg }: { pkg: Package }) {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles() };
  const carrier = t(`carriers.${pkg.carrier}`);
  const waiting = pkg.state === 'waiting';
  const badges: { key: string; text: string; color: 'danger' | 'warning' | 'informative' }[] = [];
  if (waiting && pkg.overdue) {
    badges.push({ key: 'overdue', text: t('card.overdue'), color: 'danger' });
  }
  if (pkg.damaged) {
    badges.push({ key: 'damaged', text: t('card.damaged'), color: 'warning' });
  }
  for (const flag of pkg.flags) {
    badges.push({ key: flag, text: t(`flags.${flag}`), color: 'informative' });
  }
  return (
    <li className={mergeClasses(styles.card, waiting && pkg.overdue && styles.overdue)} aria-labelledby={`package-${pkg.id}`}>
      <h3 id={`package-${pkg.id}`} className={styles.title}>
        {t('card.title', { carrier, size: t(`sizes.${pkg.size}`) })}
      </h3>
      {badges.length > 0 && (
        <ul className={styles.badges} aria-label={t('card.flagsLabel')}>
          {badges.map((b) => (
            <li key={b.key}>
              <Badge appearance={b.key === 'overdue' ? 'filled' : 'tint'} color={b.color} icon={b.key === 'overdue' ? <WarningRegular /> : undefined}>
                {b.text}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <dl className={styles.details}>
        <dt className={styles.term}>{t('card.arrived')}</dt>
        <dd className={styles.value}>{t('card.arrivedValue', { ago: daysAgo(pkg.ageDays, lang), when: formatWhen(pkg.arrivedAt, lang) })}</dd>
        {waiting && pkg.location && (
          <>
            <dt className={styles.term}>{t('card.location')}</dt>
            <dd className={styles.value}>{t('card.shelf', { location: pkg.location })}</dd>
          </>
        )}
        <dt className={styles.term}>{t('card.tracking')}</dt>
        <dd className={styles.value}>{pkg.trackingNumber}</dd>
        <dt className={styles.term}>{t('card.label')}</dt>
        <dd className={styles.value}>{pkg.shortId}</dd>
        {!waiting && (
          <>
            <dt className={styles.term}>{t('card.outcome')}</dt>
            <dd className={styles.value}>
              {pkg.state === 'released' && pkg.releasedAt
                ? t(pkg.releasedToKind === 'authorized' ? 'card.releasedAuthorized' : 'card.released', {
                    name: pkg.releasedToName ?? '',
                    when: formatWhen(pkg.releasedAt, lang),
                  })
                : t(`states.${pkg.state}`)}
            </dd>
          </>
        )}
      </dl>
      <AppLink className={styles.link} to={pathTo('package', lang, { packageId: pkg.id })} aria-label={t('card.detailsFor', { carrier, label: pkg.shortId })}>
        {t('card.details')}
      </AppLink>
    </li>
  );
}

/** The sentence announced when a package arrives: « Nouveau colis : UPS, arrivé à 14 h 03 ». */
export function useArrivalAnnouncement(): (pkg: Package) => string {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  return (pkg) => t('live.newPackage', { carrier: t(`carriers.${pkg.carrier}`), time: formatTime(pkg.arrivedAt, lang) });
}
