import { ActionIcon, Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorAlert, Loading, Empty } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { CardTable } from '../../components/CardTable';

const PartnersQuery = graphql(`
  query AdminPartners { partners { id code kind name nameEn nameFr suspended programmeFlags frameworks { code name } } partnershipFrameworks { code name } programmeFlags { code name } }
`);
const UpsertPartner = graphql(`mutation UpsertPartner($input: PartnerInput!) { upsertPartner(input: $input) { id } }`);
const SectionsQuery = graphql(`
  query AdminSections { sections { id code kind name nameEn nameFr mailbox timeZone acknowledgeTargetDays decideTargetDays parent { code } } }
`);
const UpsertSection = graphql(`mutation UpsertSection($input: SectionInput!) { upsertSection(input: $input) { id } }`);
const RulesQuery = graphql(`
  query AdminRules {
    routingRules { id name position version offeringKind targetSection { code name } partner { code name } framework { code name } area { code name } topic { code name } offering { id code } }
    sections { code name }
    partners { code name }
    partnershipFrameworks { code name }
    cooperationAreas { code name }
    topics { code name }
  }
`);
const CreateRule = graphql(`mutation CreateRule($input: CreateRoutingRuleInput!) { createRoutingRule(input: $input) { id } }`);
const UpdateRule = graphql(`mutation UpdateRule($input: UpdateRoutingRuleInput!) { updateRoutingRule(input: $input) { id version } }`);
const DeleteRule = graphql(`mutation DeleteRule($id: ID!) { deleteRoutingRule(id: $id) }`);
const ReorderRules = graphql(`mutation ReorderRules($ids: [ID!]!) { reorderRoutingRules(ids: $ids) { id position } }`);

function useRunner(reload: () => Promise<void>) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const run = async (fn: () => Promise<unknown>, done?: () => void, onConflict?: () => void) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
      notifications.show({ message: t('common.saved'), color: 'teal' });
      done?.();
      await reload();
    } catch (e) {
      setError(e as ApiError);
      // Someone else changed it: show the current state instead of keeping a stale form.
      if ((e as ApiError).code === 'CONFLICT' && onConflict) {
        onConflict();
        await reload();
      }
    } finally {
      setPending(false);
    }
  };
  return { run, error, pending, setError };
}

