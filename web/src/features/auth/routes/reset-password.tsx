import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { PasswordField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { pathTo, readToken } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useLanguage } from '@/lib/use-language';
import { authApi } from '../api/auth-api';
import { PasswordRules, passwordProblem } from '@/components/forms/password-rules';

const fieldIds = { newPassword: 'reset-password' };

/** The page of the reset link (`/fr/reinitialiser?jeton=…`, `/en/reset-password?token=…`): a form that posts. */
export default function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const styles = useFormStyles();
  const lang = useLanguage();
  const [search] = useSearchParams();
  const token = readToken(search);
  const errors = useFormErrors(fieldIds);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [linkProblem, setLinkProblem] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token || !errors.check({ newPassword: passwordProblem(password) })) {
      return;
    }
    setBusy(true);
    try {
      await authApi.resetPassword({ token, newPassword: password });
      setDone(true);
    } catch (error) {
      setLinkProblem(isApiError(error, 'verification-expired') || isApiError(error, 'verification-invalid'));
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Page title={t('reset.doneTitle')} narrow>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('reset.doneHeading')}</MessageBarTitle>
            {t('reset.done')}
          </MessageBarBody>
        </MessageBar>
        <p>
          <AppLink to={pathTo('signIn', lang)}>{t('common:nav.signIn')}</AppLink>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t('reset.title')} narrow>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {(!token || linkProblem) && (
        <MessageBar intent="error">
          <MessageBarBody>
            {!token && t('reset.noToken')} <AppLink to={pathTo('forgotPassword', lang)}>{t('reset.askAgain')}</AppLink>
          </MessageBarBody>
        </MessageBar>
      )}
      {token && (
        <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void submit(e)}>
          <PasswordField
            id={fieldIds.newPassword}
            name="new-password"
            label={t('fields.newPassword')}
            hint={<PasswordRules />}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.fieldError('newPassword')}
            required
          />
          <FormSubmit busy={busy}>{t('reset.submit')}</FormSubmit>
        </form>
      )}
    </Page>
  );
}
