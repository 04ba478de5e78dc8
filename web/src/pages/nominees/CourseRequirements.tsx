import { List, Paper, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n';

interface Requirement {
  minClearance: string | null;
  language: string | null;
  minSlp: string | null;
}

/** What each nominee must hold (clearance, STANAG 6001 SLP), shown up front; an iteration's own requirement is listed beside the offering's. */
export function CourseRequirements({ requirement, iterations }: { requirement: Requirement | null; iterations: Array<{ id: string; startDate: string; nomineeRequirement: Requirement | null }> }) {
  const { t, te, date } = useI18n();
  const own = iterations.filter((i) => i.nomineeRequirement);
  if (!requirement && own.length === 0) return null;
  const describe = (r: Requirement) =>
    [r.minClearance ? t('requirement.clearance', { level: te('clearance', r.minClearance) }) : null, r.language && r.minSlp ? t('requirement.slp', { slp: r.minSlp, language: r.language.toUpperCase() }) : null]
      .filter(Boolean)
      .join(' · ');
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="requirements-title">
      <Title order={2} size="h3" mb="xs" id="requirements-title">
        {t('requirement.title')}
      </Title>
      {requirement && <Text>{describe(requirement)}</Text>}
      {own.length > 0 && (
        <List size="sm" mt="xs">
          {own.map((i) => (
            <List.Item key={i.id}>{t('requirement.iteration', { date: date(i.startDate), requirement: describe(i.nomineeRequirement!) })}</List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('requirement.hint')}
      </Text>
    </Paper>
  );
}
