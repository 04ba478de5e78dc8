export type SortDirection = 'ASC' | 'DESC';

/**
 * The WHERE condition that selects rows strictly after a keyset position for
 * `ORDER BY <sortExpr> <direction>, <idExpr> ASC`. The id breaks ties, so positions are total.
 * `sortParam`/`idParam` are placeholders already bound by the caller (e.g. `:afterKey::numeric`).
 */
export function keysetAfter(sortExpr: string, direction: SortDirection, idExpr: string, sortParam: string, idParam: string): string {
  const beyond = direction === 'ASC' ? '>' : '<';
  // The leading bound (>= / <=) lets an index on the sort key start at the position instead of scanning
  // every row before it (without it, a deep page costs as much as walking there).
  return `((${sortExpr}) ${beyond}= ${sortParam} AND ((${sortExpr}) ${beyond} ${sortParam} OR ${idExpr} > ${idParam}))`;
}
