import { Badge, Box, Button, Card, Checkbox, Drawer, Grid, Group, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, type ApiError } from '../api/client';
import { useQuery } from '../api/hooks';
import { useAuth } from '../auth';
import { Empty, ErrorAlert, Loading } from '../components/feedback';
import { graphql, type ResultOf } from '../graphql';
import { useI18n } from '../i18n';
import { nextIteration } from '../lib/offering';
import { CatalogueArticles } from './plans/CatalogueArticles';

export const TaxonomyQuery = graphql(`
  query Taxonomy {
    cooperationAreas { code name }
    topics { code name }
    sections { code name }
  }
`);

const OfferingsQuery = graphql(`
  query Offerings($first: Int, $after: String, $search: String, $filter: OfferingFilter, $language: Language, $orderBy: OfferingOrder) {
    offerings(first: $first, after: $after, search: $search, filter: $filter, language: $language, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      facets {
        kinds { value count }
        areas { value count }
        topics { value count }
        sections { value count }
        deliveryModes { value count }
      }
      edges {
        node {
          id code title summary kind deliveryMode leadTimeDays
          provider { code name }
          owningSection { code name }
          iterations { id startDate endDate location status seatsAvailable capacity applicationDeadline }
        }
      }
    }
  }
`);

type OfferingNode = ResultOf<typeof OfferingsQuery>['offerings']['edges'][number]['node'];
const FACETS = ['kinds', 'areas', 'topics', 'sections', 'deliveryModes'] as const;
type FacetKey = (typeof FACETS)[number];

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '').split(',').filter(Boolean);
}

