import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { PartnerFilter } from './dto/partner-filter.input.js';
import { Partner } from './partner.entity.js';
import { PartnershipFramework } from './partnership-framework.entity.js';

/** Reads of partners and frameworks (reference data: small lists, no paging). */
@Injectable()
export class PartnerService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(PartnershipFramework) private readonly frameworks: Repository<PartnershipFramework>,
  ) {}

  async list(_ctx: RequestContext, filter: PartnerFilter = {}): Promise<Partner[]> {
    const qb = this.partners.createQueryBuilder('p').orderBy('p.code');
    if (filter.frameworkCodes?.length) {
      await this.assertFrameworksExist(filter.frameworkCodes, 'filter.frameworkCodes');
      qb.andWhere(
        `EXISTS (SELECT 1 FROM partner_framework pf JOIN partnership_framework f ON f.id = pf.framework_id
                 WHERE pf.partner_id = p.id AND f.code = ANY(:frameworkCodes))`,
        { frameworkCodes: filter.frameworkCodes },
      );
    }
    if (filter.programmeFlags?.length) qb.andWhere('p.programme_flags && :flags::text[]', { flags: filter.programmeFlags });
    if (filter.kinds?.length) qb.andWhere('p.kind = ANY(:kinds)', { kinds: filter.kinds });
    if (filter.suspended !== undefined && filter.suspended !== null) qb.andWhere('p.suspended = :suspended', { suspended: filter.suspended });
    return qb.getMany();
  }

  byCode(_ctx: RequestContext, code: string): Promise<Partner | null> {
    return this.partners.findOneBy({ code });
  }

  listFrameworks(_ctx: RequestContext): Promise<PartnershipFramework[]> {
    return this.frameworks.find({ order: { code: 'ASC' } });
  }

  private async assertFrameworksExist(codes: string[], argument: string): Promise<void> {
    const found = await this.frameworks.createQueryBuilder('f').select('f.code', 'code').where('f.code = ANY(:codes)', { codes }).getRawMany<{ code: string }>();
    const known = new Set(found.map((f) => f.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw DomainError.badInput(`Unknown framework code(s) in ${argument}: ${unknown.join(', ')}`, argument);
  }
}
