import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { QrCodeRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormDialog } from '@/components/forms/form-dialog';
import { FormSubmit } from '@/components/forms/form-submit';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { deskApi } from '../api/packages-api';
import { identityChecks, type IdentityCheck, type Package, type PickupView, type ReleasedTo } from '../api/types';
import { normalizePickupCode } from '../carrier';
import { NotAllowed, useDeskBuilding } from '../components/desk-access';
import { ScanDialog } from '../components/scan-dialog';

const useStyles = makeStyles({
  codeRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap', '& > :first-child': { flexGrow: 1, minWidth: '12rem' } },
  never: {
    border: `3px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorPaletteRedBackground1,
    '& > h3': { marginTop: 0 },
  },
  neverList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  packages: { listStyleType: 'none', margin: 0, padding: 0 },
  focusable: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
});

const lookupIds = { code: 'release-code', unitId: 'release-unit' };
const releaseIds = { packageIds: 'release-packages', releasedTo: 'release-to', identityCheck: 'release-identity' };
const undoIds = { reason: 'undo-reason' };

interface Released {
  packages: Package[];
  name: string;
  until: string | undefined;
}

/**
 * Release packages: find the unit by the resident's pickup code (scanned QR or typed, 8 characters in
 * two groups of 4) or by unit number; tick the packages, say who takes them and how identity was
 * checked, release. The release can be undone for 10 minutes.
 */
export default function ReleasePackagesPage() {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...useStyles() };
  const announce = useAnnounce();
  const { buildingId, allowed } = useDeskBuilding();
  const units = useApiQuery((signal) => (buildingId && allowed ? deskApi.units(buildingId, signal) : Promise.resolve([])), [buildingId, allowed]);

  const lookupErrors = useFormErrors(lookupIds);
  const [code, setCode] = useState('');
  const [unitId, setUnitId] = useState('');
  const [looking, setLooking] = useState(false);
  const [scanOpen, setScanOpen] = useState(false);
  const [view, setView] = useState<PickupView>();
  const [usedCode, setUsedCode] = useState<string>();
  const [released, setReleased] = useState<Released>();
  const codeRef = useRef<HTMLInputElement>(null);
  const viewRef = useRef<HTMLHeadingElement>(null);
  const releasedRef = useRef<HTMLDivElement>(null);
  // Where focus goes once the next render is committed (the unit's packages, or the release done): a
  // timer may run before React renders what it should focus, leaving focus on the removed form.
  const [focusTarget, setFocusTarget] = useState<{ to: 'view' | 'released' }>();
  useEffect(() => {
    if (focusTarget) {
      (focusTarget.to === 'view' ? viewRef : releasedRef).current?.focus();
    }
  }, [focusTarget]);

  const lookup = async (by: { code: string } | { unitId: string }) => {
    if (!buildingId) {
      return;
    }
    setLooking(true);
    try {
      const found = await deskApi.lookup(buildingId, by);
      lookupErrors.clear();
      setView(found);
      setUsedCode('code' in by ? by.code : undefined);
      setReleased(undefined);
      setFocusTarget({ to: 'view' });
    } catch (e) {
      lookupErrors.fromError(e, 'code' in by ? 'code' : 'unitId');
    } finally {
      setLooking(false);
    }
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizePickupCode(code);
    if (!lookupErrors.check({ code: !normalized && (code.trim() ? t('release.codeInvalid') : t('release.codeRequired')) }) || !normalized) {
      return;
    }
    void lookup({ code: normalized });
  };

  const submitUnit = (event: FormEvent) => {
    event.preventDefault();
    if (!lookupErrors.check({ unitId: !unitId && t('release.unitRequired') })) {
      return;
    }
    void lookup({ unitId });
  };

  if (!allowed || !buildingId) {
    return (
      <Page title={t('release.title')}>
        <NotAllowed />
      </Page>
    );
  }

  return (
    <Page title={t('release.title')}>
      <div className={styles.actions}>
        <AppLink to={pathTo('packagesDesk', lang)}>{t('log.toList')}</AppLink>
        <AppLink to={pathTo('packagesLog', lang)}>{t('desk.toLog')}</AppLink>
      </div>
      {released && (
        <ReleasedMessage
          buildingId={buildingId}
          released={released}
          containerRef={releasedRef}
          onUndone={(count) => {
            setReleased(undefined);
            announce(t('undo.done', { count }));
            codeRef.current?.focus();
          }}
        />
      )}
      <section className={`${styles.card} ${styles.form}`} aria-labelledby="release-find-heading">
        <h2 id="release-find-heading">{t('release.findHeading')}</h2>
        <ErrorSummary title={lookupErrors.summaryTitle} items={lookupErrors.summaryItems} focusKey={lookupErrors.focusKey} />
        <form className={styles.form} noValidate onSubmit={submitCode} aria-label={t('release.byCode')}>
          <div className={styles.codeRow}>
            <Field
              label={{ children: t('release.code'), htmlFor: lookupIds.code }}
              hint={t('release.codeHint')}
              validationState={lookupErrors.fieldError('code') ? 'error' : 'none'}
              validationMessage={lookupErrors.fieldError('code')}
            >
              <Input
                id={lookupIds.code}
                ref={codeRef}
                value={code}
                onChange={(_e, d) => setCode(d.value)}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="characters"
                maxLength={12}
              />
            </Field>
            <Button icon={<QrCodeRegular />} onClick={() => setScanOpen(true)}>
              {t('release.scan')}
            </Button>
          </div>
          <FormSubmit busy={looking}>{t('release.find')}</FormSubmit>
        </form>
        <form className={styles.form} noValidate onSubmit={submitUnit} aria-label={t('release.byUnit')}>
          <Field
            label={{ children: t('release.orUnit'), htmlFor: lookupIds.unitId }}
            validationState={lookupErrors.fieldError('unitId') ? 'error' : 'none'}
            validationMessage={lookupErrors.fieldError('unitId')}
          >
            <Select id={lookupIds.unitId} value={unitId} onChange={(_e, d) => setUnitId(d.value)}>
              <option value="">{t('release.chooseUnit')}</option>
              {(units.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.number}
                </option>
              ))}
            </Select>
          </Field>
          <FormSubmit busy={looking}>{t('release.showUnit')}</FormSubmit>
        </form>
      </section>

      {view && (
        <ReleaseForm
          key={`${view.unitId}-${usedCode ?? ''}-${view.waiting.map((p) => p.id).join(',')}`}
          buildingId={buildingId}
          view={view}
          pickupCode={usedCode}
          headingRef={viewRef}
          onReleased={(r) => {
            setView(undefined);
            setCode('');
            setReleased(r);
            announce(t('release.done', { count: r.packages.length, name: r.name }));
            setFocusTarget({ to: 'released' });
          }}
        />
      )}

      <ScanDialog
        open={scanOpen}
        title={t('scan.codeTitle')}
        onClose={() => {
          setScanOpen(false);
          codeRef.current?.focus();
        }}
        onScanned={(text) => {
          setScanOpen(false);
          setCode(text);
          const normalized = normalizePickupCode(text);
          if (normalized) {
            void lookup({ code: normalized });
          } else {
            lookupErrors.check({ code: t('release.codeInvalid') });
          }
        }}
      />
    </Page>
  );
}

type Taker = { key: string; releasedTo: ReleasedTo };

function ReleaseForm({
  buildingId,
  view,
  pickupCode,
  headingRef,
  onReleased,
}: {
  buildingId: string;
  view: PickupView;
  pickupCode: string | undefined;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onReleased: (released: Released) => void;
}) {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...useStyles() };
  const errors = useFormErrors(releaseIds);
  const [selected, setSelected] = useState<string[]>(() => view.waiting.map((p) => p.id));
  const takers: Taker[] = [
    ...view.members.map((m) => ({ key: `resident:${m.userId}`, releasedTo: { kind: 'resident' as const, userId: m.userId, name: m.name } })),
    ...view.authorized.map((a) => ({ key: `authorized:${a.id}`, releasedTo: { kind: 'authorized' as const, name: a.name } })),
  ];
  const [taker, setTaker] = useState(view.person ? `resident:${view.person.userId}` : '');
  const [identity, setIdentity] = useState<IdentityCheck | ''>(pickupCode ? 'pickup-code' : '');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = takers.find((x) => x.key === taker);
    if (
      !errors.check({
        packageIds: selected.length === 0 && t('release.packagesRequired'),
        releasedTo: !chosen && t('release.takerRequired'),
        identityCheck: !identity && t('release.identityRequired'),
      }) ||
      !chosen ||
      !identity
    ) {
      return;
    }
    setBusy(true);
    try {
      const answer = await deskApi.release(buildingId, {
        unitId: view.unitId,
        packageIds: selected,
        releasedTo: chosen.releasedTo,
        identityCheck: identity,
        pickupCode: identity === 'pickup-code' ? (pickupCode ?? null) : null,
      });
      onReleased({ packages: answer.packages, name: chosen.releasedTo.name, until: answer.packages[0]?.releaseUndoableUntil ?? undefined });
    } catch (e) {
      errors.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`${styles.card} ${styles.form}`} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="release-unit-heading">
      <h2 id="release-unit-heading" ref={headingRef} tabIndex={-1} className={styles.focusable}>
        {view.person ? t('release.unitHeadingPerson', { unit: view.unitNumber, name: view.person.name }) : t('release.unitHeading', { unit: view.unitNumber })}
      </h2>
      {view.neverRelease.length > 0 && (
        <div className={styles.never} role="group" aria-labelledby="release-never-heading">
          <h3 id="release-never-heading">{t('release.neverHeading')}</h3>
          <ul className={styles.neverList}>
            {view.neverRelease.map((n) => (
              <li key={n.id}>{n.name}</li>
            ))}
          </ul>
        </div>
      )}
      {view.vacationHold && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('release.vacationHold', { from: formatDate(`${view.vacationHold.from}T12:00:00Z`, lang), to: formatDate(`${view.vacationHold.to}T12:00:00Z`, lang) })}</MessageBarBody>
        </MessageBar>
      )}
      {view.instructions && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('release.instructions')}</MessageBarTitle>
            {view.instructions}
          </MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      {view.waiting.length === 0 ? (
        <p>{t('release.nothingWaiting')}</p>
      ) : (
        <>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('release.packagesLegend', { count: view.waiting.length })}</legend>
            <ul className={styles.packages}>
              {view.waiting.map((p, i) => (
                <li key={p.id}>
                  <Checkbox
                    {...(i === 0 ? { id: releaseIds.packageIds } : {})}
                    checked={selected.includes(p.id)}
                    onChange={(_e, d) => setSelected((s) => (d.checked ? [...s, p.id] : s.filter((x) => x !== p.id)))}
                    label={[p.shortId, t(`carriers.${p.carrier}`), t(`sizes.${p.size}`), p.location ? t('log.onShelf', { location: p.location }) : undefined, formatDateTime(p.arrivedAt, lang)]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </li>
              ))}
            </ul>
            {errors.fieldError('packageIds') && <p role="alert">{errors.fieldError('packageIds')}</p>}
          </fieldset>
          <Field label={t('release.takenBy')} required validationState={errors.fieldError('releasedTo') ? 'error' : 'none'} validationMessage={errors.fieldError('releasedTo')}>
            <RadioGroup name="release-to" value={taker} onChange={(_e, d) => setTaker(d.value)}>
              {takers.map((x, i) => (
                <Radio
                  key={x.key}
                  {...(i === 0 ? { id: releaseIds.releasedTo } : {})}
                  value={x.key}
                  label={x.releasedTo.kind === 'resident' ? t('release.resident', { name: x.releasedTo.name }) : t('release.authorized', { name: x.releasedTo.name })}
                />
              ))}
            </RadioGroup>
          </Field>
          {view.authorized.some((a) => a.expiresOn) && (
            <ul className={styles.list}>
              {view.authorized
                .filter((a) => a.expiresOn)
                .map((a) => (
                  <li key={a.id}>{t('release.authorizedUntil', { name: a.name, date: formatDate(`${a.expiresOn}T12:00:00Z`, lang) })}</li>
                ))}
            </ul>
          )}
          <Field label={t('release.identity')} required validationState={errors.fieldError('identityCheck') ? 'error' : 'none'} validationMessage={errors.fieldError('identityCheck')}>
            <RadioGroup name="release-identity" value={identity} onChange={(_e, d) => setIdentity(d.value as IdentityCheck)}>
              {identityChecks
                .filter((c) => c !== 'pickup-code' || pickupCode)
                .map((c, i) => (
                  <Radio key={c} {...(i === 0 ? { id: releaseIds.identityCheck } : {})} value={c} label={t(`identity.${c}`)} />
                ))}
            </RadioGroup>
          </Field>
          <FormSubmit busy={busy}>{t('release.submit', { count: selected.length })}</FormSubmit>
        </>
      )}
    </form>
  );
}

/** « 2 colis remis à … » with Undo while the server allows it (10 minutes). */
function ReleasedMessage({
  buildingId,
  released,
  containerRef,
  onUndone,
}: {
  buildingId: string;
  released: Released;
  containerRef: React.RefObject<HTMLDivElement | null>;
  onUndone: (count: number) => void;
}) {
  const { t } = useTranslation('packages-desk');
  const errors = useFormErrors(undoIds);
  const [canUndo, setCanUndo] = useState(() => !!released.until && Date.parse(released.until) > Date.now());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!released.until) {
      return undefined;
    }
    const left = Date.parse(released.until) - Date.now();
    const timer = setTimeout(() => setCanUndo(false), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [released.until]);

  const undo = async () => {
    if (!errors.check({ reason: !reason.trim() && t('undo.reasonRequired') })) {
      return;
    }
    setBusy(true);
    try {
      for (const p of released.packages) {
        await deskApi.undoRelease(buildingId, p.id, { reason: reason.trim() });
      }
      setOpen(false);
      onUndone(released.packages.length);
    } catch (e) {
      errors.fromError(e, 'reason');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div ref={containerRef} tabIndex={-1} role="group" aria-labelledby="release-done-title">
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle id="release-done-title">{t('release.done', { count: released.packages.length, name: released.name })}</MessageBarTitle>
            {released.packages.map((p) => p.shortId).join(', ')}
          </MessageBarBody>
          {canUndo && (
            <MessageBarActions>
              <Button
                onClick={() => {
                  setReason('');
                  errors.clear();
                  setOpen(true);
                }}
              >
                {t('undo.button')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      </div>
      <FormDialog
        open={open}
        title={t('undo.title')}
        submitLabel={t('undo.submit')}
        cancelLabel={t('undo.keep')}
        busy={busy}
        onSubmit={() => void undo()}
        onClose={() => setOpen(false)}
      >
        <p>{t('undo.text', { count: released.packages.length })}</p>
        <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
        <Field
          label={{ children: t('undo.reason'), htmlFor: undoIds.reason }}
          required
          validationState={errors.fieldError('reason') ? 'error' : 'none'}
          validationMessage={errors.fieldError('reason')}
        >
          <Textarea id={undoIds.reason} value={reason} onChange={(_e, d) => setReason(d.value)} maxLength={300} resize="vertical" />
        </Field>
      </FormDialog>
    </>
  );
}
