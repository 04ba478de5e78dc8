import { Alert, Anchor, Badge, Breadcrumbs, Button, Checkbox, FileInput, Grid, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { isStaff, useAuth } from '../../auth';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { RequestPlanPanel } from '../plans/RequestPlanPanel';
import { RequestSupportPanel } from '../plans/RequestSupportPanel';
import { TaxonomyQuery } from '../Catalogue';
import { RequestNominees } from '../nominees/RequestNominees';
import { FieldSchemaQuery, KindFieldsView } from '../../components/KindFields';
import { SpsReviewPanel } from '../sps/SpsReviewPanel';
import { ApproveDialog, NominationsPanel, SeatBoardPanel, SubstitutionsPanel } from './Seats';
import { AttachmentList, RequestAttachments, uploadAttachment } from './Attachments';
import { AssignMutation, CommentMutation, RequestQuery, RerouteMutation, RespondMutation, TransitionMutation, WithdrawMutation } from './documents';
import { RequestMarking } from './MarkingField';

type Req = NonNullable<ResultOf<typeof RequestQuery>['request']>;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

const MarkRequestNoticesRead = graphql(`mutation MarkRequestNoticesRead($id: ID!) { markRequestNoticesRead(requestId: $id) }`);

/** Inserts a ready-made text (its section's or every section's) into the box below, to be edited before sending. */
function CannedReplyPicker({ replies, onPick }: { replies: ReadonlyArray<{ id: string; title: string; body: string }>; onPick: (body: string) => void }) {
  const { t } = useI18n();
  return (
    <Select
      size="xs"
      label={t('request.cannedReply')}
      placeholder={t('request.cannedReplyPlaceholder')}
      value={null}
      data={replies.map((c) => ({ value: c.id, label: c.title }))}
      onChange={(id) => {
        const reply = replies.find((c) => c.id === id);
        if (reply) onPick(reply.body);
      }}
    />
  );
}

export function RequestPage() {
  const { id = '' } = useParams();
  const { t, te, date, dateTime, number, locale } = useI18n();
  const { viewer } = useAuth();
  const staff = isStaff(viewer);
  const { data, error, loading, reload } = useQuery(RequestQuery, { id });
  const taxonomy = useQuery(TaxonomyQuery, {}, { skip: !staff });
  const [actionError, setActionError] = useState<ApiError>();
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'transition' | 'withdraw' | 'reroute'; to?: string } | null>(null);
  const [reason, setReason] = useState('');
  const [section, setSection] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [commentFile, setCommentFile] = useState<File | null>(null);
  const [internal, setInternal] = useState(false);
  const [answer, setAnswer] = useState('');
  // Issue #14: approval with seats and nominee decisions, and a counter that refreshes the seat panels after a change.
  const [approving, setApproving] = useState(false);
  const [seatsKey, setSeatsKey] = useState(0);
  const r = data?.request;
  // Opening the request reads its notices (issue #16): the bell and the notices page stop counting them.
  const openedId = r?.id;
  useEffect(() => {
    if (openedId && viewer?.kind === 'USER') void client.request(MarkRequestNoticesRead, { id: openedId }).catch(() => undefined);
  }, [openedId, viewer?.kind]);
  const hasKindFields = !!r?.kindFields && Object.keys(r.kindFields).length > 0;
  const fieldSchema = useQuery(FieldSchemaQuery, { offeringId: r?.offering?.id ?? null }, { skip: !hasKindFields || !r?.offering });
  const navigate = useNavigate();

  /**
   * An entry's text: the server's own texts come as a kind and parameters (params) and are rendered in the
   * person's language; what a person wrote (a reason) has no params and is shown as written.
   */
  const eventText = (e: Req['timeline'][number]): string | null => {
    const p = e.params;
    if (!p) return e.reason ?? null;
    const n = (p.index ?? 0) + 1;
    switch (p.kind) {
      case 'SEATS':
        return t('eventText.seats', { count: p.seats ?? 0 });
      case 'DECISIONS':
        return t('eventText.decisions', { accepted: p.accepted ?? 0, waitlisted: p.waitlisted ?? 0, declined: p.declined ?? 0 });
      case 'NOMINEE':
        return t('eventText.nominee', { n });
      case 'NOMINEE_NOTE':
        return t('eventText.nomineeWithText', { n, text: p.note ?? '' });
      case 'SEAT_OFFER':
        return t('eventText.offer', { n, date: dateTime(p.expiresAt) });
      case 'CLASH_OVERRIDDEN':
        return t('eventText.clashOverridden', { text: p.note ?? '' });
      case 'INFORMATION_PROVIDED':
        return t('eventText.informationProvided');
      case 'SPS_PEER_REVIEW':
        return t('eventText.spsPeerReview');
      case 'SPS_COMMITTEE':
        return t('eventText.spsCommittee');
      case 'SPS_DECISION':
        return t('eventText.spsDecision', {
          batch: p.batch ?? '',
          date: date(p.meetingDate),
          outcome: (locale === 'fr' ? p.outcomeFr : p.outcomeEn) ?? '',
          text: p.note ?? '',
        });
    }
  };

  /** Reroute: the request may leave the caller's reach with its section, so the page goes where the work is. */
  const reroute = async (x: NonNullable<typeof r>) => {
    setPending(true);
    setActionError(undefined);
    try {
      await client.request(RerouteMutation, { id: x.id, sectionCode: section!, reason: reason.trim(), expectedVersion: x.version });
      setDialog(null);
      setReason('');
      const again = await client.request(RequestQuery, { id: x.id });
      notifications.show({ color: 'teal', message: t('request.rerouted', { reference: x.reference, section: section ?? '' }) });
      if (again.request) await reload();
      else navigate(staff ? '/queue' : '/requests');
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setPending(false);
    }
  };
  // The dialog keeps its title while it fades out.
  const lastDialog = useRef(dialog);
  if (dialog) lastDialog.current = dialog;
  const shown = dialog ?? lastDialog.current;

  /** Runs a change; a CONFLICT reloads the request and says why instead of overwriting someone's work. */
  const act = async (fn: (r: Req) => Promise<unknown>) => {
    if (!r) return;
    setPending(true);
    setActionError(undefined);
    setConflict(false);
    try {
      await fn(r);
      setDialog(null);
      setReason('');
      await reload();
      setSeatsKey((k) => k + 1);
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'CONFLICT') {
        setConflict(true);
        setDialog(null);
        await reload();
      } else setActionError(err);
    } finally {
      setPending(false);
    }
  };

  if (loading && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!r)
    return (
      <Empty title={t('request.notFound')}>
        <Anchor component={Link} to={staff ? '/queue' : '/requests'}>
          {t('request.backToList')}
        </Anchor>
      </Empty>
    );

  const transitions = r.allowedTransitions.filter((s) => s !== 'WITHDRAWN');
  const canWithdraw = r.allowedTransitions.includes('WITHDRAWN') && !staff;
  const canRespond = !staff && r.status === 'INFORMATION_REQUESTED';
  // The question is the reason given when information was last requested.
  const question = r.status === 'INFORMATION_REQUESTED' ? [...r.timeline].filter((e) => e.toStatus === 'INFORMATION_REQUESTED').sort((a, b) => a.at.localeCompare(b.at)).pop()?.reason : null;
  /** A button's label: going back to review from "information requested" is resuming, not acknowledging. */
  const actionLabel = (to: string) => (to === 'UNDER_REVIEW' && r.status === 'INFORMATION_REQUESTED' ? t('action.resumeReview') : te('action', to));
  const needsReason = (to?: string) => to === 'DECLINED' || to === 'INFORMATION_REQUESTED' || to === 'CANCELLED';
  const comments = r.comments;

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to={staff ? '/queue' : '/requests'}>
          {staff ? t('nav.queue') : t('nav.myRequests')}
        </Anchor>
        <Text span>{r.reference}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs" mb={4}>
            <Text ff="monospace" fw={600}>
              {r.reference}
            </Text>
            <StatusBadge status={r.status} />
            {r.overdue && (
              <Badge color="red.9" variant="filled">
                {t('request.overdue')}
              </Badge>
            )}
          </Group>
          <Title order={1}>{r.title}</Title>
        </div>
        <Group>
          {r.status === 'DRAFT' && !staff && (
            <Button component={Link} to={`/requests/new?draft=${r.id}`}>
              {t('request.continueDraft')}
            </Button>
          )}
          {canWithdraw && (
            <Button color="red.9" variant="outline" onClick={() => setDialog({ kind: 'withdraw' })}>
              {t('request.withdraw')}
            </Button>
          )}
        </Group>
      </Group>
      {conflict && (
        <Alert color="yellow" title={t('error.CONFLICT')} role="alert" withCloseButton onClose={() => setConflict(false)}>
          {t('request.conflictReloaded')}
        </Alert>
      )}
      <ErrorAlert error={actionError} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {staff && (transitions.length > 0 || true) && (
              <Paper p="md" withBorder component="section" aria-labelledby="actions-title">
                <Title order={2} size="h3" id="actions-title" mb="sm">
                  {t('request.actions')}
                </Title>
                <Group gap="xs">
                  {transitions.map((to) => (
                    <Button key={to} variant={to === 'APPROVED' ? 'filled' : to === 'DECLINED' || to === 'CANCELLED' ? 'outline' : 'light'} color={to === 'DECLINED' || to === 'CANCELLED' ? 'red.9' : undefined} onClick={() => (to === 'APPROVED' && r.iteration ? setApproving(true) : setDialog({ kind: 'transition', to }))}>
                      {actionLabel(to)}
                    </Button>
                  ))}
                  {transitions.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('request.noTransitions')}
                    </Text>
                  )}
                </Group>
                <Group gap="xs" mt="sm">
                  {r.assignee?.id !== viewer?.id ? (
                    <Button variant="default" size="xs" loading={pending} onClick={() => act((x) => client.request(AssignMutation, { id: x.id, assigneeId: viewer!.id, expectedVersion: x.version }))}>
                      {t('request.assignToMe')}
                    </Button>
                  ) : (
                    <Button variant="default" size="xs" loading={pending} onClick={() => act((x) => client.request(AssignMutation, { id: x.id, assigneeId: null, expectedVersion: x.version }))}>
                      {t('request.unassign')}
                    </Button>
                  )}
                  {r.assignableStaff.length > 0 && (
                    <Select
                      size="xs"
                      w={220}
                      aria-label={t('request.assignTo')}
                      placeholder={t('request.assignTo')}
                      value={null}
                      data={r.assignableStaff.filter((p) => p.id !== r.assignee?.id).map((p) => ({ value: p.id, label: p.displayName }))}
                      onChange={(id) => id && void act((x) => client.request(AssignMutation, { id: x.id, assigneeId: id, expectedVersion: x.version }))}
                    />
                  )}
                  <Button variant="default" size="xs" onClick={() => setDialog({ kind: 'reroute' })}>
                    {t('request.reroute')}
                  </Button>
                </Group>
              </Paper>
            )}
            {canRespond && (
              <Paper p="md" withBorder component="section" aria-labelledby="respond-title" style={{ borderColor: 'var(--mantine-color-orange-6)' }}>
                <Title order={2} size="h3" id="respond-title">
                  {t('request.respondTitle')}
                </Title>
                {question && (
                  <blockquote className="info-question" data-testid="info-question">
                    <Text size="sm" fw={600}>
                      {t('request.theQuestion')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {question}
                    </Text>
                  </blockquote>
                )}
                <Text size="sm" mb="sm">
                  {t('request.respondIntro')}
                </Text>
                <Textarea label={t('request.yourAnswer')} autosize minRows={3} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />
                <Group justify="flex-end" mt="sm">
                  <Button
                    disabled={!answer.trim()}
                    loading={pending}
                    onClick={() =>
                      act(async (x) => {
                        await client.request(RespondMutation, { input: { id: x.id, body: answer.trim(), expectedVersion: x.version } });
                        setAnswer('');
                      })
                    }
                  >
                    {t('request.sendAnswer')}
                  </Button>
                </Group>
              </Paper>
            )}
            <Paper p="md" withBorder component="section" aria-labelledby="details-title">
              <Title order={2} size="h3" id="details-title" mb="sm">
                {t('request.details')}
              </Title>
              <Stack gap="sm">
                <div>
                  <Text size="sm" fw={600}>
                    {t('form.purpose')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {r.purpose || '—'}
                  </Text>
                </div>
                {r.justification && (
                  <div>
                    <Text size="sm" fw={600}>
                      {t('form.justification')}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {r.justification}
                    </Text>
                  </div>
                )}
                {hasKindFields && (
                  <div>
                    <Text size="sm" fw={600}>
                      {t('kindFields.title')}
                    </Text>
                    <KindFieldsView schema={fieldSchema.data?.requestFieldSchema?.schema} value={r.kindFields!} />
                  </div>
                )}
                {r.participants && r.participants.length > 0 && (
                  <Table.ScrollContainer minWidth={560} className="stack-table">
                    <Table>
                      <caption className="sr-only">{t('form.participants')}</caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('form.p.name')}</Table.Th>
                          <Table.Th scope="col">{t('form.p.rank')}</Table.Th>
                          <Table.Th scope="col">{t('form.p.email')}</Table.Th>
                          <Table.Th scope="col">{t('form.p.language')}</Table.Th>
                          <Table.Th scope="col">{t('form.p.clearance')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {r.participants.map((p, i) => (
                          <Table.Tr key={i}>
                            <Table.Td data-label={t('form.p.name')}>{p.name}</Table.Td>
                            <Table.Td data-label={t('form.p.rank')}>{p.rankOrTitle}</Table.Td>
                            <Table.Td data-label={t('form.p.email')}>{p.email}</Table.Td>
                            <Table.Td data-label={t('form.p.language')}>{p.languageLevel}</Table.Td>
                            <Table.Td data-label={t('form.p.clearance')}>{p.clearance}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Stack>
            </Paper>
            {staff && r.offeringKind === 'SPS_GRANT' && <SpsReviewPanel requestId={r.id} onChange={() => void reload()} />}
            <RequestNominees requestId={r.id} />
            <NominationsPanel requestId={r.id} partner={!staff} refreshKey={seatsKey} onChange={() => void reload()} />
            {r.iteration && <SubstitutionsPanel requestId={r.id} partner={!staff} onChange={() => void reload()} />}
            <RequestAttachments requestId={r.id} attachments={r.attachments} canSeePeople={r.participants !== null} onChange={reload} />
            <Paper p="md" withBorder component="section" aria-labelledby="conversation-title">
              <Title order={2} size="h3" id="conversation-title" mb="sm">
                {t('request.conversation')}
              </Title>
              <Stack gap="sm">
                {comments.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('request.noComments')}
                  </Text>
                )}
                {comments.map((c) => (
                  <Paper key={c.id} p="sm" withBorder className={c.internal ? 'internal-note' : undefined} component="article" aria-label={c.internal ? t('request.internalNote') : t('request.comment')}>
                    <Group justify="space-between" mb={4}>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {c.author?.displayName ?? t('request.someone')}
                        </Text>
                        {c.internal && (
                          <Badge color="orange" variant="filled" size="sm" styles={{ root: { background: '#a63c00' } }}>
                            {t('request.internalNote')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {dateTime(c.createdAt)}
                      </Text>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {c.body}
                    </Text>
                    <AttachmentList attachments={r.attachments.filter((a) => a.commentId === c.id)} onChange={reload} />
                  </Paper>
                ))}
                {r.status !== 'DRAFT' && (
                  <Stack gap="xs" mt="xs">
                    {staff && r.cannedReplies.length > 0 && (
                      <CannedReplyPicker replies={r.cannedReplies} onPick={(body) => setComment((c) => (c.trim() ? `${c.trim()}\n\n${body}` : body))} />
                    )}
                    <Textarea label={internal ? t('request.newInternalNote') : staff ? t('request.newComment') : t('request.newCommentPartner')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
                    <FileInput label={t('attachments.withComment')} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt" value={commentFile} onChange={setCommentFile} clearable clearButtonProps={{ 'aria-label': t('attachments.clear') }} size="xs" />
                    <Group justify="space-between">
                      {staff ? <Checkbox label={t('request.markInternal')} checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} /> : <span />}
                      <Button
                        disabled={!comment.trim()}
                        loading={pending}
                        color={internal ? 'orange.9' : undefined}
                        onClick={() =>
                          act(async (x) => {
                            const posted = await client.request(CommentMutation, { input: { requestId: x.id, body: comment.trim(), internal } });
                            setComment('');
                            // The file goes to the comment just posted (its author attaches it).
                            if (commentFile) await uploadAttachment(x.id, commentFile, { commentId: posted.addComment.id });
                            setCommentFile(null);
                          })
                        }
                      >
                        {internal ? t('request.addInternalNote') : t('request.addComment')}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper p="md" withBorder component="section" aria-labelledby="summary-title">
              <Title order={2} size="h3" id="summary-title" mb="sm">
                {t('request.summary')}
              </Title>
              <Stack gap={6}>
                <Fact label={t('request.partner')}>{r.partner.name}</Fact>
                {r.offering ? (
                  <Fact label={t('request.offering')}>
                    <Anchor component={Link} to={`/offerings/${encodeURIComponent(r.offering.code)}`} size="sm">
                      {r.offering.title}
                    </Anchor>
                  </Fact>
                ) : (
                  r.area && <Fact label={t('catalogue.facet.areas')}>{r.area.name}</Fact>
                )}
                {r.iteration && (
                  <Fact label={t('request.iteration')}>
                    {date(r.iteration.startDate)} – {date(r.iteration.endDate)}
                    <br />
                    {r.iteration.location}
                  </Fact>
                )}
                <Fact label={t('request.seats')}>
                  {t('request.seatsValue', { requested: r.seatsRequested, allocated: r.seatsAllocated })}
                  {staff && r.iteration && r.iteration.capacity !== null && r.iteration.capacity !== undefined && (
                    <Text size="xs" c="dimmed">
                      {t('request.iterationSeats', { available: number(r.iteration.seatsAvailable ?? 0), capacity: number(r.iteration.capacity) })}
                    </Text>
                  )}
                </Fact>
                {(r.desiredStart || r.desiredEnd) && (
                  <Fact label={t('request.desiredPeriod')}>
                    {date(r.desiredStart)} – {date(r.desiredEnd)}
                  </Fact>
                )}
                <Fact label={t('form.priority')}>{te('priority', r.priority)}</Fact>
                <RequestMarking code={r.releasability} />
                <Fact label={t('request.section')}>{r.routedSection?.name ?? '—'}</Fact>
                {staff && <Fact label={t('request.routing')}>{r.routingRule ? `${te('routingReason', r.routingReason)}: ${r.routingRule.name}` : te('routingReason', r.routingReason)}</Fact>}
                <Fact label={t('request.assignee')}>{r.assignee?.displayName ?? t('request.unassigned')}</Fact>
                <Fact label={t('request.submitter')}>{r.submitter?.displayName ?? '—'}</Fact>
                {r.status !== 'DRAFT' && <Fact label={t('request.submittedAt')}>{r.submittedAt ? dateTime(r.submittedAt) : '—'}</Fact>}
                {r.acknowledgeDueAt && !r.acknowledgedAt && <Fact label={t('request.ackDue')}>{dateTime(r.acknowledgeDueAt)}</Fact>}
                {r.decisionDueAt && !r.decidedAt && <Fact label={t('request.decisionDue')}>{dateTime(r.decisionDueAt)}</Fact>}
              </Stack>
            </Paper>
            {staff && r.iteration && <SeatBoardPanel iterationId={r.iteration.id} refreshKey={seatsKey} />}
            <RequestPlanPanel requestId={r.id} />
            <RequestSupportPanel requestId={r.id} />
            <Paper p="md" withBorder component="section" aria-labelledby="timeline-title">
              <Title order={2} size="h3" id="timeline-title" mb="sm">
                {t('request.timeline')}
              </Title>
              <Timeline bulletSize={14} lineWidth={2} active={r.timeline.length}>
                {r.timeline.map((e) => (
                  <Timeline.Item key={e.id} title={<Text size="sm" fw={600}>{e.type === 'STATUS_CHANGED' && e.toStatus ? t('event.statusTo', { status: te('status', e.toStatus) }) : e.type === 'COMMENTED' && e.internal ? t('event.internalNote') : te('event', e.type)}</Text>}>
                    <Text size="xs" c="dimmed">
                      {dateTime(e.at)} · {e.actor?.displayName ?? te('actorKind', e.actorKind)}
                    </Text>
                    {e.section && (e.type === 'ROUTED' || e.type === 'REROUTED') && <Text size="xs">→ {e.section.name}</Text>}
                    {e.attachment && <Text size="xs">{e.attachment.fileName}</Text>}
                    {eventText(e) && (
                      <Text size="xs" style={{ whiteSpace: 'pre-line' }} className={e.internal ? 'internal-note' : undefined} data-testid="event-text">
                        {e.internal ? `${t('request.internalNote')}: ` : ''}
                        {eventText(e)}
                      </Text>
                    )}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <ApproveDialog
        opened={approving}
        onClose={() => setApproving(false)}
        request={r}
        onDone={async () => {
          setApproving(false);
          await reload();
          setSeatsKey((k) => k + 1);
        }}
      />
      <Modal
        opened={!!dialog}
        onClose={() => setDialog(null)}
        title={shown?.kind === 'withdraw' ? t('request.withdrawTitle') : shown?.kind === 'reroute' ? t('request.rerouteTitle') : t('request.transitionTitle', { action: shown?.to ? actionLabel(shown.to) : '' })}
      >
        <Stack>
          {dialog?.kind === 'reroute' && (
            <Select
              label={t('request.newSection')}
              searchable
              required
              value={section}
              onChange={setSection}
              data={(taxonomy.data?.sections ?? []).filter((s) => s.code !== r.routedSection?.code).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
            />
          )}
          {staff && dialog?.to === 'INFORMATION_REQUESTED' && r.cannedReplies.length > 0 && (
            <CannedReplyPicker replies={r.cannedReplies} onPick={(body) => setReason((c) => (c.trim() ? `${c.trim()}\n\n${body}` : body))} />
          )}
          <Textarea
            label={dialog?.kind === 'reroute' || needsReason(dialog?.to) ? t('request.reasonRequired') : t('request.reasonOptional')}
            required={dialog?.kind === 'reroute' || needsReason(dialog?.to)}
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            description={dialog?.to === 'INFORMATION_REQUESTED' ? t('request.infoRequestHint') : dialog?.kind === 'reroute' ? t('request.rerouteHint') : undefined}
          />
          <ErrorAlert error={actionError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={pending}
              disabled={(dialog?.kind === 'reroute' && (!section || !reason.trim())) || (needsReason(dialog?.to) && !reason.trim())}
              color={dialog?.kind === 'withdraw' || dialog?.to === 'DECLINED' ? 'red.9' : undefined}
              onClick={() =>
                dialog?.kind === 'reroute' ? void reroute(r) : act((x) => {
                  const why = reason.trim() || null;
                  if (dialog?.kind === 'withdraw') return client.request(WithdrawMutation, { input: { id: x.id, reason: why, expectedVersion: x.version } });
                  return client.request(TransitionMutation, { input: { id: x.id, to: dialog!.to as never, reason: why, expectedVersion: x.version } });
                })
              }
            >
              {t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
