import { Spinner } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

export function PageLoading({ label }: { label?: string }) {
  const { t } = useTranslation('common', { useSuspense: false });
  return <Spinner size="medium" label={label ?? t('status.loading', { defaultValue: '…' })} />;
}
