import { Button, Checkbox, Field, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { isApiError } from '@/lib/api-client';
import { useLanguage } from '@/lib/use-language';
import { packagesApi, type UnitRef } from '../api/packages-api';
import type { PackagePreferences } from '../api/types';
import { formatDay } from './format';
import { usePackageStyles } from './package-card';

export const maxInstructions = 500;

const fieldIds = {
  authorizedName: 'pref-authorized-name',
  authorizedExpiresOn: 'pref-authorized-expires',
  neverReleaseName: 'pref-never-name',
  instructions: 'pref-instructions',
  vacationFrom: 'pref-vacation-from',
  vacationTo: 'pref-vacation-to',
  'vacationHold.from': 'pref-vacation-from',
  'vacationHold.to': 'pref-vacation-to',
  vacationHold: 'pref-vacation-from',
};

const useStyles = makeStyles({
  people: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  person: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, overflowWrap: 'anywhere' },
  addRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, '& > *': { minWidth: 'min(100%, 12rem)' } },
  dates: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, '& > *': { minWidth: 'min(100%, 12rem)' } },
});

interface Draft {
  authorized: { key: string; name: string; expiresOn: string | null }[];
  neverRelease: { key: string; name: string }[];
  instructions: string;
  hold: boolean;
  from: string;
  to: string;
}

function draftOf(p: PackagePreferences): Draft {
  return {
    authorized: p.authorized.map((a) => ({ key: a.id, name: a.name, expiresOn: a.expiresOn ?? null })),
    neverRelease: p.neverRelease.map((n) => ({ key: n.id, name: n.name })),
    instructions: p.instructions ?? '',
    hold: Boolean(p.vacationHold),
    from: p.vacationHold?.from ?? '',
    to: p.vacationHold?.to ?? '',
  };
}

let nextKey = 0;

/**
 * The household's choices for the desk (shared by the unit's residents): who may pick up, who must
 * never get a package, standing instructions, and a vacation hold. Sent with the version read; when
 * another member saved in between (412 `stale`), the person is told and the current values are shown.
 */
