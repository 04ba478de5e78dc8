import { ActionIcon, Anchor, Badge, Box, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { client } from '../api/client';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n';

export const NotificationsQuery = graphql(`
  query Notifications($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      unreadCount
      edges { cursor node { id kind title body createdAt readAt requestId } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export const MarkNotificationsRead = graphql(`mutation MarkNotificationsRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }`);

export type NotificationItem = ResultOf<typeof NotificationsQuery>['notifications']['edges'][number]['node'];

/** Tells every notification view (the bell, the page) that read states changed. */
const CHANGED = 'pcp:notifications-changed';
export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}
export function useNotificationsChanged(listener: () => void): void {
  useEffect(() => {
    window.addEventListener(CHANGED, listener);
    return () => window.removeEventListener(CHANGED, listener);
  }, [listener]);
}

/** Marks some notifications read (all when ids is omitted) and tells the other views. */
export async function markRead(ids?: string[]): Promise<void> {
  await client.request(MarkNotificationsRead, { ids: ids ?? null });
  notificationsChanged();
}

const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** One notification: unread ones are marked in words and weight, not only in colour. */
export function NotificationEntry({ n, onOpen, compact = false }: { n: NotificationItem; onOpen: (n: NotificationItem) => void; compact?: boolean }) {
  const { t, dateTime } = useI18n();
  const unread = !n.readAt;
  const content = (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <Text size="sm" fw={unread ? 700 : 500} lineClamp={compact ? 2 : undefined}>
          {n.title}
        </Text>
        {unread && (
          <Badge size="xs" color="navy" variant="filled" style={{ flexShrink: 0 }}>
            {t('notifications.unread')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dark.6" lineClamp={compact ? 2 : undefined}>
        {n.body}
      </Text>
      <Text size="xs" c="dark.5">
        <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
      </Text>
    </Stack>
  );
  if (!n.requestId) return <Box px="sm" py="xs">{content}</Box>;
  return (
    <UnstyledButton component={Link} to={n.kind === 'SURVEY_REQUESTED' ? '/nominees?tab=surveys' : `/requests/${n.requestId}`} onClick={() => onOpen(n)} px="sm" py="xs" className="notification-entry" data-unread={unread || undefined} style={{ display: 'block', borderRadius: 4 }}>
      {content}
    </UnstyledButton>
  );
}

/** The bell in the header: how many are unread, the latest few, and the way to the full list. */
export function NotificationsBell() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [data, setData] = useState<ResultOf<typeof NotificationsQuery>['notifications']>();
  const load = useCallback(async () => {
    try {
      const r = await client.request(NotificationsQuery, { first: 8, after: null, unreadOnly: false });
      setData(r.notifications);
    } catch {
      /* the bell stays as it was; the page shows errors */
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load, location.pathname]);
  useNotificationsChanged(load);
  useEffect(() => {
    if (opened) void load();
  }, [opened, load]);

  const unread = data?.unreadCount ?? 0;
  const label = t('notifications.bell', { count: unread });
  const open = (n: NotificationItem) => {
    setOpened(false);
    if (!n.readAt) void markRead([n.id]).catch(() => undefined);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal trapFocus returnFocus>
      <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red.8" disabled={unread === 0} offset={4} inline styles={{ indicator: { fontWeight: 700 } }}>
        <Popover.Target>
          <ActionIcon variant="subtle" color="white" size="lg" aria-label={label} title={label} onClick={() => setOpened((o) => !o)} data-testid="notifications-bell">
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-labelledby="notifications-panel-title">
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={700} size="sm" id="notifications-panel-title">
            {t('notifications.recent')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => void markRead().catch(() => undefined)}>
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        <Divider />
        {data && data.edges.length === 0 ? (
          <Text size="sm" c="dark.6" p="sm">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} py={4}>
              {data?.edges.map(({ node }) => <NotificationEntry key={node.id} n={node} onOpen={open} compact />)}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Divider />
        <Box px="sm" py="xs">
          <Anchor
            component={Link}
            to="/notifications"
            size="sm"
            onClick={(e) => {
              e.preventDefault();
              setOpened(false);
              navigate('/notifications');
            }}
          >
            {t('notifications.viewAll')}
          </Anchor>
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
