import { useTranslation } from 'react-i18next';
import { i18n } from '@/lib/i18n';

export const minPasswordLength = 12;

/** The password requirements, shown before typing (the server checks them again, with the breached-password list). */
export function PasswordRules() {
  const { t } = useTranslation('common');
  return <>{t('password.rules', { min: minPasswordLength })}</>;
}

/** The client-side part of the rules: empty or too short. */
export function passwordProblem(password: string): string | undefined {
  if (!password) {
    return i18n.t('common:errors.passwordRequired');
  }
  if (password.length < minPasswordLength) {
    return i18n.t('common:errors.passwordTooShort', { min: minPasswordLength });
  }
  return undefined;
}
