import { makeStaticStyles, makeStyles } from '@fluentui/react-components';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import type { Package } from '../api/types';

/**
 * The label printer's page: 62 mm × 29 mm, the continuous 62 mm roll of the common desk thermal
 * printers (Brother QL series, DK-22205 cut at 29 mm, or the DK-11209 die-cut labels). A named page,
 * so printing any other page of the portal keeps its own size.
 */
const useLabelPage = makeStaticStyles('@page lda-label { size: 62mm 29mm; margin: 0; }');

const useStyles = makeStyles({
  label: {
    width: '62mm',
    height: '29mm',
    boxSizing: 'border-box',
    padding: '1.5mm 2mm',
    display: 'grid',
    gridTemplateColumns: '26mm 1fr',
    columnGap: '2mm',
    alignItems: 'center',
    backgroundColor: '#ffffff',
    color: '#000000',
    border: '1px dashed #6b6b6b',
    overflow: 'hidden',
    fontFamily: 'Arial, Helvetica, sans-serif',
    '@media print': { border: 'none', page: 'lda-label', breakInside: 'avoid' },
  },
  qr: { width: '26mm', height: '26mm', display: 'block' },
  text: { display: 'flex', flexDirection: 'column', gap: '0.5mm', minWidth: 0 },
  unit: { fontSize: '22pt', fontWeight: 700, lineHeight: 1, margin: 0 },
  unknown: { fontSize: '11pt', fontWeight: 700, lineHeight: 1.1, margin: 0 },
  shelf: { fontSize: '10pt', fontWeight: 700, margin: 0 },
  shortId: { fontSize: '8pt', fontFamily: 'monospace', margin: 0, overflowWrap: 'anywhere' },
});

/**
 * A package label: the unit number, the shelf, the short id and a QR code of the short id (the desk
 * scans it at release). No names and no other personal information: the label is seen by everyone
 * who walks past the shelf.
 */
export function PackageLabel({ pkg }: { pkg: Package }) {
  useLabelPage();
  const styles = useStyles();
  const { t } = useTranslation('packages-desk');
  return (
    <div className={styles.label} data-testid="package-label">
      <QRCodeSVG value={pkg.shortId} className={styles.qr} level="M" marginSize={0} title={t('label.qrTitle', { shortId: pkg.shortId })} />
      <div className={styles.text}>
        {pkg.unitNumber ? <p className={styles.unit}>{pkg.unitNumber}</p> : <p className={styles.unknown}>{t('label.unknown')}</p>}
        {pkg.location && <p className={styles.shelf}>{t('label.shelf', { location: pkg.location })}</p>}
        <p className={styles.shortId}>{pkg.shortId}</p>
      </div>
    </div>
  );
}
