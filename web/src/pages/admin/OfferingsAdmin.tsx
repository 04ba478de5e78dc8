import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { DateInput } from '@mantine/dates';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorAlert, Loading, Empty } from '../../components/feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { RequirementEditor } from '../nominees/RequirementEditor';
import { CardTable } from '../../components/CardTable';
import { OfferingFunding } from '../plans/FundingLines';

const AdminOfferingsQuery = graphql(`
  query AdminOfferings($search: String) {
    offerings(first: 100, search: $search, filter: { statuses: [DRAFT, PUBLISHED, ARCHIVED] }, orderBy: CODE) {
      totalCount
      edges { node { id code title status kind version owningSection { code } } }
    }
    sections { code name }
    cooperationAreas { code name }
    topics { code name }
    partners { code name }
    partnershipFrameworks { code name }
    programmeFlags { code name }
    releasabilityMarkings { code label scope }
  }
`);
const AdminOfferingQuery = graphql(`
  query AdminOffering($id: ID!) {
    offering(id: $id) {
      id code version kind subtype deliveryMode deliveryLanguages leadTimeDays status titleEn titleFr summaryEn summaryFr descriptionEn descriptionFr prerequisitesEn prerequisitesFr costNotesEn costNotesFr releasability
      requiredProgrammeFlags releasableToPartners { code } releasableToFrameworks { code }
      eprimeReference etocCode
      owningSection { code } provider { code } areas { code } topics { code } eligibleFrameworks { code } eligiblePartners { code }
      iterations { id startDate endDate location locationEn locationFr capacity seatsAllocated partnerQuota applicationDeadline status }
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
/** The delivery languages the API accepts (ISO 639-1). */
const LANGUAGES = ['en', 'fr', 'ar', 'ru', 'es', 'de', 'uk'];
const ITERATION_STATUSES = ['PLANNED', 'OPEN', 'FULL', 'CLOSED', 'CANCELLED', 'COMPLETED'];
type Detail = NonNullable<ResultOf<typeof AdminOfferingQuery>['offering']>;

interface Form {
  code: string; kind: string; deliveryMode: string; owningSectionCode: string; providerSectionCode: string | null;
  titleEn: string; titleFr: string; summaryEn: string; summaryFr: string; descriptionEn: string; descriptionFr: string;
  prerequisites: string; prerequisitesFr: string; costNotes: string; costNotesFr: string; leadTimeDays: number; areaCodes: string[]; topicCodes: string[];
  requiredProgrammeFlags: string[]; releasablePartnerCodes: string[]; releasableFrameworkCodes: string[];
  subtype: string; deliveryLanguages: string[]; eprimeReference: string; etocCode: string; releasability: string;
  eligibleFrameworkCodes: string[]; eligiblePartnerCodes: string[];
}
const blank: Form = {
  code: '', kind: 'TRAINING_COURSE', deliveryMode: 'RESIDENT', owningSectionCode: '', providerSectionCode: null, titleEn: '', titleFr: '', summaryEn: '', summaryFr: '', descriptionEn: '', descriptionFr: '',
  prerequisites: '', prerequisitesFr: '', costNotes: '', costNotesFr: '', leadTimeDays: 30, areaCodes: [], topicCodes: [],
  requiredProgrammeFlags: [], releasablePartnerCodes: [], releasableFrameworkCodes: [],
  subtype: '', deliveryLanguages: ['en'], eprimeReference: '', etocCode: '', releasability: 'NATO UNCLASSIFIED', eligibleFrameworkCodes: [], eligiblePartnerCodes: [],
};
interface IterationForm { id: string | null; startDate: string; endDate: string; location: string; locationFr: string; capacity: number | string; partnerQuota: number | string; applicationDeadline: string; status: string }
const blankIteration: IterationForm = { id: null, startDate: '', endDate: '', location: '', locationFr: '', capacity: '', partnerQuota: '', applicationDeadline: '', status: 'OPEN' };
const n = (s: string) => (s.trim() ? s.trim() : null);

export function OfferingsAdmin() {
  const { t, te, date, number, locale } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const list = useQuery(AdminOfferingsQuery, { search: debounced || null });
  const [editing, setEditing] = useState<{ detail?: Detail; form: Form } | null>(null);
  // What the form held when it opened: closing it (Escape, ✕, Cancel) with changes asks first.
  const pristine = useRef('');
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const modalBody = useRef<HTMLDivElement>(null);
  const isOpen = !!editing;
  useEffect(() => {
    if (isOpen && editing) pristine.current = JSON.stringify(editing.form);
    setConfirmDiscard(false);
    setLocalErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isOpen, editing?.detail?.id]);
  const closeEditor = () => {
    if (editing && JSON.stringify(editing.form) !== pristine.current) setConfirmDiscard(true);
    else setEditing(null);
  };
  /**
   * After a refused save, the first field in error (or the message) is brought into view and focused — in an
   * effect, once the render that marks it has committed: an animation frame could run before that render (it
   * did under load in CI), find nothing marked and leave the focus on the page, where the disabled Save button
   * had dropped it.
   */
  const [refusedSaves, setRefusedSaves] = useState(0);
  useEffect(() => {
    if (!refusedSaves) return;
    const target = modalBody.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? modalBody.current?.querySelector<HTMLElement>('[role="alert"]');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [refusedSaves]);
  const showFirstError = () => setRefusedSaves((n) => n + 1);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const [iterFor, setIterFor] = useState<Detail | null>(null);
  const [iter, setIter] = useState<IterationForm>(blankIteration);
  const languageName = (code: string) => new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  const openIterations = async (id: string) => {
    setError(undefined);
    setIter(blankIteration);
    const { offering } = await client.request(AdminOfferingQuery, { id });
    setIterFor(offering ?? null);
  };

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
        prerequisites: d.prerequisitesEn ?? '', prerequisitesFr: d.prerequisitesFr ?? '', costNotes: d.costNotesEn ?? '', costNotesFr: d.costNotesFr ?? '', leadTimeDays: d.leadTimeDays, areaCodes: d.areas.map((a) => a.code), topicCodes: d.topics.map((x) => x.code),
        subtype: d.subtype ?? '', deliveryLanguages: d.deliveryLanguages, eprimeReference: d.eprimeReference ?? '', etocCode: d.etocCode ?? '', releasability: d.releasability,
        eligibleFrameworkCodes: d.eligibleFrameworks.map((x) => x.code), eligiblePartnerCodes: d.eligiblePartners.map((x) => x.code),
        requiredProgrammeFlags: d.requiredProgrammeFlags, releasablePartnerCodes: d.releasableToPartners.map((x) => x.code), releasableFrameworkCodes: d.releasableToFrameworks.map((x) => x.code),
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
      showFirstError();
      if ((e as ApiError).code === 'CONFLICT' && editing?.detail) await openEdit(editing.detail.id);
    } finally {
      setPending(false);
    }
  };
  const save = () => {
    const f = editing!.form;
    // Every missing required field at once, each named by its label beside it.
    const missing: Record<string, string> = {};
    if (!editing!.detail && !f.code.trim()) missing.code = t('fieldError.required');
    if (!f.owningSectionCode) missing.owningSectionCode = t('fieldError.required');
    if (!f.titleEn.trim() && !f.titleFr.trim()) missing.titleEn = t('admin.titleNeeded');
    if (!f.releasability.trim()) missing.releasability = t('fieldError.required');
    setLocalErrors(missing);
    if (Object.keys(missing).length) {
      showFirstError();
      return Promise.resolve();
    }
    const common = {
      kind: f.kind as never, deliveryMode: f.deliveryMode as never, owningSectionCode: f.owningSectionCode, providerSectionCode: f.providerSectionCode,
      titleEn: n(f.titleEn), titleFr: n(f.titleFr), summaryEn: n(f.summaryEn), summaryFr: n(f.summaryFr), descriptionEn: n(f.descriptionEn), descriptionFr: n(f.descriptionFr),
      prerequisites: n(f.prerequisites), prerequisitesFr: n(f.prerequisitesFr), costNotes: n(f.costNotes), costNotesFr: n(f.costNotesFr), leadTimeDays: f.leadTimeDays, areaCodes: f.areaCodes, topicCodes: f.topicCodes,
      subtype: n(f.subtype), deliveryLanguages: f.deliveryLanguages, eprimeReference: n(f.eprimeReference), etocCode: n(f.etocCode), releasability: f.releasability.trim() || 'NATO UNCLASSIFIED',
      eligibleFrameworkCodes: f.eligibleFrameworkCodes, eligiblePartnerCodes: f.eligiblePartnerCodes, requiredProgrammeFlags: f.requiredProgrammeFlags,
      // Recipients belong to a RELEASABLE TO (listed) marking only; the server refuses them on the others.
      releasablePartnerCodes: listed(f.releasability) ? f.releasablePartnerCodes : [],
      releasableFrameworkCodes: listed(f.releasability) ? f.releasableFrameworkCodes : [],
    };
    return run(
      () => (editing!.detail ? client.request(UpdateOffering, { input: { ...common, id: editing!.detail.id, version: editing!.detail.version } }) : client.request(CreateOffering, { input: { ...common, code: f.code.trim() } })),
      () => setEditing(null),
    );
  };
  const opt = (xs: { code: string; name: string }[]) => xs.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }));
  const listed = (marking: string) => list.data?.releasabilityMarkings.find((m) => m.code === marking)?.scope === 'LISTED';
  const sections = opt(list.data?.sections ?? []);
  const setF = (k: keyof Form, v: unknown) => setEditing((e) => (e ? { ...e, form: { ...e.form, [k]: v } } : e));
  const fe = (k: string) => localErrors[k] ?? error?.fields[k] ?? untranslated(error)[k];
  /**
   * TRANSLATION_REQUIRED's paths (extensions.missing, as ErrorAlert lists them) as this screen's field keys, so each
   * missing side is marked beside its input: `prerequisitesEn` is the `prerequisites` input, and an iteration's path
   * is the iteration form's (a refused iteration save names only the iteration being saved).
   */
  const untranslated = (e: ApiError | undefined): Record<string, string> => {
    const missing = e?.code === 'TRANSLATION_REQUIRED' ? (e.details as { missing?: unknown } | undefined)?.missing : undefined;
    if (!Array.isArray(missing)) return {};
    return Object.fromEntries(missing.map((path) => [String(path).replace(/^iterations\[\d+\]\./, '').replace(/^(prerequisites|costNotes|location)En$/, '$1'), t('admin.translationMissing')]));
  };

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
          <CardTable minWidth={800}>
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
                      <Group gap={4}>
                        <Button size="compact-sm" variant="light" onClick={() => openEdit(o.id)} aria-label={`${t('common.edit')} ${o.code}`}>{t('common.edit')}</Button>
                        <Button size="compact-sm" variant="light" onClick={() => openIterations(o.id)} aria-label={`${t('admin.iterations')} ${o.code}`}>{t('admin.iterations')}</Button>
                        {/* Preview: the offering page as partners will see it (a draft shows to catalogue managers only). */}
                        {o.status !== 'PUBLISHED' && <Button size="compact-sm" variant="subtle" component={Link} to={`/offerings/${encodeURIComponent(o.code)}`} target="_blank" aria-label={`${t('admin.preview')} ${o.code}`}>{t('admin.preview')}</Button>}
                        {o.status !== 'PUBLISHED' && <Button size="compact-sm" variant="default" onClick={() => run(() => client.request(PublishOffering, { id: o.id, version: o.version }))} aria-label={`${t('admin.publish')} ${o.code}`}>{t('admin.publish')}</Button>}
                        {o.status === 'PUBLISHED' && <Button size="compact-sm" variant="default" onClick={() => run(() => client.request(ArchiveOffering, { id: o.id, version: o.version }))} aria-label={`${t('admin.archive')} ${o.code}`}>{t('admin.archive')}</Button>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        </Paper>
      )}
      {!editing && !iterFor && <ErrorAlert error={error} />}
      <Modal opened={!!editing} onClose={closeEditor} title={editing?.detail ? t('admin.editOffering', { code: editing.detail.code }) : t('admin.newOffering')} size="xl">
        {editing && (
          <Stack ref={modalBody}>
            {confirmDiscard && (
              <Alert color="yellow" role="alertdialog" title={t('admin.discardTitle')}>
                <Group gap="xs" mt="xs">
                  <Button size="xs" color="red.9" onClick={() => setEditing(null)}>
                    {t('admin.discard')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setConfirmDiscard(false)} data-autofocus>
                    {t('admin.keepEditing')}
                  </Button>
                </Group>
              </Alert>
            )}
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
              <Textarea label={t('admin.summaryEn')} lang="en" autosize minRows={2} value={editing.form.summaryEn} onChange={(e) => setF('summaryEn', e.currentTarget.value)} error={fe('summaryEn')} />
              <Textarea label={t('admin.summaryFr')} lang="fr" autosize minRows={2} value={editing.form.summaryFr} onChange={(e) => setF('summaryFr', e.currentTarget.value)} error={fe('summaryFr')} />
              <Textarea label={t('admin.descriptionEn')} lang="en" autosize minRows={3} value={editing.form.descriptionEn} onChange={(e) => setF('descriptionEn', e.currentTarget.value)} error={fe('descriptionEn')} />
              <Textarea label={t('admin.descriptionFr')} lang="fr" autosize minRows={3} value={editing.form.descriptionFr} onChange={(e) => setF('descriptionFr', e.currentTarget.value)} error={fe('descriptionFr')} />
            </SimpleGrid>
            <Title order={3} size="h5">{t('admin.eligibility')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label={t('admin.eligibleFrameworks')} searchable data={opt(list.data?.partnershipFrameworks ?? [])} value={editing.form.eligibleFrameworkCodes} onChange={(v) => setF('eligibleFrameworkCodes', v)} error={fe('eligibleFrameworkCodes')} />
              <MultiSelect label={t('admin.eligiblePartners')} searchable data={opt(list.data?.partners ?? [])} value={editing.form.eligiblePartnerCodes} onChange={(v) => setF('eligiblePartnerCodes', v)} error={fe('eligiblePartnerCodes')} />
            </SimpleGrid>
            <MultiSelect label={t('admin.requiredProgrammeFlags')} description={t('admin.requiredProgrammeFlagsHint')} data={opt(list.data?.programmeFlags ?? [])} value={editing.form.requiredProgrammeFlags} onChange={(v) => setF('requiredProgrammeFlags', v)} error={fe('requiredProgrammeFlags')} />
            <Text size="sm" c="dimmed" mt={-8}>{t('admin.eligibilityHint')}</Text>
            <Title order={3} size="h5">{t('admin.practical')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label={t('catalogue.facet.areas')} data={(list.data?.cooperationAreas ?? []).map((a) => ({ value: a.code, label: a.name }))} value={editing.form.areaCodes} onChange={(v) => setF('areaCodes', v)} />
              <MultiSelect label={t('catalogue.facet.topics')} searchable data={(list.data?.topics ?? []).map((a) => ({ value: a.code, label: a.name }))} value={editing.form.topicCodes} onChange={(v) => setF('topicCodes', v)} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <MultiSelect label={t('admin.deliveryLanguages')} data={LANGUAGES.map((l) => ({ value: l, label: languageName(l) }))} value={editing.form.deliveryLanguages} onChange={(v) => setF('deliveryLanguages', v)} error={fe('deliveryLanguages')} />
              <TextInput label={t('admin.subtype')} description={t('admin.subtypeHint')} value={editing.form.subtype} onChange={(e) => setF('subtype', e.currentTarget.value)} error={fe('subtype')} />
              <NumberInput label={t('offering.leadTime')} description={t('offering.leadTimeDays', { days: editing.form.leadTimeDays })} min={0} value={editing.form.leadTimeDays} onChange={(v) => setF('leadTimeDays', Number(v) || 0)} error={fe('leadTimeDays')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea label={t('admin.prerequisitesEn')} lang="en" autosize minRows={2} value={editing.form.prerequisites} onChange={(e) => setF('prerequisites', e.currentTarget.value)} error={fe('prerequisites')} />
              <Textarea label={t('admin.prerequisitesFr')} lang="fr" autosize minRows={2} value={editing.form.prerequisitesFr} onChange={(e) => setF('prerequisitesFr', e.currentTarget.value)} error={fe('prerequisitesFr')} />
              <Textarea label={t('admin.costNotesEn')} lang="en" autosize minRows={2} value={editing.form.costNotes} onChange={(e) => setF('costNotes', e.currentTarget.value)} error={fe('costNotes')} />
              <Textarea label={t('admin.costNotesFr')} lang="fr" autosize minRows={2} value={editing.form.costNotesFr} onChange={(e) => setF('costNotesFr', e.currentTarget.value)} error={fe('costNotesFr')} />
            </SimpleGrid>
            <Title order={3} size="h5">{t('admin.externalRefs')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('admin.eprimeReference')} value={editing.form.eprimeReference} onChange={(e) => setF('eprimeReference', e.currentTarget.value)} error={fe('eprimeReference')} />
              <TextInput label={t('admin.etocCode')} value={editing.form.etocCode} onChange={(e) => setF('etocCode', e.currentTarget.value)} error={fe('etocCode')} />
              <Select label={t('offering.releasability')} required allowDeselect={false} data={(list.data?.releasabilityMarkings ?? []).map((m) => ({ value: m.code, label: m.label }))} value={editing.form.releasability} onChange={(v) => setF('releasability', v ?? 'NATO UNCLASSIFIED')} error={fe('releasability')} />
            </SimpleGrid>
            {listed(editing.form.releasability) && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect label={t('admin.releasablePartners')} searchable data={opt(list.data?.partners ?? [])} value={editing.form.releasablePartnerCodes} onChange={(v) => setF('releasablePartnerCodes', v)} error={fe('releasablePartnerCodes')} />
                <MultiSelect label={t('admin.releasableFrameworks')} searchable data={opt(list.data?.partnershipFrameworks ?? [])} value={editing.form.releasableFrameworkCodes} onChange={(v) => setF('releasableFrameworkCodes', v)} error={fe('releasableFrameworkCodes')} />
              </SimpleGrid>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={closeEditor}>{t('common.cancel')}</Button>
              <Button loading={pending} onClick={save}>{t('common.save')}</Button>
            </Group>
            {editing.detail && <OfferingFunding offeringId={editing.detail.id} />}
          </Stack>
        )}
      </Modal>
      <Modal opened={!!iterFor} onClose={() => setIterFor(null)} title={iterFor ? t('admin.iterationsOf', { code: iterFor.code }) : ''} size="xl">
        {iterFor && (
          <Stack>
            <ErrorAlert error={error} />
            {iterFor.iterations.length === 0 ? <Text c="dimmed" size="sm">{t('offering.noIterations')}</Text> : (
              <CardTable minWidth={720}>
                <Table>
                  <caption className="sr-only">{t('admin.iterations')}</caption>
                  <Table.Thead><Table.Tr><Table.Th scope="col">{t('offering.dates')}</Table.Th><Table.Th scope="col">{t('offering.location')}</Table.Th><Table.Th scope="col">{t('offering.deadline')}</Table.Th><Table.Th scope="col">{t('offering.seats')}</Table.Th><Table.Th scope="col">{t('common.status')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {iterFor.iterations.map((i) => (
                      <Table.Tr key={i.id} bg={iter.id === i.id ? 'navy.0' : undefined} aria-current={iter.id === i.id ? 'true' : undefined}>
                        <Table.Td>{date(i.startDate)} – {date(i.endDate)}</Table.Td>
                        <Table.Td>{i.location}</Table.Td>
                        <Table.Td>{i.applicationDeadline ? date(i.applicationDeadline) : '—'}</Table.Td>
                        <Table.Td>{i.capacity === null || i.capacity === undefined ? '∞' : `${number(i.seatsAllocated)} / ${number(i.capacity)}`}</Table.Td>
                        <Table.Td miw={110}><StatusBadge status={i.status} prefix="iterationStatus" /></Table.Td>
                        <Table.Td>
                          {iter.id === i.id ? <Text size="sm" fw={600}>{t('admin.editing')}</Text> : (
                            <Button
                              size="compact-sm"
                              variant="light"
                              aria-label={t('admin.editIteration', { date: date(i.startDate) })}
                              onClick={() => { setError(undefined); setIter({ id: i.id, startDate: i.startDate, endDate: i.endDate, location: i.locationEn, locationFr: i.locationFr ?? '', capacity: i.capacity ?? '', partnerQuota: i.partnerQuota ?? '', applicationDeadline: i.applicationDeadline ?? '', status: i.status }); }}
                            >
                              {t('admin.editIterationShort')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </CardTable>
            )}
            <form
              aria-labelledby="iteration-form-title"
              onSubmit={(e) => {
                e.preventDefault();
                const editingId = iter.id;
                void run(
                  () => client.request(UpsertIteration, { input: { id: editingId, offeringId: iterFor.id, startDate: iter.startDate, endDate: iter.endDate, location: iter.location.trim(), locationFr: n(iter.locationFr), capacity: iter.capacity === '' ? null : Number(iter.capacity), partnerQuota: iter.partnerQuota === '' ? null : Number(iter.partnerQuota), applicationDeadline: iter.applicationDeadline || null, status: iter.status as never } }),
                  () => void openIterations(iterFor.id),
                );
              }}
            >
              <Stack>
                <Title order={3} size="h5" id="iteration-form-title">{iter.id ? t('admin.editIteration', { date: date(iterFor.iterations.find((i) => i.id === iter.id)?.startDate) }) : t('admin.addIteration')}</Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <DateInput label={t('admin.startDate')} required valueFormat="D MMM YYYY" value={iter.startDate || null} minDate={iter.status === 'OPEN' && !iter.id ? new Date().toISOString().slice(0, 10) : undefined} onChange={(v) => setIter({ ...iter, startDate: v ? String(v).slice(0, 10) : '' })} error={fe('startDate')} />
                  <DateInput label={t('admin.endDate')} required valueFormat="D MMM YYYY" value={iter.endDate || null} minDate={iter.status === 'OPEN' && !iter.id ? new Date().toISOString().slice(0, 10) : undefined} onChange={(v) => setIter({ ...iter, endDate: v ? String(v).slice(0, 10) : '' })} error={fe('endDate')} />
                  <DateInput label={t('offering.deadline')} clearable valueFormat="D MMM YYYY" value={iter.applicationDeadline || null} onChange={(v) => setIter({ ...iter, applicationDeadline: v ? String(v).slice(0, 10) : '' })} error={fe('applicationDeadline')} />
                  <TextInput label={t('admin.locationEn')} lang="en" required value={iter.location} onChange={(e) => setIter({ ...iter, location: e.currentTarget.value })} error={fe('location')} />
                  <TextInput label={t('admin.locationFr')} lang="fr" value={iter.locationFr} onChange={(e) => setIter({ ...iter, locationFr: e.currentTarget.value })} error={fe('locationFr')} />
                  <NumberInput label={t('admin.capacity')} min={0} value={iter.capacity} onChange={(v) => setIter({ ...iter, capacity: v })} error={fe('capacity')} />
                  <NumberInput label={t('admin.partnerQuota')} min={1} value={iter.partnerQuota} onChange={(v) => setIter({ ...iter, partnerQuota: v })} error={fe('partnerQuota')} />
                  <Select label={t('common.status')} data={ITERATION_STATUSES.map((s) => ({ value: s, label: te('iterationStatus', s) }))} value={iter.status} onChange={(v) => setIter({ ...iter, status: v ?? 'OPEN' })} allowDeselect={false} />
                </SimpleGrid>
                <Group justify="flex-end">
                  {iter.id && <Button variant="default" onClick={() => { setError(undefined); setIter(blankIteration); }}>{t('admin.stopEditingIteration')}</Button>}
                  <Button type="submit" loading={pending}>{iter.id ? t('admin.saveIteration') : t('admin.addIteration')}</Button>
                </Group>
              </Stack>
            </form>
            <RequirementEditor offeringId={iterFor.id} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
