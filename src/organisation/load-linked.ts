import type { ObjectLiteral, Repository } from 'typeorm';
import { RowMapper } from '../common/database/row-mapper.js';
import { readRows } from '../common/database/read-rows.js';

export interface Link {
  /** Join table, e.g. offering_topic. */
  table: string;
  /** Its column holding the owner's id (the DataLoader key), e.g. offering_id. */
  ownerColumn: string;
  /** Its column holding the target's id, e.g. topic_id. */
  targetColumn: string;
}

/**
 * Used by the catalogue's loaders only (organisation reads its own rows through its repositories); it belongs
 * in the catalogue's repository, where the seam work on the catalogue moves it.
 *
 * One query for a many-to-many relation of many owners: the targets of every owner in `ownerIds`,
 * grouped per owner in key order (for a DataLoader batch). `orderBy` is a column of the target table.
 */
export async function loadLinked<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
  link: Link,
  ownerIds: readonly string[],
  orderBy = 'code',
): Promise<T[][]> {
  // Plain SQL and hand-mapped rows (a DataLoader batch on hot read paths): no query builder, no hydration.
  const rows = await readRows(
    repo,
    `SELECT ${RowMapper.of<T>(repo.metadata).select('t')}, l.${link.ownerColumn} AS owner_id
       FROM ${repo.metadata.tableName} t INNER JOIN ${link.table} l ON l.${link.targetColumn} = t.id
      WHERE l.${link.ownerColumn} = ANY($1) ORDER BY t.${orderBy}`,
    [ownerIds],
  );
  const mapper = RowMapper.of<T>(repo.metadata);
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const target = mapper.map(row, 't_')!;
    const owner = row.owner_id as string;
    const list = groups.get(owner);
    if (list) list.push(target);
    else groups.set(owner, [target]);
  }
  return ownerIds.map((id) => groups.get(id) ?? []);
}
