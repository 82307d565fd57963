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
  // Fluent's chevron is a 20 px Tab stop; DESIGN §9 wants 24 px targets.
  expandIcon: { minWidth: '24px', minHeight: '24px', display: 'inline-flex', alignItems: 'center', justifyContent: 'center' },
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
  /**
   * Called after a choice, to move on: focus the next field there. It runs once the key or click that chose is
   * handled (Fluent puts focus back in the input after a click on an option) and before the next key is: a scanner
   * types right after the Enter.
   */
  onChosen?: (recipient: Recipient) => void;
  /** Offer "unknown recipient" (logging); not when assigning a unit. */
  allowUnknown: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  /** A new value empties what was typed (the form starting over keeps the same input, and its focus). */
  resetKey?: number;
  /** The units and residents are still on their way: nothing to choose yet, not even "unknown recipient". */
  loading?: boolean;
}

/**
 * The recipient type-ahead: units and residents of the building, matched without regard to case or
 * accents. Typing highlights nothing (except an option that begins with what was typed, Fluent's
 * type-ahead); Enter then takes the first match, or "unknown recipient" (keeping the typed name) when
 * nothing matches. The arrow keys move in the list, ↓ first to the first match, and Enter takes the
 * highlighted option.
 *
 * Fluent's own first-option highlight is off (disableAutoFocus): it stays on an option while the list
 * changes under it, so with "504" typed before the roster arrived, Enter took « destinataire inconnu :
 * 504 », the only option when it was set; and ↓ went to the second suggestion, not the first.
 */
export function RecipientField({ id, label, hint, units, residents, value, onChange, onChosen, allowUnknown, error, inputRef, resetKey = 0, loading = false }: RecipientFieldProps) {
  const { t } = useTranslation('packages-desk');
  const styles = useStyles();
  const index = useMemo(() => buildRecipientIndex(units, residents), [units, residents]);
  const [typed, setTyped] = useState('');
  // The key press in which Fluent chose the highlighted option, so that the same Enter does not choose twice.
  const chosenBy = useRef<Event>(undefined);
  const [resetFor, setResetFor] = useState(resetKey);
  if (resetFor !== resetKey) {
    setResetFor(resetKey);
    setTyped('');
  }

  const text = value ? recipientText(value, t) : typed;
  const matches = useMemo(() => (loading ? [] : matchRecipients(index, typed)), [index, typed, loading]);
  const unknown: Recipient | undefined = allowUnknown && !loading && typed.trim() ? { kind: 'unknown', key: 'unknown', typed: typed.trim() } : undefined;
  const options: Recipient[] = [...matches, ...(unknown ? [unknown] : [])];

  const choose = (recipient: Recipient) => {
    onChange(recipient);
    if (onChosen) {
      // Not in a timer: Chromium runs input events before timers, so a scanner's first characters went to this
      // field, turning the choice back into free text (no recipient), and the package was never logged.
      queueMicrotask(() => onChosen(recipient));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') {
      return;
    }
    // Fluent chose the highlighted option in this key press already; otherwise take the best match.
    if (chosenBy.current !== event.nativeEvent && !value) {
      const first = options[0];
      if (first) {
        choose(first);
      }
    }
    chosenBy.current = undefined;
  };

  const emptyHint = loading ? t('recipient.loading') : typed.trim() === '' ? t('recipient.typeToSearch') : t('recipient.noMatch');

  return (
    <Field label={{ children: label, htmlFor: id }} hint={hint} required validationState={error ? 'error' : 'none'} validationMessage={error}>
      <Combobox
        id={id}
        ref={inputRef}
        freeform
        disableAutoFocus
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
        onOptionSelect={(event, data) => {
          const picked = options.find((o) => o.key === data.optionValue);
          if (picked) {
            chosenBy.current = event.nativeEvent;
            if (picked.kind === 'unknown') {
              setTyped(picked.typed);
            }
            choose(picked);
          }
        }}
        onKeyDown={onKeyDown}
        // Fluent names its chevron "Open" in English whatever the page's language.
        expandIcon={{ className: styles.expandIcon, 'aria-label': t('recipient.showChoices', { label }) }}
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
            {emptyHint}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
