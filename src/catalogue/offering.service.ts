import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Offering } from './offering.entity.js';
import { visibleStatuses } from './offering-visibility.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One offering by id or code, with the same visibility rule as the list. */
@Injectable()
export class OfferingService {
  constructor(@InjectRepository(Offering) private readonly offerings: Repository<Offering>) {}

  async find(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined): Promise<Offering | null> {
    if (!id && !code) throw DomainError.badInput('Give the offering id or its code.', 'id');
    if (id && !UUID.test(id)) throw DomainError.badInput(`id is not an offering id: ${JSON.stringify(id)}.`, 'id');
    const qb = this.offerings.createQueryBuilder('o').where('o.status = ANY(:statuses)', { statuses: visibleStatuses(ctx) });
    if (id) qb.andWhere('o.id = :id', { id });
    if (code) qb.andWhere('o.code = :code', { code });
    return qb.getOne();
  }
}
