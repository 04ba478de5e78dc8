import { Alert, Badge, Button, Group, Modal, NumberInput, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ErrorAlert } from '../../components/feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';

// Issue #14: the seat board of an iteration (staff), the approve dialog with seats and a decision per nominee,
// and the nominees' decisions, places in line and seat offers to confirm (partner and staff).

export const NominationsQuery = graphql(`query Nominations($id: ID!) {
  request(id: $id) { id version status seatsRequested seatsAllocated
    participants { name }
    nominations { index state reason waitlistPosition offerExpiresAt }
    iteration { id }
  }
}`);

export const SeatBoardQuery = graphql(`query SeatBoard($id: ID!) {
  seatBoard(iterationId: $id) {
    iterationId status capacity seatsAllocated partnerQuota
    perPartner { partner { code name } seats offered waiting }
    line { position state partner { code name } requestId requestReference index queuedAt offerExpiresAt }
  }
}`);

const ApproveMutation = graphql(`mutation ApproveWithSeats($input: ApproveRequestInput!) { approveRequest(input: $input) { id version status } }`);
const ConfirmOfferMutation = graphql(`mutation ConfirmSeatOffer($input: SeatOfferInput!) { confirmSeatOffer(input: $input) { id version } }`);
const DeclineOfferMutation = graphql(`mutation DeclineSeatOffer($input: SeatOfferInput!) { declineSeatOffer(input: $input) { id version } }`);

type Decision = 'ACCEPTED' | 'WAITLISTED' | 'DECLINED';

const STATE_COLOR: Record<string, string> = { ACCEPTED: 'green', WAITLISTED: 'yellow', OFFERED: 'blue', DECLINED: 'red', LAPSED: 'gray', RELEASED: 'gray' };

