import { Badge, Button, Card, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { TaxonomyQuery } from '../Catalogue';
import { CreateSupportOfferMutation, RequestsForOfferQuery, SupportOffersQuery } from './documents';

const TYPES = ['MOBILE_TRAINING_TEAM', 'TRAINERS', 'EXPERTISE'];

/** Offers of support (issue #17 item 3) for NATO staff: the board, posting an offer, and the requests each fits. */
export function SupportOffersPage() {
  const { t, te, date } = useI18n();
  const { viewer } = useAuth();
  const q = useQuery(SupportOffersQuery, {});
  const [posting, setPosting] = useState(false);
  const [ranking, setRanking] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.support')}</Title>
          <Text c="dimmed">{t('support.intro')}</Text>
        </div>
        <Button onClick={() => setPosting(true)}>{t('support.post')}</Button>
      </Group>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && q.data.supportOffers.length === 0 && <Empty title={t('support.none')} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {q.data?.supportOffers.map((o) => (
          <Card key={o.id} withBorder component="article" aria-labelledby={`offer-${o.id}`}>
            <Group justify="space-between" align="flex-start">
              <Title order={2} size="h4" id={`offer-${o.id}`}>{o.title}</Title>
              <Badge variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{te('supportType', o.supportType)}</Badge>
            </Group>
            <Text size="sm">{o.providerName} ({te('providerKind', o.providerKind)}) · {o.area.name}</Text>
            <Text size="sm" c="dimmed">
              {date(o.availableFrom)} – {date(o.availableTo)} · {o.languages.join(', ').toUpperCase()} · {o.topics.map((x) => x.name).join(', ')}
            </Text>
            {o.matches && o.matches.length > 0 && <Text size="sm">{t('support.linkedTo', { refs: o.matches.map((m) => m.requestReference).join(', ') })}</Text>}
            <Group mt="sm">
              <Button size="xs" variant="default" onClick={() => setRanking(o.id)}>{t('support.fittingRequests')}</Button>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {posting && <PostOffer staff={viewer?.role === 'SECTION_STAFF'} onClose={() => setPosting(false)} onSaved={() => { setPosting(false); void q.reload(); }} />}
      {ranking && <FittingRequests offerId={ranking} onClose={() => setRanking(null)} />}
    </Stack>
  );
}

function FittingRequests({ offerId, onClose }: { offerId: string; onClose: () => void }) {
  const { t, te } = useI18n();
  const q = useQuery(RequestsForOfferQuery, { offerId });
  return (
    <Modal opened onClose={onClose} title={t('support.fittingRequests')} size="lg">
      <ErrorAlert error={q.error} />
      {q.loading && !q.data && <Loading />}
      {q.data && q.data.requestsForSupportOffer.length === 0 && <Text c="dimmed">{t('support.noFit')}</Text>}
      <Stack gap="xs">
        {q.data?.requestsForSupportOffer.map((c) => (
          <Text key={c.request.id} size="sm">
            <Link to={`/requests/${c.request.id}`}>{c.request.reference}</Link> · {c.request.title} · {c.request.partner.name} — {t('support.score', { score: c.score })}:{' '}
            {c.reasons.map((r) => te('matchReason', r)).join(', ')}
          </Text>
        ))}
      </Stack>
    </Modal>
  );
}

function PostOffer({ staff, onClose, onSaved }: { staff: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, te } = useI18n();
  const taxonomy = useQuery(TaxonomyQuery, {});
  const create = useMutation(CreateSupportOfferMutation);
  const [v, setV] = useState({ providerKind: staff ? 'SECTION' : 'ALLY', providerName: '', supportType: 'MOBILE_TRAINING_TEAM', title: '', description: '', areaCode: '', topicCodes: [] as string[], languages: 'en', availableFrom: '', availableTo: '' });
  const save = async () => {
    try {
      await create.mutate({
        input: {
          ...v,
          providerKind: v.providerKind as never,
          supportType: v.supportType as never,
          description: v.description || null,
          languages: v.languages.split(/[\s,]+/).filter(Boolean).map((l) => l.toLowerCase()),
        },
      });
    } catch {
      return; // shown in the dialog
    }
    onSaved();
  };
  const kinds = staff ? ['SECTION', 'COE'] : ['ALLY', 'COE', 'SECTION'];
  return (
    <Modal opened onClose={onClose} title={t('support.post')} size="lg">
      <Stack>
        <ErrorAlert error={create.error} />
        <Group grow>
          <Select label={t('support.providerKind')} data={kinds.map((k) => ({ value: k, label: te('providerKind', k) }))} value={v.providerKind} onChange={(x) => setV({ ...v, providerKind: x ?? kinds[0]! })} allowDeselect={false} />
          <TextInput label={t('support.providerName')} required value={v.providerName} onChange={(e) => setV({ ...v, providerName: e.currentTarget.value })} />
        </Group>
        <Select label={t('support.type')} data={TYPES.map((k) => ({ value: k, label: te('supportType', k) }))} value={v.supportType} onChange={(x) => setV({ ...v, supportType: x ?? 'EXPERTISE' })} allowDeselect={false} />
        <TextInput label={t('plans.title')} required value={v.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} />
        <Textarea label={t('support.description')} autosize minRows={2} value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <Select label={t('support.area')} required data={(taxonomy.data?.cooperationAreas ?? []).map((x) => ({ value: x.code, label: x.name }))} value={v.areaCode || null} onChange={(x) => setV({ ...v, areaCode: x ?? '' })} />
          <MultiSelect label={t('support.topics')} data={(taxonomy.data?.topics ?? []).map((x) => ({ value: x.code, label: x.name }))} value={v.topicCodes} onChange={(x) => setV({ ...v, topicCodes: x })} searchable />
        </Group>
        <Group grow>
          <TextInput label={t('support.languages')} description={t('support.languagesHint')} value={v.languages} onChange={(e) => setV({ ...v, languages: e.currentTarget.value })} />
          <TextInput type="date" label={t('support.from')} required value={v.availableFrom} onChange={(e) => setV({ ...v, availableFrom: e.currentTarget.value })} />
          <TextInput type="date" label={t('support.to')} required value={v.availableTo} onChange={(e) => setV({ ...v, availableTo: e.currentTarget.value })} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => void save()} loading={create.pending}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
