import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';

export type ReferenceTable = 'cooperation_area' | 'topic' | 'section' | 'partner' | 'partnership_framework';

/** Ids of the rows with these codes, in order; an unknown code is bad input naming `argument`. */
export async function idsOfCodes(m: EntityManager, table: ReferenceTable, codes: string[], argument: string): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const rows = (await m.query(`SELECT id, code FROM ${table} WHERE code = ANY($1::text[])`, [unique])) as { id: string; code: string }[];
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = unique.filter((c) => !byCode.has(c));
  if (unknown.length) throw DomainError.badInput(`Unknown code(s) in ${argument}: ${unknown.join(', ')}`, argument.split('.')[0]);
  return unique.map((c) => byCode.get(c)!);
}
