import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '@/components/forms/text-field';
import { useFormStyles } from '@/components/forms/form-styles';
import { ApiError, markUnlocked } from '@/lib/api-client';
import { useSession } from '@/lib/session';
import { authApi } from '../api/auth-api';

/**
 * The console's idle lock: a modal dialog that asks for the password (`POST /api/auth/unlock`).
 * Requests made while locked wait and go through after the unlock. Signing out is always offered.
 */
export default function LockDialog({ open }: { open: boolean }) {
  const { t } = useTranslation('auth');
  const styles = useFormStyles();
  const { me, signOut } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError(t('lock.passwordRequired'));
      return;
    }
    setBusy(true);
    try {
      await authApi.unlock(password);
      setPassword('');
      setError(undefined);
      markUnlocked();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors.password ?? e.title) : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} modalType="alert">
      <DialogSurface aria-describedby="lock-dialog-text">
        <form onSubmit={(e) => void submit(e)} noValidate method="post">
          <DialogBody>
            <DialogTitle>{t('lock.title')}</DialogTitle>
            <DialogContent className={styles.form}>
              <p id="lock-dialog-text">{t('lock.text', { name: me?.fullName ?? '' })}</p>
              {/* Password managers match the account by this hidden username field. */}
              <input type="email" name="email" autoComplete="username" value={me?.email ?? ''} readOnly hidden />
              <PasswordField
                id="unlock-password"
                name="password"
                label={t('fields.password')}
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                error={error}
                required
              />
              {busy && (
                <MessageBar intent="info">
                  <MessageBarBody>{t('common:status.working')}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('lock.unlock')}
              </Button>
              <Button type="button" onClick={() => void signOut()}>
                {t('common:shell.signOut')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
