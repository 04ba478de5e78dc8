import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { OfferingReadRepository } from './offering-read.repository.js';
import { viewerOf, visibleStatuses } from './offering-visibility.js';
import type { Offering } from './offering.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One offering by id or code, with the same visibility rule as the list. */
@Injectable()
export class OfferingService {
  constructor(private readonly offerings: OfferingReadRepository) {}

  async find(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined): Promise<Offering | null> {
    if (!id && !code) throw DomainError.badInput('Give the offering id or its code.', 'id');
    if (id && !UUID.test(id)) throw DomainError.badInput(`id is not an offering id: ${JSON.stringify(id)}.`, 'id');
    return (await this.offerings.findOne(ctx, visibleStatuses(ctx), viewerOf(ctx), id ?? null, code ?? null)) ?? null;
  }
}
