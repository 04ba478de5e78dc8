import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NO_PERMISSION_MESSAGE, SIGN_IN_MESSAGE } from '../auth/authorization.guard.js';
import { DenialRecorder } from '../auth/denial-recorder.js';
import type { Permission } from '../auth/permission.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import { languageFromHeader, RequestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { mapError } from '../errors/error-mapping.js';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The caller of a REST route (exports, imports, attachments), authenticated exactly as GraphQL authenticates
 * (`Authorization: Bearer <access token>` or `X-API-Key`, through the identity context's RequestAuthenticator),
 * and held to the same rule as @Allow: one of `permissions`, else UNAUTHENTICATED or FORBIDDEN. Row-level scope
 * is then each service's business, as for GraphQL. No cookie is read, so a cross-site form cannot use it.
 */
export async function httpCaller(authenticator: RequestAuthenticator, request: FastifyRequest, ...permissions: Permission[]): Promise<RequestContext> {
  const ctx = new RequestContext(request.id, languageFromHeader(request.headers['accept-language']), request.ip);
  callers.set(request, ctx);
  const failure = await authenticator.authenticate(ctx, { authorization: header(request, 'authorization'), 'x-api-key': header(request, 'x-api-key') });
  if (!ctx.isAuthenticated) throw DomainError.unauthenticated(failure ?? SIGN_IN_MESSAGE);
  if (!permissions.some((p) => ctx.can(p))) throw DomainError.forbidden(NO_PERMISSION_MESSAGE);
  return ctx;
}

/** Each REST request's caller, for the error filter's audit row (who was refused), whatever step refused them. */
const callers = new WeakMap<FastifyRequest, RequestContext>();

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INVALID_TRANSITION]: HttpStatus.CONFLICT,
  [ErrorCode.NOT_ELIGIBLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CAPACITY_EXCEEDED]: HttpStatus.CONFLICT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * REST routes answer errors in GraphQL's shape (`{ errors: [{ message, extensions: { code } }] }`) with the
 * matching HTTP status, through the one error mapping, so clients and the web app read them the same way. A
 * refusal (FORBIDDEN, UNAUTHENTICATED, NOT_FOUND — as for GraphQL's mutations) is first written to the audit trail
 * as `authorization.denied`, its operation the route (`GET /api/attachments/:id`), its actor the caller.
 */
@Catch()
export class RestErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RestErrorFilter');

  constructor(private readonly denials: DenialRecorder) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    await this.recordRefusal(http.getRequest<FastifyRequest>(), error);
    const mapped = mapError(error);
    if (mapped.unexpected) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    // A streamed answer already under way cannot change its status: cut it, the client sees a broken download.
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    void reply
      .code(STATUS[mapped.code] ?? HttpStatus.INTERNAL_SERVER_ERROR)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send({ errors: [{ message: mapped.message, extensions: { ...mapped.details, code: mapped.code } }] });
  }

  private async recordRefusal(request: FastifyRequest, error: unknown): Promise<void> {
    const ctx = callers.get(request) ?? new RequestContext(request.id, 'en', request.ip);
    try {
      await this.denials.recordRefusal(ctx, `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`, error);
    } catch (auditError) {
      // The caller still gets the refusal; a trail that cannot be written is a fault for the operators.
      this.logger.error(auditError, 'could not record a refused request in the audit trail');
    }
  }
}
