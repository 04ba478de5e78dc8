import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { AddFundingLineMutation, RemoveFundingLineMutation, RequestPlanQuery } from './documents';

const EMPTY = { sourceCode: 'COMMON_FUNDING', sourceName: '', fiscalYear: String(new Date().getFullYear()), currency: 'EUR', committed: '', spent: '', overspendReason: '' };

/**
 * A request's place in its partner's plan and its funding (issue #17 items 1 and 2): the objective it serves with
 * that objective's report, and its funding lines. The staff who handle the request (TriageRequests) add and remove lines.
 */
export function RequestPlanPanel({ requestId }: { requestId: string }) {
  const { t, te, number } = useI18n();
  const { can } = useAuth();
  const q = useQuery(RequestPlanQuery, { id: requestId });
  const add = useMutation(AddFundingLineMutation);
  const remove = useMutation(RemoveFundingLineMutation);
  const [form, setForm] = useState<typeof EMPTY | null>(null);
  const r = q.data?.request;
  if (!r) return null;
  const writes = can('TriageRequests');
  const source = q.data!.fundingSources.find((s) => s.code === form?.sourceCode);
  const set = (k: keyof typeof EMPTY, v: string) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const save = async () => {
    if (!form) return;
    try {
      await add.mutate({
        input: {
          requestId,
          sourceCode: form.sourceCode,
          sourceName: form.sourceName || null,
          fiscalYear: Number(form.fiscalYear),
          currency: form.currency.toUpperCase(),
          committed: form.committed,
          spent: form.spent || '0',
          overspendReason: form.overspendReason || null,
        },
      });
    } catch {
      return; // shown below the form
    }
    setForm(null);
    await q.reload();
  };
  const money = (amount: string, currency: string) => number(Number(amount), { style: 'currency', currency });
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
        <Title order={3} size="h5" mt="xs">{t('funding.title')}</Title>
        {r.fundingLines.length === 0 ? (
          <Text size="sm" c="dimmed">{t('funding.none')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('funding.source')}</Table.Th><Table.Th>{t('funding.year')}</Table.Th><Table.Th>{t('funding.committed')}</Table.Th><Table.Th>{t('funding.spent')}</Table.Th>
                {writes && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.fundingLines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{te('fundingSource', l.sourceCode)}{l.sourceName ? ` — ${l.sourceName}` : ''}</Table.Td>
                  <Table.Td>{l.fiscalYear}</Table.Td>
                  <Table.Td>{money(l.committed, l.currency)}</Table.Td>
                  <Table.Td>{money(l.spent, l.currency)}{l.overspendReason ? ` (${l.overspendReason})` : ''}</Table.Td>
                  {writes && (
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={t('funding.remove')} onClick={() => void remove.mutate({ id: l.id }).then(q.reload, () => undefined)}>×</ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ErrorAlert error={remove.error} />
        {writes && !form && <Button size="xs" variant="default" onClick={() => setForm(EMPTY)} w="fit-content">{t('funding.add')}</Button>}
        {writes && form && (
          <Stack gap="xs">
            <ErrorAlert error={add.error} />
            <Group grow align="flex-start">
              <Select label={t('funding.source')} data={q.data!.fundingSources.map((s) => ({ value: s.code, label: s.name }))} value={form.sourceCode} onChange={(v) => set('sourceCode', v ?? 'COMMON_FUNDING')} allowDeselect={false} />
              {source?.requiresName && <TextInput label={t('funding.sourceName')} required value={form.sourceName} onChange={(e) => set('sourceName', e.currentTarget.value)} />}
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('funding.year')} value={form.fiscalYear} onChange={(e) => set('fiscalYear', e.currentTarget.value)} inputMode="numeric" />
              <TextInput label={t('funding.currency')} value={form.currency} onChange={(e) => set('currency', e.currentTarget.value)} maxLength={3} />
              <TextInput label={t('funding.committed')} required value={form.committed} onChange={(e) => set('committed', e.currentTarget.value)} inputMode="decimal" />
              <TextInput label={t('funding.spent')} value={form.spent} onChange={(e) => set('spent', e.currentTarget.value)} inputMode="decimal" />
            </Group>
            <TextInput label={t('funding.overspendReason')} description={t('funding.overspendHint')} value={form.overspendReason} onChange={(e) => set('overspendReason', e.currentTarget.value)} />
            <Group>
              <Button size="xs" onClick={() => void save()} loading={add.pending}>{t('common.save')}</Button>
              <Button size="xs" variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
