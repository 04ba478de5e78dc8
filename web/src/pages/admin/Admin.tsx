import { Title } from '@mantine/core';
import { useI18n } from '../../i18n';

export function AdminPage() {
  const { t } = useI18n();
  return <Title order={1}>{t('nav.admin')}</Title>;
}
