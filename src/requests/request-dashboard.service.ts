import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { csvCell } from '../audit/audit-trail.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import type { Dashboard, DashboardBar, DashboardExport, DashboardMonth, DashboardYear, ObjectiveReport } from './dto/dashboard.types.js';
import type { RequestFilter } from './dto/request.inputs.js';
import type { DurationStatistics } from './dto/request.types.js';
import { RequestReadRepository } from './request-read.repository.js';

const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);

/**
 * Dashboards for everyone (issue #17 item 5) — a partner's own, a section's, a coordinator's, an administrator's —
 * from the one statement RequestReadRepository.dashboard runs over the caller's reach, and the report per objective
 * of a partner's plan (item 1), batched per response.
 */
@Injectable()
export class RequestDashboardService {
  constructor(private readonly requests: RequestReadRepository) {}

  async dashboard(ctx: RequestContext, filter: RequestFilter | null | undefined): Promise<Dashboard> {
    const rows = await this.requests.dashboard(ctx, filter ?? {});
    const bars = (dim: string, byLabel = false): DashboardBar[] =>
      rows
        .filter((r) => r.dim === dim && r.key !== null)
        .map((r) => ({ key: r.key!, label: r.label, count: r.a, seatsUsed: r.b, completions: r.c }))
        .sort((x, y) => (byLabel ? (x.label ?? x.key).localeCompare(y.label ?? y.key, ctx.language) : y.count - x.count || x.key.localeCompare(y.key)));
    const months = new Map<string, DashboardMonth>();
    for (const r of rows) {
      if (!['submitted', 'decided', 'completed'].includes(r.dim) || r.key === null) continue;
      const m = months.get(r.key) ?? { month: r.key, submitted: 0, decided: 0, completed: 0 };
      m[r.dim as 'submitted' | 'decided' | 'completed'] = r.a;
      months.set(r.key, m);
    }
    const years: DashboardYear[] = rows
      .filter((r) => r.dim === 'year' && r.key !== null)
      .map((r) => ({ year: Number(r.key), requests: r.a, seatsRequested: r.b, seatsUsed: r.c, completions: r.d }))
      .sort((x, y) => x.year - y.year);
    const total = rows.find((r) => r.dim === 'total')!;
    const duration = (n: number | null, median: number | null, p90: number | null): DurationStatistics => ({ count: n ?? 0, medianHours: round(median), p90Hours: round(p90) });
    return {
      total: total.a,
      seatsUsed: total.b,
      completions: total.c,
      overdue: total.d,
      byStatus: bars('status'),
      byProgramme: bars('programme'),
      byPartner: bars('partner', true),
      bySection: bars('section'),
      byMonth: [...months.values()].sort((x, y) => x.month.localeCompare(y.month)),
      byYear: years,
      timeToAcknowledge: duration(total.ack_n, total.ack_median, total.ack_p90),
      timeToDecide: duration(total.dec_n, total.dec_median, total.dec_p90),
    };
  }

  /** The same dashboard as CSV: every bar, month and year, one line each. */
  async csv(ctx: RequestContext, filter: RequestFilter | null | undefined): Promise<DashboardExport> {
    const d = await this.dashboard(ctx, filter);
    const lines = ['section,key,label,count,seats_used,completions'];
    const line = (cells: Array<string | number | null>) => lines.push(cells.map((c) => csvCell(c === null ? null : String(c))).join(','));
    line(['total', null, null, d.total, d.seatsUsed, d.completions]);
    const sections: Array<[string, DashboardBar[]]> = [['status', d.byStatus], ['programme', d.byProgramme], ['partner', d.byPartner], ['section', d.bySection]];
    for (const [section, bars] of sections) for (const b of bars) line([section, b.key, b.label, b.count, b.seatsUsed, b.completions]);
    for (const m of d.byMonth) {
      line(['month_submitted', m.month, null, m.submitted, null, null]);
      line(['month_decided', m.month, null, m.decided, null, null]);
      line(['month_completed', m.month, null, m.completed, null, null]);
    }
    for (const y of d.byYear) line(['year', String(y.year), null, y.requests, y.seatsUsed, y.completions]);
    return { csv: `${lines.join('\r\n')}\r\n` };
  }

  /** The report of each objective, one statement per response whatever the number of objectives. */
  objectiveReport(ctx: RequestContext): DataLoader<string, ObjectiveReport> {
    return ctx.loaders.get('requests.objectiveReport', async (ids: readonly string[]) => {
      const rows = await this.requests.objectiveReports(ctx, ids);
      return ids.map((id) => {
        const mine = rows.filter((r) => r.objective_id === id);
        return {
          requests: mine.reduce((n, r) => n + r.requests, 0),
          byStatus: mine.map((r) => ({ key: r.status, count: r.requests })).sort((x, y) => y.count - x.count || x.key.localeCompare(y.key)),
          seatsRequested: mine.reduce((n, r) => n + r.seats_requested, 0),
          seatsUsed: mine.reduce((n, r) => n + r.seats_used, 0),
          completions: mine.filter((r) => r.status === 'COMPLETED').reduce((n, r) => n + r.requests, 0),
        };
      });
    });
  }
}
