import type { RequestContext } from '../context/request-context.js';

export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string;
}

/**
 * Turns the credentials of one request into `ctx.actor`; returns why presented credentials were refused
 * (the guard shows it on operations that need a caller), or undefined. Implemented by the identity context with
 * passport strategies (AuthenticationService); the GraphQL context factory runs it once per request, before the
 * preExecution hooks (which read the caller: replica routing, metrics), and AuthorizationGuard decides.
 */
export interface RequestAuthenticator {
  authenticate(ctx: RequestContext, headers: CredentialHeaders): Promise<string | undefined>;
}
