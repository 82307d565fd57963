import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packageSettingsApi } from '../api/package-settings-api';
import type { PackageSettings } from '../api/types';

/** Control ids by field name: the API's (request body, camelCase, also nested) and the form's own checks. */
const fieldIds = {
  deskHours: 'ps-desk-hours-fr',
  'deskHours.fr': 'ps-desk-hours-fr',
  'deskHours.en': 'ps-desk-hours-en',
  deskHoursFr: 'ps-desk-hours-fr',
  deskHoursEn: 'ps-desk-hours-en',
  pickupLocation: 'ps-pickup-fr',
  'pickupLocation.fr': 'ps-pickup-fr',
  'pickupLocation.en': 'ps-pickup-en',
  pickupLocationFr: 'ps-pickup-fr',
  pickupLocationEn: 'ps-pickup-en',
  reminderDays: 'ps-reminder-days',
  finalNoticeDay: 'ps-final-notice-day',
  returnDay: 'ps-return-day',
  overdueAfterDays: 'ps-overdue-days',
  sendingHours: 'ps-sending-to',
  'sendingHours.from': 'ps-sending-from',
  'sendingHours.to': 'ps-sending-to',
  sendingFrom: 'ps-sending-from',
  sendingTo: 'ps-sending-to',
  photoRetentionDays: 'ps-photo-days',
};

const useStyles = makeStyles({
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px', alignSelf: 'flex-start' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 16rem), 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'start' },
});

interface Draft {
  deskHoursFr: string;
  deskHoursEn: string;
  pickupFr: string;
  pickupEn: string;
  reminderDays: string;
  finalNoticeDay: string;
  returnDay: string;
  overdueAfterDays: string;
  sendingFrom: string;
  sendingTo: string;
  photoRetentionDays: string;
}

function draftOf(s: PackageSettings): Draft {
  return {
    deskHoursFr: s.deskHours.fr ?? '',
    deskHoursEn: s.deskHours.en ?? '',
    pickupFr: s.pickupLocation.fr ?? '',
    pickupEn: s.pickupLocation.en ?? '',
    reminderDays: s.reminderDays.join(', '),
    finalNoticeDay: String(s.finalNoticeDay),
    returnDay: String(s.returnDay),
    overdueAfterDays: String(s.overdueAfterDays),
    sendingFrom: s.sendingHours.from ?? '',
    sendingTo: s.sendingHours.to ?? '',
    photoRetentionDays: String(s.photoRetentionDays),
  };
}

const wholeNumber = /^\d{1,3}$/;
const time = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "3, 7" → [3, 7] (commas or spaces, ascending); undefined when something is not a whole number. */
function parseDays(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.some((p) => !wholeNumber.test(p))) {
    return undefined;
  }
  return parts.map(Number).sort((a, b) => a - b);
}

/**
 * The building's package settings (managers and administrators: capability ConfigurePackages): what
 * residents read about the desk (hours and pickup place, in French and English), the reminder schedule,
 * when a package counts as overdue, the hours emails may go out in, and how long photos are kept.
 */
export default function PackageSettingsPage() {
  const { t } = useTranslation('package-settings');
  const lang = useLanguage();
  const { building, buildings } = useConsoleBuilding();
  const buildingId = building?.buildingId;
  const allowed = canManage(rolesIn(buildings, buildingId));
  const styles = useStyles();
  const settings = useApiQuery(
    (signal) => (buildingId && allowed ? packageSettingsApi.get(buildingId, signal) : Promise.resolve<PackageSettings | undefined>(undefined)),
    [buildingId, allowed],
  );

  return (
    <Page title={t('title')}>
      <AppLink className={styles.link} to={pathTo('packagesDesk', lang)}>{t('back')}</AppLink>
      {!allowed || !buildingId ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('notAllowed')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <p>{t('explain', { building: building?.buildingName ?? '' })}</p>
          {settings.error && (
            <MessageBar intent="error">
              <MessageBarBody>{settings.error.title}</MessageBarBody>
            </MessageBar>
          )}
          {settings.loading && !settings.data && <PageLoading />}
          {settings.data && <SettingsForm key={buildingId} buildingId={buildingId} settings={settings.data} onStale={settings.reload} />}
        </>
      )}
    </Page>
  );
}

