import { Button } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useFormStyles } from './form-styles';

/** A form's primary submit button in its actions row, disabled while the form is sending. */
export function FormSubmit({ busy, children }: { busy: boolean; children: ReactNode }) {
  const styles = useFormStyles();
  return (
    <div className={styles.actions}>
      <Button type="submit" appearance="primary" disabled={busy}>
        {children}
      </Button>
    </div>
  );
}
