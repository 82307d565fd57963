import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/lib/i18n';
import { staffRoles, type StaffRole } from '../api/types';

/** A staff role, from a native select (keyboard and mobile pickers work as people expect). */
export function RoleField({ id, label, value, onChange, error }: { id: string; label: string; value: StaffRole | ''; onChange: (role: StaffRole) => void; error?: string | undefined }) {
  const { t } = useTranslation('staff');
  return (
    <Field label={{ children: label, htmlFor: id }} required validationState={error ? 'error' : 'none'} validationMessage={error}>
      <Select id={id} name="role" value={value} onChange={(_e, d) => onChange(d.value as StaffRole)}>
        {value === '' && <option value="">{t('console.chooseRole')}</option>}
        {staffRoles.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * French or English, each named in its own language. `id` is the French radio's, so an error summary
 * can move focus to the group.
 */
export function LanguageField({ id, label, hint, value, onChange, error }: { id: string; label: string; hint?: string; value: Language; onChange: (lang: Language) => void; error?: string | undefined }) {
  return (
    <Field label={label} hint={hint} validationState={error ? 'error' : 'none'} validationMessage={error}>
      <RadioGroup value={value} onChange={(_e, d) => onChange(d.value as Language)} name={`${id}-language`}>
        <Radio id={id} value="fr" label="Français" lang="fr-CA" />
        <Radio value="en" label="English" lang="en-CA" />
      </RadioGroup>
    </Field>
  );
}