function SettingsForm({ buildingId, settings, onStale }: { buildingId: string; settings: PackageSettings; onStale: () => Promise<void> }) {
  const { t } = useTranslation('package-settings');
  const styles = { ...useFormStyles(), ...useStyles() };
  const announce = useAnnounce();
  const errors = useFormErrors(fieldIds);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  // The version the next save sends: the one read, then the one each save returns.
  const [version, setVersion] = useState(settings.version);
  const [shownVersion, setShownVersion] = useState(settings.version);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [staleTitle, setStaleTitle] = useState<string>();
  const [staleKey, setStaleKey] = useState(0);

  // Values read again from the server (after a conflict) replace the draft.
  if (shownVersion !== settings.version) {
    setShownVersion(settings.version);
    setVersion(settings.version);
    setDraft(draftOf(settings));
  }

  const update = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };

  const days = (value: string) => !wholeNumber.test(value.trim()) && t('errors.wholeDays');
  const hour = (value: string) => !time.test(value.trim()) && t('errors.time');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setStaleTitle(undefined);
    const reminderDays = parseDays(draft.reminderDays);
    if (
      !errors.check({
        deskHoursFr: !draft.deskHoursFr.trim() && t('errors.textFr'),
        deskHoursEn: !draft.deskHoursEn.trim() && t('errors.textEn'),
        pickupLocationFr: !draft.pickupFr.trim() && t('errors.textFr'),
        pickupLocationEn: !draft.pickupEn.trim() && t('errors.textEn'),
        reminderDays: !reminderDays && t('errors.daysList'),
        finalNoticeDay: days(draft.finalNoticeDay),
        returnDay: days(draft.returnDay),
        overdueAfterDays: days(draft.overdueAfterDays),
        sendingFrom: hour(draft.sendingFrom),
        sendingTo: hour(draft.sendingTo),
        photoRetentionDays: days(draft.photoRetentionDays),
      })
    ) {
      return;
    }
    setBusy(true);
    try {
      const result = await packageSettingsApi.save(buildingId, {
        version,
        deskHours: { fr: draft.deskHoursFr.trim(), en: draft.deskHoursEn.trim() },
        pickupLocation: { fr: draft.pickupFr.trim(), en: draft.pickupEn.trim() },
        reminderDays: reminderDays ?? [],
        finalNoticeDay: Number(draft.finalNoticeDay.trim()),
        returnDay: Number(draft.returnDay.trim()),
        overdueAfterDays: Number(draft.overdueAfterDays.trim()),
        sendingHours: { from: draft.sendingFrom.trim(), to: draft.sendingTo.trim() },
        photoRetentionDays: Number(draft.photoRetentionDays.trim()),
      });
      errors.clear();
      setVersion(result.version);
      setDraft(draftOf(result));
      setSaved(true);
      announce(t('saved'));
    } catch (error) {
      if (isApiError(error, 'stale')) {
        errors.clear();
        setStaleKey((k) => k + 1);
        setStaleTitle(t('stale'));
        await onStale();
      } else {
        errors.fromError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const error = (...fields: string[]) => fields.map((f) => errors.fieldError(f)).find((m) => m !== undefined);

  return (
    <form className={`${styles.form} ${styles.card}`} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="ps-heading">
      <h2 id="ps-heading">{t('heading')}</h2>
      <ErrorSummary title={staleTitle ?? errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey + staleKey} />
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t('saved')}</MessageBarBody>
        </MessageBar>
      )}

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('residents.legend')}</legend>
        <p className={styles.muted}>{t('residents.explain')}</p>
        <div className={styles.pair}>
          <TextField id={fieldIds.deskHoursFr} name="desk-hours-fr" lang="fr" label={t('residents.deskHoursFr')} autoComplete="off" maxLength={200} value={draft.deskHoursFr} onChange={(v) => update({ deskHoursFr: v })} error={error('deskHoursFr', 'deskHours.fr', 'deskHours')} required />
          <TextField id={fieldIds.deskHoursEn} name="desk-hours-en" lang="en" label={t('residents.deskHoursEn')} autoComplete="off" maxLength={200} value={draft.deskHoursEn} onChange={(v) => update({ deskHoursEn: v })} error={error('deskHoursEn', 'deskHours.en')} required />
        </div>
        <div className={styles.pair}>
          <TextField id={fieldIds.pickupLocationFr} name="pickup-fr" lang="fr" label={t('residents.pickupFr')} autoComplete="off" maxLength={200} value={draft.pickupFr} onChange={(v) => update({ pickupFr: v })} error={error('pickupLocationFr', 'pickupLocation.fr', 'pickupLocation')} required />
          <TextField id={fieldIds.pickupLocationEn} name="pickup-en" lang="en" label={t('residents.pickupEn')} autoComplete="off" maxLength={200} value={draft.pickupEn} onChange={(v) => update({ pickupEn: v })} error={error('pickupLocationEn', 'pickupLocation.en')} required />
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('schedule.legend')}</legend>
        <p className={styles.muted}>{t('schedule.explain')}</p>
        <TextField id={fieldIds.reminderDays} name="reminder-days" label={t('schedule.reminderDays')} hint={t('schedule.reminderDaysHint')} inputMode="numeric" autoComplete="off" maxLength={40} value={draft.reminderDays} onChange={(v) => update({ reminderDays: v })} error={error('reminderDays')} />
        <div className={styles.pair}>
          <TextField id={fieldIds.finalNoticeDay} name="final-notice-day" label={t('schedule.finalNoticeDay')} hint={t('schedule.dayHint', { min: 1, max: 90 })} inputMode="numeric" autoComplete="off" maxLength={3} value={draft.finalNoticeDay} onChange={(v) => update({ finalNoticeDay: v })} error={error('finalNoticeDay')} required />
          <TextField id={fieldIds.returnDay} name="return-day" label={t('schedule.returnDay')} hint={t('schedule.dayHint', { min: 2, max: 90 })} inputMode="numeric" autoComplete="off" maxLength={3} value={draft.returnDay} onChange={(v) => update({ returnDay: v })} error={error('returnDay')} required />
        </div>
        <TextField id={fieldIds.overdueAfterDays} name="overdue-after-days" label={t('schedule.overdueAfterDays')} hint={t('schedule.overdueHint')} inputMode="numeric" autoComplete="off" maxLength={3} value={draft.overdueAfterDays} onChange={(v) => update({ overdueAfterDays: v })} error={error('overdueAfterDays')} required />
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('sending.legend')}</legend>
        <p className={styles.muted}>{t('sending.explain')}</p>
        <div className={styles.pair}>
          <TextField id={fieldIds.sendingFrom} name="sending-from" type="time" label={t('sending.from')} value={draft.sendingFrom} onChange={(v) => update({ sendingFrom: v })} error={error('sendingFrom', 'sendingHours.from')} required />
          <TextField id={fieldIds.sendingTo} name="sending-to" type="time" label={t('sending.to')} value={draft.sendingTo} onChange={(v) => update({ sendingTo: v })} error={error('sendingTo', 'sendingHours.to', 'sendingHours')} required />
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('photos.legend')}</legend>
        <TextField id={fieldIds.photoRetentionDays} name="photo-retention-days" label={t('photos.retentionDays')} hint={t('photos.retentionHint')} inputMode="numeric" autoComplete="off" maxLength={3} value={draft.photoRetentionDays} onChange={(v) => update({ photoRetentionDays: v })} error={error('photoRetentionDays')} required />
      </fieldset>
      <FormSubmit busy={busy}>{t('save')}</FormSubmit>
    </form>
  );
}
