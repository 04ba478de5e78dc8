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

/** The conditions of a read of the trail (AuditEventFilter, checked). */
export interface AuditEventConditions {
  actorKind?: string;
  actorId?: string;
  /** Exact, or a family prefix when it ends with a dot. */
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Keyset: events older (smaller id) than this one. */
  beforeId?: string;
}

/** An event as read back. */
export interface StoredAuditEventRow extends Omit<AuditEventRow, 'details'> {
  id: string;
  at: Date;
  details: Record<string, unknown>;
}

const STORED = `e.id::text AS id, e.at, e.actor_kind AS "actorKind", e.actor_id AS "actorId", e.action, e.target_type AS "targetType",
  e.target_id AS "targetId", e.details, e.ip, e.request_id AS "requestId"`;

function whereOf(c: AuditEventConditions): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, name: string, value: unknown) => {
    conditions.push(sql);
    params[name] = value;
  };
  if (c.actorKind) add('e.actor_kind = :actorKind', 'actorKind', c.actorKind);
  if (c.actorId) add('e.actor_id = :actorId', 'actorId', c.actorId);
  if (c.action?.endsWith('.')) add("e.action LIKE :actionPrefix ESCAPE '\\'", 'actionPrefix', `${c.action.replace(/[\\%_]/g, (x) => `\\${x}`)}%`);
  else if (c.action) add('e.action = :action', 'action', c.action);
  if (c.targetType) add('e.target_type = :targetType', 'targetType', c.targetType);
  if (c.targetId) add('e.target_id = :targetId', 'targetId', c.targetId);
  if (c.from) add('e.at >= :from', 'from', c.from);
  if (c.to) add('e.at < :to', 'to', c.to);
  if (c.beforeId) add('e.id < :beforeId::bigint', 'beforeId', c.beforeId);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Every statement on audit_event: appends (the table refuses UPDATE and DELETE) and the administrators' reads. */
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

  /** Newest first (by id: the order written), `limit` rows after the keyset position. */
  async page(ctx: RequestContext, conditions: AuditEventConditions, limit: number): Promise<StoredAuditEventRow[]> {
    const { where, params } = whereOf(conditions);
    return this.sql.rows<StoredAuditEventRow>(ctx, `SELECT ${STORED} FROM audit_event e ${where} ORDER BY e.id DESC LIMIT :limit`, { ...params, limit });
  }

  async count(ctx: RequestContext, conditions: Omit<AuditEventConditions, 'beforeId'>): Promise<number> {
    const { where, params } = whereOf(conditions);
    return (await this.sql.one<{ n: number }>(ctx, `SELECT count(*)::int AS n FROM audit_event e ${where}`, params))!.n;
  }
}
