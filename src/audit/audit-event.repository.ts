import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';

/** One event to append, as the columns of audit_event hold it. */
export interface AuditEventRow {
  actorKind: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

/** The audit trail's only statement: an append (the table refuses UPDATE and DELETE). */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly sql: Sql) {}

  /** Written in the context's unit of work when it has one, so the event commits or rolls back with its change. */
  async append(ctx: RequestContext, event: AuditEventRow): Promise<void> {
    await this.sql.execute(
      ctx,
      `INSERT INTO audit_event (actor_kind, actor_id, action, target_type, target_id, details, ip, request_id)
       VALUES (:actorKind, :actorId, :action, :targetType, :targetId, :details::jsonb, :ip, :requestId)`,
      // jsonb as text: pg would bind a top-level array as a PostgreSQL array, not as JSON.
      { ...event, details: JSON.stringify(event.details) },
    );
  }
}
