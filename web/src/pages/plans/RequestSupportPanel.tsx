import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { LinkSupportMatchMutation, OffersForRequestQuery, RequestSupportQuery } from './documents';

/**
 * Offers of support on a request (issue #17 item 3): the linked ones for everyone who sees the request (the partner
 * included); for NATO staff the ranked open offers with the reasons, which a coordinator links.
 */
export function RequestSupportPanel({ requestId }: { requestId: string }) {
  const { t, te, date } = useI18n();
  const { viewer, can } = useAuth();
  const staff = can('TriageRequests') || can('ManageCatalogue');
  const linked = useQuery(RequestSupportQuery, { id: requestId });
  const candidates = useQuery(OffersForRequestQuery, { requestId }, { skip: !staff });
  const link = useMutation(LinkSupportMatchMutation);
  const matches = linked.data?.request?.supportMatches ?? [];
  const ranked = (candidates.data?.supportOffersForRequest ?? []).filter((c) => !c.linked);
  if (!matches.length && !ranked.length) return null;
  const doLink = async (offerId: string) => {
    try {
      await link.mutate({ input: { offerId, requestId } });
    } catch {
      return; // shown below
    }
    await Promise.all([linked.reload(), candidates.reload()]);
  };
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="support-title">
      <Title order={2} size="h4" id="support-title" mb="sm">{t('support.onRequest')}</Title>
      <Stack gap="xs">
        {matches.map((m) => (
          <Text key={m.id} size="sm">
            <b>{m.offer.title}</b> — {m.offer.providerName} · {te('supportType', m.offer.supportType)} · {date(m.offer.availableFrom)} – {date(m.offer.availableTo)}
            {m.note ? ` · ${m.note}` : ''}
          </Text>
        ))}
        {ranked.length > 0 && <Text size="sm" fw={600} mt="xs">{t('support.candidates')}</Text>}
        {ranked.map((c) => (
          <Stack key={c.offer.id} gap={2}>
            <Text size="sm">
              {c.offer.title} — {c.offer.providerName} · {t('support.score', { score: c.score })}: {c.reasons.map((r) => te('matchReason', r)).join(', ')}
            </Text>
            {viewer?.role === 'COORDINATOR' && (
              <Button size="xs" variant="default" w="fit-content" onClick={() => void doLink(c.offer.id)} loading={link.pending}>{t('support.link')}</Button>
            )}
          </Stack>
        ))}
        <ErrorAlert error={link.error} />
      </Stack>
    </Paper>
  );
}
