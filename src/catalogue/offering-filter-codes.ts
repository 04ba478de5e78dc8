import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { OfferingFilter } from './dto/offering-filter.input.js';
import { OfferingReadRepository } from './offering-read.repository.js';

const WHAT: Record<string, string> = { areaCodes: 'area', topicCodes: 'topic', sectionCodes: 'section' };

/**
 * A filter code that matches nothing is almost always a typo, so it is reported rather than returning
 * an empty page. All lists are checked with one query, and only when the filter has codes.
 */
@Injectable()
export class OfferingFilterCodes {
  constructor(private readonly offerings: OfferingReadRepository) {}

  /** Reports the codes of the first list with unknown ones, in the order given. */
  async assertKnown(ctx: RequestContext, filter: OfferingFilter): Promise<void> {
    const unknown = await this.offerings.unknownFilterCodes(ctx, filter);
    if (unknown.length === 0) return;
    const first = unknown[0]!.field;
    const codes = unknown.filter((u) => u.field === first).map((u) => u.code);
    if (first === 'eligibleForPartner') {
      throw DomainError.badInput(`Unknown partner code in filter.eligibleForPartner: ${codes[0]}`, 'filter');
    }
    throw DomainError.badInput(`Unknown ${WHAT[first]} code(s) in filter.${first}: ${codes.join(', ')}`, 'filter');
  }
}
