import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { DurationStatistics, RequestCount, RequestStatistics } from './dto/request.types.js';
import { RequestReadRepository } from './request-read.repository.js';

/**
 * Counts by status, section, partner and kind and service times over the caller's reach, from the one
 * statement RequestReadRepository.statistics runs.
 */
@Injectable()
export class RequestStatisticsService {
  constructor(private readonly requests: RequestReadRepository) {}

  async statistics(ctx: RequestContext, filter: RequestFilter | null | undefined): Promise<RequestStatistics> {
    const rows = await this.requests.statistics(ctx, filter ?? {});
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
