import {
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { PasswordRules, passwordProblem } from '@/components/forms/password-rules';
import { PasswordField, TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { emailPattern } from '@/lib/format';
import type { Language } from '@/lib/i18n';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { signupApi } from '../api/signup-api';
import type { Relationship } from '../api/types';
import { LegalDocumentDialog } from '../components/legal-document';

/** API field name → control id (for the error summary links). */
const fieldIds = {
  buildingId: 'signup-building',
  unitNumber: 'signup-unit',
  registrationCode: 'signup-code',
  fullName: 'signup-name',
  email: 'signup-email',
  password: 'signup-password',
  language: 'signup-language-fr',
  relationship: 'signup-relationship-owner',
  acceptTerms: 'signup-terms',
  acceptPrivacy: 'signup-privacy',
};

const useStyles = makeStyles({
  consent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  building: { margin: 0 },
});

/** Resident sign-up: unit verification by registration code, or approval by management without one. */
export default function SignUpPage() {
  const { t } = useTranslation('signup');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const navigate = useNavigate();
  const errors = useFormErrors(fieldIds);

  const buildings = useApiQuery((signal) => signupApi.buildings(signal), []);
  const [buildingChoice, setBuildingChoice] = useState('');
  const buildingId = buildingChoice || (buildings.data?.length === 1 ? buildings.data[0]!.id : '');
  const building = useApiQuery((signal) => (buildingId ? signupApi.building(buildingId, signal) : Promise.resolve(undefined)), [buildingId]);

  const [unitNumber, setUnitNumber] = useState('');
  const [registrationCode, setRegistrationCode] = useState('');
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Language>(lang);
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [acceptPrivacy, setAcceptPrivacy] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = errors.check({
      buildingId: !buildingId && t('errors.buildingRequired'),
      unitNumber: !unitNumber.trim() && t('errors.unitRequired'),
      fullName: !fullName.trim() && t('errors.nameRequired'),
      email: !email.trim() ? t('errors.emailRequired') : !emailPattern.test(email.trim()) && t('errors.emailInvalid'),
      password: passwordProblem(password),
      relationship: !relationship && t('errors.relationshipRequired'),
      acceptTerms: !acceptTerms && t('errors.termsRequired'),
      acceptPrivacy: !acceptPrivacy && t('errors.privacyRequired'),
    });
    if (!ok || !building.data || !relationship) {
      return;
    }
    setBusy(true);
    try {
      const code = registrationCode.trim().toUpperCase();
      const result = await signupApi.register({
        buildingId,
        unitNumber: unitNumber.trim(),
        ...(code ? { registrationCode: code } : {}),
        fullName: fullName.trim(),
        email: email.trim(),
        password,
        language,
        relationship,
        acceptTerms,
        acceptPrivacy,
        termsVersion: building.data.termsVersion,
        privacyVersion: building.data.privacyVersion,
      });
      void navigate(pathTo('checkInbox', lang), { state: { email: email.trim(), approvalRequired: result.approvalRequired } });
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const loadError = buildings.error ?? building.error;

  return (
    <Page title={t('title')} narrow>
      <p>{t('intro')}</p>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {loadError && (
        <MessageBar intent="error">
          <MessageBarBody>{loadError.title}</MessageBarBody>
        </MessageBar>
      )}
      {buildings.loading && !buildings.data && <PageLoading />}
      {buildings.data && buildings.data.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('noBuildings')}</MessageBarBody>
        </MessageBar>
      )}
      {buildings.data && buildings.data.length > 0 && (
        <form className={`${styles.form} ${styles.card}`} method="post" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="page-title">
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('sections.home')}</legend>
            <div className={styles.section}>
              {buildings.data.length === 1 ? (
                <p className={styles.building} id={fieldIds.buildingId}>
                  {t('buildingOnly', { name: buildings.data[0]!.name, address: buildings.data[0]!.address })}
                </p>
              ) : (
                <Field
                  label={{ children: t('fields.building'), htmlFor: fieldIds.buildingId }}
                  required
                  validationState={errors.fieldError('buildingId') ? 'error' : 'none'}
                  validationMessage={errors.fieldError('buildingId')}
                >
                  <Select id={fieldIds.buildingId} name="building" value={buildingChoice} onChange={(_e, d) => setBuildingChoice(d.value)}>
                    <option value="">{t('fields.buildingPlaceholder')}</option>
                    {buildings.data.map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.name} — {b.address}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <TextField
                id={fieldIds.unitNumber}
                name="unit"
                label={t('fields.unitNumber')}
                hint={t('hints.unitNumber')}
                autoComplete="off"
                value={unitNumber}
                onChange={setUnitNumber}
                error={errors.fieldError('unitNumber')}
                required
              />
              <TextField
                id={fieldIds.registrationCode}
                name="registration-code"
                label={t('fields.registrationCode')}
                hint={t('hints.registrationCode')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={registrationCode}
                onChange={setRegistrationCode}
                error={errors.fieldError('registrationCode')}
              />
              <Field
                label={t('fields.relationship')}
                hint={t('hints.relationship')}
                required
                validationState={errors.fieldError('relationship') ? 'error' : 'none'}
                validationMessage={errors.fieldError('relationship')}
              >
                <RadioGroup value={relationship} onChange={(_e, d) => setRelationship(d.value as Relationship)} name="relationship">
                  <Radio id="signup-relationship-owner" value="owner" label={t('relationship.owner')} />
                  <Radio id="signup-relationship-tenant" value="tenant" label={t('relationship.tenant')} />
                  <Radio id="signup-relationship-occupant" value="occupant" label={t('relationship.occupant')} />
                </RadioGroup>
              </Field>
            </div>
          </fieldset>

          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('sections.you')}</legend>
            <div className={styles.section}>
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
                hint={t('hints.email')}
                autoComplete="username"
                spellCheck={false}
                autoCapitalize="none"
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
              <Field
                label={t('fields.language')}
                validationState={errors.fieldError('language') ? 'error' : 'none'}
                validationMessage={errors.fieldError('language')}
              >
                <RadioGroup value={language} onChange={(_e, d) => setLanguage(d.value as Language)} name="language" layout="horizontal">
                  <Radio id="signup-language-fr" value="fr" label="Français" lang="fr-CA" />
                  <Radio id="signup-language-en" value="en" label="English" lang="en-CA" />
                </RadioGroup>
              </Field>
            </div>
          </fieldset>

          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('sections.consent')}</legend>
            <div className={styles.section}>
              <div className={styles.consent}>
                <Field validationState={errors.fieldError('acceptTerms') ? 'error' : 'none'} validationMessage={errors.fieldError('acceptTerms')}>
                  <Checkbox
                    id={fieldIds.acceptTerms}
                    name="accept-terms"
                    checked={acceptTerms}
                    onChange={(_e, d) => setAcceptTerms(d.checked === true)}
                    label={t('consent.terms')}
                  />
                </Field>
                <LegalDocumentDialog document="terms" label={t('consent.readTerms')} />
              </div>
              <div className={styles.consent}>
                <Field validationState={errors.fieldError('acceptPrivacy') ? 'error' : 'none'} validationMessage={errors.fieldError('acceptPrivacy')}>
                  <Checkbox
                    id={fieldIds.acceptPrivacy}
                    name="accept-privacy"
                    checked={acceptPrivacy}
                    onChange={(_e, d) => setAcceptPrivacy(d.checked === true)}
                    label={t('consent.privacy')}
                  />
                </Field>
                <LegalDocumentDialog document="privacy" label={t('consent.readPrivacy')} />
              </div>
            </div>
          </fieldset>

          <FormSubmit busy={busy || !building.data}>{t('submit')}</FormSubmit>
        </form>
      )}
      <p>
        {t('haveAccount')} <AppLink to={pathTo('signIn', lang)}>{t('common:nav.signIn')}</AppLink>
      </p>
    </Page>
  );
}
