import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '../../api/hooks';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { RequestsQuery } from '../requests/documents';
import { RequestTable } from '../requests/RequestTable';
import { filterFromParams } from './download';

/** The drill-down target of every dashboard bar and objective report: the requests the URL's filter selects. */
export function FilteredRequestsPage() {
  const { t, te, number } = useI18n();
  const [params] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const q = useQuery(RequestsQuery, { first: 100, filter: filter as never, orderBy: 'NEWEST' as never });
  const described = Object.entries(filter)
    .map(([k, v]) => `${t(`insights.filter.${k}` as never)}: ${(Array.isArray(v) ? v : [v]).map((x) => (k === 'statuses' ? te('status', String(x)) : k === 'programmes' ? te('kind', String(x)) : String(x))).join(', ')}`)
    .join(' · ');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('insights.filteredTitle')}</Title>
          <Text c="dimmed">{described || t('common.all')}</Text>
        </div>
        <Button component={Link} to="/insights" variant="default">{t('insights.back')}</Button>
      </Group>
      <Paper p="md" withBorder>
        <ErrorAlert error={q.error} onRetry={q.reload} />
        {q.loading && !q.data && <Loading />}
        {q.data && (
          <Text fw={500} mb="xs" aria-live="polite">
            {t('list.count', { count: number(q.data.requests.totalCount) })}
            {q.data.requests.pageInfo.hasNextPage && <> · <Anchor component={Link} to="/insights">{t('insights.narrow')}</Anchor></>}
          </Text>
        )}
        {q.data && q.data.requests.edges.length === 0 && <Empty title={t('insights.noRequests')} />}
        {q.data && q.data.requests.edges.length > 0 && (
          <RequestTable rows={q.data.requests.edges.map((e) => e.node)} caption={t('insights.filteredTitle')} exportName="requests" exportQuery={{ filter: filter as never, orderBy: 'NEWEST' }} columns={['reference', 'title', 'partner', 'section', 'status', 'submittedAt']} />
        )}
      </Paper>
    </Stack>
  );
}
