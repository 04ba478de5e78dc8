import { Badge, Button, Group, List, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { OUTCOMES, RecordAttendanceMutation, RequestNomineesQuery, type Outcome } from './documents';
import { CardTable } from '../../components/CardTable';

const APPROVED = ['APPROVED', 'SCHEDULED', 'COMPLETED'];

/**
 * A request's nominees checked against the course (clearance, SLP) and, once the course has started, their
 * attendance: staff of the routed section record it here; the partner reads it. Hidden for whoever does not
 * see the participants (the API answers null).
 */
export function RequestNominees({ requestId }: { requestId: string }) {
  const { t, te, date } = useI18n();
  const { viewer } = useAuth();
  const q = useQuery(RequestNomineesQuery, { id: requestId });
  const record = useMutation(RecordAttendanceMutation);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome | null>>({});
  const [saved, setSaved] = useState(false);
  const r = q.data?.request;
  useEffect(() => {
    setOutcomes(Object.fromEntries((r?.attendance ?? []).map((a) => [a.participantIndex, a.outcome])));
  }, [r?.attendance]);
  if (!r || !r.nomineeChecks || r.nomineeChecks.length === 0) return null;

  const today = new Date().toISOString().slice(0, 10);
  const started = Boolean(r.iteration && r.iteration.startDate <= today);
  const canRecord = viewer?.role === 'SECTION_STAFF' && APPROVED.includes(r.status) && started;
  const recorded = new Map((r.attendance ?? []).map((a) => [a.participantIndex, a.outcome]));
  const changed = Object.entries(outcomes).filter(([i, o]) => o && recorded.get(Number(i)) !== o) as Array<[string, Outcome]>;
  const save = async () => {
    setSaved(false);
    try {
      await record.mutate({ input: { requestId: r.id, entries: changed.map(([i, o]) => ({ participantIndex: Number(i), outcome: o })) } });
      setSaved(true);
      await q.reload();
    } catch {
      /* shown below */
    }
  };
  const anyShort = r.nomineeChecks.some((c) => !c.meetsRequirements);

  return (
    <Paper p="md" withBorder component="section" aria-labelledby="nominees-title">
      <Title order={2} size="h3" id="nominees-title" mb="sm">
        {t('nominees.onRequest')}
      </Title>
      <Stack gap="sm">
        {!anyShort && (
          <Text size="sm" c="dimmed">
            {t('nominees.allMeet')}
          </Text>
        )}
        <CardTable minWidth={480}>
          <Table>
            <caption className="sr-only">{t('nominees.onRequest')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('form.p.name')}</Table.Th>
                <Table.Th scope="col">{t('nominees.check')}</Table.Th>
                <Table.Th scope="col">{t('nominees.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.nomineeChecks.map((c) => (
                <Table.Tr key={c.participantIndex}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>
                    {c.meetsRequirements ? (
                      <Badge color="green" variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t('nominees.meets')}</Badge>
                    ) : (
                      <Stack gap={2}>
                        <Badge color="red" variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t('nominees.fallsShort')}</Badge>
                        <List size="xs">
                          {c.shortfalls.map((s) => (
                            <List.Item key={s}>{s}</List.Item>
                          ))}
                        </List>
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canRecord ? (
                      <Select
                        aria-label={t('nominees.outcomeOf', { name: c.name })}
                        size="xs"
                        w={170}
                        placeholder={t('nominees.notRecorded')}
                        data={OUTCOMES.map((o) => ({ value: o, label: te('outcome', o) }))}
                        value={outcomes[c.participantIndex] ?? null}
                        onChange={(v) => setOutcomes((m) => ({ ...m, [c.participantIndex]: (v as Outcome | null) ?? null }))}
                      />
                    ) : recorded.get(c.participantIndex) ? (
                      te('outcome', recorded.get(c.participantIndex)!)
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('nominees.notRecorded')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </CardTable>
        {viewer?.role === 'SECTION_STAFF' && APPROVED.includes(r.status) && !started && r.iteration && (
          <Text size="sm" c="dimmed">
            {t('nominees.attendanceFrom', { date: date(r.iteration.startDate) })}
          </Text>
        )}
        <ErrorAlert error={record.error as ApiError | undefined} />
        {canRecord && (
          <Group justify="flex-end" gap="sm">
            {saved && (
              <Text size="sm" role="status">
                {t('common.saved')}
              </Text>
            )}
            <Button disabled={changed.length === 0} loading={record.pending} onClick={() => void save()}>
              {t('nominees.saveAttendance')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
