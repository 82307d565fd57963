import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  video: { width: '100%', maxHeight: '60vh', backgroundColor: '#000000', borderRadius: '4px' },
});

interface ScanDialogProps {
  open: boolean;
  title: string;
  /** A barcode or QR code was read: the dialog's owner closes it. */
  onScanned: (text: string) => void;
  onClose: () => void;
}

/**
 * Reads a barcode or QR code with the device's camera (rear camera preferred) through ZXing, loaded on
 * demand. The camera is stopped as soon as the dialog closes, a code is read, or the page goes away.
 * Keep it mounted and open it with `open` (see FormDialog).
 */
export function ScanDialog({ open, title, onScanned, onClose }: ScanDialogProps) {
  const { t } = useTranslation('packages-desk');
  const styles = useStyles();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const scannedRef = useRef(onScanned);
  useEffect(() => {
    scannedRef.current = onScanned;
  });

  useEffect(() => {
    if (!open) {
      return undefined;
    }
    let stopped = false;
    let controls: { stop: () => void } | undefined;
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        throw new Error('no camera');
      }
      const { BrowserMultiFormatReader } = await import('@zxing/browser');
      const video = videoRef.current;
      if (stopped || !video) {
        return;
      }
      const reader = new BrowserMultiFormatReader();
      const started = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result, _error, c) => {
        if (result && !stopped) {
          stopped = true;
          c.stop();
          scannedRef.current(result.getText());
        }
      });
      controls = started;
      if (stopped) {
        started.stop();
      }
    };
    // Starting the camera is synchronising with an outside system, what effects are for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setFailed(false);
    start().catch(() => {
      if (!stopped) {
        setFailed(true);
      }
    });
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [open]);

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <p>{t('scan.explain')}</p>
            {failed && (
              <MessageBar intent="warning">
                <MessageBarBody>{t('scan.noCamera')}</MessageBarBody>
              </MessageBar>
            )}
            {/* A live camera view: nothing to caption. */}
            <video ref={videoRef} className={styles.video} muted playsInline aria-label={t('scan.video')} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('scan.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
