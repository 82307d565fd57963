import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/error-summary';
import { FormDialog } from '@/components/forms/form-dialog';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { ApiError } from '@/lib/api-client';
import { staffApi } from '../api/staff-api';
import type { StaffInvitation, StaffMember, StaffRole } from '../api/types';
import { RoleField } from './staff-fields';

/** The dialogs stay mounted and are opened with `open` (see {@link FormDialog}). */
interface DialogProps<T> {
  open: boolean;
  buildingId: string;
  subject: T | undefined;
  onClose: () => void;
  onDone: (subject: T) => void;
}

const roleFieldIds = { role: 'change-role' };

/** A member's new role. A refusal (own role, last administrator) is said beside the role and in the summary. */
export function ChangeRoleDialog({ open, buildingId, subject: member, onClose, onDone }: DialogProps<StaffMember>) {
  const { t } = useTranslation('staff');
  const errors = useFormErrors(roleFieldIds);
  const [role, setRole] = useState<StaffRole | ''>('');
  const [busy, setBusy] = useState(false);

  // A new opening starts clean (state adjusted during render, not in an effect).
  const opening = open ? (member?.userId ?? null) : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setRole(member && member.role !== 'resident' ? member.role : '');
    errors.clear();
  }

  const submit = async () => {
    if (!member || !errors.check({ role: !role && t('console.roleRequired') })) {
      return;
    }
    setBusy(true);
    try {
      const changed = await staffApi.changeRole(buildingId, member.userId, { role: role as StaffRole });
      onDone(changed);
    } catch (e) {
      errors.fromError(e, 'role');
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open && !!member}
      title={t('console.changeRoleTitle', { name: member?.fullName ?? '' })}
      submitLabel={t('console.changeRole')}
      cancelLabel={t('common:actions.cancel')}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <p>{t('console.changeRoleText')}</p>
      <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
      <RoleField id={roleFieldIds.role} label={t('console.newRole')} value={role} onChange={setRole} error={errors.fieldError('role')} />
    </FormDialog>
  );
}

/** A confirmation with the server's refusal shown inside the dialog. */
function ConfirmDialog({
  open,
  title,
  text,
  confirm,
  cancel,
  error,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  error: string | undefined;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <FormDialog open={open} modalType="alert" title={title} submitLabel={confirm} cancelLabel={cancel} busy={busy} onSubmit={onConfirm} onClose={onClose}>
      <p>{text}</p>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </FormDialog>
  );
}

/** Runs a confirmed action; a new opening forgets the previous error. */
function useConfirmed<T>(open: boolean, key: string | null, action: (subject: T) => Promise<unknown>, onDone: (subject: T) => void) {
  const { t } = useTranslation('staff');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const opening = open ? key : null;
  const [shownFor, setShownFor] = useState(opening);
  if (shownFor !== opening) {
    setShownFor(opening);
    setError(undefined);
  }
  const run = async (subject: T | undefined) => {
    if (!subject) {
      return;
    }
    setBusy(true);
    try {
      await action(subject);
      onDone(subject);
    } catch (e) {
      setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function RemoveMemberDialog({ open, buildingId, subject: member, onClose, onDone }: DialogProps<StaffMember>) {
  const { t } = useTranslation('staff');
  const confirmed = useConfirmed<StaffMember>(open, member?.userId ?? null, (m) => staffApi.remove(buildingId, m.userId), onDone);
  return (
    <ConfirmDialog
      open={open && !!member}
      title={t('console.removeTitle', { name: member?.fullName ?? '' })}
      text={t('console.removeText', { name: member?.fullName ?? '' })}
      confirm={t('console.remove')}
      cancel={t('common:actions.cancel')}
      error={confirmed.error}
      busy={confirmed.busy}
      onConfirm={() => void confirmed.run(member)}
      onClose={onClose}
    />
  );
}

export function RevokeInvitationDialog({ open, buildingId, subject: invitation, onClose, onDone }: DialogProps<StaffInvitation>) {
  const { t } = useTranslation('staff');
  const confirmed = useConfirmed<StaffInvitation>(open, invitation?.id ?? null, (i) => staffApi.revokeInvitation(buildingId, i.id), onDone);
  return (
    <ConfirmDialog
      open={open && !!invitation}
      title={t('console.revokeTitle', { name: invitation?.fullName ?? '' })}
      text={t('console.revokeText', { email: invitation?.email ?? '' })}
      confirm={t('console.revoke')}
      cancel={t('console.keepInvitation')}
      error={confirmed.error}
      busy={confirmed.busy}
      onConfirm={() => void confirmed.run(invitation)}
      onClose={onClose}
    />
  );
}
