import { Button, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { CardTable } from '../../components/CardTable';

// Reference data an administrator edits by code (issue #15 item 6): partnership frameworks, areas of
// cooperation and topics. Each save is one audited upsert; the code is fixed once created.

const FrameworksQuery = graphql(`query AdminFrameworks { partnershipFrameworks { id code name nameEn nameFr } }`);
const UpsertFramework = graphql(`mutation UpsertFramework($input: PartnershipFrameworkInput!) { upsertPartnershipFramework(input: $input) { id } }`);
const AreasQuery = graphql(`query AdminAreas { cooperationAreas { id code position name nameEn nameFr descriptionEn descriptionFr } }`);
const UpsertArea = graphql(`mutation UpsertArea($input: CooperationAreaInput!) { upsertCooperationArea(input: $input) { id } }`);
const TopicsQuery = graphql(`query AdminTopics { topics { id code name nameEn nameFr } }`);
const UpsertTopic = graphql(`mutation UpsertTopic($input: TopicInput!) { upsertTopic(input: $input) { id } }`);

/** Saves, reloads the list and reports; the error stays on the form so its fields can show it. */
function useSave(reload: () => Promise<void>) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const save = async (fn: () => Promise<unknown>, done: () => void) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
      notifications.show({ message: t('common.saved'), color: 'teal' });
      done();
      await reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
  return { save, error, pending, clear: () => setError(undefined) };
}

interface Named {
  code: string;
  nameEn: string;
  nameFr: string;
  isNew: boolean;
}

/** The table of a code list and its edit dialog; `extra` renders the fields beyond code and names. */
function CodeList<R extends { id: string; code: string; name: string }, F extends Named>(props: {
  caption: string;
  newLabel: string;
  rows: R[];
  columns?: (row: R) => React.ReactNode;
  blank: F;
  toForm: (row: R) => F;
  extra?: (form: F, set: (f: F) => void, fe: (k: string) => string | undefined) => React.ReactNode;
  submit: (form: F) => Promise<unknown>;
  reload: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { save, error, pending, clear } = useSave(props.reload);
  const [form, setForm] = useState<F | null>(null);
  const fe = (k: string) => error?.fields[k];
  const open = (f: F) => {
    clear();
    setForm(f);
  };
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => open({ ...props.blank })}>{props.newLabel}</Button>
      </Group>
      <Paper withBorder>
        <CardTable minWidth={600}>
          <Table highlightOnHover>
            <caption className="sr-only">{props.caption}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.code')}</Table.Th>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                {props.columns && <Table.Th scope="col">{t('admin.position')}</Table.Th>}
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td ff="monospace">{r.code}</Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  {props.columns && <Table.Td>{props.columns(r)}</Table.Td>}
                  <Table.Td>
                    <Button size="compact-sm" variant="light" aria-label={`${t('common.edit')} ${r.code}`} onClick={() => open(props.toForm(r))}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </CardTable>
      </Paper>
      <Modal opened={!!form} onClose={() => setForm(null)} title={form?.isNew ? props.newLabel : form?.code} size="lg">
        {form && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save(() => props.submit(form), () => setForm(null));
            }}
          >
            <Stack>
              <ErrorAlert error={error} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('common.code')} required disabled={!form.isNew} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value.toUpperCase() })} error={fe('code')} />
                <span />
                <TextInput label={t('admin.nameEn')} lang="en" required value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })} error={fe('nameEn')} />
                <TextInput label={t('admin.nameFr')} lang="fr" required value={form.nameFr} onChange={(e) => setForm({ ...form, nameFr: e.currentTarget.value })} error={fe('nameFr')} />
              </SimpleGrid>
              {props.extra?.(form, setForm, fe)}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setForm(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={pending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}

export function FrameworksAdmin() {
  const { t } = useI18n();
  const q = useQuery(FrameworksQuery, {});
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  return (
    <CodeList
      caption={t('admin.frameworks')}
      newLabel={t('admin.newFramework')}
      rows={q.data!.partnershipFrameworks}
      blank={{ code: '', nameEn: '', nameFr: '', isNew: true }}
      toForm={(f): Named => ({ code: f.code, nameEn: f.nameEn, nameFr: f.nameFr, isNew: false })}
      submit={({ isNew: _n, ...input }) => client.request(UpsertFramework, { input })}
      reload={q.reload}
    />
  );
}

interface AreaForm extends Named {
  position: number;
  descriptionEn: string;
  descriptionFr: string;
}

export function AreasAdmin() {
  const { t } = useI18n();
  const q = useQuery(AreasQuery, {});
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  const areas = q.data!.cooperationAreas;
  return (
    <CodeList<(typeof areas)[number], AreaForm>
      caption={t('admin.areas')}
      newLabel={t('admin.newArea')}
      rows={areas}
      columns={(a) => a.position}
      blank={{ code: '', nameEn: '', nameFr: '', isNew: true, position: areas.length + 1, descriptionEn: '', descriptionFr: '' }}
      toForm={(a) => ({ code: a.code, nameEn: a.nameEn, nameFr: a.nameFr, isNew: false, position: a.position, descriptionEn: a.descriptionEn ?? '', descriptionFr: a.descriptionFr ?? '' })}
      extra={(form, set, fe) => (
        <>
          <NumberInput label={t('admin.position')} min={1} required value={form.position} onChange={(v) => set({ ...form, position: Number(v) || 1 })} error={fe('position')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('admin.descriptionEn')} lang="en" autosize minRows={2} value={form.descriptionEn} onChange={(e) => set({ ...form, descriptionEn: e.currentTarget.value })} error={fe('descriptionEn')} />
            <Textarea label={t('admin.descriptionFr')} lang="fr" autosize minRows={2} value={form.descriptionFr} onChange={(e) => set({ ...form, descriptionFr: e.currentTarget.value })} error={fe('descriptionFr')} />
          </SimpleGrid>
        </>
      )}
      submit={({ isNew: _n, descriptionEn, descriptionFr, ...input }) =>
        client.request(UpsertArea, { input: { ...input, descriptionEn: descriptionEn.trim() || null, descriptionFr: descriptionFr.trim() || null } })
      }
      reload={q.reload}
    />
  );
}

export function TopicsAdmin() {
  const { t } = useI18n();
  const q = useQuery(TopicsQuery, {});
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  return (
    <CodeList
      caption={t('admin.topics')}
      newLabel={t('admin.newTopic')}
      rows={q.data!.topics}
      blank={{ code: '', nameEn: '', nameFr: '', isNew: true }}
      toForm={(x): Named => ({ code: x.code, nameEn: x.nameEn, nameFr: x.nameFr, isNew: false })}
      submit={({ isNew: _n, ...input }) => client.request(UpsertTopic, { input })}
      reload={q.reload}
    />
  );
}
