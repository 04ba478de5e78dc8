import { Badge, Button, FileInput, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ExportButtons } from '../../components/ExportButtons';
import { ErrorAlert } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { CardTable } from '../../components/CardTable';

const ImportsQuery = graphql(`query CatalogueImports { catalogueImports(first: 10) {
  id fileName format status rowsTotal rowsDone createdCount updatedCount unchangedCount createdAt finishedAt errors { row sheet column message }
} }`);

interface RowError {
  row: number;
  sheet: string | null;
  column: string | null;
  message: string;
}

interface Report {
  rows: number;
  offerings: { create: number; update: number; unchanged: number };
  iterations: { create: number; update: number; unchanged: number };
  errors: RowError[];
}

function ErrorTable({ errors }: { errors: RowError[] }) {
  const { t } = useI18n();
  return (
    <CardTable minWidth={600}>
      <Table verticalSpacing={4} aria-label={t('imports.errors')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.col.row')}</Table.Th>
            <Table.Th scope="col">{t('imports.col.sheet')}</Table.Th>
            <Table.Th scope="col">{t('imports.col.column')}</Table.Th>
            <Table.Th scope="col">{t('imports.col.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.sheet ?? ''}</Table.Td>
              <Table.Td>{e.column ?? ''}</Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </CardTable>
  );
}

/**
 * Catalogue import (dry run first, then the job, whose progress is polled here) and export, for administrators.
 * The file layout is in the README ("Catalogue import and export").
 */
export function CatalogueImportAdmin() {
  const { t, number, dateTime } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const action = useAction();
  const imports = useQuery(ImportsQuery, {});
  const running = imports.data?.catalogueImports.some((i) => i.status === 'QUEUED' || i.status === 'RUNNING') ?? false;
  const { reload } = imports;

  // While an import runs, its progress is read every second.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void reload(), 1000);
    return () => clearInterval(timer);
  }, [running, reload]);

  const send = (dryRun: boolean) =>
    action.run(async () => {
      const form = new FormData();
      form.append('file', file!, file!.name);
      if (dryRun) setReport(await client.upload<Report>('/api/imports/catalogue?dryRun=true', form));
      else {
        await client.upload('/api/imports/catalogue', form);
        setReport(null);
        setFile(null);
        await reload();
      }
    });

  return (
    <Stack gap="md">
      <Paper p="md" withBorder component="section" aria-labelledby="import-title">
        <Title order={2} size="h3" id="import-title" mb="xs">
          {t('imports.title')}
        </Title>
        <Text size="sm" mb="sm">{t('imports.intro')}</Text>
        <Stack gap="sm">
          <FileInput
            label={t('imports.file')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
            }}
            clearable clearButtonProps={{ 'aria-label': t('attachments.clear') }}
          />
          <Group>
            <Button variant="default" disabled={!file} loading={action.pending && !report} onClick={() => void send(true)}>
              {t('imports.check')}
            </Button>
            <Button disabled={!file || !report || report.errors.length > 0} loading={action.pending && !!report} onClick={() => void send(false)}>
              {t('imports.run')}
            </Button>
          </Group>
          <ErrorAlert error={action.error} />
          {report && (
            <Stack gap="xs" aria-live="polite">
              <Text size="sm" data-testid="import-report">
                {t('imports.report', {
                  rows: report.rows,
                  create: report.offerings.create,
                  update: report.offerings.update,
                  unchanged: report.offerings.unchanged,
                  icreate: report.iterations.create,
                  iupdate: report.iterations.update,
                  iunchanged: report.iterations.unchanged,
                })}
              </Text>
              {report.errors.length === 0 ? <Text size="sm" c="teal.9">{t('imports.noErrors')}</Text> : <ErrorTable errors={report.errors} />}
            </Stack>
          )}
        </Stack>
      </Paper>
      <Paper p="md" withBorder component="section" aria-labelledby="imports-recent">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="imports-recent">
            {t('imports.recent')}
          </Title>
          <Group gap="xs">
            <Text size="sm">{t('imports.export')}</Text>
            <ExportButtons path="/api/exports/catalogue" name="catalogue" />
          </Group>
        </Group>
        <ErrorAlert error={imports.error} onRetry={reload} />
        <Stack gap="sm">
          {(imports.data?.catalogueImports ?? []).map((i) => (
            <Paper key={i.id} p="sm" withBorder component="article" aria-label={i.fileName}>
              <Group justify="space-between">
                <Text size="sm" fw={600}>{i.fileName}</Text>
                <Group gap="xs">
                  <Badge variant="light" color={i.status === 'FAILED' ? 'red' : i.status === 'DONE' ? 'teal' : 'blue'} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t(`imports.status.${i.status}` as MessageKey)}</Badge>
                  <Text size="xs" c="dimmed">{dateTime(i.createdAt)}</Text>
                </Group>
              </Group>
              <Progress value={i.rowsTotal ? (100 * i.rowsDone) / i.rowsTotal : 100} mt="xs" aria-label={t('imports.progress', { done: i.rowsDone, total: i.rowsTotal })} />
              <Text size="xs" mt={4}>
                {t('imports.progress', { done: number(i.rowsDone), total: number(i.rowsTotal) })} ·{' '}
                {t('imports.result', { created: i.createdCount, updated: i.updatedCount, unchanged: i.unchangedCount, errors: i.errors.length })}
              </Text>
              {i.errors.length > 0 && <ErrorTable errors={i.errors} />}
            </Paper>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}
