import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** An API error in words: a title from its code, the server's own message, and a retry when it helps. */
export function ErrorAlert({ error, onRetry, title }: { error: ApiError | undefined | null; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const known = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_TRANSITION', 'NOT_ELIGIBLE', 'CAPACITY_EXCEEDED', 'INVALID_FIELDS', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'NETWORK_ERROR', 'PARTNER_SUSPENDED', 'TRANSLATION_REQUIRED'];
  // TRANSLATION_REQUIRED lists the field paths still missing (extensions.missing).
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  const heading = title ?? t((known.includes(error.code) ? `error.${error.code}` : 'error.generic') as MessageKey);
  return (
    <Alert color={error.code === 'CONFLICT' ? 'yellow' : 'red'} title={heading} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        {Array.isArray(missing) && missing.length > 0 && (
          <Text size="sm" data-testid="missing-fields">
            {t('error.missingFields', { fields: missing.join(', ') })}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4}>
        <ThemeIcon variant="light" size="xl" radius="xl" aria-hidden>
          ∅
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {children && (
          <Text c="dimmed" size="sm" ta="center" maw={420}>
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
