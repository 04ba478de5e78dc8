import { Alert, Button, Code, CopyButton, Group, Image, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError, client } from '../api/client';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/feedback';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';

const StartEnrolment = graphql(`mutation StartSecondFactorEnrolment { startSecondFactorEnrolment { secret otpauthUri qrCodeDataUrl } }`);
const ConfirmEnrolment = graphql(`mutation ConfirmSecondFactorEnrolment($code: String!) { confirmSecondFactorEnrolment(code: $code) { recoveryCodes } }`);
const DisableSecondFactor = graphql(`mutation DisableSecondFactor($code: String!) { disableSecondFactor(code: $code) }`);

/** The second factor: set it up with a QR code, confirm with a first code, keep the recovery codes (shown once). */
function SecondFactorCard() {
  const { t } = useI18n();
  const { viewer, reload } = useAuth();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrCodeDataUrl: string }>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
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
    </Stack>
  );
}
