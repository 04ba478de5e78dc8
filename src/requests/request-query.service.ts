import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import type { CooperationRequest, ParticipantData } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { CooperationRequestConnection, RequestParticipant } from './dto/request.types.js';
import { RequestReadRepository } from './request-read.repository.js';
import { RequestRepository } from './request.repository.js';
import { requestSort } from './request-query.js';
import type { RequestOrder } from './request.enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?|infinity)$/;

/** Lists and single reads of requests, both over the caller's reach (the repository applies requestScope). */
@Injectable()
export class RequestQueryService {
  constructor(
    private readonly requests: RequestReadRepository,
    private readonly audit: AuditService,
    private readonly byId: RequestRepository,
  ) {}

  /**
   * Requests by id, NOT scoped by the caller's reach, batched per request: for another context that has decided
   * access by its own rule (issue #15: a peer reviewer reads the SPS application assigned to them). Never behind a
   * field that takes ids from the caller without that check.
   */
  byIdsForContext(ctx: RequestContext, ids: readonly string[]): Promise<CooperationRequest[]> {
    return this.byId.byIds(ctx, ids);
  }

  /**
   * An administrator's audited read of a request's participants: the reason is kept with the event
   * (request.participants.reveal), which is written before anything is returned.
   */
  async revealParticipants(ctx: RequestContext, id: string, reason: string): Promise<RequestParticipant[]> {
    const why = reason.trim();
    if (why.length < 10) throw DomainError.badInput('reason: say why you need these participants\' personal data (at least 10 characters), e.g. the ticket or the complaint it answers.', 'reason');
    if (why.length > 1000) throw DomainError.badInput('reason: at most 1000 characters.', 'reason');
    const request = await this.find(ctx, id);
    if (!request) throw DomainError.notFound('Request');
    await this.audit.record(ctx, 'request.participants.reveal', { type: 'CooperationRequest', id: request.id }, { reason: why, participants: request.participants.length });
    return participantsOf(request);
  }

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

/** The participants as the API shows them (absent optional values as null). */
export function participantsOf(r: { participants: ParticipantData[] }): RequestParticipant[] {
  return r.participants.map((p) => ({ name: p.name, rankOrTitle: p.rankOrTitle ?? null, email: p.email ?? null, languageLevel: p.languageLevel ?? null, clearance: p.clearance ?? null, nomineeId: p.nomineeId ?? null, clearanceLevel: p.clearanceLevel ?? null, languageProfiles: p.languageProfiles ?? [] }));
}
