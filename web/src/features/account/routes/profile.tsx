import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { PasswordRules, passwordProblem } from '@/components/forms/password-rules';
import { PasswordField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { useCurrentPage } from '@/app/route-handle';
import { translatePath } from '@/config/paths';
import { emailPattern } from '@/lib/format';
import { rememberLanguage, type Language } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useThemePreference, type ThemePreference } from '@/lib/theme/theme-preference';
import { useLanguage } from '@/lib/use-language';
import { accountApi } from '../api/account-api';

const useStyles = makeStyles({
  sections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
});

function Saved({ text }: { text: string | undefined }) {
  return text ? (
    <MessageBar intent="success">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  ) : null;
}

function NameForm() {
  const { t } = useTranslation('account');
  const styles = useFormStyles();
  const { me, signedIn } = useSession();
  const errors = useFormErrors({ fullName: 'profile-name' });
  const [fullName, setFullName] = useState(me?.fullName ?? '');
  const [saved, setSaved] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (!errors.check({ fullName: !fullName.trim() && t('errors.nameRequired') })) {
      return;
    }
    try {
      signedIn(await accountApi.updateProfile({ fullName: fullName.trim() }));
      setSaved(t('profile.saved'));
    } catch (error) {
      errors.fromError(error);
    }
  };

  return (
    <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void submit(e)} aria-labelledby="profile-about">
      <h2 id="profile-about">{t('profile.aboutHeading')}</h2>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <Saved text={saved} />
      <TextField id="profile-name" name="name" label={t('fields.fullName')} autoComplete="name" value={fullName} onChange={setFullName} error={errors.fieldError('fullName')} required />
      <p>{t('profile.email', { email: me?.email ?? '' })}</p>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          {t('common:actions.save')}
        </Button>
      </div>
    </form>
  );
}

function PreferencesForm() {
  const { t } = useTranslation('account');
  const styles = useFormStyles();
  const lang = useLanguage();
  const navigate = useNavigate();
  const { me, signedIn } = useSession();
  const { page, params } = useCurrentPage();
  const { preference, setPreference } = useThemePreference();
  const [error, setError] = useState<string>();

  const changeLanguage = async (next: Language) => {
    setError(undefined);
    try {
      await accountApi.setLanguage({ language: next });
      rememberLanguage(next);
      if (me) {
        signedIn({ ...me, language: next });
      }
      if (page && next !== lang) {
        void navigate(translatePath(page, next, params, ''));
      }
    } catch {
      setError(t('common:errors.unexpected'));
    }
  };

  return (
    <section className={`${styles.form} ${styles.card}`} aria-labelledby="profile-preferences">
      <h2 id="profile-preferences">{t('profile.preferencesHeading')}</h2>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('profile.language')} hint={t('profile.languageHint')}>
        <RadioGroup value={me?.language ?? lang} onChange={(_e, d) => void changeLanguage(d.value as Language)} name="language">
          <Radio value="fr" label="Français" lang="fr-CA" />
          <Radio value="en" label="English" lang="en-CA" />
        </RadioGroup>
      </Field>
      <Field label={t('profile.theme')}>
        <RadioGroup value={preference} onChange={(_e, d) => setPreference(d.value as ThemePreference)} name="theme">
          <Radio value="system" label={t('profile.themeSystem')} />
          <Radio value="light" label={t('profile.themeLight')} />
          <Radio value="dark" label={t('profile.themeDark')} />
        </RadioGroup>
      </Field>
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation('account');
  const styles = useFormStyles();
  const { me } = useSession();
  const errors = useFormErrors({ currentPassword: 'profile-current-password', newPassword: 'profile-new-password' });
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [saved, setSaved] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (!errors.check({ currentPassword: !currentPassword && t('common:errors.passwordRequired'), newPassword: passwordProblem(newPassword) })) {
      return;
    }
    try {
      await accountApi.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setSaved(t('profile.passwordChanged'));
    } catch (error) {
      errors.fromError(error);
    }
  };

  return (
    <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void submit(e)} aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.passwordHeading')}</h2>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <Saved text={saved} />
      <input type="email" name="email" autoComplete="username" value={me?.email ?? ''} readOnly hidden />
      <PasswordField
        id="profile-current-password"
        name="current-password"
        label={t('fields.currentPassword')}
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.fieldError('currentPassword')}
        required
      />
      <PasswordField
        id="profile-new-password"
        name="new-password"
        label={t('fields.newPassword')}
        hint={<PasswordRules />}
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
        error={errors.fieldError('newPassword')}
        required
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          {t('profile.changePassword')}
        </Button>
      </div>
    </form>
  );
}

function EmailForm() {
  const { t } = useTranslation('account');
  const styles = useFormStyles();
  const errors = useFormErrors({ newEmail: 'profile-new-email', currentPassword: 'profile-email-password' });
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [sent, setSent] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(undefined);
    const problem = !newEmail.trim() ? t('errors.emailRequired') : !emailPattern.test(newEmail.trim()) ? t('errors.emailInvalid') : undefined;
    if (!errors.check({ newEmail: problem, currentPassword: !currentPassword && t('common:errors.passwordRequired') })) {
      return;
    }
    try {
      await accountApi.changeEmail({ newEmail: newEmail.trim(), currentPassword });
      setCurrentPassword('');
      setSent(t('profile.emailSent', { email: newEmail.trim() }));
    } catch (error) {
      errors.fromError(error);
    }
  };

  return (
    <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={(e) => void submit(e)} aria-labelledby="profile-email">
      <h2 id="profile-email">{t('profile.emailHeading')}</h2>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <Saved text={sent} />
      <TextField
        id="profile-new-email"
        name="new-email"
        type="email"
        label={t('fields.newEmail')}
        autoComplete="email"
        value={newEmail}
        onChange={setNewEmail}
        error={errors.fieldError('newEmail')}
        required
      />
      <PasswordField
        id="profile-email-password"
        name="current-password"
        label={t('fields.currentPassword')}
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.fieldError('currentPassword')}
        required
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          {t('profile.changeEmail')}
        </Button>
      </div>
    </form>
  );
}

/** Profile and preferences: name, language (account and interface), theme, password, address. */
export default function ProfilePage() {
  const { t } = useTranslation('account');
  const styles = useStyles();
  return (
    <Page title={t('profile.title')} narrow>
      <div className={styles.sections}>
        <NameForm />
        <PreferencesForm />
        <PasswordForm />
        <EmailForm />
      </div>
    </Page>
  );
}
