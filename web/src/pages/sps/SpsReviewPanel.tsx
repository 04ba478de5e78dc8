import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { AssignReviewerMutation, SpsApplicationQuery } from './documents';

/** Issue #15: on an SPS application's page, SPS staff assign peer reviewers and read their reviews. Nothing for anyone else. */
export function SpsReviewPanel({ requestId, onChange }: { requestId: string; onChange: () => void }) {
  const { t, dateTime, number } = useI18n();
  const q = useQuery(SpsApplicationQuery, { requestId });
  const assign = useAction();
  const [reviewerId, setReviewerId] = useState('');
  // Not SPS staff (FORBIDDEN) or not an application in reach: the panel is not theirs.
  if (!q.data) return null;
  const app = q.data.spsApplication;
  const assigned = new Set(app.reviews.map((r) => r.reviewer?.id));
  const doAssign = () =>
    assign.run(async () => {
      await client.request(AssignReviewerMutation, { input: { requestId, reviewerId } });
      setReviewerId('');
      await q.reload();
      onChange();
    });
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="sps-review-title">
      <Title order={2} size="h3" id="sps-review-title" mb="sm">
        {t('sps.peerReview')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sps.peerReviewHint')}
      </Text>
      {app.reviews.length > 0 && (
        <Table mb="sm">
          <caption className="sr-only">{t('sps.reviews')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sps.reviewer')}</Table.Th>
              <Table.Th scope="col">{t('sps.total')}</Table.Th>
              <Table.Th scope="col">{t('sps.comments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {app.reviews.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.reviewer?.displayName ?? '—'}</Table.Td>
                <Table.Td>{r.submittedAt ? `${number(r.total)} · ${dateTime(r.submittedAt)}` : t('sps.pending')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>{r.comments ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {app.batch && (
        <Text size="sm" mb="xs">
          {t('sps.inBatch', { name: app.batch.name })}
          {app.outcome ? ` · ${app.outcome.label}` : ''}
        </Text>
      )}
      <Stack gap="xs">
        <Group align="flex-end">
          <NativeSelect
            label={t('sps.assignReviewer')}
            value={reviewerId}
            onChange={(e) => setReviewerId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...q.data.spsReviewerCandidates.filter((c) => !assigned.has(c.id)).map((c) => ({ value: c.id, label: c.displayName }))]}
            style={{ flex: 1 }}
          />
          <Button onClick={() => void doAssign()} disabled={!reviewerId} loading={assign.pending}>
            {t('sps.assign')}
          </Button>
        </Group>
        <ErrorAlert error={assign.error} />
      </Stack>
    </Paper>
  );
}
