import { MessageBar, MessageBarBody, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '@/components/announcer';
import { useFormStyles } from '@/components/forms/form-styles';
import { ApiError } from '@/lib/api-client';
import { packagesApi, type UnitRef } from '../api/packages-api';
import type { NoticeChoices } from '../api/types';

const kinds: (keyof NoticeChoices)[] = ['arrival', 'reminder', 'release'];

/** The person's own email notices (not the household's): each switch is saved as soon as it is flipped. */
export function NoticeSwitches({ unit, notices }: { unit: UnitRef; notices: NoticeChoices }) {
  const { t } = useTranslation('packages');
  const styles = useFormStyles();
  const announce = useAnnounce();
  const [choices, setChoices] = useState(notices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const flip = async (kind: keyof NoticeChoices, on: boolean) => {
    const previous = choices;
    const next = { ...choices, [kind]: on };
    setChoices(next);
    setError(undefined);
    setBusy(true);
    try {
      const saved = await packagesApi.saveNotices(unit, next);
      setChoices(saved.notices);
      announce(t(on ? 'notices.savedOn' : 'notices.savedOff', { kind: t(`notices.${kind}`) }));
    } catch (e) {
      setChoices(previous);
      setError(e instanceof ApiError ? e.title : t('common:errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`${styles.form} ${styles.card}`} aria-labelledby="prefs-notices">
      <h2 id="prefs-notices">{t('notices.heading')}</h2>
      <p>{t('notices.explain')}</p>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.fieldset} role="group" aria-labelledby="prefs-notices">
        {kinds.map((kind) => (
          <Switch key={kind} id={`notice-${kind}`} checked={choices[kind]} disabled={busy} label={t(`notices.${kind}Label`)} onChange={(_e, d) => void flip(kind, d.checked)} />
        ))}
      </div>
    </section>
  );
}
