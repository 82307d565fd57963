import { useTranslation } from 'react-i18next';
import { AppLink } from '@/components/app-link';
import { Page } from '@/components/page';
import { pathTo } from '@/config/paths';
import { useLanguage } from '@/lib/use-language';

export default function NotFoundPage() {
  const { t } = useTranslation('common');
  const lang = useLanguage();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <AppLink to={pathTo('home', lang)}>{t('notFound.home')}</AppLink>
      </p>
    </Page>
  );
}
