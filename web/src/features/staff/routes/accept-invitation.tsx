import { Button, Divider, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { PasswordRules, passwordProblem } from '@/components/forms/password-rules';
import { CodeField, PasswordField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo, readToken } from '@/config/paths';
import { authApi } from '@/features/auth/api/auth-api';
import { TotpEnrollment } from '@/features/auth/components/totp-enrollment';
import type { Language } from '@/lib/i18n';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { useSignedIn } from '@/lib/use-signed-in';
import { entraInvitationHref, invitationApi } from '../api/staff-api';
import type { InvitationDetails } from '../api/types';
import { LanguageField } from '../components/staff-fields';

const fieldIds = { fullName: 'invitation-name', password: 'invitation-password', language: 'invitation-language', code: 'invitation-code', token: 'invitation-accept' };

const useStyles = makeStyles({
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
    '@media (max-width: 30em)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

type Enrolment = { totpSecret: string; otpauthUri: string };

/**
 * The link of a staff invitation email (`/fr/invitation?jeton=…`, `/en/invitation?token=…`). The page
 * shows the invitation (POST invitations/inspect changes nothing); the person then accepts by the form
 * their address calls for: a new account (name, password, language), an existing resident account
 * (its password), or an existing staff account (one button). A password account then enrols an
 * authenticator, and the code confirms it, creates the account and signs it in to the console.
 * Where Entra ID is configured, "Accept with Microsoft" replaces the password for new and staff accounts.
 */
export default function AcceptInvitationPage() {
  const { t } = useTranslation('staff');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const [search] = useSearchParams();
  const token = readToken(search);
  const invitation = useApiQuery((signal) => (token ? invitationApi.inspect(token, signal) : Promise.resolve(undefined)), [token]);
  const [entra, setEntra] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    authApi.authOptions(controller.signal).then(
      (options) => setEntra(options.entra),
      () => setEntra(false),
    );
    return () => controller.abort();
  }, []);

  return (
    <Page title={t('invitation.title')} narrow>
      {!token && (
        <MessageBar intent="error">
          <MessageBarBody>{t('invitation.noToken')}</MessageBarBody>
        </MessageBar>
      )}
      {token && invitation.loading && !invitation.data && !invitation.error && <PageLoading />}
      {token && invitation.error && (
        <MessageBar intent={invitation.error.code === 'invitation-expired' ? 'warning' : 'error'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('invitation.unusable')}</MessageBarTitle>
            {invitation.error.title}
            {invitation.error.detail && <> {invitation.error.detail}</>}
          </MessageBarBody>
        </MessageBar>
      )}
      {token && invitation.data && (
        <>
          <section className={styles.card} aria-labelledby="invitation-summary">
            <h2 id="invitation-summary">{t('invitation.greeting', { name: invitation.data.fullName, building: invitation.data.buildingName })}</h2>
            <dl className={styles.details}>
              <dt className={styles.term}>{t('invitation.building')}</dt>
              <dd className={styles.value}>{invitation.data.buildingName}</dd>
              <dt className={styles.term}>{t('invitation.role')}</dt>
              <dd className={styles.value}>{t(`roles.${invitation.data.role}`)}</dd>
              <dt className={styles.term}>{t('invitation.name')}</dt>
              <dd className={styles.value}>{invitation.data.fullName}</dd>
              <dt className={styles.term}>{t('invitation.email')}</dt>
              <dd className={styles.value}>{invitation.data.email}</dd>
              <dt className={styles.term}>{t('invitation.expires')}</dt>
              <dd className={styles.value}>{formatDateTime(invitation.data.expiresAt, lang)}</dd>
            </dl>
          </section>
          <Acceptance token={token} invitation={invitation.data} entra={entra} />
        </>
      )}
    </Page>
  );
}

function Acceptance({ token, invitation, entra }: { token: string; invitation: InvitationDetails; entra: boolean }) {
  const { t } = useTranslation('staff');
  const styles = useFormStyles();
  const lang = useLanguage();
  const navigate = useNavigate();
  const session = useSession();
  const done = useSignedIn();
  const errors = useFormErrors(fieldIds);
  const [fullName, setFullName] = useState(invitation.fullName);
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Language>(lang);
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [added, setAdded] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const accept = (event: FormEvent) => {
    event.preventDefault();
    const valid =
      invitation.account === 'new'
        ? errors.check({ fullName: fullName.trim().length < 2 && t('invitation.nameRequired'), password: passwordProblem(password) })
        : invitation.account === 'resident'
          ? errors.check({ password: !password && t('auth:errors.passwordRequired') })
          : errors.check({});
    if (!valid) {
      return;
    }
    void run(async () => {
      const body =
        invitation.account === 'new'
          ? { token, fullName: fullName.trim(), password, language }
          : invitation.account === 'resident'
            ? { token, password }
            : { token };
      const result = await invitationApi.accept(body);
      setPassword('');
      errors.clear();
      if (result.status === 'totp-enrolment') {
        setEnrolment({ totpSecret: result.totpSecret, otpauthUri: result.otpauthUri });
        return;
      }
      // An existing staff account: the membership is added; a signed-in session sees the new building.
      if (session.status === 'signed-in') {
        await session.reload();
      }
      setAdded(true);
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ code: code.length !== 6 && t('auth:errors.codeSixDigits') })) {
      return;
    }
    void run(async () => {
      const result = await invitationApi.confirmTotp({ token, code });
      done(result.user);
    });
  };

  const summary = <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />;

  if (added) {
    return (
      <section className={`${styles.form} ${styles.card}`} aria-labelledby="invitation-added">
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle id="invitation-added">{t('invitation.acceptedTitle')}</MessageBarTitle>
            {t('invitation.accepted', { building: invitation.buildingName })}
          </MessageBarBody>
        </MessageBar>
        <div className={styles.actions}>
          {session.status === 'signed-in' ? (
            <Button appearance="primary" onClick={() => void navigate(pathTo('console', lang))}>
              {t('invitation.openConsole')}
            </Button>
          ) : (
            <Button appearance="primary" onClick={() => void navigate(pathTo('signIn', lang), { state: { returnTo: pathTo('console', lang) } })}>
              {t('invitation.signIn')}
            </Button>
          )}
        </div>
      </section>
    );
  }

  if (enrolment) {
    return (
      <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={confirm} aria-labelledby="invitation-totp">
        <h2 id="invitation-totp">{t('invitation.totpHeading')}</h2>
        <p>{t('invitation.totpExplain')}</p>
        {summary}
        <TotpEnrollment secret={enrolment.totpSecret} otpauthUri={enrolment.otpauthUri} />
        <CodeField id={fieldIds.code} name="code" label={t('auth:fields.totpCode')} value={code} onChange={setCode} error={errors.fieldError('code')} required />
        <FormSubmit busy={busy}>{t('invitation.finish')}</FormSubmit>
      </form>
    );
  }

  const microsoft = entra && invitation.account !== 'resident' && (
    <>
      <Divider>{t('invitation.or')}</Divider>
      <p>{t('invitation.microsoftHint')}</p>
      <div className={styles.actions}>
        <Button as="a" appearance="secondary" href={entraInvitationHref(token, pathTo('console', lang))}>
          {t('invitation.microsoft')}
        </Button>
      </div>
    </>
  );

  return (
    <form className={`${styles.form} ${styles.card}`} noValidate method="post" onSubmit={accept} aria-labelledby="invitation-accept-heading">
      {invitation.account === 'new' && (
        <>
          <h2 id="invitation-accept-heading">{t('invitation.newHeading')}</h2>
          <p>{t('invitation.newExplain')}</p>
          {summary}
          <TextField id={fieldIds.fullName} name="name" label={t('auth:fields.fullName')} autoComplete="name" value={fullName} onChange={setFullName} error={errors.fieldError('fullName')} required />
          {/* The address is the invitation's: shown for password managers, not editable. */}
          <input type="hidden" name="email" autoComplete="username" value={invitation.email} />
          <PasswordField
            id={fieldIds.password}
            name="new-password"
            label={t('auth:fields.password')}
            hint={<PasswordRules />}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.fieldError('password')}
            required
          />
          <LanguageField id={fieldIds.language} label={t('invitation.language')} value={language} onChange={setLanguage} error={errors.fieldError('language')} />
        </>
      )}
      {invitation.account === 'resident' && (
        <>
          <h2 id="invitation-accept-heading">{t('invitation.residentHeading')}</h2>
          <p>{t('invitation.residentExplain', { email: invitation.email })}</p>
          {summary}
          <input type="hidden" name="email" autoComplete="username" value={invitation.email} />
          <PasswordField
            id={fieldIds.password}
            name="password"
            label={t('invitation.currentPassword')}
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.fieldError('password')}
            required
          />
        </>
      )}
      {invitation.account === 'staff' && (
        <>
          <h2 id="invitation-accept-heading">{t('invitation.staffHeading')}</h2>
          <p>{t('invitation.staffExplain', { email: invitation.email })}</p>
          {summary}
        </>
      )}
      <div className={styles.actions}>
        <Button id={fieldIds.token} type="submit" appearance="primary" disabled={busy}>
          {invitation.account === 'staff' ? t('invitation.accept') : t('invitation.continue')}
        </Button>
      </div>
      {microsoft}
    </form>
  );
}
