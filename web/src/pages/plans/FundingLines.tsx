import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { ApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { AddFundingLineMutation, OfferingFundingQuery, RemoveFundingLineMutation, UpdateFundingLineMutation } from './documents';

export interface FundingLineView {
  id: string;
  sourceCode: string;
  sourceName?: string | null;
  fiscalYear: number;
  currency: string;
  committed: string;
  spent: string;
  overspendReason?: string | null;
  version: number;
}

interface SourceView {
  code: string;
  name: string;
  requiresName: boolean;
}

interface Form {
  id: string | null;
  version: number;
  sourceCode: string;
  sourceName: string;
  fiscalYear: string;
  currency: string;
  committed: string;
  spent: string;
  overspendReason: string;
}

const EMPTY: Form = { id: null, version: 0, sourceCode: 'COMMON_FUNDING', sourceName: '', fiscalYear: String(new Date().getFullYear()), currency: 'EUR', committed: '', spent: '', overspendReason: '' };

/** An amount in cents, exactly (the API's decimal text has at most two decimals); NaN when it is not one. */
function cents(amount: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

/** Committed and spent per currency (lines in different currencies are never added together). */
export function fundingTotals(lines: readonly FundingLineView[]): Array<{ currency: string; committed: number; spent: number }> {
  const totals = new Map<string, { currency: string; committed: number; spent: number }>();
  for (const l of lines) {
    const t = totals.get(l.currency) ?? { currency: l.currency, committed: 0, spent: 0 };
    t.committed += cents(l.committed);
    t.spent += cents(l.spent);
    totals.set(l.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Funding lines of one request or one offering (issue #17 item 2): the list with totals per currency, and for those
 * who may write them, add, edit and remove. Spending more than committed needs a reason: the API refuses it
 * otherwise, and its message is shown next to the amount spent.
 */
export function FundingLines({
  owner,
  lines,
  sources,
  canEdit,
  onChanged,
  headingOrder = 3,
}: {
  owner: { requestId: string } | { offeringId: string };
  lines: readonly FundingLineView[];
  sources: readonly SourceView[];
  canEdit: boolean;
  onChanged: () => Promise<void> | void;
  headingOrder?: 2 | 3;
}) {
  const { t, te, number, locale } = useI18n();
  const add = useMutation(AddFundingLineMutation);
  const update = useMutation(UpdateFundingLineMutation);
  const remove = useMutation(RemoveFundingLineMutation);
  const [form, setForm] = useState<Form | null>(null);
  const ids = useId();
  const titleId = `${ids}-funding`;
  const formTitleId = `${ids}-funding-form`;
  const source = sources.find((s) => s.code === form?.sourceCode);
  const set = (k: keyof Form, v: string) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const money = (amount: number | string, currency: string) => number(typeof amount === 'string' ? Number(amount) : amount / 100, { style: 'currency', currency });
  const error: ApiError | undefined = form?.id ? update.error : add.error;
  // The service's refusals name the field they are about (extensions.argument): the overspend names `spent`, a trust
  // fund without its name `sourceName`. Shown beside that field; validation messages come keyed by field already.
  const argument = error?.code === 'BAD_USER_INPUT' ? (error.details as { argument?: string } | undefined)?.argument : undefined;
  const fieldError = (k: keyof Form): string | undefined => {
    if (error?.fields[k]) return error.fields[k];
    if (argument !== k) return undefined;
    return k === 'spent' && locale !== 'en' ? t('funding.overspendRefused', { spent: form?.spent ?? '', committed: form?.committed ?? '' }) : error!.message;
  };
  const besideField = argument !== undefined && (Object.keys(EMPTY) as string[]).includes(argument) && argument !== 'id' && argument !== 'version';

  const open = (next: Form | null) => {
    add.setError(undefined);
    update.setError(undefined);
    setForm(next);
  };
  const save = async () => {
    if (!form) return;
    const fields = {
      sourceCode: form.sourceCode,
      sourceName: form.sourceName.trim() || null,
      fiscalYear: Number(form.fiscalYear),
      currency: form.currency.trim().toUpperCase(),
      committed: form.committed.trim(),
      spent: form.spent.trim() || '0',
      overspendReason: form.overspendReason.trim() || null,
    };
    try {
      if (form.id) await update.mutate({ input: { ...fields, id: form.id, expectedVersion: form.version } });
      else await add.mutate({ input: { ...fields, ...owner } });
    } catch {
      return; // shown beside the fields
    }
    setForm(null);
    await onChanged();
  };
  const edit = (l: FundingLineView) =>
    open({
      id: l.id,
      version: l.version,
      sourceCode: l.sourceCode,
      sourceName: l.sourceName ?? '',
      fiscalYear: String(l.fiscalYear),
      currency: l.currency,
      committed: l.committed,
      spent: l.spent,
      overspendReason: l.overspendReason ?? '',
    });
  const totals = fundingTotals(lines);

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={headingOrder} size="h5" id={titleId}>{t('funding.title')}</Title>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">{t('funding.none')}</Text>
      ) : (
        // The request page's side column is narrow: the table scrolls inside it rather than widening the page.
        <Table.ScrollContainer minWidth={canEdit ? 380 : 300}>
          <Table striped>
            <caption className="sr-only">{t('funding.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('funding.sourceAndYear')}</Table.Th>
                <Table.Th scope="col">{t('funding.committed')}</Table.Th>
                <Table.Th scope="col">{t('funding.spent')}</Table.Th>
                {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l) => (
                <Table.Tr key={l.id} aria-current={form?.id === l.id ? 'true' : undefined}>
                  <Table.Td>
                    {te('fundingSource', l.sourceCode)}{l.sourceName ? ` — ${l.sourceName}` : ''}
                    <Text span size="xs" c="dimmed" display="block">{l.fiscalYear}</Text>
                  </Table.Td>
                  <Table.Td>{money(l.committed, l.currency)}</Table.Td>
                  <Table.Td>{money(l.spent, l.currency)}{l.overspendReason ? ` (${l.overspendReason})` : ''}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Button size="compact-sm" variant="light" onClick={() => edit(l)} aria-label={t('funding.editLine', { source: te('fundingSource', l.sourceCode), year: l.fiscalYear })}>
                          {t('funding.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('funding.removeLine', { source: te('fundingSource', l.sourceCode), year: l.fiscalYear })}
                          onClick={() => void remove.mutate({ id: l.id }).then(async () => { if (form?.id === l.id) setForm(null); await onChanged(); }, () => undefined)}
                        >
                          {t('funding.removeShort')}
                        </Button>
                      </Stack>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              {totals.map((s) => (
                <Table.Tr key={s.currency} data-testid={`funding-total-${s.currency}`}>
                  <Table.Th scope="row">{t('funding.total', { currency: s.currency })}</Table.Th>
                  <Table.Td fw={600}>{money(s.committed, s.currency)}</Table.Td>
                  <Table.Td fw={600}>{money(s.spent, s.currency)}</Table.Td>
                  {canEdit && <Table.Td />}
                </Table.Tr>
              ))}
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={remove.error} />
      {canEdit && !form && (
        <Button size="xs" variant="default" onClick={() => open(EMPTY)} w="fit-content">{t('funding.add')}</Button>
      )}
      {canEdit && form && (
        <Paper p="sm" withBorder component="form" className="funding-form" noValidate aria-labelledby={formTitleId} onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Stack gap="xs">
            <Title order={headingOrder === 2 ? 3 : 4} size="h6" id={formTitleId}>{form.id ? t('funding.editTitle') : t('funding.add')}</Title>
            {error && !besideField && !Object.keys(error.fields).length && <ErrorAlert error={error} />}
            <Group grow align="flex-start">
              <Select
                label={t('funding.source')}
                data={sources.map((s) => ({ value: s.code, label: s.name }))}
                value={form.sourceCode}
                onChange={(v) => set('sourceCode', v ?? 'COMMON_FUNDING')}
                allowDeselect={false}
                error={fieldError('sourceCode')}
              />
              {source?.requiresName && (
                <TextInput label={t('funding.sourceName')} required value={form.sourceName} onChange={(e) => set('sourceName', e.currentTarget.value)} error={fieldError('sourceName')} />
              )}
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('funding.year')} value={form.fiscalYear} onChange={(e) => set('fiscalYear', e.currentTarget.value)} inputMode="numeric" error={fieldError('fiscalYear')} />
              <TextInput label={t('funding.currency')} value={form.currency} onChange={(e) => set('currency', e.currentTarget.value)} maxLength={3} error={fieldError('currency')} />
              <TextInput label={t('funding.committed')} required value={form.committed} onChange={(e) => set('committed', e.currentTarget.value)} inputMode="decimal" error={fieldError('committed')} />
              <TextInput label={t('funding.spent')} value={form.spent} onChange={(e) => set('spent', e.currentTarget.value)} inputMode="decimal" error={fieldError('spent')} />
            </Group>
            <TextInput
              label={t('funding.overspendReason')}
              description={t('funding.overspendHint')}
              required={cents(form.spent || '0') > cents(form.committed)}
              value={form.overspendReason}
              onChange={(e) => set('overspendReason', e.currentTarget.value)}
              error={fieldError('overspendReason')}
            />
            <Group>
              <Button size="xs" type="submit" loading={add.pending || update.pending}>{t('common.save')}</Button>
              <Button size="xs" variant="default" onClick={() => open(null)}>{t('common.cancel')}</Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** An offering's own funding lines, on the offering administration page: administrators add, edit and remove them. */
export function OfferingFunding({ offeringId }: { offeringId: string }) {
  const { can } = useAuth();
  const q = useQuery(OfferingFundingQuery, { id: offeringId });
  const lines = q.data?.offering?.fundingLines;
  return (
    <Paper p="md" withBorder>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {lines && <FundingLines owner={{ offeringId }} lines={lines} sources={q.data!.fundingSources} canEdit={can('ManageCatalogue')} onChanged={q.reload} />}
    </Paper>
  );
}
