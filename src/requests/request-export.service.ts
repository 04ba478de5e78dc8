import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { Cell, TableOut } from '../common/http/tabular.js';
import { createValidationPipe } from '../common/validation.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import { RequestFilter } from './dto/request.inputs.js';
import { personalDataAccess } from './request-access.js';
import { RequestQueryService } from './request-query.service.js';
import { RequestStatisticsService } from './request-statistics.service.js';
import { isOverdue, RequestOrder } from './request.enums.js';

/** Rows per statement while streaming: the list's own keyset page at its largest. */
const PAGE = 100;

const REQUEST_COLUMNS = [
  'reference', 'status', 'title', 'partner', 'offering_code', 'offering_kind', 'iteration_start', 'routed_section', 'routing_reason', 'priority',
  'seats_requested', 'seats_allocated', 'participant_count', 'desired_start', 'desired_end', 'submitted_at', 'acknowledge_due_at', 'decision_due_at',
  'acknowledged_at', 'decided_at', 'overdue', 'created_at', 'updated_at', 'kind_fields',
] as const;

/** A kind's extra fields (issue #15) as `/path=value` pairs, one cell: the same for any schema. */
function flattenKindFields(values: unknown, prefix = ''): string[] {
  if (values === null || values === undefined) return [];
  if (Array.isArray(values)) return values.flatMap((v, i) => flattenKindFields(v, `${prefix}/${i}`));
  if (typeof values === 'object') return Object.entries(values).flatMap(([k, v]) => flattenKindFields(v, `${prefix}/${k}`));
  return [`${prefix}=${String(values)}`];
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/**
 * Server-side exports of the request list and the statistics (issue #16 item 3): the caller's filter (the
 * GraphQL RequestFilter, as JSON) over the caller's reach, every row, streamed. The list pages through the same
 * keyset query as the `requests` field (RequestQueryService.list, 100 rows a statement), so an export can never
 * hold a row the list would not show that caller.
 */
@Injectable()
export class RequestExportService {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly queries: RequestQueryService,
    private readonly statistics: RequestStatisticsService,
    private readonly audit: AuditService,
  ) {}

  /** The `filter` query parameter: RequestFilter as JSON, validated like the GraphQL argument. */
  async parseFilter(raw: unknown): Promise<RequestFilter> {
    if (raw === undefined || raw === null || raw === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      throw DomainError.badInput('filter must be a RequestFilter as JSON, e.g. {"statuses":["SUBMITTED"],"partnerCodes":["GEO"]}.', 'filter');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw DomainError.badInput('filter must be a JSON object (a RequestFilter).', 'filter');
    let filter: RequestFilter;
    try {
      filter = (await this.pipe.transform(json, { type: 'query', metatype: RequestFilter, data: 'filter' })) as RequestFilter;
    } catch (error) {
      // The pipe names the field; the parameter it sits in is `filter`.
      if (error instanceof DomainError) throw DomainError.badInput(`filter.${error.message}`, 'filter');
      throw error;
    }
    for (const key of ['submittedAfter', 'submittedBefore'] as const) {
      const value = filter[key] as unknown;
      if (value === undefined) continue;
      const date = new Date(String(value));
      if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw DomainError.badInput(`filter.${key} must be a date-time such as 2026-01-31T00:00:00Z.`, 'filter');
      filter[key] = date;
    }
    return filter;
  }

  parseOrder(raw: unknown): RequestOrder | undefined {
    if (raw === undefined || raw === '') return undefined;
    if (!Object.values(RequestOrder).includes(raw as RequestOrder)) throw DomainError.badInput(`orderBy must be one of ${Object.values(RequestOrder).join(', ')}.`, 'orderBy');
    return raw as RequestOrder;
  }

  /** The list as one table; recorded in the audit trail (request.export) before the first row leaves. */
  async requestTable(ctx: RequestContext, filter: RequestFilter, orderBy: RequestOrder | undefined, format: string): Promise<TableOut> {
    await this.audit.record(ctx, 'request.export', { type: 'CooperationRequest', id: 'list' }, { filter: { ...filter }, orderBy: orderBy ?? null, format });
    const queries = this.queries;
    async function* rows(): AsyncGenerator<Cell[]> {
      let after: string | null = null;
      do {
        const page = await queries.list(ctx, { first: PAGE, after, filter, orderBy });
        for (const edge of page.edges) yield requestRow(ctx, edge.node);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    }
    return { name: 'Requests', columns: REQUEST_COLUMNS, rows: rows() };
  }

  /** The statistics as a long table: one row per dimension and key, then the service times. */
  async statisticsTable(ctx: RequestContext, filter: RequestFilter, format: string): Promise<TableOut> {
    await this.audit.record(ctx, 'request.statistics.export', { type: 'CooperationRequest', id: 'statistics' }, { filter: { ...filter }, format });
    const s = await this.statistics.statistics(ctx, filter);
    const out: Cell[][] = [
      ['total', '', s.total, null, null],
      ['overdue', '', s.overdue, null, null],
      ...s.byStatus.map((c) => ['status', c.key, c.count, null, null]),
      ...s.bySection.map((c) => ['section', c.key, c.count, null, null]),
      ...s.byPartner.map((c) => ['partner', c.key, c.count, null, null]),
      ...s.byKind.map((c) => ['kind', c.key, c.count, null, null]),
      ['time_to_acknowledge', '', s.timeToAcknowledge.count, s.timeToAcknowledge.medianHours, s.timeToAcknowledge.p90Hours],
      ['time_to_decide', '', s.timeToDecide.count, s.timeToDecide.medianHours, s.timeToDecide.p90Hours],
    ];
    async function* rows(): AsyncGenerator<Cell[]> {
      yield* out;
    }
    return { name: 'Statistics', columns: ['dimension', 'key', 'count', 'median_hours', 'p90_hours'], rows: rows() };
  }
}

function requestRow(ctx: RequestContext, r: CooperationRequest): Cell[] {
  const overdue = isOverdue(r);
  return [
    r.reference, r.status, r.title, r.partner?.code ?? null, r.offering?.code ?? null, r.offeringKind, r.iteration?.startDate ?? null,
    r.routedSection?.code ?? null, r.routingReason, r.priority, r.seatsRequested, r.seatsAllocated, r.participants.length,
    r.desiredStart, r.desiredEnd, iso(r.submittedAt), iso(r.acknowledgeDueAt), iso(r.decisionDueAt), iso(r.acknowledgedAt), iso(r.decidedAt),
    overdue, iso(r.createdAt), iso(r.updatedAt),
    // They name people (directors): only for whoever may read the participants, as on the request page.
    personalDataAccess(ctx, r) ? flattenKindFields(r.kindFields).join('; ') : null,
  ];
}
