import { DomainError } from '../errors/domain-error.js';

/** What a keyset cursor holds: the sort values of the last row seen, ending with its id. */
export type CursorValues = (string | number)[];

/**
 * Opaque cursors: base64url of a tagged JSON array. The tag names the ordering the cursor belongs to,
 * so a cursor from another ordering (or another list) is rejected instead of silently skipping rows.
 */
export function encodeCursor(tag: string, values: CursorValues): string {
  return Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string,
  tag: string,
  length: number,
  argument = 'after',
  /** Checks the values can be bound to the query (e.g. the id is a uuid); false means malformed. */
  valid: (values: CursorValues) => boolean = () => true,
): CursorValues {
  const malformed = () =>
    DomainError.badInput(`Malformed cursor in ${argument}: pass the endCursor or an edge cursor of a previous page of the same list and order.`, argument);
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw malformed();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.length !== length + 1 || parsed[0] !== tag) throw malformed();
  const values = parsed.slice(1);
  if (!values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw malformed();
  if (!valid(values)) throw malformed();
  return values as CursorValues;
}
