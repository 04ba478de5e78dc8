import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { client } from '../api/client';
import { useAction } from '../api/hooks';
import { useI18n } from '../i18n';
import { ErrorAlert } from './feedback';

/**
 * CSV and Excel downloads of a server export (every row the filter matches in your scope, not only the page on
 * screen): `path` is the export route, `params` its query (the filter as JSON, the order).
 */
export function ExportButtons({ path, params = {}, name }: { path: string; params?: Record<string, unknown>; name: string }) {
  const { t } = useI18n();
  const action = useAction();
  const [format, setFormat] = useState<'csv' | 'xlsx' | null>(null);
  const go = (chosen: 'csv' | 'xlsx') => {
    const query = new URLSearchParams({ format: chosen });
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) query.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    setFormat(chosen);
    void action.run(() => client.download(`${path}?${query}`, `${name}.${chosen}`));
  };
  return (
    <>
      <Group gap="xs">
        <Button size="xs" variant="default" loading={action.pending && format === 'csv'} onClick={() => go('csv')}>
          {t('export.csv')}
        </Button>
        <Button size="xs" variant="default" loading={action.pending && format === 'xlsx'} onClick={() => go('xlsx')}>
          {t('export.xlsx')}
        </Button>
      </Group>
      <ErrorAlert error={action.error} />
    </>
  );
}
