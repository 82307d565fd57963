import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { UnitPackagesSummary } from '@/features/packages-resident/components/home-summary';
import { formatDate } from '@/lib/format';
import { usePush } from '@/lib/realtime';
import { useSession } from '@/lib/session';
import { useLanguage } from '@/lib/use-language';
import { useFlash } from '@/lib/use-signed-in';

const useStyles = makeStyles({
  units: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  unitTitle: { ...typographyStyles.subtitle1, margin: 0 },
  meta: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2 },
});

/** The resident's start page: their unit(s), and a clear status while a registration waits for approval. */
export default function ResidentHomePage() {
  const { t } = useTranslation('account');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const { me, reload } = useSession();
  const flash = useFlash();
  const announce = useAnnounce();

  // A decision on the person's own registration arrives as a push: fetch "me" again.
  usePush('registration.decided', () => {
    void reload().then(() => announce(t('home.statusChanged')));
  });

  if (!me) {
    return null;
  }
  const units = me.memberships.filter((m) => m.unitNumber);
  return (
    <Page title={t('home.title', { name: me.fullName })}>
      {flash && (
        <MessageBar intent="success">
          <MessageBarBody>{flash}</MessageBarBody>
        </MessageBar>
      )}
      {me.pendingRegistrations.map((p) => (
        <MessageBar key={`${p.buildingId}-${p.unitNumber}`} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('home.pendingTitle')}</MessageBarTitle>
            {t('home.pending', { unit: p.unitNumber, date: formatDate(p.submittedAt, lang) })}
          </MessageBarBody>
        </MessageBar>
      ))}
      {units.length > 0 ? (
        <section aria-labelledby="home-units">
          <h2 id="home-units">{t('home.unitsHeading')}</h2>
          <ul className={styles.units}>
            {units.map((m) => (
              <li key={`${m.buildingId}-${m.unitId}`} className={styles.card}>
                <h3 className={styles.unitTitle}>{t('home.unit', { unit: m.unitNumber })}</h3>
                <p className={styles.meta}>{m.buildingName}</p>
                {m.ownerConfirmed && <p className={styles.meta}>{t('home.ownerConfirmed')}</p>}
                {m.role === 'resident' && m.unitId && <UnitPackagesSummary unit={{ buildingId: m.buildingId, unitId: m.unitId }} />}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        me.pendingRegistrations.length === 0 && (
          <MessageBar intent="info">
            <MessageBarBody>{t('home.noUnit')}</MessageBarBody>
          </MessageBar>
        )
      )}
    </Page>
  );
}
