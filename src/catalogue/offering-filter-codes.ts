import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { readRows } from '../common/database/read-rows.js';

const CHECKS = [
  { field: 'areaCodes', table: 'cooperation_area', what: 'area' },
  { field: 'topicCodes', table: 'topic', what: 'topic' },
  { field: 'sectionCodes', table: 'section', what: 'section' },
] as const;

/**
 * A filter code that matches nothing is almost always a typo, so it is reported rather than returning
 * an empty page. All lists are checked with one query, and only when the filter has codes.
 */
@Injectable()
export class OfferingFilterCodes {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Reports the codes of the first list with unknown ones, in the order given. */
  async assertKnown(filter: OfferingFilter): Promise<void> {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const check of CHECKS) {
      const codes = filter[check.field];
      if (!codes?.length) continue;
      params.push(codes);
      parts.push(`SELECT '${check.field}' AS field, c AS code, ${parts.length} AS part, n FROM unnest($${params.length}::text[]) WITH ORDINALITY AS u(c, n)
                  WHERE NOT EXISTS (SELECT 1 FROM ${check.table} WHERE code = c)`);
    }
    if (filter.eligibleForPartner) {
      params.push(filter.eligibleForPartner);
      parts.push(`SELECT 'eligibleForPartner' AS field, $${params.length}::text AS code, ${parts.length} AS part, 1::bigint AS n
                  WHERE NOT EXISTS (SELECT 1 FROM partner WHERE code = $${params.length}::text)`);
    }
    if (parts.length === 0) return;
    const unknown = await readRows<{ field: string; code: string }>(this.dataSource, `${parts.join(' UNION ALL ')} ORDER BY part, n`, params);
    if (unknown.length === 0) return;
    const first = unknown[0].field;
    const codes = unknown.filter((u) => u.field === first).map((u) => u.code);
    if (first === 'eligibleForPartner') {
      throw DomainError.badInput(`Unknown partner code in filter.eligibleForPartner: ${codes[0]}`, 'filter');
    }
    const what = CHECKS.find((c) => c.field === first)!.what;
    throw DomainError.badInput(`Unknown ${what} code(s) in filter.${first}: ${codes.join(', ')}`, 'filter');
  }
}
