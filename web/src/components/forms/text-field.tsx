import { Button, Field, Input, type InputProps } from '@fluentui/react-components';
import { EyeOffRegular, EyeRegular } from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | ReactElement;
  error?: string | undefined;
  required?: boolean;
  type?: InputProps['type'];
  autoComplete?: string;
  inputMode?: InputProps['inputMode'];
  maxLength?: number;
  spellCheck?: boolean;
  autoCapitalize?: string;
  contentAfter?: InputProps['contentAfter'];
  lang?: string;
}

/**
 * A labelled input: the label's `for` points at the input's own id (so error summaries can link to
 * it), and Fluent's Field sets aria-describedby (error, hint) and aria-invalid on the input.
 */
export function TextField({ id, label, hint, error, required, onChange, contentAfter, ...input }: TextFieldProps) {
  return (
    <Field
      label={{ children: label, htmlFor: id }}
      hint={hint}
      required={required}
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
    >
      <Input {...input} id={id} contentAfter={contentAfter} onChange={(_e, data) => onChange(data.value)} />
    </Field>
  );
}

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'contentAfter' | 'autoComplete'> & {
  autoComplete: 'current-password' | 'new-password';
};

/**
 * A password input with a show/hide button. Pasting is allowed and password managers work
 * (WCAG 3.3.8): a real name and autocomplete attribute, no blocked events.
 */
export function PasswordField(props: PasswordFieldProps) {
  const { t } = useTranslation('common');
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      contentAfter={
        <Button
          appearance="transparent"
          size="small"
          icon={visible ? <EyeOffRegular /> : <EyeRegular />}
          aria-pressed={visible}
          aria-label={t('password.show')}
          aria-controls={props.id}
          onClick={() => setVisible((v) => !v)}
        />
      }
    />
  );
}

type CodeFieldProps = Omit<TextFieldProps, 'type' | 'inputMode' | 'autoComplete' | 'maxLength'>;

/** A 6-digit code (email verification, one-time sign-in, TOTP): numeric keypad, one-time-code autofill. */
export function CodeField(props: CodeFieldProps) {
  return (
    <TextField
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      spellCheck={false}
      onChange={(value) => props.onChange(value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}
