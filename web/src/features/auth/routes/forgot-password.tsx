import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { emailPattern } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';
import { authApi } from '../api/auth-api';

const fieldIds = { email: 'forgot-email' };

/** Forgot password → "check your inbox" (the same answer whether or not the address has an account). */
export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const styles = useFormStyles();
  const lang = useLanguage();
  const errors = useFormErrors(fieldIds);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) ? t('errors.emailInvalid') : undefined;
    if (!errors.check({ email: problem })) {
      return;
    }
    setBusy(true);
    try {
      await authApi.forgotPassword({ email: email.trim() });
      setSent(true);
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={sent ? t('forgot.sentTitle') : t('forgot.title')} narrow>
      {sent ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('forgot.sentHeading')}</MessageBarTitle>
            {t('forgot.sent', { email: email.trim() })}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
          <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void submit(e)}>
            <p>{t('forgot.explain')}</p>
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
            <FormSubmit busy={busy}>{t('forgot.submit')}</FormSubmit>
          </form>
        </>
      )}
      <p>
        <AppLink to={pathTo('signIn', lang)}>{t('forgot.backToSignIn')}</AppLink>
      </p>
    </Page>
  );
}
