import { Badge, Button, MessageBar, MessageBarBody, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { formatDateTime } from '@/lib/format';
import { usePush, type PushMessage } from '@/lib/realtime';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { approvalsApi } from '../api/approvals-api';
import type { StaffRegistration } from '../api/types';
import { ApproveDialog, RejectDialog } from '../components/decision-dialogs';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  name: { ...typographyStyles.subtitle1, margin: 0 },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: `${tokens.spacingVerticalS} 0`,
    '@media (max-width: 30em)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  listHeading: { ':focus': { outline: 'none' } },
});

type Decision = { kind: 'approve' | 'reject'; registration: StaffRegistration };

/**
 * Registrations waiting for approval, live: a push (`registration.submitted`, `registration.decided`)
 * makes the page fetch the list again and say so politely to screen readers; it never polls.
 */
export default function ApprovalsPage() {
  const { t } = useTranslation('console');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const announce = useAnnounce();
  const { building, buildings } = useConsoleBuilding();
  const allowed = canManage(rolesIn(buildings, building?.buildingId));
  const buildingId = building?.buildingId;
  const list = useApiQuery(
    (signal) => (buildingId && allowed ? approvalsApi.list(buildingId, 'pending', signal) : Promise.resolve([] as StaffRegistration[])),
    [buildingId, allowed],
  );
  // The last decision stays while its dialog closes; `open` says whether a dialog is shown.
  const [decision, setDecision] = useState<Decision>();
  const [open, setOpen] = useState(false);
  // Registrations this page is deciding: the decision's own push (registration.decided) then only
  // refreshes the list, so the specific "approved"/"rejected" announcement is not replaced.
  const ownDecisions = useRef(new Set<string>());
  const decide = (next: Decision) => {
    ownDecisions.current.add(next.registration.id);
    setDecision(next);
    setOpen(true);
  };
  const cancel = () => {
    if (decision) {
      ownDecisions.current.delete(decision.registration.id);
    }
    setOpen(false);
  };
  const listHeading = useRef<HTMLHeadingElement>(null);

  usePush(
    ['registration.submitted', 'registration.decided'],
    (message: PushMessage) => {
      if (message.ids.buildingId !== buildingId) {
        return;
      }
      if (message.kind === 'registration.decided' && ownDecisions.current.has(message.ids.registrationId ?? '')) {
        void list.reload();
        return;
      }
      void list.reload().then(() =>
        announce(message.kind === 'registration.submitted' ? t('approvals.liveSubmitted') : t('approvals.liveDecided')),
      );
    },
    () => void list.reload(),
  );

  const decided = (kind: Decision['kind'], registration: StaffRegistration) => {
    setOpen(false);
    void list.reload().then(() => {
      announce(t(kind === 'approve' ? 'approvals.approved' : 'approvals.rejected', { name: registration.fullName }));
      listHeading.current?.focus();
    });
  };

  if (!allowed) {
    return (
      <Page title={t('approvals.title')}>
        <MessageBar intent="warning">
          <MessageBarBody>{t('notAllowed')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }

  return (
    <Page title={t('approvals.title')}>
      <p>{t('approvals.explain', { building: building?.buildingName ?? '' })}</p>
      {list.error && (
        <MessageBar intent="error">
          <MessageBarBody>{list.error.title}</MessageBarBody>
        </MessageBar>
      )}
      <h2 ref={listHeading} tabIndex={-1} className={styles.listHeading}>
        {t('approvals.waiting', { count: list.data?.length ?? 0 })}
      </h2>
      {list.loading && !list.data && <PageLoading />}
      {list.data && list.data.length === 0 && <p>{t('approvals.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className={styles.list}>
          {list.data.map((r) => (
            <li key={r.id} className={styles.card}>
              <h3 className={styles.name}>{r.fullName}</h3>
              <dl className={styles.details}>
                <dt className={styles.term}>{t('approvals.unit')}</dt>
                <dd className={styles.value}>{r.unitNumber}</dd>
                <dt className={styles.term}>{t('approvals.relationship')}</dt>
                <dd className={styles.value}>{t(`relationship.${r.relationship}`)}</dd>
                <dt className={styles.term}>{t('approvals.email')}</dt>
                <dd className={styles.value}>
                  {r.email}{' '}
                  <Badge appearance="tint" color={r.emailVerified ? 'success' : 'warning'}>
                    {r.emailVerified ? t('approvals.emailVerified') : t('approvals.emailUnverified')}
                  </Badge>
                </dd>
                <dt className={styles.term}>{t('approvals.submitted')}</dt>
                <dd className={styles.value}>{formatDateTime(r.submittedAt, lang)}</dd>
              </dl>
              <div className={styles.actions}>
                <Button appearance="primary" aria-label={t('approvals.approveFor', { name: r.fullName })} onClick={() => decide({ kind: 'approve', registration: r })}>
                  {t('approvals.approve')}
                </Button>
                <Button aria-label={t('approvals.rejectFor', { name: r.fullName })} onClick={() => decide({ kind: 'reject', registration: r })}>
                  {t('approvals.reject')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {buildingId && (
        <>
          <ApproveDialog
            open={open && decision?.kind === 'approve'}
            buildingId={buildingId}
            registration={decision?.registration}
            onClose={cancel}
            onDone={(r) => decided('approve', r)}
          />
          <RejectDialog
            open={open && decision?.kind === 'reject'}
            buildingId={buildingId}
            registration={decision?.registration}
            onClose={cancel}
            onDone={(r) => decided('reject', r)}
          />
        </>
      )}
    </Page>
  );
}
