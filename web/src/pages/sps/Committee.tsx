import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { AddApplicationsMutation, CommitteeQuery, CreateBatchMutation, DecideMutation } from './documents';

type Data = ResultOf<typeof CommitteeQuery>;
type Application = Data['spsApplicationsToSchedule'][number];
type Batch = Data['spsCommitteeBatches'][number];

/** Issue #15: the SPS committee screen — create a batch, add reviewed applications, record a decision per application. */
export function SpsCommitteePage() {
  const { t } = useI18n();
  const q = useQuery(CommitteeQuery, {});
  const create = useAction();
  const [name, setName] = useState('');
  const [meetingDate, setMeetingDate] = useState('');
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  const data = q.data!;
  const createBatch = () =>
    create.run(async () => {
      await client.request(CreateBatchMutation, { input: { name, meetingDate } });
      setName('');
      setMeetingDate('');
      await q.reload();
    });
  return (
    <Stack gap="md">
      <Title order={1}>{t('sps.committee')}</Title>
      <Paper p="md" withBorder component="section" aria-labelledby="new-batch-title">
        <Title order={2} size="h3" id="new-batch-title" mb="sm">
          {t('sps.newBatch')}
        </Title>
        <Group align="flex-end">
          <TextInput label={t('sps.batchName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} style={{ flex: 1 }} />
          <TextInput label={t('sps.meetingDate')} required type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.currentTarget.value)} />
          <Button onClick={() => void createBatch()} loading={create.pending} disabled={!name.trim() || !meetingDate}>
            {t('sps.createBatch')}
          </Button>
        </Group>
        <ErrorAlert error={create.error} />
      </Paper>
      {data.spsCommitteeBatches.length === 0 ? (
        <Empty title={t('sps.noBatches')} />
      ) : (
        data.spsCommitteeBatches.map((b) => <BatchPanel key={b.id} batch={b} toSchedule={data.spsApplicationsToSchedule} outcomes={data.spsDecisionOutcomes} onChange={() => void q.reload()} />)
      )}
    </Stack>
  );
}

function BatchPanel({ batch, toSchedule, outcomes, onChange }: { batch: Batch; toSchedule: Application[]; outcomes: Data['spsDecisionOutcomes']; onChange: () => void }) {
  const { t, date, number } = useI18n();
  const add = useAction();
  const [picked, setPicked] = useState<string[]>([]);
  const headingId = `batch-${batch.id}`;
  const addPicked = () =>
    add.run(async () => {
      await client.request(AddApplicationsMutation, { input: { batchId: batch.id, requestIds: picked } });
      setPicked([]);
      onChange();
    });
  return (
    <Paper p="md" withBorder component="section" aria-labelledby={headingId} data-testid="batch">
      <Title order={2} size="h3" id={headingId} mb="sm">
        {batch.name} · {date(batch.meetingDate)}
      </Title>
      {batch.applications.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sps.batchEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <caption className="sr-only">{batch.name}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.col.reference')}</Table.Th>
                <Table.Th scope="col">{t('list.col.title')}</Table.Th>
                <Table.Th scope="col">{t('list.col.status')}</Table.Th>
                <Table.Th scope="col">{t('sps.reviews')}</Table.Th>
                <Table.Th scope="col">{t('sps.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batch.applications.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${a.request.id}`} ff="monospace" fw={600}>
                      {a.request.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {a.request.title}
                    <Text size="xs" c="dimmed">
                      {a.request.partner.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.request.status} />
                  </Table.Td>
                  <Table.Td>
                    {t('sps.reviewCount', { submitted: a.reviewSummary.reviewsSubmitted, assigned: a.reviewSummary.reviewsAssigned })}
                    {a.reviewSummary.averageTotal !== null && (
                      <Text size="xs">{t('sps.average', { total: number(a.reviewSummary.averageTotal, { maximumFractionDigits: 1 }) })}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a.outcome ? <Decided application={a} /> : <DecisionForm application={a} outcomes={outcomes} onChange={onChange} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {toSchedule.length > 0 && (
        <Stack gap="xs" mt="md">
          <Text size="sm" fw={600}>
            {t('sps.addApplications')}
          </Text>
          {toSchedule.map((a) => (
            <Checkbox
              key={a.id}
              label={`${a.request.reference} · ${a.request.title} (${t('sps.reviewCount', { submitted: a.reviewSummary.reviewsSubmitted, assigned: a.reviewSummary.reviewsAssigned })})`}
              checked={picked.includes(a.id)}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setPicked((p) => (checked ? [...p, a.id] : p.filter((x) => x !== a.id)));
              }}
            />
          ))}
          <Group>
            <Button size="xs" onClick={() => void addPicked()} disabled={!picked.length} loading={add.pending}>
              {t('sps.addToBatch', { name: batch.name })}
            </Button>
          </Group>
          <ErrorAlert error={add.error} />
        </Stack>
      )}
    </Paper>
  );
}

function Decided({ application }: { application: Application }) {
  return (
    <Stack gap={2}>
      <Badge variant="light" color={application.outcome!.code === 'ENDORSED' ? 'green.9' : application.outcome!.code === 'NOT_ENDORSED' ? 'red.9' : 'gray.8'}>
        {application.outcome!.label}
      </Badge>
      {application.decisionReason && <Text size="xs">{application.decisionReason}</Text>}
    </Stack>
  );
}

function DecisionForm({ application, outcomes, onChange }: { application: Application; outcomes: Data['spsDecisionOutcomes']; onChange: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const ref = application.request.reference;
  const decide = () =>
    action.run(async () => {
      await client.request(DecideMutation, { input: { requestId: application.id, outcomeCode: outcome, reason, expectedVersion: application.request.version } });
      onChange();
    });
  return (
    <Stack gap={4}>
      <NativeSelect aria-label={t('sps.outcomeFor', { ref })} size="xs" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...outcomes.map((o) => ({ value: o.code, label: o.label }))]} />
      <TextInput aria-label={t('sps.reasonFor', { ref })} placeholder={t('sps.reason')} size="xs" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button size="xs" onClick={() => void decide()} disabled={!outcome || !reason.trim()} loading={action.pending}>
        {t('sps.recordDecision')}
      </Button>
      <ErrorAlert error={action.error} />
    </Stack>
  );
}
