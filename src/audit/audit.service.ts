import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import { AuditEventRepository, type AuditEventRow } from './audit-event.repository.js';

/** The record an event is about, e.g. { type: 'User', id }. */
export interface AuditTarget {
  type: string;
  id: string;
}

/** Keys whose values never belong in the trail, whatever a caller passes. */
const SECRET_KEYS = /password|secret|token|hash/i;

function scrub(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : v]));
}

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  /**
   * Appends one event. Called with a unit of work's context (`tx`), the event commits (or rolls back) with the
   * change it describes; with a context outside one, it is written on its own.
   */
  async record(ctx: RequestContext, action: string, target: AuditTarget | null = null, details: Record<string, unknown> = {}): Promise<void> {
    await this.events.append(ctx, this.row(ctx, action, target, details));
  }

  /**
   * Records that the caller read `target` (e.g. a request's participants), once per target and response: the
   * reads a response makes in one tick are written as one statement, one row per target, on the pool (reads
   * have no unit of work). Resolves once the rows are written, so nothing is shown that was not recorded.
   */
  recordRead(ctx: RequestContext, action: string, target: AuditTarget): Promise<void> {
    return ctx.loaders
      .get<string, void>(`audit-read:${action}:${target.type}`, async (ids) => {
        await this.events.appendMany(ctx, ids.map((id) => this.row(ctx, action, { type: target.type, id }, {})));
        return ids.map(() => undefined);
      })
      .load(target.id);
  }

  private row(ctx: RequestContext, action: string, target: AuditTarget | null, details: Record<string, unknown>): AuditEventRow {
    return {
      actorKind: ctx.actor?.kind ?? 'anonymous',
      actorId: ctx.actor?.id ?? null,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details: scrub(details),
      ip: ctx.ip ?? null,
      requestId: ctx.requestId,
    };
  }
}
