import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { RequestScope } from '../requests/request-access.js';
import type { FundingLine, FundingSource, FundingTotalsFilter } from './dto/funding.types.js';

/** The columns of a line a caller sets. */
export interface FundingLineRow {
  source_code: string;
  source_name: string | null;
  fiscal_year: number;
  currency: string;
  committed: string;
  spent: string;
  overspend_reason: string | null;
  note: string | null;
}

export interface FundingTotalRow {
  partnerCode: string | null;
  partnerName: string | null;
  programme: string;
  fiscalYear: number;
  sourceCode: string;
  currency: string;
  committed: string;
  spent: string;
  lines: number;
}

const LINE = `f.id, f.request_id AS "requestId", f.offering_id AS "offeringId", f.source_code AS "sourceCode", f.source_name AS "sourceName",
  f.fiscal_year AS "fiscalYear", f.currency, f.committed::text AS committed, f.spent::text AS spent, f.overspend_reason AS "overspendReason",
  f.note, f.version, f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

/**
 * Funding lines and their sources (funding_line, funding_source): plain SQL through `Sql`.
 *
 * `totals` is a reporting read across contexts, like the request statistics: it joins the requests it sums over
 * (through the requests context's one access rule, `requestScope`, passed in by the service) and the partner's and
 * offering's rows for names and kinds, so a dashboard's totals are one statement. Nothing here writes those tables.
 */
@Injectable()
export class FundingRepository {
  constructor(private readonly sql: Sql) {}

  sources(ctx: RequestContext): Promise<FundingSource[]> {
    return this.sql.rows<FundingSource>(
      ctx,
      `SELECT code, name_en AS "nameEn", name_fr AS "nameFr", requires_name AS "requiresName" FROM funding_source ORDER BY position, code`,
    );
  }

  linesByRequestIds(ctx: RequestContext, ids: readonly string[]): Promise<FundingLine[]> {
    return this.sql.rows<FundingLine>(ctx, `SELECT ${LINE} FROM funding_line f WHERE f.request_id = ANY(:ids::uuid[]) ORDER BY f.fiscal_year, f.created_at, f.id`, { ids: [...ids] });
  }

  linesByOfferingIds(ctx: RequestContext, ids: readonly string[]): Promise<FundingLine[]> {
    return this.sql.rows<FundingLine>(ctx, `SELECT ${LINE} FROM funding_line f WHERE f.offering_id = ANY(:ids::uuid[]) ORDER BY f.fiscal_year, f.created_at, f.id`, { ids: [...ids] });
  }

  lock(ctx: RequestContext, id: string): Promise<FundingLine | undefined> {
    return this.sql.one<FundingLine>(ctx, `SELECT ${LINE} FROM funding_line f WHERE f.id = :id FOR UPDATE`, { id });
  }

  async insert(ctx: RequestContext, owner: { requestId: string | null; offeringId: string | null }, createdBy: string | null, row: FundingLineRow): Promise<FundingLine> {
    return (await this.sql.one<FundingLine>(
      ctx,
      `INSERT INTO funding_line AS f (request_id, offering_id, created_by, source_code, source_name, fiscal_year, currency, committed, spent, overspend_reason, note)
       VALUES (:requestId, :offeringId, :createdBy, :source_code, :source_name, :fiscal_year, :currency, :committed::numeric, :spent::numeric, :overspend_reason, :note)
       RETURNING ${LINE}`,
      { ...row, ...owner, createdBy },
    ))!;
  }

  update(ctx: RequestContext, id: string, expectedVersion: number, row: FundingLineRow): Promise<FundingLine | undefined> {
    return this.sql.one<FundingLine>(
      ctx,
      `UPDATE funding_line AS f SET source_code = :source_code, source_name = :source_name, fiscal_year = :fiscal_year, currency = :currency,
              committed = :committed::numeric, spent = :spent::numeric, overspend_reason = :overspend_reason, note = :note,
              version = f.version + 1, updated_at = now()
        WHERE f.id = :id AND f.version = :expectedVersion
        RETURNING ${LINE}`,
      { ...row, id, expectedVersion },
    );
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.sql.execute(ctx, 'DELETE FROM funding_line WHERE id = :id', { id });
  }

  /**
   * Sums per partner, programme, fiscal year, source and currency: the lines of the requests in `scope` (alias r) and,
   * when `withOfferings`, the offerings' own lines (no partner; programme = the offering's kind).
   */
  totals(ctx: RequestContext, scope: RequestScope, withOfferings: boolean, filter: FundingTotalsFilter, language: 'en' | 'fr', limit: number): Promise<FundingTotalRow[]> {
    const name = language === 'fr' ? 'name_fr' : 'name_en';
    return this.sql.rows<FundingTotalRow>(
      ctx,
      `WITH l AS (
         SELECT p.code AS partner_code, p.${name} AS partner_name, coalesce(r.offering_kind, 'OPEN_REQUEST') AS programme, f.fiscal_year,
                f.source_code, f.currency, f.committed, f.spent
           FROM funding_line f JOIN cooperation_request r ON r.id = f.request_id JOIN partner p ON p.id = r.partner_id
          WHERE r.submitted_at IS NOT NULL AND ${scope.sql}
         UNION ALL
         SELECT NULL, NULL, o.kind, f.fiscal_year, f.source_code, f.currency, f.committed, f.spent
           FROM funding_line f JOIN offering o ON o.id = f.offering_id
          WHERE :withOfferings::boolean)
       SELECT partner_code AS "partnerCode", partner_name AS "partnerName", programme, fiscal_year AS "fiscalYear", source_code AS "sourceCode", currency,
              sum(committed)::text AS committed, sum(spent)::text AS spent, count(*)::int AS lines
         FROM l
        WHERE (:partnerCodes::text[] IS NULL OR partner_code = ANY(:partnerCodes::text[]))
          AND (:programmes::text[] IS NULL OR programme = ANY(:programmes::text[]))
          AND (:yearFrom::int IS NULL OR fiscal_year >= :yearFrom::int)
          AND (:yearTo::int IS NULL OR fiscal_year <= :yearTo::int)
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY partner_name NULLS LAST, programme, fiscal_year, source_code, currency
        LIMIT :limit`,
      {
        ...scope.params,
        withOfferings,
        partnerCodes: filter.partnerCodes?.length ? filter.partnerCodes : null,
        programmes: filter.programmes?.length ? filter.programmes : null,
        yearFrom: filter.yearFrom ?? null,
        yearTo: filter.yearTo ?? null,
        limit,
      },
    );
  }
}
