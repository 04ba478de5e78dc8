import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context.js';
import type { ErrorCode } from '../common/errors/error-code.js';
import { RateLimitRepository } from '../common/rate-limit/rate-limit.repository.js';
import { AppConfig } from '../config/app-config.js';
import { AuditService } from './audit.service.js';

export const DENIAL_ACTION = 'authorization.denied';
const DENIAL_WINDOW_SECONDS = 60;

export interface Denial {
  /** The mutation field, e.g. transitionRequest. */
  operation: string;
  /** The client's name for the document, when it gave one. */
  operationName?: string;
  code: ErrorCode;
}

/**
 * Failed authorization decisions in the audit trail (ASVS 16.3.2), at most AUDIT_DENIALS_PER_MINUTE per
 * caller per minute: the window is reserved atomically like the sign-in throttle's, so the limit holds
 * across concurrent requests and instances. Written on its own, after the refused mutation's transaction
 * has rolled back.
 */
@Injectable()
export class DenialAuditService {
  constructor(
    private readonly audit: AuditService,
    private readonly windows: RateLimitRepository,
    private readonly config: AppConfig,
  ) {}

  async record(ctx: RequestContext, denial: Denial): Promise<void> {
    const caller = ctx.actor ? `${ctx.actor.kind}:${ctx.actor.id}` : `ip:${ctx.ip ?? 'unknown'}`;
    const key = `audit.denied:${caller}`;
    const max = this.config.AUDIT_DENIALS_PER_MINUTE;
    const reservation = await this.windows.reserve(ctx, [{ key, maxHits: max }], DENIAL_WINDOW_SECONDS);
    if (!reservation.granted) return;
    const last = reservation.hits.get(key) === max;
    await this.audit.record(ctx, DENIAL_ACTION, null, {
      operation: denial.operation,
      ...(denial.operationName ? { operationName: denial.operationName } : {}),
      code: denial.code,
      // The summary: the trail says where it stops, so a gap is not mistaken for quiet.
      ...(last ? { limitReached: `further refusals of this caller are not recorded for up to ${DENIAL_WINDOW_SECONDS} seconds (AUDIT_DENIALS_PER_MINUTE=${max})` } : {}),
    });
    if (last) await this.windows.prune(ctx);
  }
}
