import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { CodeField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { authApi } from '@/features/auth/api/auth-api';
import { emailPattern } from '@/lib/format';
import { useSignedIn } from '@/lib/use-signed-in';

interface CheckInboxState {
  email?: string;
  approvalRequired?: boolean;
}

const fieldIds = { email: 'inbox-email', code: 'inbox-code' };

/** After sign-up: check your inbox, follow the link or type the 6-digit code here. */
export default function CheckInboxPage() {
  const { t } = useTranslation('signup');
  const styles = useFormStyles();
  const location = useLocation();
  const state = (location.state ?? {}) as CheckInboxState;
  const announce = useAnnounce();
  const done = useSignedIn();
  const errors = useFormErrors(fieldIds);
  const [email, setEmail] = useState(state.email ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);

  const emailProblem = () => (!email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) ? t('errors.emailInvalid') : undefined);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ email: emailProblem(), code: code.length !== 6 && t('errors.codeSixDigits') })) {
      return;
    }
    setBusy(true);
    try {
      const result = await authApi.verifyEmail({ email: email.trim(), code });
      done(result.user, t('inbox.verified'));
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    if (!errors.check({ email: emailProblem() })) {
      return;
    }
    setBusy(true);
    try {
      await authApi.resendVerification({ email: email.trim() });
      setResent(true);
      announce(t('inbox.resent', { email: email.trim() }));
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('inbox.title')} narrow>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('inbox.heading')}</MessageBarTitle>
          {state.email ? t('inbox.sentTo', { email: state.email }) : t('inbox.sent')}
        </MessageBarBody>
      </MessageBar>
      {state.approvalRequired && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('inbox.approvalRequired')}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void verify(e)}>
        <h2>{t('inbox.codeHeading')}</h2>
        <p>{t('inbox.codeExplain')}</p>
        {!state.email && (
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
        )}
        <CodeField
          id={fieldIds.code}
          name="code"
          label={t('fields.verificationCode')}
          value={code}
          onChange={setCode}
          error={errors.fieldError('code')}
          required
        />
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t('inbox.confirm')}
          </Button>
          <Button type="button" onClick={() => void resend()} disabled={busy}>
            {t('inbox.resend')}
          </Button>
        </div>
        {resent && <p>{t('inbox.resent', { email: email.trim() })}</p>}
      </form>
    </Page>
  );
}
