import { Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { CardTable } from '../../components/CardTable';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';

const RepliesQuery = graphql(`query ManagedCannedReplies { cannedReplies { id position titleEn titleFr bodyEn bodyFr canEdit section { code name } } }`);
const SectionsQuery = graphql(`query CannedReplySections { sections { code name } }`);
const SaveReplyMutation = graphql(`mutation SaveCannedReply($input: CannedReplyInput!) { saveCannedReply(input: $input) { id } }`);
const DeleteReplyMutation = graphql(`mutation DeleteCannedReply($id: ID!) { deleteCannedReply(id: $id) }`);

type Reply = ResultOf<typeof RepliesQuery>['cannedReplies'][number];
interface Draft {
  id: string | null;
  sectionCode: string | null;
  position: number | string;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
}

/** "*" in the section picker: every section's reply (administrators only). */
const EVERY = '*';

/**
 * Canned replies (issue #18): section staff write their sections' ready-made texts in English and French;
 * administrators also those of every section. The comment box and the information-request dialog offer them.
 */
export function CannedRepliesPage() {
  const { t, locale } = useI18n();
  const { viewer, can } = useAuth();
  const admin = can('ManageReferenceData');
  const replies = useQuery(RepliesQuery, {});
  const sections = useQuery(SectionsQuery, {}, { skip: !admin });
  const save = useAction();
  const remove = useAction();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Reply | null>(null);

  const own = (viewer?.sections ?? []).map((s) => ({ value: s.code, label: s.name }));
  const sectionOptions = admin ? [{ value: EVERY, label: t('canned.everySection') }, ...(sections.data?.sections ?? []).map((s) => ({ value: s.code, label: s.name }))] : own;
  const canCreate = admin || own.length > 0;
  const fr = locale === 'fr';

  const open = (r?: Reply) => {
    save.setError(undefined);
    setDraft(
      r
        ? { id: r.id, sectionCode: r.section?.code ?? EVERY, position: r.position, titleEn: r.titleEn, titleFr: r.titleFr, bodyEn: r.bodyEn, bodyFr: r.bodyFr }
        : { id: null, sectionCode: admin ? EVERY : (own[0]?.value ?? null), position: '', titleEn: '', titleFr: '', bodyEn: '', bodyFr: '' },
    );
  };
  const submit = async () => {
    if (!draft) return;
    const done = await save.run(() =>
      client.request(SaveReplyMutation, {
        input: {
          id: draft.id,
          sectionCode: draft.id || !draft.sectionCode || draft.sectionCode === EVERY ? null : draft.sectionCode,
          position: draft.position === '' ? null : Number(draft.position),
          titleEn: draft.titleEn,
          titleFr: draft.titleFr,
          bodyEn: draft.bodyEn,
          bodyFr: draft.bodyFr,
        },
      }),
    );
    if (done) {
      setDraft(null);
      await replies.reload();
    }
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    const done = await remove.run(() => client.request(DeleteReplyMutation, { id: deleting.id }));
    if (done !== undefined) {
      setDeleting(null);
      await replies.reload();
    }
  };
  const missing = !draft || !draft.titleEn.trim() || !draft.titleFr.trim() || !draft.bodyEn.trim() || !draft.bodyFr.trim() || (!draft.id && !admin && !draft.sectionCode);
  const list = replies.data?.cannedReplies ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('canned.title')}</Title>
          <Text c="dimmed">{admin ? t('canned.introAdmin') : t('canned.intro')}</Text>
        </div>
        {canCreate && <Button onClick={() => open()}>{t('canned.new')}</Button>}
      </Group>
      <Paper p="md" withBorder>
        <ErrorAlert error={replies.error} onRetry={replies.reload} />
        <ErrorAlert error={remove.error} />
        {replies.loading && !replies.data && <Loading />}
        {replies.data && list.length === 0 && <Empty title={t('canned.empty')} />}
        {list.length > 0 && (
          <CardTable minWidth={720}>
            <Table verticalSpacing="xs">
              <caption className="sr-only">{t('canned.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('canned.replyTitle')}</Table.Th>
                  <Table.Th scope="col">{t('canned.section')}</Table.Th>
                  <Table.Th scope="col">{t('canned.text')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {fr ? r.titleFr : r.titleEn}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.section?.name ?? t('canned.everySection')}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {fr ? r.bodyFr : r.bodyEn}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.canEdit ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button size="compact-sm" variant="light" onClick={() => open(r)} aria-label={t('canned.editNamed', { title: fr ? r.titleFr : r.titleEn })}>
                            {t('common.edit')}
                          </Button>
                          <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(r)} aria-label={t('canned.deleteNamed', { title: fr ? r.titleFr : r.titleEn })}>
                            {t('common.delete')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('canned.readOnly')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        )}
      </Paper>
      <Modal opened={!!draft} onClose={() => setDraft(null)} title={draft?.id ? t('canned.edit') : t('canned.new')} size="lg">
        {draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack>
              <Group grow align="flex-start">
                <Select
                  label={t('canned.section')}
                  description={draft.id ? t('canned.sectionKept') : undefined}
                  disabled={!!draft.id}
                  allowDeselect={false}
                  required={!admin}
                  value={draft.sectionCode}
                  data={sectionOptions}
                  onChange={(v) => setDraft({ ...draft, sectionCode: v })}
                />
                <NumberInput label={t('canned.position')} description={t('canned.positionHint')} min={0} max={10000} allowDecimal={false} value={draft.position} onChange={(v) => setDraft({ ...draft, position: v })} />
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Stack gap="xs">
                  <TextInput label={t('canned.titleEn')} required maxLength={120} value={draft.titleEn} onChange={(e) => setDraft({ ...draft, titleEn: e.currentTarget.value })} data-autofocus />
                  <Textarea label={t('canned.bodyEn')} required autosize minRows={4} maxLength={4000} value={draft.bodyEn} onChange={(e) => setDraft({ ...draft, bodyEn: e.currentTarget.value })} />
                </Stack>
                <Stack gap="xs">
                  <TextInput label={t('canned.titleFr')} required maxLength={120} lang="fr" value={draft.titleFr} onChange={(e) => setDraft({ ...draft, titleFr: e.currentTarget.value })} />
                  <Textarea label={t('canned.bodyFr')} required autosize minRows={4} maxLength={4000} lang="fr" value={draft.bodyFr} onChange={(e) => setDraft({ ...draft, bodyFr: e.currentTarget.value })} />
                </Stack>
              </SimpleGrid>
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDraft(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.pending} disabled={missing}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={t('canned.deleteTitle')}>
        <Stack>
          <Text size="sm">{t('canned.deleteConfirm', { title: deleting ? (fr ? deleting.titleFr : deleting.titleEn) : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={remove.pending} onClick={() => void confirmDelete()}>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
