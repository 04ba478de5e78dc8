import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import { errorText, errorTitle } from '../api/error-text';

/** An API error in words: a title from its code, the server's own message, and a retry when it helps. */
export function ErrorAlert({ error, onRetry, title }: { error: ApiError | undefined | null; onRetry?: () => void; title?: string }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  const heading = title ?? errorTitle(t, error);
  // Field messages sit beside their fields (in the person's language); the alert then says what to do.
  const text = Object.keys(error.fields).length > 0 ? t('errorHint.BAD_USER_INPUT') : errorText(t, locale, error);
  // TRANSLATION_REQUIRED lists the field paths still missing (extensions.missing).
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  return (
    <Alert color={error.code === 'CONFLICT' ? 'yellow' : 'red'} title={heading} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        {Array.isArray(missing) && missing.length > 0 && (
          <Text size="sm" data-testid="missing-fields">
            {t('error.missingFields', { fields: missing.join(', ') })}
          </Text>
        )}
        {text !== error.message && error.message && (
          <details lang="en">
            <summary lang={locale} style={{ fontSize: 'var(--mantine-font-size-xs)', cursor: 'pointer' }}>{t('error.serverDetail')}</summary>
            <Text size="xs" c="dimmed">
              {error.message}
            </Text>
          </details>
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