/** Each nominee's decision and place; the partner confirms or declines a seat offered to its nominee. */
export function NominationsPanel({ requestId, partner, refreshKey, onChange }: { requestId: string; partner: boolean; refreshKey: number; onChange: () => void }) {
  const { t, te, dateTime, number } = useI18n();
  const { data, reload } = useQuery(NominationsQuery, { id: requestId });
  const { run, pending, error } = useAction();
  useEffect(() => {
    if (refreshKey > 0) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);
  const r = data?.request;
  if (!r?.nominations || r.nominations.length === 0) return null;

  const answer = (index: number, confirm: boolean) =>
    run(async () => {
      if (confirm) await client.request(ConfirmOfferMutation, { input: { requestId, index } });
      else await client.request(DeclineOfferMutation, { input: { requestId, index } });
      await reload();
      onChange();
    });

  return (
    <Paper p="md" withBorder component="section" aria-labelledby="nominations-title">
      <Title order={2} size="h3" id="nominations-title" mb="sm">
        {t('seats.nominations')}
      </Title>
      <ErrorAlert error={error} />
      <Table>
        <caption className="sr-only">{t('seats.nominations')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('form.p.name')}</Table.Th>
            <Table.Th scope="col">{t('seats.decision')}</Table.Th>
            <Table.Th scope="col">{t('seats.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.nominations.map((n) => {
            const name = r.participants?.[n.index]?.name ?? t('seats.nomineeN', { n: n.index + 1 });
            return (
              <Table.Tr key={n.index}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>
                  {/* Dark text on light fills, as StatusBadge (WCAG AA). */}
                  <Badge color={STATE_COLOR[n.state]} variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                    {te('nomination', n.state)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {n.state === 'WAITLISTED' && n.waitlistPosition !== null && n.waitlistPosition !== undefined && <Text size="sm">{t('seats.position', { n: number(n.waitlistPosition) })}</Text>}
                  {n.state === 'OFFERED' && (
                    <Stack gap={4}>
                      <Text size="sm">{t('seats.offerUntil', { date: dateTime(n.offerExpiresAt) })}</Text>
                      {partner && (
                        <Group gap="xs">
                          <Button size="compact-sm" loading={pending} onClick={() => void answer(n.index, true)} aria-label={t('seats.confirmFor', { name })}>
                            {t('seats.confirm')}
                          </Button>
                          <Button size="compact-sm" variant="outline" color="red.9" loading={pending} onClick={() => void answer(n.index, false)} aria-label={t('seats.declineFor', { name })}>
                            {t('seats.decline')}
                          </Button>
                        </Group>
                      )}
                    </Stack>
                  )}
                  {n.reason && <Text size="sm">{n.reason}</Text>}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The iteration's seats for staff: capacity, per partner (seats, offers, waiting), quota, and the line. */
export function SeatBoardPanel({ iterationId, refreshKey }: { iterationId: string; refreshKey: number }) {
  const { t, te, number, dateTime } = useI18n();
  const { data, reload } = useQuery(SeatBoardQuery, { id: iterationId });
  useEffect(() => {
    if (refreshKey > 0) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);
  const b = data?.seatBoard;
  if (!b) return null;
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="seat-board-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="seat-board-title">
          {t('seats.board')}
        </Title>
        <StatusBadge status={b.status} prefix="iterationStatus" />
      </Group>
      <Stack gap="xs">
        <Text size="sm">
          {b.capacity === null || b.capacity === undefined
            ? t('seats.unlimited', { allocated: number(b.seatsAllocated) })
            : t('seats.allocatedOf', { allocated: number(b.seatsAllocated), capacity: number(b.capacity) })}
          {b.partnerQuota ? ` · ${t('seats.quota', { quota: number(b.partnerQuota) })}` : ''}
        </Text>
        {b.perPartner.length > 0 && (
          <Table>
            <caption className="sr-only">{t('seats.perPartner')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('request.partner')}</Table.Th>
                <Table.Th scope="col">{t('seats.held')}</Table.Th>
                <Table.Th scope="col">{t('seats.offered')}</Table.Th>
                <Table.Th scope="col">{t('seats.waiting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.perPartner.map((p) => (
                <Table.Tr key={p.partner.code}>
                  <Table.Td>{p.partner.name}</Table.Td>
                  <Table.Td>{number(p.seats)}</Table.Td>
                  <Table.Td>{number(p.offered)}</Table.Td>
                  <Table.Td>{number(p.waiting)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="sm" fw={600}>
          {t('seats.line')}
        </Text>
        {b.line.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('seats.lineEmpty')}
          </Text>
        ) : (
          <Table>
            <caption className="sr-only">{t('seats.line')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('request.partner')}</Table.Th>
                <Table.Th scope="col">{t('seats.request')}</Table.Th>
                <Table.Th scope="col">{t('seats.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.line.map((l) => (
                <Table.Tr key={`${l.requestId ?? l.partner.code}-${l.index}-${l.position ?? 'o'}`}>
                  <Table.Td>{l.position ?? '—'}</Table.Td>
                  <Table.Td>{l.partner.code}</Table.Td>
                  <Table.Td>{l.requestReference ? `${l.requestReference} · ${t('seats.nomineeN', { n: l.index + 1 })}` : '—'}</Table.Td>
                  <Table.Td>
                    {te('nomination', l.state)}
                    {l.state === 'OFFERED' && l.offerExpiresAt ? ` · ${dateTime(l.offerExpiresAt)}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

/** Approve with a chosen number of seats and a decision per nominee (declining one needs a reason the partner reads). */
export function ApproveDialog({
  opened,
  onClose,
  onDone,
  request,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
  request: { id: string; version: number; seatsRequested: number; participants?: ReadonlyArray<{ name: string }> | null; iteration?: { seatsAvailable?: number | null } | null };
}) {
  const { t, te } = useI18n();
  const nominees = request.participants ?? [];
  const available = request.iteration?.seatsAvailable;
  // Staff choose 0..requested, bounded by the seats still free; the server checks both again (CAPACITY_EXCEEDED, BAD_USER_INPUT).
  const maxSeats = Math.max(Math.min(request.seatsRequested, available ?? request.seatsRequested), 0);
  const initialSeats = maxSeats;
  const [seats, setSeats] = useState<number | string>(initialSeats);
  const [decisions, setDecisions] = useState<Array<{ decision: Decision; reason: string }>>([]);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const { run, pending, error, setError } = useAction();
  useEffect(() => {
    if (!opened) return;
    setSeats(initialSeats);
    // The first seats go to the first nominees; the rest wait.
    setDecisions(nominees.map((_, i) => ({ decision: i < initialSeats ? 'ACCEPTED' : 'WAITLISTED', reason: '' })));
    setError(undefined);
    setOverride('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  /** A new seat count re-deals the seats: the first nominees not declined take them, the others wait in line. */
  const changeSeats = (value: number | string) => {
    setSeats(value);
    let left = Math.max(Math.min(Number(value) || 0, maxSeats), 0);
    setDecisions((all) =>
      all.map((d) => {
        if (d.decision === 'DECLINED') return d;
        if (left > 0) {
          left--;
          return { ...d, decision: 'ACCEPTED' };
        }
        return { ...d, decision: 'WAITLISTED' };
      }),
    );
  };
  const tooMany = Number(seats) > maxSeats;

  const clash = error?.code === 'CONFLICT' && /clashOverrideReason/.test(error.message);
  const missingReason = decisions.some((d) => d.decision === 'DECLINED' && !d.reason.trim());

  const submit = () =>
    run(async () => {
      await client.request(ApproveMutation, {
        input: {
          id: request.id,
          expectedVersion: request.version,
          seats: Number(seats) || 0,
          nominees: decisions.map((d, index) => ({ index, decision: d.decision, reason: d.reason.trim() || null })),
          reason: reason.trim() || null,
          clashOverrideReason: override.trim() || null,
        },
      });
      await onDone();
    });

  return (
    <Modal opened={opened} onClose={onClose} title={t('request.transitionTitle', { action: te('action', 'APPROVED') })} size="lg">
      <Stack>
        <NumberInput
          label={t('seats.seatsToGrant')}
          description={
            available === null || available === undefined
              ? t('seats.requestedOf', { requested: request.seatsRequested })
              : `${t('seats.requestedOf', { requested: request.seatsRequested })} · ${t('seats.seatsLeft', { n: available })}`
          }
          min={0}
          max={maxSeats}
          clampBehavior="strict"
          allowDecimal={false}
          allowNegative={false}
          value={seats}
          onChange={changeSeats}
          error={tooMany ? t('seats.tooMany', { max: maxSeats }) : undefined}
        />
        {nominees.length > 0 && Number(seats) < nominees.length && <Text size="sm">{t('seats.restWaitlisted')}</Text>}
        {available !== null && available !== undefined && available > (Number(seats) || 0) && decisions.some((d) => d.decision === 'WAITLISTED') && (
          <Text size="sm" fw={600}>
            {t('seats.waitlistOffered')}
          </Text>
        )}
        {nominees.map((p, i) => (
          <Group key={i} align="flex-end" grow>
            <Select
              label={t('seats.decisionFor', { name: p.name })}
              allowDeselect={false}
              value={decisions[i]?.decision ?? 'ACCEPTED'}
              data={(['ACCEPTED', 'WAITLISTED', 'DECLINED'] as Decision[]).map((d) => ({ value: d, label: te('nomination', d) }))}
              onChange={(v) => setDecisions(decisions.map((d, j) => (j === i ? { ...d, decision: (v ?? 'ACCEPTED') as Decision } : d)))}
            />
            {decisions[i]?.decision === 'DECLINED' && (
              <Textarea
                label={t('seats.declineReason', { name: p.name })}
                required
                autosize
                minRows={1}
                value={decisions[i]!.reason}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setDecisions(decisions.map((d, j) => (j === i ? { ...d, reason: value } : d)));
                }}
              />
            )}
          </Group>
        ))}
        <Textarea label={t('request.reasonOptional')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        {clash && (
          <Alert color="yellow" title={t('seats.clashTitle')}>
            <Textarea label={t('seats.clashOverride')} required autosize minRows={2} value={override} onChange={(e) => setOverride(e.currentTarget.value)} />
          </Alert>
        )}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={pending} disabled={missingReason || tooMany || (clash && override.trim().length < 10)} onClick={() => void submit()}>
            {t('common.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export const SubstitutionsQuery = graphql(`query Substitutions($id: ID!) {
  request(id: $id) { id status
    participants { name }
    nomineeChangeWindow { days substitutionsOnly editableUntil }
    substitutions { id index status reason decisionReason proposed { name email } }
  }
}`);
const RequestSubstitutionMutation = graphql(`mutation RequestSubstitution($input: RequestSubstitutionInput!) { requestSubstitution(input: $input) { id } }`);
const DecideSubstitutionMutation = graphql(`mutation DecideSubstitution($input: DecideSubstitutionInput!) { decideSubstitution(input: $input) { id } }`);

const OPEN_STATUSES = ['SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED', 'APPROVED', 'SCHEDULED'];

/**
 * The change window (issue #14 item 7): inside it the partner asks for a substitution of one nominee, and staff
 * approve or reject it with a reason. Shown only inside the window or when there are substitutions.
 */
export function SubstitutionsPanel({ requestId, partner, onChange }: { requestId: string; partner: boolean; onChange: () => void }) {
  const { t, te, date } = useI18n();
  const { data, reload } = useQuery(SubstitutionsQuery, { id: requestId });
  const [index, setIndex] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [why, setWhy] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const { run: runAction, pending, error } = useAction();
  const r = data?.request;
  const window = r?.nomineeChangeWindow;
  const list = r?.substitutions ?? [];
  const canAsk = partner && !!window?.substitutionsOnly && OPEN_STATUSES.includes(r?.status ?? '');
  if (!r || (!canAsk && list.length === 0)) return null;

  const run = (fn: () => Promise<unknown>) =>
    runAction(async () => {
      await fn();
      setName('');
      setEmail('');
      setWhy('');
      setRejectReason('');
      await reload();
      onChange();
    });

  return (
    <Paper p="md" withBorder component="section" aria-labelledby="substitutions-title">
      <Title order={2} size="h3" id="substitutions-title" mb="sm">
        {t('seats.substitutions')}
      </Title>
      <Stack gap="sm">
        {window?.substitutionsOnly && <Text size="sm">{t('seats.windowActive', { days: window.days, date: date(window.editableUntil) })}</Text>}
        <ErrorAlert error={error} />
        {list.map((s) => (
          <Paper key={s.id} p="sm" withBorder component="article" aria-label={t('seats.substitutionOf', { n: s.index + 1 })}>
            <Group justify="space-between">
              <Text size="sm">
                {t('seats.substitutionLine', { from: r.participants?.[s.index]?.name ?? t('seats.nomineeN', { n: s.index + 1 }), to: s.proposed.name })}
              </Text>
              <Badge variant="light" color={s.status === 'APPROVED' ? 'green' : s.status === 'REJECTED' ? 'red' : 'yellow'} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                {te('substitution', s.status)}
              </Badge>
            </Group>
            <Text size="xs">{s.reason}</Text>
            {s.decisionReason && <Text size="xs">{s.decisionReason}</Text>}
            {!partner && s.status === 'PENDING' && (
              <Stack gap="xs" mt="xs">
                <Textarea label={t('seats.rejectReason')} autosize minRows={1} value={rejectReason} onChange={(e) => setRejectReason(e.currentTarget.value)} />
                <Group gap="xs">
                  <Button size="compact-sm" loading={pending} onClick={() => void run(() => client.request(DecideSubstitutionMutation, { input: { id: s.id, approve: true } }))}>
                    {t('seats.approveSubstitution')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    loading={pending}
                    disabled={!rejectReason.trim()}
                    onClick={() => void run(() => client.request(DecideSubstitutionMutation, { input: { id: s.id, approve: false, reason: rejectReason.trim() } }))}
                  >
                    {t('seats.rejectSubstitution')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Paper>
        ))}
        {canAsk && (
          <Stack gap="xs">
            <Select
              label={t('seats.replace')}
              value={index}
              onChange={setIndex}
              data={(r.participants ?? []).map((p, i) => ({ value: String(i), label: p.name }))}
            />
            <Group grow>
              <TextInput label={t('form.p.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextInput label={t('form.p.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            </Group>
            <Textarea label={t('request.reasonRequired')} autosize minRows={2} value={why} onChange={(e) => setWhy(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button
                loading={pending}
                disabled={index === null || !name.trim() || !why.trim()}
                onClick={() =>
                  void run(() =>
                    client.request(RequestSubstitutionMutation, {
                      input: { requestId, index: Number(index), nominee: { name: name.trim(), email: email.trim() || null }, reason: why.trim() },
                    }),
                  )
                }
              >
                {t('seats.askSubstitution')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
