import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { Actor } from '../../common/context/request-context.js';
import { ActorLoader } from '../actor-loader.js';
import { TokenService } from '../token.service.js';
import type { CredentialRequest } from './credential-request.js';

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.';

/**
 * `Authorization: Bearer <access token>`: the HS256 token is verified in memory, then its session and user are
 * read in one statement (so sign-out, deactivation and role changes take effect on the next request).
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
  ) {
    super();
  }

  async validate(request: CredentialRequest): Promise<[Actor] | [false, { message: string }]> {
    const verified = await this.tokens.verify(request.credential ?? '');
    if (!verified.ok) return [false, { message: verified.reason }];
    const actor = await this.actors.forSession(request.ctx, verified.claims.sub, verified.claims.sid);
    return actor ? [actor] : [false, { message: SESSION_ENDED_MESSAGE }];
  }
}
