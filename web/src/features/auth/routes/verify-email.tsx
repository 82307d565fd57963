import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { pathTo, readToken } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { emailPattern } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';
import { useSignedIn } from '@/lib/use-signed-in';
import { authApi } from '../api/auth-api';

const fieldIds = { token: 'verify-confirm', email: 'verify-resend-email' };

/**
 * The page of the email link (`/fr/verifier?jeton=…`, `/en/verify?token=…`). Mail scanners open
 * links: nothing happens on load; the person presses the button, which posts the token.
 */
export default function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const styles = useFormStyles();
  const lang = useLanguage();
  const [search] = useSearchParams();
  const token = readToken(search);
  const done = useSignedIn();
  const errors = useFormErrors(fieldIds);
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [email, setEmail] = useState('');
  const [resent, setResent] = useState(false);

  const confirm = async () => {
    if (!token) {
      return;
    }
    setBusy(true);
    try {
      const result = await authApi.verifyEmail({ token });
      done(result.user, t('verify.done'));
    } catch (error) {
      setExpired(isApiError(error, 'verification-expired'));
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const resend = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) ? t('errors.emailInvalid') : undefined;
    if (!errors.check({ email: problem })) {
      return;
    }
    setBusy(true);
    try {
      await authApi.resendVerification({ email: email.trim() });
      setResent(true);
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('verify.title')} narrow>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {!token ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('verify.noToken')} <AppLink to={pathTo('checkInbox', lang)}>{t('verify.enterCodeInstead')}</AppLink>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.card}>
          <div className={styles.form}>
            <p>{t('verify.explain')}</p>
            <div className={styles.actions}>
              <Button id={fieldIds.token} appearance="primary" onClick={() => void confirm()} disabled={busy}>
                {t('verify.confirm')}
              </Button>
            </div>
          </div>
        </div>
      )}

      {expired && !resent && (
        <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void resend(e)}>
          <p>{t('verify.expiredExplain')}</p>
          <TextField
            id={fieldIds.email}
            name="email"
            type="email"
            label={t('fields.email')}
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={errors.fieldError('email')}
            required
          />
          <FormSubmit busy={busy}>{t('verify.resend')}</FormSubmit>
        </form>
      )}
      {resent && (
        <MessageBar intent="success">
          <MessageBarBody>{t('verify.resent', { email: email.trim() })}</MessageBarBody>
        </MessageBar>
      )}
      <p>
        <AppLink to={pathTo('signIn', lang)}>{t('common:nav.signIn')}</AppLink>
      </p>
    </Page>
  );
}
