import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '../../api/hooks';
import { ErrorAlert } from '../../components/feedback';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';
import { CLEARANCE_LEVELS, type Clearance } from './documents';

const RequirementsQuery = graphql(`
  query NomineeRequirements($id: ID!) {
    offering(id: $id) {
      id
      nomineeRequirement { minClearance language minSlp }
      iterations { id startDate location nomineeRequirement { minClearance language minSlp } }
    }
  }
`);

const SetRequirement = graphql(`
  mutation SetNomineeRequirement($input: SetNomineeRequirementInput!) { setNomineeRequirement(input: $input) { minClearance } }
`);

/** Administrators: what each nominee of the offering (or of one of its iterations) must hold. */
export function RequirementEditor({ offeringId }: { offeringId: string }) {
  const { t, te, date } = useI18n();
  const q = useQuery(RequirementsQuery, { id: offeringId });
  const save = useMutation(SetRequirement);
  const [target, setTarget] = useState('');
  const [minClearance, setMinClearance] = useState<Clearance>('NONE');
  const [language, setLanguage] = useState('');
  const [minSlp, setMinSlp] = useState('');
  const [saved, setSaved] = useState(false);
  const o = q.data?.offering;
  const current = !o ? null : target ? (o.iterations.find((i) => i.id === target)?.nomineeRequirement ?? null) : o.nomineeRequirement;
  useEffect(() => {
    setMinClearance((current?.minClearance as Clearance | null) ?? 'NONE');
    setLanguage(current?.language ?? '');
    setMinSlp(current?.minSlp ?? '');
  }, [current?.minClearance, current?.language, current?.minSlp, target]);
  if (!o) return null;

  const submit = async () => {
    setSaved(false);
    try {
      await save.mutate({
        input: {
          ...(target ? { iterationId: target } : { offeringId }),
          minClearance: minClearance === 'NONE' ? null : minClearance,
          language: language.trim().toLowerCase() || null,
          minSlp: minSlp.trim() || null,
        },
      });
      setSaved(true);
      await q.reload();
    } catch {
      /* shown below */
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="requirement-editor-title">
      <Title order={3} size="h5" id="requirement-editor-title" mb="xs">
        {t('requirement.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('requirement.editorHint')}
      </Text>
      <Stack gap="xs">
        <Select
          label={t('requirement.appliesTo')}
          data={[{ value: '', label: t('requirement.wholeOffering') }, ...o.iterations.map((i) => ({ value: i.id, label: `${date(i.startDate)} · ${i.location}` }))]}
          value={target}
          onChange={(v) => {
            setTarget(v ?? '');
            setSaved(false);
          }}
          allowDeselect={false}
        />
        <Group grow align="flex-start">
          <Select
            label={t('requirement.minClearance')}
            data={CLEARANCE_LEVELS.map((c) => ({ value: c, label: te('clearance', c) }))}
            value={minClearance}
            onChange={(v) => setMinClearance((v ?? 'NONE') as Clearance)}
            allowDeselect={false}
          />
          <TextInput label={t('nominees.language')} placeholder="en" maxLength={2} value={language} onChange={(e) => setLanguage(e.currentTarget.value)} />
          <TextInput label={t('requirement.minSlp')} placeholder="3232" maxLength={4} value={minSlp} onChange={(e) => setMinSlp(e.currentTarget.value)} />
        </Group>
        <ErrorAlert error={save.error} />
        <Group justify="flex-end" gap="sm">
          {saved && (
            <Text size="sm" role="status">
              {t('common.saved')}
            </Text>
          )}
          <Button variant="light" loading={save.pending} onClick={() => void submit()}>
            {t('requirement.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
