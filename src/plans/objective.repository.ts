import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { ObjectiveStatus, PartnerObjective } from './dto/objective.types.js';

/** The columns of an objective a caller sets. */
export interface ObjectiveRow {
  title: string;
  ends: string;
  ways: string | null;
  means: string | null;
  owner: string | null;
  target_date: string | null;
  status: ObjectiveStatus;
}

const OBJECTIVE = `o.id, o.partner_id AS "partnerId", o.title, o.ends, o.ways, o.means, o.owner, o.target_date::text AS "targetDate",
  o.status, o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

/** Partners' plans (partner_objective): plain SQL through `Sql`. */
@Injectable()
export class ObjectiveRepository {
  constructor(private readonly sql: Sql) {}

  /** A partner's objectives (or several partners'), open ones first by target date. A plan holds tens; a list stops at 200 (the query cost counts on it: ask per partner). */
  list(ctx: RequestContext, partnerIds: readonly string[] | null, statuses: readonly ObjectiveStatus[] | null): Promise<PartnerObjective[]> {
    return this.sql.rows<PartnerObjective>(
      ctx,
      `SELECT ${OBJECTIVE} FROM partner_objective o
        WHERE (:partnerIds::uuid[] IS NULL OR o.partner_id = ANY(:partnerIds::uuid[]))
          AND (:statuses::text[] IS NULL OR o.status = ANY(:statuses::text[]))
        ORDER BY o.status IN ('ACHIEVED', 'DROPPED'), o.target_date NULLS LAST, o.title, o.id
        LIMIT 200`,
      { partnerIds: partnerIds ? [...partnerIds] : null, statuses: statuses ? [...statuses] : null },
    );
  }

  byIds(ctx: RequestContext, ids: readonly string[]): Promise<PartnerObjective[]> {
    return this.sql.rows<PartnerObjective>(ctx, `SELECT ${OBJECTIVE} FROM partner_objective o WHERE o.id = ANY(:ids::uuid[])`, { ids: [...ids] }, { prepare: true });
  }

  /** Locked for an update in the caller's unit of work. */
  async lock(ctx: RequestContext, id: string): Promise<PartnerObjective | undefined> {
    return this.sql.one<PartnerObjective>(ctx, `SELECT ${OBJECTIVE} FROM partner_objective o WHERE o.id = :id FOR UPDATE`, { id });
  }

  async insert(ctx: RequestContext, partnerId: string, proposedBy: string | null, row: ObjectiveRow): Promise<PartnerObjective> {
    return (await this.sql.one<PartnerObjective>(
      ctx,
      `INSERT INTO partner_objective AS o (partner_id, proposed_by, title, ends, ways, means, owner, target_date, status)
       VALUES (:partnerId, :proposedBy, :title, :ends, :ways, :means, :owner, :target_date, :status)
       RETURNING ${OBJECTIVE}`,
      { ...row, partnerId, proposedBy },
    ))!;
  }

  /** Null when the version moved on (the caller reports a conflict). */
  update(ctx: RequestContext, id: string, expectedVersion: number, row: ObjectiveRow): Promise<PartnerObjective | undefined> {
    return this.sql.one<PartnerObjective>(
      ctx,
      `UPDATE partner_objective AS o SET title = :title, ends = :ends, ways = :ways, means = :means, owner = :owner, target_date = :target_date,
              status = :status, version = o.version + 1, updated_at = now()
        WHERE o.id = :id AND o.version = :expectedVersion
        RETURNING ${OBJECTIVE}`,
      { ...row, id, expectedVersion },
    );
  }
}
