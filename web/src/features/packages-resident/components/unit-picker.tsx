import { Field, Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ResidentUnit } from './use-resident-unit';

/** Shown only to people who live in more than one unit: whose packages to show. */
export function UnitPicker({ units, unit, onChoose }: { units: ResidentUnit[]; unit: ResidentUnit | undefined; onChoose: (unit: ResidentUnit) => void }) {
  const { t } = useTranslation('packages');
  if (units.length < 2) {
    return null;
  }
  const key = (u: ResidentUnit) => `${u.buildingId}/${u.unitId}`;
  return (
    <Field label={{ children: t('unit.label'), htmlFor: 'packages-unit' }}>
      <Select
        id="packages-unit"
        value={unit ? key(unit) : ''}
        onChange={(_e, data) => {
          const next = units.find((u) => key(u) === data.value);
          if (next) {
            onChoose(next);
          }
        }}
      >
        {units.map((u) => (
          <option key={key(u)} value={key(u)}>
            {t('unit.option', { unit: u.unitNumber, building: u.buildingName })}
          </option>
        ))}
      </Select>
    </Field>
  );
}
