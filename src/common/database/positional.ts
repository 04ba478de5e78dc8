/**
 * Named parameters (`:name`) → positional (`$1`, `$2`…) for plain SQL run on the pool: the rewritten SQL and
 * the names in `$n` order; a name used twice keeps its number, `::type` casts and unknown names are left as
 * they are. Pure, so a statement can be rewritten once per shape and its values picked by name per call.
 */
export function toPositional(sql: string, known: Record<string, unknown>): { sql: string; names: string[] } {
  const names: string[] = [];
  const text = sql.replace(/(?<!:):(\w+)/g, (match, name: string) => {
    if (!Object.hasOwn(known, name)) return match;
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql: text, names };
}
