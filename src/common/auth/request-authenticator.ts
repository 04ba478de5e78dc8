import type { RequestContext } from '../context/request-context.js';

export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string;
}

/**
 * Turns the credentials of one request into `ctx.actor`; returns why presented credentials were refused
 * (the guard shows it on operations that need a caller), or undefined. Implemented by the identity context.
 */
export interface RequestAuthenticator {
  authenticate(ctx: RequestContext, headers: CredentialHeaders): Promise<string | undefined>;
}

/** The injection token of the identity context's RequestAuthenticator (the guard runs it). */
export const REQUEST_AUTHENTICATOR = Symbol('RequestAuthenticator');
