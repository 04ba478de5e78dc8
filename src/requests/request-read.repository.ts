import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityMetadata, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { referencedStatuses, viewerConditions, viewerOf } from '../catalogue/offering-visibility.js';
import type { RequestContext } from '../common/context/request-context.js';
import { RecordedConditions } from '../common/database/recorded-conditions.js';
import { RowMapper } from '../common/database/row-mapper.js';
import { Sql, type StatementOptions } from '../common/database/sql.js';
import { keysetAfter } from '../common/pagination/keyset.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFilter } from './dto/request.inputs.js';
import { requestScope } from './request-access.js';
import { applyRequestFilter, COURSE_YEAR_SQL, OVERDUE_SQL, type RequestSort } from './request-query.js';

/** One row of the dashboard statement: a dimension, its key and label, and up to four figures. */
export interface DashboardRow {
  dim: string;
  key: string | null;
  label: string | null;
  a: number;
  b: number;
  c: number;
  d: number;
  ack_n: number | null;
  ack_median: number | null;
  ack_p90: number | null;
  dec_n: number | null;
  dec_median: number | null;
  dec_p90: number | null;
}

/** Linked requests of one objective with one status. */
export interface ObjectiveReportRow {
  objective_id: string;
  status: string;
  requests: number;
  seats_requested: number;
  seats_used: number;
}

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
 * the caller's reach (requestScope) and the same filter (request-query.ts). The list and its count, the hot
 * path, are statement texts cached per shape and rows copied by RowMapper; the single read and the statistics
 * use TypeORM's query builder.
 *
 * The page joins its to-one relations so a page costs one statement whatever its size (the request list and
 * triage queue scenarios in bench/, at most 4 statements): partner and routed section (organisation's rows)
 * and offering and iteration (the catalogue's), read-only. The offering join applies the catalogue's
 * visibility rule (referencedStatuses) and releasability for the viewer's partner (viewerConditions), as the
 * catalogue's loader of offerings by id does; the iteration only joins through a visible offering.
 */
/**
 * The page's statement text per shape (scope, viewer, filter conditions, order, keyset, limit): built once,
 * then bound per call. Hydrating 51 rows of five joined tables through TypeORM cost ~6 ms of CPU per page,
 * several times the statement itself; RowMapper copies the columns instead.
 */
const pageStatementByShape = new Map<string, string>();
const MAX_CACHED_SHAPES = 1000;

/**
 * The list and its count as prepared statements, planned once per connection: planning the page's five-way
 * join cost more than running it (0.65 against 0.35 ms for a triage queue page at 1,000,000 requests, 0.75
 * against 0.33 for a liaison officer's). Their plans are index ranges whatever the partner or section. Not with
 * a text search (Sql: a generic plan made for one term can be wrong for the next).
 */
const listStatement = (filter: RequestFilter): StatementOptions => ({ prepare: !filter.search?.trim() });

@Injectable()
export class RequestReadRepository {
  private readonly mappers: {
    request: RowMapper<CooperationRequest>;
    partner: RowMapper<ObjectLiteral>;
    section: RowMapper<ObjectLiteral>;
    offering: RowMapper<ObjectLiteral>;
    iteration: RowMapper<ObjectLiteral>;
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
  ) {
    const metadata = dataSource.getMetadata(CooperationRequest);
    // The joined rows' mappers from the relations' metadata: this context reads those tables, it does not map them.
    const related = (property: string): RowMapper<ObjectLiteral> =>
      RowMapper.of((metadata.relations.find((r) => r.propertyName === property) as { inverseEntityMetadata: EntityMetadata }).inverseEntityMetadata);
    this.mappers = {
      request: RowMapper.of<CooperationRequest>(metadata),
      partner: related('partner'),
      section: related('routedSection'),
      offering: related('offering'),
      iteration: related('iteration'),
    };
  }

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
    const scope = requestScope(ctx, 'r');
    const offeringJoin = this.offeringJoin(ctx);
    const conditions = applyRequestFilter(new RecordedConditions(), filter);
    if (after) conditions.andWhere(keysetAfter(sort.expr, sort.direction, 'r.id', 'CAST(:afterKey AS timestamptz)', 'CAST(:afterId AS uuid)'), { afterKey: after[0], afterId: after[1] });
    const shape = [sort.tag, sort.expr, sort.direction, limit, scope.sql, offeringJoin.sql, ...conditions.wheres].join('\u0000');
    let statement = pageStatementByShape.get(shape);
    if (statement === undefined) {
      const m = this.mappers;
      statement = `SELECT ${m.request.select('r')}, ${m.partner.select('p')}, ${m.section.select('s')}, ${m.offering.select('o')}, ${m.iteration.select('i')},
               (${sort.expr})::text AS sort_key
          FROM cooperation_request r
          LEFT JOIN partner p ON p.id = r.partner_id
          LEFT JOIN section s ON s.id = r.routed_section_id
          LEFT JOIN offering o ON o.id = r.offering_id AND ${offeringJoin.sql}
          LEFT JOIN offering_iteration i ON i.id = r.iteration_id AND i.offering_id = o.id
         WHERE ${[scope.sql, ...conditions.wheres].map((w) => `(${w})`).join(' AND ')}
         ORDER BY ${sort.expr} ${sort.direction}, r.id ASC
         LIMIT ${limit + 1}`;
      if (pageStatementByShape.size >= MAX_CACHED_SHAPES) pageStatementByShape.clear();
      pageStatementByShape.set(shape, statement);
    }
    const table = await this.sql.table(ctx, statement, { ...scope.params, ...offeringJoin.params, ...conditions.parameters }, listStatement(filter));
    const m = this.mappers;
    const [partners, sections, offerings, iterations] = [
      table.entities(m.partner, 'p_'), table.entities(m.section, 's_'), table.entities(m.offering, 'o_'), table.entities(m.iteration, 'i_'),
    ];
    const sortKeys = table.values<string>('sort_key');
    return table.entities(m.request, 'r_').map((request, i) => {
      // As TypeORM's join hydration: null for a relation joined but not found (the field resolvers then load nothing).
      Object.assign(request!, {
        partner: partners[i] ?? null,
        routedSection: sections[i] ?? null,
        offering: offerings[i] ?? null,
        iteration: iterations[i] ?? null,
      });
      return { request: request!, sortKey: sortKeys[i]! };
    });
  }

  async count(ctx: RequestContext, filter: RequestFilter): Promise<number> {
    const scope = requestScope(ctx, 'r');
    const conditions = applyRequestFilter(new RecordedConditions(), filter);
    const where = [scope.sql, ...conditions.wheres].map((w) => `(${w})`).join(' AND ');
    const row = await this.sql.one<{ n: number }>(ctx, `SELECT count(*)::int AS n FROM cooperation_request r WHERE ${where}`, { ...scope.params, ...conditions.parameters }, listStatement(filter));
    return row!.n;
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

  /**
   * The dashboard (issue #17 item 5) in one statement over the caller's reach and the filter, submitted requests only:
   * totals, bars by status, programme (offering kind at submission), partner (with its name), section, months
   * (submitted, decided, completed — completion read from the request's own timeline) and course years (seats asked
   * for and used, completions). Partner and section names come from a join to the organisation's rows, as in
   * `statistics`; the course year is COURSE_YEAR_SQL (the iteration's start, else the desired start, else the
   * submission): seats are used in the year the course runs, not the year the partner asked.
   */
  async dashboard(ctx: RequestContext, filter: RequestFilter): Promise<DashboardRow[]> {
    const scope = requestScope(ctx, 'r');
    const matched = applyRequestFilter(this.requests().select('r.id').where(scope.sql, scope.params).andWhere('r.submitted_at IS NOT NULL'), filter);
    const hours = (a: string, b: string) => `extract(epoch FROM (${a} - ${b})) / 3600.0`;
    const name = ctx.language === 'fr' ? 'name_fr' : 'name_en';
    const month = (col: string) => `to_char(date_trunc('month', ${col} AT TIME ZONE 'UTC'), 'YYYY-MM')`;
    const bar = (dim: string, key: string, label: string) =>
      `SELECT '${dim}', ${key}, ${label}, count(*)::int, coalesce(sum(seats_allocated), 0)::int, count(*) FILTER (WHERE status = 'COMPLETED')::int, 0,
              NULL::int, NULL::float8, NULL::float8, NULL::int, NULL::float8, NULL::float8 FROM m GROUP BY 2, 3`;
    const months = (dim: string, col: string) =>
      `SELECT '${dim}', ${month(col)}, NULL, count(*)::int, 0, 0, 0, NULL::int, NULL::float8, NULL::float8, NULL::int, NULL::float8, NULL::float8
         FROM m WHERE ${col} IS NOT NULL GROUP BY 2`;
    return this.sql.rows<DashboardRow>(
      ctx,
      `WITH m AS (
         SELECT r.status, coalesce(r.offering_kind, 'OPEN_REQUEST') AS programme, s.code AS section_code, s.${name} AS section_name,
                p.code AS partner_code, p.${name} AS partner_name, r.submitted_at, r.acknowledged_at, r.decided_at, r.seats_requested, r.seats_allocated,
                (SELECT max(e.at) FROM request_event e WHERE e.request_id = r.id AND e.to_status = 'COMPLETED') AS completed_at,
                ${OVERDUE_SQL} AS overdue,
                ${COURSE_YEAR_SQL} AS course_year
           FROM cooperation_request r JOIN partner p ON p.id = r.partner_id LEFT JOIN section s ON s.id = r.routed_section_id
          WHERE r.id IN (${matched.getQuery()}))
       SELECT 'total' AS dim, NULL AS key, NULL AS label, count(*)::int AS a, coalesce(sum(seats_allocated), 0)::int AS b,
              count(*) FILTER (WHERE status = 'COMPLETED')::int AS c, count(*) FILTER (WHERE overdue)::int AS d,
              count(acknowledged_at)::int AS ack_n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('acknowledged_at', 'submitted_at')}) AS ack_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours('acknowledged_at', 'submitted_at')}) AS ack_p90,
              count(decided_at)::int AS dec_n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('decided_at', 'submitted_at')}) AS dec_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours('decided_at', 'submitted_at')}) AS dec_p90
         FROM m
       UNION ALL ${bar('status', 'status', 'NULL')}
       UNION ALL ${bar('programme', 'programme', 'NULL')}
       UNION ALL ${bar('partner', 'partner_code', 'partner_name')}
       UNION ALL ${bar('section', 'section_code', 'section_name')}
       UNION ALL ${months('submitted', 'submitted_at')}
       UNION ALL ${months('decided', 'decided_at')}
       UNION ALL ${months('completed', 'completed_at')}
       UNION ALL SELECT 'year', course_year::text, NULL, count(*)::int, coalesce(sum(seats_requested), 0)::int,
              coalesce(sum(seats_allocated), 0)::int, count(*) FILTER (WHERE status = 'COMPLETED')::int,
              NULL::int, NULL::float8, NULL::float8, NULL::int, NULL::float8, NULL::float8 FROM m GROUP BY 2`,
      matched.getParameters(),
    );
  }

  /** Submitted requests in the caller's reach linked to these objectives, by objective and status (one statement per batch). */
  objectiveReports(ctx: RequestContext, objectiveIds: readonly string[]): Promise<ObjectiveReportRow[]> {
    const scope = requestScope(ctx, 'r');
    return this.sql.rows<ObjectiveReportRow>(
      ctx,
      `SELECT r.objective_id, r.status, count(*)::int AS requests, coalesce(sum(r.seats_requested), 0)::int AS seats_requested,
              coalesce(sum(r.seats_allocated), 0)::int AS seats_used
         FROM cooperation_request r
        WHERE r.objective_id = ANY(:objectiveIds::uuid[]) AND r.submitted_at IS NOT NULL AND ${scope.sql}
        GROUP BY r.objective_id, r.status`,
      { ...scope.params, objectiveIds: [...objectiveIds] },
    );
  }

  private requests() {
    return this.dataSource.getRepository(CooperationRequest).createQueryBuilder('r');
  }

  /** The offering join's condition: the catalogue's visibility and releasability for the viewer, as its loader of offerings by id applies them. */
  private offeringJoin(ctx: RequestContext): { sql: string; params: ObjectLiteral } {
    const seen = viewerConditions(viewerOf(ctx), 'referenced');
    return {
      sql: ['o.status = ANY(:visibleOfferingStatuses)', ...seen.map((c) => c.sql)].join(' AND '),
      params: Object.assign({ visibleOfferingStatuses: referencedStatuses(ctx) }, ...seen.map((c) => c.params)) as ObjectLiteral,
    };
  }

  /** In the caller's reach, with the to-one relations joined (see the class comment). */
  private scoped(ctx: RequestContext): SelectQueryBuilder<CooperationRequest> {
    const scope = requestScope(ctx, 'r');
    const offeringJoin = this.offeringJoin(ctx);
    return this.requests()
      .leftJoinAndSelect('r.partner', 'p')
      .leftJoinAndSelect('r.routedSection', 's')
      .leftJoinAndSelect('r.offering', 'o', offeringJoin.sql, offeringJoin.params)
      // No visible offering (o.id NULL): no iteration either.
      .leftJoinAndSelect('r.iteration', 'i', 'i.offering_id = o.id')
      .where(scope.sql, scope.params);
  }
}
