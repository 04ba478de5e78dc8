import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor, RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { ActorLoader } from '../actor-loader.js';
import { ApiKeyRepository } from '../api-key.repository.js';
import { API_KEY_PREFIX } from '../api-key.service.js';
import { sha256 } from '../secrets.js';
import type { CredentialRequest } from './credential-request.js';

/** lastUsedAt (and the "key used" audit event) is written at most this often per key. */
const KEY_USE_WRITE_INTERVAL_MS = 60_000;

export const BAD_API_KEY_MESSAGE = 'The API key is not valid: it is unknown, revoked or expired.';

/**
 * An integration's key (`pcp_…`, as `Authorization: Bearer` or `X-API-Key`): one indexed statement on the key's
 * SHA-256 (the catalogue's hot path: nothing else runs per request), plus a throttled "used" write at most once
 * a minute per key.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async validate(request: CredentialRequest): Promise<[Actor] | [false, { message: string }]> {
    const secret = request.credential ?? '';
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return [false, { message: BAD_API_KEY_MESSAGE }];
    const key = await this.keys.live(request.ctx, sha256(secret));
    if (!key) return [false, { message: BAD_API_KEY_MESSAGE }];
    const actor = ActorLoader.forApiKey(key);
    // The "used" event is the key's own act: the context carries it before the event is written.
    request.ctx.actor = actor;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= KEY_USE_WRITE_INTERVAL_MS) await this.recordUse(request.ctx, key.id);
    return [actor];
  }

  /** Throttled in SQL too, so concurrent requests (or instances) write one event per interval. */
  private async recordUse(ctx: RequestContext, keyId: string): Promise<void> {
    await this.unitOfWork.run(ctx, async (tx) => {
      if (await this.keys.touch(tx, keyId, KEY_USE_WRITE_INTERVAL_MS / 1000)) await this.audit.record(tx, 'apiKey.used', { type: 'ApiKey', id: keyId });
    });
  }
}
