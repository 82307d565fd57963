import { Checkbox, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/forms/form-dialog';
import { ApiError } from '@/lib/api-client';
import { approvalsApi } from '../api/approvals-api';
import { rejectReasonMaxLength, type StaffRegistration } from '../api/types';

/** The dialogs stay mounted and are opened with `open` (see {@link FormDialog}). */
interface DecisionProps {
  open: boolean;
  buildingId: string;
  registration: StaffRegistration | undefined;
  onClose: () => void;
  onDone: (registration: StaffRegistration) => void;
}

export function ApproveDialog({ open, buildingId, registration, onClose, onDone }: DecisionProps) {
  const { t } = useTranslation('console');
  const [confirmOwner, setConfirmOwner] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // A new opening starts clean (state adjusted during render, not in an effect).
  const opening = open ? (registration?.id ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setConfirmOwner(false);
    setError(undefined);
  }

  const submit = async () => {
    if (!registration) {
      return;
    }
    setBusy(true);
    try {
      await approvalsApi.approve(buildingId, registration.id, { confirmOwner: registration.relationship === 'owner' && confirmOwner });
      onDone(registration);
    } catch (e) {
      setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!registration}
      title={t('approvals.approveTitle', { name: registration?.fullName ?? '' })}
      submitLabel={t('approvals.approve')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <p>{t('approvals.approveText', { name: registration?.fullName ?? '', unit: registration?.unitNumber ?? '' })}</p>
      {registration?.relationship === 'owner' && (
        <Field hint={t('approvals.confirmOwnerHint')}>
          <Checkbox checked={confirmOwner} onChange={(_e, d) => setConfirmOwner(d.checked === true)} label={t('approvals.confirmOwner')} />
        </Field>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </FormDialog>
  );
}

export function RejectDialog({ open, buildingId, registration, onClose, onDone }: DecisionProps) {
  const { t } = useTranslation('console');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const opening = open ? (registration?.id ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setReason('');
    setError(undefined);
  }

  const submit = async () => {
    if (!registration) {
      return;
    }
    if (!reason.trim()) {
      setError(t('approvals.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await approvalsApi.reject(buildingId, registration.id, { reason: reason.trim() });
      onDone(registration);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors.reason ?? e.title) : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!registration}
      title={t('approvals.rejectTitle', { name: registration?.fullName ?? '' })}
      submitLabel={t('approvals.reject')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <Field
        label={{ children: t('approvals.reason'), htmlFor: 'reject-reason' }}
        hint={t('approvals.reasonHint', { count: reason.length, max: rejectReasonMaxLength })}
        required
        validationState={error ? 'error' : 'none'}
        validationMessage={error}
      >
        <Textarea id="reject-reason" value={reason} maxLength={rejectReasonMaxLength} resize="vertical" rows={4} onChange={(_e, d) => setReason(d.value)} />
      </Field>
    </FormDialog>
  );
}
