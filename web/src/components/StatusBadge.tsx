import { Badge } from '@mantine/core';
import { useI18n } from '../i18n';

const colours: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  UNDER_REVIEW: 'indigo',
  INFORMATION_REQUESTED: 'orange',
  APPROVED: 'teal',
  SCHEDULED: 'cyan',
  COMPLETED: 'green',
  DECLINED: 'red',
  WITHDRAWN: 'gray',
  CANCELLED: 'red',
  PUBLISHED: 'teal',
  ARCHIVED: 'gray',
  OPEN: 'teal',
  PLANNED: 'blue',
  FULL: 'orange',
  CLOSED: 'gray',
};

export function StatusBadge({ status, prefix = 'status' }: { status: string; prefix?: string }) {
  const { te } = useI18n();
  // Dark text on light fills keeps the contrast readable (WCAG AA).
  return (
    // Never truncated ("OP…", "SUBMI…"): the badge keeps its full width and the cell wraps around it instead.
    <Badge color={colours[status] ?? 'gray'} variant="light" className="status-badge" styles={{ root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { color: 'var(--mantine-color-dark-7)', overflow: 'visible', textOverflow: 'clip' } }}>
      {te(prefix, status)}
    </Badge>
  );
}
