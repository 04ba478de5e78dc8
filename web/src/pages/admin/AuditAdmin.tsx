import { Button, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError, client } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { CardTable } from '../../components/CardTable';

const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditEventFilter, $after: String) {
    auditEvents(first: 50, filter: $filter, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at actorKind actorId action targetType targetId details ip } }
    }
  }
`);
const AuditEventsCsv = graphql(`query AuditEventsCsv($filter: AuditEventFilter) { auditEventsCsv(filter: $filter) { csv rowCount truncated } }`);

interface Filter {
  action: string;
  actorKind: string | null;
  actorId: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

type EventRow = { id: string; at: string; actorKind: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null; details: string; ip: string | null };

const EMPTY: Filter = { action: '', actorKind: null, actorId: '', targetType: '', targetId: '', from: '', to: '' };

/** The filter as the API takes it: empty fields left out, local date-times as instants. */
function toApi(f: Filter) {
  const text = (v: string) => v.trim() || null;
  const instant = (v: string) => (v ? new Date(v).toISOString() : null);
  return { action: text(f.action), actorKind: f.actorKind, actorId: text(f.actorId), targetType: text(f.targetType), targetId: text(f.targetId), from: instant(f.from), to: instant(f.to) };
}

/** The audit trail for administrators: filters, newest first, more on demand, and the filtered rows as CSV. Every read is itself recorded. */
export function AuditAdmin() {
  const { t, dateTime } = useI18n();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [rows, setRows] = useState<EventRow[]>();
  const [page, setPage] = useState<{ total: number; next: string | null }>({ total: 0, next: null });
  const [applied, setApplied] = useState<Filter>(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const [exportNote, setExportNote] = useState<string>();

  const load = async (filter: Filter, after: string | null) => {
    setPending(true);
    setError(undefined);
    try {
      const res = await client.request(AuditEventsQuery, { filter: toApi(filter), after });
      const nodes = res.auditEvents.edges.map((e) => e.node);
      setRows((before) => (after && before ? [...before, ...nodes] : nodes));
      setPage({ total: res.auditEvents.totalCount, next: res.auditEvents.pageInfo.hasNextPage ? res.auditEvents.pageInfo.endCursor : null });
      setApplied(filter);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };

  const exportCsv = async () => {
    setPending(true);
    setError(undefined);
    try {
      const res = await client.request(AuditEventsCsv, { filter: toApi(applied) });
      const blob = new Blob(['\uFEFF', res.auditEventsCsv.csv], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `audit-trail-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setExportNote(t(res.auditEventsCsv.truncated ? 'audit.exportTruncated' : 'audit.exported', { count: res.auditEventsCsv.rowCount }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };

  const set = (key: keyof Filter) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.currentTarget.value });
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('audit.intro')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); void load(draft, null); }}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <TextInput label={t('audit.action')} description={t('audit.actionHint')} value={draft.action} onChange={set('action')} />
          <Select
            label={t('audit.actorKind')}
            clearable
            data={['user', 'apiKey', 'system', 'anonymous'].map((value) => ({ value, label: t(`audit.actorKind.${value}` as 'audit.actorKind.user') }))}
            value={draft.actorKind}
            onChange={(v) => setDraft({ ...draft, actorKind: v })}
          />
          <TextInput label={t('audit.actorId')} value={draft.actorId} onChange={set('actorId')} />
          <TextInput label={t('audit.targetType')} value={draft.targetType} onChange={set('targetType')} />
          <TextInput label={t('audit.targetId')} value={draft.targetId} onChange={set('targetId')} />
          <TextInput label={t('audit.from')} type="datetime-local" value={draft.from} onChange={set('from')} />
          <TextInput label={t('audit.to')} type="datetime-local" value={draft.to} onChange={set('to')} />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={pending}>{t('audit.search')}</Button>
          <Button variant="default" onClick={() => { setDraft(EMPTY); void load(EMPTY, null); }} disabled={pending}>{t('audit.reset')}</Button>
          <Button variant="light" onClick={() => void exportCsv()} disabled={pending || rows === undefined}>{t('audit.exportCsv')}</Button>
        </Group>
      </form>
      {exportNote && <Text size="sm" role="status">{exportNote}</Text>}
      <ErrorAlert error={error} />
      {pending && rows === undefined && <Loading />}
      {rows !== undefined && (
        <>
          <Text size="sm" role="status">{t('audit.count', { shown: rows.length, total: page.total })}</Text>
          <Paper withBorder>
            <CardTable minWidth={900}>
              <Table highlightOnHover>
                <caption className="sr-only">{t('admin.audit')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('audit.at')}</Table.Th>
                    <Table.Th scope="col">{t('audit.action')}</Table.Th>
                    <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                    <Table.Th scope="col">{t('audit.target')}</Table.Th>
                    <Table.Th scope="col">{t('audit.details')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{dateTime(r.at)}</Table.Td>
                      <Table.Td><Code>{r.action}</Code></Table.Td>
                      <Table.Td>{r.actorKind}{r.actorId ? <><br /><Text span size="xs" c="dimmed">{r.actorId}</Text></> : null}</Table.Td>
                      <Table.Td>{r.targetType ? `${r.targetType} ${r.targetId ?? ''}` : '—'}</Table.Td>
                      <Table.Td><Text size="xs" style={{ wordBreak: 'break-all' }}>{r.details === '{}' ? '' : r.details}</Text>{r.ip && <Text size="xs" c="dimmed">{r.ip}</Text>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </CardTable>
          </Paper>
          {page.next && <Button variant="default" onClick={() => void load(applied, page.next)} loading={pending}>{t('audit.more')}</Button>}
        </>
      )}
    </Stack>
  );
}
