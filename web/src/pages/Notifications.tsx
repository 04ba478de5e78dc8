import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { client, type ApiError } from '../api/client';
import { useQuery } from '../api/hooks';
import { Empty, ErrorAlert, Loading } from '../components/feedback';
import { markRead, NotificationEntry, NotificationsQuery, useNotificationsChanged, type NotificationItem } from '../components/NotificationsBell';
import { useI18n } from '../i18n';

const PAGE = 20;

/** Every notification of the signed-in person, newest first, with the unread ones marked. */
export function NotificationsPage() {
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const q = useQuery(NotificationsQuery, { first: PAGE, after: null, unreadOnly });
  const [more, setMore] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<{ hasNextPage: boolean; endCursor?: string | null } | null>(null);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  useEffect(() => {
    setMore([]);
    setCursor(null);
  }, [q.data]);
  const reload = q.reload;
  useNotificationsChanged(useCallback(() => void reload(), [reload]));

  const info = cursor ?? q.data?.notifications.pageInfo;
  const rows = [...(q.data?.notifications.edges.map((e) => e.node) ?? []), ...more];
  const loadMore = async () => {
    setPending(true);
    try {
      const next = await client.request(NotificationsQuery, { first: PAGE, after: info?.endCursor ?? null, unreadOnly });
      setMore((m) => [...m, ...next.notifications.edges.map((e) => e.node)]);
      setCursor(next.notifications.pageInfo);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
  const act = async (ids?: string[]) => {
    setError(undefined);
    try {
      await markRead(ids);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const unread = q.data?.notifications.unreadCount ?? 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('notifications.title')}</Title>
          {q.data && (
            <Text c="dimmed" aria-live="polite">
              {t('notifications.count', { total: q.data.notifications.totalCount, unread })}
            </Text>
          )}
        </div>
        <Group>
          <Checkbox label={t('notifications.unreadOnly')} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
          <Button variant="default" disabled={unread === 0} onClick={() => void act()}>
            {t('notifications.markAllRead')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={q.error ?? error} onRetry={q.error ? q.reload : undefined} />
      {q.loading && !q.data && <Loading />}
      {q.data && rows.length === 0 && <Empty title={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />}
      {rows.length > 0 && (
        <Paper withBorder>
          <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('notifications.title')}>
            {rows.map((n, i) => (
              <li key={n.id} style={{ borderTop: i ? '1px solid var(--mantine-color-gray-3)' : undefined }}>
                <Group justify="space-between" wrap="nowrap" align="center" pr="sm">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <NotificationEntry n={n} onOpen={(x) => void (x.readAt ? undefined : act([x.id]))} />
                  </div>
                  {!n.readAt && (
                    <Button size="compact-sm" variant="subtle" onClick={() => void act([n.id])} aria-label={`${t('notifications.markRead')}: ${n.title}`}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        </Paper>
      )}
      {info?.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={pending} onClick={() => void loadMore()}>
            {t('notifications.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
