import { LineChart } from '@mantine/charts';
import { Anchor, Button, Group, MultiSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { isStaff, useAuth } from '../../auth';
import { ErrorAlert, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { DashboardCsvQuery, FundingCsvQuery, InsightsQuery } from './documents';
import { downloadText, filterFromParams, paramsFromFilter } from './download';

const PROGRAMMES = ['TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME', 'STAFF_TALKS', 'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE', 'OPEN_REQUEST'];

interface Bar {
  key: string;
  label?: string | null;
  count: number;
  seatsUsed: number;
  completions: number;
}

/**
 * Dashboards for everyone (issue #17 item 5): a partner sees its own requests, staff their sections', coordinators
 * their partners'. The date range and programmes live in the URL; every bar links to the filtered list of requests.
 */
export function InsightsPage() {
  const { t, te, number } = useI18n();
  const { viewer } = useAuth();
  const staff = isStaff(viewer);
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const programmes = params.getAll('programme');
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {};
    if (from) f.submittedAfter = `${from}T00:00:00.000Z`;
    if (to) f.submittedBefore = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
    if (programmes.length) f.programmes = programmes;
    return f;
  }, [from, to, programmes.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const funding = useMemo(() => {
    const f: Record<string, unknown> = {};
    if (from) f.yearFrom = Number(from.slice(0, 4));
    if (to) f.yearTo = Number(to.slice(0, 4));
    if (programmes.length) f.programmes = programmes;
    return f;
  }, [from, to, programmes.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const q = useQuery(InsightsQuery, { filter: filter as never, funding: funding as never });
  const [exportError, setExportError] = useState<ApiError>();

  const setParam = (name: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    for (const v of values) if (v) next.append(name, v);
    setParams(next, { replace: true });
  };
  const drill = (extra: Record<string, unknown>) => `/insights/requests?${paramsFromFilter({ ...filterFromParams(new URLSearchParams(paramsFromFilter(filter))), ...extra })}`;
  const exportCsv = async (kind: 'dashboard' | 'funding') => {
    setExportError(undefined);
    try {
      if (kind === 'dashboard') downloadText('dashboard.csv', (await client.request(DashboardCsvQuery, { filter: filter as never })).dashboardCsv.csv);
      else downloadText('funding-totals.csv', (await client.request(FundingCsvQuery, { funding: funding as never })).fundingTotalsCsv.csv);
    } catch (e) {
      setExportError(e as ApiError);
    }
  };

  const bars = (title: string, rows: Bar[], label: (b: Bar) => string, link: (b: Bar) => Record<string, unknown>) => {
    const max = Math.max(1, ...rows.map((r) => r.count));
    return (
      <Paper p="md" withBorder component="section" aria-label={title}>
        <Title order={2} size="h4" mb="sm">{title}</Title>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">{t('dashboard.noData')}</Text>
        ) : (
          <Stack gap={6}>
            {rows.map((b) => (
              <Anchor key={b.key} component={Link} to={drill(link(b))} underline="hover" c="dark">
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" w={170} truncate>{label(b)}</Text>
                  <div style={{ flex: 1, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }}>
                    <div style={{ width: `${(b.count / max) * 100}%`, minWidth: 4, height: 18, background: 'var(--mantine-color-navy-6, #1c3d6e)', borderRadius: 4 }} />
                  </div>
                  <Text size="sm" fw={600} w={40} ta="right">{number(b.count)}</Text>
                  <span className="sr-only">{t('insights.barLink')}</span>
                </Group>
              </Anchor>
            ))}
          </Stack>
        )}
      </Paper>
    );
  };

  const d = q.data?.dashboard;
  const days = (hours: number | null | undefined) => (hours === null || hours === undefined ? '—' : t('dashboard.days', { days: number(hours / 24, { maximumFractionDigits: 1 }) }));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.insights')}</Title>
          <Text c="dimmed">{viewer?.partner ? t('insights.introPartner', { partner: viewer.partner.name }) : t('insights.intro')}</Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => void exportCsv('dashboard')}>{t('insights.exportDashboard')}</Button>
          <Button variant="default" onClick={() => void exportCsv('funding')}>{t('insights.exportFunding')}</Button>
        </Group>
      </Group>
      <ErrorAlert error={exportError} />
      <Paper p="md" withBorder>
        <Group align="flex-end">
          <TextInput type="date" label={t('insights.from')} value={from} onChange={(e) => setParam('from', [e.currentTarget.value])} />
          <TextInput type="date" label={t('insights.to')} value={to} onChange={(e) => setParam('to', [e.currentTarget.value])} />
          <MultiSelect
            label={t('insights.programmes')}
            data={PROGRAMMES.map((p) => ({ value: p, label: te('kind', p) }))}
            value={programmes}
            onChange={(v) => setParam('programme', v)}
            clearable
            w={360}
          />
        </Group>
      </Paper>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !d && <Loading />}
      {d && (
        <>
          <SimpleGrid cols={{ base: 2, lg: 5 }}>
            {[
              [t('dashboard.total'), number(d.total)],
              [t('insights.completions'), number(d.completions)],
              [t('insights.seatsUsed'), number(d.seatsUsed)],
              [t('dashboard.timeToDecide'), days(d.timeToDecide.medianHours)],
              ...(staff ? [[t('dashboard.overdue'), number(d.overdue)]] : [[t('dashboard.timeToAck'), days(d.timeToAcknowledge.medianHours)]]),
            ].map(([label, value]) => (
              <Paper key={label} p="md" withBorder>
                <Text size="sm" c="dimmed">{label}</Text>
                <Text fz={26} fw={700}>{value}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {bars(t('dashboard.byStatus'), d.byStatus, (b) => te('status', b.key), (b) => ({ statuses: [b.key] }))}
            {bars(t('insights.byProgramme'), d.byProgramme, (b) => te('kind', b.key), (b) => ({ programmes: [b.key] }))}
            {!viewer?.partner && bars(t('dashboard.byPartner'), d.byPartner, (b) => b.label ?? b.key, (b) => ({ partnerCodes: [b.key] }))}
            {!viewer?.partner && bars(t('dashboard.bySection'), d.bySection, (b) => b.label ?? b.key, (b) => ({ sectionCodes: [b.key] }))}
          </SimpleGrid>
          <Paper p="md" withBorder component="section" aria-labelledby="trend-title">
            <Title order={2} size="h4" id="trend-title" mb="sm">{t('insights.trend')}</Title>
            {d.byMonth.length === 0 ? (
              <Text size="sm" c="dimmed">{t('dashboard.noData')}</Text>
            ) : (
              <>
                <LineChart
                  h={220}
                  data={d.byMonth}
                  dataKey="month"
                  aria-hidden
                  lineChartProps={{ accessibilityLayer: false }}
                  series={[
                    { name: 'submitted', label: t('insights.submitted'), color: 'navy.6' },
                    { name: 'decided', label: t('insights.decided'), color: 'teal.7' },
                    { name: 'completed', label: t('insights.completed'), color: 'orange.7' },
                  ]}
                  withLegend
                />
                <Table mt="sm" striped>
                  <Table.Thead>
                    <Table.Tr><Table.Th>{t('insights.month')}</Table.Th><Table.Th>{t('insights.submitted')}</Table.Th><Table.Th>{t('insights.decided')}</Table.Th><Table.Th>{t('insights.completed')}</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.byMonth.map((m) => (
                      <Table.Tr key={m.month}>
                        <Table.Td>{m.month}</Table.Td><Table.Td>{number(m.submitted)}</Table.Td><Table.Td>{number(m.decided)}</Table.Td><Table.Td>{number(m.completed)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Paper>
          <Paper p="md" withBorder component="section" aria-labelledby="years-title">
            <Title order={2} size="h4" id="years-title" mb="sm">{t('insights.byYear')}</Title>
            <Table striped>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('insights.year')}</Table.Th><Table.Th>{t('dashboard.total')}</Table.Th><Table.Th>{t('insights.seatsRequested')}</Table.Th><Table.Th>{t('insights.seatsUsed')}</Table.Th><Table.Th>{t('insights.completions')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.byYear.map((y) => (
                  <Table.Tr key={y.year}>
                    <Table.Td>
                      <Anchor component={Link} to={drill({ courseYear: y.year })}>{y.year}</Anchor>
                    </Table.Td>
                    <Table.Td>{number(y.requests)}</Table.Td><Table.Td>{number(y.seatsRequested)}</Table.Td><Table.Td>{number(y.seatsUsed)}</Table.Td><Table.Td>{number(y.completions)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper p="md" withBorder component="section" aria-labelledby="funding-title">
            <Title order={2} size="h4" id="funding-title" mb="sm">{t('funding.totals')}</Title>
            {q.data!.fundingTotals.length === 0 ? (
              <Text size="sm" c="dimmed">{t('funding.none')}</Text>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('funding.partner')}</Table.Th><Table.Th>{t('insights.programme')}</Table.Th><Table.Th>{t('funding.year')}</Table.Th><Table.Th>{t('funding.source')}</Table.Th>
                    <Table.Th>{t('funding.committed')}</Table.Th><Table.Th>{t('funding.spent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data!.fundingTotals.map((f, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{f.partnerName ?? t('funding.offeringFunding')}</Table.Td>
                      <Table.Td>{te('kind', f.programme)}</Table.Td>
                      <Table.Td>{f.fiscalYear}</Table.Td>
                      <Table.Td>{te('fundingSource', f.sourceCode)}</Table.Td>
                      <Table.Td>{number(Number(f.committed), { style: 'currency', currency: f.currency })}</Table.Td>
                      <Table.Td>{number(Number(f.spent), { style: 'currency', currency: f.currency })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
