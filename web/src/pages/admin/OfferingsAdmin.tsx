import { Button, Group, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorAlert, Loading, Empty } from '../../components/feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';

const AdminOfferingsQuery = graphql(`
  query AdminOfferings($search: String) {
    offerings(first: 100, search: $search, filter: { statuses: [DRAFT, PUBLISHED, ARCHIVED] }, orderBy: CODE) {
      totalCount
      edges { node { id code title status kind version owningSection { code } } }
    }
    sections { code name }
    cooperationAreas { code name }
    topics { code name }
  }
`);
const AdminOfferingQuery = graphql(`
  query AdminOffering($id: ID!) {
    offering(id: $id) {
      id code version kind subtype deliveryMode leadTimeDays status titleEn titleFr summaryEn summaryFr descriptionEn descriptionFr prerequisites costNotes releasability
      owningSection { code } provider { code } areas { code } topics { code }
      iterations { id startDate endDate location capacity seatsAllocated applicationDeadline status }
    }
  }
`);
const CreateOffering = graphql(`mutation CreateOffering($input: CreateOfferingInput!) { createOffering(input: $input) { id } }`);
const UpdateOffering = graphql(`mutation UpdateOffering($input: UpdateOfferingInput!) { updateOffering(input: $input) { id version } }`);
const PublishOffering = graphql(`mutation PublishOffering($id: ID!, $version: Int) { publishOffering(id: $id, version: $version) { id status } }`);
const ArchiveOffering = graphql(`mutation ArchiveOffering($id: ID!, $version: Int) { archiveOffering(id: $id, version: $version) { id status } }`);
const UpsertIteration = graphql(`mutation UpsertIteration($input: OfferingIterationInput!) { upsertOfferingIteration(input: $input) { id } }`);

const KINDS = ['TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME', 'STAFF_TALKS', 'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE'];
const MODES = ['RESIDENT', 'REMOTE', 'MOBILE_TEAM', 'HYBRID'];
type Detail = NonNullable<ResultOf<typeof AdminOfferingQuery>['offering']>;

interface Form {
  code: string; kind: string; deliveryMode: string; owningSectionCode: string; providerSectionCode: string | null;
  titleEn: string; titleFr: string; summaryEn: string; summaryFr: string; descriptionEn: string; descriptionFr: string;
  prerequisites: string; costNotes: string; leadTimeDays: number; areaCodes: string[]; topicCodes: string[];
}
const blank: Form = { code: '', kind: 'TRAINING_COURSE', deliveryMode: 'RESIDENT', owningSectionCode: '', providerSectionCode: null, titleEn: '', titleFr: '', summaryEn: '', summaryFr: '', descriptionEn: '', descriptionFr: '', prerequisites: '', costNotes: '', leadTimeDays: 30, areaCodes: [], topicCodes: [] };
const n = (s: string) => (s.trim() ? s.trim() : null);

