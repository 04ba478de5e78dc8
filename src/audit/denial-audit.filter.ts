import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../common/context/ctx.decorator.js';
import { DomainError } from '../common/errors/domain-error.js';
import { DENIAL_CODES, DenialAuditService } from './denial-audit.service.js';

/** Sign-in, refresh and sign-out check credentials, not permissions, and record their own events. */
const SESSION_MUTATIONS = new Set(['login', 'refreshSession', 'logout']);

/**
 * Every error a GraphQL resolver (or the guard before it) throws passes here on its way to the error
 * formatter. Nest's default for this path logs each one at error level with its stack, refusals included;
 * this filter does not log: the formatter logs faults at error with their stack and refusals at debug,
 * once each. A refused mutation is recorded in the audit trail first (see DenialAuditService). HTTP routes
 * (the health probes) keep Nest's default handling; the REST file routes record theirs in RestErrorFilter.
 */
@Catch()
export class DenialAuditFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(DenialAuditFilter.name);

  constructor(private readonly denials: DenialAuditService) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    return this.recordDenial(exception, host).then(() => {
      throw exception;
    });
  }

  private async recordDenial(exception: unknown, host: ArgumentsHost): Promise<void> {
    if (!(exception instanceof DomainError) || !DENIAL_CODES.has(exception.code)) return;
    const info = host.getArgByIndex<GraphQLResolveInfo | undefined>(3);
    const ctx = host.getArgByIndex<GraphQLContext | undefined>(2)?.ctx;
    if (!info || !ctx || info.operation.operation !== 'mutation' || info.path.prev !== undefined || SESSION_MUTATIONS.has(info.fieldName)) return;
    try {
      await this.denials.record(ctx, { operation: info.fieldName, operationName: info.operation.name?.value, code: exception.code });
    } catch (auditError) {
      // The caller still gets the refusal; a trail that cannot be written is a fault for the operators.
      this.logger.error(auditError, 'could not record a refused mutation in the audit trail');
    }
  }
}
