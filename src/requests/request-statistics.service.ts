import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { DurationStatistics, RequestCount, RequestStatistics } from './dto/request.types.js';
import { requestScope } from './request-access.js';
import { applyRequestFilter, OVERDUE_SQL } from './request-query.js';

interface Row {
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
 * Counts by status, section, partner and kind and service times, in one statement over the caller's
 * scope: one aggregate per dimension over the matched rows, percentile_cont for the median and 90th percentile.
 */
@Injectable()
export class RequestStatisticsService {
  constructor(@InjectRepository(CooperationRequest) private readonly requests: Repository<CooperationRequest>) {}

  async statistics(ctx: RequestContext, filter: RequestFilter | null | undefined): Promise<RequestStatistics> {
    const scope = requestScope(ctx, 'r');
    const matched = applyRequestFilter(this.requests.createQueryBuilder('r').select('r.id').where(scope.sql, scope.params), filter ?? {});
    const [sql, params] = matched.getQueryAndParameters();
    const hours = (a: string, b: string) => `extract(epoch FROM (${a} - ${b})) / 3600.0`;
    const rows = (await this.requests.query(
      `WITH m AS (
         SELECT r.status, r.offering_kind, s.code AS section_code, p.code AS partner_code, r.submitted_at, r.acknowledged_at, r.decided_at,
                ${OVERDUE_SQL} AS overdue
           FROM cooperation_request r JOIN partner p ON p.id = r.partner_id LEFT JOIN section s ON s.id = r.routed_section_id
          WHERE r.id IN (${sql}))
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
      params,
    )) as Row[];
    const by = (dim: string): RequestCount[] =>
      rows
        .filter((r) => r.dim === dim && r.key !== null)
        .map((r) => ({ key: r.key!, count: r.count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const total = rows.find((r) => r.dim === 'total')!;
    const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
    const duration = (n: number | null, median: number | null, p90: number | null): DurationStatistics => ({ count: n ?? 0, medianHours: round(median), p90Hours: round(p90) });
    return {
      total: total.count,
      overdue: rows.find((r) => r.dim === 'overdue')!.count,
      byStatus: by('status'),
      bySection: by('section'),
      byPartner: by('partner'),
      byKind: by('kind'),
      timeToAcknowledge: duration(total.ack_n, total.ack_median, total.ack_p90),
      timeToDecide: duration(total.dec_n, total.dec_median, total.dec_p90),
    };
  }
}
