import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { PrintRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AppLink } from '@/components/app-link';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { signupApi } from '@/features/signup/api/signup-api';
import { useConsoleBuilding } from '@/lib/console-building';
import { formatDate } from '@/lib/format';
import { i18n, languageTags, type Language } from '@/lib/i18n';
import { useApiQuery } from '@/lib/use-api';
import { useLanguage } from '@/lib/use-language';
import type { IssuedRegistrationCode } from '../api/types';
import { issuedCode } from '../issued-codes';

const useStyles = makeStyles({
  letter: {
    backgroundColor: '#ffffff',
    color: '#1a1a1a',
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '48rem',
    '@media print': { boxShadow: 'none', padding: 0, borderRadius: 0 },
    '& p': { marginBlock: 0 },
  },
  heading: { ...typographyStyles.title3, margin: 0, color: '#7f1d1d' },
  code: { ...typographyStyles.title1, fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.08em', margin: 0, overflowWrap: 'anywhere' },
  address: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dl: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  dd: { margin: 0 },
  tools: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
});

function LetterSection({ lang, code, building, address, className }: { lang: Language; code: IssuedRegistrationCode; building: string; address: string; className?: string }) {
  const styles = useStyles();
  const t = i18n.getFixedT(lang, 'console');
  const signUpUrl = `${window.location.origin}${pathTo('signUp', lang)}`;
  return (
    <section lang={languageTags[lang]} className={mergeClasses(styles.letter, className)} aria-labelledby={`letter-${lang}`}>
      <h2 id={`letter-${lang}`} className={styles.heading}>
        {t('letter.heading')}
      </h2>
      <p>{t('letter.intro', { building })}</p>
      <dl className={styles.dl}>
        <dt>{t('letter.building')}</dt>
        <dd className={styles.dd}>
          {building}
          <br />
          {address}
        </dd>
        <dt>{t('letter.unit')}</dt>
        <dd className={styles.dd}>{code.unitNumber}</dd>
        <dt>{t('letter.code')}</dt>
        <dd className={styles.dd}>
          <p className={styles.code}>{code.code}</p>
        </dd>
        <dt>{t('letter.expires')}</dt>
        <dd className={styles.dd}>{formatDate(code.expiresAt, lang)}</dd>
        <dt>{t('letter.address')}</dt>
        <dd className={mergeClasses(styles.dd, styles.address)}>{signUpUrl}</dd>
      </dl>
      <ol className={styles.steps}>
        <li>{t('letter.step1', { url: signUpUrl })}</li>
        <li>{t('letter.step2', { unit: code.unitNumber })}</li>
        <li>{t('letter.step3')}</li>
      </ol>
      <p>{t('letter.uses', { count: code.maxUses })}</p>
      <p>{t('letter.keep')}</p>
    </section>
  );
}

/** The printable bilingual letter for a code just issued: French first, then English (print CSS: one per page). */
export default function CodeLetterPage() {
  const { t } = useTranslation('console');
  const lang = useLanguage();
  const styles = useStyles();
  const { unitId = '' } = useParams();
  const code = issuedCode(unitId);
  const { building } = useConsoleBuilding();
  const details = useApiQuery(
    (signal) => (building ? signupApi.building(building.buildingId, signal) : Promise.resolve(undefined)),
    [building?.buildingId],
  );
  const [bothLanguages, setBothLanguages] = useState(() => i18n.hasResourceBundle('fr', 'console') && i18n.hasResourceBundle('en', 'console'));

  useEffect(() => {
    if (!bothLanguages) {
      void i18n
        .loadLanguages(['fr', 'en'])
        .then(() => i18n.loadNamespaces('console'))
        .then(() => setBothLanguages(true));
    }
  }, [bothLanguages]);

  return (
    <Page title={t('letter.pageTitle')} printTitle={false}>
      <div className={mergeClasses(styles.tools, 'lda-no-print')}>
        <AppLink to={pathTo('unit', lang, { unitId })}>{t('letter.back')}</AppLink>
        {code && (
          <Button appearance="primary" icon={<PrintRegular />} onClick={() => window.print()}>
            {t('letter.print')}
          </Button>
        )}
      </div>
      {!code && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('letter.gone')}</MessageBarBody>
        </MessageBar>
      )}
      {details.error && (
        <MessageBar intent="error">
          <MessageBarBody>{details.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {code && bothLanguages && (
        <>
          <LetterSection lang="fr" code={code} building={details.data?.name ?? building?.buildingName ?? ''} address={details.data?.address ?? ''} />
          <LetterSection lang="en" code={code} building={details.data?.name ?? building?.buildingName ?? ''} address={details.data?.address ?? ''} className="lda-page-break" />
        </>
      )}
    </Page>
  );
}
