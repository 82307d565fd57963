import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/error-summary';
import { FormDialog } from '@/components/forms/form-dialog';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { deskApi } from '../api/packages-api';
import { exceptionKinds, type Carrier, type ExceptionKind, type Package, type PackageFlag, type PackageSize, type TimelineEntry } from '../api/types';
import { CarrierField, FlagsField, SizeField } from './package-fields';
import { RecipientField, type Recipient } from './recipient-field';

/** The dialogs stay mounted and are opened with `open` (see FormDialog). */
interface DialogProps {
  open: boolean;
  buildingId: string;
  pkg: Package | undefined;
  onClose: () => void;
  onDone: (pkg: Package) => void;
}

const useStyles = makeStyles({
  timeline: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  when: { color: tokens.colorNeutralForeground2, display: 'block' },
});

/** One line of a timeline, in the desk's words. */
function TimelineLine({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('packages-desk');
  const lang = useLanguage();
  const styles = useStyles();
  const parts = [t(`timeline.${entry.kind}`)];
  if (entry.recipientName) {
    parts.push(entry.kind === 'released' ? t('timeline.to', { name: entry.recipientName }) : t('timeline.notified', { name: entry.recipientName }));
  }
  if (entry.outcome) {
    parts.push(t(`outcomes.${entry.outcome}`));
  }
  if (entry.actorName) {
    parts.push(t('timeline.by', { name: entry.actorName }));
  }
  return (
    <li>
      <span className={styles.when}>{formatDateTime(entry.at, lang)}</span>
      {parts.join(' · ')}
      {entry.detail && <> — {t('timeline.detail', { detail: entry.detail })}</>}
    </li>
  );
}

/** A package's details and its timeline, read fresh when opened. */
export function DetailsDialog({ open, buildingId, pkg, onClose }: Omit<DialogProps, 'onDone'>) {
  const { t } = useTranslation('packages-desk');
  const styles = useStyles();
  const id = open ? pkg?.id : undefined;
  const full = useApiQuery((signal) => (id ? deskApi.get(buildingId, id, signal) : Promise.resolve(undefined)), [buildingId, id]);
  const shown = full.data?.id === id ? full.data : undefined;
  return (
    <Dialog open={open && !!pkg} onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('details.title', { shortId: pkg?.shortId ?? '' })}</DialogTitle>
          <DialogContent>
            {full.error && (
              <MessageBar intent="error">
                <MessageBarBody>{full.error.title}</MessageBarBody>
              </MessageBar>
            )}
            {shown && (
              <>
                <p>
                  {t('details.tracking', { number: shown.trackingNumber })} · {t(`carriers.${shown.carrier}`)}
                </p>
                {shown.note && <p>{t('details.note', { note: shown.note })}</p>}
                <h3>{t('details.timeline')}</h3>
                <ol className={styles.timeline}>
                  {(shown.timeline ?? []).map((entry, i) => (
                    <TimelineLine key={`${entry.at}-${i}`} entry={entry} />
                  ))}
                </ol>
              </>
            )}
            {!shown && !full.error && <p>{t('common:status.loading')}</p>}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('common:actions.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const editIds = { carrier: 'edit-carrier', size: 'edit-size', location: 'edit-location', note: 'edit-note' };

/**
 * Edit a package (carrier, size, flags, shelf, note). The package's `version` goes with the change; when
 * someone changed it in the meantime (412 `stale`) the dialog says so and shows the current values.
 */
export function EditDialog({ open, buildingId, pkg, onClose, onDone }: DialogProps) {
  const { t } = useTranslation('packages-desk');
  const errors = useFormErrors(editIds);
  const [base, setBase] = useState<Package>();
  const [carrier, setCarrier] = useState<Carrier>('other');
  const [size, setSize] = useState<PackageSize>('small');
  const [flags, setFlags] = useState<PackageFlag[]>([]);
  const [location, setLocation] = useState('');
  const [note, setNote] = useState('');
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = (p: Package) => {
    setBase(p);
    setCarrier(p.carrier);
    setSize(p.size);
    setFlags(p.flags);
    setLocation(p.location ?? '');
    setNote(p.note ?? '');
  };

  // A new opening starts from the package as listed (state adjusted during render, not in an effect).
  const opening = open ? (pkg?.id ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setStale(false);
    errors.clear();
    if (pkg) {
      load(pkg);
    }
  }

  const submit = async () => {
    if (!base) {
      return;
    }
    setBusy(true);
    try {
      const saved = await deskApi.edit(buildingId, base.id, { version: base.version, carrier, size, flags, location: location.trim() || null, note: note.trim() || null });
      onDone(saved);
    } catch (e) {
      if (isApiError(e, 'stale')) {
        errors.clear();
        setStale(true);
        try {
          load(await deskApi.get(buildingId, base.id));
        } catch (reloadError) {
          errors.fromError(reloadError);
        }
      } else {
        errors.fromError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!pkg}
      title={t('edit.title', { shortId: pkg?.shortId ?? '' })}
      submitLabel={t('edit.submit')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t('edit.stale')}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <CarrierField id={editIds.carrier} value={carrier} onChange={setCarrier} />
      <SizeField id={editIds.size} name="edit-size" value={size} onChange={setSize} />
      <FlagsField idPrefix="edit-flag" value={flags} onChange={setFlags} />
      <Field label={{ children: t('fields.location'), htmlFor: editIds.location }}>
        <Input id={editIds.location} value={location} onChange={(_e, d) => setLocation(d.value)} maxLength={40} />
      </Field>
      <Field label={{ children: t('fields.note'), htmlFor: editIds.note }}>
        <Textarea id={editIds.note} value={note} onChange={(_e, d) => setNote(d.value)} maxLength={500} resize="vertical" />
      </Field>
    </FormDialog>
  );
}

const exceptionIds = { kind: 'exception-kind', note: 'exception-note' };

/** Returned to sender, missing, or damaged (damaged stays waiting), with a note. */
export function ExceptionDialog({ open, buildingId, pkg, onClose, onDone }: DialogProps) {
  const { t } = useTranslation('packages-desk');
  const errors = useFormErrors(exceptionIds);
  const [kind, setKind] = useState<ExceptionKind | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const opening = open ? (pkg?.id ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setKind('');
    setNote('');
    errors.clear();
  }

  const submit = async () => {
    if (!pkg || !errors.check({ kind: !kind && t('exception.kindRequired'), note: !note.trim() && t('exception.noteRequired') })) {
      return;
    }
    setBusy(true);
    try {
      onDone(await deskApi.exception(buildingId, pkg.id, { kind: kind as ExceptionKind, note: note.trim() }));
    } catch (e) {
      errors.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!pkg}
      title={t('exception.title', { shortId: pkg?.shortId ?? '' })}
      submitLabel={t('exception.submit')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <Field label={t('exception.kind')} required validationState={errors.fieldError('kind') ? 'error' : 'none'} validationMessage={errors.fieldError('kind')}>
        <RadioGroup name="exception-kind" value={kind} onChange={(_e, d) => setKind(d.value as ExceptionKind)}>
          {exceptionKinds.map((k, i) => (
            <Radio key={k} {...(i === 0 ? { id: exceptionIds.kind } : {})} value={k} label={t(`exceptions.${k}`)} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={{ children: t('fields.note'), htmlFor: exceptionIds.note }}
        required
        validationState={errors.fieldError('note') ? 'error' : 'none'}
        validationMessage={errors.fieldError('note')}
      >
        <Textarea id={exceptionIds.note} value={note} onChange={(_e, d) => setNote(d.value)} maxLength={500} resize="vertical" />
      </Field>
    </FormDialog>
  );
}

const assignIds = { unitId: 'assign-recipient' };

/** Gives an unknown-recipient package its unit (and resident): it becomes waiting and the arrival notice goes out. */
export function AssignDialog({ open, buildingId, pkg, onClose, onDone }: DialogProps) {
  const { t } = useTranslation('packages-desk');
  const errors = useFormErrors(assignIds);
  const [recipient, setRecipient] = useState<Recipient>();
  const [busy, setBusy] = useState(false);
  const sources = useApiQuery(
    async (signal) => {
      if (!open) {
        return undefined;
      }
      const [units, residents] = await Promise.all([deskApi.units(buildingId, signal), deskApi.residents(buildingId, signal)]);
      return { units, residents };
    },
    [buildingId, open],
  );
  const opening = open ? (pkg?.id ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setRecipient(undefined);
    errors.clear();
  }

  const submit = async () => {
    if (!pkg || !errors.check({ unitId: (!recipient || recipient.kind === 'unknown') && t('assign.required') }) || !recipient || recipient.kind === 'unknown') {
      return;
    }
    setBusy(true);
    try {
      onDone(await deskApi.assign(buildingId, pkg.id, { unitId: recipient.unitId, recipientUserId: recipient.kind === 'resident' ? recipient.userId : null }));
    } catch (e) {
      errors.fromError(e, 'unitId');
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!pkg}
      title={t('assign.title', { shortId: pkg?.shortId ?? '' })}
      submitLabel={t('assign.submit')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {pkg?.recipientName && <p>{t('assign.typedName', { name: pkg.recipientName })}</p>}
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <RecipientField
        key={`assign-${shownFor ?? ''}`}
        id={assignIds.unitId}
        label={t('fields.recipient')}
        units={sources.data?.units ?? []}
        residents={sources.data?.residents ?? []}
        value={recipient}
        onChange={setRecipient}
        allowUnknown={false}
        loading={sources.loading && !sources.data}
        error={errors.fieldError('unitId')}
      />
    </FormDialog>
  );
}
