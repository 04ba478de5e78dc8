import { Alert, Anchor, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, client } from '../api/client';
import { useQuery } from '../api/hooks';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/feedback';
import { LanguageSwitch } from '../components/Layout';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';

/** The sign-in form, used by the page and by the dialog shown when a session ends mid-work. */
export function SignInForm({ onSignedIn, presetEmail }: { onSignedIn?: () => void; presetEmail?: string }) {
  const { t } = useI18n();
  const { login } = useAuth();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  /** The password was right and the account has a second factor: ask for the code. */
  const [needCode, setNeedCode] = useState(false);
  const form = useForm({
    initialValues: { email: presetEmail ?? '', password: '', code: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : t('signIn.emailInvalid')),
      password: (v) => (v ? null : t('signIn.passwordRequired')),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setPending(true);
        setError(undefined);
        try {
          await login(values.email.trim(), values.password, needCode ? values.code.trim() : undefined);
          onSignedIn?.();
        } catch (e) {
          const err = e as ApiError;
          if ((err.details as { secondFactorRequired?: boolean } | undefined)?.secondFactorRequired && !needCode) {
            setNeedCode(true);
            setError(undefined);
          } else setError(err);
        } finally {
          setPending(false);
        }
      })}
    >
      <Stack>
        <ErrorAlert error={error} title={error?.code === 'UNAUTHENTICATED' ? t('signIn.failed') : undefined} />
        <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
        <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        {needCode && (
          <TextInput
            label={t('signIn.code')}
            description={t('signIn.codeHint')}
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
            {...form.getInputProps('code')}
          />
        )}
        <Button type="submit" loading={pending} fullWidth>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Box mih="100vh" bg="navy.9">
      <header>
        <Box px="lg" py="md" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Text c="white" fw={700} fz="lg">
            <img src="/favicon.svg" alt="" width={28} height={28} style={{ verticalAlign: 'middle', marginRight: 8 }} />
            {t('app.name')}
          </Text>
          <LanguageSwitch dark />
        </Box>
      </header>
      <main id="main">
        <Center px="md" py={48}>
          <Paper withBorder shadow="md" p="xl" radius="md" w={420} maw="100%">
            <Title order={1} size="h2" mb="xs">
              {title}
            </Title>
            {children}
          </Paper>
        </Center>
      </main>
    </Box>
  );
}

const SignInOptionsQuery = graphql(`query SignInOptions { signInOptions { organisation organisationSignInPath } }`);

const SSO_REASONS = ['not_configured', 'provider_unavailable', 'bad_state', 'wrong_issuer', 'code_rejected', 'denied', 'email_unverified', 'no_email', 'no_role', 'bad_claims', 'inactive', 'linked_elsewhere', 'failed'] as const;

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const options = useQuery(SignInOptionsQuery, {});
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // Only known reasons are shown, as our own words: nothing from the URL reaches the page.
  const sso = SSO_REASONS.find((r) => r === params.get('sso'));
  const organisation = options.data?.signInOptions;
  return (
    <AuthFrame title={t('signIn.title')}>
      <Text c="dimmed" size="sm" mb="lg">
        {t('signIn.intro')}
      </Text>
      {sso && (
        <Alert color="red" title={t('sso.failedTitle')} role="alert" mb="md">
          {t(`sso.${sso}` as 'sso.failed')}
        </Alert>
      )}
      {organisation?.organisation && organisation.organisationSignInPath && (
        <>
          <Button component="a" href={organisation.organisationSignInPath} variant="outline" fullWidth mb="md">
            {t('sso.button')}
          </Button>
          <Divider label={t('sso.or')} labelPosition="center" mb="md" />
        </>
      )}
      <SignInForm onSignedIn={() => navigate(from, { replace: true })} />
      <Anchor component={Link} to="/forgot-password" size="sm" mt="md" display="block">
        {t('forgot.link')}
      </Anchor>
    </AuthFrame>
  );
}

const RequestPasswordReset = graphql(`mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }`);

/** "Forgot password": the same confirmation whatever the address, so the page never tells which accounts exist. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError>();
  const [sentTo, setSentTo] = useState<string>();
  const [pending, setPending] = useState(false);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : t('signIn.emailInvalid')) },
  });
  return (
    <AuthFrame title={t('forgot.title')}>
      {sentTo ? (
        <Stack>
          <Text role="status">{t('forgot.sent', { email: sentTo })}</Text>
          <Anchor component={Link} to="/sign-in" size="sm">{t('setPassword.backToSignIn')}</Anchor>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            setPending(true);
            setError(undefined);
            try {
              await client.request(RequestPasswordReset, { email: values.email.trim() });
              setSentTo(values.email.trim());
            } catch (e) {
              setError(e as ApiError);
            } finally {
              setPending(false);
            }
          })}
        >
          <Stack>
            <Text c="dimmed" size="sm">{t('forgot.intro')}</Text>
            <ErrorAlert error={error} />
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <Button type="submit" loading={pending}>{t('forgot.submit')}</Button>
            <Anchor component={Link} to="/sign-in" size="sm">{t('setPassword.backToSignIn')}</Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}

const SetPasswordMutation = graphql(`mutation SetPassword($token: String!, $password: String!) { setPassword(token: $token, password: $password) }`);

export function SetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 12 ? null : t('setPassword.tooShort')),
      confirm: (v, values) => (v === values.password ? null : t('setPassword.mismatch')),
    },
  });
  return (
    <AuthFrame title={t('setPassword.title')}>
      {done ? (
        <Stack>
          <Text role="status">{t('setPassword.done')}</Text>
          <Button component={Link} to="/sign-in">
            {t('signIn.submit')}
          </Button>
        </Stack>
      ) : !token ? (
        <Text role="alert">{t('setPassword.noToken')}</Text>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            setPending(true);
            setError(undefined);
            try {
              await client.request(SetPasswordMutation, { token, password: values.password });
              setDone(true);
            } catch (e) {
              setError(e as ApiError);
            } finally {
              setPending(false);
            }
          })}
        >
          <Stack>
            <Text c="dimmed" size="sm">
              {t('setPassword.intro')}
            </Text>
            <ErrorAlert error={error} />
            <PasswordInput label={t('setPassword.password')} description={t('setPassword.rules')} autoComplete="new-password" required {...form.getInputProps('password')} />
            <PasswordInput label={t('setPassword.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={pending}>
              {t('setPassword.submit')}
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('setPassword.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
