import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { PartnerFilter } from './dto/partner-filter.input.js';
import { Partner } from './partner.entity.js';
import { PartnerRepository } from './partner.repository.js';
import { PartnershipFramework } from './partnership-framework.entity.js';
import type { ProgrammeFlag } from './programme-flag.type.js';

/** Reads of partners and frameworks (reference data: small lists, no paging); other contexts resolve partner codes here. */
@Injectable()
export class PartnerService {
  constructor(private readonly partners: PartnerRepository) {}

  async list(ctx: RequestContext, filter: PartnerFilter = {}): Promise<Partner[]> {
    if (filter.frameworkCodes?.length) await this.frameworksByCodes(ctx, filter.frameworkCodes, 'filter.frameworkCodes');
    return this.partners.list(ctx, {
      frameworkCodes: filter.frameworkCodes,
      programmeFlags: filter.programmeFlags,
      kinds: filter.kinds,
      suspended: filter.suspended ?? undefined,
    });
  }

  byCode(ctx: RequestContext, code: string): Promise<Partner | null> {
    return this.partners.byCode(ctx, code);
  }

  /** The partners of these codes that exist, in any order: callers report the codes that are missing. */
  byCodes(ctx: RequestContext, codes: readonly string[]): Promise<Partner[]> {
    return this.partners.byCodes(ctx, codes);
  }

  byIds(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
    return this.partners.byIds(ctx, ids);
  }

  programmeFlags(ctx: RequestContext): Promise<ProgrammeFlag[]> {
    return this.partners.programmeFlags(ctx);
  }

  /** Flags must come from the controlled list (programmeFlags); an unknown one is bad input naming `field` and the known codes. */
  async assertProgrammeFlags(ctx: RequestContext, flags: readonly string[], field: string, argument = field): Promise<void> {
    if (flags.length === 0) return;
    const known = (await this.partners.programmeFlags(ctx)).map((f) => f.code);
    const unknown = [...new Set(flags)].filter((f) => !known.includes(f));
    if (unknown.length) throw DomainError.badInput(`Unknown programme flag(s) in ${field}: ${unknown.join(', ')}. Known flags: ${known.join(', ')}.`, argument);
  }

  listFrameworks(ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.partners.listFrameworks(ctx);
  }

  /** The framework of this code, or null when there is none. */
  async frameworkByCode(ctx: RequestContext, code: string): Promise<PartnershipFramework | null> {
    return (await this.partners.frameworksByCodes(ctx, [code]))[0] ?? null;
  }

  /** The frameworks of these codes; an unknown code is the caller's mistake, named by `field` in the message. */
  async frameworksByCodes(ctx: RequestContext, codes: readonly string[], field: string, argument = field): Promise<PartnershipFramework[]> {
    const found = await this.partners.frameworksByCodes(ctx, codes);
    const known = new Set(found.map((f) => f.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw DomainError.badInput(`Unknown framework code(s) in ${field}: ${unknown.join(', ')}`, argument);
    return found;
  }
}
