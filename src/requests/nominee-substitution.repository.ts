import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';
import type { ParticipantData } from './cooperation-request.entity.js';

export interface SubstitutionRow {
  id: string;
  request_id: string;
  nominee: number;
  proposed: ParticipantData;
  reason: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  decision_reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

const COLUMNS = 'id, request_id, nominee, proposed, reason, status, decision_reason, created_at, decided_at';

/** Statements on nominee_substitution (a request's substitutions inside the change window). */
@Injectable()
export class NomineeSubstitutionRepository {
  constructor(private readonly sql: Sql) {}

  /** A new PENDING substitution; undefined when one is already pending for that nominee. */
  insert(ctx: RequestContext, requestId: string, nominee: number, proposed: ParticipantData, reason: string, requestedBy: string | null): Promise<SubstitutionRow | undefined> {
    return this.sql.one<SubstitutionRow>(
      ctx,
      `INSERT INTO nominee_substitution (request_id, nominee, proposed, reason, requested_by) VALUES (:requestId, :nominee, :proposed::jsonb, :reason, :requestedBy)
       ON CONFLICT (request_id, nominee) WHERE status = 'PENDING' DO NOTHING RETURNING ${COLUMNS}`,
      { requestId, nominee, proposed: JSON.stringify(proposed), reason, requestedBy },
    );
  }

  /** The substitution, locked, with its request id (the caller checks the request is in reach). */
  lock(ctx: RequestContext, id: string): Promise<SubstitutionRow | undefined> {
    return this.sql.one<SubstitutionRow>(ctx, `SELECT ${COLUMNS} FROM nominee_substitution WHERE id = :id FOR UPDATE`, { id });
  }

  decide(ctx: RequestContext, id: string, status: 'APPROVED' | 'REJECTED', reason: string | null, decidedBy: string | null): Promise<SubstitutionRow | undefined> {
    return this.sql.one<SubstitutionRow>(
      ctx,
      `UPDATE nominee_substitution SET status = :status, decision_reason = :reason, decided_by = :decidedBy, decided_at = now()
        WHERE id = :id AND status = 'PENDING' RETURNING ${COLUMNS}`,
      { id, status, reason, decidedBy },
    );
  }

  /** Substitutions of these requests, oldest first (a DataLoader batch). */
  ofRequests(ctx: RequestContext, requestIds: readonly string[]): Promise<SubstitutionRow[]> {
    return this.sql.rows<SubstitutionRow>(ctx, `SELECT ${COLUMNS} FROM nominee_substitution WHERE request_id = ANY(:ids::uuid[]) ORDER BY created_at, id`, {
      ids: [...requestIds],
    });
  }
}
