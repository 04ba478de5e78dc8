import { Anchor, Badge, Button, Checkbox, Group, Modal, MultiSelect, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ResultOf } from 'gql.tada';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { ArticleFields, ArticleQuery, ArticlesQuery, SaveArticleMutation } from './documents';
import { TaxonomyQuery } from '../Catalogue';

type Article = ResultOf<typeof ArticleFields>;
const CATEGORIES = ['ELIGIBILITY', 'HOW_TO_APPLY', 'PROGRAMME_RULES', 'GENERAL'];
const KINDS = ['TRAINING_COURSE', 'COE_COURSE', 'E_LEARNING', 'SPS_GRANT', 'DCB_PACKAGE', 'DEEP_PROGRAMME', 'STAFF_TALKS', 'EXPERT_BRIEFING', 'EXERCISE', 'ANALYSIS_SUPPORT', 'LESSONS_LEARNED_EXCHANGE'];

/** The knowledge base (issue #17 item 4): search in either language; administrators write and publish articles. */
export function HelpPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const category = params.get('category');
  const q = useQuery(ArticlesQuery, { search: debounced || null, category: (category as never) ?? null });
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('nav.help')}</Title>
          <Text c="dimmed">{t('help.intro')}</Text>
        </div>
        {can('ManageCatalogue') && <Button onClick={() => setEditing('new')}>{t('help.new')}</Button>}
      </Group>
      <Paper p="md" withBorder>
        <Group align="flex-end">
          <TextInput type="search" label={t('common.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={360} />
          <Select
            label={t('help.category')}
            clearable
            data={CATEGORIES.map((c) => ({ value: c, label: te('knowledgeCategory', c) }))}
            value={category}
            onChange={(v) => setParams(v ? { category: v } : {}, { replace: true })}
          />
        </Group>
      </Paper>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && q.data.knowledgeArticles.length === 0 && <Empty title={t('help.none')} />}
      {q.data?.knowledgeArticles.map((a) => (
        <Paper key={a.id} p="md" withBorder component="article" aria-labelledby={`article-${a.id}`}>
          <Group justify="space-between" align="flex-start">
            <Anchor component={Link} to={`/help/${a.slug}`} id={`article-${a.id}`} fw={600} underline="always">{a.title}</Anchor>
            <Group gap="xs">
              <Badge variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{te('knowledgeCategory', a.category)}</Badge>
              {!a.published && <Badge color="gray" variant="outline" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t('help.draft')}</Badge>}
              {can('ManageCatalogue') && <Button size="xs" variant="default" onClick={() => setEditing(a)}>{t('common.edit')}</Button>}
            </Group>
          </Group>
          <Text size="sm" c="dimmed" lineClamp={2}>{a.body}</Text>
        </Paper>
      ))}
      {editing && <ArticleEditor article={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void q.reload(); }} />}
    </Stack>
  );
}

export function HelpArticlePage() {
  const { t, te } = useI18n();
  const { slug = '' } = useParams();
  const q = useQuery(ArticleQuery, { slug });
  const taxonomy = useQuery(TaxonomyQuery, {});
  const areaName = new Map((taxonomy.data?.cooperationAreas ?? []).map((x) => [x.code, x.name]));
  const a = q.data?.knowledgeArticle;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/help">{t('help.back')}</Anchor>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.loading && !q.data && <Loading />}
      {q.data && !a && <Empty title={t('help.notFound')} />}
      {a && (
        <Paper p="lg" withBorder component="article" aria-labelledby="article-title">
          <Badge variant="light" mb="xs" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{te('knowledgeCategory', a.category)}</Badge>
          <Title order={1} id="article-title" mb="sm">{a.title}</Title>
          <Text style={{ whiteSpace: 'pre-line' }}>{a.body}</Text>
          {(a.offeringKinds.length > 0 || a.areaCodes.length > 0) && (
            <Text size="sm" c="dimmed" mt="md">
              {[...a.offeringKinds.map((k) => te('kind', k)), ...a.areaCodes.map((c) => areaName.get(c) ?? c)].join(' · ')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}

function ArticleEditor({ article, onClose, onSaved }: { article: Article | null; onClose: () => void; onSaved: () => void }) {
  const { t, te } = useI18n();
  const save = useMutation(SaveArticleMutation);
  const taxonomy = useQuery(TaxonomyQuery, {});
  const [v, setV] = useState({
    slug: article?.slug ?? '',
    category: article?.category ?? 'GENERAL',
    titleEn: article?.titleEn ?? '',
    titleFr: article?.titleFr ?? '',
    bodyEn: article?.bodyEn ?? '',
    bodyFr: article?.bodyFr ?? '',
    areaCodes: article?.areaCodes ?? [],
    offeringKinds: (article?.offeringKinds ?? []) as string[],
    published: article?.published ?? false,
  });
  const submit = async () => {
    try {
      await save.mutate({ input: { ...v, category: v.category as never, offeringKinds: v.offeringKinds as never, id: article?.id ?? null, expectedVersion: article?.version ?? null } });
    } catch {
      return; // shown in the dialog
    }
    onSaved();
  };
  return (
    <Modal opened onClose={onClose} title={article ? t('help.edit') : t('help.new')} size="xl">
      <Stack>
        <ErrorAlert error={save.error} />
        <Group grow>
          <TextInput label={t('help.slug')} required value={v.slug} onChange={(e) => setV({ ...v, slug: e.currentTarget.value })} />
          <Select label={t('help.category')} data={CATEGORIES.map((c) => ({ value: c, label: te('knowledgeCategory', c) }))} value={v.category} onChange={(c) => setV({ ...v, category: (c ?? 'GENERAL') as never })} allowDeselect={false} />
        </Group>
        <TextInput label={t('help.titleEn')} required value={v.titleEn} onChange={(e) => setV({ ...v, titleEn: e.currentTarget.value })} />
        <Textarea label={t('help.bodyEn')} required autosize minRows={4} value={v.bodyEn} onChange={(e) => setV({ ...v, bodyEn: e.currentTarget.value })} />
        <TextInput label={t('help.titleFr')} required value={v.titleFr} onChange={(e) => setV({ ...v, titleFr: e.currentTarget.value })} />
        <Textarea label={t('help.bodyFr')} required autosize minRows={4} value={v.bodyFr} onChange={(e) => setV({ ...v, bodyFr: e.currentTarget.value })} />
        <Group grow>
          <MultiSelect label={t('help.areas')} data={(taxonomy.data?.cooperationAreas ?? []).map((x) => ({ value: x.code, label: x.name }))} value={v.areaCodes} onChange={(x) => setV({ ...v, areaCodes: x })} />
          <MultiSelect label={t('help.kinds')} data={KINDS.map((k) => ({ value: k, label: te('kind', k) }))} value={v.offeringKinds} onChange={(x) => setV({ ...v, offeringKinds: x })} />
        </Group>
        <Checkbox label={t('help.published')} checked={v.published} onChange={(e) => setV({ ...v, published: e.currentTarget.checked })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => void submit()} loading={save.pending}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
