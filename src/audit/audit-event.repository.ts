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

  /** Several events in one statement (audited reads of a whole page). */
  async appendMany(ctx: RequestContext, events: readonly AuditEventRow[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.execute(
      ctx,
      `INSERT INTO audit_event (actor_kind, actor_id, action, target_type, target_id, details, ip, request_id)
       SELECT e.actor_kind, e.actor_id, e.action, e.target_type, e.target_id, e.details, e.ip, e.request_id
         FROM jsonb_to_recordset(:events::jsonb) AS e(actor_kind text, actor_id text, action text, target_type text, target_id text, details jsonb, ip text, request_id text)`,
      {
        events: JSON.stringify(
          events.map((e) => ({
            actor_kind: e.actorKind, actor_id: e.actorId, action: e.action, target_type: e.targetType, target_id: e.targetId,
            details: e.details, ip: e.ip, request_id: e.requestId,
          })),
        ),
      },
    );
  }
}
