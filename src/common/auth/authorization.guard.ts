import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AppConfig } from '../../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ALLOW_KEY, PUBLIC_KEY } from './allow.decorator.js';
import { Permission } from './permission.js';

/** What the GraphQL context factory hands the guard: the context, and why presented credentials failed. */
export interface AuthenticatedGraphQLContext {
  ctx: RequestContext;
  authFailure?: string;
  /** The error that stopped the credentials from being checked at all (the database is away, say). */
  authError?: unknown;
}

export const UNDECLARED_MESSAGE = 'This operation is not available.';
export const SIGN_IN_MESSAGE = 'Sign in, or send a valid API key, to do this.';
export const NO_PERMISSION_MESSAGE = 'You do not have permission to do this.';

/**
 * Default deny for every GraphQL query and mutation: an operation runs only when it declares @Public()
 * or @Allow(...) and the caller holds one of the permissions. The caller was authenticated once per request,
 * by the context factory, through the passport strategy its credential calls for (identity's
 * AuthenticationService: access token, API key; none without credentials); this guard turns a refused credential
 * into UNAUTHENTICATED with the strategy's reason. Field resolvers are not guarded (Nest's default): their parent was.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly logger = new Logger(AuthorizationGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(execution: ExecutionContext): boolean {
    // REST routes either carry no data (health probes, metrics, SSO legs), take a URL token as the credential
    // (calendar feeds, checked by CalendarService), or authenticate and check permissions themselves with the
    // same authenticator and rule (httpCaller: exports, imports, attachments).
    if (execution.getType<GqlContextType>() !== 'graphql') return true;
    const { ctx, authFailure, authError } = GqlExecutionContext.create(execution).getContext<AuthenticatedGraphQLContext>();
    // Thrown here rather than by the context factory, so it reaches the error mapping like any other.
    if (authError !== undefined) throw authError;
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const allowed = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, targets);
    if (!allowed || allowed.length === 0) {
      this.logger.error(`${execution.getClass().name}.${execution.getHandler().name} declares neither @Allow nor @Public: refused`);
      throw DomainError.forbidden(UNDECLARED_MESSAGE);
    }
    if (this.config.CATALOGUE_PUBLIC && allowed.includes(Permission.ReadCatalogue)) return true;

    if (!ctx.isAuthenticated) throw DomainError.unauthenticated(authFailure ?? SIGN_IN_MESSAGE);
    if (!allowed.some((p) => ctx.can(p))) throw DomainError.forbidden(NO_PERMISSION_MESSAGE);
    return true;
  }
}
