import { Badge, Button, Group, Modal, MultiSelect, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { OneTimeSecret } from './PeopleAdmin';
import { CardTable } from '../../components/CardTable';

const EVENT_TYPES = ['REQUEST_SUBMITTED', 'REQUEST_STATUS_CHANGED', 'REQUEST_COMMENT_ADDED', 'OFFERING_PUBLISHED', 'OFFERING_CHANGED', 'ITERATION_CHANGED'] as const;

const WebhooksQuery = graphql(`
  query AdminWebhooks {
    webhookEndpoints(first: 100) {
      edges { node { id name url scope eventTypes active consecutiveFailures disabledAt disabledReason previousSecretExpiresAt partner { code } section { code } } }
    }
    partners { code name }
    sections { code name }
  }
`);
const DeliveriesQuery = graphql(`
  query AdminWebhookDeliveries($id: ID!, $after: String) {
    webhookEndpoint(id: $id) {
      id name
      deliveries(first: 50, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id at eventType eventId attempt statusCode durationMs error succeeded } }
      }
    }
  }
`);
const CreateWebhook = graphql(`mutation CreateWebhook($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id name } } }`);
const UpdateWebhook = graphql(`mutation UpdateWebhook($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id active } }`);
const RotateWebhook = graphql(`mutation RotateWebhook($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret endpoint { id name } } }`);
const DeleteWebhook = graphql(`mutation DeleteWebhook($id: ID!) { deleteWebhookEndpoint(id: $id) }`);

type Form = { name: string; url: string; scope: string; partnerCode: string | null; sectionCode: string | null; eventTypes: string[] };

/** Outbound webhooks: endpoints, their one-time secrets, rotation with overlap, enabling, and each one's delivery log. */
export function WebhooksAdmin() {
  const { t, te, dateTime } = useI18n();
  const q = useQuery(WebhooksQuery, {});
  const [form, setForm] = useState<Form | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [rotate, setRotate] = useState<{ id: string; name: string; overlap: number } | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const action = useAction();
  const act = async (fn: () => Promise<void>) => {
    await action.run(fn);
    await q.reload();
  };
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  const endpoints = q.data!.webhookEndpoints.edges.map((e) => e.node);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('webhooks.intro')}</Text>
      <Group justify="flex-end">
        <Button onClick={() => { setSecret(null); setForm({ name: '', url: 'https://', scope: 'GLOBAL', partnerCode: null, sectionCode: null, eventTypes: [...EVENT_TYPES] }); }}>{t('webhooks.new')}</Button>
      </Group>
      {secret && <OneTimeSecret label={t('webhooks.secret', { name: secret.name })} value={secret.secret} hint={t('webhooks.secretHint')} />}
      {!form && !rotate && <ErrorAlert error={action.error} />}
      <Paper withBorder>
        <CardTable minWidth={900}>
          <Table>
            <caption className="sr-only">{t('admin.webhooks')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                <Table.Th scope="col">{t('webhooks.url')}</Table.Th>
                <Table.Th scope="col">{t('admin.scope')}</Table.Th>
                <Table.Th scope="col">{t('webhooks.events')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {endpoints.length === 0 && <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">{t('webhooks.none')}</Text></Table.Td></Table.Tr>}
              {endpoints.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.name}</Table.Td>
                  <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>{e.url}</Table.Td>
                  <Table.Td>{te('webhookScope', e.scope)} {e.partner?.code ?? e.section?.code ?? ''}</Table.Td>
                  <Table.Td><Text size="xs">{e.eventTypes.map((x) => te('webhookEvent', x)).join(', ')}</Text></Table.Td>
                  <Table.Td>
                    {e.active ? <Badge color="green.9" variant="light">{t('webhooks.active')}</Badge> : <Badge color="red.9" variant="light">{t('webhooks.disabled')}</Badge>}
                    {!e.active && e.disabledReason && <Text size="xs" c="dimmed">{e.disabledReason}</Text>}
                    {e.active && e.consecutiveFailures > 0 && <Text size="xs" c="red.9">{t('webhooks.failures', { count: e.consecutiveFailures })}</Text>}
                    {e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt) > new Date() && <Text size="xs" c="dimmed">{t('webhooks.overlapUntil', { date: dateTime(e.previousSecretExpiresAt) })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="compact-sm" variant="default" onClick={() => setLogOf(e.id)} aria-label={`${t('webhooks.log')} ${e.name}`}>{t('webhooks.log')}</Button>
                      <Button size="compact-sm" variant="default" onClick={() => { setSecret(null); setRotate({ id: e.id, name: e.name, overlap: 1440 }); }} aria-label={`${t('webhooks.rotate')} ${e.name}`}>{t('webhooks.rotate')}</Button>
                      <Button size="compact-sm" variant="outline" loading={action.pending} onClick={() => act(async () => { await client.request(UpdateWebhook, { input: { id: e.id, active: !e.active } }); })} aria-label={`${e.active ? t('webhooks.disable') : t('webhooks.enable')} ${e.name}`}>
                        {e.active ? t('webhooks.disable') : t('webhooks.enable')}
                      </Button>
                      <Button size="compact-sm" variant="outline" color="red.9" loading={action.pending} onClick={() => { if (window.confirm(t('webhooks.confirmDelete', { name: e.name }))) void act(async () => { await client.request(DeleteWebhook, { id: e.id }); }); }} aria-label={`${t('common.delete')} ${e.name}`}>
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
      {logOf && <DeliveryLog id={logOf} onClose={() => setLogOf(null)} />}
      <Modal opened={!!form} onClose={() => setForm(null)} title={t('webhooks.new')}>
        {form && (
          <Stack>
            <ErrorAlert error={action.error} />
            <TextInput label={t('common.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <TextInput label={t('webhooks.url')} description={t('webhooks.urlHint')} required value={form.url} onChange={(e) => setForm({ ...form, url: e.currentTarget.value })} />
            <Select label={t('admin.scope')} data={['GLOBAL', 'PARTNER', 'SECTION'].map((s) => ({ value: s, label: te('webhookScope', s) }))} value={form.scope} onChange={(v) => setForm({ ...form, scope: v ?? 'GLOBAL' })} allowDeselect={false} />
            {form.scope === 'PARTNER' && <Select label={t('request.partner')} required searchable data={q.data!.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))} value={form.partnerCode} onChange={(v) => setForm({ ...form, partnerCode: v })} />}
            {form.scope === 'SECTION' && <Select label={t('request.section')} required searchable data={q.data!.sections.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={form.sectionCode} onChange={(v) => setForm({ ...form, sectionCode: v })} />}
            <MultiSelect label={t('webhooks.events')} required data={EVENT_TYPES.map((x) => ({ value: x, label: te('webhookEvent', x) }))} value={form.eventTypes} onChange={(v) => setForm({ ...form, eventTypes: v })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button
                loading={action.pending}
                disabled={!form.name.trim() || form.eventTypes.length === 0}
                onClick={() =>
                  act(async () => {
                    const r = await client.request(CreateWebhook, {
                      input: { name: form.name.trim(), url: form.url.trim(), scope: form.scope as never, partnerCode: form.scope === 'PARTNER' ? form.partnerCode : null, sectionCode: form.scope === 'SECTION' ? form.sectionCode : null, eventTypes: form.eventTypes as never },
                    });
                    setSecret({ name: r.createWebhookEndpoint.endpoint.name, secret: r.createWebhookEndpoint.secret });
                    setForm(null);
                  })
                }
              >
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={!!rotate} onClose={() => setRotate(null)} title={t('webhooks.rotate')}>
        {rotate && (
          <Stack>
            <ErrorAlert error={action.error} />
            <Text size="sm">{t('webhooks.rotateIntro', { name: rotate.name })}</Text>
            <NumberInput label={t('webhooks.overlap')} min={0} max={43200} value={rotate.overlap} onChange={(v) => setRotate({ ...rotate, overlap: Number(v) || 0 })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRotate(null)}>{t('common.cancel')}</Button>
              <Button
                loading={action.pending}
                onClick={() =>
                  act(async () => {
                    const r = await client.request(RotateWebhook, { input: { id: rotate.id, overlapMinutes: rotate.overlap } });
                    setSecret({ name: r.rotateWebhookSecret.endpoint.name, secret: r.rotateWebhookSecret.secret });
                    setRotate(null);
                  })
                }
              >
                {t('webhooks.rotate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** One endpoint's delivery attempts, newest first. */
function DeliveryLog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, te, dateTime } = useI18n();
  const [after, setAfter] = useState<string | null>(null);
  const q = useQuery(DeliveriesQuery, { id, after });
  const endpoint = q.data?.webhookEndpoint;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('webhooks.logOf', { name: endpoint?.name ?? '' })}</Title>
        <Button size="compact-sm" variant="default" onClick={onClose}>{t('common.close')}</Button>
      </Group>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {endpoint && (
        <>
          <Text size="sm" role="status">{t('webhooks.attempts', { count: endpoint.deliveries.totalCount })}</Text>
          <CardTable minWidth={800}>
            <Table>
              <caption className="sr-only">{t('webhooks.logOf', { name: endpoint.name })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('webhooks.event')}</Table.Th>
                  <Table.Th scope="col">{t('webhooks.attempt')}</Table.Th>
                  <Table.Th scope="col">{t('webhooks.statusCode')}</Table.Th>
                  <Table.Th scope="col">{t('webhooks.duration')}</Table.Th>
                  <Table.Th scope="col">{t('webhooks.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {endpoint.deliveries.edges.map(({ node: a }) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{dateTime(a.at)}</Table.Td>
                    <Table.Td>{te('webhookEvent', a.eventType)}<Text size="xs" c="dimmed" ff="monospace">{a.eventId}</Text></Table.Td>
                    <Table.Td>{a.attempt}</Table.Td>
                    <Table.Td><Badge color={a.succeeded ? 'green.9' : 'red.9'} variant="light">{a.statusCode ?? '—'}</Badge></Table.Td>
                    <Table.Td>{t('webhooks.ms', { count: a.durationMs })}</Table.Td>
                    <Table.Td><Text size="xs" style={{ wordBreak: 'break-all' }}>{a.error ?? ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
          {endpoint.deliveries.pageInfo.hasNextPage && <Button variant="default" onClick={() => setAfter(endpoint.deliveries.pageInfo.endCursor)}>{t('webhooks.older')}</Button>}
        </>
      )}
    </Paper>
  );
}
