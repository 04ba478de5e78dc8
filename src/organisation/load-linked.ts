import type { ObjectLiteral, Repository } from 'typeorm';

export interface Link {
  /** Join table, e.g. offering_topic. */
  table: string;
  /** Its column holding the owner's id (the DataLoader key), e.g. offering_id. */
  ownerColumn: string;
  /** Its column holding the target's id, e.g. topic_id. */
  targetColumn: string;
}

/**
 * One query for a many-to-many relation of many owners: the targets of every owner in `ownerIds`,
 * grouped per owner in key order (for a DataLoader batch). `orderBy` is a column of the target table.
 */
export async function loadLinked<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
  link: Link,
  ownerIds: readonly string[],
  orderBy = 'code',
): Promise<T[][]> {
  const { entities, raw } = await repo
    .createQueryBuilder('t')
    .innerJoin(link.table, 'l', `l.${link.targetColumn} = t.id`)
    .addSelect(`l.${link.ownerColumn}`, 'owner_id')
    .where(`l.${link.ownerColumn} = ANY(:ownerIds)`, { ownerIds })
    .orderBy(`t.${orderBy}`)
    .getRawAndEntities<{ owner_id: string; t_id: string }>();
  const byId = new Map(entities.map((e) => [e.id, e]));
  const groups = new Map<string, T[]>();
  for (const row of raw) {
    const target = byId.get(row.t_id);
    if (!target) continue;
    const list = groups.get(row.owner_id) ?? [];
    list.push(target);
    groups.set(row.owner_id, list);
  }
  return ownerIds.map((id) => groups.get(id) ?? []);
}
