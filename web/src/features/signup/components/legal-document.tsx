import {
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
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '@/components/page-loading';
import { languageTags, type Language } from '@/lib/i18n';
import { paragraphs } from '@/lib/format';
import { useApiQuery } from '@/lib/use-api';
import { signupApi } from '../api/signup-api';
import type { LegalDocumentName } from '../api/types';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '70ch' },
  paragraph: { margin: 0, lineHeight: tokens.lineHeightBase400 },
  version: { color: tokens.colorNeutralForeground3 },
});

/**
 * Terms of use or privacy notice, French first (Charter of the French language s.55: a contract of
 * adhesion is given in French first; English is one click away).
 */
export function LegalDocumentView({ document, headingLevel = 2 }: { document: LegalDocumentName; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('signup');
  const styles = useStyles();
  const [lang, setLang] = useState<Language>('fr');
  const doc = useApiQuery((signal) => signupApi.legal(document, lang, signal), [document, lang]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <div className={styles.body}>
      <p>{t('legal.frenchFirst')}</p>
      <TabList selectedValue={lang} onTabSelect={(_e, data) => setLang(data.value as Language)} aria-label={t('legal.languageTabs')}>
        <Tab value="fr" lang={languageTags.fr}>
          Français
        </Tab>
        <Tab value="en" lang={languageTags.en}>
          English
        </Tab>
      </TabList>
      {doc.loading && <PageLoading />}
      {doc.error && (
        <MessageBar intent="error">
          <MessageBarBody>{doc.error.title}</MessageBarBody>
        </MessageBar>
      )}
      {doc.data && !doc.loading && (
        <div lang={languageTags[doc.data.language]} role="tabpanel" aria-label={doc.data.title}>
          <Heading>{doc.data.title}</Heading>
          <p className={styles.version}>{t('legal.version', { version: doc.data.version })}</p>
          {paragraphs(doc.data.body).map((text, index) => (
            <p key={index} className={styles.paragraph}>
              {text}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** A button that opens a legal document in a dialog, so the sign-up form keeps what was typed. */
export function LegalDocumentDialog({ document, label }: { document: LegalDocumentName; label: string }) {
  const { t } = useTranslation('common');
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="secondary" size="small">
          {label}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{label}</DialogTitle>
          <DialogContent>
            <LegalDocumentView document={document} headingLevel={3} />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">{t('actions.close')}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
