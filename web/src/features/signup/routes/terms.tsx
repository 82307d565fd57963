import { useTranslation } from 'react-i18next';
import { Page } from '@/components/page';
import { LegalDocumentView } from '../components/legal-document';

export default function TermsPage() {
  const { t } = useTranslation('signup');
  return (
    <Page title={t('legal.termsTitle')}>
      <LegalDocumentView document="terms" />
    </Page>
  );
}
