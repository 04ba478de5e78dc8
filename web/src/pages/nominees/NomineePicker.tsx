import { Select } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { NomineesQuery } from './documents';

export type PickedNominee = ResultOf<typeof NomineesQuery>['nominees']['edges'][number]['node'];

/** Adds a participant from the partner's nominee directory (the server takes the person as the directory has them). */
export function NomineePicker({ onPick, exclude }: { onPick: (n: PickedNominee) => void; exclude: readonly string[] }) {
  const { t, te } = useI18n();
  const [search, setSearch] = useState('');
  const q = useQuery(NomineesQuery, { search: search.trim() || null, first: 50, after: null });
  const options = (q.data?.nominees.edges.map((e) => e.node) ?? []).filter((n) => !exclude.includes(n.id));
  return (
    <Select
      size="xs"
      w={340}
      searchable
      clearable
      label={t('form.p.pick')}
      placeholder={t('form.p.pickPlaceholder')}
      nothingFoundMessage={t('nominees.empty')}
      searchValue={search}
      onSearchChange={setSearch}
      value={null}
      data={options.map((n) => ({ value: n.id, label: `${n.name} · ${te('clearance', n.clearanceLevel)}${n.languageProfiles.map((p) => ` · ${p.language.toUpperCase()} ${p.slp}`).join('')}` }))}
      onChange={(id) => {
        const n = options.find((x) => x.id === id);
        if (n) onPick(n);
        setSearch('');
      }}
    />
  );
}
