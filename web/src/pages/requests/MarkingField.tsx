import { Group, Select, Text } from '@mantine/core';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/** The controlled list of releasability markings (issue #15), as the API validates a request's marking against it. */
const MarkingsQuery = graphql(`query ReleasabilityMarkings { releasabilityMarkings { code labelEn labelFr scope } }`);

/** The API's default when a request names no marking. */
export const DEFAULT_MARKING = 'NATO UNCLASSIFIED';

/** What each kind of marking does on a request, by its scope (the marking codes are data; the scopes are the API's enum). */
const SCOPE_HELP: Record<string, MessageKey> = { PUBLIC: 'marking.scope.PUBLIC', PARTNERS: 'marking.scope.PARTNERS', LISTED: 'marking.scope.LISTED' };

function useMarkings() {
  const { locale } = useI18n();
  const { data } = useQuery(MarkingsQuery, {});
  const markings = data?.releasabilityMarkings ?? [];
  const label = (code: string) => {
    const m = markings.find((x) => x.code === code);
    return m ? (locale === 'fr' ? m.labelFr : m.labelEn) : code;
  };
  const scopeOf = (code: string) => markings.find((x) => x.code === code)?.scope;
  return { markings, label, scopeOf };
}

/** The request form's picker: the marking, and under it what it does. */
export function MarkingSelect({ value, onChange, error }: { value: string; onChange: (code: string) => void; error?: string }) {
  const { t } = useI18n();
  const { markings, label, scopeOf } = useMarkings();
  const scope = scopeOf(value);
  return (
    <Select
      label={t('marking.label')}
      description={`${t('marking.help')}${scope && SCOPE_HELP[scope] ? ` ${t(SCOPE_HELP[scope])}` : ''}`}
      allowDeselect={false}
      value={value}
      onChange={(v) => onChange(v ?? DEFAULT_MARKING)}
      error={error}
      data={markings.length ? markings.map((m) => ({ value: m.code, label: label(m.code) })) : [{ value, label: value }]}
    />
  );
}

/** The marking on the request page, for the partner and for staff alike: its label and what it does. */
export function RequestMarking({ code }: { code: string }) {
  const { t } = useI18n();
  const { label, scopeOf } = useMarkings();
  const scope = scopeOf(code);
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start" data-testid="request-marking">
      <Text size="sm" c="dimmed">
        {t('marking.label')}
      </Text>
      <Text size="sm" ta="right" component="div">
        {label(code)}
        {scope && SCOPE_HELP[scope] && (
          <Text size="xs" c="dimmed">
            {t(SCOPE_HELP[scope])}
          </Text>
        )}
      </Text>
    </Group>
  );
}
