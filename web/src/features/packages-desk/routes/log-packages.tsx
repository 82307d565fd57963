import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { BarcodeScannerRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { standaloneLink, useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { deskApi, maxPhotoBytes, photoTypes } from '../api/packages-api';
import type { Carrier, LogPackageRequest, Package, PackageFlag, PackageSize } from '../api/types';
import { detectCarrier, normalizeTracking } from '../carrier';
import { NotAllowed, readLastLocation, readRecent, useDeskBuilding, writeLastLocation, writeRecent, type RecentPackage } from '../components/desk-access';
import { CarrierField, FlagsField, SizeField } from '../components/package-fields';
import { RecipientField, type Recipient } from '../components/recipient-field';
import { ScanDialog } from '../components/scan-dialog';

const useStyles = makeStyles({
  trackingRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap', '& > :first-child': { flexGrow: 1, minWidth: '12rem' } },
  recent: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  recentItem: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    justifyContent: 'space-between',
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '& > a': standaloneLink,
  },
  shortId: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  fileInput: {
    minHeight: '32px',
    maxWidth: '100%',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  label: { ...typographyStyles.body1Strong, display: 'block', marginBottom: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground3, display: 'block', marginTop: tokens.spacingVerticalXXS },
  duplicate: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
});

const fieldIds = { recipient: 'log-recipient', trackingNumber: 'log-tracking', carrier: 'log-carrier', size: 'log-size', location: 'log-location', note: 'log-note', photo: 'log-photo' };

const newRequestId = () => crypto.randomUUID();

/**
 * Log packages at the desk, keyboard only: recipient (type-ahead), tracking number (a USB scanner
 * types it and presses Enter), then Enter again logs. The carrier is detected as the number is typed;
 * the shelf is remembered from the previous package. After each package the form starts over on the
 * recipient, and the package joins the list of the last ones logged, with its label to print.
 */
export default function LogPackagesPage() {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...useStyles() };
  const announce = useAnnounce();
  const { buildingId, allowed } = useDeskBuilding();
  const sources = useApiQuery(
    async (signal) => {
      if (!buildingId || !allowed) {
        return { units: [], residents: [] };
      }
      const [units, residents] = await Promise.all([deskApi.units(buildingId, signal), deskApi.residents(buildingId, signal)]);
      return { units, residents };
    },
    [buildingId, allowed],
  );

  const errors = useFormErrors(fieldIds);
  const [formKey, setFormKey] = useState(0);
  const [recipient, setRecipient] = useState<Recipient>();
  const [tracking, setTracking] = useState('');
  const [carrier, setCarrier] = useState<Carrier>('other');
  const [carrierEdited, setCarrierEdited] = useState(false);
  const [size, setSize] = useState<PackageSize>('small');
  const [flags, setFlags] = useState<PackageFlag[]>([]);
  const [location, setLocation] = useState(readLastLocation);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File>();
  // One id per package being logged: a second submit of the same form (double click, retry) sends it again.
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [duplicate, setDuplicate] = useState<{ shortId: string }>();
  const [photoProblem, setPhotoProblem] = useState<string>();
  const [recent, setRecent] = useState<RecentPackage[]>(readRecent);
  const [scanOpen, setScanOpen] = useState(false);

  const recipientRef = useRef<HTMLInputElement>(null);
  const trackingRef = useRef<HTMLInputElement>(null);
  const duplicateRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (duplicate) {
      duplicateRef.current?.focus();
    }
  }, [duplicate]);

  const detected = useMemo(() => detectCarrier(tracking), [tracking]);
  const shownCarrier = carrierEdited ? carrier : detected;

  const onTracking = (value: string) => {
    setTracking(value);
    setDuplicate(undefined);
  };

  const missing = (): Record<string, string | false> => ({
    recipient: !recipient && t('log.recipientRequired'),
    trackingNumber: !normalizeTracking(tracking) && t('log.trackingRequired'),
    photo: !!photo && photo.size > maxPhotoBytes && t('log.photoTooLarge'),
  });

  const reset = () => {
    setFormKey((k) => k + 1);
    setRecipient(undefined);
    setTracking('');
    setCarrier('other');
    setCarrierEdited(false);
    setSize('small');
    setFlags([]);
    setNote('');
    setPhoto(undefined);
    setDuplicate(undefined);
    setRequestId(newRequestId());
    errors.clear();
  };

  const send = async (confirmDuplicate: boolean) => {
    if (!buildingId || inFlight.current) {
      return;
    }
    if (!errors.check(missing()) || !recipient) {
      return;
    }
    const body: LogPackageRequest = {
      clientRequestId: requestId,
      unitId: recipient.kind === 'unknown' ? null : recipient.unitId,
      recipientUserId: recipient.kind === 'resident' ? recipient.userId : null,
      recipientName: recipient.kind === 'unknown' ? recipient.typed : null,
      trackingNumber: normalizeTracking(tracking),
      carrier: shownCarrier,
      size,
      flags,
      location: location.trim() || null,
      note: note.trim() || null,
      confirmDuplicate,
    };
    inFlight.current = true;
    setBusy(true);
    setPhotoProblem(undefined);
    try {
      const logged = await deskApi.log(buildingId, body);
      if (photo) {
        try {
          await deskApi.uploadPhoto(buildingId, logged.id, photo);
        } catch (e) {
          setPhotoProblem(t('log.photoFailed', { shortId: logged.shortId, reason: isApiError(e) ? e.title : t('common:errors.unexpected') }));
        }
      }
      const entry: RecentPackage = {
        id: logged.id,
        shortId: logged.shortId,
        unitNumber: logged.unitNumber ?? null,
        recipientName: logged.unitNumber ? null : (logged.recipientName ?? null),
        carrier: logged.carrier,
        location: logged.location ?? null,
      };
      const next = [entry, ...recent.filter((r) => r.id !== logged.id)].slice(0, 10);
      setRecent(next);
      writeRecent(next);
      writeLastLocation(location.trim());
      announce(loggedMessage(logged));
      // The empty form is on screen before focus returns to the recipient, both before the next key is handled.
      flushSync(reset);
      recipientRef.current?.focus();
    } catch (e) {
      if (isApiError(e, 'duplicate-tracking')) {
        errors.clear();
        const existing = e.problem.existingShortId;
        setDuplicate({ shortId: typeof existing === 'string' ? existing : '' });
      } else {
        errors.fromError(e);
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const loggedMessage = (p: Package) =>
    p.unitNumber ? t('log.loggedForUnit', { shortId: p.shortId, unit: p.unitNumber }) : t('log.loggedUnknown', { shortId: p.shortId, name: p.recipientName ?? '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  // A scanner types the number and presses Enter: log when all is there, otherwise go to what is missing,
  // saying so (the number stays typed for when the recipient is chosen).
  const onTrackingKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') {
      return;
    }
    event.preventDefault();
    if (!recipient) {
      errors.check({ recipient: t('log.recipientRequired') }, { focusSummary: false });
      recipientRef.current?.focus();
    } else if (normalizeTracking(tracking)) {
      void send(false);
    }
  };

  if (!allowed) {
    return (
      <Page title={t('log.title')}>
        <NotAllowed />
      </Page>
    );
  }

  return (
    <Page title={t('log.title')}>
      <div className={styles.actions}>
        <AppLink to={pathTo('packagesDesk', lang)}>{t('log.toList')}</AppLink>
        <AppLink to={pathTo('packagesRelease', lang)}>{t('log.toRelease')}</AppLink>
      </div>
      {sources.error && (
        <MessageBar intent="error">
          <MessageBarBody>{sources.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {sources.loading && !sources.data && <PageLoading />}
      {photoProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>{photoProblem}</MessageBarBody>
        </MessageBar>
      )}
      <form className={`${styles.form} ${styles.card}`} noValidate onSubmit={submit} aria-labelledby="log-heading">
        <h2 id="log-heading">{t('log.formHeading')}</h2>
        <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
        {duplicate && (
          <div ref={duplicateRef} tabIndex={-1} role="group" aria-labelledby="log-duplicate-title" className={styles.duplicate}>
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle id="log-duplicate-title">{t('log.duplicateTitle')}</MessageBarTitle>
                {t('log.duplicateText', { shortId: duplicate.shortId })}
              </MessageBarBody>
              <MessageBarActions>
                <Button appearance="primary" disabled={busy} onClick={() => void send(true)}>
                  {t('log.logAnyway')}
                </Button>
                <Button
                  onClick={() => {
                    setDuplicate(undefined);
                    trackingRef.current?.focus();
                  }}
                >
                  {t('log.dismissDuplicate')}
                </Button>
              </MessageBarActions>
            </MessageBar>
          </div>
        )}
        <RecipientField
          resetKey={formKey}
          id={fieldIds.recipient}
          label={t('fields.recipient')}
          hint={t('log.recipientHint')}
          units={sources.data?.units ?? []}
          residents={sources.data?.residents ?? []}
          value={recipient}
          onChange={setRecipient}
          onChosen={() => trackingRef.current?.focus()}
          allowUnknown
          loading={sources.loading && !sources.data}
          error={errors.fieldError('recipient')}
          inputRef={recipientRef}
        />
        <div className={styles.trackingRow}>
          <Field
            label={{ children: t('fields.trackingNumber'), htmlFor: fieldIds.trackingNumber }}
            hint={t('log.trackingHint')}
            required
            validationState={errors.fieldError('trackingNumber') ? 'error' : 'none'}
            validationMessage={errors.fieldError('trackingNumber')}
          >
            <Input
              id={fieldIds.trackingNumber}
              ref={trackingRef}
              name="trackingNumber"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              value={tracking}
              onChange={(_e, d) => onTracking(d.value)}
              onKeyDown={onTrackingKeyDown}
            />
          </Field>
          <Button icon={<BarcodeScannerRegular />} onClick={() => setScanOpen(true)}>
            {t('log.scan')}
          </Button>
        </div>
        <CarrierField
          id={fieldIds.carrier}
          value={shownCarrier}
          hint={!carrierEdited && tracking ? t('log.carrierDetected') : undefined}
          onChange={(c) => {
            setCarrier(c);
            setCarrierEdited(true);
          }}
        />
        <SizeField id={fieldIds.size} name={`log-size-${formKey}`} value={size} onChange={setSize} />
        <FlagsField idPrefix="log-flag" value={flags} onChange={setFlags} />
        <Field label={{ children: t('fields.location'), htmlFor: fieldIds.location }} hint={t('log.locationHint')}>
          <Input id={fieldIds.location} name="location" autoComplete="off" value={location} onChange={(_e, d) => setLocation(d.value)} maxLength={40} />
        </Field>
        <Field label={{ children: t('fields.note'), htmlFor: fieldIds.note }}>
          <Textarea id={fieldIds.note} name="note" value={note} onChange={(_e, d) => setNote(d.value)} maxLength={500} resize="vertical" />
        </Field>
        <div>
          <label htmlFor={fieldIds.photo} className={styles.label}>
            {t('fields.photo')}
          </label>
          <input
            key={`photo-${formKey}`}
            id={fieldIds.photo}
            className={styles.fileInput}
            type="file"
            accept={photoTypes.join(',')}
            capture="environment"
            aria-describedby="log-photo-hint"
            aria-invalid={errors.fieldError('photo') ? true : undefined}
            onChange={(e) => setPhoto(e.target.files?.[0])}
          />
          <span id="log-photo-hint" className={styles.hint}>
            {errors.fieldError('photo') ?? t('log.photoHint')}
          </span>
        </div>
        <FormSubmit busy={busy}>{t('log.submit')}</FormSubmit>
      </form>

      <section className={styles.card} aria-labelledby="log-recent-heading">
        <h2 id="log-recent-heading">{t('log.recentHeading')}</h2>
        {recent.length === 0 ? (
          <p>{t('log.noRecent')}</p>
        ) : (
          <ul className={styles.recent}>
            {recent.map((r) => (
              <li key={r.id} className={styles.recentItem}>
                <span>
                  <span className={styles.shortId}>{r.shortId}</span> ·{' '}
                  {r.unitNumber ? t('recipient.unitText', { unit: r.unitNumber }) : t('recipient.unknownText', { name: r.recipientName ?? '' })}
                  {r.location ? ` · ${t('log.onShelf', { location: r.location })}` : ''}
                </span>
                <AppLink to={pathTo('packageLabel', lang, { packageId: r.id })} aria-label={t('log.printLabelFor', { shortId: r.shortId })}>
                  {t('log.printLabel')}
                </AppLink>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ScanDialog
        open={scanOpen}
        title={t('scan.trackingTitle')}
        onClose={() => {
          setScanOpen(false);
          trackingRef.current?.focus();
        }}
        onScanned={(text) => {
          setScanOpen(false);
          onTracking(text);
          setTimeout(() => trackingRef.current?.focus(), 0);
        }}
      />
    </Page>
  );
}
