import { ActionIcon, Alert, Anchor, Button, Grid, Group, List, NumberInput, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, client } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert, Loading } from '../../components/feedback';
import { FieldSchemaQuery, KindFieldsEditor, problemsByPath, type FieldProblem, type KindValues } from '../../components/KindFields';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { ObjectiveSelect } from '../plans/ObjectiveSelect';
import { RelatedArticles } from '../plans/RelatedArticles';
import type { MessageKey } from '../../i18n/en';
import { NomineePicker } from '../nominees/NomineePicker';
import { OfferingQuery, useEligibility } from '../OfferingDetail';
import { RequestQuery, SaveDraftMutation, SubmitRequestMutation } from './documents';
import { DEFAULT_MARKING, MarkingSelect } from './MarkingField';


/** Areas of cooperation, for an open request when nothing in the catalogue fits. */
const FormAreasQuery = graphql(`query FormAreas { cooperationAreas { code name } }`);

interface Participant {
  name: string;
  rankOrTitle: string;
  email: string;
  languageLevel: string;
  clearance: string;
  /** Picked from the nominee directory: the server takes the person as the directory has them. */
  nomineeId?: string | null;
}
interface Values {
  title: string;
  iterationId: string | null;
  /** An open request's area (no offering). */
  areaCode: string | null;
  purpose: string;
  justification: string;
  desiredStart: string | null;
  desiredEnd: string | null;
  seatsRequested: number;
  priority: string;
  participants: Participant[];
  /** Issue #15: the offering kind's extra fields, as its schema describes them. */
  kindFields: KindValues;
  /** Issue #17: the objective of the partner's plan it serves. */
  objectiveId: string | null;
  /** Issue #15: a code of releasabilityMarkings (absent from local copies typed before it existed). */
  releasability?: string;
}
type Submitted = ResultOf<typeof SubmitRequestMutation>['submitRequest'];

const emptyParticipant = (): Participant => ({ name: '', rankOrTitle: '', email: '', languageLevel: '', clearance: '' });
const orNull = (s: string) => (s.trim() ? s.trim() : null);
const today = () => new Date().toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PARTICIPANT_KEYS = ['name', 'rankOrTitle', 'email', 'languageLevel', 'clearance'] as const;
const PARTICIPANT_LABELS: Record<(typeof PARTICIPANT_KEYS)[number], MessageKey> = {
  name: 'form.p.name',
  rankOrTitle: 'form.p.rank',
  email: 'form.p.email',
  languageLevel: 'form.p.language',
  clearance: 'form.p.clearance',
};
const hasAny = (p: Participant) => PARTICIPANT_KEYS.some((k) => p[k].trim()) || Boolean(p.nomineeId);

/**
 * What the form can tell before the server does, keyed like the API's field paths (`participants.0.email`,
 * 0-based as the inputs are; shown to people 1-based). Required fields are not here: they are listed as what
 * stops the submission, without painting an untouched form red.
 */
function validate(values: Values): Partial<Record<string, MessageKey>> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const now = today();
  if (values.desiredStart && values.desiredStart < now) errors.desiredStart = 'fieldError.pastDate';
  if (values.desiredEnd && values.desiredEnd < now) errors.desiredEnd = 'fieldError.pastDate';
  else if (values.desiredStart && values.desiredEnd && values.desiredEnd < values.desiredStart) errors.desiredEnd = 'fieldError.endBeforeStart';
  values.participants.forEach((p, i) => {
    if (p.email.trim() && !EMAIL.test(p.email.trim())) errors[`participants.${i}.email`] = 'fieldError.email';
    if (!p.name.trim() && !p.nomineeId && hasAny(p)) errors[`participants.${i}.name`] = 'fieldError.required';
  });
  return errors;
}

/**
 * The form's own copy of what was typed, in this browser (localStorage): the server keeps what is valid as the
 * draft; this keeps everything else too (a mistyped email, a row with only a rank), so reopening the draft shows
 * exactly what was typed. `version` is the draft version it was typed over: a newer server version (edited in
 * another tab or by a colleague) wins over it.
 */
