import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { useFormStyles } from './form-styles';

interface FormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  /** `alert` for a confirmation that must be answered (no light dismiss). */
  modalType?: 'modal' | 'alert';
  children: ReactNode;
}

/**
 * A dialog holding one form: its content, then the primary submit button and cancel. Keep it mounted and
 * open it with `open`: unmounting an open Fluent dialog leaves the rest of the page hidden from assistive
 * technologies (its modalizer never restores aria-hidden).
 */
export function FormDialog({ open, title, submitLabel, cancelLabel, busy, onSubmit, onClose, modalType, children }: FormDialogProps) {
  const styles = useFormStyles();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <Dialog open={open} modalType={modalType} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>{children}</DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {submitLabel}
              </Button>
              <Button type="button" onClick={onClose}>
                {cancelLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
