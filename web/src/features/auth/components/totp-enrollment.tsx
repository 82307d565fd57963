import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  qr: {
    width: '200px',
    height: '200px',
    backgroundColor: '#ffffff',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  secret: {
    ...typographyStyles.body1Strong,
    fontFamily: tokens.fontFamilyMonospace,
    letterSpacing: '0.08em',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** Groups of four characters, easier to type and to read aloud. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * The authenticator enrollment: a QR code of the otpauth URI (an image with a text alternative)
 * and the same secret as text, for people who cannot scan or who use a screen reader.
 * The `qrcode` library is loaded only here.
 */
export function TotpEnrollment({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const { t } = useTranslation('auth');
  const styles = useStyles();
  const [qr, setQr] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 200, color: { dark: '#000000', light: '#ffffff' } }))
      .then((url) => {
        if (!cancelled) {
          setQr(url);
        }
      })
      .catch(() => setQr(undefined));
    return () => {
      cancelled = true;
    };
  }, [otpauthUri]);

  return (
    <div className={styles.root}>
      <ol className={styles.steps}>
        <li>{t('totp.step1')}</li>
        <li>{t('totp.step2')}</li>
        <li>{t('totp.step3')}</li>
      </ol>
      {qr && <img className={styles.qr} src={qr} alt={t('totp.qrAlt')} width={200} height={200} />}
      <div>
        <p id="totp-secret-label">{t('totp.secretLabel')}</p>
        <p className={styles.secret} aria-labelledby="totp-secret-label" data-testid="totp-secret">
          {groupSecret(secret)}
        </p>
      </div>
    </div>
  );
}
