import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '../api/hooks';
import { Empty, ErrorAlert, Loading } from '../components/feedback';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';
import { RequestsQuery } from './requests/documents';
import { ExportButtons } from '../components/ExportButtons';
import { RequestTable } from './requests/RequestTable';
import { TaxonomyQuery } from './Catalogue';

const StatisticsQuery = graphql(`
  query Statistics {
    requestStatistics {
      total overdue
      byStatus { key count }
      bySection { key count }
      byPartner { key count }
      byKind { key count }
      timeToAcknowledge { count medianHours p90Hours }
      timeToDecide { count medianHours p90Hours }
    }
    sections { code name acknowledgeTargetDays decideTargetDays }
    me { sections { code acknowledgeTargetDays decideTargetDays } }
  }
`);

const OPEN = ['SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED', 'APPROVED', 'SCHEDULED'];

export function DashboardPage() {
  const { t, te, number } = useI18n();
  const stats = useQuery(StatisticsQuery, {});
  const overdue = useQuery(RequestsQuery, { first: 100, filter: { overdue: true, statuses: OPEN as never }, orderBy: 'DECISION_DUE' as never });
  const taxonomy = useQuery(TaxonomyQuery, {});
  if (stats.loading && !stats.data) return <Loading />;
  if (stats.error) return <ErrorAlert error={stats.error} onRetry={stats.reload} />;
  const s = stats.data!.requestStatistics;
  const sectionName = new Map((taxonomy.data?.sections ?? []).map((x) => [x.code, x.name]));
  const own = stats.data!.me?.sections ?? [];
  const ackTarget = own.length ? Math.max(...own.map((x) => x.acknowledgeTargetDays)) : 5;
  const decideTarget = own.length ? Math.max(...own.map((x) => x.decideTargetDays)) : 30;

  const chart = (title: string, rows: { key: string; count: number }[], label: (k: string) => string) => (
    <Paper p="md" withBorder component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">{t('dashboard.noData')}</Text>
      ) : (
        <>
          <BarChart
            h={Math.max(160, rows.length * 30)}
            data={rows.map((r) => ({ name: label(r.key), count: r.count }))}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 170 }}
            xAxisProps={{ allowDecimals: false }}
            maxBarWidth={28}
            series={[{ name: 'count', color: 'navy.6', label: t('dashboard.requests') }]}
            withTooltip={false}
            withBarValueLabel
            barChartProps={{ accessibilityLayer: false }}
            aria-hidden
          />
          <table className="sr-only">
            <caption>{title}</caption>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{label(r.key)}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Paper>
  );

  const duration = (title: string, d: { count: number; medianHours?: number | null; p90Hours?: number | null }, targetDays: number) => {
    const median = d.medianHours === null || d.medianHours === undefined ? null : d.medianHours / 24;
    const within = median === null ? null : median <= targetDays * 1.4; // working days → calendar days, roughly
    return (
      <Paper p="md" withBorder>
        <Text size="sm" c="dimmed">{title}</Text>
        <Group align="baseline" gap="xs">
          <Text fz={28} fw={700}>{median === null ? '—' : t('dashboard.days', { days: number(median, { maximumFractionDigits: 1 }) })}</Text>
          {within !== null && <Badge color={within ? 'teal' : 'red'} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{within ? t('dashboard.withinTarget') : t('dashboard.overTarget')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed">
          {t('dashboard.durationDetail', { target: targetDays, p90: d.p90Hours === null || d.p90Hours === undefined ? '—' : number(d.p90Hours / 24, { maximumFractionDigits: 1 }), count: d.count })}
        </Text>
      </Paper>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('nav.dashboard')}</Title>
        <ExportButtons path="/api/exports/request-statistics" name="request-statistics" />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Paper p="md" withBorder>
          <Text size="sm" c="dimmed">{t('dashboard.total')}</Text>
          <Text fz={28} fw={700}>{number(s.total)}</Text>
        </Paper>
        <Paper p="md" withBorder>
          <Text size="sm" c="dimmed">{t('dashboard.overdue')}</Text>
          <Text fz={28} fw={700} c={s.overdue ? 'red.8' : undefined}>{number(s.overdue)}</Text>
        </Paper>
        {duration(t('dashboard.timeToAck'), s.timeToAcknowledge, ackTarget)}
        {duration(t('dashboard.timeToDecide'), s.timeToDecide, decideTarget)}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {chart(t('dashboard.byStatus'), s.byStatus, (k) => te('status', k))}
        {chart(t('dashboard.bySection'), s.bySection, (k) => sectionName.get(k) ?? k)}
        {chart(t('dashboard.byPartner'), s.byPartner, (k) => k)}
        {chart(t('dashboard.byKind'), s.byKind, (k) => te('kind', k))}
      </SimpleGrid>
      <Paper p="md" withBorder component="section" aria-labelledby="overdue-title">
        <Title order={2} size="h4" id="overdue-title" mb="sm">{t('dashboard.overdueList')}</Title>
        <ErrorAlert error={overdue.error} onRetry={overdue.reload} />
        {overdue.loading && !overdue.data && <Loading />}
        {overdue.data && overdue.data.requests.edges.length === 0 && <Empty title={t('dashboard.noOverdue')} />}
        {overdue.data && overdue.data.requests.edges.length > 0 && (
          <RequestTable rows={overdue.data.requests.edges.map((e) => e.node)} caption={t('dashboard.overdueList')} exportName="overdue-requests" exportQuery={{ filter: { overdue: true, statuses: OPEN }, orderBy: 'DECISION_DUE' }} columns={['reference', 'title', 'partner', 'section', 'status', 'due', 'assignee']} />
        )}
      </Paper>
    </Stack>
  );
}
