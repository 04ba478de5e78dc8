import { Injectable } from '@nestjs/common';
import type { CredentialHeaders, RequestAuthenticator } from '../common/auth/request-authenticator.js';
import type { Actor, RequestContext } from '../common/context/request-context.js';
import { API_KEY_PREFIX } from './api-key.service.js';
import { AccessTokenStrategy } from './passport/access-token.strategy.js';
import { ApiKeyStrategy } from './passport/api-key.strategy.js';
import type { CredentialRequest } from './passport/credential-request.js';
import { runStrategy } from './passport/run-strategy.js';

export { SESSION_ENDED_MESSAGE } from './passport/access-token.strategy.js';
export { BAD_API_KEY_MESSAGE } from './passport/api-key.strategy.js';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;

/**
 * Authenticates a request once, through the passport strategy its credential calls for: `X-API-Key` or a
 * `Bearer pcp_…` is the API-key strategy, any other `Bearer` token the access-token strategy; a request without
 * credentials runs none (anonymous costs nothing). Credentials that fail leave the caller anonymous with the
 * strategy's reason; the guard turns that into UNAUTHENTICATED for any operation that needs a caller.
 * (Sign-in with a password is the local strategy, run by the `login` mutation; single sign-on is the OIDC one.)
 */
@Injectable()
export class AuthenticationService implements RequestAuthenticator {
  constructor(
    private readonly accessTokens: AccessTokenStrategy,
    private readonly apiKeys: ApiKeyStrategy,
  ) {}

  async authenticate(ctx: RequestContext, headers: CredentialHeaders): Promise<string | undefined> {
    const authorization = headers.authorization;
    const apiKey = headers['x-api-key'];
    if (authorization !== undefined && apiKey !== undefined) return 'Send one credential: either Authorization or X-API-Key, not both.';
    if (apiKey !== undefined) return this.run(ctx, this.apiKeys, apiKey.trim());
    if (authorization === undefined) return undefined;

    const bearer = BEARER.exec(authorization);
    if (!bearer) return 'The Authorization header must be "Bearer <token>".';
    const credential = bearer[1]!;
    return this.run(ctx, credential.startsWith(API_KEY_PREFIX) ? this.apiKeys : this.accessTokens, credential);
  }

  private async run(ctx: RequestContext, strategy: AccessTokenStrategy | ApiKeyStrategy, credential: string): Promise<string | undefined> {
    const request: CredentialRequest = { ctx, credential };
    const outcome = await runStrategy<Actor>(strategy, request);
    if (!outcome.ok) return outcome.message ?? 'The credentials are not valid.';
    ctx.actor = outcome.user;
    return undefined;
  }
}
