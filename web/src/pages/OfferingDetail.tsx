import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { client } from '../api/client';
import { useAction, useQuery } from '../api/hooks';
import { useAuth } from '../auth';
import { Empty, ErrorAlert, Loading } from '../components/feedback';
import { StatusBadge } from '../components/StatusBadge';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';
import { RelatedArticles } from './plans/RelatedArticles';
import { CourseRequirements } from './nominees/CourseRequirements';
import { SurveyResultsPanel } from './nominees/SurveyResultsPanel';

export const OfferingQuery = graphql(`
  query Offering($code: String!, $language: Language) {
    offering(code: $code, language: $language) {
      id code title summary description kind subtype deliveryMode deliveryLanguages leadTimeDays
      prerequisites costNotes releasability eprimeReference etocCode status followed
      provider { code name }
      owningSection { code name mailbox acknowledgeTargetDays decideTargetDays }
      areas { code name }
      topics { code name }
      eligibleFrameworks { code name }
      eligiblePartners { code name }
      requiredProgrammeFlags
      iterations { id startDate endDate location status capacity seatsAvailable applicationDeadline nomineeRequirement { minClearance language minSlp } }
      nomineeRequirement { minClearance language minSlp }
    }
  }
`);

const FollowOffering = graphql(`mutation FollowOffering($id: ID!) { followOffering(offeringId: $id) }`);
const UnfollowOffering = graphql(`mutation UnfollowOffering($id: ID!) { unfollowOffering(offeringId: $id) }`);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

const EligibilityQuery = graphql(`
  query Eligibility($search: String!, $partner: String!) {
    offerings(first: 20, search: $search, filter: { eligibleForPartner: $partner }) { edges { node { code } } }
  }
`);

/**
 * May the caller's partner request this offering: the catalogue's own eligibility filter asked about this code
 * (the same rule the submission applies). null while unknown, and for callers without a partner.
 */
export function useEligibility(code: string): boolean | null {
  const { viewer } = useAuth();
  const partner = viewer?.partner?.code ?? '';
  const q = useQuery(EligibilityQuery, { search: code, partner }, { skip: !code || !partner });
  return partner && code && q.data ? q.data.offerings.edges.some((e) => e.node.code === code) : null;
}

