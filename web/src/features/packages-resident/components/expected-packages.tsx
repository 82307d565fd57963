import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { ErrorSummary } from '@/components/error-summary';
import { useFormStyles } from '@/components/forms/form-styles';
import { FormSubmit } from '@/components/forms/form-submit';
import { TextField } from '@/components/forms/text-field';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { ApiError } from '@/lib/api-client';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import { packagesApi, type UnitRef } from '../api/packages-api';
import { formatWhen } from './format';
import { usePackageStyles } from './package-card';

const fieldIds = { trackingNumber: 'expected-tracking', description: 'expected-description' };

const useStyles = makeStyles({
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  number: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** Packages the household expects: the desk recognises them on arrival. Added ahead, listed, removed. */
export function ExpectedPackages({ unit }: { unit: UnitRef }) {
  const { t } = useTranslation('packages');
  const lang = useLanguage();
  const styles = { ...useFormStyles(), ...usePackageStyles(), ...useStyles() };
  const announce = useAnnounce();
  const errors = useFormErrors(fieldIds);
  const list = useApiQuery((signal) => packagesApi.expected(unit, signal), [unit.buildingId, unit.unitId]);
  const [trackingNumber, setTrackingNumber] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ trackingNumber: !trackingNumber.trim() && t('expected.trackingRequired') })) {
      return;
    }
    setBusy(true);
    try {
      const number = trackingNumber.trim();
      await packagesApi.addExpected(unit, description.trim() ? { trackingNumber: number, description: description.trim() } : { trackingNumber: number });
      errors.clear();
      setTrackingNumber('');
      setDescription('');
      await list.reload();
      announce(t('expected.added', { number }));
    } catch (error) {
      errors.fromError(error, 'trackingNumber');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, number: string) => {
    setRemoveError(undefined);
    try {
      await packagesApi.removeExpected(unit, id);
      await list.reload();
      announce(t('expected.removed', { number }));
      headingRef.current?.focus();
    } catch (error) {
      setRemoveError(error instanceof ApiError ? error.title : t('common:errors.unexpected'));
    }
  };

  const items = list.data ?? [];
  return (
    <section className={`${styles.form} ${styles.card}`} aria-labelledby="prefs-expected">
      <h2 id="prefs-expected" ref={headingRef} tabIndex={-1}>
        {t('expected.heading')}
      </h2>
      <p>{t('expected.explain')}</p>
      {(list.error ?? removeError) && (
        <MessageBar intent="error">
          <MessageBarBody>{removeError ?? list.error?.title}</MessageBarBody>
        </MessageBar>
      )}
      {list.data && items.length === 0 && <p>{t('expected.none')}</p>}
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((e) => (
            <li key={e.id} className={styles.item}>
              <div>
                <span className={styles.number}>{e.trackingNumber}</span>
                {' · '}
                {t(`carriers.${e.carrier}`)}
                {e.description && <> · {e.description}</>}
                <br />
                <span className={styles.muted}>{t('expected.addedOn', { when: formatWhen(e.createdAt, lang) })}</span>
              </div>
              <Button onClick={() => void remove(e.id, e.trackingNumber)} aria-label={t('expected.removeFor', { number: e.trackingNumber })}>
                {t('expected.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className={styles.form} noValidate onSubmit={(e) => void add(e)} aria-labelledby="expected-add-heading">
        <h3 id="expected-add-heading">{t('expected.addHeading')}</h3>
        <ErrorSummary title={errors.summaryTitle} items={errors.summaryItems} focusKey={errors.focusKey} />
        <TextField id={fieldIds.trackingNumber} name="tracking-number" label={t('card.tracking')} autoComplete="off" spellCheck={false} autoCapitalize="characters" value={trackingNumber} onChange={setTrackingNumber} error={errors.fieldError('trackingNumber')} maxLength={64} required />
        <TextField id={fieldIds.description} name="description" label={t('expected.description')} hint={t('prefs.optional')} autoComplete="off" value={description} onChange={setDescription} error={errors.fieldError('description')} maxLength={200} />
        <FormSubmit busy={busy}>{t('expected.add')}</FormSubmit>
      </form>
    </section>
  );
}
