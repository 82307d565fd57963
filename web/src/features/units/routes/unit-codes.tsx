import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAnnounce } from '@/components/announcer';
import { AppLink } from '@/components/app-link';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { Page } from '@/components/page';
import { PageLoading } from '@/components/page-loading';
import { pathTo } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { canManage, rolesIn, useConsoleBuilding } from '@/lib/console-building';
import { formatDate } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { unitsApi } from '../api/units-api';
import type { IssuedRegistrationCode, RegistrationCodeStatus, RegistrationCodeSummary } from '../api/types';
import { keepIssuedCode } from '../issued-codes';

const statusColor: Record<RegistrationCodeStatus, 'success' | 'informative' | 'warning' | 'danger'> = {
  active: 'success',
  used: 'informative',
  expired: 'warning',
  revoked: 'danger',
};

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  code: {
    ...typographyStyles.title2,
    fontFamily: tokens.fontFamilyMonospace,
    letterSpacing: '0.06em',
    overflowWrap: 'anywhere',
    margin: `${tokens.spacingVerticalS} 0`,
  },
  numbers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
});

/** A unit's registration codes: issue (shown once, with a printable letter), list, revoke. */
export default function UnitCodesPage() {
  const { t } = useTranslation('console');
  const styles = { ...useFormStyles(), ...useStyles() };
  const lang = useLanguage();
  const announce = useAnnounce();
  const { unitId = '' } = useParams();
  const { building, buildings } = useConsoleBuilding();
  const buildingId = building?.buildingId;
  const allowed = canManage(rolesIn(buildings, buildingId));
  const units = useApiQuery((signal) => (buildingId ? unitsApi.list(buildingId, signal) : Promise.resolve([])), [buildingId]);
  const unit = units.data?.find((u) => u.id === unitId);
  const codes = useApiQuery(
    (signal) => (buildingId && allowed ? unitsApi.codes(buildingId, unitId, signal) : Promise.resolve([] as RegistrationCodeSummary[])),
    [buildingId, unitId, allowed],
  );

  const errors = useFormErrors({ maxUses: 'code-max-uses', validDays: 'code-valid-days' });
  const [maxUses, setMaxUses] = useState('4');
  const [validDays, setValidDays] = useState('60');
  const [issued, setIssued] = useState<IssuedRegistrationCode>();
  const [busy, setBusy] = useState(false);
  // Kept while the dialog closes (an open Fluent dialog must not be unmounted).
  const [revoking, setRevoking] = useState<RegistrationCodeSummary>();
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [revokeError, setRevokeError] = useState<string>();
  const issuedRef = useRef<HTMLDivElement>(null);

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    const uses = Number(maxUses);
    const days = Number(validDays);
    if (
      !buildingId ||
      !errors.check({
        maxUses: !(Number.isInteger(uses) && uses >= 1 && uses <= 20) && t('codes.maxUsesRange'),
        validDays: !(Number.isInteger(days) && days >= 1 && days <= 365) && t('codes.validDaysRange'),
      })
    ) {
      return;
    }
    setBusy(true);
    try {
      const result = await unitsApi.issueCode(buildingId, unitId, { maxUses: uses, validDays: days });
      keepIssuedCode(unitId, result);
      setIssued(result);
      await codes.reload();
      setTimeout(() => issuedRef.current?.focus(), 0);
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!buildingId || !revoking) {
      return;
    }
    try {
      await unitsApi.revokeCode(buildingId, unitId, revoking.id);
      setRevokeOpen(false);
      await codes.reload();
      announce(t('codes.revoked'));
    } catch (error) {
      setRevokeError(error instanceof ApiError ? error.title : t('common:errors.unexpected'));
    }
  };

  const title = unit ? t('codes.title', { unit: unit.number }) : t('codes.titleNoUnit');

  if (!allowed) {
    return (
      <Page title={title}>
        <MessageBar intent="warning">
          <MessageBarBody>{t('notAllowed')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }

  return (
    <Page title={title}>
      <p>
        <AppLink to={pathTo('units', lang)}>{t('codes.backToUnits')}</AppLink>
      </p>
      {(units.error ?? codes.error) && (
        <MessageBar intent="error">
          <MessageBarBody>{(units.error ?? codes.error)!.title}</MessageBarBody>
        </MessageBar>
      )}

      {issued && (
        <div ref={issuedRef} tabIndex={-1} className={styles.card} role="group" aria-labelledby="issued-code-title">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id="issued-code-title">{t('codes.issuedTitle')}</MessageBarTitle>
              {t('codes.shownOnce')}
            </MessageBarBody>
          </MessageBar>
          <p className={styles.code} data-testid="issued-code">
            {issued.code}
          </p>
          <p>{t('codes.issuedDetails', { date: formatDate(issued.expiresAt, lang), uses: issued.maxUses })}</p>
          <AppLink to={pathTo('codeLetter', lang, { unitId })}>{t('codes.printLetter')}</AppLink>
        </div>
      )}

      <form className={`${styles.form} ${styles.card}`} noValidate onSubmit={(e) => void issue(e)} aria-labelledby="issue-heading">
        <h2 id="issue-heading">{t('codes.issueHeading')}</h2>
        <p>{t('codes.issueExplain')}</p>
        <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
        <div className={styles.numbers}>
          <TextField id="code-max-uses" name="max-uses" type="number" inputMode="numeric" label={t('codes.maxUses')} hint={t('codes.maxUsesHint')} value={maxUses} onChange={setMaxUses} error={errors.fieldError('maxUses')} required />
          <TextField id="code-valid-days" name="valid-days" type="number" inputMode="numeric" label={t('codes.validDays')} value={validDays} onChange={setValidDays} error={errors.fieldError('validDays')} required />
        </div>
        <FormSubmit busy={busy}>{t('codes.issue')}</FormSubmit>
      </form>

      <section className={styles.card} aria-labelledby="codes-list-heading">
        <h2 id="codes-list-heading">{t('codes.listHeading')}</h2>
        {codes.loading && !codes.data && <PageLoading />}
        {codes.data && codes.data.length === 0 && <p>{t('codes.none')}</p>}
        {codes.data && codes.data.length > 0 && (
          <div
            className={styles.scroll}
            role="region"
            aria-labelledby="codes-list-heading"
            // A scrollable region must take focus to scroll by keyboard (axe: scrollable-region-focusable).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
          >
            <Table size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('codes.issuedAt')}</TableHeaderCell>
                  <TableHeaderCell>{t('codes.expiresAt')}</TableHeaderCell>
                  <TableHeaderCell>{t('codes.uses')}</TableHeaderCell>
                  <TableHeaderCell>{t('codes.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('codes.actions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {codes.data.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{formatDate(c.issuedAt, lang)}</TableCell>
                    <TableCell>{formatDate(c.expiresAt, lang)}</TableCell>
                    <TableCell>{t('codes.usesOf', { uses: c.uses, max: c.maxUses })}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={statusColor[c.status]}>
                        {t(`codes.statuses.${c.status}`)}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      {c.status === 'active' && (
                        <Button
                          size="small"
                          aria-label={t('codes.revokeFor', { date: formatDate(c.issuedAt, lang) })}
                          onClick={() => {
                            setRevokeError(undefined);
                            setRevoking(c);
                            setRevokeOpen(true);
                          }}
                        >
                          {t('codes.revoke')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      {revoking && (
        <Dialog open={revokeOpen} modalType="alert" onOpenChange={(_e, d) => !d.open && setRevokeOpen(false)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t('codes.revokeTitle')}</DialogTitle>
              <DialogContent>
                <p>{t('codes.revokeText', { date: formatDate(revoking.issuedAt, lang) })}</p>
                {revokeError && (
                  <MessageBar intent="error">
                    <MessageBarBody>{revokeError}</MessageBarBody>
                  </MessageBar>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => void revoke()}>
                  {t('codes.revoke')}
                </Button>
                <Button onClick={() => setRevokeOpen(false)}>{t('common:actions.cancel')}</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
      {units.loading && !units.data && <PageLoading />}
    </Page>
  );
}
