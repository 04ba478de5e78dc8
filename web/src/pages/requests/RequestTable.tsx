import { Badge, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { StatusBadge } from '../../components/StatusBadge';
import { ExportButtons } from '../../components/ExportButtons';
import { RequestListFields } from './documents';
import { CardTable } from '../../components/CardTable';

export type RequestRow = ResultOf<typeof RequestListFields>;
type Column = 'reference' | 'title' | 'partner' | 'section' | 'status' | 'submittedAt' | 'due' | 'assignee' | 'priority' | 'offering' | 'seats' | 'timeLeft';

/**
 * Time to the service target that applies now: acknowledging while SUBMITTED, deciding while under review.
 * null when no target runs (decided, draft) or the clock is paused (waiting for the partner).
 */
export function timeLeft(r: Pick<RequestRow, 'status' | 'acknowledgeDueAt' | 'decisionDueAt' | 'servicePausedAt'>, now = Date.now()): { paused: true } | { ms: number } | null {
  if (r.status === 'INFORMATION_REQUESTED' || r.servicePausedAt) return { paused: true };
  const due = r.status === 'SUBMITTED' ? (r.acknowledgeDueAt ?? r.decisionDueAt) : r.status === 'UNDER_REVIEW' ? r.decisionDueAt : null;
  return due ? { ms: Date.parse(due) - now } : null;
}

/** "3 d left", "5 h overdue", "paused": the service target in words. */
export function TimeLeft({ r }: { r: RequestRow }) {
  const { t } = useI18n();
  const left = timeLeft(r);
  if (!left) return <>—</>;
  if ('paused' in left)
    return (
      <Badge color="gray" variant="outline" size="sm" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible', color: 'var(--mantine-color-dark-7)' } }}>
        {t('queue.paused')}
      </Badge>
    );
  const hours = Math.abs(left.ms) / 3_600_000;
  const text =
    hours >= 24
      ? t(left.ms >= 0 ? 'queue.daysLeft' : 'queue.daysOverdue', { count: Math.floor(hours / 24) })
      : t(left.ms >= 0 ? 'queue.hoursLeft' : 'queue.hoursOverdue', { count: Math.max(1, Math.floor(hours)) });
  return (
    <Text size="sm" c={left.ms < 0 ? 'red.9' : undefined} fw={left.ms < 0 ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}

const PRIORITY_ORDER: Record<string, number> = { CRITICAL: 0, HIGH: 1, NORMAL: 2, LOW: 3 };
const due = (r: RequestRow) => (r.acknowledgeDueAt && r.status === 'SUBMITTED' ? r.acknowledgeDueAt : r.decisionDueAt) ?? '';

function value(r: RequestRow, c: Column): string | number {
  switch (c) {
    case 'reference': return r.reference;
    case 'title': return r.title.toLowerCase();
    case 'partner': return r.partner.name;
    case 'section': return r.routedSection?.name ?? '';
    case 'status': return r.status;
    case 'submittedAt': return r.submittedAt ?? r.createdAt;
    case 'due': return due(r) || '9999';
    case 'assignee': return r.assignee?.displayName ?? '';
    case 'priority': return PRIORITY_ORDER[r.priority] ?? 9;
    case 'offering': return r.offering?.title ?? '';
    case 'seats': return r.seatsRequested;
    case 'timeLeft': {
      const left = timeLeft(r);
      return !left ? Number.MAX_SAFE_INTEGER : 'paused' in left ? Number.MAX_SAFE_INTEGER - 1 : left.ms;
    }
  }
}

/**
 * A sortable list of requests. Keyboard: j / k move the selection, Enter opens it (when focus is not in a field).
 */
/** The list's query, for the server export (every matching row, not only those loaded here). */
export interface ExportQuery {
  filter: Record<string, unknown>;
  orderBy?: string;
}

export function RequestTable({
  rows,
  columns,
  caption,
  exportName,
  exportQuery,
  selection,
}: {
  rows: RequestRow[];
  columns: Column[];
  caption: string;
  exportName: string;
  exportQuery: ExportQuery;
  /** Rows picked for a bulk action (a checkbox column first); none without it. */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
}) {
  const { t, te, date } = useI18n();
  const navigate = useNavigate();
  const [sort, setSort] = useState<{ column: Column; dir: 1 | -1 } | null>(null);
  const [selected, setSelected] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    return [...rows].sort((a, b) => {
      const x = value(a, sort.column);
      const y = value(b, sort.column);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
  }, [rows, sort]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        setSelected((s) => {
          const next = Math.min(Math.max(s + (e.key === 'j' ? 1 : -1), 0), sorted.length - 1);
          body.current?.querySelectorAll('tr')[next]?.querySelector('a')?.focus();
          return next;
        });
      } else if (e.key === 'Enter' && sorted[selected] && !(target.tagName === 'A' || target.tagName === 'BUTTON')) {
        navigate(`/requests/${sorted[selected].id}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sorted, selected, navigate]);

  const header = (c: Column) => {
    const active = sort?.column === c;
    return (
      <Table.Th key={c} scope="col" aria-sort={active ? (sort!.dir === 1 ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => setSort((s) => (s?.column === c ? { column: c, dir: (s.dir * -1) as 1 | -1 } : { column: c, dir: 1 }))} fw={600} fz="sm">
          {t(`list.col.${c}` as MessageKey)} <span aria-hidden>{active ? (sort!.dir === 1 ? '▲' : '▼') : '↕'}</span>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed">
          {t('list.keyboardHint')}
        </Text>
        <ExportButtons path="/api/exports/requests" name={exportName} params={{ filter: exportQuery.filter, orderBy: exportQuery.orderBy }} />
      </Group>
      <CardTable minWidth={900} className="request-table">
        <Table highlightOnHover verticalSpacing="xs">
          <caption className="sr-only">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              {selection && (
                <Table.Th scope="col" w={36}>
                  <Checkbox
                    aria-label={t('queue.selectAll')}
                    checked={rows.length > 0 && rows.every((r) => selection.selected.has(r.id))}
                    indeterminate={rows.some((r) => selection.selected.has(r.id)) && !rows.every((r) => selection.selected.has(r.id))}
                    onChange={(e) => selection.onChange(new Set(e.currentTarget.checked ? rows.map((r) => r.id) : []))}
                  />
                </Table.Th>
              )}
              {columns.map(header)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {sorted.map((r, i) => (
              <Table.Tr key={r.id} className="clickable-row" data-selected={i === selected} onClick={() => navigate(`/requests/${r.id}`)}>
                {selection && (
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      aria-label={t('queue.selectRow', { reference: r.reference })}
                      checked={selection.selected.has(r.id)}
                      onChange={(e) => {
                        const next = new Set(selection.selected);
                        if (e.currentTarget.checked) next.add(r.id);
                        else next.delete(r.id);
                        selection.onChange(next);
                      }}
                    />
                  </Table.Td>
                )}
                {columns.map((c) => (
                  <Table.Td key={c} data-label={t(`list.col.${c}` as MessageKey)}>
                    {c === 'reference' ? (
                      <a href={`/requests/${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/requests/${r.id}`); }} onFocus={() => setSelected(i)} style={{ fontFamily: 'monospace', fontWeight: 600, color: 'var(--mantine-color-navy-8)' }}>
                        {r.reference}
                      </a>
                    ) : c === 'title' ? (
                      <Text size="sm" lineClamp={2}>{r.title}</Text>
                    ) : c === 'status' ? (
                      <Group gap={4} wrap="nowrap">
                        <StatusBadge status={r.status} />
                        {r.overdue && <Badge color="red.9" variant="filled" size="sm">{t('request.overdue')}</Badge>}
                      </Group>
                    ) : c === 'partner' ? (
                      r.partner.name
                    ) : c === 'section' ? (
                      r.routedSection?.name ?? '—'
                    ) : c === 'submittedAt' ? (
                      date(r.submittedAt ?? r.createdAt)
                    ) : c === 'due' ? (
                      due(r) ? date(due(r)) : '—'
                    ) : c === 'assignee' ? (
                      r.assignee?.displayName ?? '—'
                    ) : c === 'offering' ? (
                      <Text size="sm" lineClamp={2}>{r.offering?.title ?? '—'}</Text>
                    ) : c === 'seats' ? (
                      t('queue.seatsCell', { requested: r.seatsRequested, allocated: r.seatsAllocated })
                    ) : c === 'timeLeft' ? (
                      <TimeLeft r={r} />
                    ) : (
                      te('priority', r.priority)
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </CardTable>
    </>
  );
}
