import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { CardTable } from '../../components/CardTable';

const UsersQuery = graphql(`
  query AdminUsers($search: String) {
    users(first: 50, filter: { search: $search }) {
      totalCount
      edges { node { id email displayName role active lastLoginAt partner { code } sections { code } coveredPartners { code } } }
    }
    partners { code name }
    sections { code name }
  }
`);
const CreateUser = graphql(`mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id email } setPasswordToken setPasswordTokenExpiresAt } }`);
const UpdateUser = graphql(`mutation UpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }`);
const DeactivateUser = graphql(`mutation DeactivateUser($id: ID!) { deactivateUser(id: $id) { id active } }`);
const ReactivateUser = graphql(`mutation ReactivateUser($id: ID!) { reactivateUser(id: $id) { id active } }`);
const ResetPassword = graphql(`mutation ResetPassword($id: ID!) { resetUserPassword(id: $id) { user { id email } setPasswordToken setPasswordTokenExpiresAt } }`);
const ApiKeysQuery = graphql(`
  query AdminApiKeys { apiKeys(includeRevoked: true) { id name prefix scope createdAt lastUsedAt revokedAt expiresAt partner { code } section { code } } partners { code name } sections { code name } }
`);
const CreateApiKey = graphql(`mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix name } } }`);
const RevokeApiKey = graphql(`mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`);

export function OneTimeSecret({ label, value, hint }: { label: string; value: string; hint: string }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" title={label} role="status">
      <Text size="sm" mb="xs">{hint}</Text>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="one-time-secret">{value}</Code>
        <CopyButton value={value}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('admin.copied') : t('admin.copy')}</Button>}</CopyButton>
      </Group>
    </Alert>
  );
}

