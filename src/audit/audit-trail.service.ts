import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { AuditEventRepository, type AuditEventConditions, type StoredAuditEventRow } from './audit-event.repository.js';
import { AuditService } from './audit.service.js';
import { ACTOR_KINDS, type AuditEventConnection, type AuditEventExport, type AuditEventFilter, type AuditEventNode } from './dto/audit-trail.dto.js';

const CURSOR_TAG = 'audit:id';
/** The most rows one CSV export holds; a larger selection is cut and says so (`truncated`). */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;
const CSV_COLUMNS = ['id', 'at', 'actorKind', 'actorId', 'action', 'targetType', 'targetId', 'ip', 'requestId', 'details'] as const;

const ACTION = /^[A-Za-z0-9_.]{1,100}$/;
const TEXT_MAX = 100;

function conditionsOf(filter: AuditEventFilter): AuditEventConditions {
  if (filter.action && !ACTION.test(filter.action)) throw DomainError.badInput('filter.action must be a dotted verb such as auth.login, or a family such as auth.', 'filter.action');
  if (filter.actorKind && !(ACTOR_KINDS as readonly string[]).includes(filter.actorKind)) throw DomainError.badInput(`filter.actorKind must be one of ${ACTOR_KINDS.join(', ')}.`, 'filter.actorKind');
  for (const field of ['actorId', 'targetType', 'targetId'] as const) {
    if ((filter[field]?.length ?? 0) > TEXT_MAX) throw DomainError.badInput(`filter.${field} must be at most ${TEXT_MAX} characters.`, `filter.${field}`);
  }
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) throw DomainError.badInput('filter.from must be before filter.to.', 'filter.to');
  return {
    actorKind: filter.actorKind ?? undefined,
    actorId: filter.actorId?.trim() || undefined,
    action: filter.action ?? undefined,
    targetType: filter.targetType?.trim() || undefined,
    targetId: filter.targetId?.trim() || undefined,
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
  };
}

function toNode(row: StoredAuditEventRow): AuditEventNode {
  return { ...row, details: JSON.stringify(row.details) };
}

/** One CSV cell (RFC 4180), with spreadsheet formulas neutralised: a cell that starts with = + - @ is prefixed with '. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The audit trail for administrators: a keyset-paged list newest first, with filters, and its CSV export. Every
 * read is itself an event (`audit.read`, `audit.export`, with the filter), written before any row is returned.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, filter: AuditEventFilter, first: number | null | undefined, after: string | null | undefined): Promise<AuditEventConnection> {
    const limit = pageSize(first);
    const conditions = conditionsOf(filter);
    const position = after ? decodeCursor(after, CURSOR_TAG, 1, 'after', (v) => typeof v[0] === 'string' && /^[0-9]{1,19}$/.test(v[0])) : undefined;
    await this.audit.record(ctx, 'audit.read', null, { filter: this.described(filter), first: limit, ...(after ? { after } : {}) });
    const [rows, total] = await Promise.all([
      this.events.page(ctx, { ...conditions, beforeId: position ? (position[0] as string) : undefined }, limit + 1),
      this.events.count(ctx, conditions),
    ]);
    return { ...toConnection(rows.map(toNode), limit, after, (e) => encodeCursor(CURSOR_TAG, [e.id])), totalCount: total };
  }

  async exportCsv(ctx: RequestContext, filter: AuditEventFilter): Promise<AuditEventExport> {
    const conditions = conditionsOf(filter);
    await this.audit.record(ctx, 'audit.export', null, { filter: this.described(filter) });
    const rows = await this.events.page(ctx, conditions, AUDIT_EXPORT_MAX_ROWS + 1);
    const kept = rows.slice(0, AUDIT_EXPORT_MAX_ROWS);
    const lines = [CSV_COLUMNS.join(',')];
    for (const row of kept) {
      const node = toNode(row);
      lines.push(CSV_COLUMNS.map((column) => csvCell(column === 'at' ? node.at.toISOString() : node[column])).join(','));
    }
    return { csv: `${lines.join('\r\n')}\r\n`, rowCount: kept.length, truncated: rows.length > AUDIT_EXPORT_MAX_ROWS };
  }

  /** The filter as given, without empty fields, for the read's own event. */
  private described(filter: AuditEventFilter): Record<string, string> {
    return Object.fromEntries(
      Object.entries(filter)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
    );
  }
}
