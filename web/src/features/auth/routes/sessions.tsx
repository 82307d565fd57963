import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { authApi } from '../api/auth-api';
import type { SessionInfo } from '../api/types';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  device: { ...typographyStyles.subtitle2, margin: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  meta: { margin: `${tokens.spacingVerticalXS} 0`, color: tokens.colorNeutralForeground2 },
});

/** Connected devices: every session of the account, end one, or sign out everywhere. */
export default function SessionsPage() {
  const { t } = useTranslation('auth');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const announce = useAnnounce();
  const { signOut } = useSession();
  const sessions = useApiQuery((signal) => authApi.sessions(signal), []);
  const [error, setError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  const end = async (session: SessionInfo) => {
    setBusyId(session.id);
    setError(undefined);
    try {
      if (session.current) {
        await signOut();
        return;
      }
      await authApi.endSession(session.id);
      announce(t('sessions.ended', { device: session.device }));
      await sessions.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <Page title={t('sessions.title')}>
      <p>{t('sessions.explain')}</p>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {sessions.error && (
        <MessageBar intent="error">
          <MessageBarBody>{sessions.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {sessions.loading && !sessions.data && <PageLoading />}
      {sessions.data && (
        <ul className={styles.list}>
          {sessions.data.map((session) => (
            <li key={session.id} className={styles.card}>
              <h2 className={styles.device}>
                {session.device}
                {session.current && (
                  <Badge appearance="tint" color="brand">
                    {t('sessions.current')}
                  </Badge>
                )}
              </h2>
              <p className={styles.meta}>
                {t('sessions.started', { date: formatDateTime(session.createdAt, lang) })}
                <br />
                {t('sessions.lastSeen', { date: formatDateTime(session.lastSeenAt, lang) })}
              </p>
              <Button onClick={() => void end(session)} disabled={busyId === session.id}>
                {session.current ? t('common:shell.signOut') : t('sessions.end', { device: session.device })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Dialog modalType="alert">
        <DialogTrigger disableButtonEnhancement>
          <Button appearance="primary">{t('sessions.everywhere')}</Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('sessions.everywhereTitle')}</DialogTitle>
            <DialogContent>{t('sessions.everywhereText')}</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t('common:actions.cancel')}</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={() => void signOut({ everywhere: true })}>
                {t('sessions.everywhereConfirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
