import { Select } from '@mantine/core';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { ObjectiveOptionsQuery } from './documents';

/** Picks the objective of the liaison officer's own plan that a request serves; hidden when the plan is empty. */
export function ObjectiveSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const { t, te } = useI18n();
  const q = useQuery(ObjectiveOptionsQuery, { partnerCode: null });
  const open = (q.data?.partnerObjectives ?? []).filter((o) => o.status !== 'DROPPED' || o.id === value);
  if (!open.length) return null;
  return (
    <Select
      label={t('plans.objectiveField')}
      description={t('plans.objectiveHint')}
      placeholder={t('plans.noObjective')}
      clearable
      value={value}
      onChange={onChange}
      error={error}
      data={open.map((o) => ({ value: o.id, label: `${o.title} (${te('objectiveStatus', o.status)})` }))}
    />
  );
}