export function OfferingsAdmin() {
  const { t, te, date, number } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const list = useQuery(AdminOfferingsQuery, { search: debounced || null });
  const [editing, setEditing] = useState<{ detail?: Detail; form: Form } | null>(null);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const [iterFor, setIterFor] = useState<Detail | null>(null);
  const [iter, setIter] = useState({ startDate: '', endDate: '', location: '', capacity: '' as number | string, applicationDeadline: '', status: 'OPEN' });

  const openEdit = async (id?: string) => {
    setError(undefined);
    if (!id) return setEditing({ form: { ...blank } });
    const { offering: d } = await client.request(AdminOfferingQuery, { id });
    if (!d) return;
    setEditing({
      detail: d,
      form: {
        code: d.code, kind: d.kind, deliveryMode: d.deliveryMode, owningSectionCode: d.owningSection.code, providerSectionCode: d.provider?.code ?? null,
        titleEn: d.titleEn ?? '', titleFr: d.titleFr ?? '', summaryEn: d.summaryEn ?? '', summaryFr: d.summaryFr ?? '', descriptionEn: d.descriptionEn ?? '', descriptionFr: d.descriptionFr ?? '',
        prerequisites: d.prerequisites ?? '', costNotes: d.costNotes ?? '', leadTimeDays: d.leadTimeDays, areaCodes: d.areas.map((a) => a.code), topicCodes: d.topics.map((x) => x.code),
      },
    });
  };
  const run = async (fn: () => Promise<unknown>, done?: () => void) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
      notifications.show({ message: t('common.saved'), color: 'teal' });
      done?.();
      await list.reload();
    } catch (e) {
      setError(e as ApiError);
      if ((e as ApiError).code === 'CONFLICT' && editing?.detail) await openEdit(editing.detail.id);
    } finally {
      setPending(false);
    }
  };
  const save = () => {
    const f = editing!.form;
    const common = {
      kind: f.kind as never, deliveryMode: f.deliveryMode as never, owningSectionCode: f.owningSectionCode, providerSectionCode: f.providerSectionCode,
      titleEn: n(f.titleEn), titleFr: n(f.titleFr), summaryEn: n(f.summaryEn), summaryFr: n(f.summaryFr), descriptionEn: n(f.descriptionEn), descriptionFr: n(f.descriptionFr),
      prerequisites: n(f.prerequisites), costNotes: n(f.costNotes), leadTimeDays: f.leadTimeDays, areaCodes: f.areaCodes, topicCodes: f.topicCodes,
    };
    return run(
      () => (editing!.detail ? client.request(UpdateOffering, { input: { ...common, id: editing!.detail.id, version: editing!.detail.version } }) : client.request(CreateOffering, { input: { ...common, code: f.code.trim() } })),
      () => setEditing(null),
    );
  };
  const sections = (list.data?.sections ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
  const setF = (k: keyof Form, v: unknown) => setEditing((e) => (e ? { ...e, form: { ...e.form, [k]: v } } : e));
  const fe = (k: string) => error?.fields[k];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput label={t('common.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Button onClick={() => openEdit()}>{t('admin.newOffering')}</Button>
      </Group>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.offerings.edges.length === 0 && <Empty title={t('catalogue.empty')} />}
      {list.data && list.data.offerings.edges.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={800}>
            <Table highlightOnHover>
              <caption className="sr-only">{t('admin.offerings')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('common.code')}</Table.Th>
                  <Table.Th scope="col">{t('admin.title')}</Table.Th>
                  <Table.Th scope="col">{t('catalogue.facet.kinds')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.offerings.edges.map(({ node: o }) => (
                  <Table.Tr key={o.id}>
                    <Table.Td ff="monospace" fz="sm">{o.code}</Table.Td>
                    <Table.Td><Link to={`/offerings/${encodeURIComponent(o.code)}`}>{o.title}</Link></Table.Td>
                    <Table.Td>{te('kind', o.kind)}</Table.Td>
                    <Table.Td><StatusBadge status={o.status} prefix="offeringStatus" /></Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" variant="light" onClick={() => openEdit(o.id)} aria-label={`${t('common.edit')} ${o.code}`}>{t('common.edit')}</Button>
                        <Button size="compact-sm" variant="light" onClick={async () => { const { offering } = await client.request(AdminOfferingQuery, { id: o.id }); setIterFor(offering ?? null); }} aria-label={`${t('admin.iterations')} ${o.code}`}>{t('admin.iterations')}</Button>
                        {o.status !== 'PUBLISHED' && <Button size="compact-sm" variant="default" onClick={() => run(() => client.request(PublishOffering, { id: o.id, version: o.version }))} aria-label={`${t('admin.publish')} ${o.code}`}>{t('admin.publish')}</Button>}
                        {o.status === 'PUBLISHED' && <Button size="compact-sm" variant="default" onClick={() => run(() => client.request(ArchiveOffering, { id: o.id, version: o.version }))} aria-label={`${t('admin.archive')} ${o.code}`}>{t('admin.archive')}</Button>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {!editing && !iterFor && <ErrorAlert error={error} />}
      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing?.detail ? t('admin.editOffering', { code: editing.detail.code }) : t('admin.newOffering')} size="xl">
        {editing && (
          <Stack>
            <ErrorAlert error={error} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('common.code')} required disabled={!!editing.detail} value={editing.form.code} onChange={(e) => setF('code', e.currentTarget.value.toUpperCase())} error={fe('code')} />
              <Select label={t('catalogue.facet.kinds')} data={KINDS.map((k) => ({ value: k, label: te('kind', k) }))} value={editing.form.kind} onChange={(v) => setF('kind', v)} allowDeselect={false} />
              <Select label={t('catalogue.deliveryMode')} data={MODES.map((k) => ({ value: k, label: te('deliveryMode', k) }))} value={editing.form.deliveryMode} onChange={(v) => setF('deliveryMode', v)} allowDeselect={false} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('offering.responsibleSection')} required searchable data={sections} value={editing.form.owningSectionCode} onChange={(v) => setF('owningSectionCode', v ?? '')} error={fe('owningSectionCode')} />
              <Select label={t('catalogue.provider')} searchable clearable data={sections} value={editing.form.providerSectionCode} onChange={(v) => setF('providerSectionCode', v)} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('admin.titleEn')} lang="en" value={editing.form.titleEn} onChange={(e) => setF('titleEn', e.currentTarget.value)} error={fe('titleEn')} />
              <TextInput label={t('admin.titleFr')} lang="fr" value={editing.form.titleFr} onChange={(e) => setF('titleFr', e.currentTarget.value)} error={fe('titleFr')} />
              <Textarea label={t('admin.summaryEn')} lang="en" autosize minRows={2} value={editing.form.summaryEn} onChange={(e) => setF('summaryEn', e.currentTarget.value)} />
              <Textarea label={t('admin.summaryFr')} lang="fr" autosize minRows={2} value={editing.form.summaryFr} onChange={(e) => setF('summaryFr', e.currentTarget.value)} />
              <Textarea label={t('admin.descriptionEn')} lang="en" autosize minRows={3} value={editing.form.descriptionEn} onChange={(e) => setF('descriptionEn', e.currentTarget.value)} />
              <Textarea label={t('admin.descriptionFr')} lang="fr" autosize minRows={3} value={editing.form.descriptionFr} onChange={(e) => setF('descriptionFr', e.currentTarget.value)} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label={t('catalogue.facet.areas')} data={(list.data?.cooperationAreas ?? []).map((a) => ({ value: a.code, label: a.name }))} value={editing.form.areaCodes} onChange={(v) => setF('areaCodes', v)} />
              <MultiSelect label={t('catalogue.facet.topics')} searchable data={(list.data?.topics ?? []).map((a) => ({ value: a.code, label: a.name }))} value={editing.form.topicCodes} onChange={(v) => setF('topicCodes', v)} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput label={t('offering.leadTime')} min={0} value={editing.form.leadTimeDays} onChange={(v) => setF('leadTimeDays', Number(v) || 0)} error={fe('leadTimeDays')} />
              <TextInput label={t('offering.prerequisites')} value={editing.form.prerequisites} onChange={(e) => setF('prerequisites', e.currentTarget.value)} />
              <TextInput label={t('offering.cost')} value={editing.form.costNotes} onChange={(e) => setF('costNotes', e.currentTarget.value)} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
              <Button loading={pending} onClick={save}>{t('common.save')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={!!iterFor} onClose={() => setIterFor(null)} title={iterFor ? t('admin.iterationsOf', { code: iterFor.code }) : ''} size="xl">
        {iterFor && (
          <Stack>
            <ErrorAlert error={error} />
            {iterFor.iterations.length === 0 ? <Text c="dimmed" size="sm">{t('offering.noIterations')}</Text> : (
              <Table>
                <caption className="sr-only">{t('admin.iterations')}</caption>
                <Table.Thead><Table.Tr><Table.Th scope="col">{t('offering.dates')}</Table.Th><Table.Th scope="col">{t('offering.location')}</Table.Th><Table.Th scope="col">{t('offering.seats')}</Table.Th><Table.Th scope="col">{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {iterFor.iterations.map((i) => (
                    <Table.Tr key={i.id}><Table.Td>{date(i.startDate)} – {date(i.endDate)}</Table.Td><Table.Td>{i.location}</Table.Td><Table.Td>{i.capacity === null || i.capacity === undefined ? '∞' : `${number(i.seatsAllocated)} / ${number(i.capacity)}`}</Table.Td><Table.Td><StatusBadge status={i.status} prefix="iterationStatus" /></Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Title order={3} size="h5">{t('admin.addIteration')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput type="date" label={t('admin.startDate')} required value={iter.startDate} onChange={(e) => setIter({ ...iter, startDate: e.currentTarget.value })} />
              <TextInput type="date" label={t('admin.endDate')} required value={iter.endDate} onChange={(e) => setIter({ ...iter, endDate: e.currentTarget.value })} />
              <TextInput type="date" label={t('offering.deadline')} value={iter.applicationDeadline} onChange={(e) => setIter({ ...iter, applicationDeadline: e.currentTarget.value })} />
              <TextInput label={t('offering.location')} required value={iter.location} onChange={(e) => setIter({ ...iter, location: e.currentTarget.value })} />
              <NumberInput label={t('admin.capacity')} min={0} value={iter.capacity} onChange={(v) => setIter({ ...iter, capacity: v })} />
              <Select label={t('common.status')} data={['PLANNED', 'OPEN', 'FULL', 'CANCELLED', 'COMPLETED'].map((s) => ({ value: s, label: te('iterationStatus', s) }))} value={iter.status} onChange={(v) => setIter({ ...iter, status: v ?? 'OPEN' })} allowDeselect={false} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button
                loading={pending}
                onClick={() =>
                  run(
                    () => client.request(UpsertIteration, { input: { offeringId: iterFor.id, startDate: iter.startDate, endDate: iter.endDate, location: iter.location, capacity: iter.capacity === '' ? null : Number(iter.capacity), applicationDeadline: iter.applicationDeadline || null, status: iter.status as never } }),
                    async () => { const { offering } = await client.request(AdminOfferingQuery, { id: iterFor.id }); setIterFor(offering ?? null); },
                  )
                }
              >
                {t('admin.addIteration')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