export function HouseholdForm({ unit, prefs, onSaved, onStale }: { unit: UnitRef; prefs: PackagePreferences; onSaved: (p: PackagePreferences) => void; onStale: () => Promise<void> }) {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles(), ...useStyles() };
  const announce = useAnnounce();
  const errors = useFormErrors(fieldIds);
  const [draft, setDraft] = useState<Draft>(() => draftOf(prefs));
  const [shownVersion, setShownVersion] = useState(prefs.version);
  const [authorizedName, setAuthorizedName] = useState('');
  const [authorizedExpires, setAuthorizedExpires] = useState('');
  const [neverName, setNeverName] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [staleTitle, setStaleTitle] = useState<string>();
  const [staleKey, setStaleKey] = useState(0);

  // New values from the server (saved here or reloaded after a conflict) replace the draft.
  if (shownVersion !== prefs.version) {
    setShownVersion(prefs.version);
    setDraft(draftOf(prefs));
  }

  const update = (change: Partial<Draft>) => {
    setSaved(undefined);
    setDraft((d) => ({ ...d, ...change }));
  };

  const addAuthorized = () => {
    if (!errors.check({ authorizedName: !authorizedName.trim() && t('prefs.nameRequired') })) {
      return;
    }
    update({ authorized: [...draft.authorized, { key: `new-${(nextKey += 1)}`, name: authorizedName.trim(), expiresOn: authorizedExpires || null }] });
    announce(t('prefs.added', { name: authorizedName.trim() }));
    setAuthorizedName('');
    setAuthorizedExpires('');
  };

  const addNever = () => {
    if (!errors.check({ neverReleaseName: !neverName.trim() && t('prefs.nameRequired') })) {
      return;
    }
    update({ neverRelease: [...draft.neverRelease, { key: `new-${(nextKey += 1)}`, name: neverName.trim() }] });
    announce(t('prefs.added', { name: neverName.trim() }));
    setNeverName('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    setStaleTitle(undefined);
    if (
      !errors.check({
        instructions: draft.instructions.length > maxInstructions && t('prefs.instructionsTooLong', { max: maxInstructions }),
        vacationFrom: draft.hold && !draft.from && t('prefs.fromRequired'),
        vacationTo: draft.hold && (!draft.to ? t('prefs.toRequired') : draft.from && draft.to < draft.from && t('prefs.toBeforeFrom')),
      })
    ) {
      return;
    }
    setBusy(true);
    try {
      const result = await packagesApi.savePreferences(unit, {
        version: prefs.version,
        authorized: draft.authorized.map((a) => ({ name: a.name, expiresOn: a.expiresOn })),
        neverRelease: draft.neverRelease.map((n) => ({ name: n.name })),
        instructions: draft.instructions.trim() || null,
        vacationHold: draft.hold ? { from: draft.from, to: draft.to } : null,
      });
      errors.clear();
      onSaved(result);
      setSaved(t('prefs.saved'));
      announce(t('prefs.saved'));
    } catch (error) {
      if (isApiError(error, 'stale')) {
        errors.clear();
        setStaleKey((k) => k + 1);
        setStaleTitle(t('prefs.stale'));
        await onStale();
      } else {
        errors.fromError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const summaryTitle = staleTitle ?? errors.summaryTitle;
  return (
    <form className={`${styles.form} ${styles.card}`} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="prefs-household">
      <h2 id="prefs-household">{t('prefs.householdHeading')}</h2>
      <p>{t('prefs.householdExplain')}</p>
      <ErrorSummary title={summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey + staleKey} />
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('prefs.authorizedLegend')}</legend>
        <p className={styles.muted}>{t('prefs.authorizedExplain')}</p>
        {draft.authorized.length === 0 ? (
          <p>{t('prefs.noAuthorized')}</p>
        ) : (
          <ul className={styles.people}>
            {draft.authorized.map((a) => (
              <li key={a.key} className={styles.person}>
                <span>{a.expiresOn ? t('prefs.until', { name: a.name, date: formatDay(a.expiresOn, lang) }) : a.name}</span>
                <Button onClick={() => update({ authorized: draft.authorized.filter((x) => x !== a) })} aria-label={t('prefs.removeFor', { name: a.name })}>
                  {t('prefs.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className={styles.addRow}>
          <TextField id={fieldIds.authorizedName} name="authorized-name" label={t('prefs.personName')} autoComplete="off" value={authorizedName} onChange={setAuthorizedName} error={errors.fieldError('authorizedName')} maxLength={100} />
          <TextField id={fieldIds.authorizedExpiresOn} name="authorized-expires" type="date" label={t('prefs.expiresOn')} hint={t('prefs.optional')} value={authorizedExpires} onChange={setAuthorizedExpires} error={errors.fieldError('authorizedExpiresOn')} />
          <Button onClick={addAuthorized}>{t('prefs.addAuthorized')}</Button>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('prefs.neverLegend')}</legend>
        <p className={styles.muted}>{t('prefs.neverExplain')}</p>
        {draft.neverRelease.length === 0 ? (
          <p>{t('prefs.noNever')}</p>
        ) : (
          <ul className={styles.people}>
            {draft.neverRelease.map((n) => (
              <li key={n.key} className={styles.person}>
                <span>{n.name}</span>
                <Button onClick={() => update({ neverRelease: draft.neverRelease.filter((x) => x !== n) })} aria-label={t('prefs.removeFor', { name: n.name })}>
                  {t('prefs.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className={styles.addRow}>
          <TextField id={fieldIds.neverReleaseName} name="never-name" label={t('prefs.personName')} autoComplete="off" value={neverName} onChange={setNeverName} error={errors.fieldError('neverReleaseName')} maxLength={100} />
          <Button onClick={addNever}>{t('prefs.addNever')}</Button>
        </div>
      </fieldset>

      <Field
        label={{ children: t('prefs.instructions'), htmlFor: fieldIds.instructions }}
        hint={t('prefs.instructionsHint', { count: draft.instructions.length, max: maxInstructions })}
        validationState={errors.fieldError('instructions') ? 'error' : 'none'}
        validationMessage={errors.fieldError('instructions')}
      >
        <Textarea id={fieldIds.instructions} name="instructions" resize="vertical" rows={4} value={draft.instructions} maxLength={maxInstructions} onChange={(_e, d) => update({ instructions: d.value })} />
      </Field>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('prefs.vacationLegend')}</legend>
        <p className={styles.muted}>{t('prefs.vacationExplain')}</p>
        <Checkbox id="pref-vacation" checked={draft.hold} onChange={(_e, d) => update({ hold: d.checked === true })} label={t('prefs.vacationOn')} />
        {draft.hold && (
          <div className={styles.dates}>
            <TextField id={fieldIds.vacationFrom} name="vacation-from" type="date" label={t('prefs.from')} value={draft.from} onChange={(v) => update({ from: v })} error={errors.fieldError('vacationFrom') ?? errors.fieldError('vacationHold.from') ?? errors.fieldError('vacationHold')} required />
            <TextField id={fieldIds.vacationTo} name="vacation-to" type="date" label={t('prefs.to')} value={draft.to} onChange={(v) => update({ to: v })} error={errors.fieldError('vacationTo') ?? errors.fieldError('vacationHold.to')} required />
          </div>
        )}
      </fieldset>
      <FormSubmit busy={busy}>{t('prefs.save')}</FormSubmit>
    </form>
  );
}
