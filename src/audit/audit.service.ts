import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { AuditEvent } from './audit-event.entity.js';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event. Pass the transaction's manager so the event commits (or rolls back) with the
   * change it describes; without one it is written on its own.
   */
  async record(
    ctx: RequestContext,
    action: string,
    target: AuditTarget | null = null,
    details: Record<string, unknown> = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(AuditEvent, {
      actorKind: ctx.actor?.kind ?? 'anonymous',
      actorId: ctx.actor?.id ?? null,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details: scrub(details) as never, // jsonb: TypeORM cannot type a free-form object column
      ip: ctx.ip ?? null,
      requestId: ctx.requestId,
    });
  }
}
