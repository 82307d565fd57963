import { Button, MessageBar, MessageBarBody, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { useFormStyles } from '@/components/forms/form-styles';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { isApiError } from '@/lib/api-client';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { formatDateTime } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { noticesApi } from '../api/notices-api';
import type { FailedNotice, RetryOutcome } from '../api/types';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  name: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: 'anywhere' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: `${tokens.spacingVerticalS} 0`,
    '@media (max-width: 30em)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  code: { fontFamily: tokens.fontFamilyMonospace },
  heading: { margin: 0, ':focus': { outline: 'none' }, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const intents: Record<RetryOutcome, 'success' | 'warning' | 'error'> = { sent: 'success', deferred: 'warning', failed: 'error' };

/**
 * The building's emails that kept failing (managers and administrators: capability OperateBackgroundWork):
 * what kind, to whom, how many tries, the last diagnostic code and when; each can be sent again. The
 * outcome (sent, deferred, failed again) is shown and read out politely; the list is then read again.
 */
export default function FailedEmailsPage() {
  const { t, i18n } = useTranslation('notices');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...useStyles() };
  const announce = useAnnounce();
  const { building, buildings } = useConsoleBuilding();
  const buildingId = building?.buildingId;
  const allowed = canManage(rolesIn(buildings, buildingId));
  const list = useApiQuery(
    (signal) => (buildingId && allowed ? noticesApi.failed(buildingId, signal) : Promise.resolve<FailedNotice[]>([])),
    [buildingId, allowed],
  );
  const [retrying, setRetrying] = useState<string>();
  const [result, setResult] = useState<{ intent: 'success' | 'warning' | 'error'; message: string }>();
  const heading = useRef<HTMLHeadingElement>(null);

  // Unknown kinds (added on the server after this page) show as the server names them.
  const kindName = (kind: string) => (i18n.exists(`kinds.${kind}`, { ns: 'notices' }) ? t(`kinds.${kind}`) : kind);
  const recipient = (n: FailedNotice) => n.recipientName ?? t('unknownRecipient');

  const retry = async (notice: FailedNotice) => {
    if (!buildingId) {
      return;
    }
    setRetrying(notice.id);
    setResult(undefined);
    const values = { kind: kindName(notice.kind), name: recipient(notice) };
    let next: { intent: 'success' | 'warning' | 'error'; message: string };
    try {
      const outcome = await noticesApi.retry(buildingId, notice.id);
      next = { intent: intents[outcome.outcome] ?? 'warning', message: t(`outcomes.${outcome.outcome}`, values) };
    } catch (error) {
      next = { intent: 'error', message: isApiError(error) ? error.title : t('outcomes.error') };
    } finally {
      setRetrying(undefined);
    }
    setResult(next);
    await list.reload();
    // The button may be gone (sent): focus goes back to the list, whose count changed.
    heading.current?.focus();
    announce(next.message);
  };

  if (!allowed || !buildingId) {
    return (
      <Page title={t('title')}>
        <MessageBar intent="warning">
          <MessageBarBody>{t('notAllowed')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }

  const items = list.data ?? [];
  return (
    <Page title={t('title')}>
      <p>{t('explain', { building: building?.buildingName ?? '' })}</p>
      {list.error && (
        <MessageBar intent="error">
          <MessageBarBody>{list.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <MessageBar intent={result.intent} data-testid="retry-result">
          <MessageBarBody>{result.message}</MessageBarBody>
        </MessageBar>
      )}
      {list.loading && !list.data && <PageLoading />}
      <section className={styles.section} aria-labelledby="failed-heading">
        <h2 id="failed-heading" ref={heading} tabIndex={-1} className={styles.heading}>
          {t('heading', { count: items.length })}
        </h2>
        {list.data && items.length === 0 && <p>{t('none')}</p>}
        {items.length > 0 && (
          <ul className={styles.list}>
            {items.map((n) => (
              <li key={n.id} className={styles.card}>
                <h3 className={styles.name}>{kindName(n.kind)}</h3>
                <dl className={styles.details}>
                  <dt className={styles.term}>{t('recipient')}</dt>
                  <dd className={styles.value}>{recipient(n)}</dd>
                  <dt className={styles.term}>{t('attempts')}</dt>
                  <dd className={styles.value}>{n.attempts}</dd>
                  <dt className={styles.term}>{t('lastError')}</dt>
                  <dd className={`${styles.value} ${styles.code}`}>{n.lastError ?? t('noError')}</dd>
                  <dt className={styles.term}>{t('when')}</dt>
                  <dd className={styles.value}>{formatDateTime(n.updatedAt, lang)}</dd>
                </dl>
                <div className={styles.actions}>
                  <Button
                    disabled={retrying !== undefined}
                    aria-label={t('retryFor', { kind: kindName(n.kind), name: recipient(n) })}
                    onClick={() => void retry(n)}
                  >
                    {t('retry')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
