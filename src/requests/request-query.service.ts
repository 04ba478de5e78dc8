import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { CooperationRequestConnection } from './dto/request.types.js';
import { RequestReadRepository } from './request-read.repository.js';
import { requestSort } from './request-query.js';
import type { RequestOrder } from './request.enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?|infinity)$/;

/** Lists and single reads of requests, both over the caller's reach (the repository applies requestScope). */
@Injectable()
export class RequestQueryService {
  constructor(private readonly requests: RequestReadRepository) {}

  async find(ctx: RequestContext, id: string): Promise<CooperationRequest | null> {
    if (!UUID.test(id)) throw DomainError.badInput(`id is not a request id: ${JSON.stringify(id)}.`, 'id');
    return this.requests.find(ctx, id);
  }

  async list(
    ctx: RequestContext,
    args: { first?: number | null; after?: string | null; filter?: RequestFilter | null; orderBy?: RequestOrder | null },
  ): Promise<CooperationRequestConnection> {
    const limit = pageSize(args.first);
    const filter = args.filter ?? {};
    const sort = requestSort(args.orderBy);
    const after = args.after ? decodeCursor(args.after, sort.tag, 2, 'after', ([key, id]) => UUID.test(String(id)) && TIMESTAMP.test(String(key))) : null;
    const rows = await this.requests.page(ctx, filter, sort, after && [String(after[0]), String(after[1])], limit);
    const keys = new Map(rows.map((row) => [row.request.id, row.sortKey]));
    let count: Promise<number> | undefined;
    return {
      ...toConnection(
        rows.map((row) => row.request),
        limit,
        args.after,
        (r) => encodeCursor(sort.tag, [keys.get(r.id)!, r.id]),
      ),
      count: () => (count ??= this.requests.count(ctx, filter)),
    } as CooperationRequestConnection;
  }
}
