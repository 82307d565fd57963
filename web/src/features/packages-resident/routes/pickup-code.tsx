import { Button, MessageBar, MessageBarBody, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { QRCodeSVG } from 'qrcode.react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { AppLink } from '@/components/app-link';
import { FormDialog } from '@/components/forms/form-dialog';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi } from '../api/packages-api';
import type { PickupCode } from '../api/types';
import { formatWhen } from '../components/format';
import { usePackageStyles } from '../components/package-card';
import { UnitPicker } from '../components/unit-picker';
import { useResidentUnit } from '../components/use-resident-unit';

const useStyles = makeStyles({
  codeCard: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalL, textAlign: 'center' },
  // The QR code is always dark on white with a quiet zone, whatever the theme, so cameras read it.
  qr: {
    backgroundColor: '#FFFFFF',
    padding: '16px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    lineHeight: 0,
    width: 'min(100%, 288px)',
    boxSizing: 'border-box',
    '& svg': { width: '100%', height: 'auto' },
  },
  typed: {
    ...typographyStyles.largeTitle,
    fontFamily: tokens.fontFamilyMonospace,
    letterSpacing: '0.08em',
    margin: 0,
    overflowWrap: 'anywhere',
  },
});

/** The unit's pickup code: a QR code the desk scans and the same code to say or type, with a way to replace it. */
export default function PickupCodePage() {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles(), ...useStyles() };
  const announce = useAnnounce();
  const { units, unit, choose } = useResidentUnit();
  const unitKey = unit ? `${unit.buildingId}/${unit.unitId}` : '';
  const query = useApiQuery((signal) => (unit ? packagesApi.pickupCode(unit, signal) : Promise.resolve<PickupCode | undefined>(undefined)), [unitKey]);
  const [fresh, setFresh] = useState<PickupCode>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const codeRef = useRef<HTMLParagraphElement>(null);

  const code = fresh ?? query.data;

  const regenerate = async () => {
    if (!unit) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await packagesApi.regeneratePickupCode(unit);
      setFresh(next);
      setOpen(false);
      announce(t('code.regenerated', { code: next.display }));
      setTimeout(() => codeRef.current?.focus(), 0);
    } catch (e) {
      setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('code.title')} narrow>
      <AppLink className={styles.link} to={pathTo('packages', lang)}>
        {t('details.back')}
      </AppLink>
      {!unit && (
        <MessageBar intent="info">
          <MessageBarBody>{t('unit.none')}</MessageBarBody>
        </MessageBar>
      )}
      <UnitPicker
        units={units}
        unit={unit}
        onChoose={(u) => {
          setFresh(undefined);
          choose(u);
        }}
      />
      <p>{t('code.explain')}</p>
      {query.error && (
        <MessageBar intent="error">
          <MessageBarBody>{query.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {query.loading && !code && <PageLoading />}
      {code && unit && (
        <section className={`${styles.card} ${styles.codeCard}`} aria-labelledby="pickup-code-heading">
          <h2 id="pickup-code-heading">{t('code.heading', { unit: unit.unitNumber })}</h2>
          <div className={styles.qr}>
            <QRCodeSVG value={code.code} size={256} level="M" marginSize={4} bgColor="#FFFFFF" fgColor="#000000" role="img" aria-label={t('code.qrLabel')} />
          </div>
          <div>
            <p className={styles.muted} id="pickup-code-typed-label">
              {t('code.typedLabel')}
            </p>
            <p className={styles.typed} ref={codeRef} tabIndex={-1} aria-describedby="pickup-code-typed-label">
              {code.display}
            </p>
          </div>
          <p className={styles.muted}>{t('code.issued', { when: formatWhen(code.issuedAt, lang) })}</p>
          <div className={styles.actions}>
            <Button onClick={() => setOpen(true)}>{t('code.regenerate')}</Button>
          </div>
        </section>
      )}
      <FormDialog
        open={open}
        modalType="alert"
        title={t('code.confirmTitle')}
        submitLabel={t('code.confirm')}
        cancelLabel={t('code.keep')}
        busy={busy}
        onSubmit={() => void regenerate()}
        onClose={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        <p>{t('code.confirmText')}</p>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </FormDialog>
    </Page>
  );
}
