import { Injectable } from '@nestjs/common';
import type { CredentialHeaders, RequestAuthenticator } from '../common/auth/request-authenticator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { ActorLoader } from './actor-loader.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { API_KEY_PREFIX } from './api-key.service.js';
import { sha256 } from './secrets.js';
import { TokenService } from './token.service.js';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;
/** lastUsedAt (and the "key used" audit event) is written at most this often per key. */
const KEY_USE_WRITE_INTERVAL_MS = 60_000;

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.';
export const BAD_API_KEY_MESSAGE = 'The API key is not valid: it is unknown, revoked or expired.';

/**
 * Authenticates a request once, from `Authorization: Bearer <access token | API key>` or `X-API-Key`.
 * Credentials that fail leave the caller anonymous with a reason; the guard turns that into
 * UNAUTHENTICATED for any operation that needs a caller.
 */
@Injectable()
export class AuthenticationService implements RequestAuthenticator {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly audit: AuditService,
  ) {}

  async authenticate(ctx: RequestContext, headers: CredentialHeaders): Promise<string | undefined> {
    const authorization = headers.authorization;
    const apiKey = headers['x-api-key'];
    if (authorization !== undefined && apiKey !== undefined) return 'Send one credential: either Authorization or X-API-Key, not both.';
    if (apiKey !== undefined) return this.withApiKey(ctx, apiKey.trim());
    if (authorization === undefined) return undefined;

    const bearer = BEARER.exec(authorization);
    if (!bearer) return 'The Authorization header must be "Bearer <token>".';
    const credential = bearer[1]!;
    return credential.startsWith(API_KEY_PREFIX) ? this.withApiKey(ctx, credential) : this.withAccessToken(ctx, credential);
  }

  private async withAccessToken(ctx: RequestContext, token: string): Promise<string | undefined> {
    const verified = await this.tokens.verify(token);
    if (!verified.ok) return verified.reason;
    const actor = await this.actors.forSession(ctx, verified.claims.sub, verified.claims.sid);
    if (!actor) return SESSION_ENDED_MESSAGE;
    ctx.actor = actor;
    return undefined;
  }

  private async withApiKey(ctx: RequestContext, secret: string): Promise<string | undefined> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return BAD_API_KEY_MESSAGE;
    const key = await this.keys.live(ctx, sha256(secret));
    if (!key) return BAD_API_KEY_MESSAGE;
    ctx.actor = ActorLoader.forApiKey(key);
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= KEY_USE_WRITE_INTERVAL_MS) await this.recordUse(ctx, key.id);
    return undefined;
  }

  /** Throttled in SQL too, so concurrent requests (or instances) write one event per interval. */
  private async recordUse(ctx: RequestContext, keyId: string): Promise<void> {
    await this.unitOfWork.run(ctx, async (tx) => {
      if (await this.keys.touch(tx, keyId, KEY_USE_WRITE_INTERVAL_MS / 1000)) await this.audit.record(tx, 'apiKey.used', { type: 'ApiKey', id: keyId });
    });
  }
}
