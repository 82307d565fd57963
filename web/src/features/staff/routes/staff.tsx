import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { isApiError } from '@/lib/api-client';
import { canManageStaff, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { emailPattern, formatDate, formatDateTime } from '@/lib/format';
import type { Language } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { staffApi } from '../api/staff-api';
import type { StaffInvitation, StaffList, StaffMember, StaffRole } from '../api/types';
import { ChangeRoleDialog, RemoveMemberDialog, RevokeInvitationDialog } from '../components/staff-dialogs';
import { LanguageField, RoleField } from '../components/staff-fields';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  name: { ...typographyStyles.subtitle1, margin: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', overflowWrap: 'anywhere' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: `${tokens.spacingVerticalS} 0`,
    '@media (max-width: 30em)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  heading: { margin: 0, ':focus': { outline: 'none' }, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const inviteFieldIds = { email: 'invite-email', fullName: 'invite-name', role: 'invite-role', language: 'invite-language' };

type MemberAction = { kind: 'role' | 'remove'; member: StaffMember };

/**
 * The building's staff (administrators only, capability ManageStaff): invite someone by email with a
 * role, cancel an open invitation, change a member's role, remove a member. Nobody changes their own
 * role here; the server also keeps at least one administrator and says so when refused.
 */
export default function StaffPage() {
  const { t } = useTranslation('staff');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const announce = useAnnounce();
  const { me } = useSession();
  const { building, buildings } = useConsoleBuilding();
  const buildingId = building?.buildingId;
  const allowed = canManageStaff(rolesIn(buildings, buildingId));
  const list = useApiQuery(
    (signal) => (buildingId && allowed ? staffApi.list(buildingId, signal) : Promise.resolve<StaffList>({ members: [], invitations: [] })),
    [buildingId, allowed],
  );

  const [memberAction, setMemberAction] = useState<MemberAction>();
  const [memberOpen, setMemberOpen] = useState(false);
  const [revoking, setRevoking] = useState<StaffInvitation>();
  const [revokeOpen, setRevokeOpen] = useState(false);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const invitationsHeading = useRef<HTMLHeadingElement>(null);

  const afterChange = (message: string, heading: HTMLHeadingElement | null) => {
    void list.reload().then(() => {
      announce(message);
      heading?.focus();
    });
  };

  if (!allowed) {
    return (
      <Page title={t('console.title')}>
        <MessageBar intent="warning">
          <MessageBarBody>{t('console.notAllowed')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }

  const members = list.data?.members ?? [];
  const invitations = list.data?.invitations ?? [];

  return (
    <Page title={t('console.title')}>
      <p>{t('console.explain', { building: building?.buildingName ?? '' })}</p>
      {buildingId && <InviteForm buildingId={buildingId} onInvited={() => void list.reload()} />}
      {list.error && (
        <MessageBar intent="error">
          <MessageBarBody>{list.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {list.loading && !list.data && <PageLoading />}

      <section className={styles.section} aria-labelledby="staff-members-heading">
        <h2 id="staff-members-heading" ref={membersHeading} tabIndex={-1} className={styles.heading}>
          {t('console.membersHeading', { count: members.length })}
        </h2>
        {list.data && members.length === 0 && <p>{t('console.noMembers')}</p>}
        {members.length > 0 && (
          <ul className={styles.list}>
            {members.map((m) => {
              const self = m.userId === me?.userId;
              return (
                <li key={m.userId} className={styles.card}>
                  <h3 className={styles.name}>
                    {m.fullName}
                    {self && (
                      <Badge appearance="tint" color="informative">
                        {t('console.you')}
                      </Badge>
                    )}
                  </h3>
                  <dl className={styles.details}>
                    <dt className={styles.term}>{t('console.role')}</dt>
                    <dd className={styles.value}>{t(`roles.${m.role}`)}</dd>
                    <dt className={styles.term}>{t('console.email')}</dt>
                    <dd className={styles.value}>{m.email}</dd>
                    <dt className={styles.term}>{t('console.since')}</dt>
                    <dd className={styles.value}>{formatDate(m.since, lang)}</dd>
                  </dl>
                  {!self && (
                    <div className={styles.actions}>
                      <Button
                        aria-label={t('console.changeRoleFor', { name: m.fullName })}
                        onClick={() => {
                          setMemberAction({ kind: 'role', member: m });
                          setMemberOpen(true);
                        }}
                      >
                        {t('console.changeRole')}
                      </Button>
                      <Button
                        aria-label={t('console.removeFor', { name: m.fullName })}
                        onClick={() => {
                          setMemberAction({ kind: 'remove', member: m });
                          setMemberOpen(true);
                        }}
                      >
                        {t('console.remove')}
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="staff-invitations-heading">
        <h2 id="staff-invitations-heading" ref={invitationsHeading} tabIndex={-1} className={styles.heading}>
          {t('console.invitationsHeading', { count: invitations.length })}
        </h2>
        {list.data && invitations.length === 0 && <p>{t('console.noInvitations')}</p>}
        {invitations.length > 0 && (
          <ul className={styles.list}>
            {invitations.map((i) => (
              <li key={i.id} className={styles.card}>
                <h3 className={styles.name}>
                  {i.fullName}
                  <Badge appearance="tint" color={i.status === 'pending' ? 'brand' : 'warning'}>
                    {t(`statuses.${i.status}`)}
                  </Badge>
                </h3>
                <dl className={styles.details}>
                  <dt className={styles.term}>{t('console.role')}</dt>
                  <dd className={styles.value}>{t(`roles.${i.role}`)}</dd>
                  <dt className={styles.term}>{t('console.email')}</dt>
                  <dd className={styles.value}>{i.email}</dd>
                  <dt className={styles.term}>{t('console.invitedAt')}</dt>
                  <dd className={styles.value}>{formatDateTime(i.invitedAt, lang)}</dd>
                  <dt className={styles.term}>{t('console.expiresAt')}</dt>
                  <dd className={styles.value}>{formatDateTime(i.expiresAt, lang)}</dd>
                </dl>
                {i.status === 'pending' && (
                  <div className={styles.actions}>
                    <Button
                      aria-label={t('console.revokeFor', { name: i.fullName })}
                      onClick={() => {
                        setRevoking(i);
                        setRevokeOpen(true);
                      }}
                    >
                      {t('console.revoke')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {buildingId && (
        <>
          <ChangeRoleDialog
            open={memberOpen && memberAction?.kind === 'role'}
            buildingId={buildingId}
            subject={memberAction?.member}
            onClose={() => setMemberOpen(false)}
            onDone={(changed) => {
              setMemberOpen(false);
              afterChange(t('console.roleChanged', { name: changed.fullName, role: t(`roles.${changed.role}`) }), membersHeading.current);
            }}
          />
          <RemoveMemberDialog
            open={memberOpen && memberAction?.kind === 'remove'}
            buildingId={buildingId}
            subject={memberAction?.member}
            onClose={() => setMemberOpen(false)}
            onDone={(removed) => {
              setMemberOpen(false);
              afterChange(t('console.removed', { name: removed.fullName }), membersHeading.current);
            }}
          />
          <RevokeInvitationDialog
            open={revokeOpen}
            buildingId={buildingId}
            subject={revoking}
            onClose={() => setRevokeOpen(false)}
            onDone={(revoked) => {
              setRevokeOpen(false);
              afterChange(t('console.revoked', { name: revoked.fullName }), invitationsHeading.current);
            }}
          />
        </>
      )}
    </Page>
  );
}

/** Invite someone: the new invitation is shown (and takes focus) once the server has created it. */
function InviteForm({ buildingId, onInvited }: { buildingId: string; onInvited: () => void }) {
  const { t } = useTranslation('staff');
  const styles = useFormStyles();
  const lang = useLanguage();
  const errors = useFormErrors(inviteFieldIds);
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [language, setLanguage] = useState<Language>(lang);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<StaffInvitation>();
  const invitedRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setInvited(undefined);
    if (
      !errors.check({
        email: !email.trim() ? t('console.emailRequired') : !emailPattern.test(email.trim()) && t('console.emailInvalid'),
        fullName: fullName.trim().length < 2 && t('console.nameRequired'),
        role: !role && t('console.roleRequired'),
      })
    ) {
      return;
    }
    setBusy(true);
    try {
      const created = await staffApi.invite(buildingId, { email: email.trim(), fullName: fullName.trim(), role: role as StaffRole, language });
      errors.clear();
      setInvited(created);
      setEmail('');
      setFullName('');
      setRole('');
      onInvited();
      setTimeout(() => invitedRef.current?.focus(), 0);
    } catch (error) {
      // "Already on the staff" concerns the address.
      errors.fromError(error, isApiError(error, 'staff-already-member') ? 'email' : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {invited && (
        <div ref={invitedRef} tabIndex={-1} role="group" aria-labelledby="staff-invited-title" className={styles.card}>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id="staff-invited-title">{t('console.invitedTitle')}</MessageBarTitle>
              {t('console.invitedText', {
                name: invited.fullName,
                email: invited.email,
                role: t(`roles.${invited.role}`),
                date: formatDateTime(invited.expiresAt, lang),
              })}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      <form className={`${styles.form} ${styles.card}`} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="staff-invite-heading">
        <h2 id="staff-invite-heading">{t('console.inviteHeading')}</h2>
        <p>{t('console.inviteExplain')}</p>
        <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
        <TextField
          id={inviteFieldIds.email}
          name="invite-email"
          type="email"
          label={t('console.email')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={setEmail}
          error={errors.fieldError('email')}
          required
        />
        <TextField id={inviteFieldIds.fullName} name="invite-name" label={t('console.fullName')} autoComplete="off" value={fullName} onChange={setFullName} error={errors.fieldError('fullName')} required />
        <RoleField id={inviteFieldIds.role} label={t('console.role')} value={role} onChange={setRole} error={errors.fieldError('role')} />
        <LanguageField id={inviteFieldIds.language} label={t('console.language')} value={language} onChange={setLanguage} error={errors.fieldError('language')} />
        <FormSubmit busy={busy}>{t('console.invite')}</FormSubmit>
      </form>
    </>
  );
}