export function OfferingDetailPage() {
  const { code = '' } = useParams();
  const { t, te, date, number, language } = useI18n();
  const { can, viewer } = useAuth();
  const { data, error, loading, reload } = useQuery(OfferingQuery, { code, language });
  const follow = useAction();
  const o = data?.offering;
  const eligible = useEligibility(o?.code ?? '');
  // No "Request this" for an offering the partner may not request: the verdict says why instead.
  const canRequest = can('SubmitRequests') && eligible !== false;
  const today = new Date().toISOString().slice(0, 10);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!o)
    return (
      <Empty title={t('offering.notFound')}>
        <Anchor component={Link} to="/catalogue">
          {t('offering.backToCatalogue')}
        </Anchor>
      </Empty>
    );

  const eligibility =
    o.eligibleFrameworks.length || o.eligiblePartners.length
      ? [...o.eligibleFrameworks.map((f) => f.name), ...o.eligiblePartners.map((p) => p.name)].join(', ')
      : t('offering.eligibleEveryone');
  // Programme flags narrow whatever the lists allow (DCB packages: partners flagged DCB only).
  const programmes = o.requiredProgrammeFlags.length ? ` · ${t('offering.programmeFlags', { flags: o.requiredProgrammeFlags.join(', ') })}` : '';

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to="/catalogue">
          {t('nav.catalogue')}
        </Anchor>
        <Text span>{o.code}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs" mb={4}>
            <Badge variant="light">{te('kind', o.kind)}</Badge>
            {o.subtype && <Badge variant="outline">{o.subtype}</Badge>}
            {o.status !== 'PUBLISHED' && <StatusBadge status={o.status} prefix="offeringStatus" />}
          </Group>
          <Title order={1}>{o.title}</Title>
          {o.summary && (
            <Text size="lg" c="dimmed" mt={4} maw={900}>
              {o.summary}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {viewer?.kind === 'USER' && (
            <Button
              variant={o.followed ? 'light' : 'default'}
              size="md"
              loading={follow.pending}
              aria-pressed={o.followed}
              onClick={() => void follow.run(async () => {
                if (o.followed) await client.request(UnfollowOffering, { id: o.id });
                else await client.request(FollowOffering, { id: o.id });
                await reload();
              })}
            >
              {o.followed ? t('offering.following') : t('offering.follow')}
            </Button>
          )}
          {canRequest && (
            <Button component={Link} to={`/requests/new?offering=${encodeURIComponent(o.code)}`} size="md">
              {t('offering.requestThis')}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={follow.error} />
      {eligible !== null && viewer?.partner && (
        <Alert color={eligible ? 'teal' : 'red'} variant="light" role="status" data-testid="eligibility-verdict" title={eligible ? t('offering.verdictEligible') : t('offering.verdictNotEligible')}>
          {eligible ? t('form.check.eligible', { partner: viewer.partner.name }) : t('offering.verdictNotEligibleText', { partner: viewer.partner.name })}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {o.description && (
              <Paper p="md" withBorder>
                <Title order={2} size="h3" mb="xs">
                  {t('offering.description')}
                </Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{o.description}</Text>
              </Paper>
            )}
            <Paper p="md" withBorder>
              <Title order={2} size="h3" mb="xs">
                {t('offering.iterations')}
              </Title>
              {o.iterations.length === 0 ? (
                <Text c="dimmed">{t('offering.noIterations')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('offering.dates')}</Table.Th>
                        <Table.Th scope="col">{t('offering.location')}</Table.Th>
                        <Table.Th scope="col">{t('offering.deadline')}</Table.Th>
                        <Table.Th scope="col">{t('offering.seats')}</Table.Th>
                        <Table.Th scope="col">{t('offering.iterationStatus')}</Table.Th>
                        {canRequest && <Table.Th scope="col"><span className="sr-only">{t('offering.requestThis')}</span></Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {o.iterations.map((i) => {
                        const open = i.status !== 'CANCELLED' && i.status !== 'COMPLETED' && i.startDate >= today;
                        return (
                          <Table.Tr key={i.id}>
                            <Table.Td>
                              {date(i.startDate)} – {date(i.endDate)}
                            </Table.Td>
                            <Table.Td>{i.location}</Table.Td>
                            <Table.Td>{i.applicationDeadline ? date(i.applicationDeadline) : '—'}</Table.Td>
                            <Table.Td>
                              {i.capacity === null || i.capacity === undefined
                                ? t('catalogue.noSeatLimit')
                                : t('offering.seatsOf', { available: i.seatsAvailable ?? 0, capacity: number(i.capacity) })}
                            </Table.Td>
                            <Table.Td>
                              <StatusBadge status={i.status} prefix="iterationStatus" />
                            </Table.Td>
                            {canRequest && (
                              <Table.Td>
                                {open && (
                                  <Button
                                    size="compact-sm"
                                    variant="light"
                                    component={Link}
                                    to={`/requests/new?offering=${encodeURIComponent(o.code)}&iteration=${i.id}`}
                                    aria-label={t('offering.requestIteration', { date: date(i.startDate) })}
                                  >
                                    {/* The visible word begins the accessible name (WCAG 2.5.3, label in name). */}
                                    {t('offering.requestShort')}
                                  </Button>
                                )}
                              </Table.Td>
                            )}
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            {o.prerequisites && (
              <Paper p="md" withBorder>
                <Title order={2} size="h3" mb="xs">
                  {t('offering.prerequisites')}
                </Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{o.prerequisites}</Text>
              </Paper>
            )}
            <CourseRequirements requirement={o.nomineeRequirement} iterations={o.iterations} />
            <SurveyResultsPanel offeringId={o.id} iterations={o.iterations} />
            <RelatedArticles areaCodes={o.areas.map((a) => a.code)} offeringKind={o.kind} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper p="md" withBorder component="aside" aria-label={t('offering.facts')}>
            <Stack gap="sm">
              <Title order={2} size="h3">
                {t('offering.facts')}
              </Title>
              <Fact label={t('offering.eligibility')}>{eligibility}{programmes}</Fact>
              <Fact label={t('offering.responsibleSection')}>
                {o.owningSection.name}
                <br />
                <Anchor href={`mailto:${o.owningSection.mailbox}`} size="sm">
                  {o.owningSection.mailbox}
                </Anchor>
              </Fact>
              <Fact label={t('offering.serviceTargets')}>
                {t('offering.targets', { ack: o.owningSection.acknowledgeTargetDays, decide: o.owningSection.decideTargetDays })}
              </Fact>
              <Fact label={t('catalogue.provider')}>{o.provider?.name ?? o.owningSection.name}</Fact>
              <Fact label={t('catalogue.deliveryMode')}>{te('deliveryMode', o.deliveryMode)}</Fact>
              {o.deliveryLanguages.length > 0 && (
                <Fact label={t('offering.languages')}>{o.deliveryLanguages.map((l) => new Intl.DisplayNames([language.toLowerCase()], { type: 'language' }).of(l) ?? l).join(', ')}</Fact>
              )}
              <Fact label={t('offering.leadTime')}>{t('offering.leadTimeDays', { days: o.leadTimeDays })}</Fact>
              {o.costNotes && <Fact label={t('offering.cost')}>{o.costNotes}</Fact>}
              {o.areas.length > 0 && <Fact label={t('catalogue.facet.areas')}>{o.areas.map((a) => a.name).join(', ')}</Fact>}
              {o.topics.length > 0 && (
                <Fact label={t('catalogue.facet.topics')}>
                  <Group gap={4} component="span">
                    {o.topics.map((tp) => (
                      <Badge key={tp.code} variant="outline" color="gray" size="sm" styles={{ label: { color: 'var(--mantine-color-dark-6)' } }}>
                        {tp.name}
                      </Badge>
                    ))}
                  </Group>
                </Fact>
              )}
              <Fact label={t('offering.code')}>
                {o.code}
                {o.etocCode ? ` · ETOC ${o.etocCode}` : ''}
                {o.eprimeReference ? ` · ePRIME ${o.eprimeReference}` : ''}
              </Fact>
              <Fact label={t('offering.releasability')}>{o.releasability}</Fact>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
