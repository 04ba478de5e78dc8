import { Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { SurveyResultsQuery } from './documents';

/** Survey results of an offering (or one iteration) for staff of the owning section, coordinators and administrators. */
export function SurveyResultsPanel({ offeringId, iterations }: { offeringId: string; iterations: Array<{ id: string; startDate: string; location: string }> }) {
  const { can } = useAuth();
  if (!can('ReadStatistics')) return null;
  return <Results offeringId={offeringId} iterations={iterations} />;
}

function Results({ offeringId, iterations }: { offeringId: string; iterations: Array<{ id: string; startDate: string; location: string }> }) {
  const { t, date, number } = useI18n();
  const [iterationId, setIterationId] = useState<string | null>(null);
  const q = useQuery(SurveyResultsQuery, { offeringId, iterationId });
  // Staff of other sections are not told about this offering's results: nothing is shown.
  if (q.error?.code === 'NOT_FOUND') return null;
  const r = q.data?.surveyResults;
  const avg = (v: number | null | undefined) => (v === null || v === undefined ? '—' : number(v, { maximumFractionDigits: 2 }));
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="survey-results-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="survey-results-title">
          {t('survey.results')}
        </Title>
        <Select
          aria-label={t('survey.resultsFor')}
          size="xs"
          w={260}
          data={[{ value: '', label: t('survey.allIterations') }, ...iterations.map((i) => ({ value: i.id, label: `${date(i.startDate)} · ${i.location}` }))]}
          value={iterationId ?? ''}
          onChange={(v) => setIterationId(v || null)}
          allowDeselect={false}
        />
      </Group>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {r && (
        <Stack gap="sm">
          <Text size="sm">{t('survey.responses', { responses: r.responses, pending: r.pending })}</Text>
          <Table>
            <caption className="sr-only">{t('survey.results')}</caption>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('survey.ratingOverall')}</Table.Th>
                <Table.Td>{avg(r.averageOverall)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('survey.ratingContent')}</Table.Th>
                <Table.Td>{avg(r.averageContent)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('survey.ratingOrganisation')}</Table.Th>
                <Table.Td>{avg(r.averageOrganisation)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('survey.ratingRelevance')}</Table.Th>
                <Table.Td>{avg(r.averageRelevance)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {r.comments.map((c, i) => (
            <Paper key={i} p="sm" withBorder component="blockquote" m={0}>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {c.text}
              </Text>
              <Text size="xs" c="dimmed">
                {c.partnerCode} · {date(c.submittedAt)}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
