import { Checkbox, Field, Radio, RadioGroup, Select, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormStyles } from '@/components/forms/form-styles';
import { carriers, packageFlags, packageSizes, type Carrier, type PackageFlag, type PackageSize } from '../api/types';

/** The carrier, from a native select (detected from the tracking number, and editable). */
export function CarrierField({ id, value, onChange, hint }: { id: string; value: Carrier; onChange: (carrier: Carrier) => void; hint?: string }) {
  const { t } = useTranslation('packages-desk');
  return (
    <Field label={{ children: t('fields.carrier'), htmlFor: id }} hint={hint}>
      <Select id={id} value={value} onChange={(_e, d) => onChange(d.value as Carrier)}>
        {carriers.map((c) => (
          <option key={c} value={c}>
            {t(`carriers.${c}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

// Fluent's horizontal radio group keeps its radios on one line: on a phone the four sizes would push
// the page sideways (« Très grand », "Oversized"), so the row wraps.
const useStyles = makeStyles({ sizes: { flexWrap: 'wrap' } });

/** The size, as radios laid out in a row where there is room (wrapping on a narrow screen). `id` is the first radio's. */
export function SizeField({ id, name, value, onChange }: { id: string; name: string; value: PackageSize; onChange: (size: PackageSize) => void }) {
  const { t } = useTranslation('packages-desk');
  const styles = useStyles();
  return (
    <Field label={t('fields.size')}>
      <RadioGroup layout="horizontal" className={styles.sizes} name={name} value={value} onChange={(_e, d) => onChange(d.value as PackageSize)}>
        {packageSizes.map((s, i) => (
          <Radio key={s} {...(i === 0 ? { id: id } : {})} value={s} label={t(`sizes.${s}`)} />
        ))}
      </RadioGroup>
    </Field>
  );
}

/** The flags, as checkboxes in a fieldset. */
export function FlagsField({ idPrefix, value, onChange }: { idPrefix: string; value: PackageFlag[]; onChange: (flags: PackageFlag[]) => void }) {
  const { t } = useTranslation('packages-desk');
  const styles = useFormStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{t('fields.flags')}</legend>
      <div className={styles.actions}>
        {packageFlags.map((f) => (
          <Checkbox
            key={f}
            id={`${idPrefix}-${f}`}
            label={t(`flags.${f}`)}
            checked={value.includes(f)}
            onChange={(_e, d) => onChange(d.checked ? [...value, f] : value.filter((x) => x !== f))}
          />
        ))}
      </div>
    </fieldset>
  );
}
