import { ActionIcon, Alert, Button, Chip, Group, List, Modal, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, type ApiError } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { AssignManyMutation, BulkColleaguesQuery, RequestsQuery, TransitionMutation } from './documents';
import { RequestTable, type RequestRow } from './RequestTable';

const OPEN = ['SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED', 'APPROVED', 'SCHEDULED'];
/** A liaison officer's "in progress": drafts are work in progress too, not a hidden tab of their own only. */
const IN_PROGRESS = ['DRAFT', ...OPEN];
const ALL_STATUSES = ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'DECLINED', 'WITHDRAWN', 'CANCELLED'];

/** The number of requests behind each tab, in one round trip. */
const TabCountsQuery = graphql(`
  query RequestTabCounts($open: [RequestStatus!], $action: [RequestStatus!], $drafts: [RequestStatus!]) {
    open: requests(first: 1, filter: { statuses: $open }) { totalCount }
    action: requests(first: 1, filter: { statuses: $action }) { totalCount }
    drafts: requests(first: 1, filter: { statuses: $drafts }) { totalCount }
    all: requests(first: 1) { totalCount }
  }
`);

function useRequestList(filter: Record<string, unknown>, orderBy: string) {
  const q = useQuery(RequestsQuery, { first: 50, filter: filter as never, orderBy: orderBy as never });
  const [more, setMore] = useState<RequestRow[]>([]);
  const [page, setPage] = useState<{ hasNextPage: boolean; endCursor: string | null | undefined } | null>(null);
  const [moreError, setMoreError] = useState<ApiError>();
  useEffect(() => {
    setMore([]);
    setPage(null);
  }, [q.data]);
  const info = page ?? q.data?.requests.pageInfo;
  const loadMore = async () => {
    try {
      const next = await client.request(RequestsQuery, { first: 50, after: info?.endCursor ?? null, filter: filter as never, orderBy: orderBy as never });
      setMore((m) => [...m, ...next.requests.edges.map((e) => e.node)]);
      setPage(next.requests.pageInfo);
    } catch (e) {
      setMoreError(e as ApiError);
    }
  };
  const rows = [...(q.data?.requests.edges.map((e) => e.node) ?? []), ...more];
  return { ...q, rows, total: q.data?.requests.totalCount, hasMore: !!info?.hasNextPage, loadMore, moreError };
}

/** A liaison officer's list: every request of their nation, drafts included. */
export function MyRequestsPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'open';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const filter = useMemo(
    () => ({
      statuses: view === 'open' ? IN_PROGRESS : view === 'drafts' ? ['DRAFT'] : view === 'action' ? ['INFORMATION_REQUESTED'] : undefined,
      search: debounced || undefined,
    }),
    [view, debounced],
  );
  const list = useRequestList(filter, 'RECENTLY_UPDATED');
  const counts = useQuery(TabCountsQuery, { open: IN_PROGRESS as never, action: ['INFORMATION_REQUESTED'] as never, drafts: ['DRAFT'] as never });
  const tab = (value: string, label: string) => {
    const c = counts.data?.[value as 'open' | 'action' | 'drafts' | 'all']?.totalCount;
    return { value, label: c === undefined ? label : t('myRequests.tabCount', { label, count: c }) };
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.myRequests')}</Title>
          <Text c="dimmed">{t('myRequests.intro', { partner: viewer?.partner?.name ?? '' })}</Text>
        </div>
        <Button component={Link} to="/catalogue">
          {t('myRequests.new')}
        </Button>
      </Group>
      <Paper p="md" withBorder>
        <Group align="flex-end" justify="space-between">
          <SegmentedControl
            value={view}
            onChange={(v) => setParams({ view: v }, { replace: true })}
            aria-label={t('list.views')}
            // A phone stacks the views instead of widening the page.
            orientation={phone ? 'vertical' : 'horizontal'}
            fullWidth={phone}
            data={[tab('open', t('myRequests.view.open')), tab('action', t('myRequests.view.action')), tab('drafts', t('myRequests.view.drafts')), tab('all', t('common.all'))]}
          />
          <TextInput label={t('list.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} />
        </Group>
      </Paper>
      <Paper p="md" withBorder>
        <Text fw={500} mb="xs" aria-live="polite">
          {list.total !== undefined ? t('list.count', { count: list.total }) : ''}
        </Text>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && list.rows.length === 0 && <Empty title={t('myRequests.empty')}>{t('myRequests.emptyHint')}</Empty>}
        {list.rows.length > 0 && <RequestTable rows={list.rows} caption={t('nav.myRequests')} exportName="requests" exportQuery={{ filter, orderBy: 'RECENTLY_UPDATED' }} columns={['reference', 'title', 'status', 'section', 'submittedAt', 'due', 'priority']} />}
        <ErrorAlert error={list.moreError} />
        {list.hasMore && (
          <Button variant="default" mt="sm" onClick={list.loadMore}>
            {t('catalogue.loadMore')}
          </Button>
        )}
      </Paper>
    </Stack>
  );
}

