import { Badge, Button, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { StatusBadge } from '../../components/StatusBadge';
import { flattenKindFields } from '../../components/KindFields';
import { downloadCsv } from '../../lib/csv';
import { RequestListFields } from './documents';

export type RequestRow = ResultOf<typeof RequestListFields>;
type Column = 'reference' | 'title' | 'partner' | 'section' | 'status' | 'submittedAt' | 'due' | 'assignee' | 'priority';

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
  }
}

/**
 * A sortable list of requests. Keyboard: j / k move the selection, Enter opens it (when focus is not in a field).
 */
export function RequestTable({ rows, columns, caption, csvName }: { rows: RequestRow[]; columns: Column[]; caption: string; csvName: string }) {
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

  const exportCsv = () =>
    downloadCsv(csvName, [
      ['reference', 'title', 'partner', 'section', 'status', 'priority', 'submitted', 'due', 'overdue', 'assignee', 'seatsRequested', 'seatsAllocated', 'kindFields'],
      ...sorted.map((r) => [
        r.reference, r.title, r.partner.code, r.routedSection?.code ?? '', r.status, r.priority, r.submittedAt ?? '', due(r), r.overdue ? 'yes' : 'no', r.assignee?.displayName ?? '', r.seatsRequested, r.seatsAllocated,
        // Issue #15: the kind's extra fields as path=value pairs (empty where the reader may not see them).
        flattenKindFields(r.kindFields).map(([path, value]) => `${path}=${value}`).join('; '),
      ]),
    ]);

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed">
          {t('list.keyboardHint')}
        </Text>
        <Button size="xs" variant="default" onClick={exportCsv} disabled={!rows.length}>
          {t('list.exportCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table highlightOnHover verticalSpacing="xs">
          <caption className="sr-only">{caption}</caption>
          <Table.Thead>
            <Table.Tr>{columns.map(header)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {sorted.map((r, i) => (
              <Table.Tr key={r.id} className="clickable-row" data-selected={i === selected} onClick={() => navigate(`/requests/${r.id}`)}>
                {columns.map((c) => (
                  <Table.Td key={c}>
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
                    ) : (
                      te('priority', r.priority)
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
