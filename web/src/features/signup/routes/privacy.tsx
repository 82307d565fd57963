import { useTranslation } from 'react-i18next';
import { Page } from '@/components/page';
import { LegalDocumentView } from '../components/legal-document';

export default function PrivacyPage() {
  const { t } = useTranslation('signup');
  return (
    <Page title={t('legal.privacyTitle')}>
      <LegalDocumentView document="privacy" />
    </Page>
  );
}
