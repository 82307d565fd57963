import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { PasswordRules, passwordProblem } from '@/components/forms/password-rules';
import { CodeField, PasswordField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { readToken } from '@/config/paths';
import { emailPattern } from '@/lib/format';
import { useSignedIn } from '@/lib/use-signed-in';
import { authApi } from '../api/auth-api';
import type { FirstAdminEnrollment } from '../api/types';
import { TotpEnrollment } from '../components/totp-enrollment';

const fieldIds = { fullName: 'setup-name', email: 'setup-email', password: 'setup-password', code: 'setup-code' };

/**
 * First start of a self-host without demo data: the console printed a single-use link
 * (`/fr/configuration?jeton=…`). Account form → authenticator enrollment → signed in to the console.
 */
export default function FirstAdminSetupPage() {
  const { t } = useTranslation('auth');
  const styles = useFormStyles();
  const [search] = useSearchParams();
  const token = readToken(search);
  const done = useSignedIn();
  const errors = useFormErrors(fieldIds);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrollment, setEnrollment] = useState<FirstAdminEnrollment>();
  const [busy, setBusy] = useState(false);

  const createAccount = async (event: FormEvent) => {
    event.preventDefault();
    if (
      !token ||
      !errors.check({
        fullName: !fullName.trim() && t('errors.nameRequired'),
        email: !email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) && t('errors.emailInvalid'),
        password: passwordProblem(password),
      })
    ) {
      return;
    }
    setBusy(true);
    try {
      setEnrollment(await authApi.setupFirstAdmin({ token, fullName: fullName.trim(), email: email.trim(), password }));
      setPassword('');
      errors.clear();
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const confirmCode = async (event: FormEvent) => {
    event.preventDefault();
    if (!token || !errors.check({ code: code.length !== 6 && t('errors.codeSixDigits') })) {
      return;
    }
    setBusy(true);
    try {
      const result = await authApi.setupFirstAdminTotp({ token, code });
      done(result.user);
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('setup.title')} narrow>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {!token && (
        <MessageBar intent="error">
          <MessageBarBody>{t('setup.noToken')}</MessageBarBody>
        </MessageBar>
      )}
      {token && !enrollment && (
        <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void createAccount(e)}>
          <h2>{t('setup.accountHeading')}</h2>
          <p>{t('setup.explain')}</p>
          <TextField
            id={fieldIds.fullName}
            name="name"
            label={t('fields.fullName')}
            autoComplete="name"
            value={fullName}
            onChange={setFullName}
            error={errors.fieldError('fullName')}
            required
          />
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
          <PasswordField
            id={fieldIds.password}
            name="new-password"
            label={t('fields.password')}
            hint={<PasswordRules />}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.fieldError('password')}
            required
          />
          <FormSubmit busy={busy}>{t('setup.createAccount')}</FormSubmit>
        </form>
      )}
      {token && enrollment && (
        <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void confirmCode(e)}>
          <h2>{t('setup.totpHeading')}</h2>
          <TotpEnrollment secret={enrollment.totpSecret} otpauthUri={enrollment.otpauthUri} />
          <CodeField
            id={fieldIds.code}
            name="code"
            label={t('fields.totpCode')}
            value={code}
            onChange={setCode}
            error={errors.fieldError('code')}
            required
          />
          <FormSubmit busy={busy}>{t('setup.finish')}</FormSubmit>
        </form>
      )}
    </Page>
  );
}
