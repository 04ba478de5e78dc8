import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Modal, Paper, Radio, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import {
  CLEARANCE_LEVELS,
  CourseSurveysQuery,
  CreateNomineeMutation,
  DeleteNomineeMutation,
  NomineesQuery,
  SubmitSurveyMutation,
  TrainingHistoryQuery,
  UpdateNomineeMutation,
  type Clearance,
} from './documents';
import { CardTable } from '../../components/CardTable';

type NomineeNode = ResultOf<typeof NomineesQuery>['nominees']['edges'][number]['node'];
type SurveyNode = ResultOf<typeof CourseSurveysQuery>['courseSurveys']['edges'][number]['node'];

interface Profile {
  language: string;
  slp: string;
  validated: boolean;
}

interface Draft {
  id?: string;
  version?: number;
  name: string;
  rankOrTitle: string;
  email: string;
  clearanceLevel: Clearance;
  profiles: Profile[];
}

const empty = (): Draft => ({ name: '', rankOrTitle: '', email: '', clearanceLevel: 'NONE', profiles: [] });

/** The partner's nominees (issue #14 items 5 and 8): the directory, the training history and the course surveys. */
export function NomineesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = ['directory', 'history', 'surveys'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'directory';
  return (
    <Stack gap="md">
      <Title order={1}>{t('nominees.title')}</Title>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'directory' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="directory">{t('nominees.tab.directory')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('nominees.tab.history')}</Tabs.Tab>
          <Tabs.Tab value="surveys">{t('nominees.tab.surveys')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="directory" pt="md">
          <Directory />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History />
        </Tabs.Panel>
        <Tabs.Panel value="surveys" pt="md">
          <Surveys />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Directory() {
  const { t, te } = useI18n();
  const [search, setSearch] = useState('');
  const q = useQuery(NomineesQuery, { search: search.trim() || null, first: 100, after: null });
  const create = useMutation(CreateNomineeMutation);
  const update = useMutation(UpdateNomineeMutation);
  const remove = useMutation(DeleteNomineeMutation);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError>();

  const edit = (n: NomineeNode) =>
    setDraft({ id: n.id, version: n.version, name: n.name, rankOrTitle: n.rankOrTitle ?? '', email: n.email ?? '', clearanceLevel: n.clearanceLevel, profiles: n.languageProfiles.map((p) => ({ ...p })) });
  const save = async () => {
    if (!draft) return;
    setError(undefined);
    const input = {
      name: draft.name,
      rankOrTitle: draft.rankOrTitle || null,
      email: draft.email || null,
      clearanceLevel: draft.clearanceLevel,
      languageProfiles: draft.profiles.map((p) => ({ language: p.language.trim().toLowerCase(), slp: p.slp.trim(), validated: p.validated })),
    };
    try {
      if (draft.id) await update.mutate({ input: { ...input, id: draft.id, expectedVersion: draft.version! } });
      else await create.mutate({ input });
      setDraft(null);
      await q.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const del = async (n: NomineeNode) => {
    if (!window.confirm(t('nominees.confirmDelete', { name: n.name }))) return;
    setError(undefined);
    try {
      await remove.mutate({ input: { id: n.id, expectedVersion: n.version } });
      await q.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const setProfile = (i: number, patch: Partial<Profile>) => setDraft((d) => d && { ...d, profiles: d.profiles.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const rows = q.data?.nominees.edges.map((e) => e.node) ?? [];

  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {t('nominees.directoryHint')}
      </Text>
      <Group justify="space-between" align="flex-end">
        <TextInput label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Button onClick={() => setDraft(empty())}>{t('nominees.add')}</Button>
      </Group>
      <ErrorAlert error={q.error ?? error} onRetry={q.error ? q.reload : undefined} />
      {q.loading && !q.data && <Loading />}
      {q.data && rows.length === 0 && <Empty title={t('nominees.empty')} />}
      {rows.length > 0 && (
        <Paper withBorder>
          <CardTable minWidth={720}>
            <Table striped>
              <caption className="sr-only">{t('nominees.tab.directory')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('form.p.email')}</Table.Th>
                  <Table.Th>{t('nominees.clearance')}</Table.Th>
                  <Table.Th>{t('nominees.profiles')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      {n.rankOrTitle ? `${n.rankOrTitle} ` : ''}
                      {n.name}
                    </Table.Td>
                    <Table.Td>{n.email}</Table.Td>
                    <Table.Td>{te('clearance', n.clearanceLevel)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {n.languageProfiles.map((p) => (
                          <Badge key={p.language} color={p.validated ? 'teal' : 'gray'} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }} title={p.validated ? t('nominees.validated') : t('nominees.selfDeclared')}>
                            {p.language.toUpperCase()} {p.slp}
                            {p.validated ? '' : ` (${t('nominees.selfDeclaredShort')})`}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button size="compact-sm" variant="default" onClick={() => edit(n)} aria-label={`${t('common.edit')}: ${n.name}`}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-sm" variant="outline" color="red.9" onClick={() => void del(n)} aria-label={`${t('common.delete')}: ${n.name}`}>
                          {t('common.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        </Paper>
      )}
      <Modal opened={draft !== null} onClose={() => setDraft(null)} title={draft?.id ? t('nominees.editTitle') : t('nominees.addTitle')} size="lg">
        {draft && (
          <Stack gap="sm">
            <ErrorAlert error={create.error ?? update.error} />
            <TextInput label={t('common.name')} required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
            <Group grow>
              <TextInput label={t('form.p.rank')} value={draft.rankOrTitle} onChange={(e) => setDraft({ ...draft, rankOrTitle: e.currentTarget.value })} />
              <TextInput label={t('form.p.email')} type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />
            </Group>
            <Select
              label={t('nominees.clearance')}
              data={CLEARANCE_LEVELS.map((c) => ({ value: c, label: te('clearance', c) }))}
              value={draft.clearanceLevel}
              onChange={(v) => setDraft({ ...draft, clearanceLevel: (v ?? 'NONE') as Clearance })}
              allowDeselect={false}
            />
            <Text fw={600} size="sm">
              {t('nominees.profiles')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('nominees.slpHint')}
            </Text>
            {draft.profiles.map((p, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                <TextInput label={t('nominees.language')} value={p.language} maxLength={2} w={110} onChange={(e) => setProfile(i, { language: e.currentTarget.value })} />
                <TextInput label={t('nominees.slp')} value={p.slp} maxLength={4} w={110} onChange={(e) => setProfile(i, { slp: e.currentTarget.value })} />
                <Checkbox label={t('nominees.validated')} checked={p.validated} onChange={(e) => setProfile(i, { validated: e.currentTarget.checked })} mb={8} />
                <ActionIcon variant="subtle" color="red.9" mb={4} aria-label={t('nominees.removeProfile', { n: i + 1 })} onClick={() => setDraft({ ...draft, profiles: draft.profiles.filter((_, j) => j !== i) })}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => setDraft({ ...draft, profiles: [...draft.profiles, { language: 'en', slp: '', validated: true }] })}>
                {t('nominees.addProfile')}
              </Button>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
              <Button loading={create.pending || update.pending} onClick={() => void save()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function History() {
  const { t, te, date } = useI18n();
  const q = useQuery(TrainingHistoryQuery, { first: 100, after: null });
  const rows = q.data?.trainingHistory.edges.map((e) => e.node) ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && rows.length === 0 && <Empty title={t('nominees.historyEmpty')} />}
      {rows.length > 0 && (
        <Paper withBorder>
          <CardTable minWidth={720}>
            <Table striped>
              <caption className="sr-only">{t('nominees.tab.history')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('nominees.course')}</Table.Th>
                  <Table.Th>{t('nominees.dates')}</Table.Th>
                  <Table.Th>{t('nominees.outcome')}</Table.Th>
                  <Table.Th>{t('nominees.request')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.requestId}-${r.participantIndex}`}>
                    <Table.Td>{r.participantName}</Table.Td>
                    <Table.Td>{r.offering ? `${r.offering.code} — ${r.offering.title}` : ''}</Table.Td>
                    <Table.Td>{r.iteration ? `${date(r.iteration.startDate)} – ${date(r.iteration.endDate)}` : ''}</Table.Td>
                    <Table.Td>
                      <Badge color={r.outcome === 'COMPLETED' ? 'green' : r.outcome === 'NO_SHOW' ? 'red' : 'blue'} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{te('outcome', r.outcome)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${r.requestId}`}>
                        {r.requestReference}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        </Paper>
      )}
    </Stack>
  );
}

const RATINGS = ['ratingOverall', 'ratingContent', 'ratingOrganisation', 'ratingRelevance'] as const;
type RatingKey = (typeof RATINGS)[number];

function Surveys() {
  const { t, date } = useI18n();
  const q = useQuery(CourseSurveysQuery, { status: null, first: 50 });
  const [open, setOpen] = useState<SurveyNode | null>(null);
  const rows = q.data?.courseSurveys.edges.map((e) => e.node) ?? [];
  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {t('survey.hint')}
      </Text>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && rows.length === 0 && <Empty title={t('survey.empty')} />}
      {rows.map((s) => (
        <Paper key={s.id} withBorder p="md">
          <Group justify="space-between">
            <div>
              <Text fw={600}>{s.offering ? `${s.offering.code} — ${s.offering.title}` : s.requestReference}</Text>
              <Text size="sm" c="dimmed">
                {s.requestReference}
                {s.iteration ? ` · ${date(s.iteration.startDate)} – ${date(s.iteration.endDate)}, ${s.iteration.location}` : ''}
              </Text>
            </div>
            {s.status === 'PENDING' ? (
              <Button onClick={() => setOpen(s)}>{t('survey.answer')}</Button>
            ) : (
              <Badge color="green" variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t('survey.answered', { date: date(s.submittedAt) })}</Badge>
            )}
          </Group>
        </Paper>
      ))}
      {open && <SurveyForm survey={open} onClose={() => setOpen(null)} onDone={() => void q.reload()} />}
    </Stack>
  );
}

function SurveyForm({ survey, onClose, onDone }: { survey: SurveyNode; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const submit = useMutation(SubmitSurveyMutation);
  const [ratings, setRatings] = useState<Partial<Record<RatingKey, number>>>({});
  const [comments, setComments] = useState('');
  const complete = RATINGS.every((k) => ratings[k] !== undefined);
  const send = async () => {
    if (!complete) return;
    try {
      await submit.mutate({
        input: {
          surveyId: survey.id,
          ratingOverall: ratings.ratingOverall!,
          ratingContent: ratings.ratingContent!,
          ratingOrganisation: ratings.ratingOrganisation!,
          ratingRelevance: ratings.ratingRelevance!,
          comments: comments.trim() || null,
        },
      });
      onDone();
      onClose();
    } catch {
      /* shown by ErrorAlert */
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('survey.title', { reference: survey.requestReference })} size="lg">
      <Stack gap="md">
        <ErrorAlert error={submit.error} />
        {RATINGS.map((k) => (
          <Radio.Group key={k} label={t(`survey.${k}`)} description={t('survey.scale')} value={ratings[k] ? String(ratings[k]) : ''} onChange={(v) => setRatings((r) => ({ ...r, [k]: Number(v) }))} required>
            <Group mt={4}>
              {[1, 2, 3, 4, 5].map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Textarea label={t('survey.comments')} description={t('survey.commentsHint')} value={comments} onChange={(e) => setComments(e.currentTarget.value)} maxLength={4000} autosize minRows={3} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!complete} loading={submit.pending} onClick={() => void send()}>
            {t('survey.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
