import { Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@/features/units/api/types';
import type { BuildingResident } from '../api/types';
import { buildRecipientIndex, matchRecipients, type RecipientOption } from '../recipients';

/** What the desk chose: a unit, a resident (of a unit), or nobody known (the typed name is kept). */
export type Recipient = RecipientOption | { kind: 'unknown'; key: 'unknown'; typed: string };

const useStyles = makeStyles({
  secondary: { color: tokens.colorNeutralForeground2 },
  option: { minHeight: '32px' },
});

export function recipientText(recipient: Recipient, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (recipient.kind) {
    case 'unit':
      return t('recipient.unitText', { unit: recipient.unitNumber });
    case 'resident':
      return t('recipient.residentText', { name: recipient.name, unit: recipient.unitNumber });
    default:
      return t('recipient.unknownText', { name: recipient.typed });
  }
}

interface RecipientFieldProps {
  id: string;
  label: string;
  hint?: string;
  units: Unit[];
  residents: BuildingResident[];
  value: Recipient | undefined;
  onChange: (recipient: Recipient | undefined) => void;
  /** Called after a choice, to move on (focus the next field). */
  onChosen?: (recipient: Recipient) => void;
  /** Offer "unknown recipient" (logging); not when assigning a unit. */
  allowUnknown: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  /** A new value empties what was typed (the form starting over keeps the same input, and its focus). */
  resetKey?: number;
}

/**
 * The recipient type-ahead: units and residents of the building, matched without regard to case or
 * accents. Arrow keys move in the list and Enter chooses; Enter with nothing highlighted takes the
 * first match, or "unknown recipient" (keeping the typed name) when nothing matches.
 */
export function RecipientField({ id, label, hint, units, residents, value, onChange, onChosen, allowUnknown, error, inputRef, resetKey = 0 }: RecipientFieldProps) {
  const { t } = useTranslation('packages-desk');
  const styles = useStyles();
  const index = useMemo(() => buildRecipientIndex(units, residents), [units, residents]);
  const [typed, setTyped] = useState('');
  const chosenInKeyDown = useRef(false);
  const [resetFor, setResetFor] = useState(resetKey);
  if (resetFor !== resetKey) {
    setResetFor(resetKey);
    setTyped('');
  }

  const text = value ? recipientText(value, t) : typed;
  const matches = useMemo(() => matchRecipients(index, typed), [index, typed]);
  const unknown: Recipient | undefined = allowUnknown && typed.trim() ? { kind: 'unknown', key: 'unknown', typed: typed.trim() } : undefined;
  const options: Recipient[] = [...matches, ...(unknown ? [unknown] : [])];

  const choose = (recipient: Recipient) => {
    onChange(recipient);
    onChosen?.(recipient);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') {
      return;
    }
    // Fluent chose the highlighted option already; otherwise take the best match.
    if (!chosenInKeyDown.current && !value) {
      const first = options[0];
      if (first) {
        choose(first);
      }
    }
    chosenInKeyDown.current = false;
  };

  return (
    <Field label={{ children: label, htmlFor: id }} hint={hint} required validationState={error ? 'error' : 'none'} validationMessage={error}>
      <Combobox
        id={id}
        ref={inputRef}
        freeform
        autoComplete="off"
        value={text}
        selectedOptions={value ? [value.key] : []}
        placeholder={t('recipient.placeholder')}
        onChange={(event) => {
          setTyped(event.target.value);
          if (value) {
            onChange(undefined);
          }
        }}
        onOptionSelect={(_event, data) => {
          const picked = options.find((o) => o.key === data.optionValue);
          if (picked) {
            chosenInKeyDown.current = true;
            if (picked.kind === 'unknown') {
              setTyped(picked.typed);
            }
            choose(picked);
          }
        }}
        onKeyDown={onKeyDown}
      >
        {options.map((o) => (
          <Option key={o.key} value={o.key} text={recipientText(o, t)} className={styles.option}>
            {o.kind === 'unit' && (
              <span>
                {t('recipient.unitText', { unit: o.unitNumber })}
                {o.names.length > 0 && <span className={styles.secondary}> — {o.names.join(', ')}</span>}
              </span>
            )}
            {o.kind === 'resident' && <span>{recipientText(o, t)}</span>}
            {o.kind === 'unknown' && <span>{t('recipient.unknownOption', { name: o.typed })}</span>}
          </Option>
        ))}
        {options.length === 0 && (
          <Option key="hint" value="" text="" disabled>
            {typed.trim() === '' ? t('recipient.typeToSearch') : t('recipient.noMatch')}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
