import { Alert, Badge, Button, Code, CopyButton, Group, Image, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError, client } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { useAuth } from '../auth';
import { ErrorAlert, Loading } from '../components/feedback';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';

const StartEnrolment = graphql(`mutation StartSecondFactorEnrolment { startSecondFactorEnrolment { secret otpauthUri qrCodeDataUrl } }`);
const ConfirmEnrolment = graphql(`mutation ConfirmSecondFactorEnrolment($code: String!) { confirmSecondFactorEnrolment(code: $code) { recoveryCodes } }`);
const DisableSecondFactor = graphql(`mutation DisableSecondFactor($code: String!) { disableSecondFactor(code: $code) }`);
const MySessions = graphql(`query MySessions { mySessions { id createdAt lastUsedAt ip device method current } }`);
const EndSession = graphql(`mutation EndSession($id: ID!) { endSession(id: $id) }`);

/** The user's signed-in sessions: where and when, and ending any of them (this one signs this browser out). */
function SessionsCard() {
  const { t, dateTime } = useI18n();
  const { logout } = useAuth();
  const q = useQuery(MySessions, {});
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState<string>();
  const end = async (id: string, current: boolean) => {
    setPending(id);
    setError(undefined);
    try {
      await client.request(EndSession, { id });
      if (current) await logout();
      else await q.reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(undefined);
    }
  };
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3">{t('account.sessions')}</Title>
        <Text size="sm">{t('account.sessionsIntro')}</Text>
        <ErrorAlert error={error ?? q.error} onRetry={q.error ? q.reload : undefined} />
        {q.loading && !q.data && <Loading />}
        {q.data && (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <caption className="sr-only">{t('account.sessions')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('account.device')}</Table.Th>
                  <Table.Th scope="col">{t('account.address')}</Table.Th>
                  <Table.Th scope="col">{t('account.lastUsed')}</Table.Th>
                  <Table.Th scope="col">{t('account.signedIn')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.mySessions.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {s.device} {s.current && <Badge variant="light">{t('account.thisSession')}</Badge>}
                      {s.method === 'oidc' && <Text size="xs" c="dimmed">{t('account.viaOrganisation')}</Text>}
                    </Table.Td>
                    <Table.Td>{s.ip ?? '—'}</Table.Td>
                    <Table.Td>{dateTime(s.lastUsedAt)}</Table.Td>
                    <Table.Td>{dateTime(s.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="outline" color="red.9" loading={pending === s.id} onClick={() => void end(s.id, s.current)} aria-label={`${s.current ? t('header.signOut') : t('account.endSession')} ${s.device}`}>
                        {s.current ? t('header.signOut') : t('account.endSession')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** The second factor: set it up with a QR code, confirm with a first code, keep the recovery codes (shown once). */
function SecondFactorCard() {
  const { t } = useI18n();
  const { viewer, reload } = useAuth();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrCodeDataUrl: string }>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [code, setCode] = useState('');
  const { run, pending, error } = useAction();
  if (!viewer || viewer.kind !== 'USER') return null;
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3">{t('account.secondFactor')}</Title>
        <Text size="sm">{t('account.secondFactorIntro')}</Text>
        {viewer.secondFactorRequired && !viewer.secondFactorEnabled && <Alert color="yellow" role="status">{t('account.secondFactorRequired')}</Alert>}
        <ErrorAlert error={error} />
        {recoveryCodes ? (
          <Alert color="teal" title={t('account.recoveryCodesTitle')} role="status">
            <Text size="sm" mb="xs">{t('account.recoveryCodesHint')}</Text>
            <Code block data-testid="recovery-codes">{recoveryCodes.join('\n')}</Code>
            <Group mt="xs">
              <CopyButton value={recoveryCodes.join('\n')}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? t('admin.copied') : t('admin.copy')}</Button>}</CopyButton>
              <Button size="xs" onClick={() => setRecoveryCodes(undefined)}>{t('account.recoveryCodesSaved')}</Button>
            </Group>
          </Alert>
        ) : viewer.secondFactorEnabled ? (
          <Stack>
            <Text role="status" fw={600}>{t('account.secondFactorOn')}</Text>
            {!viewer.secondFactorRequired && (
              <form onSubmit={(e) => { e.preventDefault(); void run(async () => { await client.request(DisableSecondFactor, { code: code.trim() }); setCode(''); await reload(); }); }}>
                <Group align="flex-end">
                  <TextInput label={t('account.currentCode')} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} required />
                  <Button type="submit" variant="outline" color="red.9" loading={pending}>{t('account.turnOff')}</Button>
                </Group>
              </form>
            )}
          </Stack>
        ) : enrolment ? (
          <form onSubmit={(e) => { e.preventDefault(); void run(async () => { const r = await client.request(ConfirmEnrolment, { code: code.trim() }); setRecoveryCodes(r.confirmSecondFactorEnrolment.recoveryCodes); setEnrolment(undefined); setCode(''); await reload(); }); }}>
            <Stack>
              <List type="ordered" size="sm">
                <List.Item>{t('account.step1')}</List.Item>
                <List.Item>{t('account.step2')}</List.Item>
              </List>
              <Image src={enrolment.qrCodeDataUrl} alt={t('account.qrAlt')} w={240} h={240} />
              <Text size="sm">{t('account.secretFallback')} <Code data-testid="totp-secret">{enrolment.secret}</Code></Text>
              <Group align="flex-end">
                <TextInput label={t('account.firstCode')} autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.currentTarget.value)} required />
                <Button type="submit" loading={pending}>{t('account.confirm')}</Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button loading={pending} onClick={() => void run(async () => { const r = await client.request(StartEnrolment, {}); setEnrolment(r.startSecondFactorEnrolment); })}>{t('account.setUp')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  return (
    <Stack gap="md">
      <Title order={1}>{t('account.title')}</Title>
      {viewer && <Text c="dimmed">{viewer.displayName} · {viewer.email}</Text>}
      <SecondFactorCard />
      <SessionsCard />
    </Stack>
  );
}