interface LocalCopy {
  values: Values;
  version: number | null;
}
const LOCAL_PREFIX = 'pcp.requestForm.';
function readLocal(key: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(LOCAL_PREFIX + key);
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}
function writeLocal(key: string, copy: LocalCopy): void {
  try {
    localStorage.setItem(LOCAL_PREFIX + key, JSON.stringify(copy));
  } catch {
    /* storage full or unavailable: the server's draft still holds the valid part */
  }
}
function dropLocal(key: string): void {
  try {
    localStorage.removeItem(LOCAL_PREFIX + key);
  } catch {
    /* unavailable */
  }
}

export function RequestFormPage() {
  const { t, te, date, number, language } = useI18n();
  const { viewer } = useAuth();
  const [params, setParams] = useSearchParams();
  const draftParam = params.get('draft');
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const draftQuery = useQuery(RequestQuery, { id: draftParam ?? '' }, { skip: !draftParam || !!draft });
  const offeringCode = params.get('offering') ?? draftQuery.data?.request?.offering?.code ?? '';
  const offering = useQuery(OfferingQuery, { code: offeringCode, language }, { skip: !offeringCode });
  const eligibleVerdict = useEligibility(offeringCode);
  const o = offering.data?.offering;
  // No offering named: an open request in an area of cooperation.
  const openRequest = !offeringCode && !(draftParam && draftQuery.loading);
  const areas = useQuery(FormAreasQuery, {}, { skip: !openRequest });
  const fieldSchema = useQuery(FieldSchemaQuery, { offeringId: o?.id ?? null }, { skip: !o });
  const kindSchema = fieldSchema.data?.requestFieldSchema?.schema;
  // The saved draft's field problems (lenient: the draft keeps what was typed).
  const [draftProblems, setDraftProblems] = useState<FieldProblem[]>([]);

  const newKey = `new.${params.get('offering') ?? ''}.${params.get('iteration') ?? ''}`;
  const [values, setValues] = useState<Values>(() => (!draftParam && readLocal(newKey)?.values) || {
    title: '',
    iterationId: params.get('iteration'),
    areaCode: params.get('area'),
    purpose: '',
    justification: '',
    desiredStart: null,
    desiredEnd: null,
    seatsRequested: 1,
    priority: 'NORMAL',
    participants: [emptyParticipant()],
    kindFields: {},
    objectiveId: params.get('objective'),
    releasability: DEFAULT_MARKING,
  });
  const [dirty, setDirty] = useState(false);
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const [saveState, setSaveState] = useState<{ at?: string; error?: ApiError; saving?: boolean }>({});
  const [submitError, setSubmitError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<Submitted>();
  // One key per intended submission: a double click, or a retry after a lost answer, cannot create two requests.
  const idempotencyKey = useRef(crypto.randomUUID());
  const frozen = useRef(false);

  const localKey = draft?.id ?? (draftParam || newKey);
  const errors = useMemo(() => validate(values), [values]);
  const goneTo = draftQuery.data?.request && draftQuery.data.request.status !== 'DRAFT' ? draftQuery.data.request.id : null;

  // Prefill from the offering, or load the draft.
  // Once: a title the person clears stays cleared.
  const prefilled = useRef(false);
  useEffect(() => {
    if (!o || prefilled.current || draftParam) return;
    prefilled.current = true;
    setValues((v) => (v.title ? v : { ...v, title: o.title }));
  }, [o, draftParam]);
  useEffect(() => {
    const r = draftQuery.data?.request;
    if (!r || draft || r.status !== 'DRAFT') return;
    setDraft({ id: r.id, version: r.version });
    const local = readLocal(r.id);
    if (local && (local.version === null || local.version >= r.version)) {
      setValues(local.values);
      setDirty(true);
      return;
    }
    setValues({
      title: r.title,
      iterationId: r.iteration?.id ?? null,
      areaCode: r.area?.code ?? null,
      purpose: r.purpose ?? '',
      justification: r.justification ?? '',
      desiredStart: r.desiredStart ?? null,
      desiredEnd: r.desiredEnd ?? null,
      seatsRequested: r.seatsRequested,
      priority: r.priority,
      objectiveId: r.objective?.id ?? null,
      releasability: r.releasability,
      participants: r.participants?.length ? r.participants.map((p) => ({ name: p.name, rankOrTitle: p.rankOrTitle ?? '', email: p.email ?? '', languageLevel: p.languageLevel ?? '', clearance: p.clearance ?? '', nomineeId: p.nomineeId })) : [emptyParticipant()],
      kindFields: r.kindFields ?? {},
    });
    setDraftProblems(r.kindFieldProblems);
  }, [draftQuery.data, draft]);

  // Every change is copied to this browser at once; the server gets the valid part a moment later.
  useEffect(() => {
    if (dirty && !frozen.current) writeLocal(localKey, { values, version: draft?.version ?? null });
  }, [values, dirty, localKey, draft]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
  };
  const setParticipant = (i: number, key: keyof Participant, value: string) => {
    setValues((v) => ({ ...v, participants: v.participants.map((p, j) => (j === i ? { ...p, [key]: value } : p)) }));
    setDirty(true);
  };

  /** The input for the API; for a draft, only what is valid (the rest stays in the local copy). */
  const fields = (forDraft = false) => ({
    title: values.title.trim(),
    offeringId: o?.id ?? null,
    iterationId: values.iterationId,
    areaCode: o ? null : values.areaCode,
    purpose: orNull(values.purpose),
    justification: orNull(values.justification),
    desiredStart: forDraft && errors.desiredStart ? null : values.desiredStart,
    desiredEnd: forDraft && errors.desiredEnd ? null : values.desiredEnd,
    seatsRequested: values.seatsRequested,
    priority: values.priority as never,
    objectiveId: values.objectiveId,
    releasability: values.releasability ?? DEFAULT_MARKING,
    participants: values.participants
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.name.trim() || p.nomineeId)
      .map(({ p, i }) => ({
        name: p.name.trim(),
        rankOrTitle: orNull(p.rankOrTitle),
        email: forDraft && errors[`participants.${i}.email`] ? null : orNull(p.email),
        languageLevel: orNull(p.languageLevel),
        clearance: orNull(p.clearance),
        ...(p.nomineeId ? { nomineeId: p.nomineeId } : {}),
      })),
    kindFields: values.kindFields,
  });

  // The draft is saved as you go: a moment after the last change.
  useEffect(() => {
    if (!dirty || frozen.current || !values.title.trim() || (offeringCode && !o)) return;
    const timer = setTimeout(async () => {
      if (frozen.current) return;
      setSaveState((s) => ({ ...s, saving: true }));
      try {
        const { saveRequestDraft: saved } = await client.request(SaveDraftMutation, {
          input: { ...fields(true), id: draft?.id ?? null, expectedVersion: draft?.version ?? null },
        });
        setDraft({ id: saved.id, version: saved.version });
        setDraftProblems(saved.kindFieldProblems);
        // The copy now lives under the draft's id, over the version just saved.
        // What is on screen now (possibly typed during the save) is the copy over the version just saved; it
        // stays dirty when it changed meanwhile, so the next pause saves it too.
        writeLocal(saved.id, { values: valuesRef.current, version: saved.version });
        if (!draft) dropLocal(newKey);
        if (valuesRef.current === values) setDirty(false);
        setSaveState({ at: new Date().toISOString() });
        if (!draftParam) {
          const next = new URLSearchParams(params);
          next.set('draft', saved.id);
          setParams(next, { replace: true });
        }
      } catch (e) {
        setSaveState({ error: e as ApiError });
      }
    }, 1200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, dirty, o, draft]);

  const eligible = o ? eligibleVerdict : null;
  const iteration = o?.iterations.find((i) => i.id === values.iterationId);
  const checks = useMemo(() => {
    const list: { ok: boolean | null; text: string }[] = [];
    if (!o) return list;
    list.push({ ok: eligible, text: eligible === false ? t('form.check.notEligible', { partner: viewer?.partner?.name ?? '' }) : t('form.check.eligible', { partner: viewer?.partner?.name ?? '' }) });
    if (iteration?.applicationDeadline) {
      const ok = iteration.applicationDeadline >= today();
      list.push({ ok, text: t(ok ? 'form.check.deadlineOk' : 'form.check.deadlinePassed', { date: date(iteration.applicationDeadline) }) });
    }
    const start = iteration?.startDate ?? values.desiredStart;
    if (start && o.leadTimeDays > 0) {
      const ok = daysBetween(today(), start) >= o.leadTimeDays;
      list.push({ ok, text: t(ok ? 'form.check.leadTimeOk' : 'form.check.leadTimeShort', { days: o.leadTimeDays }) });
    }
    if (iteration && iteration.seatsAvailable !== null && iteration.seatsAvailable !== undefined) {
      const ok = iteration.seatsAvailable >= values.seatsRequested;
      list.push({ ok, text: t(ok ? 'form.check.seatsOk' : 'form.check.seatsShort', { available: iteration.seatsAvailable, requested: values.seatsRequested }) });
    }
    if (errors.desiredStart || errors.desiredEnd) list.push({ ok: false, text: t('form.check.datesWrong') });
    if (kindSchema && draftProblems.length) list.push({ ok: false, text: t('kindFields.attention', { count: number(draftProblems.length) }) });
    return list;
  }, [o, eligible, iteration, values.desiredStart, values.seatsRequested, errors, t, date, number, viewer, kindSchema, draftProblems]);

  const submit = async () => {
    if (submitting || submitted) return;
    frozen.current = true;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const { submitRequest } = await client.request(SubmitRequestMutation, { input: { ...fields(), draftId: draft?.id ?? null, idempotencyKey: idempotencyKey.current } });
      setSubmitted(submitRequest);
      dropLocal(localKey);
      dropLocal(newKey);
      window.scrollTo({ top: 0 });
    } catch (e) {
      setSubmitError(e as ApiError);
      frozen.current = false;
    } finally {
      setSubmitting(false);
    }
  };

  const localError = (key: string) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };
  const fe = (key: string) => localError(key) ?? submitError?.fields[key] ?? saveState.error?.fields[key];

  /** Why Submit is disabled, in words: shown under the button and read with it. */
  const blockers: string[] = [];
  if (!values.title.trim()) blockers.push(t('form.blocker.title'));
  if (!values.purpose.trim()) blockers.push(t('form.blocker.purpose'));
  if (eligible === false) blockers.push(t('form.blocker.notEligible'));
  for (const [key, message] of Object.entries(errors)) {
    if (!message) continue;
    const m = /^participants\.(\d+)\.(\w+)$/.exec(key);
    const field = m ? t(PARTICIPANT_LABELS[m[2] as keyof typeof PARTICIPANT_LABELS]) : t(key === 'desiredStart' ? 'form.desiredStart' : 'form.desiredEnd');
    blockers.push(m ? t('fieldError.participantRow', { n: Number(m[1]) + 1, message: `${field} — ${t(message)}` }) : `${field} — ${t(message)}`);
  }

  if (submitted)
    return (
      <Paper p="xl" withBorder maw={720} mx="auto" role="status" aria-live="polite">
        <Title order={1} mb="sm">
          {t('form.submittedTitle')}
        </Title>
        <Text size="lg">
          {t('form.submittedReference')}{' '}
          <Text span fw={700} ff="monospace" data-testid="reference">
            {submitted.request.reference}
          </Text>
        </Text>
        {submitted.request.routedSection && (
          <Text mt="xs">{t('form.submittedRouted', { section: submitted.request.routedSection.name })}</Text>
        )}
        {submitted.warnings.length > 0 && (
          <Alert color="yellow" mt="md" title={t('form.warnings')}>
            <List size="sm">
              {submitted.warnings.map((w) => (
                <List.Item key={w.code + (w.relatedReference ?? '')}>
                  {w.code === 'DUPLICATE_OPEN_REQUEST' && w.relatedReference ? t('form.duplicateWarning', { reference: w.relatedReference }) : w.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group mt="lg">
          <Button component={Link} to={`/requests/${submitted.request.id}`}>
            {t('form.viewRequest')}
          </Button>
          <Button component={Link} to="/catalogue" variant="default">
            {t('offering.backToCatalogue')}
          </Button>
        </Group>
      </Paper>
    );

  // A submitted request is no longer a form: its URL shows the request.
  if (goneTo) return <Navigate to={`/requests/${goneTo}`} replace />;
  if ((offering.loading && !offering.data) || (draftQuery.loading && !draftQuery.data)) return <Loading />;
  if (offering.error) return <ErrorAlert error={offering.error} onRetry={offering.reload} />;
  if (draftQuery.error) return <ErrorAlert error={draftQuery.error} onRetry={draftQuery.reload} />;

  const upcoming = (o?.iterations ?? []).filter((i) => i.status !== 'CANCELLED' && i.status !== 'COMPLETED' && i.startDate >= today());

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('form.title')}</Title>
        {openRequest && <Text c="dimmed">{t('form.openRequestIntro')}</Text>}
        {o && (
          <Text c="dimmed">
            {te('kind', o.kind)} ·{' '}
            <Anchor component={Link} to={`/offerings/${encodeURIComponent(o.code)}`}>
              {o.title}
            </Anchor>{' '}
            · {o.owningSection.name}
          </Text>
        )}
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper p="md" withBorder component="form" aria-labelledby="request-form-title" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
            <Stack gap="md">
              <Group justify="space-between">
                <Title order={2} size="h3" id="request-form-title">
                  {t('form.details')}
                </Title>
                <Text size="sm" c={saveState.error ? 'red.8' : 'dimmed'} aria-live="polite" role="status">
                  {saveState.saving ? t('form.saving') : saveState.error ? t('form.savedLocally') : saveState.at ? t(Object.keys(errors).length ? 'form.savedAtPartly' : 'form.savedAt', { time: new Date(saveState.at).toLocaleTimeString(language === 'FR' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) }) : t('form.autosaveHint')}
                </Text>
              </Group>
              {saveState.error?.code === 'CONFLICT' && <ErrorAlert error={saveState.error} />}
              <ErrorAlert error={submitError} />
              {openRequest && (
                <Select
                  label={t('form.area')}
                  description={t('form.areaHint')}
                  required
                  searchable
                  value={values.areaCode}
                  onChange={(v) => set('areaCode', v)}
                  error={fe('areaCode')}
                  data={(areas.data?.cooperationAreas ?? []).map((a) => ({ value: a.code, label: a.name }))}
                />
              )}
              <TextInput label={t('form.requestTitle')} required value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={fe('title')} maxLength={200} />
              {upcoming.length > 0 && (
                <Select
                  label={t('form.iteration')}
                  placeholder={t('form.noIteration')}
                  clearable
                  value={values.iterationId}
                  onChange={(v) => set('iterationId', v)}
                  error={fe('iterationId')}
                  data={upcoming.map((i) => ({
                    value: i.id,
                    label: `${date(i.startDate)} – ${date(i.endDate)} · ${i.location}${i.seatsAvailable !== null && i.seatsAvailable !== undefined ? ` · ${t('catalogue.seatsLeft', { count: i.seatsAvailable })}` : ''}`,
                  }))}
                />
              )}
              <Textarea label={t('form.purpose')} description={t('form.purposeHint')} required autosize minRows={3} value={values.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} error={fe('purpose')} />
              <Textarea label={t('form.justification')} autosize minRows={2} value={values.justification} onChange={(e) => set('justification', e.currentTarget.value)} error={fe('justification')} />
              <Group grow align="flex-start">
                <DateInput label={t('form.desiredStart')} clearable valueFormat="D MMM YYYY" minDate={today()} value={values.desiredStart} onChange={(v) => set('desiredStart', v ? String(v).slice(0, 10) : null)} error={fe('desiredStart')} />
                <DateInput label={t('form.desiredEnd')} clearable valueFormat="D MMM YYYY" minDate={values.desiredStart && values.desiredStart > today() ? values.desiredStart : today()} value={values.desiredEnd} onChange={(v) => set('desiredEnd', v ? String(v).slice(0, 10) : null)} error={fe('desiredEnd')} />
              </Group>
              <Group grow align="flex-start">
                <NumberInput label={t('form.seats')} min={0} max={500} value={values.seatsRequested} onChange={(v) => set('seatsRequested', typeof v === 'number' ? v : 0)} error={fe('seatsRequested')} />
                <Select
                  label={t('form.priority')}
                  value={values.priority}
                  allowDeselect={false}
                  onChange={(v) => set('priority', v ?? 'NORMAL')}
                  data={['LOW', 'NORMAL', 'HIGH', 'CRITICAL'].map((p) => ({ value: p, label: te('priority', p) }))}
                />
              </Group>
              {kindSchema && (
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend>
                    <Title order={3} size="h4">
                      {t('kindFields.title')}
                    </Title>
                  </legend>
                  {/* While typing, the draft's problems show except the missing fields; a refused submission shows them all. */}
                  <KindFieldsEditor schema={kindSchema} value={values.kindFields} onChange={(next) => set('kindFields', next)} errors={problemsByPath(submitError, draftProblems.filter((p) => p.code !== 'REQUIRED'))} />
                </fieldset>
              )}
              <ObjectiveSelect value={values.objectiveId} onChange={(v) => set('objectiveId', v)} error={fe('objectiveId')} />
              <MarkingSelect value={values.releasability ?? DEFAULT_MARKING} onChange={(v) => set('releasability', v)} error={fe('releasability')} />
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>
                  <Title order={3} size="h4">
                    {t('form.participants')}
                  </Title>
                </legend>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('form.participantsHint')}
                </Text>
                <Table.ScrollContainer minWidth={760} className="stack-table">
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('form.p.name')}</Table.Th>
                        <Table.Th scope="col">{t('form.p.rank')}</Table.Th>
                        <Table.Th scope="col">{t('form.p.email')}</Table.Th>
                        <Table.Th scope="col">{t('form.p.language')}</Table.Th>
                        <Table.Th scope="col">{t('form.p.clearance')}</Table.Th>
                        <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {values.participants.map((p, i) => (
                        <Table.Tr key={i}>
                          {PARTICIPANT_KEYS.map((k) => (
                            <Table.Td key={k} data-label={t(PARTICIPANT_LABELS[k])}>
                              <TextInput
                                size="xs"
                                aria-label={`${t(PARTICIPANT_LABELS[k])} ${i + 1}`}
                                value={p[k]}
                                type={k === 'email' ? 'email' : 'text'}
                                disabled={Boolean(p.nomineeId)}
                                onChange={(e) => setParticipant(i, k, e.currentTarget.value)}
                                error={fe(`participants.${i}.${k}`)}
                              />
                            </Table.Td>
                          ))}
                          <Table.Td>
                            <ActionIcon variant="subtle" color="red.9" aria-label={t('form.p.remove', { n: i + 1 })} onClick={() => set('participants', values.participants.filter((_, j) => j !== i))}>
                              ✕
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {fe('participants') && (
                  <Text c="red.8" size="sm">
                    {fe('participants')}
                  </Text>
                )}
                <Group align="flex-end" mt="xs">
                  <Button variant="light" size="xs" onClick={() => set('participants', [...values.participants, emptyParticipant()])}>
                    {t('form.p.add')}
                  </Button>
                  <NomineePicker
                    exclude={values.participants.map((p) => p.nomineeId ?? '').filter(Boolean)}
                    onPick={(n) =>
                      set('participants', [
                        ...values.participants.filter((p) => p.name.trim() || p.nomineeId),
                        {
                          nomineeId: n.id,
                          name: n.name,
                          rankOrTitle: n.rankOrTitle ?? '',
                          email: n.email ?? '',
                          languageLevel: n.languageProfiles.map((l) => `${l.slp} (${l.language})`).join(', '),
                          clearance: te('clearance', n.clearanceLevel),
                        },
                      ])
                    }
                  />
                </Group>
              </fieldset>
              <Group justify="flex-end" align="flex-start" wrap="nowrap">
                {blockers.length > 0 && (
                  <div id="submit-blockers" data-testid="submit-blockers">
                    <Text size="sm" fw={600}>
                      {t('form.blocker.intro')}
                    </Text>
                    <List size="sm">
                      {blockers.map((b) => (
                        <List.Item key={b}>{b}</List.Item>
                      ))}
                    </List>
                  </div>
                )}
                <Button type="submit" size="md" loading={submitting} disabled={submitting || blockers.length > 0} aria-describedby={blockers.length ? 'submit-blockers' : undefined}>
                  {t('form.submit')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper p="md" withBorder component="aside" aria-labelledby="checks-title">
            <Title order={2} size="h3" id="checks-title" mb="sm">
              {t('form.checks')}
            </Title>
            {checks.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('form.checksNone')}
              </Text>
            ) : (
              <List spacing="xs" size="sm" data-testid="checks">
                {checks.map((c) => (
                  <List.Item key={c.text} icon={<span aria-hidden>{c.ok === null ? '…' : c.ok ? '✔' : '⚠'}</span>}>
                    <Text size="sm" c={c.ok === false ? 'red.8' : undefined}>
                      {c.text}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
            {o && (
              <Text size="sm" mt="md" c="dimmed">
                {t('offering.targets', { ack: o.owningSection.acknowledgeTargetDays, decide: o.owningSection.decideTargetDays })}
              </Text>
            )}
          </Paper>
          <RelatedArticles areaCodes={o?.areas.map((a) => a.code) ?? []} offeringKind={o?.kind ?? null} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