export function UsersAdmin() {
  const { t, te, dateTime } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const q = useQuery(UsersQuery, { search: debounced || null });
  const [form, setForm] = useState<null | { id: string | null; email: string; displayName: string; role: string; initialRole: string; partnerCode: string | null; sectionCodes: string[]; coveredPartnerCodes: string[] }>(null);
  const [confirm, setConfirm] = useState<null | { action: 'deactivate' | 'reset'; id: string; email: string }>(null);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
      await q.reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
  const setPasswordUrl = (token: string) => `${window.location.origin}/set-password?token=${encodeURIComponent(token)}`;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput label={t('common.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Button disabled={!q.data} onClick={() => { setLink(null); setError(undefined); setForm({ id: null, email: '', displayName: '', role: 'PARTNER_LIAISON', initialRole: 'PARTNER_LIAISON', partnerCode: null, sectionCodes: [], coveredPartnerCodes: [] }); }}>{t('admin.newUser')}</Button>
      </Group>
      {link && <OneTimeSecret label={t('admin.setPasswordLink', { email: link.email })} value={link.url} hint={t('admin.setPasswordHint')} />}
      {!form && !confirm && <ErrorAlert error={error} />}
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && q.data.users.totalCount > q.data.users.edges.length && (
        <Text size="sm" c="dimmed">{t('admin.usersShown', { shown: q.data.users.edges.length, total: q.data.users.totalCount })}</Text>
      )}
      {q.data && (
        <Paper withBorder>
          <CardTable minWidth={800}>
            <Table highlightOnHover>
              <caption className="sr-only">{t('admin.users')}</caption>
              <Table.Thead><Table.Tr><Table.Th scope="col">{t('common.name')}</Table.Th><Table.Th scope="col">{t('admin.role')}</Table.Th><Table.Th scope="col">{t('admin.scope')}</Table.Th><Table.Th scope="col">{t('admin.lastLogin')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {q.data.users.edges.map(({ node: u }) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.displayName}<br /><Text span size="xs" c="dimmed">{u.email}</Text></Table.Td>
                    <Table.Td>{te('role', u.role)} {!u.active && <Badge color="gray" variant="outline" styles={{ label: { color: 'var(--mantine-color-dark-6)' } }}>{t('admin.inactive')}</Badge>}</Table.Td>
                    <Table.Td>{u.partner?.code ?? [...u.sections.map((s) => s.code), ...u.coveredPartners.map((p) => p.code)].join(', ')}</Table.Td>
                    <Table.Td>{u.lastLoginAt ? dateTime(u.lastLoginAt) : '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => { setError(undefined); setLink(null); setForm({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, initialRole: u.role, partnerCode: u.partner?.code ?? null, sectionCodes: u.sections.map((x) => x.code), coveredPartnerCodes: u.coveredPartners.map((x) => x.code) }); }}
                          aria-label={`${t('common.edit')} ${u.email}`}
                        >
                          {t('common.edit')}
                        </Button>
                        {u.active ? (
                          <Button size="compact-sm" variant="outline" color="red.9" disabled={pending} onClick={() => { setError(undefined); setConfirm({ action: 'deactivate', id: u.id, email: u.email }); }} aria-label={`${t('admin.deactivate')} ${u.email}`}>{t('admin.deactivate')}</Button>
                        ) : (
                          <Button size="compact-sm" variant="subtle" disabled={pending} onClick={() => run(async () => { await client.request(ReactivateUser, { id: u.id }); notifications.show({ message: t('common.saved'), color: 'teal' }); })} aria-label={`${t('admin.reactivate')} ${u.email}`}>{t('admin.reactivate')}</Button>
                        )}
                        <Button size="compact-sm" variant="subtle" disabled={pending || !u.active} onClick={() => { setError(undefined); setConfirm({ action: 'reset', id: u.id, email: u.email }); }} aria-label={`${t('admin.resetPassword')} ${u.email}`}>{t('admin.resetPassword')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </CardTable>
        </Paper>
      )}
      <Modal opened={!!confirm} onClose={() => setConfirm(null)} title={confirm ? t(confirm.action === 'deactivate' ? 'admin.deactivateConfirmTitle' : 'admin.resetConfirmTitle', { email: confirm.email }) : ''}>
        {confirm && (
          <Stack>
            <ErrorAlert error={error} />
            <Text size="sm">{t(confirm.action === 'deactivate' ? 'admin.deactivateConfirm' : 'admin.resetConfirm')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button
                color="red.9"
                loading={pending}
                onClick={() =>
                  run(async () => {
                    if (confirm.action === 'deactivate') await client.request(DeactivateUser, { id: confirm.id });
                    else {
                      const r = await client.request(ResetPassword, { id: confirm.id });
                      if (r.resetUserPassword.setPasswordToken) setLink({ email: confirm.email, url: setPasswordUrl(r.resetUserPassword.setPasswordToken) });
                      else notifications.show({ message: t('admin.invitationMailed', { email: confirm.email }), color: 'teal' });
                    }
                    setConfirm(null);
                  })
                }
              >
                {t(confirm.action === 'deactivate' ? 'admin.deactivate' : 'admin.resetPassword')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={!!form} onClose={() => setForm(null)} title={form?.id ? t('admin.editUser', { email: form.email }) : t('admin.newUser')} size="lg">
        {form && (
          <Stack>
            <ErrorAlert error={error} />
            <SimpleGrid cols={2}>
              <TextInput label={t('signIn.email')} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={error?.fields.email} />
              <TextInput label={t('admin.displayName')} required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} error={error?.fields.displayName} />
            </SimpleGrid>
            <Select label={t('admin.role')} data={['PARTNER_LIAISON', 'SECTION_STAFF', 'COORDINATOR', 'ADMIN'].map((r) => ({ value: r, label: te('role', r) }))} value={form.role} onChange={(v) => setForm({ ...form, role: v ?? 'PARTNER_LIAISON' })} allowDeselect={false} />
            {form.role === 'PARTNER_LIAISON' && <Select label={t('request.partner')} required searchable data={q.data!.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))} value={form.partnerCode} onChange={(v) => setForm({ ...form, partnerCode: v })} />}
            {form.role === 'SECTION_STAFF' && <MultiSelect label={t('admin.sections')} required searchable data={q.data!.sections.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={form.sectionCodes} onChange={(v) => setForm({ ...form, sectionCodes: v })} />}
            {form.role === 'COORDINATOR' && <MultiSelect label={t('admin.coveredPartners')} required searchable data={q.data!.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))} value={form.coveredPartnerCodes} onChange={(v) => setForm({ ...form, coveredPartnerCodes: v })} />}
            {!form.id && <Text size="sm" c="dimmed">{t('admin.newUserHint')}</Text>}
            {form.id && form.role !== form.initialRole && <Text size="sm" c="dimmed">{t('admin.roleChangeHint')}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button
                loading={pending}
                onClick={() =>
                  run(async () => {
                    const input = {
                      email: form.email.trim(), displayName: form.displayName.trim(), role: form.role as never,
                      partnerCode: form.role === 'PARTNER_LIAISON' ? form.partnerCode : null,
                      sectionCodes: form.role === 'SECTION_STAFF' ? form.sectionCodes : null,
                      coveredPartnerCodes: form.role === 'COORDINATOR' ? form.coveredPartnerCodes : null,
                    };
                    if (form.id) {
                      await client.request(UpdateUser, { id: form.id, input });
                      notifications.show({ message: t('common.saved'), color: 'teal' });
                    } else {
                      const r = await client.request(CreateUser, { input });
                      if (r.createUser.setPasswordToken) setLink({ email: r.createUser.user.email, url: setPasswordUrl(r.createUser.setPasswordToken) });
                      else if (r.createUser.setPasswordTokenExpiresAt) notifications.show({ message: t('admin.invitationMailed', { email: r.createUser.user.email }), color: 'teal' });
                    }
                    setForm(null);
                  })
                }
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

export function ApiKeysAdmin() {
  const { t, te, dateTime } = useI18n();
  const q = useQuery(ApiKeysQuery, {});
  const [form, setForm] = useState<null | { name: string; scope: string; partnerCode: string | null; sectionCode: string | null }>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
      await q.reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => { setSecret(null); setForm({ name: '', scope: 'CATALOGUE', partnerCode: null, sectionCode: null }); }}>{t('admin.newApiKey')}</Button>
      </Group>
      {secret && <OneTimeSecret label={t('admin.apiKeySecret', { name: secret.name })} value={secret.secret} hint={t('admin.apiKeySecretHint')} />}
      {!form && <ErrorAlert error={error} />}
      <Paper withBorder>
        <CardTable minWidth={800}>
          <Table>
            <caption className="sr-only">{t('admin.apiKeys')}</caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('common.name')}</Table.Th><Table.Th scope="col">{t('admin.prefix')}</Table.Th><Table.Th scope="col">{t('admin.scope')}</Table.Th><Table.Th scope="col">{t('admin.lastUsed')}</Table.Th><Table.Th scope="col">{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {q.data!.apiKeys.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td ff="monospace">{k.prefix}…</Table.Td>
                  <Table.Td>{te('keyScope', k.scope)} {k.partner?.code ?? k.section?.code ?? ''}</Table.Td>
                  <Table.Td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : '—'}</Table.Td>
                  <Table.Td>{k.revokedAt ? <Text size="sm" c="dimmed">{t('admin.revokedOn', { date: dateTime(k.revokedAt) })}</Text> : <Button size="compact-sm" variant="outline" color="red.9" loading={pending} onClick={() => run(async () => { await client.request(RevokeApiKey, { id: k.id }); })} aria-label={`${t('admin.revoke')} ${k.name}`}>{t('admin.revoke')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </CardTable>
      </Paper>
      <Modal opened={!!form} onClose={() => setForm(null)} title={t('admin.newApiKey')}>
        {form && (
          <Stack>
            <ErrorAlert error={error} />
            <TextInput label={t('common.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <Select label={t('admin.scope')} description={t(`admin.scopeHelp.${form.scope}` as never)} data={['CATALOGUE', 'PARTNER', 'SECTION'].map((s) => ({ value: s, label: te('keyScope', s) }))} value={form.scope} onChange={(v) => setForm({ ...form, scope: v ?? 'CATALOGUE' })} allowDeselect={false} />
            {form.scope === 'PARTNER' && <Select label={t('request.partner')} required searchable data={q.data!.partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))} value={form.partnerCode} onChange={(v) => setForm({ ...form, partnerCode: v })} />}
            {form.scope === 'SECTION' && <Select label={t('request.section')} required searchable data={q.data!.sections.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={form.sectionCode} onChange={(v) => setForm({ ...form, sectionCode: v })} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>{t('common.cancel')}</Button>
              <Button
                loading={pending}
                disabled={!form.name.trim()}
                onClick={() =>
                  run(async () => {
                    const r = await client.request(CreateApiKey, { input: { name: form.name.trim(), scope: form.scope as never, partnerCode: form.scope === 'PARTNER' ? form.partnerCode : null, sectionCode: form.scope === 'SECTION' ? form.sectionCode : null } });
                    setSecret({ name: r.createApiKey.apiKey.name, secret: r.createApiKey.secret });
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
    </Stack>
  );
}
