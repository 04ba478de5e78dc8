import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { referencedStatuses, viewerConditions, viewerOf } from '../catalogue/offering-visibility.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import { requestScope } from './request-access.js';
import { applyRequestFilter, OVERDUE_SQL, type RequestSort } from './request-query.js';

export interface StatisticsRow {
  dim: string;
  key: string | null;
  count: number;
  ack_n: number | null;
  ack_median: number | null;
  ack_p90: number | null;
  dec_n: number | null;
  dec_median: number | null;
  dec_p90: number | null;
}

/**
 * The read side of requests: the keyset-paged list, its count, a single read, and the statistics, all over
 * the caller's reach (requestScope) and the same filter (request-query.ts), with TypeORM's query builder
 * (keyset pagination, relations hydrated in the page's one statement).
 *
 * The page joins its to-one relations so a page costs one statement whatever its size (the request list and
 * triage queue scenarios in bench/, at most 4 statements): partner and routed section (organisation's rows)
 * and offering and iteration (the catalogue's), read-only. The offering join applies the catalogue's
 * visibility rule (referencedStatuses) and releasability for the viewer's partner (viewerConditions), as the
 * catalogue's loader of offerings by id does; the iteration only joins through a visible offering.
 */
@Injectable()
export class RequestReadRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
  ) {}

  async find(ctx: RequestContext, id: string): Promise<CooperationRequest | null> {
    return this.scoped(ctx).andWhere('r.id = :id', { id }).getOne();
  }

  /** One page (limit + 1 rows, to tell whether there is a next one), each with its sort key for the cursor. */
  async page(
    ctx: RequestContext,
    filter: RequestFilter,
    sort: RequestSort,
    after: [string, string] | null,
    limit: number,
  ): Promise<Array<{ request: CooperationRequest; sortKey: string }>> {
    const page = applyRequestFilter(this.scoped(ctx), filter).addSelect(`(${sort.expr})::text`, 'sort_key');
    if (after) {
      page.andWhere(keysetAfter(sort.expr, sort.direction, 'r.id', 'CAST(:afterKey AS timestamptz)', 'CAST(:afterId AS uuid)'), { afterKey: after[0], afterId: after[1] });
    }
    const { entities, raw } = await page
      .orderBy(sort.expr, sort.direction)
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ r_id: string; sort_key: string }>();
    const keys = new Map(raw.map((row) => [row.r_id, row.sort_key]));
    return entities.map((request) => ({ request, sortKey: keys.get(request.id)! }));
  }

  count(ctx: RequestContext, filter: RequestFilter): Promise<number> {
    const scope = requestScope(ctx, 'r');
    return applyRequestFilter(this.requests().where(scope.sql, scope.params), filter).getCount();
  }

  /**
   * Counts by status, section, partner and kind and service times, in one statement over the caller's reach:
   * one aggregate per dimension over the matched rows, percentile_cont for the median and 90th percentile.
   * Section and partner codes are read with a join to the organisation's rows (one statement instead of a
   * lookup per key).
   */
  async statistics(ctx: RequestContext, filter: RequestFilter): Promise<StatisticsRow[]> {
    const scope = requestScope(ctx, 'r');
    const matched = applyRequestFilter(this.requests().select('r.id').where(scope.sql, scope.params), filter);
    const hours = (a: string, b: string) => `extract(epoch FROM (${a} - ${b})) / 3600.0`;
    return this.sql.rows<StatisticsRow>(
      ctx,
      `WITH m AS (
         SELECT r.status, r.offering_kind, s.code AS section_code, p.code AS partner_code, r.submitted_at, r.acknowledged_at, r.decided_at,
                ${OVERDUE_SQL} AS overdue
           FROM cooperation_request r JOIN partner p ON p.id = r.partner_id LEFT JOIN section s ON s.id = r.routed_section_id
          WHERE r.id IN (${matched.getQuery()}))
       SELECT 'total' AS dim, NULL AS key, count(*)::int AS count,
              count(acknowledged_at)::int AS ack_n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('acknowledged_at', 'submitted_at')}) AS ack_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours('acknowledged_at', 'submitted_at')}) AS ack_p90,
              count(decided_at)::int AS dec_n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('decided_at', 'submitted_at')}) AS dec_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours('decided_at', 'submitted_at')}) AS dec_p90
         FROM m
       UNION ALL SELECT 'overdue', NULL, count(*) FILTER (WHERE overdue)::int, NULL, NULL, NULL, NULL, NULL, NULL FROM m
       UNION ALL SELECT 'status', status, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL FROM m GROUP BY status
       UNION ALL SELECT 'section', section_code, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL FROM m GROUP BY section_code
       UNION ALL SELECT 'partner', partner_code, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL FROM m GROUP BY partner_code
       UNION ALL SELECT 'kind', coalesce(offering_kind, 'OPEN_REQUEST'), count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL FROM m GROUP BY 2`,
      matched.getParameters(),
    );
  }

  private requests() {
    return this.dataSource.getRepository(CooperationRequest).createQueryBuilder('r');
  }

  /** In the caller's reach, with the to-one relations joined (see the class comment). */
  private scoped(ctx: RequestContext): SelectQueryBuilder<CooperationRequest> {
    const scope = requestScope(ctx, 'r');
    // The catalogue's releasability for the viewer's partner, as its loader of offerings by id applies it.
    const seen = viewerConditions(viewerOf(ctx), 'referenced');
    const offeringJoin = ['o.status = ANY(:visibleOfferingStatuses)', ...seen.map((c) => c.sql)].join(' AND ');
    return this.requests()
      .leftJoinAndSelect('r.partner', 'p')
      .leftJoinAndSelect('r.routedSection', 's')
      .leftJoinAndSelect('r.offering', 'o', offeringJoin, Object.assign({ visibleOfferingStatuses: referencedStatuses(ctx) }, ...seen.map((c) => c.params)))
      // No visible offering (o.id NULL): no iteration either.
      .leftJoinAndSelect('r.iteration', 'i', 'i.offering_id = o.id')
      .where(scope.sql, scope.params);
  }
}
