import { Button, Divider, Link, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { CodeField, PasswordField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { emailPattern } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useLanguage } from '@/lib/use-language';
import { useSignedIn } from '@/lib/use-signed-in';
import { authApi } from '../api/auth-api';

type Mode = 'password' | 'code-request' | 'code-enter' | 'totp';

const useStyles = makeStyles({
  links: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
    '& > *': { minHeight: '24px', textAlign: 'start' },
  },
});

const fieldIds = { email: 'signin-email', password: 'signin-password', code: 'signin-code' };

/**
 * Sign-in: a real form (name and autocomplete attributes) so that password managers fill it; paste
 * allowed; "send me a one-time code instead" for people without their password at hand (WCAG
 * 3.3.8); the TOTP step for staff with a second factor.
 */
export default function SignInPage() {
  const { t } = useTranslation('auth');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const { expired } = useSession();
  const done = useSignedIn();
  const errors = useFormErrors(fieldIds);

  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [unverified, setUnverified] = useState(false);
  const [entra, setEntra] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    authApi.authOptions(controller.signal).then(
      (options) => setEntra(options.entra),
      () => setEntra(false),
    );
    return () => controller.abort();
  }, []);

  const switchMode = (next: Mode) => {
    errors.clear();
    setNotice(undefined);
    setUnverified(false);
    setCode('');
    setMode(next);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setUnverified(isApiError(error, 'email-unverified'));
      // Wrong credentials: said beside the password, the field a person corrects (the address may be right).
      errors.fromError(error, isApiError(error, 'invalid-credentials') ? 'password' : undefined);
    } finally {
      setBusy(false);
    }
  };

  const emailError = () => (!email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) ? t('errors.emailInvalid') : undefined);

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ email: emailError(), password: !password && t('errors.passwordRequired') })) {
      return;
    }
    void run(async () => {
      const result = await authApi.signIn({ email: email.trim(), password });
      if (result.status === 'totp-required') {
        setPassword('');
        switchMode('totp');
        return;
      }
      done(result.user);
    });
  };

  const submitCodeRequest = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ email: emailError() })) {
      return;
    }
    void run(async () => {
      await authApi.requestCode({ email: email.trim() });
      switchMode('code-enter');
      setNotice(t('signIn.codeSent', { email: email.trim() }));
    });
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ code: code.length !== 6 && t('errors.codeSixDigits') })) {
      return;
    }
    void run(async () => {
      const result = mode === 'totp' ? await authApi.signInTotp({ code }) : await authApi.signInWithCode({ email: email.trim(), code });
      done(result.user);
    });
  };

  const resendVerification = () =>
    void run(async () => {
      await authApi.resendVerification({ email: email.trim() });
      errors.clear();
      setUnverified(false);
      setNotice(t('signIn.verificationResent', { email: email.trim() }));
    });

  return (
    <Page title={mode === 'totp' ? t('signIn.totpTitle') : t('signIn.title')} narrow>
      {expired && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('signIn.expired')}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {unverified && (
        <Button onClick={resendVerification} disabled={busy}>
          {t('signIn.resendVerification')}
        </Button>
      )}

      <div className={styles.card}>
        {mode === 'password' && (
          <form className={styles.form} method="post" noValidate onSubmit={submitPassword} aria-labelledby="page-title">
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
              spellCheck={false}
              autoCapitalize="none"
            />
            <PasswordField
              id={fieldIds.password}
              name="password"
              label={t('fields.password')}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={errors.fieldError('password')}
              required
            />
            <FormSubmit busy={busy}>{t('signIn.submit')}</FormSubmit>
            <div className={styles.links}>
              <AppLink to={pathTo('forgotPassword', lang)}>{t('signIn.forgot')}</AppLink>
              <Link as="button" type="button" onClick={() => switchMode('code-request')}>
                {t('signIn.useCode')}
              </Link>
            </div>
          </form>
        )}

        {mode === 'code-request' && (
          <form className={styles.form} method="post" noValidate onSubmit={submitCodeRequest}>
            <p>{t('signIn.codeExplain')}</p>
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
              spellCheck={false}
              autoCapitalize="none"
            />
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('signIn.sendCode')}
              </Button>
              <Button appearance="secondary" onClick={() => switchMode('password')}>
                {t('signIn.usePassword')}
              </Button>
            </div>
          </form>
        )}

        {(mode === 'code-enter' || mode === 'totp') && (
          <form className={styles.form} method="post" noValidate onSubmit={submitCode}>
            <p>{mode === 'totp' ? t('signIn.totpExplain') : t('signIn.codeEnterExplain')}</p>
            <CodeField
              id={fieldIds.code}
              name="code"
              label={mode === 'totp' ? t('fields.totpCode') : t('fields.oneTimeCode')}
              value={code}
              onChange={setCode}
              error={errors.fieldError('code')}
              required
            />
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('signIn.submit')}
              </Button>
              {mode === 'code-enter' ? (
                <Button appearance="secondary" onClick={() => switchMode('code-request')}>
                  {t('signIn.sendAnotherCode')}
                </Button>
              ) : (
                <Button appearance="secondary" onClick={() => switchMode('password')}>
                  {t('signIn.startOver')}
                </Button>
              )}
            </div>
          </form>
        )}
      </div>

      {entra && mode === 'password' && (
        <>
          <Divider>{t('signIn.staffDivider')}</Divider>
          <Button
            appearance="secondary"
            onClick={() => window.location.assign(`/api/auth/entra/start?returnTo=${encodeURIComponent(pathTo('console', lang))}`)}
          >
            {t('signIn.microsoft')}
          </Button>
        </>
      )}

      <p>
        {t('signIn.noAccount')} <AppLink to={pathTo('signUp', lang)}>{t('signIn.createAccount')}</AppLink>
      </p>
    </Page>
  );
}
