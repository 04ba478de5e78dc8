import { Anchor, Badge, Button, Card, Group, Modal, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { ResultOf } from 'gql.tada';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { CreateObjectiveMutation, ObjectiveFields, PlanPartnersQuery, PlanQuery, UpdateObjectiveMutation } from './documents';

type Objective = ResultOf<typeof ObjectiveFields>;
const STATUSES = ['PROPOSED', 'AGREED', 'IN_PROGRESS', 'ACHIEVED', 'DROPPED'];
const COLOR: Record<string, string> = { PROPOSED: 'gray', AGREED: 'blue', IN_PROGRESS: 'cyan', ACHIEVED: 'teal', DROPPED: 'red' };

interface Draft {
  title: string;
  ends: string;
  ways: string;
  means: string;
  owner: string;
  targetDate: string;
  status: string;
}

const EMPTY: Draft = { title: '', ends: '', ways: '', means: '', owner: '', targetDate: '', status: 'PROPOSED' };

/**
 * A partner's plan (issue #17 item 1): ITPP objectives with ends, ways and means, and what the requests linked to
 * each have led to. Liaison officers see their own partner's and propose objectives; coordinators pick one of the
 * partners they cover (administrators: any) and agree and edit them.
 */
export function PartnerPlanPage() {
  const { t, te, date, number } = useI18n();
  const { viewer } = useAuth();
  const [params, setParams] = useSearchParams();
  const liaison = viewer?.role === 'PARTNER_LIAISON';
  const manager = viewer?.role === 'COORDINATOR' || viewer?.role === 'ADMIN';
  const partners = useQuery(PlanPartnersQuery, {}, { skip: viewer?.role !== 'ADMIN' });
  const choices = viewer?.role === 'ADMIN' ? (partners.data?.partners ?? []) : (viewer?.coveredPartners ?? []);
  const partnerCode = liaison ? (viewer?.partner?.code ?? null) : (params.get('partner') ?? choices[0]?.code ?? null);
  const plan = useQuery(PlanQuery, { partnerCode }, { skip: !partnerCode });
  const create = useMutation(CreateObjectiveMutation);
  const update = useMutation(UpdateObjectiveMutation);
  const [editing, setEditing] = useState<{ objective: Objective | null; draft: Draft } | null>(null);

  const save = async () => {
    if (!editing || !partnerCode) return;
    const d = editing.draft;
    const fields = {
      title: d.title,
      ends: d.ends,
      ways: d.ways || null,
      means: d.means || null,
      owner: d.owner || null,
      targetDate: d.targetDate || null,
      status: manager ? (d.status as never) : null,
    };
    try {
      if (editing.objective) await update.mutate({ input: { ...fields, id: editing.objective.id, expectedVersion: editing.objective.version } });
      else await create.mutate({ input: { ...fields, partnerCode } });
    } catch {
      return; // shown in the dialog (create.error / update.error)
    }
    setEditing(null);
    await plan.reload();
  };
  const set = (k: keyof Draft, v: string) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, [k]: v } } : e));
  const canEdit = (o: Objective) => manager || (liaison && o.status === 'PROPOSED');
  const error = create.error ?? update.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.plan')}</Title>
          <Text c="dimmed">{t('plans.intro')}</Text>
        </div>
        <Group align="flex-end">
          {!liaison && (
            <Select
              label={t('plans.partner')}
              data={choices.map((p) => ({ value: p.code, label: p.name }))}
              value={partnerCode}
              onChange={(v) => v && setParams({ partner: v }, { replace: true })}
              searchable
              allowDeselect={false}
            />
          )}
          {partnerCode && (liaison || manager) && (
            <Button onClick={() => setEditing({ objective: null, draft: EMPTY })}>{liaison ? t('plans.propose') : t('plans.add')}</Button>
          )}
        </Group>
      </Group>
      {!partnerCode && <Empty title={t('plans.noPartner')} />}
      <ErrorAlert error={plan.error} onRetry={plan.reload} />
      {plan.loading && !plan.data && <Loading />}
      {plan.data && plan.data.partnerObjectives.length === 0 && <Empty title={t('plans.empty')}>{liaison ? t('plans.emptyHintPartner') : t('plans.emptyHint')}</Empty>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {plan.data?.partnerObjectives.map((o) => (
          <Card key={o.id} withBorder padding="md" component="article" aria-labelledby={`objective-${o.id}`}>
            <Group justify="space-between" align="flex-start" mb="xs">
              <Title order={2} size="h4" id={`objective-${o.id}`}>{o.title}</Title>
              <Badge color={COLOR[o.status] ?? 'gray'} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{te('objectiveStatus', o.status)}</Badge>
            </Group>
            <Stack gap={4}>
              <Text size="sm"><b>{t('plans.ends')}:</b> {o.ends}</Text>
              {o.ways && <Text size="sm"><b>{t('plans.ways')}:</b> {o.ways}</Text>}
              {o.means && <Text size="sm"><b>{t('plans.means')}:</b> {o.means}</Text>}
              <Text size="sm" c="dimmed">
                {t('plans.owner')}: {o.owner ?? '—'} · {t('plans.targetDate')}: {o.targetDate ? date(o.targetDate) : '—'}
              </Text>
            </Stack>
            <Paper withBorder p="xs" mt="sm" bg="gray.0">
              <Text size="sm" fw={600}>{t('plans.report')}</Text>
              <Text size="sm">
                {t('plans.reportLine', { requests: number(o.report.requests), seats: number(o.report.seatsUsed), completions: number(o.report.completions) })}
              </Text>
              {o.report.byStatus.length > 0 && <Text size="xs" c="dimmed">{o.report.byStatus.map((s) => `${te('status', s.key)} ${s.count}`).join(' · ')}</Text>}
              <Anchor component={Link} to={`/insights/requests?objectiveId=${o.id}`} size="sm">{t('plans.linkedRequests')}</Anchor>
            </Paper>
            {canEdit(o) && (
              <Group mt="sm">
                <Button size="xs" variant="default" onClick={() => setEditing({ objective: o, draft: { title: o.title, ends: o.ends, ways: o.ways ?? '', means: o.means ?? '', owner: o.owner ?? '', targetDate: o.targetDate ?? '', status: o.status } })}>
                  {t('common.edit')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing?.objective ? t('plans.editTitle') : liaison ? t('plans.propose') : t('plans.add')} size="lg">
        {editing && (
          <Stack>
            <ErrorAlert error={error} />
            <TextInput label={t('plans.title')} required value={editing.draft.title} onChange={(e) => set('title', e.currentTarget.value)} maxLength={300} />
            <Textarea label={t('plans.ends')} description={t('plans.endsHint')} required autosize minRows={2} value={editing.draft.ends} onChange={(e) => set('ends', e.currentTarget.value)} />
            <Textarea label={t('plans.ways')} description={t('plans.waysHint')} autosize minRows={2} value={editing.draft.ways} onChange={(e) => set('ways', e.currentTarget.value)} />
            <Textarea label={t('plans.means')} description={t('plans.meansHint')} autosize minRows={2} value={editing.draft.means} onChange={(e) => set('means', e.currentTarget.value)} />
            <Group grow>
              <TextInput label={t('plans.owner')} value={editing.draft.owner} onChange={(e) => set('owner', e.currentTarget.value)} />
              <TextInput label={t('plans.targetDate')} type="date" value={editing.draft.targetDate} onChange={(e) => set('targetDate', e.currentTarget.value)} />
            </Group>
            {manager && (
              <Select label={t('common.status')} data={STATUSES.map((s) => ({ value: s, label: te('objectiveStatus', s) }))} value={editing.draft.status} onChange={(v) => set('status', v ?? 'PROPOSED')} allowDeselect={false} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
              <Button onClick={() => void save()} loading={create.pending || update.pending}>{t('common.save')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
