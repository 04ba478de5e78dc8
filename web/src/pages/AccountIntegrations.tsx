import { Alert, Button, Code, CopyButton, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { ErrorAlert, Loading } from '../components/feedback';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';

const FeedQuery = graphql(`query MyCalendarFeed { calendarFeed { active createdAt } }`);
const RegenerateFeed = graphql(`mutation RegenerateCalendarFeed { regenerateCalendarFeed { url createdAt } }`);
const RevokeFeed = graphql(`mutation RevokeCalendarFeed { revokeCalendarFeed }`);
const MailQuery = graphql(`query MyMailSettings { me { language } mailPreferences { kind delivery } }`);
const SetLanguage = graphql(`mutation SetMyLanguage($language: String!) { setMyLanguage(language: $language) { language } }`);
const SetPreference = graphql(`mutation SetMailPreference($kind: String!, $delivery: MailDelivery!) { setMailPreference(kind: $kind, delivery: $delivery) { kind delivery } }`);

/** The personal calendar feed: its address is shown once when made; regenerating or revoking ends the old one. */
export function CalendarFeedCard() {
  const { t, dateTime } = useI18n();
  const q = useQuery(FeedQuery, {});
  const [url, setUrl] = useState<string | null>(null);
  const action = useAction();
  const regenerate = () =>
    action.run(async () => {
      setUrl((await client.request(RegenerateFeed, {})).regenerateCalendarFeed.url);
      await q.reload();
    });
  const revoke = () =>
    action.run(async () => {
      await client.request(RevokeFeed, {});
      setUrl(null);
      await q.reload();
    });
  const feed = q.data?.calendarFeed;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">{t('calendar.title')}</Title>
        <Text size="sm">{t('calendar.intro')}</Text>
        <ErrorAlert error={q.error ?? action.error} onRetry={q.error ? q.reload : undefined} />
        {q.loading && !q.data && <Loading />}
        {url && (
          <Alert color="yellow" title={t('calendar.urlTitle')} role="status">
            <Text size="sm" mb="xs">{t('calendar.urlHint')}</Text>
            <Group gap="xs" wrap="nowrap">
              <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="calendar-url">{url}</Code>
              <CopyButton value={url}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('admin.copied') : t('admin.copy')}</Button>}</CopyButton>
            </Group>
          </Alert>
        )}
        {feed && !url && <Text size="sm" role="status">{feed.active ? t('calendar.activeSince', { date: dateTime(feed.createdAt) }) : t('calendar.none')}</Text>}
        {feed && (
          <Group>
            <Button onClick={() => void regenerate()} loading={action.pending}>{feed.active ? t('calendar.regenerate') : t('calendar.create')}</Button>
            {feed.active && <Button variant="outline" color="red.9" onClick={() => void revoke()} loading={action.pending}>{t('calendar.revoke')}</Button>}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The language of the person's mail and, per kind of notice, at once, in a daily digest, or not at all. */
export function MailPreferencesCard() {
  const { t, te } = useI18n();
  const q = useQuery(MailQuery, {});
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const save = (fn: () => Promise<unknown>) =>
    action.run(async () => {
      setSaved(false);
      await fn();
      await q.reload();
      setSaved(true);
    });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">{t('mailPrefs.title')}</Title>
        <Text size="sm">{t('mailPrefs.intro')}</Text>
        <ErrorAlert error={q.error ?? action.error} onRetry={q.error ? q.reload : undefined} />
        {q.loading && !q.data && <Loading />}
        {q.data && (
          <>
            <Select
              label={t('mailPrefs.language')}
              data={[{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }]}
              value={q.data.me?.language ?? 'en'}
              allowDeselect={false}
              maw={240}
              onChange={(v) => v && void save(() => client.request(SetLanguage, { language: v }))}
            />
            <Table>
              <caption className="sr-only">{t('mailPrefs.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('mailPrefs.kind')}</Table.Th>
                  <Table.Th scope="col">{t('mailPrefs.delivery')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.mailPreferences.map((p) => (
                  <Table.Tr key={p.kind}>
                    <Table.Td>{te('noticeKind', p.kind)}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t('mailPrefs.delivery')}: ${te('noticeKind', p.kind)}`}
                        data={['IMMEDIATE', 'DAILY_DIGEST', 'OFF'].map((d) => ({ value: d, label: te('mailDelivery', d) }))}
                        value={p.delivery}
                        allowDeselect={false}
                        maw={240}
                        onChange={(v) => v && void save(() => client.request(SetPreference, { kind: p.kind, delivery: v as never }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {saved && <Text size="sm" role="status">{t('common.saved')}</Text>}
          </>
        )}
      </Stack>
    </Paper>
  );
}