export function PartnersAdmin() {
  const { t, te } = useI18n();
  const q = useQuery(PartnersQuery, {});
  const { run, error, pending } = useRunner(q.reload);
  const [form, setForm] = useState<null | { code: string; kind: string; nameEn: string; nameFr: string; suspended: boolean; programmeFlags: string[]; frameworkCodes: string[]; isNew: boolean }>(null);
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setForm({ code: '', kind: 'NATION', nameEn: '', nameFr: '', suspended: false, programmeFlags: [], frameworkCodes: [], isNew: true })}>{t('admin.newPartner')}</Button>
      </Group>
      <Paper withBorder>
        <CardTable minWidth={700}>
          <Table highlightOnHover>
            <caption className="sr-only">{t('admin.partners')}</caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('common.code')}</Table.Th><Table.Th scope="col">{t('common.name')}</Table.Th><Table.Th scope="col">{t('admin.frameworks')}</Table.Th><Table.Th scope="col">{t('common.status')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {q.data!.partners.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace">{p.code}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{[...p.frameworks.map((f) => f.code), ...p.programmeFlags].join(', ')}</Table.Td>
                  <Table.Td>{p.suspended ? <Badge color="red" variant="light" styles={{ label: { color: 'var(--mantine-color-red-9)' } }}>{t('admin.suspended')}</Badge> : te('partnerKind', p.kind)}</Table.Td>
                  <Table.Td><Button size="compact-sm" variant="light" aria-label={`${t('common.edit')} ${p.code}`} onClick={() => setForm({ code: p.code, kind: p.kind, nameEn: p.nameEn, nameFr: p.nameFr, suspended: p.suspended, programmeFlags: p.programmeFlags, frameworkCodes: p.frameworks.map((f) => f.code), isNew: false })}>{t('common.edit')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </CardTable>
      </Paper>
      <Modal opened={!!form} onClose={() => setForm(null)} title={form?.isNew ? t('admin.newPartner') : form?.code} size="lg">
        {form && (
          <Stack>
            <ErrorAlert error={error} />
            <SimpleGrid cols={2}>
              <TextInput label={t('common.code')} required disabled={!form.isNew} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value.toUpperCase() })} />
              <Select label={t('admin.kind')} data={['NATION', 'ORGANISATION'].map((k) => ({ value: k, label: te('partnerKind', k) }))} value={form.kind} onChange={(v) => setForm({ ...form, kind: v ?? 'NATION' })} allowDeselect={false} />
              <TextInput label={t('admin.nameEn')} lang="en" required value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })} />
              <TextInput label={t('admin.nameFr')} lang="fr" required value={form.nameFr} onChange={(e) => setForm({ ...form, nameFr: e.currentTarget.value })} />
            </SimpleGrid>
            <MultiSelect label={t('admin.frameworks')} data={q.data!.partnershipFrameworks.map((f) => ({ value: f.code, label: f.name }))} value={form.frameworkCodes} onChange={(v) => setForm({ ...form, frameworkCodes: v })} />
            <MultiSelect label={t('admin.programmes')} data={q.data!.programmeFlags.map((f) => ({ value: f.code, label: `${f.name} (${f.code})` }))} value={form.programmeFlags} onChange={(v) => setForm({ ...form, programmeFlags: v })} />
            <Checkbox label={t('admin.suspendedHint')} checked={form.suspended} onChange={(e) => setForm({ ...form, suspended: e.currentTarget.checked })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button loading={pending} onClick={() => run(() => client.request(UpsertPartner, { input: { code: form.code, kind: form.kind as never, nameEn: form.nameEn, nameFr: form.nameFr, suspended: form.suspended, programmeFlags: form.programmeFlags, frameworkCodes: form.frameworkCodes } }), () => setForm(null))}>{t('common.save')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

const SECTION_KINDS = ['DIVISION', 'DIRECTORATE', 'SECTION', 'STAFF', 'COMMAND', 'SCHOOL', 'COE', 'AGENCY', 'CENTRE'];

export function SectionsAdmin() {
  const { t, te } = useI18n();
  const q = useQuery(SectionsQuery, {});
  const { run, error, pending } = useRunner(q.reload);
  type F = { code: string; kind: string; nameEn: string; nameFr: string; mailbox: string; timeZone: string; acknowledgeTargetDays: number; decideTargetDays: number; parentCode: string | null; isNew: boolean };
  const [form, setForm] = useState<F | null>(null);
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setForm({ code: '', kind: 'SECTION', nameEn: '', nameFr: '', mailbox: '', timeZone: 'Europe/Brussels', acknowledgeTargetDays: 5, decideTargetDays: 30, parentCode: null, isNew: true })}>{t('admin.newSection')}</Button>
      </Group>
      <Paper withBorder>
        <CardTable minWidth={800}>
          <Table highlightOnHover>
            <caption className="sr-only">{t('admin.sections')}</caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('common.code')}</Table.Th><Table.Th scope="col">{t('common.name')}</Table.Th><Table.Th scope="col">{t('admin.parent')}</Table.Th><Table.Th scope="col">{t('admin.targets')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {q.data!.sections.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td ff="monospace">{s.code}</Table.Td>
                  <Table.Td>{s.name}<br /><span style={{ fontSize: 12 }}>{te('sectionKind', s.kind)} · {s.mailbox}</span></Table.Td>
                  <Table.Td>{s.parent?.code ?? '—'}</Table.Td>
                  <Table.Td>{s.acknowledgeTargetDays} / {s.decideTargetDays}</Table.Td>
                  <Table.Td><Button size="compact-sm" variant="light" aria-label={`${t('common.edit')} ${s.code}`} onClick={() => setForm({ code: s.code, kind: s.kind, nameEn: s.nameEn, nameFr: s.nameFr, mailbox: s.mailbox, timeZone: s.timeZone, acknowledgeTargetDays: s.acknowledgeTargetDays, decideTargetDays: s.decideTargetDays, parentCode: s.parent?.code ?? null, isNew: false })}>{t('common.edit')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </CardTable>
      </Paper>
      <Modal opened={!!form} onClose={() => setForm(null)} title={form?.isNew ? t('admin.newSection') : form?.code} size="lg">
        {form && (
          <Stack>
            <ErrorAlert error={error} />
            <SimpleGrid cols={2}>
              <TextInput label={t('common.code')} required disabled={!form.isNew} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value.toUpperCase() })} />
              <Select label={t('admin.kind')} data={SECTION_KINDS.map((k) => ({ value: k, label: te('sectionKind', k) }))} value={form.kind} onChange={(v) => setForm({ ...form, kind: v ?? 'SECTION' })} allowDeselect={false} />
              <TextInput label={t('admin.nameEn')} lang="en" required value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })} />
              <TextInput label={t('admin.nameFr')} lang="fr" required value={form.nameFr} onChange={(e) => setForm({ ...form, nameFr: e.currentTarget.value })} />
              <TextInput label={t('admin.mailbox')} type="email" required value={form.mailbox} onChange={(e) => setForm({ ...form, mailbox: e.currentTarget.value })} />
              <TextInput label={t('admin.timeZone')} required value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} />
              <NumberInput label={t('admin.ackTarget')} min={1} value={form.acknowledgeTargetDays} onChange={(v) => setForm({ ...form, acknowledgeTargetDays: Number(v) || 1 })} />
              <NumberInput label={t('admin.decideTarget')} min={1} value={form.decideTargetDays} onChange={(v) => setForm({ ...form, decideTargetDays: Number(v) || 1 })} />
            </SimpleGrid>
            <Select label={t('admin.parent')} searchable clearable data={q.data!.sections.filter((s) => s.code !== form.code).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={form.parentCode} onChange={(v) => setForm({ ...form, parentCode: v })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button loading={pending} onClick={() => { const { isNew: _n, ...input } = form; return run(() => client.request(UpsertSection, { input: { ...input, kind: input.kind as never } }), () => setForm(null)); }}>{t('common.save')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

export function RoutingRulesAdmin() {
  const { t, te } = useI18n();
  const q = useQuery(RulesQuery, {});
  const { run, error, pending } = useRunner(q.reload);
  type RuleForm = {
    id: string | null; version: number; offeringId: string | null; offeringCode: string | null;
    name: string; targetSectionCode: string | null; offeringKind: string | null; partnerCode: string | null; frameworkCode: string | null; areaCode: string | null; topicCode: string | null;
  };
  const [form, setForm] = useState<RuleForm | null>(null);
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  const rules = q.data!.routingRules;
  const move = (i: number, d: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    return run(() => client.request(ReorderRules, { ids }));
  };
  const opt = (xs: { code: string; name: string }[]) => xs.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }));
  return (
    <Stack>
      <Group justify="space-between">
        <span style={{ fontSize: 14 }}>{t('admin.routingIntro')}</span>
        <Button onClick={() => setForm({ id: null, version: 0, offeringId: null, offeringCode: null, name: '', targetSectionCode: null, offeringKind: null, partnerCode: null, frameworkCode: null, areaCode: null, topicCode: null })}>{t('admin.newRule')}</Button>
      </Group>
      {!form && <ErrorAlert error={error} />}
      {rules.length === 0 ? <Empty title={t('admin.noRules')} /> : (
        <Paper withBorder>
          <CardTable minWidth={800}>
            <Table>
              <caption className="sr-only">{t('admin.routing')}</caption>
              <Table.Thead><Table.Tr><Table.Th scope="col">#</Table.Th><Table.Th scope="col">{t('common.name')}</Table.Th><Table.Th scope="col">{t('admin.matches')}</Table.Th><Table.Th scope="col">{t('admin.target')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rules.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{[r.offering && `${t('request.offering')}: ${r.offering.code}`, r.offeringKind && te('kind', r.offeringKind), r.partner?.name, r.framework?.name, r.area?.name, r.topic?.name].filter(Boolean).join(' · ') || t('admin.matchesAll')}</Table.Td>
                    <Table.Td>{r.targetSection.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <ActionIcon variant="default" disabled={i === 0 || pending} onClick={() => move(i, -1)} aria-label={`${t('common.moveUp')}: ${r.name}`}>↑</ActionIcon>
                        <ActionIcon variant="default" disabled={i === rules.length - 1 || pending} onClick={() => move(i, 1)} aria-label={`${t('common.moveDown')}: ${r.name}`}>↓</ActionIcon>
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={`${t('common.edit')}: ${r.name}`}
                          onClick={() =>
                            setForm({
                              id: r.id, version: r.version, offeringId: r.offering?.id ?? null, offeringCode: r.offering?.code ?? null, name: r.name, targetSectionCode: r.targetSection.code,
                              offeringKind: r.offeringKind ?? null, partnerCode: r.partner?.code ?? null, frameworkCode: r.framework?.code ?? null, areaCode: r.area?.code ?? null, topicCode: r.topic?.code ?? null,
                            })
                          }
                        >
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-sm" variant="outline" color="red.9" onClick={() => run(() => client.request(DeleteRule, { id: r.id }))} aria-label={`${t('common.delete')}: ${r.name}`}>{t('common.delete')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        </Paper>
      )}
      <Modal opened={!!form} onClose={() => setForm(null)} title={form?.id ? t('admin.editRule', { name: rules.find((r) => r.id === form.id)?.name ?? form.name }) : t('admin.newRule')} size="lg">
        {form && (
          <Stack>
            <ErrorAlert error={error} />
            <TextInput label={t('common.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <Select label={t('admin.target')} required searchable data={opt(q.data!.sections)} value={form.targetSectionCode} onChange={(v) => setForm({ ...form, targetSectionCode: v })} />
            <SimpleGrid cols={2}>
              <Select label={t('catalogue.facet.kinds')} clearable data={['TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME', 'STAFF_TALKS', 'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE'].map((k) => ({ value: k, label: te('kind', k) }))} value={form.offeringKind} onChange={(v) => setForm({ ...form, offeringKind: v })} />
              <Select label={t('request.partner')} clearable searchable data={opt(q.data!.partners)} value={form.partnerCode} onChange={(v) => setForm({ ...form, partnerCode: v })} />
              <Select label={t('admin.framework')} clearable data={opt(q.data!.partnershipFrameworks)} value={form.frameworkCode} onChange={(v) => setForm({ ...form, frameworkCode: v })} />
              <Select label={t('catalogue.facet.areas')} clearable data={opt(q.data!.cooperationAreas)} value={form.areaCode} onChange={(v) => setForm({ ...form, areaCode: v })} />
              <Select label={t('catalogue.facet.topics')} clearable searchable data={opt(q.data!.topics)} value={form.topicCode} onChange={(v) => setForm({ ...form, topicCode: v })} />
            </SimpleGrid>
            {form.offeringCode && (
              <Group gap="xs">
                <Text size="sm">{t('request.offering')}: <Text span ff="monospace">{form.offeringCode}</Text></Text>
                <Button size="compact-xs" variant="subtle" onClick={() => setForm({ ...form, offeringId: null, offeringCode: null })}>{t('common.delete')}</Button>
              </Group>
            )}
            <Text size="sm" c="dimmed">{t('admin.criteriaHint')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button
                loading={pending}
                disabled={!form.name.trim() || !form.targetSectionCode}
                onClick={() => {
                  const { id, version, offeringCode: _code, ...rest } = form;
                  const input = { ...rest, name: rest.name.trim(), targetSectionCode: rest.targetSectionCode!, offeringKind: rest.offeringKind as never };
                  return run(
                    () => (id ? client.request(UpdateRule, { input: { ...input, id, expectedVersion: version } }) : client.request(CreateRule, { input })),
                    () => setForm(null),
                    () => setForm(null),
                  );
                }}
              >
                {form.id ? t('common.save') : t('common.create')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