const SavedViewsQuery = graphql(`query SavedViews { savedViews { id name filter } }`);
const SaveViewMutation = graphql(`mutation SaveView($input: SaveViewInput!) { saveView(input: $input) { id name filter } }`);
const DeleteViewMutation = graphql(`mutation DeleteSavedView($id: ID!) { deleteSavedView(id: $id) }`);

/** What a saved view keeps: the queue's filters as the person set them. */
interface QueueFilters {
  view?: string;
  search?: string;
  statuses?: string[];
  sections?: string[];
  partners?: string[];
}

/** The triage queue of section staff and coordinators, with built-in and personal saved views. */
export function QueuePage() {
  const { t, te } = useI18n();
  const { viewer } = useAuth();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'new';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [sections, setSections] = useState<string[]>([]);
  const [partners, setPartners] = useState<string[]>([]);
  const filter = useMemo(() => {
    const base: Record<string, unknown> = { search: debounced || undefined };
    if (view === 'new') base.statuses = ['SUBMITTED'];
    if (view === 'overdue') Object.assign(base, { overdue: true, statuses: OPEN });
    if (view === 'mine') Object.assign(base, { assigneeId: viewer?.id, statuses: OPEN });
    if (view === 'awaiting') base.statuses = ['INFORMATION_REQUESTED'];
    if (view === 'open') base.statuses = OPEN;
    if (statuses.length) base.statuses = statuses;
    if (sections.length) base.sectionCodes = sections;
    if (partners.length) base.partnerCodes = partners;
    return base;
  }, [view, debounced, statuses, sections, partners, viewer]);
  const list = useRequestList(filter, view === 'overdue' ? 'DECISION_DUE' : view === 'new' ? 'OLDEST' : 'RECENTLY_UPDATED');
  const sectionOptions = (viewer?.sections ?? []).map((s) => ({ value: s.code, label: s.name }));

  // Personal saved views, kept on the server for this person.
  const views = useQuery(SavedViewsQuery, {});
  const viewAction = useAction();
  const [naming, setNaming] = useState(false);
  const [viewName, setViewName] = useState('');
  const apply = (f: QueueFilters) => {
    setParams({ view: f.view ?? 'all' }, { replace: true });
    setSearch(f.search ?? '');
    setStatuses(f.statuses ?? []);
    setSections(f.sections ?? []);
    setPartners(f.partners ?? []);
  };
  const saveView = async () => {
    const saved = await viewAction.run(() => client.request(SaveViewMutation, { input: { name: viewName.trim(), filter: JSON.stringify({ view, search, statuses, sections, partners } satisfies QueueFilters) } }));
    if (saved) {
      setNaming(false);
      setViewName('');
      await views.reload();
    }
  };

  // Bulk actions on the selected rows. Assignment is one mutation (one transaction, refusals reported per row);
  // acknowledging moves one request at a time, each at the version the list showed.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useAction();
  const [bulkNote, setBulkNote] = useState<{ done: number; skipped: number; refused: Array<{ reference: string; message: string }> } | null>(null);
  useEffect(() => setSelected(new Set()), [filter]);
  // Who the selected requests can go to: every colleague someone of them may take (the server checks each row again).
  const [colleagues, setColleagues] = useState<Map<string, ReadonlyArray<{ id: string; displayName: string }>>>(new Map());
  useEffect(() => {
    const missing = [...selected].filter((id) => !colleagues.has(id));
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(missing.map((id) => client.request(BulkColleaguesQuery, { id }).catch(() => null))).then((answers) => {
      if (!live) return;
      setColleagues((m) => {
        const next = new Map(m);
        missing.forEach((id, i) => next.set(id, answers[i]?.request?.assignableStaff ?? []));
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [selected, colleagues]);
  const colleagueOptions = useMemo(() => {
    const people = new Map<string, string>();
    for (const id of selected) for (const p of colleagues.get(id) ?? []) if (p.id !== viewer?.id) people.set(p.id, p.displayName);
    return [...people].map(([value, label]) => ({ value, label })).sort((x, y) => x.label.localeCompare(y.label));
  }, [selected, colleagues, viewer?.id]);
  const assignSelected = async (assigneeId: string) => {
    const rows = list.rows.filter((r) => selected.has(r.id));
    const answer = await bulk.run(() => client.request(AssignManyMutation, { ids: rows.map((r) => r.id), assigneeId }));
    if (!answer) return;
    const refused = answer.assignRequests.filter((row) => row.code).map((row) => ({ reference: rows.find((r) => r.id === row.requestId)?.reference ?? row.requestId, message: row.message ?? '' }));
    setBulkNote({ done: answer.assignRequests.length - refused.length, skipped: refused.length, refused });
    setSelected(new Set());
    await list.reload();
  };
  const runBulk = async (kind: 'assign' | 'acknowledge') => {
    if (kind === 'assign') return assignSelected(viewer!.id);
    const rows = list.rows.filter((r) => selected.has(r.id));
    let done = 0;
    let skipped = 0;
    await bulk.run(async () => {
      for (const r of rows) {
        if (r.status !== 'SUBMITTED') {
          skipped++;
          continue;
        }
        try {
          await client.request(TransitionMutation, { input: { id: r.id, to: 'UNDER_REVIEW', reason: null, expectedVersion: r.version } });
          done++;
        } catch {
          skipped++;
        }
      }
    });
    setBulkNote({ done, skipped, refused: [] });
    setSelected(new Set());
    await list.reload();
  };
  const partnerOptions = (viewer?.coveredPartners ?? []).map((p) => ({ value: p.code, label: p.name }));

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('nav.queue')}</Title>
        <Text c="dimmed">{t('queue.intro')}</Text>
      </div>
      <Paper p="md" withBorder>
        <Stack gap="sm">
          <SegmentedControl
            value={view}
            onChange={(v) => setParams({ view: v }, { replace: true })}
            aria-label={t('list.views')}
            // A phone stacks the views instead of widening the page.
            orientation={phone ? 'vertical' : 'horizontal'}
            fullWidth={phone}
            data={['new', 'overdue', 'mine', 'awaiting', 'open', 'all'].map((v) => ({ value: v, label: t(`queue.view.${v}` as never) }))}
          />
          <Group gap="xs" align="center">
            <Text size="sm" fw={600}>
              {t('queue.myViews')}
            </Text>
            {(views.data?.savedViews ?? []).map((v) => (
              <Group key={v.id} gap={2} wrap="nowrap">
                <Chip size="xs" checked={false} onChange={() => apply(JSON.parse(v.filter) as QueueFilters)}>
                  {v.name}
                </Chip>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray.8"
                  aria-label={t('queue.deleteView', { name: v.name })}
                  onClick={() => void viewAction.run(() => client.request(DeleteViewMutation, { id: v.id })).then(() => views.reload())}
                >
                  ✕
                </ActionIcon>
              </Group>
            ))}
            {views.data && views.data.savedViews.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('queue.noViews')}
              </Text>
            )}
            <Button size="xs" variant="light" onClick={() => setNaming(true)}>
              {t('queue.saveView')}
            </Button>
          </Group>
          <ErrorAlert error={viewAction.error} />
          <Group align="flex-end" gap="sm">
            <TextInput label={t('list.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
            <MultiSelect label={t('list.col.status')} data={ALL_STATUSES.map((s) => ({ value: s, label: te('status', s) }))} value={statuses} onChange={setStatuses} clearable w={260} placeholder={t('common.all')} />
            {sectionOptions.length > 1 && <MultiSelect label={t('list.col.section')} data={sectionOptions} value={sections} onChange={setSections} clearable w={260} placeholder={t('common.all')} />}
            {partnerOptions.length > 0 && <MultiSelect label={t('list.col.partner')} data={partnerOptions} value={partners} onChange={setPartners} clearable w={260} placeholder={t('common.all')} />}
          </Group>
        </Stack>
      </Paper>
      <Paper p="md" withBorder>
        <Text fw={500} mb="xs" aria-live="polite">
          {list.total !== undefined ? t('list.count', { count: list.total }) : ''}
        </Text>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && list.rows.length === 0 && <Empty title={t('queue.empty')}>{t('queue.emptyHint')}</Empty>}
        {selected.size > 0 && (
          <Group gap="xs" mb="xs" p="xs" className="bulk-bar" role="region" aria-label={t('queue.selected', { count: selected.size })}>
            <Text size="sm" fw={600}>
              {t('queue.selected', { count: selected.size })}
            </Text>
            <Button size="xs" loading={bulk.pending} onClick={() => void runBulk('assign')}>
              {t('queue.bulkAssignMe')}
            </Button>
            {colleagueOptions.length > 0 && (
              <Select
                size="xs"
                w={220}
                aria-label={t('queue.bulkAssignTo')}
                placeholder={t('queue.bulkAssignTo')}
                value={null}
                disabled={bulk.pending}
                data={colleagueOptions}
                onChange={(id) => id && void assignSelected(id)}
              />
            )}
            <Button size="xs" variant="light" loading={bulk.pending} onClick={() => void runBulk('acknowledge')}>
              {t('queue.bulkAcknowledge')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
              {t('queue.bulkClear')}
            </Button>
          </Group>
        )}
        {bulkNote && (
          <Alert color={bulkNote.skipped ? 'yellow' : 'teal'} mb="xs" role="status" withCloseButton onClose={() => setBulkNote(null)}>
            {t('queue.bulkDone', { count: bulkNote.done })} {bulkNote.skipped > 0 && bulkNote.refused.length === 0 && t('queue.bulkSkipped', { count: bulkNote.skipped })}
            {bulkNote.refused.length > 0 && (
              <List size="sm" mt={4}>
                {bulkNote.refused.map((r) => (
                  <List.Item key={r.reference}>{t('queue.bulkRefused', { reference: r.reference, message: r.message })}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {list.rows.length > 0 && (
          <RequestTable
            rows={list.rows}
            caption={t('nav.queue')}
            exportName={`queue-${view}`}
            exportQuery={{ filter, orderBy: view === 'overdue' ? 'DECISION_DUE' : view === 'new' ? 'OLDEST' : 'RECENTLY_UPDATED' }}
            selection={{ selected, onChange: setSelected }}
            columns={sectionOptions.length > 1 ? ['reference', 'title', 'offering', 'partner', 'section', 'status', 'seats', 'timeLeft', 'priority', 'assignee'] : ['reference', 'title', 'offering', 'partner', 'status', 'seats', 'timeLeft', 'priority', 'assignee']}
          />
        )}
        <ErrorAlert error={list.moreError} />
        {list.hasMore && (
          <Button variant="default" mt="sm" onClick={list.loadMore}>
            {t('catalogue.loadMore')}
          </Button>
        )}
      </Paper>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('queue.saveView')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveView();
          }}
        >
          <Stack>
            <TextInput label={t('queue.viewName')} required maxLength={80} value={viewName} onChange={(e) => setViewName(e.currentTarget.value)} data-autofocus />
            <ErrorAlert error={viewAction.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!viewName.trim()} loading={viewAction.pending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
