import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { pageSize } from '../common/pagination/page-size.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { CooperationRequestConnection } from './dto/request.types.js';
import { requestScope } from './request-access.js';
import { applyRequestFilter, requestSort } from './request-query.js';
import type { RequestOrder } from './request.enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?|infinity)$/;

/** Lists and single reads of requests, both through the one access helper. */
@Injectable()
export class RequestQueryService {
  constructor(@InjectRepository(CooperationRequest) private readonly requests: Repository<CooperationRequest>) {}

  /** Scoped, with the to-one relations joined so a page costs one query whatever its size. */
  private scoped(ctx: RequestContext) {
    const scope = requestScope(ctx, 'r');
    return this.requests
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.partner', 'p')
      .leftJoinAndSelect('r.routedSection', 's')
      .leftJoinAndSelect('r.offering', 'o')
      .leftJoinAndSelect('r.iteration', 'i')
      .where(scope.sql, scope.params);
  }

  async find(ctx: RequestContext, id: string): Promise<CooperationRequest | null> {
    if (!UUID.test(id)) throw DomainError.badInput(`id is not a request id: ${JSON.stringify(id)}.`, 'id');
    return this.scoped(ctx).andWhere('r.id = :id', { id }).getOne();
  }

  async list(
    ctx: RequestContext,
    args: { first?: number | null; after?: string | null; filter?: RequestFilter | null; orderBy?: RequestOrder | null },
  ): Promise<CooperationRequestConnection> {
    const limit = pageSize(args.first);
    const filter = args.filter ?? {};
    const sort = requestSort(args.orderBy);
    const after = args.after ? decodeCursor(args.after, sort.tag, 2, 'after', ([key, id]) => UUID.test(String(id)) && TIMESTAMP.test(String(key))) : null;
    const page = applyRequestFilter(this.scoped(ctx), filter).addSelect(`(${sort.expr})::text`, 'sort_key');
    if (after) {
      page.andWhere(keysetAfter(sort.expr, sort.direction, 'r.id', 'CAST(:afterKey AS timestamptz)', 'CAST(:afterId AS uuid)'), {
        afterKey: String(after[0]),
        afterId: String(after[1]),
      });
    }
    const { entities, raw } = await page
      .orderBy(sort.expr, sort.direction)
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ r_id: string; sort_key: string }>();
    const keys = new Map(raw.map((row) => [row.r_id, row.sort_key]));
    let count: Promise<number> | undefined;
    const scope = requestScope(ctx, 'r');
    return {
      ...toConnection(entities, limit, args.after, (r) => encodeCursor(sort.tag, [keys.get(r.id)!, r.id])),
      count: () => (count ??= applyRequestFilter(this.requests.createQueryBuilder('r').where(scope.sql, scope.params), filter).getCount()),
    } as CooperationRequestConnection;
  }
}
