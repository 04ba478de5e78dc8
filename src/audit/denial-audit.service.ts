import { Injectable } from '@nestjs/common';
import { DenialRecorder } from '../common/auth/denial-recorder.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { RateLimitRepository } from '../common/rate-limit/rate-limit.repository.js';
import { AppConfig } from '../config/app-config.js';
import { AuditService } from './audit.service.js';

export const DENIAL_ACTION = 'authorization.denied';
const DENIAL_WINDOW_SECONDS = 60;

/** Refusals that are authorization decisions (NOT_FOUND too: the access rule makes forbidden look like it). */
export const DENIAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.UNAUTHENTICATED]);

export interface Denial {
  /** The mutation field, e.g. transitionRequest; for a REST route, its method and path pattern (GET /api/attachments/:id). */
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
export class DenialAuditService extends DenialRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly windows: RateLimitRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** The REST routes' refusals (RestErrorFilter): the same rule and row as a refused GraphQL mutation's. */
  async recordRefusal(ctx: RequestContext, operation: string, error: unknown): Promise<void> {
    if (error instanceof DomainError && DENIAL_CODES.has(error.code)) await this.record(ctx, { operation, code: error.code });
  }

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
