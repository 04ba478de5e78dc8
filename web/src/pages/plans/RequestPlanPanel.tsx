import { Anchor, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { queryClient, useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { LinkRequestObjectiveMutation, RequestPlanQuery } from './documents';
import { FundingLines } from './FundingLines';

/** The Select's value for "no objective" (a Select cannot hold null as an option). */
const NONE = '';

/**
 * A request's place in its partner's plan and its funding (issue #17 items 1 and 2): the objective it serves with
 * that objective's report, and its funding lines. Whoever may relink it (linkableObjectives is not empty: the routed
 * section's staff, covering coordinators, the partner's liaison officers until a decision) links it to another
 * objective or unlinks it; the staff who handle the request (TriageRequests) add, edit and remove funding lines.
 */
export function RequestPlanPanel({ requestId }: { requestId: string }) {
  const { t, te, number } = useI18n();
  const { can } = useAuth();
  const q = useQuery(RequestPlanQuery, { id: requestId });
  const link = useMutation(LinkRequestObjectiveMutation);
  const [choice, setChoice] = useState<string | null>(null);
  const r = q.data?.request;
  if (!r) return null;
  // Empty unless the caller may relink it (and the plan has an objective that is not dropped).
  const relinks = r.linkableObjectives.length > 0;
  const linkable = r.objective && !r.linkableObjectives.some((o) => o.id === r.objective!.id) ? [r.objective, ...r.linkableObjectives] : r.linkableObjectives;
  const options = [{ value: NONE, label: t('plans.unlinked') }, ...linkable.map((o) => ({ value: o.id, label: `${o.title} (${te('objectiveStatus', o.status)})` }))];
  const saveLink = async () => {
    if (choice === null) return;
    try {
      await link.mutate({ requestId, objectiveId: choice === NONE ? null : choice });
    } catch {
      return; // shown below the field
    }
    setChoice(null);
    // The request page shows the new version and the timeline entry: every read on screen reloads.
    await queryClient.invalidateQueries();
  };
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="plan-funding-title">
      <Title order={2} size="h4" id="plan-funding-title" mb="sm">{t('plans.requestPanel')}</Title>
      <Stack gap="xs">
        {r.objective ? (
          <Text size="sm">
            {t('plans.servesObjective')}{' '}
            <Anchor component={Link} to={`/insights/requests?objectiveId=${r.objective.id}`} underline="always">{r.objective.title}</Anchor> ({te('objectiveStatus', r.objective.status)}) ·{' '}
            {t('plans.reportLine', { requests: number(r.objective.report.requests), seats: number(r.objective.report.seatsUsed), completions: number(r.objective.report.completions) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">{t('plans.noObjective')}</Text>
        )}
        {relinks && choice === null && (
          <Button size="xs" variant="default" w="fit-content" onClick={() => { link.setError(undefined); setChoice(r.objective?.id ?? NONE); }}>
            {t('plans.relink')}
          </Button>
        )}
        {relinks && choice !== null && (
          <Group align="flex-end" gap="xs">
            <Select
              label={t('plans.relinkField')}
              description={t('plans.relinkHint')}
              data={options}
              value={choice}
              onChange={(v) => setChoice(v ?? NONE)}
              allowDeselect={false}
              error={link.error?.fields.objectiveId}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Button size="xs" onClick={() => void saveLink()} loading={link.pending} disabled={choice === (r.objective?.id ?? NONE)}>{t('plans.relinkSave')}</Button>
            <Button size="xs" variant="default" onClick={() => setChoice(null)}>{t('common.cancel')}</Button>
          </Group>
        )}
        {link.error && !link.error.fields.objectiveId && <ErrorAlert error={link.error} />}
        <FundingLines owner={{ requestId }} lines={r.fundingLines} sources={q.data!.fundingSources} canEdit={can('TriageRequests')} onChanged={q.reload} />
      </Stack>
    </Paper>
  );
}