export function CataloguePage() {
  const phone = useMediaQuery('(max-width: 62em)') ?? false;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const { t, te, language, date, number } = useI18n();
  const { viewer, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const partnerCode = viewer?.partner?.code;
  const eligibleOnly = partnerCode ? params.get('eligible') !== '0' : false;
  const openSeats = params.get('seats') === '1';
  const from = params.get('from');
  const to = params.get('to');
  const order = params.get('order') ?? '';
  const selected = Object.fromEntries(FACETS.map((f) => [f, list(params, f)])) as Record<FacetKey, string[]>;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const filter = useMemo(
    () => ({
      kinds: selected.kinds.length ? (selected.kinds as never[]) : undefined,
      areaCodes: selected.areas.length ? selected.areas : undefined,
      topicCodes: selected.topics.length ? selected.topics : undefined,
      sectionCodes: selected.sections.length ? selected.sections : undefined,
      deliveryModes: selected.deliveryModes.length ? (selected.deliveryModes as never[]) : undefined,
      eligibleForPartner: eligibleOnly ? partnerCode : undefined,
      hasOpenSeats: openSeats ? true : undefined,
      startsAfter: from ?? undefined,
      startsBefore: to ?? undefined,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [params.toString(), partnerCode],
  );
  const variables = { first: 20, search: params.get('q') || undefined, filter, language, orderBy: (order || undefined) as never };
  const { data, error, loading, reload } = useQuery(OfferingsQuery, variables);
  const taxonomy = useQuery(TaxonomyQuery, {});
  const [more, setMore] = useState<OfferingNode[]>([]);
  const [cursor, setCursor] = useState<{ hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<ApiError>();
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore([]);
    setCursor(null);
  }, [data]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of taxonomy.data?.cooperationAreas ?? []) m.set(`areas:${a.code}`, a.name);
    for (const a of taxonomy.data?.topics ?? []) m.set(`topics:${a.code}`, a.name);
    for (const a of taxonomy.data?.sections ?? []) m.set(`sections:${a.code}`, a.name);
    return m;
  }, [taxonomy.data]);
  const facetLabel = (facet: FacetKey, value: string) =>
    facet === 'kinds' ? te('kind', value) : facet === 'deliveryModes' ? te('deliveryMode', value) : (names.get(`${facet}:${value}`) ?? value);

  const rows = [...(data?.offerings.edges.map((e) => e.node) ?? []), ...more];
  const page = cursor ?? data?.offerings.pageInfo;
  const loadMore = async () => {
    if (!page?.endCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await client.request(OfferingsQuery, { ...variables, after: page.endCursor });
      setMore((m) => [...m, ...next.offerings.edges.map((e) => e.node)]);
      setCursor(next.offerings.pageInfo);
    } catch (e) {
      setMoreError(e as ApiError);
    } finally {
      setLoadingMore(false);
    }
  };
  const activeFilters = FACETS.some((f) => selected[f].length) || openSeats || from || to;

  // On a phone the results come first: the filters open in a drawer from a button above them.
  const filterPanel = (
      <Paper p="md" withBorder component="aside" aria-label={t('catalogue.filters')}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('catalogue.filters')}
            </Title>
            {activeFilters && (
              <Button variant="subtle" size="compact-sm" onClick={() => update({ kinds: null, areas: null, topics: null, sections: null, deliveryModes: null, seats: null, from: null, to: null })}>
                {t('catalogue.clearFilters')}
              </Button>
            )}
          </Group>
          <Switch label={t('catalogue.openSeats')} checked={openSeats} onChange={(e) => update({ seats: e.currentTarget.checked ? '1' : null })} />
          <DatePickerInput
            type="range"
            label={t('catalogue.dateRange')}
            placeholder={t('catalogue.anyDate')}
            clearable
            value={[from, to]}
            onChange={(v) => update({ from: v[0] ? String(v[0]).slice(0, 10) : null, to: v[1] ? String(v[1]).slice(0, 10) : null })}
            valueFormat="D MMM YYYY"
          />
          {FACETS.map((facet) => {
            const counts = data?.offerings.facets[facet] ?? [];
            const values = [...counts.map((c) => c.value), ...selected[facet].filter((v) => !counts.some((c) => c.value === v))];
            if (!values.length) return null;
            return (
              <Checkbox.Group
                key={facet}
                label={t(`catalogue.facet.${facet}`)}
                value={selected[facet]}
                onChange={(v) => update({ [facet]: v.join(',') || null })}
              >
                <Stack gap={6} mt={6}>
                  {values.slice(0, 12).map((value) => (
                    <Checkbox
                      key={value}
                      value={value}
                      size="sm"
                      label={
                        <Group gap={6} wrap="nowrap">
                          <span>{facetLabel(facet, value)}</span>
                          <Text span c="dimmed" size="xs">
                            ({number(counts.find((c) => c.value === value)?.count ?? 0)})
                          </Text>
                        </Group>
                      }
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            );
          })}
        </Stack>
      </Paper>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('catalogue.title')}</Title>
          <Text c="dimmed">{t('catalogue.intro')}</Text>
        </div>
        {can('SubmitRequests') && (
          <Button component={Link} to="/requests/new" variant="light">
            {t('catalogue.openRequest')}
          </Button>
        )}
      </Group>
      <Paper p="md" withBorder>
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            style={{ flex: 1, minWidth: 260 }}
            label={t('catalogue.search')}
            placeholder={t('catalogue.searchPlaceholder')}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Select
            label={t('catalogue.sort')}
            w={200}
            value={order}
            onChange={(v) => update({ order: v || null })}
            data={[
              { value: '', label: t('catalogue.sort.default') },
              { value: 'TITLE', label: t('catalogue.sort.title') },
              { value: 'NEWEST', label: t('catalogue.sort.newest') },
              { value: 'START_DATE', label: t('catalogue.sort.startDate') },
              { value: 'CODE', label: t('catalogue.sort.code') },
            ]}
            allowDeselect={false}
          />
          {partnerCode && (
            <Switch
              label={t('catalogue.eligibleOnly', { partner: viewer?.partner?.name ?? partnerCode })}
              checked={eligibleOnly}
              onChange={(e) => update({ eligible: e.currentTarget.checked ? null : '0' })}
              mb={6}
            />
          )}
        </Group>
      </Paper>
      <Grid gap="md">
        {!phone && <Grid.Col span={{ base: 12, md: 3 }}>{filterPanel}</Grid.Col>}
        <Grid.Col span={{ base: 12, md: phone ? 12 : 9 }}>
          <Stack gap="sm">
            {phone && (
              <Button variant="default" onClick={() => setFiltersOpen(true)} aria-haspopup="dialog">
                {t('catalogue.filters')}
                {activeFilters ? ' •' : ''}
              </Button>
            )}
            <CatalogueArticles search={params.get('q') ?? ''} />
            <Text aria-live="polite" fw={500}>
              {data ? t('catalogue.resultCount', { count: data.offerings.totalCount }) : ''}
            </Text>
            <ErrorAlert error={error} onRetry={reload} />
            {loading && !data && <Loading />}
            {data && rows.length === 0 && <Empty title={t('catalogue.empty')}>{t('catalogue.emptyHint')}</Empty>}
            {rows.map((o) => {
              const next = nextIteration(o.iterations);
              return (
                <Card key={o.id} withBorder padding="md" component="article" aria-labelledby={`off-${o.id}`}>
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Box>
                      <Group gap="xs" mb={4}>
                        <Badge variant="light" color="navy">
                          {te('kind', o.kind)}
                        </Badge>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {o.code}
                        </Text>
                      </Group>
                      <Title order={2} size="h4" id={`off-${o.id}`}>
                        <Link to={`/offerings/${encodeURIComponent(o.code)}`} style={{ color: 'inherit' }}>
                          {o.title}
                        </Link>
                      </Title>
                      {o.summary && (
                        <Text size="sm" mt={4} lineClamp={2}>
                          {o.summary}
                        </Text>
                      )}
                      <Group gap="lg" mt="xs">
                        <Text size="sm" c="dimmed">
                          {t('catalogue.provider')}: <Text span c="dark">{o.provider?.name ?? o.owningSection.name}</Text>
                        </Text>
                        <Text size="sm" c="dimmed">
                          {t('catalogue.deliveryMode')}: <Text span c="dark">{te('deliveryMode', o.deliveryMode)}</Text>
                        </Text>
                      </Group>
                    </Box>
                    <Box miw={190} ta="right">
                      {next ? (
                        <>
                          <Text size="xs" c="dimmed">
                            {t('catalogue.nextIteration')}
                          </Text>
                          <Text size="sm" fw={600}>
                            {date(next.startDate)}
                          </Text>
                          <Text size="xs">{next.location}</Text>
                          <Text size="sm" fw={500} c={next.seatsAvailable === 0 ? 'red.8' : 'teal.9'}>
                            {next.seatsAvailable === null || next.seatsAvailable === undefined
                              ? t('catalogue.noSeatLimit')
                              : t('catalogue.seatsLeft', { count: next.seatsAvailable })}
                          </Text>
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {o.iterations.length ? t('catalogue.noUpcoming') : t('catalogue.onDemand')}
                        </Text>
                      )}
                    </Box>
                  </Group>
                </Card>
              );
            })}
            <ErrorAlert error={moreError} onRetry={loadMore} />
            {page?.hasNextPage && (
              <Button variant="default" onClick={loadMore} loading={loadingMore}>
                {t('catalogue.loadMore')}
              </Button>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <Drawer opened={phone && filtersOpen} onClose={() => setFiltersOpen(false)} title={t('catalogue.filters')} position="bottom" size="85%">
        {filterPanel}
      </Drawer>
    </Stack>
  );
}
