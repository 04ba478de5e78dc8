import { Inject, Injectable, Logger, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AppConfig } from '../../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ALLOW_KEY, PUBLIC_KEY } from './allow.decorator.js';
import { Permission } from './permission.js';
import { REQUEST_AUTHENTICATOR, type CredentialHeaders, type RequestAuthenticator } from './request-authenticator.js';

/**
 * What the GraphQL context factory hands the guard: the context and the request's credential headers (absent
 * when it sent none). `authentication` is the one run of the strategies for this request, shared by every
 * operation of the document: why presented credentials failed, or a rejection when they could not be checked
 * at all (the database is away, say).
 */
export interface AuthenticatedGraphQLContext {
  ctx: RequestContext;
  credentials?: CredentialHeaders;
  authentication?: Promise<string | undefined>;
}

export const UNDECLARED_MESSAGE = 'This operation is not available.';
export const SIGN_IN_MESSAGE = 'Sign in, or send a valid API key, to do this.';
export const NO_PERMISSION_MESSAGE = 'You do not have permission to do this.';

/**
 * The one guard of every GraphQL query and mutation. First it authenticates the request, once however many
 * operations the document holds: the identity context's RequestAuthenticator runs the passport strategy the
 * credential calls for (access token, API key) and sets `ctx.actor`; a request without credentials runs none.
 * Then default deny: an operation runs only when it declares @Public() or @Allow(...) and the caller holds one
 * of the permissions. Field resolvers are not guarded (Nest's default): their parent was.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly logger = new Logger(AuthorizationGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    @Optional() @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator?: RequestAuthenticator,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    // REST routes are the health probes only; they carry no data. GraphQL is where the data is.
    if (execution.getType<GqlContextType>() !== 'graphql') return true;
    const context = GqlExecutionContext.create(execution).getContext<AuthenticatedGraphQLContext>();
    const { ctx } = context;
    // An error here (the database is away) reaches the error mapping like any other.
    const authFailure = context.credentials && this.authenticator ? await (context.authentication ??= this.authenticator.authenticate(ctx, context.credentials)) : undefined;
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
